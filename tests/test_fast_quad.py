"""The debris checks' linear look-arounds find what the old per-candidate searches found.

spacing, untranslated and name_endings once looked around each candidate by searching back to
the line's start (or cutting the text before it), which is the whole file on one long line.
Each fast path is compared here with the plain way it replaced, put back in its place: on the
real news of ../shared (as it is, and joined into one line) and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import CheckContext, name_endings, spacing, untranslated
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary
from retranslate.language.text_index import TextIndex, anchored
from retranslate.models import Span

_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]?")


def _two_sentences_by_walk(text: str, offset: int) -> str:
    """The sentence at `offset` and the next, as found before: walking the sentences from
    the line's start."""
    window = ""
    start = text.rfind("\n", 0, offset) + 1
    for match in _SENTENCE.finditer(text, start):
        if match.end() <= offset:
            continue
        window += match.group()
        if window.count(".") + window.count("!") + window.count("?") >= 2 or not match.group():
            break
    return window


def _after_term_by_search(index: TextIndex, offset: int) -> bool:
    text = index.text
    start = text.rfind("\n", 0, offset) + 1
    if not spacing._TERM_LINE.match(text, start):
        return False
    previous = text.rfind("\n", 0, max(0, start - 1)) + 1
    end = text.find("\n", offset)
    return (start > 0 and spacing._TERM_LINE.match(text, previous) is not None) or \
        (end >= 0 and (spacing._TERM_LINE.match(text, end + 1) is not None
                       or spacing._HANGING.match(text, end + 1) is not None))


class _EveryTime:
    """spacing's per-line memo, forgetting: the property worked out for every candidate."""

    def __init__(self, compute: Callable[[str], Any]) -> None:
        self._compute = compute

    def __call__(self, line: str) -> Any:
        return self._compute(line)


class _BlankedByList:
    """untranslated._Blanked from a flag per character, looked through one at a time."""

    def __init__(self, spans: list[Span], size: int) -> None:
        self._blank = [False] * size
        for span in spans:
            self._blank[span.start:span.end] = [True] * len(span)

    def last_before(self, offset: int) -> int:
        return next((i for i in range(offset - 1, -1, -1) if self._blank[i]), -1)

    def first_from(self, offset: int) -> int:
        return next((i for i in range(offset, len(self._blank)) if self._blank[i]),
                    len(self._blank))


class _OverlapsOneByOne:
    def __init__(self, spans: list[Span]) -> None:
        self._spans = spans

    def __call__(self, span: Span) -> bool:
        return any(span.overlaps(t) for t in self._spans)


def _opens_by_cutting(text: str, at: int) -> bool:
    return not text[:at].rstrip(" \t")[-1:] or text[:at].rstrip(" \t")[-1:] in "\n.!?"


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the plain look-arounds back in place of the fast ones."""
    monkeypatch.setattr(spacing, "_PerLine", _EveryTime)
    monkeypatch.setattr(spacing, "_after_term", _after_term_by_search)
    monkeypatch.setattr(untranslated, "_Blanked", _BlankedByList)
    monkeypatch.setattr(untranslated, "_Overlaps", _OverlapsOneByOne)
    monkeypatch.setattr(untranslated, "_opens", _opens_by_cutting)
    monkeypatch.setattr(name_endings, "_pronouns_say_woman",
                        lambda index, at: _women_by_walk(index.text, at))


def _women_by_walk(text: str, offset: int) -> bool:
    window = _two_sentences_by_walk(text, offset)
    return bool(name_endings._SHE.search(window)) and not name_endings._HE.search(window)


def _findings(text: str) -> list[tuple[str, int, int, str | None]]:
    ctx = CheckContext(decode(text.encode("utf-8"), "x.txt"), Glossary())
    found: Iterator[Any] = (f for check in (spacing, untranslated, name_endings)
                            for f in check.CHECK.run(ctx))
    return [(f.rule, f.span.start, f.span.end, f.suggestion) for f in found]


def _fast_and_plain(text: str) -> tuple[list[Any], list[Any]]:
    fast = _findings(text)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _plain(monkeypatch)
        plain = _findings(text)
    return fast, plain


def _news(corpus: Path) -> list[str]:
    return [p.read_text(encoding="utf-8")
            for p in [corpus, *sorted((corpus.parent / "dev").glob("*.txt"))]]


def test_fast_look_arounds_find_what_the_plain_ones_found_on_real_news(corpus: Path) -> None:
    pages = _news(corpus)
    found = 0
    for text in [*pages, " ".join(" ".join(p.split()) for p in pages)]:
        fast, plain = _fast_and_plain(text)
        assert fast == plain
        found += len(fast)
    assert found > 50  # the news has debris of most kinds these checks look for


_PIECES = ["Svetlana Tikhanovski", "Evgenia Medvedeva", "Medvedev", "Sergey Furgala",
           "Sergey Furgal", "she", "her", "he", "his", " ", "  ", ". ", "! ", "?", "\n",
           "\n\n", "filename  Specifies", "    hanging", " , ", " ;", " .", "word.The ",
           "Almaty,Kazakhstan", "a,b", "at 21: 00", "«цитата»", "7 января 2022", "2 тыс.",
           "5 км", "Москва", "Иван Петров", "слово.", "\t", "(Russian: протест)", "x" * 60]


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
@settings(max_examples=200, deadline=None)
def test_fast_look_arounds_find_what_the_plain_ones_found_on_generated_text(text: str) -> None:
    fast, plain = _fast_and_plain(text)
    assert fast == plain
    one_line = text.replace("\n", " ")
    fast, plain = _fast_and_plain(one_line)
    assert fast == plain


@given(st.lists(st.sampled_from(["a", "b c", ".", "!", "?", "\n", " ", "she. ", "x" * 40]),
                max_size=50).map("".join), st.data())
@settings(max_examples=300, deadline=None)
def test_two_sentences_by_bisection_is_the_walk_from_the_line_start(
        text: str, data: st.DataObject) -> None:
    index = TextIndex(text)
    for offset in data.draw(st.lists(st.integers(0, max(0, len(text) - 1)), max_size=8)):
        assert index.two_sentences(offset) == _two_sentences_by_walk(text, offset)
        assert index.newline_before(offset) == text.rfind("\n", 0, offset)
        assert index.newline_from(offset) == text.find("\n", offset)


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)).map(
    lambda t: Span(t[0], t[0] + t[1])), max_size=8)


@given(st.text(alphabet="ab ,\t\n.", max_size=50), spans, spans)
@settings(max_examples=300, deadline=None)
def test_blanking_overlaps_and_openings_as_one_by_one(text: str, fixed: list[Span],
                                                      runs: list[Span]) -> None:
    fixed = [s for s in fixed if s.end <= len(text)]
    blanked, by_list = untranslated._Blanked(fixed, len(text)), _BlankedByList(fixed, len(text))
    for at in range(len(text) + 1):
        assert blanked.last_before(at) == by_list.last_before(at)
        assert blanked.first_from(at) == by_list.first_from(at)
    overlaps = untranslated._Overlaps(fixed)
    for span in runs:
        assert overlaps(span) == _OverlapsOneByOne(fixed)(span)
    for at in range(len(text) + 1):
        assert untranslated._opens(text, at) == _opens_by_cutting(text, at)


# The patterns as they were, look-behind first, and how their fast forms are searched now.
_OLD_PATTERNS = {
    spacing._BEFORE: re.compile(r"(?<=[^\W_]|[”’\"'%])[ \t]+(?:[,;](?=[ \t\r\n\"”’)]|$)|"
                                r"\.(?=[ \t]+[A-Z\"“]|[ \t]*(?:\r|\n|$)))", re.MULTILINE),
    spacing._CLOSING_CURLY: re.compile(r"(?<=\w)(?P<p>[,.!?]) ”(?=[a-z])"),
    spacing._CLOSING_AT_END: re.compile(
        r"(?<=[\w)])(?P<p>[.!?,])[ \t]+(?P<q>[\"”])[ \t]*(?=\r?\n|\r|$)"),
    spacing._DOUBLE: re.compile(r"(?<=[^\W\d_])[ ]{2}(?=[^\W\d_])"),
    name_endings._NAMES: re.compile(
        r"(?<![\w'’-])(?P<first>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w'’-])"
        r"(?=[ \u00a0](?P<second>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w'’-]))?"),
    untranslated._AMOUNT: re.compile(
        r"(?<![\w.,])(?P<number>\d+(?:[.,]\d+)?)\s*"
        r"(?P<scale>тыс(?:\.|яч[аиу]?)?|млн\.?|миллион(?:а|ов)?|млрд\.?|миллиард(?:а|ов)?)"
        r"(?P<unit>\s*(?:руб(?:\.|лей|ля|ль)|долл(?:\.|аров|ара)|чел(?:\.|овек)))?(?![а-яё])",
        re.IGNORECASE),
    untranslated._UNIT_ONLY: re.compile(r"(?<![\w.,])(?P<number>\d+(?:[.,]\d+)?)\s*"
                                        r"(?P<unit>км|кг|см|мм)(?![а-яё\w])", re.IGNORECASE),
}


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(m.re.groups + 1)) for m in matches]


def _same_matches(text: str) -> None:
    for new, old in _OLD_PATTERNS.items():
        assert _spans(new.finditer(text)) == _spans(old.finditer(text)), old.pattern
    assert _spans(anchored(spacing._AFTER, text, spacing._AFTER_HIT,
                                   spacing._letters_before)) == \
        _spans(spacing._AFTER.finditer(text))
    assert _spans(anchored(spacing._TIME, text, spacing._TIME_HIT,
                                   spacing._hour_before)) == _spans(spacing._TIME.finditer(text))
    for sparse in (True, False):  # tried at Cyrillic letters, or scanned
        assert _spans(untranslated._runs(text, sparse)) == _spans(untranslated._RUN.finditer(text))
        assert _spans(untranslated._dates(text, sparse)) == \
            _spans(untranslated._DATE.finditer(text))


def test_fast_patterns_match_as_the_look_behind_first_ones_on_real_news(corpus: Path) -> None:
    pages = _news(corpus)
    for text in [*pages, " ".join(pages)]:
        _same_matches(text)


_PATTERN_PIECES = ["a", "Ab", "Cd-Ef", "x'", "’", "-", "_", "é", "7", "٣", "²", "12", "23",
                   " ", "  ", "\t", "\n", "\r", ",", ".", ";", ":", "!", "?", "\"", "”", "“",
                   "%", ")", "\u00a0", "The", "pm", "hours", "at", "—", "@", "/"]
_AMOUNT_PIECES = ["1", "25", "٣", ",", ".", " ", "\n", "\u2003", "a", "ж", "тыс", "ТЫС.", "тысячу",
                  "млн", "миллиардов", "руб.", "долл.", "человек", "км", "КГ", "ᲄыс", "-",
                  "7 ", "123 ", "января", "МАЯ", "ᲂктября", "марта", "2022", " г.", "сам", "ая"]
# A date's shape: what comes before the month (a day, or digits and letters that are none),
# what separates them, the month, and what follows.
_DATES = st.lists(st.tuples(
    st.sampled_from(["", "1", "12", "45", "a1", "123", "3", "٣"]),
    st.sampled_from(["", " ", "  ", "\n", "\u00a0", "-", ","]),
    st.sampled_from(["января", "МАЯ", "ᲂктября", "мая", "сам", "x"]),
    st.sampled_from(["", " 2022", " 2022 г.", "а", ",", "2"])).map("".join),
    max_size=6).map(" ".join)
_TIME_PIECES = ["1", "2", "٣", "²", "0", "45", " ", "\t", ":", " : ", ": ", ".", ",", "pm", "at "]


@given(st.one_of(st.lists(st.sampled_from(_PATTERN_PIECES), max_size=80),
                st.lists(st.sampled_from(_TIME_PIECES), max_size=30),
                st.lists(st.sampled_from(_AMOUNT_PIECES), max_size=30),
                st.lists(_DATES, max_size=1)).map("".join))
@settings(max_examples=500, deadline=None)
def test_fast_patterns_match_as_the_look_behind_first_ones_on_generated_text(text: str) -> None:
    _same_matches(text)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10)), max_size=8), spans)
@settings(max_examples=300, deadline=None)
def test_prose_test_is_in_prose(regions: list[tuple[int, int]], probes: list[Span]) -> None:
    from retranslate.language.text_index import ProseTest
    from retranslate.models import Document

    prose: list[Span] = []
    for start, length in sorted(regions):  # in order and apart, as a document's regions are
        if not prose or start > prose[-1].end:
            prose.append(Span(start, start + length))
    document = Document("x.md", "x" * 80, prose=tuple(prose))
    fast = ProseTest(document.prose)
    for span in probes:
        assert fast(span.start, span.end) == document.in_prose(span)


def test_prose_test_is_in_prose_on_a_markdown_file_with_code() -> None:
    from retranslate.language.text_index import ProseTest

    text = "# Title\n\nSee `a.b` and https://example.com/x.y here.\n\n```\ncode ,here\n```\nEnd.\n"
    document = decode(text.encode("utf-8"), "x.md")
    assert len(document.prose) > 2
    fast = ProseTest(document.prose)
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 12) + 1):
            assert fast(start, end) == document.in_prose(Span(start, end))
