"""Where to look in a text: newlines and sentence stops listed once; where to try a pattern.

Checks that look around a candidate ("the line it is on", "this sentence and the next") used to
search backwards and forwards from it with `rfind` or a sentence pattern run from the line's
start; on a one-line file that is the whole file for every candidate, which made them quadratic.
Asked through `CheckContext.shared(text_index)`, the positions are found once per document.

`anchored` runs a pattern that opens with a look-behind (which the regular-expression engine
tries at every character) only where a cheap search for its rare part hits.
"""

from __future__ import annotations

import array
import bisect
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retranslate.checks import CheckContext
    from retranslate.models import Span

_NEWLINE = re.compile(r"\n")
_STOP = re.compile(r"[.!?\n]")
_END_MARK = re.compile(r"[.!?]")


class TextIndex:
    """Sorted offsets of the newlines ("\\n" only) and sentence stops of one text."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def newlines(self) -> array.array[int]:
        return _positions(_NEWLINE, self.text)

    @cached_property
    def _stops(self) -> array.array[int]:
        return _positions(_STOP, self.text)

    @cached_property
    def _end_marks(self) -> array.array[int]:
        return _positions(_END_MARK, self.text)

    def newline_before(self, offset: int) -> int:
        """`text.rfind("\\n", 0, offset)`: the last newline before `offset`, or -1."""
        i = bisect.bisect_left(self.newlines, offset)
        return self.newlines[i - 1] if i else -1

    def newline_from(self, offset: int) -> int:
        """`text.find("\\n", offset)`: the first newline at or after `offset`, or -1."""
        i = bisect.bisect_left(self.newlines, max(0, offset))
        return self.newlines[i] if i < len(self.newlines) else -1

    def two_sentences(self, offset: int) -> str:
        """The sentence holding `offset` and the next one: from just after the last stop
        (". ! ?" or a newline) before `offset` through the second ". ! ?" after it, or to the
        text's end. A newline ends no sentence of the two, so the next may run past it."""
        i = bisect.bisect_left(self._stops, offset)
        start = self._stops[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self._end_marks, start) + 1
        end = self._end_marks[j] + 1 if j < len(self._end_marks) else len(self.text)
        return self.text[start:end]


class ProseTest:
    """`document.in_prose(Span(start, end))` for many spans of one document: the regions'
    starts listed once, where `in_prose` bisects them through a key function on every call."""

    def __init__(self, prose: tuple[Span, ...]) -> None:
        self._regions = prose
        self._starts = [region.start for region in prose]

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._regions[i].start <= start and end <= self._regions[i].end


def _positions(pattern: re.Pattern[str], text: str) -> array.array[int]:
    return array.array("q", (m.start() for m in pattern.finditer(text)))


def text_index(ctx: CheckContext) -> TextIndex:
    """The index of the checked document's text (for `ctx.shared`)."""
    return TextIndex(ctx.document.text)


def prose_test(ctx: CheckContext) -> ProseTest:
    """The checked document's `in_prose`, for many spans (for `ctx.shared`)."""
    return ProseTest(ctx.document.prose)


def anchored(pattern: re.Pattern[str], text: str, finder: re.Pattern[str],
             start_of: Callable[[str, int], int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only at `start_of(text, hit)` for each `finder` hit.

    Equal to `finditer` where every match of `pattern` holds a finder hit from which
    `start_of` gives the match's only possible start (the first digit or letter of the run
    before it, say): as `finditer` does, a match is not looked for inside the last one."""
    end = 0
    for hit in finder.finditer(text):
        start = start_of(text, hit.start())
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match


_WHITESPACE = re.compile(r"\s")  # what str.split() and str.isspace() call whitespace


def whitespace_pieces(text: str, size: int) -> Iterator[str]:
    """`text` in consecutive pieces of at least `size` characters (the last may be shorter),
    each cut just before a whitespace character: no word, and no context that lower-casing
    reads (a final sigma's), spans two pieces. For work whose working memory is a multiple of
    its input's: a piece at a time, it stays bounded."""
    for start, stop in whitespace_spans(text, size):
        yield text[start:stop]


def whitespace_spans(text: str, size: int) -> Iterator[tuple[int, int]]:
    """whitespace_pieces as (start, stop) offsets, for searches given a position and an end:
    a look-behind still sees before `start`, and a look-ahead that refuses a word character
    finds none at `stop`, as it would at the whitespace there."""
    start, end = 0, len(text)
    while start < end:
        cut = _WHITESPACE.search(text, min(end, start + size))
        stop = cut.start() if cut else end
        yield start, stop
        start = stop
