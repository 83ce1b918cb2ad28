"""The glossary check with a Russian source: the source word is needed, not_near still vetoes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA
from retranslate.glossary.model import Entry, Glossary
from retranslate.glossary.validate import fix_text

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]


def _check(tmp_path: Path, cli, english: str, russian: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    (tmp_path / "a.en.txt").write_text(english, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(russian, encoding="utf-8")
    result = cli("check", "--format", "json", "--select", "glossary", *GLOSSARY, "a.en.txt",
                 cwd=tmp_path)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_source_word_flags_without_the_near_words(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    findings = _check(tmp_path, cli,
                      "Residents queued for bread. The Air Force managed to talk to a teacher.\n",
                      "Жители стояли в очередях за хлебом. "
                      "ВВС удалось поговорить с учительницей.\n")
    assert [(f["text"], f["suggestion"]) for f in findings] == [("Air Force", "BBC")]
    assert findings[0]["evidence"] == "ВВС удалось поговорить с учительницей."


def test_not_near_still_vetoes_an_ambiguous_source_word(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    findings = _check(tmp_path, cli,
                      "BBC News reported the strike. Pilots of the Russian Air Force scrambled a "
                      "jet from the airbase.\n",
                      "Би-би-си сообщила об ударе. Пилоты ВВС России подняли самолёт с "
                      "авиабазы.\n")
    assert findings == []


def test_source_without_the_word_clears_the_english(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    findings = _check(tmp_path, cli,
                      "Police watched the rally. The Protestants sang hymns.\n",
                      "Полиция наблюдала за митингом. Протестанты пели гимны.\n")
    assert findings == []


def test_acronyms_keep_the_target_case_but_headlines_shout() -> None:
    sizo = Entry(id="sizo", target="pre-trial detention centre", wrong=("SIZO",), note="n")
    looter = Entry(id="l", target="looter", wrong=("marauder",), note="n")
    assert fix_text("He was sent to a SIZO. SIZOs are full.", Glossary((sizo,)))[0] == (
        "He was sent to a pre-trial detention centre. Pre-trial detention centres are full.")
    assert fix_text("MARAUDERS LOOT SHOPS", Glossary((looter,)))[0] == "LOOTERS LOOT SHOPS"
