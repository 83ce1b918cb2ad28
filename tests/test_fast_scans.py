"""Scans made faster for issue 14 (names, prose scopes, sentence trimming, prose look-ups) find
what the plain scans they replaced find, on the corpus and on generated text."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import CheckContext, names
from retranslate.files import scopes
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary
from retranslate.language import segment
from retranslate.language.text_index import ProseTest
from retranslate.models import Document, Span


def _news(corpus: Path) -> list[str]:
    dev = sorted((corpus.parent / "dev").glob("*.txt"))
    texts = [corpus.read_text(), *(p.read_text() for p in dev)]
    return [*texts, " ".join(" ".join(texts).split())]  # and all of it on one line


def test_body_phrases_found_from_their_body_words_as_by_the_whole_scan(corpus: Path) -> None:
    found = 0
    for text in _news(corpus):
        plain = [m.span() for m in names._ORGANISATION.finditer(text)]
        assert [m.span() for m in names._organisation_matches(text)] == plain
        found += len(plain)
    assert found > 10


_BODY_PIECES = st.sampled_from([
    "the", "Special", "investigation", "Investigative", "service", "SERVICE", "committee",
    "commissioners", "union", "unions", "centre", "epicenter", "-", " ", "  ", "\n", "\t", "x",
    "élan", "_", "1", "\u017f", "\u212a", "\u0131", "\u0130", "\u00a0", "court-"])


@given(st.lists(_BODY_PIECES, max_size=25).map("".join))
@settings(max_examples=500, deadline=None)
def test_body_phrases_found_from_their_body_words_on_generated_text(text: str) -> None:
    plain = [(m.span(), m.groups()) for m in names._ORGANISATION.finditer(text)]
    assert [(m.span(), m.groups()) for m in names._organisation_matches(text)] == plain


def test_technical_runs_found_from_their_triggers_as_by_the_whole_scan(corpus: Path) -> None:
    found = 0
    for text in _news(corpus):
        plain = [m.span() for m in scopes._TOKEN.finditer(text)]
        assert list(scopes._token_runs(text)) == plain
        found += len(plain)
    assert found > 50


@given(st.lists(st.sampled_from([*"ab_.@/~:-?%=&#+é1 \n\t,;!", "www.", "x.com", "é_ß", "٣",
                                 "..", "\u00b2", "a" * 300, "https://", "(", ")"]),
                max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
def test_technical_runs_found_from_their_triggers_on_generated_text(text: str) -> None:
    assert list(scopes._token_runs(text)) == [m.span() for m in scopes._TOKEN.finditer(text)]


def _trim_by_steps(text: str, start: int, end: int) -> Span | None:
    """segment._trim as it was: a character at a time from each side."""
    strip = " \t\r\n" + segment._MASK
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    if start >= end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Span(start, end)


@given(st.lists(st.sampled_from([" ", "\t", "\r\n", "\n", segment._MASK, "a", "É", "_", ".",
                                 "—", "7", "\u00b2"]), max_size=20).map("".join), st.data())
@settings(max_examples=500, deadline=None)
def test_sentence_trimmed_by_strip_as_by_steps(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert segment._trim(text, start, end) == _trim_by_steps(text, start, end)


def test_sentences_and_prose_of_the_corpus_unchanged_in_shape(corpus: Path) -> None:
    for text in _news(corpus):
        document = decode(text.encode(), "x.md")
        for piece in segment.split_sentences(text, "en", document.prose):
            assert piece.text == text[piece.span.start: piece.span.end]
            assert piece.text == piece.text.strip(" \t\r\n" + segment._MASK) and piece.text


_REGIONS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=8).map(
    lambda pairs: tuple(Span(s, s + n) for s, n in sorted(set(pairs))))


@given(_REGIONS, st.lists(st.tuples(st.integers(0, 70), st.integers(0, 10)), max_size=30),
       st.booleans())
@settings(max_examples=500, deadline=None)
def test_prose_by_listed_starts_answers_as_the_search(
        regions: tuple[Span, ...], asked: list[tuple[int, int]], in_order: bool) -> None:
    document = Document(path="x.txt", text="x" * 80, prose=regions)
    inside = ProseTest(regions)
    for start, length in sorted(asked) if in_order else asked:
        assert inside(start, start + length) == document.in_prose(Span(start, start + length))


def _occurrences_as_they_were(ctx: CheckContext) -> list[tuple[str, Span]]:
    """names.occurrences before issue 14: a substitution and a region search per word, and
    every occurrence kept with its span."""
    from retranslate.language import english

    text = ctx.document.text
    starts = {s.span.start for s in ctx.target_segments}
    found: list[tuple[str, Span, bool]] = []
    inside: set[str] = set()
    for match in names._NAME.finditer(text):
        word = re.sub(r"['’]s$", "", match.group())
        span = Span(match.start(), match.start() + len(word))
        if word in names._NOT_NAMES or not ctx.document.in_prose(span):
            continue
        opening = match.start() in starts or names._after_opening(text, match.start(),
                                                                  starts.__contains__)
        found.append((word, span, opening))
        if not opening:
            inside.add(word)
    return [(word, span) for word, span, opening in found
            if not opening or word in inside or (english.available() and not english.count(word))]


def assert_counts_and_spans_as_the_list(ctx: CheckContext) -> int:
    """name_counts and name_spans say what the list of every occurrence said."""
    plain = _occurrences_as_they_were(ctx)
    counted = names.name_counts(ctx)
    assert list(counted.counts.items()) == list(Counter(w for w, _ in plain).items())
    first: dict[str, int] = {}
    spans: dict[str, list[Span]] = {}
    for word, span in plain:
        first.setdefault(word, span.start)
        spans.setdefault(word, []).append(span)
    assert counted.first == first
    assert names.name_spans(ctx, list(counted.counts)) == spans
    some = list(counted.counts)[::3]
    assert names.name_spans(ctx, some) == {w: spans[w] for w in some}
    return len(plain)


def test_name_words_found_as_they_were_on_the_corpus(corpus: Path) -> None:
    total = 0
    for text in _news(corpus):
        for path in ("x.txt", "x.md"):  # Markdown leaves more out of prose
            total += assert_counts_and_spans_as_the_list(
                CheckContext(decode(text.encode(), path), Glossary()))
    assert total > 1000


_NAME_PIECES = st.sampled_from([
    "Tokayev", "Tokaev", "Tokayev's", "Said", "Almaty", "Later", "the", "and", "\"", "“", "—",
    " ", " ", ". ", "! ", "\n", "\n\n", "# ", "`", "Nur-Sultan", "Mr", "x", "É", "'"])


@given(st.lists(_NAME_PIECES, max_size=40).map("".join), st.sampled_from(["x.txt", "x.md"]))
@settings(max_examples=300, deadline=None)
def test_name_words_found_as_they_were_on_generated_text(text: str, path: str) -> None:
    assert_counts_and_spans_as_the_list(CheckContext(decode(text.encode(), path), Glossary()))


@given(st.lists(_BODY_PIECES, max_size=25).map("".join), st.integers(1, 12))
@settings(max_examples=300, deadline=None)
def test_body_words_found_across_the_lowered_pieces(text: str, chunk: int) -> None:
    from unittest import mock

    plain = [(m.span(), m.groups()) for m in names._ORGANISATION.finditer(text)]
    with mock.patch.object(names, "_CHUNK", chunk):
        assert [(m.span(), m.groups()) for m in names._organisation_matches(text)] == plain


def test_belarusian_and_russian_spellings_still_meet_in_their_groups() -> None:
    counts = Counter(["Lukashenka", "Lukashenko", "Lukashenko", "Yarmoshyna", "Yermoshina",
                      "Ivanov", "Ivanova", "Tokayev", "Tokaev"])
    assert names.group_spellings(counts, Glossary()) == [
        ["Lukashenka", "Lukashenko"], ["Tokaev", "Tokayev"], ["Yarmoshyna", "Yermoshina"]]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="Ab c1_é\n .Z", max_size=60), st.integers(1, 120))
def test_long_line_tests_answer_as_the_short_line_ones(piece: str, times: int) -> None:
    from retranslate.checks.lowered import _last_visible
    from retranslate.language import english

    line = piece * times
    words = re.findall(r"[^\W\d_]{2,}", line)  # the heading test as first written
    listed = len(words) >= 3 and sum(1 for w in words if w[0].isupper()) * 3 >= len(words) * 2
    assert english._title_case(line) == listed
    assert english.is_heading(line) == listed
    assert english.looks_like_code(line) == english._code_in(line)
    assert _last_visible(line) == line.rstrip()[-1:]


def test_a_one_line_text_is_its_own_line() -> None:
    from retranslate.language import english

    text = "The Air Force said so. " * 200
    assert english.line_at(text, 10) is text
    lines = "A short line\n" + text
    assert english.line_at(lines, 3) == "A short line"
    assert english.line_at(lines, 30) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\t\x1c\x85\u2028\u3000é", max_size=400), st.integers(1, 40))
def test_tokens_split_a_piece_at_a_time_are_the_texts_tokens(text: str, piece: int) -> None:
    from retranslate.language import vocabulary

    saved, vocabulary._PIECE = vocabulary._PIECE, piece
    try:
        assert vocabulary._distinct_tokens(text) == frozenset(text.split())
    finally:
        vocabulary._PIECE = saved


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\t\x1c\x85\u2028é", max_size=200), st.integers(1, 30))
def test_whitespace_pieces_cut_the_text_only_before_whitespace(text: str, size: int) -> None:
    from retranslate.language.text_index import whitespace_pieces

    pieces = list(whitespace_pieces(text, size))
    assert "".join(pieces) == text
    assert all(p[:1].isspace() for p in pieces[1:])
    assert all(len(p) >= size for p in pieces[:-1])
