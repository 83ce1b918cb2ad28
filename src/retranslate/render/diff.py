"""Unified diffs of fixed files that `git apply` and `patch -p1` accept, byte for byte.

The diff is made from the encoded bytes, so a file's encoding, BOM and newlines come through
exactly; lines are split on LF only, as git and patch split them.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re

from retranslate.files.document import encode
from retranslate.models import FileResult

_NO_NEWLINE = b"\n\\ No newline at end of file\n"


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
    if not result.changed or result.fixed_text is None:
        return b""
    document = result.document
    old = _lines(encode(document, document.text))
    new = _lines(encode(document, result.fixed_text))
    # fsencode: a name that is not valid UTF-8 comes back as the bytes it has on disk.
    name = os.fsencode(display_path(document.path))
    out = [b"--- " + header_name(b"a/" + name) + b"\n",
           b"+++ " + header_name(b"b/" + name) + b"\n"]
    hunks = difflib.diff_bytes(difflib.unified_diff, old, new, lineterm=b"\n", n=3)
    # difflib's own ---/+++ lines are dropped; touching any other line that starts with "---"
    # would touch a removed line of text such as "-- signature".
    for line in itertools.islice(hunks, 2, None):
        out.append(line if line.endswith(b"\n") else line + _NO_NEWLINE)
    return b"".join(out)
