"""Two-column glossaries as MT services take them (DeepL, Google, Amazon): CSV and TSV.

A row is a Russian term and its English one; a header row, when there is one, names the columns by
language code ("ru", "en-US") and may add `wrong` (wrong English renderings, separated by "|"),
`accept`, `note` and `id` columns. Without a header the first column is the source and the second
the target, as DeepL's glossary files are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Literal

from retranslate.errors import GlossaryError
from retranslate.glossary.model import Entry, Glossary
from retranslate.glossary.terms import (
    ImportReport,
    entry_id,
    language_of,
    unique_terms,
    without,
)

_LISTS = {"wrong": "wrong", "forbidden": "wrong", "deprecated": "wrong", "incorrect": "wrong",
          "accept": "accept", "admitted": "accept", "alternatives": "accept"}
_NOTES = ("note", "notes", "comment", "comments", "definition", "description")
_SPECIAL = frozenset({*_LISTS, *_NOTES, "id"})
_SEPARATOR = "|"
_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$")
_LANGUAGE_WORDS = frozenset({"russian", "english", "source", "target"})


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    # TSV as MT services write it has no quoting: a quote mark is part of the term.
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True,
                        quoting=quoting, quotechar=None if delimiter == "\t" else '"')
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield reader.line_num, [cell.strip() for cell in row]
    except csv.Error as err:
        raise GlossaryError(f"bad {'TSV' if delimiter == chr(9) else 'CSV'}: {err}",
                            line=reader.line_num) from None


def _is_header(row: list[str], source_lang: str, target_lang: str) -> bool:
    """A row of column names: a known one, or language codes that include one asked for."""
    names = {cell.lower() for cell in row if cell}
    if names & _SPECIAL:
        return True
    return (all(_CODE.match(name) or name in _LANGUAGE_WORDS for name in names)
            and bool({language_of(name) for name in names} & {source_lang, target_lang}))


def parse(file: Path, *, source_lang: str = "ru", target_lang: str = "en",
          report: ImportReport | None = None, id_prefix: str = "") -> list[Entry]:
    """The rows of a CSV or TSV glossary as entries."""
    where = str(file)
    report = report if report is not None else ImportReport()
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"not valid UTF-8 at byte {err.start}", path=where) from None
    except OSError as err:
        raise GlossaryError(f"cannot read: {err.strerror}", path=where) from None
    delimiter = "\t" if file.suffix.lower() == ".tsv" else ","
    source_lang, target_lang = language_of(source_lang), language_of(target_lang)
    try:
        rows = list(_rows(text, delimiter))
    except GlossaryError as err:
        err.path = where
        raise
    if not rows:
        return []
    first_line, first = rows[0]
    columns: dict[str, int]
    if _is_header(first, source_lang, target_lang):
        columns = _columns(first, where, first_line, source_lang, target_lang, report)
        rows = rows[1:]
    else:
        if len(first) < 2:
            raise GlossaryError("a glossary row needs two columns, source and target",
                                path=where, line=first_line,
                                hint="write 'ru<TAB>en' rows, or a header naming the columns")
        columns = {"source": 0, "target": 1}
        if len(first) > 2:
            report.note(f"{len(first) - 2} unnamed column(s) after the first two",
                        f"{where}:{first_line}")
    taken: set[str] = set()
    entries = []
    width = max(columns.values()) + 1
    for line, row in rows:
        if len(row) < width:
            raise GlossaryError(f"the row has {len(row)} column(s), the header {width}",
                                path=where, line=line)
        entry = _entry(row, columns, where, line, taken)
        entries.append(replace(entry, id=id_prefix + entry.id) if id_prefix else entry)
    return entries


def _columns(header: list[str], where: str, line: int, source_lang: str, target_lang: str,
             report: ImportReport) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        lowered = name.lower()
        if lowered in _LISTS:
            columns.setdefault(_LISTS[lowered], index)
        elif lowered in _NOTES:
            columns.setdefault("note", index)
        elif lowered == "id":
            columns["id"] = index
        elif language_of(name) == source_lang and "source" not in columns:
            columns["source"] = index
        elif language_of(name) == target_lang and "target" not in columns:
            columns["target"] = index
        else:
            report.note(f"column {name!r}", f"{where}:{line}")
    for role, lang in (("source", source_lang), ("target", target_lang)):
        if role not in columns:
            raise GlossaryError(f"no {lang!r} column in the header ({', '.join(header)})",
                                path=where, line=line,
                                hint="choose the columns with --source-lang and --target-lang")
    return columns


def _entry(row: list[str], columns: dict[str, int], where: str, line: int,
           taken: set[str]) -> Entry:
    def cell(role: str) -> str:
        return row[columns[role]] if role in columns else ""

    def terms(role: str) -> tuple[str, ...]:
        return unique_terms([t for t in cell(role).split(_SEPARATOR) if t.strip()])

    source, targets = terms("source"), terms("target")
    if not targets:
        raise GlossaryError("empty target term", path=where, line=line)
    target = targets[0]
    wrong = without(terms("wrong"), target)
    if not source and not wrong:  # a row of an exported glossary may have wrong forms only
        raise GlossaryError("empty source term", path=where, line=line)
    return Entry(
        id=entry_id(cell("id"), target, taken),
        target=target,
        wrong=wrong,
        source=source,
        accept=without(unique_terms([*targets[1:], *terms("accept")]), target, *wrong),
        note=cell("note"),
        origin=where,
        line=line,
    )


def write(glossary: Glossary, *, delimiter: str, source_lang: str = "ru",
          target_lang: str = "en") -> str:
    """One row per entry under a header: id, source, target, wrong, accept, note."""
    out = io.StringIO(newline="")
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=quoting,
                        quotechar=None if delimiter == "\t" else '"')
    writer.writerow(["id", source_lang, target_lang, "wrong", "accept", "note"])
    for entry in glossary.entries:
        writer.writerow([entry.id, f" {_SEPARATOR} ".join(entry.source), entry.target,
                         f" {_SEPARATOR} ".join(entry.wrong),
                         f" {_SEPARATOR} ".join(entry.accept), " ".join(entry.note.split())])
    return out.getvalue()
