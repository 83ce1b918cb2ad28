"""`glossary import` and `glossary export`: TOML glossaries to and from TBX, CSV and TSV."""

from __future__ import annotations

from pathlib import Path

from retranslate.errors import GlossaryError
from retranslate.glossary.load import check_consistency
from retranslate.glossary.model import Glossary
from retranslate.glossary.terms import ImportReport

_TERM_BASES = (".tbx", ".csv", ".tsv")


def import_term_base(file: Path, source_lang: str, target_lang: str) -> tuple[str, list[str]]:
    """The term base as TOML glossary text, and the lines saying what could not be carried over."""
    from retranslate.glossary import tabular, tbx
    from retranslate.glossary.toml_out import glossary_toml

    suffix = file.suffix.lower()
    if suffix not in _TERM_BASES:
        raise GlossaryError(f"cannot import {suffix or 'a file without a suffix'}", path=str(file),
                            hint="import .tbx, .csv or .tsv; a .toml glossary is used as it is")
    if not file.is_file():
        raise GlossaryError("no such file", path=str(file))
    report = ImportReport()
    if suffix == ".tbx":
        entries = tbx.parse(file, str(file), source_lang=source_lang, target_lang=target_lang,
                            report=report)
    else:
        entries = tabular.parse(file, source_lang=source_lang, target_lang=target_lang,
                                report=report)
    check_consistency(entries)
    required = sum(1 for e in entries if not e.wrong)
    summary = (f"imported {len(entries)} entries from {file.name}"
               + (f" ({required} required terms without wrong forms)" if required else ""))
    return glossary_toml(entries, origin=file.name), [summary, *report.lines()]


def export_glossary(glossary: Glossary, fmt: str, source_lang: str, target_lang: str) -> str:
    from retranslate.glossary import tabular, tbx

    if fmt == "tbx":
        return tbx.write(glossary, source_lang=source_lang, target_lang=target_lang)
    return tabular.write(glossary, delimiter="\t" if fmt == "tsv" else ",",
                         source_lang=source_lang, target_lang=target_lang)
