"""Reading and writing files without losing a byte: encodings, BOMs, newlines, safe writes."""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from retranslate.errors import InputError, SkippedFile
from retranslate.files import replace
from retranslate.files.scopes import prose_regions
from retranslate.models import Document, Edit, Span

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


BILINGUAL_FORMATS = ("po", "xliff", "tmx", "ts")


def detect_format(path: str) -> str:
    return "markdown" if Path(path).suffix.lower() in _MARKDOWN_SUFFIXES else "text"


# What --stdin-format names, as the formats documents carry.
STDIN_FORMATS = {"txt": "text", "md": "markdown", "xliff": "xliff", "po": "po", "tmx": "tmx"}
_SUFFIX_OF = {"text": ".txt", "markdown": ".md", "xliff": ".xliff", "po": ".po", "tmx": ".tmx",
              "ts": ".ts"}


def stdin_format(given: str | None, filename: str | None) -> str:
    """The format of standard input: --stdin-format, else what --stdin-filename's suffix says
    (as ruff and prettier do), else plain text."""
    if given:
        return STDIN_FORMATS[given]
    if filename:
        from retranslate.files.bilingual import bilingual_format

        return bilingual_format(filename) or detect_format(filename)
    return "text"


# Encodings whose encoder writes a BOM of its own: decoding with them and encoding back would add
# bytes the file never had, so they are read as the BOM-less form (the BOM itself is handled above).
_BOM_WRITING = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def _codec_name(encoding: str, path: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    try:  # rot13, base64, zlib... are codecs, but not between bytes and text
        "".encode(name)
        b"".decode(name)
    except LookupError:
        raise InputError(f"{encoding!r} is not a text encoding", path=path,
                         hint="name one such as utf-8 or cp1251") from None
    return _BOM_WRITING.get(name, name)


def decode(raw: bytes, path: str, encoding: str | None = None, fmt: str | None = None) -> Document:
    """Turn raw bytes into a Document, or raise a one-line error that names the file.

    The result always encodes back to exactly `raw`; an encoding that would not do that is
    refused here, before any fix could touch bytes it did not mean to.
    """
    bom = b""
    chosen = _codec_name(encoding, path) if encoding else "utf-8"
    for mark, name in _BOMS:
        if raw.startswith(mark) and not (name == "utf-32-le" and chosen == "utf-16-le"):
            bom, chosen = mark, name
            break
    body = raw[len(bom):]
    # NULs are text only in UTF-16/32, which a BOM or an explicit --encoding announces; a
    # single-byte --encoding such as cp1251 decodes almost any bytes, so it never turns a
    # binary file into text.
    wide = chosen.startswith(("utf-16", "utf-32"))
    if not wide and b"\x00" in raw[:_SNIFF_BYTES]:
        raise SkippedFile("binary file (NUL byte), skipped", path=path)
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as err:
        if bom == codecs.BOM_UTF32_LE:
            # FF FE 00 00 is also a UTF-16 LE BOM followed by U+0000: try that reading too.
            with contextlib.suppress(InputError):
                return decode(raw, path, "utf-16-le", fmt)
        offset = err.start + len(bom)
        raise InputError(
            f"not valid {chosen} at byte {offset}",
            path=path,
            hint="pass --encoding, e.g. --encoding cp1251, if you know the file's encoding",
        ) from None
    if chosen not in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be") \
            and text.encode(chosen, errors="replace") != body:
        # Stateful or many-to-one codecs (ISO-2022, some CJK ones) may decode two byte strings
        # to the same text; writing it back would change bytes no fix touched.
        raise InputError(f"{chosen} does not read back to the same bytes; not checked",
                         path=path)
    kind = fmt or detect_format(path)
    return Document(
        path=path,
        text=text,
        encoding=chosen,
        bom=bom,
        format=kind,
        prose=prose_of(text, kind),
    )


def prose_of(text: str, fmt: str) -> tuple[Span, ...]:
    """What is prose in a document of format `fmt`: a bilingual file's targets, else the scopes."""
    if text and fmt in BILINGUAL_FORMATS:
        from retranslate.files.bilingual import target_regions

        return target_regions(text, fmt)
    return prose_regions(text, fmt)


def read_bilingual(path: str, encoding: str | None = None, fmt: str | None = None
                   ) -> tuple[Document, Document, tuple[str, ...]]:
    """A bilingual file as a target Document (exact text, target prose), its source, and notes
    on what could not be checked. Standard input ("-") needs `fmt`: it has no suffix to tell.

    The source has one paragraph per unit whose target is checked, that unit's own source, so
    alignment can stay inside units (`bilingual.unit_groups`); where the toolkit's units and
    the targets found in the text do not pair up, it has one paragraph per unit it reads.
    """
    from retranslate.files.bilingual import (
        all_units,
        bilingual_format,
        own_source_path,
        own_sources,
        unplaced,
    )

    fmt = fmt or bilingual_format(path) or "xliff"
    raw = read_document(path, encoding)
    # The toolkit tells the format by the name: standard input gets one with the right suffix.
    every = all_units(path) if path != "-" else \
        all_units(f"<stdin>{_SUFFIX_OF[fmt]}", encode(raw, raw.text))
    try:
        target = dataclasses.replace(raw, format=fmt, prose=prose_of(raw.text, fmt))
    except InputError as err:
        raise InputError(err.message, path=path) from None
    units = [u for u in every if u is not None and u.source.strip()]
    paired = own_sources(every, raw.text, fmt)
    paragraphs = paired if paired is not None else [" ".join(u.source.split()) for u in units]
    text = "\n\n".join(paragraphs)
    source = Document(path=own_source_path(path, paired is not None), text=text,
                      format="text", prose=(Span(0, len(text)),) if text else ())
    missed = unplaced(units, raw.text, fmt)
    notes = (f"{missed} target(s) that translate-toolkit reads could not be placed in the "
             "file's text and are not checked",) if missed else ()
    return target, source, notes


def matchable_text(document: Document) -> str:
    """The text a term matcher reads: a bilingual file's text with everything but its targets'
    prose blanked to spaces (offsets kept), so a PO escape or a tag glued to a word ("\\nNoise",
    "<g>Noise") does not hide the word; any other document's text as it is."""
    if document.format not in BILINGUAL_FORMATS:
        return document.text
    pieces = []
    cursor = 0
    for region in document.prose:
        pieces.append(" " * (region.start - cursor))
        pieces.append(document.text[region.start:region.end])
        cursor = region.end
    pieces.append(" " * (len(document.text) - cursor))
    return "".join(pieces)


def sentence_start(document: Document, at: int) -> bool | None:
    """Whether offset `at` starts a sentence, where the format decides it (a bilingual file's
    target starts one); None where the text around it decides."""
    if document.format not in BILINGUAL_FORMATS:
        return None
    from retranslate.files.bilingual import prose_before
    from retranslate.glossary.inflect import starts_sentence

    before = prose_before(document.text, document.format, at)
    return None if before is None else starts_sentence(before, len(before))


def written_edits(document: Document, edits: list[Edit]) -> list[Edit]:
    """The edits with their replacements escaped as `document`'s format needs where they land
    (XML entities, PO escapes); unchanged for plain text and Markdown."""
    if document.format not in BILINGUAL_FORMATS:
        return edits
    from retranslate.files.bilingual import escape

    return [dataclasses.replace(edit, replacement=escape(document.text, document.format,
                                                         edit.span.start, edit.replacement))
            for edit in edits]


def read_document(path: str, encoding: str | None = None, fmt: str | None = None) -> Document:
    """Read a file (or standard input for "-", plain text unless `fmt` says otherwise)."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-", encoding, fmt)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end; named on the command line or found
            # in a folder, it is not an article.
            raise SkippedFile("not a regular file, skipped", path=path)
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


def read_source_document(path: str) -> Document:
    """Read a Russian source. A source cannot be skipped: the translation would go unchecked."""
    try:
        return read_document(path)
    except SkippedFile as err:
        raise InputError(f"{err.message.removesuffix(', skipped')}, not usable as a source",
                         path=err.path) from None
    except InputError as err:
        if err.hint and "--encoding" in err.hint:  # --encoding is for the translation only
            err.hint = "convert the source to UTF-8, e.g. iconv -f cp1251 -t utf-8"
        raise


def encode(document: Document, text: str) -> bytes:
    """The bytes of `text` as `document` was stored: same encoding, same BOM."""
    try:
        return document.bom + text.encode(document.encoding)
    except UnicodeEncodeError as err:
        raise InputError(
            f"the fix needs {text[err.start:err.end]!r}, which {document.encoding} cannot store",
            path=document.path,
        ) from None


def encoded_pieces(document: Document, text: str, start: int = 0,
                   end: int | None = None) -> Iterator[bytes]:
    """The bytes `encode` gives for text[start:end] (with the BOM where it starts the text), a
    piece at a time: encoding megabytes at once takes up to three bytes per character while it
    runs. Raises InputError as `encode` does, naming the same characters."""
    end = len(text) if end is None else end
    head = document.bom if start == 0 else b""
    if end - start <= ENCODED_PIECE:
        yield head + _encoded(document, text[start:end])
        return
    # The incremental encoder keeps what a cut could split (a base letter and the combining
    # mark some codecs store as one pair, a shift state), so the pieces are the text's bytes.
    encoder = codecs.getincrementalencoder(document.encoding)()
    for at in range(start, end, ENCODED_PIECE):
        cut = min(at + ENCODED_PIECE, end)
        try:
            piece = encoder.encode(text[at:cut], cut == end)
        except UnicodeEncodeError:
            encode(document, text[start:end])  # the error as the whole text gives it
            raise
        if head or piece:
            yield head + piece
            head = b""


def _encoded(document: Document, text: str) -> bytes:
    try:
        return text.encode(document.encoding)
    except UnicodeEncodeError:
        encode(document, text)
        raise


# Characters encoded at a time by `encoded_pieces`.
ENCODED_PIECE = 1 << 16


def _through_a_pipe(path: str) -> str:
    """A command that writes the fix into the file itself (through every link, as its owner
    keeps it), for the refusals that are about replacing the file."""
    import shlex

    name, new = shlex.quote(path), shlex.quote(f"{path}.new")
    return (f"to edit it in place, fix it through a pipe: retranslate fix --stdin-filename "
            f"{name} - < {name} > {new} && cat {new} > {name}")


def _refusal(document: Document, info: os.stat_result, target: Path) -> InputError | None:
    """Why `target` must not be replaced, if it must not."""
    writable = info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    # The mode is checked as well as access(): root may write anything, yet a file its owner
    # made read-only is meant to stay as it is.
    if not writable or not os.access(target, os.W_OK):
        return InputError("file is read-only, not written", path=document.path,
                          hint="make it writable or drop --write")
    if info.st_nlink > 1:
        # Renaming a new file into place would leave the other names with the old text, and
        # git apply and patch do the same; writing in place is not safe against a crash.
        return InputError(f"file has {info.st_nlink} hard links, not written (replacing it "
                          "would leave the other names with the old text)",
                          path=document.path, hint=_through_a_pipe(document.path))
    if hasattr(os, "geteuid") and os.geteuid() not in (0, info.st_uid):
        # The new file would be ours: only root may give a file to someone else.
        return InputError(f"file belongs to another user (uid {info.st_uid}), not written "
                          "(replacing it would make it yours)", path=document.path,
                          hint=_through_a_pipe(document.path))
    return None


def _unchanged_since_read(document: Document, target: Path) -> None:
    # Compared a piece at a time: neither the file nor the text read is held again in full.
    try:
        with target.open("rb") as handle:
            same = all(handle.read(len(piece)) == piece
                       for piece in encoded_pieces(document, document.text)) \
                and not handle.read(1)
    except OSError as err:
        raise InputError(f"cannot re-read before writing: {err.strerror}",
                         path=document.path) from None
    if not same:
        raise InputError("file changed since it was read, not written", path=document.path,
                         hint="run retranslate again")


def write_document(document: Document, text: str) -> None:
    """Replace the file atomically with `text`, keeping encoding, BOM, owner, group, mode and
    extended attributes (or refusing, with the reason, where one cannot be kept).

    Writes a temporary file beside the target and flushes it to disk, then checks that the target
    still holds what was read (so a concurrent edit is never lost) and renames the temporary file
    over it, so an interrupted write leaves the original intact, and a killed one leaves no
    temporary file (files/replace.py). A symlink's target is written, never the link.
    """
    target = Path(os.path.realpath(document.path))
    # Encoded in full before anything is touched, so a fix the encoding cannot store fails
    # here; in pieces, which hold the bytes without a whole-text encode's working memory.
    data = list(encoded_pieces(document, text))
    try:
        info = target.stat()
    except OSError as err:
        raise InputError(f"cannot re-read before writing: {err.strerror}",
                         path=document.path) from None
    refusal = _refusal(document, info, target)
    if refusal is not None:
        raise refusal
    replace.remove_stale(target.parent)
    try:
        temp = replace.open_temp(target)
    except OSError as err:
        raise InputError(f"cannot write beside the file: {err.strerror}", path=document.path,
                         hint="the folder must be writable") from None
    try:
        with os.fdopen(os.dup(temp.fd), "wb") as handle:
            handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace.keep_metadata(temp, info, target, document.path)
        # Checked as late as possible, after the slow fsync, to keep the race window small.
        _unchanged_since_read(document, target)
        replace.commit(temp, target)
    except BaseException as err:
        # Ctrl-C included: whatever stopped the write, no temporary file is left behind.
        if isinstance(err, OSError):
            raise InputError(f"write failed, original left intact: {err.strerror}",
                             path=document.path) from None
        raise
    finally:
        replace.discard(temp)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort, as not every system can open a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
