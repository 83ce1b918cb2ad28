"""Where the targets (msgstr) are in a PO file, and how a fix is written inside one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from retranslate.models import Span

_PO_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_PO_ESCAPE = re.compile(r"\\.")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def targets(text: str) -> list[tuple[int, list[Span]]]:
    """The prose of each msgstr (or msgstr[n]) with its entry's number: its quoted pieces,
    escapes left out.

    The header (the entry whose msgid is empty) and obsolete entries (their lines start with
    "#~") are not targets; nor are comments, which start with "#" too.
    """
    found: list[tuple[int, list[Span]]] = []
    entries = 0
    section = ""
    msgid_empty = header = False
    offset = 0
    for line in text.splitlines(keepends=True):
        keyword = re.split(r'[\s"\[]', line, maxsplit=1)[0]
        if keyword == "#~" and line.split()[1:2] == ["msgid"]:
            entries += 1  # an obsolete entry is a unit to the toolkit too
        if keyword == "msgid":
            section, msgid_empty = "msgid", line.strip() == 'msgid ""'
            entries += 1
        elif keyword == "msgstr":
            section, header = "msgstr", msgid_empty  # only the header has an empty msgid
            if not header:
                found.append((entries, []))
        elif line.lstrip().startswith('"'):
            if section == "msgid" and line.strip() != '""':
                msgid_empty = False
        else:
            section = "other" if line.strip() else ""
        if section == "msgstr" and not header and (keyword == "msgstr"
                                                   or line.lstrip().startswith('"')):
            for piece in _PO_STRING.finditer(line):
                found[-1][1].extend(_without_escapes(offset + piece.start(1),
                                                  offset + piece.end(1), text))
        offset += len(line)
    return found


def _without_escapes(start: int, end: int, text: str) -> Iterator[Span]:
    cursor = start
    for escape in _PO_ESCAPE.finditer(text, start, end):
        if escape.start() > cursor:
            yield Span(cursor, escape.start())
        cursor = escape.end()
    if cursor < end:
        yield Span(cursor, end)


def escape(replacement: str) -> str:
    """`replacement` as it must be written inside a PO string."""
    return "".join(_ESCAPES.get(char, char) for char in replacement)
