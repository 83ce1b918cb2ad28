"""Scans made faster for issue 14 (names, prose scopes, sentence trimming, prose look-ups) find
what the plain scans they replaced find, on the corpus and on generated text."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
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


def _trim_by_steps(text: str, start: int, end: int) -> tuple[int, int] | None:
    """segment._trim as it was: a character at a time from each side."""
    strip = " \t\r\n" + segment._MASK
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    if start >= end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


@given(st.lists(st.sampled_from([" ", "\t", "\r\n", "\n", segment._MASK, "a", "É", "_", ".",
                                 "—", "7", "\u00b2"]), max_size=20).map("".join), st.data())
@settings(max_examples=500, deadline=None)
def test_sentence_trimmed_by_strip_as_by_steps(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert segment._trim(text, start, end) == _trim_by_steps(text, start, end)


def _chunks_of_copied_lines(text: str) -> list[tuple[int, int, int]]:
    """segment._chunks as it was before it read lines by position: each line copied."""
    out = []
    paragraph, previous_blank, chunk_start, chunk_end, previous_line = -1, True, None, 0, ""
    blanks = " \t" + segment._MASK
    for match in segment._LINE.finditer(text):
        line = match.group()
        if not line:
            break
        body = line.rstrip("\r\n")
        if not body.strip(blanks):
            if chunk_start is not None:
                out.append((paragraph, chunk_start, chunk_end))
                chunk_start = None
            previous_blank = True
            continue
        if previous_blank:
            paragraph += 1
        start = match.start()
        if chunk_start is not None:
            continues = not (segment._MARKER.match(body) or segment._DIALOGUE.match(body)) and (
                body.lstrip(blanks)[:1].islower()
                or (previous_line.rstrip(blanks)[-1:] not in segment._TERMINAL
                    and len(previous_line.strip()) >= 50))
            if not continues:
                out.append((paragraph, chunk_start, chunk_end))
                chunk_start = None
        if chunk_start is None:
            chunk_start = start
        chunk_end = start + len(body)
        previous_line, previous_blank = body, False
    if chunk_start is not None:
        out.append((paragraph, chunk_start, chunk_end))
    return out


def test_runs_of_lines_found_by_position_as_from_copied_lines(corpus: Path) -> None:
    found = 0
    for text in _news(corpus):
        prose = decode(text.encode(), "x.md").prose
        for masked in (text, text.replace("\n", "\r\n"), segment._masked_piece(
                text, segment._gaps(text, prose), 0, len(text))):
            chunks = list(segment._chunks(masked))
            assert chunks == _chunks_of_copied_lines(masked)
            found += len(chunks)
    assert found > 1000


_LINE_PIECES = st.sampled_from([
    "\n", "\r\n", "\r", " ", "\t", segment._MASK, "\u2003", "\u00a0", "a", "A", "É", "é",
    ".", ":", "”", "- ", "— ", "# ", "> ", "1. ", "• ", "x" * 30, "Word " * 11, "word " * 11])


@given(st.lists(_LINE_PIECES, max_size=30).map("".join))
@settings(max_examples=1000, deadline=None)
def test_runs_of_lines_found_by_position_on_generated_text(text: str) -> None:
    assert list(segment._chunks(text)) == _chunks_of_copied_lines(text)


_PIECE_TEXT = st.lists(st.sampled_from([
    "\n", "\n\n", "\r\n\r\n", " \n \n", "\t", "Word. ", "word ", "Dr. ", "Mr. X. ",
    "# ", "- ", "1. ", "“Yes.” ", "see x.com.", "J. R. ", "a" * 40]), max_size=40).map("".join)


def _masked_whole(text: str, regions: tuple[Span, ...]) -> str:
    """segment._mask as it was: the whole text masked at once."""
    out: list[str] = []
    cursor = 0
    for region in sorted(regions):
        if region.start > cursor:
            gap = text[cursor:region.start]
            out.append(re.sub(r"[^\n]", " ", gap) if "\n" in gap else segment._MASK * len(gap))
        out.append(text[max(cursor, region.start):region.end])
        cursor = max(cursor, region.end)
    gap = text[cursor:]
    out.append(re.sub(r"[^\n]", " ", gap) if "\n" in gap else segment._MASK * len(gap))
    return "".join(out)


@given(_PIECE_TEXT, st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=8),
       st.data())
@settings(max_examples=500, deadline=None)
def test_a_piece_masked_as_that_piece_of_the_whole_mask(
        text: str, pairs: list[tuple[int, int]], data: st.DataObject) -> None:
    regions = tuple(Span(min(a, len(text)), min(a + n, len(text))) for a, n in sorted(pairs))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    gaps = segment._gaps(text, regions)
    assert segment._masked_piece(text, gaps, start, end) == \
        _masked_whole(text, regions)[start:end]


def _sentences_of_whole_mask(text: str, regions: tuple[Span, ...]) -> list[tuple[int, int, int]]:
    """sentence_offsets with the whole text masked at once, as it was before pieces."""
    old = segment._PIECE
    segment._PIECE = 1 << 40
    try:
        return list(segment.sentence_offsets(text, "en", regions))
    finally:
        segment._PIECE = old


def test_sentences_split_a_piece_at_a_time_as_from_the_whole_mask(corpus: Path) -> None:
    texts = _news(corpus)
    texts.append("\n\n".join(f"```\ncode {i}\n\nmore. Code\n```\n\nSee www.x{i}.com. Then."
                             for i in range(300)))
    for text in texts:
        prose = decode(text.encode(), "x.md").prose
        whole = _sentences_of_whole_mask(text, prose)
        old = segment._PIECE
        segment._PIECE = 700
        try:
            assert list(segment.sentence_offsets(text, "en", prose)) == whole
        finally:
            segment._PIECE = old



@given(_PIECE_TEXT, st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=8),
       st.integers(1, 40))
@settings(max_examples=500, deadline=None)
def test_sentences_split_a_piece_at_a_time_on_generated_text(
        text: str, pairs: list[tuple[int, int]], piece: int) -> None:
    regions = tuple(Span(min(a, len(text)), min(a + n, len(text))) for a, n in sorted(pairs))
    old = segment._PIECE
    segment._PIECE = piece
    try:
        assert list(segment.sentence_offsets(text, "en", regions)) == \
            _sentences_of_whole_mask(text, regions)
    finally:
        segment._PIECE = old


def test_sentences_made_as_offsets_equal_the_segments(corpus: Path) -> None:
    from retranslate.models import Segments

    made_in_all = 0
    for text in _news(corpus):
        prose = decode(text.encode(), "x.md").prose
        made = Segments.of_offsets(text, segment.sentence_offsets(text, "en", prose))
        assert list(made) == segment.split_sentences(text, "en", prose)
        made_in_all += len(made)
    assert made_in_all > 1000


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


def _blanked_copy(text: str, spans: list[Span]) -> str:
    """untranslated's plain text as it was made: a copy with every spanned character "0"."""
    chars = list(text)
    for span in spans:
        chars[span.start:span.end] = "0" * len(span)
    return "".join(chars)


@given(st.lists(st.sampled_from([*"аЖё ,\t0a.\n", "тыс.", "млн", "  "]), max_size=30).map(
    "".join), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=6))
@settings(max_examples=1000, deadline=None)
def test_neighbours_of_blanked_spans_seen_by_position_as_in_a_blanked_copy(
        text: str, pairs: list[tuple[int, int]]) -> None:
    from retranslate.checks import untranslated

    spans = [Span(min(a, len(text)), min(a + n, len(text))) for a, n in pairs]
    plain = _blanked_copy(text, spans)
    blanked = untranslated._Blanked(spans, len(text))
    before, after = untranslated._CYRILLIC_BEFORE, untranslated._CYRILLIC_AFTER
    for span in spans:
        start, end = span.start, span.end
        assert bool(before.search(plain, max(0, start - 5), start)) == bool(before.search(
            text, max(start - 5, blanked.last_before(start) + 1), start))
        assert bool(after.match(plain, end)) == bool(after.match(text, end,
                                                                 blanked.first_from(end)))


_CAPITALISED_PIECES = st.lists(st.sampled_from([
    " ", "  ", "\n", "\t", "\u00a0", "\u2003", ",", ";", "'", "’", "-", ".", "a", "Ab", "Cd",
    "the", "O'Neil", "Moscow", "x-Ray", "é", "1"]), max_size=40).map("".join)


@given(_CAPITALISED_PIECES, st.integers(1, 12))
@settings(max_examples=1000, deadline=None)
def test_capitalised_words_counted_a_piece_at_a_time_as_at_once(text: str, piece: int) -> None:
    from retranslate.language import vocabulary

    old = vocabulary._PIECE
    vocabulary._PIECE = piece
    try:
        words = vocabulary.Vocabulary(text)
        assert words.mid_capitals == Counter(vocabulary._MID_CAPITAL.findall(text))
        assert words.capitalised == Counter(vocabulary._CAPITAL.findall(text))
        assert words.standing_capitalised == frozenset(vocabulary._STANDING.findall(text))
    finally:
        vocabulary._PIECE = old


def test_capitalised_words_of_the_corpus_counted_a_piece_at_a_time_as_at_once(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from retranslate.language import vocabulary

    monkeypatch.setattr(vocabulary, "_PIECE", 300)
    for text in _news(corpus):
        words = vocabulary.Vocabulary(text)
        assert words.mid_capitals == Counter(vocabulary._MID_CAPITAL.findall(text))
        assert words.capitalised == Counter(vocabulary._CAPITAL.findall(text))
        assert words.standing_capitalised == frozenset(vocabulary._STANDING.findall(text))


@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "a", "bc",
                                 "é", "."]), max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
def test_a_long_lines_words_counted_up_to_seven_as_split_counts_them(line: str) -> None:
    from retranslate.checks import lowered
    from retranslate.language import english

    old = english.LONG_LINE
    english.LONG_LINE = 0  # every line long
    try:
        assert lowered._words_up_to_seven(line) == len(line.split(None, 6))
    finally:
        english.LONG_LINE = old


def test_lower_casing_keeps_every_characters_wordness_but_that_of_the_dotted_capital_i() -> None:
    word = re.compile(r"\w")
    changed = [chr(i) for i in range(0x110000)
               if (word.fullmatch(chr(i)) is None) != (word.fullmatch(chr(i).lower()) is None)
               or (len(chr(i).lower()) != 1 and word.fullmatch(chr(i)))]
    assert changed == ["\u0130"]


def _present_by_search(words: tuple[str, ...], text: str) -> bool:
    from retranslate.glossary import conditions

    return conditions._words_pattern(words).search(text) is not None


def test_condition_lists_found_anywhere_by_word_runs_as_by_the_search(corpus: Path) -> None:
    from retranslate.glossary import glossary_for
    from retranslate.glossary.conditions import Conditions

    glossary = glossary_for(())
    lists = {ws for e in glossary.entries for ws in (e.near, e.not_near) if ws}
    present = 0
    for text in _news(corpus)[::4]:
        conditions = Conditions(glossary, text)
        for words in lists:
            found = conditions._anywhere(words)
            assert found == _present_by_search(words, text), words
            present += found
    assert present > 50


_CONDITION_TEXT = st.lists(st.sampled_from([
    " ", "\n", "-", "'", "’", ".", "_", "1", "police", "Police", "POLICE", "policeman", "riot",
    "é", "\u0130", "\u017f", "\u212a", "kremlin", "Kremlin's", "co-op"]), max_size=20).map("".join)
_CONDITION_WORDS = st.lists(st.sampled_from([
    "police", "Kremlin", "riot police", "co-op", "op", "s", "k", "1", "_", "ice", "é"]),
    min_size=1, max_size=4).map(tuple)


@given(_CONDITION_TEXT, _CONDITION_WORDS)
@settings(max_examples=1000, deadline=None)
def test_condition_lists_found_anywhere_by_word_runs_on_generated_text(
        text: str, words: tuple[str, ...]) -> None:
    from retranslate.glossary.conditions import Conditions
    from retranslate.glossary.model import Glossary

    assert Conditions(Glossary(), text)._anywhere(words) == _present_by_search(words, text)
