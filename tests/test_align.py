"""Sentence alignment: accuracy on the paired test set, confidence, and the `align` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.glossary import load_glossary
from retranslate.glossary.model import Glossary
from retranslate.language.align import align
from retranslate.language.segment import split_sentences
from retranslate.models import Span

ALIGN = DATA / "align"
GLOSSARY = ALIGN / "glossary.toml"
Link = tuple[tuple[int, ...], tuple[int, ...]]


def _side(text: str) -> tuple[int, ...]:
    text = text.strip()
    return () if text == "-" else tuple(int(x) for x in text.split(","))


def _gold(path: Path) -> set[Link]:
    links = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            en, ru = line.split("=")
            links.add((_side(en), _side(ru)))
    return links


def _run(glossary: Glossary | None) -> tuple[int, int, list[tuple[bool, float]]]:
    """Right links, gold links, and (right?, confidence) for every predicted link."""
    right = total = 0
    predicted: list[tuple[bool, float]] = []
    for gold_file in sorted(ALIGN.glob("*.gold")):
        ru = split_sentences(gold_file.with_suffix(".ru.txt").read_text(encoding="utf-8"), "ru")
        en = split_sentences(gold_file.with_suffix(".en.txt").read_text(encoding="utf-8"), "en")
        gold = _gold(gold_file)
        links = align(ru, en, glossary)
        # Every sentence of both sides is covered exactly once, in order.
        assert [i for link in links for i in link.target] == list(range(len(en)))
        assert [i for link in links for i in link.source] == list(range(len(ru)))
        found = {(link.target, link.source): link.confidence for link in links}
        right += len(gold & set(found))
        total += len(gold)
        predicted.extend((key in gold, confidence) for key, confidence in found.items())
    return right, total, predicted


def test_accuracy_with_glossary_anchors() -> None:
    right, total, predicted = _run(load_glossary([GLOSSARY]))
    assert total >= 90
    # Reached: 88 of 90 (97.8%); the misses are a one-word caption glued to its neighbour.
    assert right / total >= 0.95, f"{right}/{total}"
    reliable = [ok for ok, confidence in predicted if confidence >= 0.6]
    assert sum(reliable) / len(reliable) >= 0.98  # a reliable link is a right link
    assert sum(ok for ok, c in predicted if c < 0.6) <= 2  # little lost to caution


def test_accuracy_without_glossary() -> None:
    right, total, predicted = _run(None)
    # Reached: 86 of 90 (95.6%): numbers, names, Latin words, cognates and length alone.
    assert right / total >= 0.94, f"{right}/{total}"
    reliable = [ok for ok, confidence in predicted if confidence >= 0.6]
    assert sum(reliable) / len(reliable) >= 0.95


def test_one_to_one_drop_and_merge() -> None:
    ru = split_sentences("В Москве 5 градусов. Дождь закончится в 18:00. Ветер слабый.", "ru")
    en = split_sentences("It is 5 degrees in Moscow and the rain will end at 6 pm. "
                         "Photo: Reuters.", "en")
    links = align(ru, en)
    pairs = [(link.target, link.source) for link in links]
    assert ((0,), (0, 1)) in pairs
    assert sorted(i for link in links for i in link.source) == [0, 1, 2]
    assert all(0.0 <= link.confidence <= 1.0 for link in links)


def test_empty_sides() -> None:
    en = split_sentences("Only English here.", "en")
    assert align([], []) == []
    only = align([], en)
    assert [(link.target, link.source) for link in only] == [((0,), ())]


def test_low_confidence_is_not_reliable() -> None:
    # Three look-alike sentences, two translations: where the third went is a guess.
    ru = split_sentences("Все молчали. Все молчали. Все молчали.", "ru")
    en = split_sentences("Everyone was silent. Everyone was silent.", "en")
    links = align(ru, en)
    assert not any(link.reliable for link in links if len(link.source) > 1)
    assert min(link.confidence for link in links) < 0.6


def test_align_command_side_by_side(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("align", "--no-default-glossary", "-g", str(GLOSSARY), "--width", "120",
                 "--source", str(ALIGN / "kamensk.ru.txt"), str(ALIGN / "kamensk.en.txt"))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    line = next(x for x in out.splitlines() if x.startswith("The Air Force managed"))
    assert "ВВС удалось поговорить" in line
    assert any(x.lstrip().startswith("∅") and "до 20 марта" in x for x in out.splitlines())
    assert out.splitlines()[-1].startswith("17 links")


def test_align_command_json(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("align", "--no-default-glossary", "--format", "json",
                 "--source", str(ALIGN / "prices.ru.txt"), str(ALIGN / "prices.en.txt"))
    assert result.returncode == 0, result.stderr
    links = json.loads(result.stdout)
    merged = next(link for link in links if [s["index"] for s in link["source"]] == [2, 3])
    assert [t["index"] for t in merged["target"]] == [2]
    assert set(links[0]) == {"target", "source", "confidence", "reliable"}


@pytest.mark.parametrize("missing", ["source", "target"])
def test_align_command_missing_file(cli, tmp_path: Path, missing: str) -> None:  # type: ignore[no-untyped-def]
    files = {"source": str(ALIGN / "prices.ru.txt"), "target": str(ALIGN / "prices.en.txt")}
    files[missing] = str(tmp_path / "nope.txt")
    result = cli("align", "--no-default-glossary", "--source", files["source"], files["target"])
    assert result.returncode == 2
    assert b"nope.txt" in result.stderr


def test_an_unrelated_source_gives_no_reliable_link() -> None:
    english = "Tokayev met Putin in Moscow on Monday. The talks lasted two hours."
    related = "Токаев встретился с Путиным в Москве в понедельник. Переговоры длились два часа."
    unrelated = "Погода в Новосибирске хорошая. Завтра в Омске будет дождь."
    target = split_sentences(english, "en", (Span(0, len(english)),))
    for russian, reliable in ((related, True), (unrelated, False)):
        source = split_sentences(russian, "ru", (Span(0, len(russian)),))
        links = align(source, target)
        assert [(link.source, link.target) for link in links] == [((0,), (0,)), ((1,), (1,))]
        assert all(link.reliable == reliable for link in links), links
