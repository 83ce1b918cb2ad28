"""The diff built from the edits' own lines: it rebuilds the fixed file exactly, and on real news
it is the diff difflib makes from the whole files."""

from __future__ import annotations

import codecs
import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import load_checks
from retranslate.errors import InputError
from retranslate.files.document import decode, encode
from retranslate.glossary import glossary_for
from retranslate.models import Document, Edit, FileResult, Span
from retranslate.pipeline import compose, fix_document
from retranslate.render.diff import diff_lines, unified_diff
from retranslate.repair.apply import apply_edits

_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def _patched(old: bytes, diff: bytes) -> bytes:
    """Apply a unified diff strictly (every context and removed line must match), as patch does."""
    lines = re.findall(rb"[^\n]*\n|[^\n]+$", old)
    body = diff.split(b"\n", 2)[2]  # past the ---/+++ lines
    body = body.replace(b"\n\\ No newline at end of file\n", b"\x00")
    out: list[bytes] = []
    at = 0
    parts = _HUNK.split(body)
    for i in range(1, len(parts), 5):
        a_start = int(parts[i])
        a_len = 1 if parts[i + 1] is None else int(parts[i + 1])
        first = a_start - 1 if a_len else a_start
        assert first >= at
        out.extend(lines[at:first])
        at = first
        for line in re.findall(rb"[^\n\x00]*[\n\x00]", parts[i + 4]):
            kind, text = line[:1], line[1:].replace(b"\x00", b"")
            if kind in (b" ", b"-"):
                assert lines[at] == text, (at, lines[at], text)
                at += 1
            if kind in (b" ", b"+"):
                out.append(text)
    out.extend(lines[at:])
    return b"".join(out)


def _result(old: str, rounds: list[list[Edit]]) -> FileResult:
    document = decode(old.encode(), "file.txt")
    text, changes = document.text, []
    applied: list[Edit] = []
    for edits in rounds:
        changes = compose(changes, edits)
        text = apply_edits(text, edits)
        applied.extend(edits)
    return FileResult(document, (), tuple(applied), text, changes=tuple(changes))


_pieces = st.lists(st.sampled_from(["word ", "Word", "\n", "\n\n", "line\n", " x", "\r\n", "é"]),
                   max_size=40).map("".join)


@given(st.data())
@settings(max_examples=400, deadline=None)
def test_the_diff_rebuilds_the_fixed_text_after_any_rounds_of_edits(data: st.DataObject) -> None:
    old = data.draw(_pieces)
    text, rounds = old, []
    for _ in range(data.draw(st.integers(1, 3))):
        cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
        edits: list[Edit] = []
        for start, end in zip(cuts[::2], cuts[1::2], strict=False):
            if edits and start < edits[-1].span.end:
                continue
            edits.append(Edit(Span(start, end), data.draw(_pieces), "test/rule"))
        rounds.append(edits)
        text = apply_edits(text, edits)
    result = _result(old, rounds)
    assert result.fixed_text == text
    diff = unified_diff(result)
    if not result.changed:
        assert diff == b""
        return
    assert _patched(encode(result.document, old), diff) == encode(result.document, text)
    # Outside the composed changes the two texts are the same characters.
    rebuilt, at = [], 0
    for old_start, old_end, new_start, new_end in result.changes:
        rebuilt += [old[at:old_start], text[new_start:new_end]]
        at = old_end
    assert "".join(rebuilt) + old[at:] == text


def test_composed_changes_map_back_to_the_text_read() -> None:
    old = "one two three four"
    first = [Edit(Span(4, 7), "TWO", "r"), Edit(Span(14, 18), "4", "r")]
    middle = apply_edits(old, first)
    assert middle == "one TWO three 4"
    second = [Edit(Span(0, 3), "1", "r"), Edit(Span(6, 8), "O!", "r")]
    new = apply_edits(middle, second)
    assert new == "1 TWO!three 4"
    # The second round's edit inside the first one's "TWO" widens that change; "4" only moves.
    assert compose(compose([], first), second) == [(0, 3, 0, 1), (4, 8, 2, 6), (14, 18, 12, 13)]


def test_on_real_news_the_diff_is_difflibs(corpus: Path) -> None:
    texts = [corpus, *sorted((corpus.parent / "dev").glob("*.txt"))]
    glossary, checks = glossary_for(()), load_checks()
    compared = 0
    for path in texts:
        document = decode(path.read_bytes(), str(path))
        result = fix_document(document, glossary, checks)
        if not result.changed:
            continue
        assert result.fixed_text is not None
        assert result.changes  # the diff is built from them, not from difflib
        by_difflib = unified_diff(dataclasses.replace(result, changes=()))
        assert unified_diff(result) == by_difflib
        compared += 1
    assert compared >= 5


def test_a_document_without_recorded_changes_still_gets_a_diff() -> None:
    document = Document("a.txt", "alpha\nbeta\n", prose=(Span(0, 11),))
    result = FileResult(document, (), (), "alpha\nBETA\n")
    assert unified_diff(result).endswith(b"@@ -1,2 +1,2 @@\n alpha\n-beta\n+BETA\n")


def _one_line_result(old: str, edits: list[Edit], encoding: str = "utf-8",
                     bom: bytes = b"") -> FileResult:
    document = decode(bom + old.encode(encoding), "file.txt",
                      None if bom else encoding)
    assert document.text == old
    return FileResult(document, (), tuple(edits), apply_edits(old, edits),
                      changes=tuple(compose([], edits)))


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                               ("cp1251", b""), ("big5hkscs", b"")])
def test_a_long_line_written_in_pieces_is_the_line_difflib_writes(encoding: str,
                                                                  bom: bytes) -> None:
    """A one-line file's line is encoded a piece at a time; the pieces are its bytes, even where
    a cut falls inside a pair the codec stores as one character (Big5-HKSCS's Ê̄)."""
    from retranslate.files.document import ENCODED_PIECE as _PIECE

    letter = {"cp1251": "ж", "big5hkscs": "\u00ca\u0304"}.get(encoding, "é")
    # The pair straddles the first cut; a second line is one character long.
    old = "a" * (_PIECE - 1) + letter + " word" * (_PIECE // 2) + " end"
    for tail in ("", "\n", "\nz"):
        text = old + tail
        edits = [Edit(Span(3, 4), "A", "r"), Edit(Span(len(old) - 3, len(old)), "END", "r")]
        result = _one_line_result(text, edits, encoding, bom)
        pieces = list(diff_lines(result))
        assert max(map(len, pieces)) <= 3 * _PIECE + len(bom) + 1  # never the whole line at once
        assert b"".join(pieces) == unified_diff(dataclasses.replace(result, changes=()))
        assert _patched(encode(result.document, text), b"".join(pieces)) == \
            encode(result.document, apply_edits(text, edits))


def test_a_fix_the_encoding_cannot_store_fails_before_a_line_is_written() -> None:
    text = "Café " * 30_000 + "noise.\n"
    result = _one_line_result(text, [Edit(Span(len(text) - 7, len(text) - 2), "—", "r")],
                              "latin-1")
    with pytest.raises(InputError, match="the fix needs '—', which iso8859-1 cannot store"):
        diff_lines(result)
