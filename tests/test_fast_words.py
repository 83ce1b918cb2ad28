"""The word-level checks' shortcuts (issue 14) give what the long way round gives.

Each shortcut is compared with a plain reference: the patterns rewritten to start with a
character class against the patterns as first written, the shared vocabulary's views against
the one-line definitions they replace, and glued's token gates against searching the text
itself, on the shared corpus (read from ../shared), the corpus joined into one long line, and
generated text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import CheckContext, capitals, glued, time_range
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary
from retranslate.language import english
from retranslate.language.vocabulary import Vocabulary

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# The patterns as they were written before they were made to start with a digit.
_MONTHS = capitals._MONTHS
_REFERENCE_DAY_MONTH = re.compile(
    rf"(?<![\w.,-])(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?[ \u00a0](?P<month>{_MONTHS})"
    rf"(?P<after>[ \u00a0]?(?:[,.;)]|\d{{4}}|$))?(?![\w-])", re.MULTILINE)
_REFERENCE_MONTH_DAY = re.compile(
    rf"\b(?:on|since|until|from|by|of|in) (?P<month>{_MONTHS})"
    rf"(?=[ \u00a0](?:[12]?\d|3[01])(?:st|nd|rd|th)?\b|[ \u00a0]\d{{4}}\b)")
_REFERENCE_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?![\w'’-])")
_REFERENCE_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?![\w'’-])")
_REFERENCE_RANGE = re.compile(rf"\b{time_range._TIME}\s*(?:to|until|till|through|-|–|—)\s*"
                              rf"{time_range._TIME}", re.IGNORECASE)


def _corpus() -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not at ../shared/corpus")
    paths = [CORPUS / "kazakhstan-2022-01-07.en.txt", *sorted((CORPUS / "dev").glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for p in paths if p.is_file()]
    return [*texts, " ".join(" ".join(t.split()) for t in texts)]  # and one long line


Spans = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _matches(pattern: re.Pattern[str], text: str) -> Spans:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _same_patterns(text: str) -> None:
    assert _matches(capitals._DAY_MONTH, text) == _matches(_REFERENCE_DAY_MONTH, text)
    written = tuple(m for m in capitals._MONTH_NAMES_IN_ORDER if m in text)
    fast_months = [(m.start("month"), m.group("month"))
                   for m in capitals._month_day(written).finditer(text)] if written else []
    assert fast_months == [(m.start("month"), m.group("month"))
                           for m in _REFERENCE_MONTH_DAY.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in capitals._pairs(text)] == \
        [(m.span(), m.groupdict()) for m in capitals._PAIR.finditer(text)]
    words = Vocabulary(text)
    assert words.mid_capitals == Counter(_REFERENCE_MID_CAPITAL.findall(text))
    assert words.capitalised == Counter(_REFERENCE_CAPITAL.findall(text))
    assert _matches(time_range._RANGE, text) == _matches(_REFERENCE_RANGE, text)


def _gates_agree(text: str) -> None:
    """glued's candidates read from the distinct tokens are those read from the text."""
    words = Vocabulary(text)
    for pattern, passes, tokens in ((glued._ACRONYM, glued._acronym_token, words.mixed_case),
                                    (glued._HUMP, glued._hump_token, words.mixed_case),
                                    (glued._CANDIDATE, glued._candidate_token, words.joined)):
        in_text = {m.group() for m in pattern.finditer(text) if passes(m)}
        assert glued._passing(tokens, pattern, passes) == in_text, pattern.pattern
        assert {m.group() for m in pattern.finditer(text)} == \
            {m.group() for m in pattern.finditer(tokens)}


def _views_agree(text: str) -> None:
    words = Vocabulary(text)
    plain_words = frozenset(w.strip(".,;:!?\"“”()«»") for w in set(text.split()))
    assert words.words == plain_words
    assert words.lower_words == {w.lower() for w in plain_words} - {""}
    assert words.has_digit == (re.search(r"\d", text) is not None)
    for name in set(re.findall(r"[A-Z][a-z]+", text)):
        assert (name in words.standing_capitalised) == english.stands_alone(text, name), name


def test_the_rewritten_patterns_and_the_vocabulary_agree_on_the_corpus() -> None:
    for text in _corpus():
        _same_patterns(text)
        _gates_agree(text)
        _views_agree(text)


def test_the_patterns_agree_on_dates_and_times_at_their_edges() -> None:
    text = ("Since may 2020, on june 3rd, from march 31, by july 1999, in may’s 5, tin may 2; "
            "we will Remind you Should, it Should. the Riots began; don't Go rock'n'roll Now "
            "x.the Way, 'twas Here; and, Moscow Kremlin; "
            "On 3 may, 31 march 2021, 30 june; 32 may, 4 may, x5 may, 1.2 may, 12th july, "
            "29\u00a0august 2020 and 123 am; 11 pm to 7 pm, 9am-5am, x11 am to 2 am, "
            "23 a.m. through 4 A.M., 10:30 PM–1:15 PM.")
    _same_patterns(text)
    assert _matches(capitals._DAY_MONTH, text)  # the sample holds dates and ranges at all
    assert _matches(time_range._RANGE, text)
    assert list(capitals._pairs(text)) and Vocabulary(text).mid_capitals


_PIECES = st.sampled_from(["1", "2", "3", "0", "12", "31", "4", " ", " ", "\n", "\u00a0", ".",
                           ",", "-", "am", "pm", "a.m.", "PM", "to", "–", "may", "march",
                           "june", "th", "2021", ":30", "x", "the", "of", "and", "USA",
                           "caused", "cities", "The", "Aleksey", "summer", "ofthe", "voiceda",
                           "iPhone", "citiesThe", "'", "’", "(", "@", "٣", "on", "since", "Should",
                           "Remind", "we", "will", "x.", ";", "\t", "?", "Moscow"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_the_shortcuts_agree_on_generated_text(text: str) -> None:
    _same_patterns(text)
    _gates_agree(text)
    _views_agree(text)


def _glued(text: str) -> list[tuple[str, int, str]]:
    document = decode(text.encode("utf-8"), "x.txt")
    return [(f.rule, f.span.start, f.text) for f in glued.run(CheckContext(document, Glossary()))]


@pytest.mark.skipif(not english.available(), reason="pyspellchecker's word list is missing")
def test_glued_finds_each_shape_once_its_gate_lets_the_text_be_read() -> None:
    text = ("They came from the USAcaused trouble in the summerAleksey said. Later the "
            "citiesThe mayor was voiceda concern. Aleksey spoke twice.\n")
    found = _glued(text)
    assert ("glued/case", text.index("USAcaused"), "USAcaused") in found
    assert ("glued/case", text.index("citiesThe"), "citiesThe") in found
    assert ("glued/words", text.index("voiceda"), "voiceda") in found
    # The same sentences with no glued token: every gate stays shut and nothing is found.
    assert _glued("They came from the USA and caused trouble in the cities. The mayor "
                  "voiced a concern.\n") == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["aa", "B", "aaBaa", "x", " ", "ab", "USA", "aBa", "é"]),
                max_size=40).map("".join),
       st.sets(st.sampled_from(["aaBaa", "aBa", "ab", "USAab", "aaBaaBaa", "xé", "B"]),
               min_size=1))
def test_written_twice_counts_as_str_count_does(text: str, tokens: set[str]) -> None:
    assert glued._written_twice(text, tokens) == {t: text.count(t) > 1 for t in tokens}


@pytest.mark.skipif(not english.available(), reason="pyspellchecker's word list is missing")
def test_glued_finds_the_same_with_many_candidates_counted_in_one_pass(
        monkeypatch: pytest.MonkeyPatch) -> None:
    names = ["Aleksey", "Tikhonova", "Berezovka", "Kuzminsky", "Dorofeev", "Shevtsova",
             "Yarovaya", "Pokrovka", "Zhukovsky", "Lebedeva", "Voronova", "Karpinsky",
             "Sokolova", "Medvedko", "Grachevka", "Nikolska", "Orlovsky", "Rybakova"]
    text = " ".join(f"In the summer{n} spoke, and {n} left; the citiesThe mayor voiceda "
                    f"concern about {n}." for n in names) + " summerAleksey.\n"
    many = _glued(text)
    assert len({f[2] for f in many}) > glued._FEW_TOKENS  # the one-pass path was taken
    monkeypatch.setattr(glued, "_FEW_TOKENS", 10_000)  # every count with str.count
    assert _glued(text) == many
