"""Numbers, times, dates and percentages: read alike in both languages, compared per link."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from retranslate.checks import CheckContext
from retranslate.checks.numbers import run
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary
from retranslate.language import quantities

ALIGN = DATA / "align"


@pytest.mark.parametrize(("russian", "english"), [
    ("с 23:00 до 7:00", "from 11 pm to 7 am"),
    ("с 23:00 до 7:00", "from 11 p.m. to 7 a.m."),
    ("с 23:00 до 7:00", "from 23:00 to 07:00"),
    ("задержаны 2 тыс. человек", "2,000 people were detained"),
    ("задержаны 2 тыс. человек", "2 thousand people were detained"),
    ("задержаны 2 тысячи человек", "two thousand people were detained"),
    ("на 50-60 человек", "by 50–60 people"),
    ("выросли на 3,5%", "rose by 3.5 percent"),
    ("от 1,5 до 25 тыс. рублей", "from 1,500 to 25,000 rubles"),
    ("10 000 рублей", "10,000 rubles"),
    ("7 января 2022 года", "January 7, 2022"),
    ("1,5 млн", "1.5 million"),
])
def test_same_quantities_in_both_languages(russian: str, english: str) -> None:
    def values(found: list[quantities.Quantity]) -> set[tuple[str, str]]:
        return {(q.kind.replace("percent", "number"), q.value) for q in found}

    assert values(quantities.russian(russian)) == values(quantities.english(english))


def _check(english: str, russian: str) -> list[tuple[str, str, str | None, bool, str | None]]:
    ctx = CheckContext(decode(english.encode(), "a.en.txt"), Glossary(),
                       decode(russian.encode(), "a.ru.txt"))
    return [(f.rule, f.text, f.suggestion, f.autofix, f.evidence) for f in run(ctx)]


CURFEW_EN = "Residents may not go outside from 11 am to 7 am. Shops are closed."


def test_the_same_sentence_is_flagged_or_not_depending_on_its_source() -> None:
    night = "Жителям запрещено выходить с 23:00 до 7:00. Магазины закрыты."
    day = "Жителям запрещено выходить с 11:00 до 7:00. Магазины закрыты."
    assert _check(CURFEW_EN, night) == [
        ("numbers/time", "11 am", "11 pm", True,
         "Жителям запрещено выходить с 23:00 до 7:00.")]
    assert _check(CURFEW_EN, day) == []


def test_decimal_comma_is_fixed() -> None:
    found = _check("The bank kept the rate at 7,5%.", "Банк сохранил ставку на уровне 7,5%.")
    assert found == [("numbers/number", "7,5", "7.5", True,
                      "Банк сохранил ставку на уровне 7,5%.")]


def test_other_mismatches_are_suggested_not_fixed() -> None:
    found = _check("Police detained 210 people.", "Полиция задержала 120 человек.")
    assert found == [("numbers/number", "210", "120", False, "Полиция задержала 120 человек.")]
    missing = _check("Police detained many people.", "Полиция задержала 120 человек.")
    assert [(rule, fix) for rule, _, fix, _, _ in missing] == [("numbers/number", None)]


def test_no_source_no_findings() -> None:
    ctx = CheckContext(decode(CURFEW_EN.encode(), "a.txt"), Glossary())
    assert list(run(ctx)) == []


def test_unreliable_links_are_not_used() -> None:
    # Which Russian sentences the second English one renders is a guess (confidence < 0.6),
    # so its "11 am" is not compared with 23:00.
    english = "Weather. All shops close at 11 am."
    russian = "Погода. Кафе закрыты. Все магазины закрываются в 23:00."
    ctx = CheckContext(decode(english.encode(), "a.en.txt"), Glossary(),
                       decode(russian.encode(), "a.ru.txt"))
    assert not any(link.reliable for link in ctx.alignments)
    assert list(run(ctx)) == []


def test_fix_with_source_repairs_the_curfew(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "ru"):
        (tmp_path / f"kamensk.{lang}.txt").write_bytes((ALIGN / f"kamensk.{lang}.txt").read_bytes())
    result = cli("fix", "--no-default-glossary", "--select", "numbers", "kamensk.en.txt",
                 cwd=tmp_path)  # the source is found beside it by name
    diff = result.stdout.decode()
    assert "-The authorities have imposed a curfew from 11 am to 7 am." in diff
    assert "+The authorities have imposed a curfew from 11 pm to 7 am." in diff
    checked = cli("check", "--no-default-glossary", "--select", "numbers", "--format", "json",
                  "kamensk.en.txt", cwd=tmp_path)
    assert "Власти ввели комендантский час с 23:00 до 7:00." in checked.stdout.decode()
