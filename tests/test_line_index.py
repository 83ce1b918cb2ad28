"""Line and column of an offset, whatever the line endings and whatever order they are asked in."""

from __future__ import annotations

import bisect
import re

from hypothesis import given
from hypothesis import strategies as st

from retranslate.models import Document
from retranslate.render import LineIndex


def _expected(text: str, offset: int) -> tuple[int, int]:
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@given(st.text(alphabet="ab\n\r é", max_size=60), st.lists(st.integers(0, 60), max_size=8))
def test_positions_match_a_list_of_line_starts(text: str, offsets: list[int]) -> None:
    index = LineIndex(Document(path="x", text=text))
    for offset in offsets:
        offset = min(offset, len(text))
        assert index.position(offset) == _expected(text, offset)


def test_lines_and_columns() -> None:
    index = LineIndex(Document(path="x", text="ab\ncd\n\nef"))
    assert [index.position(o) for o in (0, 4, 7, 8, 1)] == [(1, 1), (2, 2), (4, 1), (4, 2), (1, 2)]
