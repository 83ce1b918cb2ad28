"""calques: Russian punctuation and constructions carried into English sign for sign."""

from __future__ import annotations

import pytest

from test_debris import run_check


@pytest.mark.parametrize(("text", "rule", "wrong", "suggestion"), [
    ('"We will rebuild the bridge by spring", - said the mayor.', "calques/quote-dash",
     '", - ', '," '),
    ("“The work goes on,” — stated in the report of the ministry.", "calques/quote-dash",
     "” — ", "” "),
    ("“Nobody was hurt.” – the fire service reported on Monday.", "calques/quote-dash",
     "” – ", "” "),
    ("We did what we could, - the organiser told reporters.", "calques/quote-dash", ", - ",
     ", "),
    ("a unit from the center” North “(a former regiment) arrived", "calques/reversed-quotes",
     "” North “", " “North” "),
    ("“The shelling went on all night, “the press service added.", "calques/reversed-quotes",
     " “", "” "),
    ("The road was closed from-for snow.", "calques/morphemes", "from-for", "because of"),
    ("He posted it in his Telegram-the channel yesterday.", "calques/hyphen-article",
     "Telegram-the", "Telegram"),
    ("Shelling was reported in the area of. Petrovka on Tuesday.",
     "calques/dropped-abbreviation", "area of.", None),
    ("A barn of 300 square meters. m. burned down.", "calques/dropped-abbreviation",
     "meters. m.", "meters."),
    ("Nobody did not come to the meeting.", "calques/double-negation", "Nobody did not", None),
    ("Overnight, doctors confirmed 412 case COVID-19 in the region.", "calques/count",
     "412 case", None),
])
def test_russian_constructions(text: str, rule: str, wrong: str, suggestion: str | None) -> None:
    assert run_check("calques", text) == [(rule, wrong, suggestion, False)]


@pytest.mark.parametrize("text", [
    "“No,” — she paused — “not yet.”",
    "“It is over,” she said. “We go home.”",
    'He said "yes" - and then left.',
    "He waited — said nothing — and left. We argued - as he said, too loudly.",
    "The prize went to “Red” Smith and “Blue” Jones.",
    "“A” and “B” are the two options.",
    "Nobody who did not vote can complain. Nothing could be done.",
    "In the 2019 case, judges ruled. Two case studies followed; 5 person teams won.",
    "In Article 12 case law is cited. No. 7 case was closed.",
    "She asked where the money came from. Then she left.",
    "They lived in the vicinity of Boston, in a 40 square meter flat.",
    "A self-driving well-the-art phrase is nonsense but not ours.",
])
def test_native_english_stays(text: str) -> None:
    assert run_check("calques", text) == []
