"""typography: Russian quotes, number formats and abbreviations left in English."""

from __future__ import annotations

import pytest

from test_debris import run_check


@pytest.mark.parametrize(("text", "rule", "wrong", "right"), [
    ("They chanted «Go away» there.", "typography/guillemets", "«", "“"),
    ("They chanted «Go away» there.", "typography/guillemets", "»", "”"),
    ('He said "yes" and «no».', "typography/guillemets", "«", '"'),
    ("«They said „never“ then»", "typography/low-quotes", "„", "‘"),
    ("The paper „Vremya“ wrote.", "typography/low-quotes", "„", "“"),
    ("The paper „Vremya“ wrote.", "typography/low-quotes", "“", "”"),
    ("Prices rose 1,5 times.", "typography/decimal-comma", "1,5", "1.5"),
    ("It grew by 2,75% in May.", "typography/decimal-comma", "2,75", "2.75"),
    ("About 1,2 thousand came.", "typography/decimal-comma", "1,2", "1.2"),
    ("About 10 000 people came.", "typography/thousands-space", "10 000", "10,000"),
    ("Damage: 150 000 000 tenge.", "typography/thousands-space", "150 000 000", "150,000,000"),
    ("Some 5\u00a0000 came.", "typography/thousands-space", "5\u00a0000", "5,000"),
    ("The law of 2022 г. stands.", "typography/year-abbreviation", " г.", ""),
    ("It was adopted in 2022 г.\nNext.", "typography/year-abbreviation", " г.", "."),
    ("In 2020-2021 гг. prices rose.", "typography/year-abbreviation", " гг.", ""),
    ("Bread costs 120 руб. in Moscow.", "typography/currency", " руб.", " rubles"),
    ("It cost 20 коп. Then more.", "typography/currency", " коп.", " kopecks."),
    ("Order № 15 was signed.", "typography/numero", "№ ", "No. "),
])
def test_russian_typography_is_fixed(text: str, rule: str, wrong: str, right: str) -> None:
    assert (rule, wrong, right, True) in run_check("typography", text)


@pytest.mark.parametrize("text", [
    "About 1,500 people and 1,25 of them; 3.5 times; 1,5-diaminopentane at 0.5 mM.",
    "On day 3 100 people came; call +7 701 123 4567; the SI writes 10\u2009000.",
    "In 2021 100 people came; pages 12-345 678.",
    "Coordinates (3,4) and the list 1,2,3 stay.",
    "“Curly” and \"straight\" quotes are English.",
])
def test_english_numbers_and_quotes_stay(text: str) -> None:
    assert run_check("typography", text) == []


def test_a_russian_date_is_left_to_the_untranslated_check() -> None:
    assert run_check("typography", "On 7 января 2022 г. it began.") == []
