"""Loading TOML glossaries: parse, validate every field, and refuse a broken file with file:line."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from retranslate.errors import GlossaryError
from retranslate.glossary.model import Entry, Example, Glossary

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*entry[ \t]*\]\]", re.MULTILINE)
_STRING_LISTS = ("wrong", "source", "ambiguous", "accept", "ignore", "near", "not_near", "ok")
_STRINGS = ("id", "target", "note", "category")
_KNOWN = frozenset({*_STRING_LISTS, *_STRINGS, "window", "autofix", "rephrase", "inflect",
                    "examples"})
_REQUIRED = ("id", "target", "note")


def glossary_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The glossary files named, with folders walked recursively in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in PARSERS)
        elif path.is_file():
            yield path
        else:
            raise GlossaryError("no such glossary file or folder", path=str(path))


def load_glossary(paths: Iterable[str | Path]) -> Glossary:
    """Parse and validate glossary files into one Glossary (examples are not run here)."""
    entries: list[Entry] = []
    origins: list[str] = []
    for file in glossary_files(paths):
        parser = PARSERS.get(file.suffix.lower())
        if parser is None:
            raise GlossaryError(f"unknown glossary format {file.suffix or '(no suffix)'}",
                                path=str(file), hint=f"use {', '.join(sorted(PARSERS))}")
        origins.append(str(file))
        entries.extend(parser(file))
    check_consistency(entries)
    return Glossary(tuple(entries), tuple(origins))


def parse_file(file: Path) -> list[Entry]:
    where = str(file)
    try:
        raw = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"not valid UTF-8 at byte {err.start}", path=where) from None
    except OSError as err:
        raise GlossaryError(f"cannot read: {err.strerror}", path=where) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        message = str(err).split(" (at line")[0]
        raise GlossaryError(f"bad TOML: {message}", path=where, line=line) from None
    unknown = set(data) - {"meta", "entry"}
    if unknown:
        raise GlossaryError(f"unknown top-level key(s): {', '.join(sorted(unknown))}",
                            path=where, line=1, hint="expected [meta] and [[entry]] tables")
    tables = data.get("entry", [])
    if not isinstance(tables, list):
        raise GlossaryError("'entry' must be an array of tables: write [[entry]]", path=where,
                            line=1)
    lines = [raw.count("\n", 0, m.start()) + 1 for m in _ENTRY_HEADER.finditer(raw)]
    return [_entry(table, where, lines[i] if i < len(lines) else 0)
            for i, table in enumerate(tables)]


def _line_from_message(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def _entry(table: Any, where: str, line: int) -> Entry:
    def fail(message: str) -> GlossaryError:
        return GlossaryError(message, path=where, line=line)

    if not isinstance(table, dict):
        raise fail("an entry must be a table")
    unknown = set(table) - _KNOWN
    if unknown:
        raise fail(f"unknown field(s) {', '.join(sorted(unknown))}")
    for name in _REQUIRED:
        if name not in table:
            raise fail(f"missing field '{name}'")
    for name in _STRINGS:
        if name in table and not isinstance(table[name], str):
            raise fail(f"'{name}' must be a string")
    for name in _STRING_LISTS:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise fail(f"'{name}' must be a list of non-empty strings")
    for name in ("autofix", "rephrase", "inflect"):
        if name in table and not isinstance(table[name], bool):
            raise fail(f"'{name}' must be true or false")
    if table.get("autofix") and table.get("rephrase"):
        raise fail("'rephrase' entries have no suggestion to apply: drop 'autofix'")
    window = table.get("window", 0)
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise fail("'window' must be a whole number of characters, 0 for the whole document")
    entry_id = table["id"]
    if not _ID.match(entry_id):
        raise fail(f"id {entry_id!r} must be lower case letters, digits, '-', '.' or '_'")
    target = table["target"].strip()
    if not target:
        raise fail("'target' must not be empty")
    if not table.get("wrong") and not table.get("source"):
        raise fail("an entry needs 'wrong' forms to look for, or 'source' words for a term the "
                   "translation must use")
    for wrong in table.get("wrong", []):
        if wrong.strip().casefold() == target.casefold():
            raise fail(f"wrong form {wrong!r} equals the target")
    stray = set(table.get("ambiguous", [])) - set(table.get("source", []))
    if stray:
        raise fail(f"'ambiguous' lists {', '.join(sorted(stray))}, which 'source' does not")
    return Entry(
        id=entry_id,
        target=target,
        wrong=tuple(w.strip() for w in table.get("wrong", [])),
        source=tuple(table.get("source", [])),
        ambiguous=tuple(table.get("ambiguous", [])),
        accept=tuple(table.get("accept", [])),
        ignore=tuple(table.get("ignore", [])),
        near=tuple(table.get("near", [])),
        not_near=tuple(table.get("not_near", [])),
        window=window,
        autofix=table.get("autofix", False),
        rephrase=table.get("rephrase", False),
        inflect=table.get("inflect", True),
        note=table["note"],
        examples=_examples(table.get("examples", []), fail),
        ok=tuple(table.get("ok", [])),
        category=table.get("category", ""),
        origin=where,
        line=line,
    )


def _examples(value: Any, fail: Any) -> tuple[Example, ...]:
    if not isinstance(value, list):
        raise fail("'examples' must be a list of { wrong = ..., right = ... } tables")
    examples = []
    for item in value:
        if not (isinstance(item, dict) and set(item) == {"wrong", "right"}
                and all(isinstance(v, str) for v in item.values())):
            raise fail("each example must be { wrong = \"...\", right = \"...\" }")
        examples.append(Example(item["wrong"], item["right"]))
    return tuple(examples)


def check_consistency(entries: list[Entry]) -> None:
    """Ids are unique, and no wrong form is claimed by two entries with different targets."""
    ids: dict[str, Entry] = {}
    claims: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in ids:
            raise GlossaryError(f"duplicate id {entry.id!r}, first defined at "
                                f"{ids[entry.id].where}", path=entry.origin, line=entry.line)
        ids[entry.id] = entry
        for wrong in entry.wrong:
            key = " ".join(wrong.casefold().split())
            other = claims.get(key)
            if other is not None and other.target.casefold() != entry.target.casefold():
                raise GlossaryError(
                    f"wrong form {wrong!r} is claimed by {other.id!r} ({other.where}) with "
                    f"target {other.target!r} and here with target {entry.target!r}",
                    path=entry.origin, line=entry.line)
            claims.setdefault(key, entry)


def _parse_tbx(file: Path) -> list[Entry]:
    from retranslate.glossary import tbx

    return tbx.parse(file, str(file), id_prefix=_prefix(file))


def _parse_table(file: Path) -> list[Entry]:
    from retranslate.glossary import tabular

    return tabular.parse(file, id_prefix=_prefix(file))


def _prefix(file: Path) -> str:
    """A term base read directly names its entries after the file (`team.protesters`), so its
    concept ids never collide with the default glossary's; an import chooses its own."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", file.stem.lower()).strip("-_") or "terms"
    return f"{stem}."


# One parser per file format, each turning a file into Entries with origin and line set; every
# format then shares the same validation and example checks. Term bases read directly take
# Russian → English; `retranslate glossary import` chooses other language codes.
PARSERS: dict[str, Callable[[Path], list[Entry]]] = {
    ".toml": parse_file, ".tbx": _parse_tbx, ".csv": _parse_table, ".tsv": _parse_table,
}
