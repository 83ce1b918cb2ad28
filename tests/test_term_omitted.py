"""Source-aware terms: the same English flagged or not by its source; omitted terms warned."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.checks import CheckContext
from retranslate.checks.term_omitted import run
from retranslate.files.document import decode
from retranslate.glossary import load_glossary

ALIGN = DATA / "align"
GLOSSARY = load_glossary([ALIGN / "glossary.toml"])


def _omitted(english: str, russian: str) -> list[tuple[str, str, str | None, bool]]:
    ctx = CheckContext(decode(english.encode(), "a.en.txt"), GLOSSARY,
                       decode(russian.encode(), "a.ru.txt"))
    return [(f.rule, f.text, f.evidence, f.autofix) for f in run(ctx)]


RU = "Полиция разогнала протестующих у станции метро. Задержаны 40 человек."


@pytest.mark.parametrize(("english", "expected"), [
    ("Police dispersed the crowd near the metro station. 40 people were detained.",
     [("term-omitted/a-protester", "Police dispersed the crowd near the metro station.",
       "Полиция разогнала протестующих у станции метро.", False)]),
    ("Police dispersed the protesters near the metro station. 40 people were detained.", []),
    # A known wrong rendering is the glossary check's finding, not an omission.
    ("Police dispersed the Protestants near the metro station. 40 people were detained.", []),
])
def test_term_omitted(english: str, expected: list[tuple[str, str, str, bool]]) -> None:
    assert _omitted(english, RU) == expected


def test_nothing_without_source_or_terms() -> None:
    ctx = CheckContext(decode(b"Police dispersed the crowd.", "a.txt"), GLOSSARY)
    assert list(run(ctx)) == []
    assert _omitted("Police dispersed the crowd.", "Полиция разогнала толпу.") == []


def _json(cli, *args: str, cwd: Path) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = cli("check", "--format", "json", "--no-default-glossary", "-g",
                 str(ALIGN / "glossary.toml"), *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_same_english_flagged_or_not_by_its_source(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # minsk.en.txt says "Protestants" four times: twice for протестанты (right), twice for
    # протестующие (wrong). Only its source can tell them apart.
    for lang in ("en", "ru"):
        shutil.copy(ALIGN / f"minsk.{lang}.txt", tmp_path / f"minsk.{lang}.txt")
    findings = _json(cli, "--select", "glossary", "minsk.en.txt", cwd=tmp_path)
    protesters = [f for f in findings if f["rule"] == "glossary/a-protester"]
    assert [f["line"] for f in protesters] == [5, 5]
    assert all("протестующ" in str(f["evidence"]) for f in protesters)
    bbc = [f for f in findings if f["rule"] == "glossary/a-bbc"]
    assert [f["evidence"] for f in bbc] == [
        "Корреспондент ВВС Анна Лебедева сообщает, что акция была мирной."]

    # Swap in a source where every one is a Protestant: the same English is now right.
    source = (ALIGN / "minsk.ru.txt").read_text(encoding="utf-8")
    (tmp_path / "minsk.ru.txt").write_text(source.replace("протестующие", "протестанты")
                                           .replace("протестующих", "протестантов"),
                                           encoding="utf-8")
    findings = _json(cli, "--select", "glossary", "minsk.en.txt", cwd=tmp_path)
    assert not [f for f in findings if f["rule"] == "glossary/a-protester"]
