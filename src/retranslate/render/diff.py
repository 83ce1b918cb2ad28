"""Unified diffs of fixed files that `git apply` and `patch -p1` accept, byte for byte.

The diff is made from the encoded bytes, so a file's encoding, BOM and newlines come through
exactly; lines are split on LF only, as git and patch split them.
"""

from __future__ import annotations

import codecs
import difflib
import itertools
import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import AnyStr, Protocol, overload

from retranslate.files.document import encode, encoded_pieces
from retranslate.models import Document, FileResult

_NO_NEWLINE = b"\n\\ No newline at end of file\n"
CONTEXT = 3  # lines of context around each change, as diff -u and git write


def _lines(data: bytes) -> list[bytes]:
    return re.findall(rb"[^\n]*\n|[^\n]+$", data)


def display_path(path: str) -> str:
    """The path relative to the working directory, with forward slashes, as diffs want."""
    relative = os.path.relpath(path) if os.path.isabs(path) or path.startswith("..") else path
    return relative.replace(os.sep, "/").removeprefix("./")


# Bytes that end or break a file name on a ---/+++ line: GNU patch stops a bare name at a space,
# and a tab or newline ends it for both tools.
_UNSAFE_NAME = re.compile(rb'[\x00-\x20"\\\x7f]')
_ESCAPES = {ord('"'): b'\\"', ord("\\"): b"\\\\", ord("\t"): b"\\t", ord("\n"): b"\\n"}


def header_name(name: bytes) -> bytes:
    """A name for a ---/+++ line, C-quoted as git writes it when it would not survive bare.

    `git apply` and GNU `patch` both read the quoted form, octal escapes included.
    """
    try:
        name.decode("utf-8")
        plain = not _UNSAFE_NAME.search(name)
    except UnicodeDecodeError:  # a name from a non-UTF-8 file system: only octal keeps it exact
        plain = False
    if plain:
        return name
    out = bytearray(b'"')
    for byte in name:
        if byte in _ESCAPES:
            out += _ESCAPES[byte]
        elif byte < 0x20 or byte >= 0x7F:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out) + b'"'


def unified_diff(result: FileResult) -> bytes:
    """The diff of one file's fix; empty when nothing changed."""
    return b"".join(diff_lines(result))


def diff_lines(result: FileResult) -> Iterator[bytes]:
    """The pieces of `unified_diff`, to be written one by one (a long line comes in pieces).

    A fix the file's encoding cannot store raises InputError here, before any line is written.
    Only the lines a hunk shows are cut out and encoded: a 10 MB file is not held encoded, nor
    as a list of its lines, nor its diff as one string, and a one-line file's line is written
    a piece at a time.
    """
    if not result.changed or result.fixed_text is None:
        return iter(())
    document = result.document
    if result.changes and _encodes_line_by_line(document.encoding):
        # Outside the changes the fixed text is the text read, which encodes (decode made
        # sure), so the changed characters are all that need trying.
        for _, _, new_start, new_end in result.changes:
            encode(document, result.fixed_text[new_start:new_end])
        hunks = _hunks(_TextLines(document.text, document), _TextLines(result.fixed_text, document),
                       _line_ranges(document.text, result.fixed_text, result.changes))
        return _with_header(document.path, hunks)
    old = encode(document, document.text)
    new = encode(document, result.fixed_text)
    if result.changes and _lines_follow_characters(document.encoding):
        hunks = _hunks(_Lines(old), _Lines(new),
                       _line_ranges(document.text, result.fixed_text, result.changes))
    else:  # no record of where the edits went, or an encoding whose bytes hide the newlines
        hunks = (line if line.endswith(b"\n") else line + _NO_NEWLINE
                 for line in itertools.islice(
                     difflib.diff_bytes(difflib.unified_diff, _lines(old), _lines(new),
                                        lineterm=b"\n", n=CONTEXT), 2, None))
    return _with_header(document.path, hunks)


def _with_header(path: str, hunks: Iterable[bytes]) -> Iterator[bytes]:
    # fsencode: a name that is not valid UTF-8 comes back as the bytes it has on disk.
    name = os.fsencode(display_path(path))
    yield b"--- " + header_name(b"a/" + name) + b"\n"
    yield b"+++ " + header_name(b"b/" + name) + b"\n"
    # difflib's own ---/+++ lines are dropped; touching any other line that starts with "---"
    # would touch a removed line of text such as "-- signature".
    yield from hunks


def _line_starts(data: AnyStr, newline: AnyStr) -> array[int]:
    """Where each line starts, then the end: the lines `_lines` splits, as offsets."""
    starts = array("q", [0])
    at = data.find(newline)
    while at >= 0:
        starts.append(at + 1)
        at = data.find(newline, at + 1)
    if starts[-1] == len(data):
        starts.pop()  # no line after a final newline
    starts.append(len(data))
    return starts


class _Cut(Sequence[AnyStr]):
    """Lines cut out of `_data` at `_starts` only when asked for."""

    _data: AnyStr
    _starts: array[int]

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> AnyStr: ...

    @overload
    def __getitem__(self, index: slice) -> list[AnyStr]: ...

    def __getitem__(self, index: int | slice) -> AnyStr | list[AnyStr]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        # A one-line text's line is the text itself: Python hands back the string, not a copy.
        return self._data[self._starts[index]:self._starts[index + 1]]


class _Lines(_Cut[bytes]):
    """The lines of encoded text as `_lines` splits them."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._starts = _line_starts(data, b"\n")

    def encoded(self, index: int) -> Iterator[bytes]:
        yield self[index]


class _TextLines(_Cut[str]):
    """The lines of a text split on LF, each encoded only when a hunk writes it, as the lines of
    the encoded text would be (for an encoding that `_encodes_line_by_line`)."""

    def __init__(self, text: str, document: Document) -> None:
        self._data = text
        self._document = document
        self._starts = _line_starts(text, "\n")

    def encoded(self, index: int) -> Iterator[bytes]:
        """The line's bytes (the BOM before the first), a long line a piece at a time."""
        return encoded_pieces(self._document, self._data, self._starts[index],
                              self._starts[index + 1])


def _lines_follow_characters(encoding: str) -> bool:
    """Whether byte line i is character line i: LF is byte 0x0A and no other character has it."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return not name.startswith(("utf-16", "utf-32")) and "\n".encode(name) == b"\n"


def _encodes_line_by_line(encoding: str) -> bool:
    """Whether each line encoded on its own gives the bytes of that line in the encoded text:
    true of the codecs whose lines follow characters, except the stateful ones (ISO-2022, HZ,
    UTF-7), whose bytes for a line depend on the shift state the lines before left."""
    return _lines_follow_characters(encoding) and not codecs.lookup(encoding).name.startswith(
        ("iso2022", "hz", "utf-7"))


# (first, end) old lines, then (first, end) new lines: a stretch where the files differ.
Block = tuple[int, int, int, int]


def _line_ranges(old: str, new: str, changes: Iterable[tuple[int, int, int, int]]) -> list[Block]:
    """The lines each change touches, in both texts, merged where they share a line.

    A change's lines run from the line its start is on to the line holding the first character
    after it, in each text: the text before and after is the same in both, so those lines end
    at the same newline. Line numbers are counted from the previous change only: linear.
    """
    old_lines = _line_counter(old)
    new_lines = _line_counter(new)
    blocks: list[Block] = []
    for old_start, old_end, new_start, new_end in changes:
        block = (old_lines(old_start), old_lines(old_end) + 1,
                 new_lines(new_start), new_lines(new_end) + 1)
        if blocks and (block[0] < blocks[-1][1] or block[2] < blocks[-1][3]):
            last = blocks.pop()
            block = (last[0], block[1], last[2], block[3])
        blocks.append(block)
    return blocks


def _line_counter(text: str) -> Callable[[int], int]:
    """The number of the line holding `offset`, for offsets asked in increasing order."""
    at = [0, 0]  # offset, line there

    def line(offset: int) -> int:
        at[1] += text.count("\n", at[0], offset)
        at[0] = offset
        return at[1]
    return line


class _Shown(Protocol):
    """Lines a hunk shows: compared as they are, written as `encoded` gives their bytes."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int) -> str | bytes: ...

    def encoded(self, index: int) -> Iterator[bytes]: ...


def _hunks(old: _Shown, new: _Shown, blocks: list[Block]) -> Iterator[bytes]:
    """Unified hunks as difflib writes them: three lines of context, joined when 6 or fewer
    unchanged lines separate two stretches."""
    trimmed: list[Block] = []
    for a0, a1, b0, b1 in blocks:
        a1, b1 = min(a1, len(old)), min(b1, len(new))
        while a0 < a1 and b0 < b1 and old[a0] == new[b0]:
            a0, b0 = a0 + 1, b0 + 1
        while a0 < a1 and b0 < b1 and old[a1 - 1] == new[b1 - 1]:
            a1, b1 = a1 - 1, b1 - 1
        if trimmed and a0 == trimmed[-1][1] and b0 == trimmed[-1][3]:
            # Changed lines next to changed lines: one block, all removals then all additions,
            # as difflib writes them.
            a0, b0 = trimmed.pop()[0::2]
        if a0 < a1 or b0 < b1:
            trimmed.append((a0, a1, b0, b1))
    group: list[Block] = []
    for block in trimmed:
        if group and block[0] - group[-1][1] > 2 * CONTEXT:
            yield from _hunk(old, new, group)
            group = []
        group.append(block)
    if group:
        yield from _hunk(old, new, group)


def _hunk(old: _Shown, new: _Shown, group: list[Block]) -> Iterator[bytes]:
    a_first = max(0, group[0][0] - CONTEXT)
    b_first = group[0][2] - (group[0][0] - a_first)
    a_end = min(len(old), group[-1][1] + CONTEXT)
    b_end = group[-1][3] + (a_end - group[-1][1])
    yield b"@@ -%s +%s @@\n" % (_range(a_first, a_end), _range(b_first, b_end))
    at = a_first
    for a0, a1, b0, b1 in group:
        yield from _shown(old, at, a0, b" ")
        yield from _shown(old, a0, a1, b"-")
        yield from _shown(new, b0, b1, b"+")
        at = a1
    yield from _shown(old, at, a_end, b" ")


def _shown(lines: _Shown, first: int, end: int, mark: bytes) -> Iterator[bytes]:
    """Lines first..end-1 marked, each in the pieces `encoded` gives; a last line without a
    newline is followed by the note diff and git write."""
    for index in range(first, end):
        piece = mark
        for n, piece in enumerate(lines.encoded(index)):
            yield mark + piece if n == 0 else piece
        if not piece.endswith(b"\n"):
            yield _NO_NEWLINE


def _range(start: int, end: int) -> bytes:
    """difflib's unified range: "3" for one line, "3,0" after line 3 for none, else "3,4"."""
    length = end - start
    if length == 1:
        return b"%d" % (start + 1)
    return b"%d,%d" % (start if not length else start + 1, length)
