"""Unified diffs of fixed files that `git apply` and `patch -p1` accept, byte for byte.

The diff is made from the encoded bytes, so a file's encoding, BOM and newlines come through
exactly; lines are split on LF only, as git and patch split them.
"""

from __future__ import annotations

import difflib
import os
import re

from retranslate.document import encode
from retranslate.models import FileResult

_NO_NEWLINE = b"\n\\ No newline at end of file\n"


def _lines(data: bytes) -> list[bytes]:
    return re.findall(rb"[^\n]*\n|[^\n]+$", data)


def display_path(path: str) -> str:
    """The path relative to the working directory, with forward slashes, as diffs want."""
    relative = os.path.relpath(path) if os.path.isabs(path) or path.startswith("..") else path
    return relative.replace(os.sep, "/").removeprefix("./")


def unified_diff(result: FileResult) -> bytes:
    """The diff of one file's fix; empty when nothing changed."""
    if not result.changed or result.fixed_text is None:
        return b""
    document = result.document
    old = _lines(encode(document, document.text))
    new = _lines(encode(document, result.fixed_text))
    name = display_path(document.path).encode()
    out = []
    for line in difflib.diff_bytes(difflib.unified_diff, old, new, b"a/" + name, b"b/" + name,
                                   n=3, lineterm=b"\n"):
        if line.startswith((b"---", b"+++")):
            line = line.rstrip(b"\t\n") + b"\n"
        out.append(line if line.endswith(b"\n") else line + _NO_NEWLINE)
    return b"".join(out)
