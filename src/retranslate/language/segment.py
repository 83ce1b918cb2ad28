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
    masked = _mask(text, prose_regions)
    split = _split_russian if lang == "ru" else _split_english
    segments: list[Segment] = []
    for paragraph, chunk_start, chunk_end in _chunks(masked):
        # A list number ("1. ") is not a sentence of its own.
        marker = _MARKER.match(masked, chunk_start, chunk_end)
        begin = marker.end() if marker else chunk_start
        for start, end in split(masked, begin, chunk_end):
            span = _trim(masked, start, end)
            if span is not None:
                segments.append(Segment(span, text[span.start:span.end], paragraph))
    return segments


def _mask(text: str, regions: Sequence[Span] | None) -> str:
    """`text` with non-prose replaced: by _MASK inside a line, by blank lines across lines."""
    if regions is None:
        return text
    out: list[str] = []
    cursor = 0
    for region in sorted(regions):
        if region.start > cursor:
            out.append(_blank(text[cursor:region.start]))
        out.append(text[max(cursor, region.start):region.end])
        cursor = max(cursor, region.end)
    if cursor < len(text):
        out.append(_blank(text[cursor:]))
    return "".join(out)


def _blank(gap: str) -> str:
    if "\n" not in gap:
        return _MASK * len(gap)
    # A gap across lines (code block, front matter) blanks its lines, which breaks paragraphs.
    return re.sub(r"[^\n]", " ", gap)


def _chunks(text: str) -> Iterator[tuple[int, int, int]]:
    """Runs of lines that may hold one sentence across a line break, with a paragraph index:
    (paragraph, start, end), plain offsets (a Span checks itself as it is made, for nothing
    here)."""
    paragraph = -1
    previous_blank = True
    chunk_start: int | None = None
    chunk_end = 0
    previous_line = ""
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            break
        body = line.rstrip("\r\n")
        if not body.strip(" \t" + _MASK):
            if chunk_start is not None:
                yield paragraph, chunk_start, chunk_end
                chunk_start = None
            previous_blank = True
            continue
        if previous_blank:
            paragraph += 1
        start, end = match.start(), match.start() + len(body)
        if chunk_start is not None and not _continues(previous_line, body):
            yield paragraph, chunk_start, chunk_end
            chunk_start = None
        if chunk_start is None:
            chunk_start = start
        chunk_end = end
        previous_line, previous_blank = body, False
    if chunk_start is not None:
        yield paragraph, chunk_start, chunk_end


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the sentence of the line before it."""
    if _MARKER.match(line) or _DIALOGUE.match(line):
        return False
    first = line.lstrip(" \t" + _MASK)[:1]
    if first.islower():
        return True
    last = previous.rstrip(" \t" + _MASK)[-1:]
    # A short line without final punctuation is a heading, caption or dateline; a long one is
    # a paragraph wrapped by an editor.
    return last not in _TERMINAL and len(previous.strip()) >= 50


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
_ALNUM = re.compile(r"[^\W_]")  # str.isalnum, as a search


def _trim(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding space and mask characters, or None if nothing is left."""
    piece = text[start:end]
    kept = piece.lstrip(_TRIMMED)
    start += len(piece) - len(kept)
    kept = kept.rstrip(_TRIMMED)
    if not kept or _ALNUM.search(kept) is None:
        return None
    return Span(start, start + len(kept))
