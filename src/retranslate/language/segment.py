"""Sentence splitting for English and Russian news text, keeping character offsets.

Both languages share the layout pass: paragraphs are runs of non-blank lines; a line break ends
a sentence unless the next line plainly continues it (it starts in lower case, or the line
before is a long wrapped line without final punctuation); list items, headings, datelines and
dialogue lines are segments of their own. Only prose counts: non-prose inside a line (inline
code, a URL) is carried inside its sentence but never splits it; non-prose spanning lines (a
code block, front matter) separates paragraphs.

Inside a run, Russian goes to razdel: it is built for Russian news, and its rules for initials
(К.-Ж. Токаев), abbreviations (т.е., т. п., ул., г., тыс.), «ёлочки» and dialogue dashes are
better than anything short we could write. English uses the rules below instead: razdel splits
"on Jan. 5" and knows no English abbreviations, and a regex pass costs nothing on the English
side, which runs on every file and must not import razdel.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from retranslate.models import Segment, Span

# Stands in for non-prose characters inside a line: not a letter, space or terminator, so it
# neither ends nor starts a sentence, and is trimmed from segment ends.
_MASK = "\ue000"

_LINE = re.compile(r"[^\n]*\n?")
# Markers that start a segment of their own and are not part of its text.
_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+•][ \t]+|\d{1,3}[.)][ \t]+)")
_DIALOGUE = re.compile(r"[ \t]*[—–-][ \t]")
_TERMINAL = frozenset(".!?…:;\"'”’»)")

# A sentence may end after a run of terminators plus closing quotes/brackets, before spaces.
# Non-prose right after it (a tag between two translation units) counts as a space.
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=[\s\ue000])")
# After these the next capitalised word is part of the same sentence ("U.S. President").
_NEVER_FINAL = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "cpt", "maj",
    "gov", "sen", "rep", "rev", "hon", "pres", "supt", "no", "nos", "fig", "mt", "ft", "vs",
    "e.g", "i.e", "cf", "u.s", "u.k", "u.n", "e.u", "u.s.a", "u.s.s.r",
})
# These end a sentence before a capital but not before a number ("Jan. 5", "approx. 300").
_BEFORE_NUMBERS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "p", "pp", "vol", "art",
})
# Russian initials that take two Latin letters (Жанна → Zh., Юрий → Yu.).
_DIGRAPH_INITIALS = frozenset({"Zh", "Kh", "Sh", "Ch", "Ts", "Yu", "Ya", "Ye", "Yo"})
# Not after "°" or a digit: "-25 °C." and "5G." end sentences, initials do not.
_WORD_BEFORE = re.compile(r"(?<![A-Za-z°\d])([A-Za-z][A-Za-z.]*)\.$")


def split_sentences(text: str, lang: str = "en",
                    prose_regions: Sequence[Span] | None = None) -> list[Segment]:
    """The sentences of `text` in order, each with its span and paragraph index.

    `prose_regions` limits the text looked at (None: all of it). `lang` is "en" or "ru"
    (anything else is split with the English rules).
    """
    return [Segment(Span(start, end), text[start:end], paragraph)
            for start, end, paragraph in sentence_offsets(text, lang, prose_regions)]


def sentence_offsets(text: str, lang: str = "en", prose_regions: Sequence[Span] | None = None
                     ) -> Iterator[tuple[int, int, int]]:
    """split_sentences as (start, end, paragraph), one at a time: a big file's sentences as
    Segment objects, each with a copy of its text, took five times the text's size at once."""
    split = _split_russian if lang == "ru" else _split_english
    gaps = _gaps(text, prose_regions)
    # Masked a piece at a time, cut after a blank line, where every line-by-line state of the
    # split is back at its start: masking the whole text at once held two copies of it.
    pieces = _pieces(text) if gaps else ((0, len(text)),)
    paragraphs = 0
    for offset, end in pieces:
        masked = _masked_piece(text, gaps, offset, end) if gaps else text
        last = -1
        for paragraph, chunk_start, chunk_end in _chunks(masked):
            last = paragraph
            # A list number ("1. ") is not a sentence of its own.
            marker = _MARKER.match(masked, chunk_start, chunk_end)
            begin = marker.end() if marker else chunk_start
            for start, stop in split(masked, begin, chunk_end):
                span = _trim(masked, start, stop)
                if span is not None:
                    yield offset + span[0], offset + span[1], paragraphs + paragraph
        # Every paragraph has a run of lines, even one that holds no sentence.
        paragraphs += last + 1


_PIECE = 1 << 18
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of about _PIECE characters, each ending just after a blank line (or
    at the end of the text)."""
    start = 0
    while start < len(text):
        cut = _BLANK_LINE.search(text, start + _PIECE) if len(text) - start > _PIECE else None
        end = cut.end() if cut else len(text)
        yield start, end
        start = end


def _gaps(text: str, regions: Sequence[Span] | None) -> list[tuple[int, int, bool]]:
    """The stretches outside `regions` as (start, end, whether the stretch crosses a line)."""
    if regions is None:
        return []
    gaps = []
    cursor = 0
    for region in sorted(regions):
        if region.start > cursor:
            gaps.append((cursor, region.start))
        cursor = max(cursor, region.end)
    if cursor < len(text):
        gaps.append((cursor, len(text)))
    return [(start, end, text.find("\n", start, end) >= 0) for start, end in gaps]


def _masked_piece(text: str, gaps: Sequence[tuple[int, int, bool]], start: int, end: int
                  ) -> str:
    """text[start:end] with the gaps that reach into it masked: inside a line by _MASK, across
    lines by blanking every character but the line breaks."""
    out: list[str] = []
    cursor = start
    first = max(0, bisect.bisect_right(gaps, (start, start)) - 1)
    for gap_start, gap_end, across_lines in gaps[first:]:
        if gap_start >= end:
            break
        if gap_end <= cursor:
            continue
        clip_start, clip_end = max(gap_start, cursor), min(gap_end, end)
        out.append(text[cursor:clip_start])
        # Decided for the whole gap, even where the piece holds only part of it: a gap across
        # lines (a code block, front matter) blanks its lines, which breaks paragraphs.
        out.append(re.sub(r"[^\n]", " ", text[clip_start:clip_end]) if across_lines
                   else _MASK * (clip_end - clip_start))
        cursor = clip_end
    out.append(text[cursor:end])
    return "".join(out)


def _chunks(text: str) -> Iterator[tuple[int, int, int]]:
    """Runs of lines that may hold one sentence across a line break, with a paragraph index:
    (paragraph, start, end). Lines are read by position, never copied: a file on one line is
    one line of 50 MB."""
    paragraph = -1
    previous_blank = True
    chunk_start: int | None = None
    chunk_end = 0
    previous = (0, 0)
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:
            break
        body_end = end
        while body_end > start and text[body_end - 1] in "\r\n":
            body_end -= 1
        first = _BLANKS.match(text, start, body_end).end()  # type: ignore[union-attr]
        if first == body_end:
            if chunk_start is not None:
                yield paragraph, chunk_start, chunk_end
                chunk_start = None
            previous_blank = True
            continue
        if previous_blank:
            paragraph += 1
        if chunk_start is not None and not _continues(text, previous, start, first, body_end):
            yield paragraph, chunk_start, chunk_end
            chunk_start = None
        if chunk_start is None:
            chunk_start = start
        chunk_end = body_end
        previous, previous_blank = (start, body_end), False
    if chunk_start is not None:
        yield paragraph, chunk_start, chunk_end


# What a blank line holds, and what a line's first and last characters are looked for past.
_BLANKS = re.compile(f"[ \t{_MASK}]*")


def _continues(text: str, previous: tuple[int, int], start: int, first: int, end: int) -> bool:
    """Whether the line text[start:end] (its first character not a blank at `first`) carries
    on the sentence of the line `previous` (start, end) before it."""
    if _MARKER.match(text, start, end) or _DIALOGUE.match(text, start, end):
        return False
    if text[first].islower():
        return True
    begin, last = previous
    while last > begin and text[last - 1] in _BLANK_CHARS:
        last -= 1
    # A short line without final punctuation is a heading, caption or dateline; a long one is
    # a paragraph wrapped by an editor.
    return text[last - 1:last] not in _TERMINAL and _stripped_length(text, *previous) >= 50


_BLANK_CHARS = frozenset(" \t" + _MASK)


def _stripped_length(text: str, start: int, end: int) -> int:
    """len(text[start:end].strip()), by position."""
    if end - start < 50:
        return len(text[start:end].strip())
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return end - start


def _split_english(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _english_boundary(text, match, end):
            yield cursor, match.end()
            cursor = match.end()
    yield cursor, end


_GAP = re.compile(f"[ \t\r\n{_MASK}]*")
_SPACE = re.compile(r"\s*")


def _english_boundary(text: str, match: re.Match[str], end: int) -> bool:
    # Look past the gap by position, never by copying the rest of the paragraph: a one-line file
    # of 50 MB has a hundred thousand candidates, and copying made it quadratic.
    first = _GAP.match(text, match.end(), end).end()  # type: ignore[union-attr]
    if first >= end:
        return False
    nxt = text[first]
    marks = match.group()
    if marks.startswith(".") and len(marks.rstrip("\"'”’»)]")) == 1:
        word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
        token = word.group(1).lower() if word else ""
        if token in _NEVER_FINAL:
            return False
        if word and ((len(token) == 1 and word.group(1).isupper())
                     or word.group(1) in _DIGRAPH_INITIALS):
            return False  # an initial: "J. R. Brown", "K.-Zh. Tokayev"
        if token in _BEFORE_NUMBERS and nxt.isdigit():
            return False  # "Jan. 5", "approx. 300"
    if nxt in "—–-":
        # A dialogue dash: '"Fine." - he said' goes on; '"Fine." — The next one' does not.
        following = _SPACE.match(text, first + 1, end).end()  # type: ignore[union-attr]
        return text[following: following + 1].isupper()
    return nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘«(["


def _split_russian(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    from razdel import sentenize

    for sentence in sentenize(text[start:end]):
        yield start + sentence.start, start + sentence.stop


_TRIMMED = " \t\r\n" + _MASK
_LEADING = re.compile(f"[{re.escape(_TRIMMED)}]*")
_ALNUM = re.compile(r"[^\W_]")  # str.isalnum, as a search


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding space and mask characters, or None if nothing is left.
    By position, not on a copy: one sentence of a file with no stops can be the whole file."""
    start = _LEADING.match(text, start, end).end()  # type: ignore[union-attr]
    while end > start and text[end - 1] in _TRIMMED:
        end -= 1
    if end == start or _ALNUM.search(text, start, end) is None:
        return None
    return start, end
