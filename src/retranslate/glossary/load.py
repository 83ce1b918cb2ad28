"""Loading TOML glossaries: parse, validate every field, and refuse a broken file with file:line."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from retranslate.config import toml
from retranslate.errors import GlossaryError
from retranslate.glossary.model import Entry, Example, Glossary

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*entry[ \t]*\]\]", re.MULTILINE)
_STRING_LISTS = ("wrong", "source", "ambiguous", "accept", "ignore", "near", "not_near", "ok")
_STRINGS = ("id", "target", "note", "category")
_KNOWN = frozenset({*_STRING_LISTS, *_STRINGS, "window", "autofix", "rephrase", "inflect",
                    "examples", "override", "disabled"})
_REQUIRED = ("id", "target", "note")
# What one entry may cost. The matcher builds every inflected form of every phrase it matches:
# a 10,000-word wrong form took a gigabyte. The bundled glossaries stay far below these.
_PHRASE_FIELDS = ("target", "wrong", "source", "accept", "ignore", "near", "not_near")
MAX_PHRASE_WORDS = 20
MAX_PHRASE_CHARS = 200
MAX_PHRASES = 500
MAX_SENTENCE_CHARS = 2000


def glossary_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The glossary files named, with folders walked recursively in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(_files_under(path))
        elif path.is_file():
            yield path
        else:
            raise GlossaryError("no such glossary file or folder", path=str(path))


def _files_under(folder: Path) -> Iterator[Path]:
    """Glossary files in `folder` and below, as `Path.rglob` finds them (linked files, not
    linked folders): one directory read per folder and no stat per file (a hook loads the
    default folder each run)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(folder / entry.name)
            elif entry.is_file() and Path(entry.name).suffix.lower() in PARSERS:
                yield folder / entry.name


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
    for entry in entries:
        check_bounds(entry)
    entries = with_known_renderings_near(resolve_overrides(entries))
    check_consistency(entries)
    from retranslate.glossary.validate import refuse_cycles  # a cached glossary needs none

    refuse_cycles(entries)
    return Glossary(tuple(entries), tuple(origins))


def resolve_overrides(entries: list[Entry]) -> list[Entry]:
    """Entries after each `override = true` replaced, and each `disabled = true` removed, the
    earlier entry with its id (a house glossary adjusting the default one, explicitly)."""
    resolved: dict[str, Entry | None] = {}
    for entry in entries:
        earlier = resolved.get(entry.id)
        if entry.override or entry.disabled:
            if earlier is None:
                what = "override" if entry.override else "disable"
                raise GlossaryError(f"no earlier entry {entry.id!r} to {what}",
                                    path=entry.origin, line=entry.line,
                                    hint="check the id with `retranslate glossary list`")
            # Keeps the earlier entry's place, so the order of ties between entries holds.
            resolved[entry.id] = None if entry.disabled else entry
        elif earlier is not None:
            raise _duplicate(entry, earlier)
        else:
            resolved[entry.id] = entry
    return [entry for entry in resolved.values() if entry is not None]


def with_known_renderings_near(entries: list[Entry]) -> list[Entry]:
    """Entries whose `near` words also count in the wrong renderings other entries know.

    "stun grenades" marks a protest story, and so does the MT's "noise grenades": without
    this, `fix` would repair "noise grenades" and only then see the context for "Protestants",
    changing text `check` never reported.
    """
    from retranslate.glossary.inflect import surface_forms

    wrong_of: dict[str, dict[str, set[str]]] = {}   # target form → entry id → wrong forms
    # Only an entry that applies anywhere says for sure that its wrong form means its target.
    for entry in (e for e in entries if not e.conditional):
        wrongs = {form for wrong in entry.wrong for form, _ in surface_forms(wrong, entry.inflect)}
        for form, _ in surface_forms(entry.target, entry.inflect):
            wrong_of.setdefault(form.casefold(), {}).setdefault(entry.id, set()).update(wrongs)
    out = []
    for entry in entries:
        have = {n.casefold() for n in entry.near} | {
            form.casefold() for wrong in entry.wrong for form, _ in surface_forms(wrong, True)}
        extra = sorted({w for near in entry.near
                        for other, wrongs in wrong_of.get(near.casefold(), {}).items()
                        if other != entry.id for w in wrongs if w.casefold() not in have})
        out.append(replace(entry, near_renderings=tuple(extra)) if extra else entry)
    return out


def parse_file(file: Path) -> list[Entry]:
    where = str(file)
    try:
        raw = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"not valid UTF-8 at byte {err.start}", path=where) from None
    except OSError as err:
        raise GlossaryError(f"cannot read: {err.strerror}", path=where) from None
    tomllib = toml()
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        message = str(err).split(" (at line")[0]
        raise GlossaryError(f"bad TOML: {message}", path=where, line=line) from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise GlossaryError("bad TOML: arrays or tables nested too deeply", path=where,
                            line=1) from None
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
    for name in ("override", "disabled"):
        if name in table and not isinstance(table[name], bool):
            raise fail(f"'{name}' must be true or false")
    if table.get("disabled"):
        if not isinstance(table.get("id"), str) or set(table) - {"id", "disabled", "note"}:
            raise fail("a disabled entry has only id, disabled = true and an optional note")
        return Entry(id=table["id"], target="", wrong=(), origin=where, line=line, disabled=True)
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
        override=table.get("override", False),
    )


def check_bounds(entry: Entry) -> None:
    """Refuse an entry whose size no real term has, whatever format it came from: matching it
    would cost memory without end."""
    def fail(message: str) -> GlossaryError:
        return GlossaryError(message, path=entry.origin, line=entry.line)

    for name in _PHRASE_FIELDS:
        value = getattr(entry, name)
        phrases = (value,) if isinstance(value, str) else value
        if len(phrases) > MAX_PHRASES:
            raise fail(f"'{name}' lists {len(phrases):,} phrases; at most {MAX_PHRASES} "
                       "are allowed per entry")
        for phrase in phrases:
            words = len(phrase.split())
            if words > MAX_PHRASE_WORDS or len(phrase) > MAX_PHRASE_CHARS:
                raise fail(f"'{name}' has a phrase of {words:,} words and {len(phrase):,} "
                           f"characters, starting {phrase[:30]!r}; a term has at most "
                           f"{MAX_PHRASE_WORDS} words and {MAX_PHRASE_CHARS} characters")
    for sentence in (*entry.ok, *(s for e in entry.examples for s in (e.wrong, e.right))):
        if len(sentence) > MAX_SENTENCE_CHARS:
            raise fail(f"an example or ok sentence has {len(sentence):,} characters; "
                       f"at most {MAX_SENTENCE_CHARS} are allowed")


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


def _duplicate(entry: Entry, earlier: Entry) -> GlossaryError:
    return GlossaryError(f"duplicate id {entry.id!r}, first defined at {earlier.where}",
                         path=entry.origin, line=entry.line,
                         hint="to replace it write override = true; to switch it off, "
                              "disabled = true")


def check_consistency(entries: list[Entry]) -> None:
    """Ids are unique, and no wrong form is claimed by two entries with different targets."""
    ids: dict[str, Entry] = {}
    claims: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in ids:
            raise _duplicate(entry, ids[entry.id])
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
