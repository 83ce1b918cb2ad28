"""Writing entries as a TOML glossary file that `load.parse_file` reads back to the same entries."""

from __future__ import annotations

import json
from collections.abc import Iterable

from retranslate.glossary.model import Entry

_LIST_FIELDS = ("wrong", "source", "ambiguous", "accept", "ignore", "near", "not_near")


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string: the same escapes, \uXXXX included.
    return json.dumps(value, ensure_ascii=False)


def _strings(values: Iterable[str]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def entry_toml(entry: Entry) -> str:
    lines = ["[[entry]]", f"id = {_string(entry.id)}", f"target = {_string(entry.target)}"]
    for name in _LIST_FIELDS:
        value = getattr(entry, name)
        if value or name == "wrong":
            lines.append(f"{name} = {_strings(value)}")
    if entry.window:
        lines.append(f"window = {entry.window}")
    if entry.autofix:
        lines.append("autofix = true")
    if entry.rephrase:
        lines.append("rephrase = true")
    if not entry.inflect:
        lines.append("inflect = false")
    if entry.category:
        lines.append(f"category = {_string(entry.category)}")
    lines.append(f"note = {_string(entry.note)}")
    if entry.examples:
        lines.append("examples = [")
        lines.extend(f"  {{ wrong = {_string(e.wrong)}, right = {_string(e.right)} }},"
                     for e in entry.examples)
        lines.append("]")
    if entry.ok:
        lines.append("ok = [")
        lines.extend(f"  {_string(sentence)}," for sentence in entry.ok)
        lines.append("]")
    return "\n".join(lines) + "\n"


def glossary_toml(entries: Iterable[Entry], *, origin: str) -> str:
    header = (f"# Imported by `retranslate glossary import` from {origin}.\n"
              "# Entries without `wrong` forms are required terms: with the Russian source at\n"
              "# hand, `term-omitted` reports a sentence whose Russian has the term and whose\n"
              "# English has none of its renderings.\n")
    return header + "".join("\n" + entry_toml(entry) for entry in entries)
