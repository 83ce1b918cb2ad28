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


def test_an_unambiguous_source_word_decides_over_a_far_not_near_word(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # Another paragraph is about a church; the source of this sentence says протестующие.
    findings = _check(tmp_path, cli,
                      "The Catholic church on the hill was restored last year.\n\n"
                      "The Protestants gathered on the square.\n",
                      "Католический храм на холме отреставрировали в прошлом году.\n\n"
                      "Протестующие собрались на площади.\n")
    assert [(f["text"], f["suggestion"]) for f in findings] == [("Protestants", "protesters")]
    assert findings[0]["evidence"] == "Протестующие собрались на площади."


def test_the_source_saying_protestants_keeps_them(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    findings = _check(tmp_path, cli,
                      "Police said the Protestants gathered on the square.\n",
                      "Полиция сообщила, что протестанты собрались на площади.\n")
    assert findings == []


def test_an_ambiguous_source_word_weighs_the_nearest_paragraph(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = ("The airbase was closed to visitors last week.\n\n"
               "The Air Force managed to talk to a teacher.\n")
    russian = ("На прошлой неделе авиабазу закрыли для посетителей.\n\n"
               "ВВС удалось поговорить с учительницей.\n")
    # The military word is a paragraph away: the source word ВВС, read here, is the BBC.
    assert [f["text"] for f in _check(tmp_path, cli, english, russian)] == ["Air Force"]
    english = "The Air Force managed to talk to a teacher near the airbase.\n"
    russian = "ВВС удалось поговорить с учительницей у авиабазы.\n"
    assert _check(tmp_path, cli, english, russian) == []


def test_a_reliable_unambiguous_source_word_makes_a_review_only_entry_a_safe_fix(
        tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # The Interior Ministry entry is review-only: "Ministry of Internal Affairs" is also the
    # ministries' own official English. Where МВД stands in the aligned sentence, it is the fix.
    english = ("In Almaty on 5 January the Ministry of Internal Affairs reported 12 arrests, "
               "Ivan Petrov said.\n")
    russian = "В Алматы 5 января МВД сообщило о 12 задержаниях, сказал Иван Петров.\n"
    (tmp_path / "a.en.txt").write_text(english, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(russian, encoding="utf-8")
    paired = cli("fix", "--select", "glossary", "a.en.txt", cwd=tmp_path)
    assert b"+In Almaty on 5 January the Interior Ministry reported" in paired.stdout
    (tmp_path / "a.ru.txt").unlink()
    alone = cli("fix", "--select", "glossary", "a.en.txt", cwd=tmp_path)
    assert alone.stdout == b""
    assert b"not fixed: glossary/interior-ministry" in alone.stderr
