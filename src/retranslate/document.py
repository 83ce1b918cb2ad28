"""Reading and writing files without losing a byte: encodings, BOMs, newlines, safe writes."""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from retranslate.errors import InputError, SkippedFile
from retranslate.models import Document
from retranslate.scopes import prose_regions

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# A NUL this early means a binary file; text encodings with NULs (UTF-16/32) announce themselves
# with a BOM, which is checked first.
_SNIFF_BYTES = 8192


def detect_format(path: str) -> str:
    return "markdown" if Path(path).suffix.lower() in _MARKDOWN_SUFFIXES else "text"


def decode(raw: bytes, path: str, encoding: str | None = None, fmt: str | None = None) -> Document:
    """Turn raw bytes into a Document, or raise a one-line error that names the file."""
    bom = b""
    chosen = encoding or "utf-8"
    for mark, name in _BOMS:
        if raw.startswith(mark):
            bom, chosen = mark, name
            break
    body = raw[len(bom):]
    if not bom and b"\x00" in raw[:_SNIFF_BYTES]:
        raise SkippedFile("binary file (NUL byte), skipped", path=path)
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as err:
        offset = err.start + len(bom)
        raise InputError(
            f"not valid {chosen} at byte {offset}",
            path=path,
            hint="pass --encoding, e.g. --encoding cp1251, if you know the file's encoding",
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {chosen!r}", path=path) from None
    kind = fmt or detect_format(path)
    return Document(
        path=path,
        text=text,
        encoding=chosen,
        bom=bom,
        format=kind,
        prose=prose_regions(text, kind),
    )


def read_document(path: str, encoding: str | None = None) -> Document:
    """Read a file (or standard input for "-")."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-", encoding)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except PermissionError:
        raise InputError("permission denied while reading", path=path) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=path) from None
    return decode(raw, path, encoding)


def encode(document: Document, text: str) -> bytes:
    """The bytes of `text` as `document` was stored: same encoding, same BOM."""
    try:
        return document.bom + text.encode(document.encoding)
    except UnicodeEncodeError as err:
        raise InputError(
            f"the fix needs {text[err.start:err.end]!r}, which {document.encoding} cannot store",
            path=document.path,
        ) from None


def write_document(document: Document, text: str) -> None:
    """Replace the file atomically with `text`, keeping encoding, BOM, mode and ownership.

    Refuses when the file changed since it was read, so a concurrent edit is never lost; writes
    a temporary file beside the target, flushes it to disk, then renames it over the target, so
    an interrupted write leaves the original intact. A symlink's target is written, never the link.
    """
    target = Path(os.path.realpath(document.path))
    data = encode(document, text)
    try:
        info = target.stat()
        current = target.read_bytes()
    except OSError as err:
        raise InputError(f"cannot re-read before writing: {err.strerror}",
                         path=document.path) from None
    if not info.st_mode & stat.S_IWUSR:
        raise InputError("file is read-only, not written", path=document.path,
                         hint="make it writable or drop --write")
    if current != encode(document, document.text):
        raise InputError("file changed since it was read, not written", path=document.path,
                         hint="run retranslate again")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".retranslate",
                                    dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            # Not ours to give away without privileges; the mode is kept, which matters most.
            with contextlib.suppress(PermissionError):
                os.chown(tmp_name, info.st_uid, info.st_gid)
        os.replace(tmp_name, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise InputError(f"write failed, original left intact: {err.strerror}",
                         path=document.path) from None
