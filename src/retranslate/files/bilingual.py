"""Bilingual files (XLIFF 1.2 and 2.0, PO, TMX): check and fix the target side only.

translate-toolkit (imported lazily) reads the units: id, source and target. Writing back is not
left to it, because it re-serialises the whole file (XLIFF attributes reordered, PO re-wrapped).
Instead the target document *is* the file's exact text, with only the target texts as prose:
checks and fixes touch nothing else, so the pipeline's ordinary diff and in-place write keep
every other byte. Inline markup and entities inside a target (`<g>`, `<ph/>`, `&amp;`) and PO
escapes and line wraps are non-prose, so they are carried through untouched too. The source
side becomes a plain document of its own, one paragraph per unit, for alignment and evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retranslate.models import Span

FORMATS = {".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx"}
BILINGUAL_FORMATS = frozenset(FORMATS.values())

_ALT_TRANS = re.compile(r"<alt-trans\b.*?</alt-trans>", re.DOTALL)
_TARGET = re.compile(r"<target\b[^>]*(?<!/)>(.*?)</target>", re.DOTALL)
_TUV = re.compile(r"<tuv\b[^>]*?xml:lang=\"([^\"]+)\"[^>]*>\s*<seg>(.*?)</seg>", re.DOTALL)
_MARKUP = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|\w+);")
_PO_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_PO_ESCAPE = re.compile(r"\\.")


@dataclass(frozen=True)
class Unit:
    """One translation unit as translate-toolkit reads it."""

    id: str
    source: str
    target: str


def bilingual_format(path: str) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def read_units(path: str, data: bytes | None = None) -> list[Unit]:
    """Every unit with a source, in file order (PO header and obsolete entries left out).

    `data` reads those bytes as if they were the file at `path` (a fixed text not yet written).
    """
    raw = Path(path).read_bytes() if data is None else data
    try:
        store = _store(path, raw)
    except Exception as err:  # the toolkit raises anything from lxml errors to ValueError
        from retranslate.errors import InputError

        raise InputError(f"cannot read as {bilingual_format(path)}: {err}", path=path) from None
    units = []
    for unit in store.getunits():
        if unit.isheader() or getattr(unit, "isobsolete", lambda: False)():
            continue
        source, target = str(unit.source or ""), str(unit.target or "")
        if source.strip():
            units.append(Unit(str(unit.getid()), source, target))
    return units


def _store(path: str, raw: bytes) -> Any:
    fmt = bilingual_format(path)
    if fmt == "xliff" and re.search(rb"<xliff\b[^>]*version=\"2", raw[:2000]):
        from translate.storage import xliff2

        return xliff2.Xliff2File.parsestring(raw)
    if fmt == "po":
        from translate.storage import po

        return po.pofile.parsestring(raw)
    if fmt == "tmx":
        from translate.storage import tmx

        return tmx.tmxfile.parsestring(raw)
    from translate.storage import xliff

    return xliff.xlifffile.parsestring(raw)


def target_regions(text: str, fmt: str) -> tuple[Span, ...]:
    """Where the target texts are in the file's text: the prose a check may look at and fix."""
    if fmt == "po":
        return tuple(_po_regions(text))
    regions: list[Span] = []
    for start, end in _target_spans(text, fmt):
        cursor = start
        for markup in _MARKUP.finditer(text, start, end):
            if markup.start() > cursor:
                regions.append(Span(cursor, markup.start()))
            cursor = markup.end()
        if cursor < end:
            regions.append(Span(cursor, end))
    return tuple(regions)


def _target_spans(text: str, fmt: str) -> Iterator[tuple[int, int]]:
    if fmt == "tmx":
        source = re.search(r"srclang=\"([^\"]+)\"", text)
        source_lang = source.group(1).lower() if source else "ru"
        for tuv in _TUV.finditer(text):
            if not tuv.group(1).lower().startswith(source_lang[:2]):
                yield tuv.start(2), tuv.end(2)
        return
    # Alternative translations in XLIFF 1.2 are suggestions, not the target.
    hidden = [(m.start(), m.end()) for m in _ALT_TRANS.finditer(text)]
    for target in _TARGET.finditer(text):
        if not any(a <= target.start() < b for a, b in hidden):
            yield target.start(1), target.end(1)


def _po_regions(text: str) -> Iterator[Span]:
    """The quoted pieces of every msgstr (escapes left out); the header and obsolete entries
    (their lines start with "#~") are not prose."""
    section = ""
    msgid_empty = header = False
    offset = 0
    for line in text.splitlines(keepends=True):
        keyword = line.split(" ", 1)[0].split("[", 1)[0].strip()
        if keyword == "msgid":
            section, msgid_empty = "msgid", line.strip() == 'msgid ""'
        elif keyword == "msgstr":
            section, header = "msgstr", msgid_empty  # only the header has an empty msgid
        elif line.startswith('"'):
            if section == "msgid" and line.strip() != '""':
                msgid_empty = False
        else:
            section = "other" if keyword else ""
        if section == "msgstr" and not header and (keyword == "msgstr" or line.startswith('"')):
            for piece in _PO_STRING.finditer(line):
                yield from _without_escapes(offset + piece.start(1), offset + piece.end(1), text)
        offset += len(line)


def _without_escapes(start: int, end: int, text: str) -> Iterator[Span]:
    cursor = start
    for escape in _PO_ESCAPE.finditer(text, start, end):
        if escape.start() > cursor:
            yield Span(cursor, escape.start())
        cursor = escape.end()
    if cursor < end:
        yield Span(cursor, end)


def targets(path: str, data: bytes | None = None) -> dict[str, str]:
    """Target text by unit id, as translate-toolkit reads the file (or `data`, its bytes)."""
    return {unit.id: unit.target for unit in read_units(path, data)}


def write_targets(path: str, new: dict[str, str], data: bytes | None = None) -> bytes:
    """The file's bytes with the targets of the units named in `new` (by unit id) replaced.

    translate-toolkit sets the targets and serialises; its changes are then carried onto the
    original bytes line by line, so its reformatting elsewhere (attribute order, PO wrapping
    of untouched entries) never reaches the file. Where a changed line cannot be placed, the
    toolkit's own output is returned: valid, if less tidy.
    """
    raw = Path(path).read_bytes() if data is None else data
    store = _store(path, raw)
    baseline = bytes(store)
    for unit in store.getunits():
        if str(unit.getid()) in new:
            unit.target = new[str(unit.getid())]
    changed = bytes(store)
    if changed == baseline:
        return raw
    merged = _carry_over(raw.decode("utf-8"), baseline.decode("utf-8"), changed.decode("utf-8"))
    return merged.encode("utf-8") if merged is not None else changed


def _carry_over(original: str, baseline: str, changed: str) -> str | None:
    """Apply the baseline→changed line edits to `original`, which differs from baseline only in
    formatting; None when an edited line has no counterpart in `original`."""
    from difflib import SequenceMatcher

    o, b, c = (x.splitlines(keepends=True) for x in (original, baseline, changed))
    where: dict[int, int] = {}
    for tag, i1, i2, j1, _ in SequenceMatcher(None, b, o, autojunk=False).get_opcodes():
        if tag == "equal":
            where.update({i1 + k: j1 + k for k in range(i2 - i1)})
    edits: list[tuple[int, int, list[str]]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, b, c, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # pure insertion: after the line before it
            if i1 - 1 not in where and i1 not in where:
                return None
            at = where[i1 - 1] + 1 if i1 - 1 in where else where[i1]
            edits.append((at, at, c[j1:j2]))
            continue
        lines = [where.get(i) for i in range(i1, i2)]
        if None in lines or lines != list(range(lines[0] or 0, (lines[0] or 0) + len(lines))):
            return None
        start = where[i1]
        edits.append((start, start + (i2 - i1), c[j1:j2]))
    for start, end, replacement in sorted(edits, reverse=True):
        o[start:end] = replacement
    return "".join(o)
