"""Bilingual files (PO, XLIFF 1.2/2.0 with Trados and memoQ's, TMX, Qt TS): the target side only.

translate-toolkit (imported lazily) reads the units: id, source and target. Writing back is not
left to it, because it re-serialises the whole file (XLIFF attributes reordered, PO re-wrapped).
Instead the target document *is* the file's exact text, with only the unit's own target texts
as prose: checks and fixes touch nothing else, so the pipeline's ordinary diff and in-place
write keep every other byte. Inline markup and entities inside a target (`<g>`, `<ph/>`,
`&amp;`) and PO escapes and line wraps are non-prose, so they are carried through untouched
too; a fix is escaped as the format needs where it lands (`escape`). The source side becomes a
plain document of its own, one paragraph per unit, for alignment and evidence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from retranslate.errors import InputError
from retranslate.models import Document, Segment, Span

FORMATS = {".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff",
           ".mqxliff": "xliff", ".tmx": "tmx", ".ts": "ts"}
BILINGUAL_FORMATS = frozenset(FORMATS.values())
# Read first to tell a Qt Linguist file from TypeScript, which shares its suffix.
_SNIFF = 4096
_QT_ROOT = re.compile(r"<TS[\s>]")


@dataclass(frozen=True)
class Unit:
    """One translation unit as translate-toolkit reads it."""

    id: str
    source: str
    target: str


def bilingual_format(path: str) -> str | None:
    """The bilingual format of the file at `path`, or None for any other file."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt == "ts" and not _is_qt_linguist(path):
        return None
    return fmt


def _is_qt_linguist(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF)
    except OSError:
        return False
    return any(_QT_ROOT.search(head.decode(encoding, errors="ignore"))
               for encoding in ("utf-8", "utf-16"))


def read_units(path: str, data: bytes | None = None) -> list[Unit]:
    """Every unit with a source, in file order (PO header and obsolete entries left out).

    `data` reads those bytes as if they were the file at `path` (a fixed text not yet written).
    """
    return [unit for unit in all_units(path, data) if unit is not None and unit.source.strip()]


def all_units(path: str, data: bytes | None = None) -> list[Unit | None]:
    """Every unit translate-toolkit reads, in file order; None for a header or obsolete one."""
    raw = Path(path).read_bytes() if data is None else data
    fmt = bilingual_format(path) or "xliff"
    try:
        store = _store(fmt, raw)
        return list(_units(store, fmt))
    except Exception as err:  # the toolkit raises anything from lxml errors to ValueError
        raise InputError(f"cannot read as {fmt}: {err}", path=path) from None


def _units(store: Any, fmt: str) -> Iterator[Unit | None]:
    srclang = store.getsourcelanguage() if fmt == "tmx" else ""
    # `units`, not getunits(): a PO header and obsolete entries count, as in `po.targets`.
    for unit in store.units:
        if unit.isheader() or getattr(unit, "isobsolete", lambda: False)():
            yield None
        elif fmt == "tmx":
            yield _tmx_unit(unit, srclang)
        else:
            yield Unit(str(unit.getid()), str(unit.source or ""), str(unit.target or ""))


def _tmx_unit(unit: Any, header_srclang: str) -> Unit:
    """A TMX unit's sides chosen by language, as `xml.tmx_sides` chooses them in the file."""
    from retranslate.files.bilingual import xml  # imported for bilingual files only

    nodes = unit.getlanguageNodes()
    langs = [node.get(f"{{{xml.XML_NS}}}lang") or node.get("lang") or "" for node in nodes]
    sides = xml.tmx_sides(langs, unit.xmlelement.get("srclang") or header_srclang)
    if sides is None:
        return Unit(str(unit.getid()), str(unit.source or ""), str(unit.target or ""))
    source, target = (str(unit.getNodeText(nodes[i]) or "") for i in sides)
    return Unit(str(unit.getid()), source, target)


def _store(fmt: str, raw: bytes) -> Any:
    from retranslate.files.bilingual import xml  # imported for bilingual files only

    if fmt == "po":
        from translate.storage import po as po_store

        return po_store.pofile.parsestring(raw)
    if fmt == "tmx":
        from translate.storage import tmx

        return tmx.tmxfile.parsestring(raw)
    if fmt == "ts":
        from translate.storage import ts2

        return ts2.tsfile.parsestring(raw)
    if xml.root_attributes(raw).get("version", "").strip().startswith("2"):
        from translate.storage import xliff2

        return xliff2.Xliff2File.parsestring(raw)
    from translate.storage import xliff

    return xliff.xlifffile.parsestring(raw)


@lru_cache(maxsize=8)
def located_targets(text: str, fmt: str) -> tuple[tuple[int, tuple[Span, ...]], ...]:
    """Each target in `text`: its unit's number and its prose pieces, in file order."""
    from retranslate.files.bilingual import po, xml  # imported for bilingual files only

    if fmt == "po":
        return tuple((unit, tuple(pieces)) for unit, pieces in po.targets(text))
    try:
        found = xml.locate_targets(text, fmt)
    except xml.XmlError as err:
        raise InputError(f"cannot read as {fmt}: {err}") from None
    return tuple((t.unit, tuple(xml.prose_pieces(text, t.start, t.end))) for t in found)


def target_regions(text: str, fmt: str) -> tuple[Span, ...]:
    """Where the target texts are in the file's text: the prose a check may look at and fix."""
    return tuple(piece for _, pieces in located_targets(text, fmt) for piece in pieces)


def prose_before(text: str, fmt: str, at: int) -> str | None:
    """The prose of the target holding offset `at` up to `at` (None outside every target), so
    that the start of a target reads as the start of a sentence."""
    starts, targets = _by_start(text, fmt)
    i = bisect.bisect_right(starts, at) - 1
    if i < 0 or at > targets[i][-1].end:
        return None
    return "".join(text[p.start:min(p.end, at)] for p in targets[i] if p.start < at)


@lru_cache(maxsize=8)
def _by_start(text: str, fmt: str) -> tuple[list[int], list[tuple[Span, ...]]]:
    targets = [pieces for _, pieces in located_targets(text, fmt) if pieces]
    return [pieces[0].start for pieces in targets], targets


def escape(text: str, fmt: str, at: int, replacement: str) -> str:
    """`replacement` as it must be written at offset `at` of a bilingual file's text."""
    from retranslate.files.bilingual import po, xml  # imported for bilingual files only

    if fmt == "po":
        return po.escape(replacement)
    return xml.escape(text, at, replacement)


def checked_units(text: str, fmt: str) -> list[tuple[int, Span]]:
    """The units whose target has prose to check: each unit's number (1-based, in file order,
    as the toolkit counts units) and the stretch of text from its first prose to its last."""
    spans: dict[int, Span] = {}
    for unit, pieces in located_targets(text, fmt):
        if any(text[p.start:p.end].strip() for p in pieces):
            first = spans.get(unit, pieces[0])
            spans[unit] = Span(first.start, pieces[-1].end)
    return list(spans.items())


def own_sources(units: list[Unit | None], text: str, fmt: str) -> list[str] | None:
    """The source of each checked unit (`checked_units`), from the toolkit's `all_units`; None
    where the two readings do not pair up (a unit numbered past the end, a target the toolkit
    does not see, a blank source)."""
    sources = []
    for number, _ in checked_units(text, fmt):
        unit = units[number - 1] if number <= len(units) else None
        if unit is None or not unit.target.strip() or not unit.source.strip():
            return None
        sources.append(" ".join(unit.source.split()))
    return sources


def unplaced(units: list[Unit], text: str, fmt: str) -> int:
    """How many units translate-toolkit reads a target for that were not found in the text."""
    read = sum(1 for unit in units if unit.target.strip())
    found = {unit for unit, pieces in located_targets(text, fmt)
             if any(text[p.start:p.end].strip() for p in pieces)}
    return max(read - len(found), 0)


def own_source_path(path: str, paired: bool) -> str:
    """The name of a bilingual file's own source document; `paired` when it has one paragraph
    per checked unit."""
    return f"{path} (source)" if paired else f"{path} (sources)"


def unit_groups(document: Document, source: Document, target_segments: Sequence[Segment],
                source_segments: Sequence[Segment]) -> list[tuple[list[int], list[int]]] | None:
    """For a bilingual file checked against its own sources, the target and source sentences
    of each unit (indices), so that alignment stays inside a unit; None for any other pair."""
    if document.format not in BILINGUAL_FORMATS or source.path != own_source_path(
            document.path, True):
        return None
    units = checked_units(document.text, document.format)
    if not source.text or len(units) != source.text.count("\n\n") + 1:
        return None  # a fix emptied a target: the pairing no longer holds
    groups: list[tuple[list[int], list[int]]] = [([], []) for _ in units]
    starts = [span.start for _, span in units]
    for index, segment in enumerate(target_segments):
        at = bisect.bisect_right(starts, segment.span.start) - 1
        groups[max(at, 0)][0].append(index)
    for index, segment in enumerate(source_segments):
        if segment.paragraph < len(groups):
            groups[segment.paragraph][1].append(index)
    return groups
