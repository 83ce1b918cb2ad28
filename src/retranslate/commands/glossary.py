"""`retranslate glossary`: validate glossaries and run their examples."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from retranslate.errors import InputError, RetranslateError

if TYPE_CHECKING:
    from retranslate.glossary.model import Glossary


@click.group()
def glossary() -> None:
    """Work with glossaries."""


@glossary.command("test")
@click.argument("paths", nargs=-1, type=click.Path())
def test(paths: tuple[str, ...]) -> None:
    """Validate glossary files or folders and run every entry's examples (default: the bundled one).

    Exit status: 0 all sound, 2 a broken glossary or failing examples (each printed as file:line).
    """
    from retranslate.glossary import default_glossary_path, load_glossary
    from retranslate.glossary.validate import check_glossary

    loaded = load_glossary(paths or (default_glossary_path(),))
    failures = check_glossary(loaded)
    for failure in failures:
        click.echo(str(failure), err=True)
    without = [e for e in loaded.entries if not e.examples]
    for entry in without:
        click.echo(f"{entry.where}: {entry.id}: warning: no examples", err=True)
    examples = sum(len(e.examples) + len(e.ok) for e in loaded.entries)
    verdict = "FAILED" if failures else "ok"
    click.echo(f"{len(loaded.entries)} entries in {len(loaded.origins)} files, "
               f"{examples} examples: {verdict}"
               + (f" ({len(failures)} failing)" if failures else ""))
    if failures:
        raise SystemExit(2)


_LANGS = [
    click.option("--source-lang", default="ru", show_default=True, metavar="CODE",
                 help="Language of the source terms (a code as the file writes it: ru, ru-RU)."),
    click.option("--target-lang", default="en", show_default=True, metavar="CODE",
                 help="Language of the target terms."),
]


def _languages(func: Any) -> Any:
    for option in reversed(_LANGS):
        func = option(func)
    return func


@glossary.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="The TOML glossary to write (default: standard output).")
@_languages
def import_glossary(file: str, output: str, source_lang: str, target_lang: str) -> None:
    """Turn a TBX, CSV or TSV term base into a TOML glossary.

    TBX deprecated, superseded and forbidden terms become wrong forms of the concept's preferred
    term, admitted terms accepted renderings; CSV/TSV columns are chosen by language code from the
    header (or source, target without one). What has no place in the TOML format is listed on
    stderr.
    """
    from retranslate.glossary.convert import import_term_base

    text, report = import_term_base(Path(file), source_lang, target_lang)
    _write(output, text)
    for line in report:
        click.echo(line, err=True)


@glossary.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["tbx", "csv", "tsv"]),
              required=True, help="TBX v3 (TBX-Basic), or CSV/TSV with a header row.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="The file to write (default: standard output).")
@_languages
def export_glossary(paths: tuple[str, ...], output_format: str, output: str, source_lang: str,
                    target_lang: str) -> None:
    """Write glossaries (default: the bundled one) as TBX, CSV or TSV for translation tools."""
    from retranslate.glossary import default_glossary_path, load_glossary
    from retranslate.glossary.convert import export_glossary as export

    loaded = load_glossary(paths or (default_glossary_path(),))
    _write(output, export(loaded, output_format, source_lang, target_lang))


def _write(output: str, text: str) -> None:
    if output == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror}", path=output) from None


@glossary.command("list")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--stats", "texts", multiple=True, type=click.Path(allow_dash=True),
              metavar="PATH", help="Count each entry's findings over these texts (repeatable).")
def list_entries(paths: tuple[str, ...], texts: tuple[str, ...]) -> None:
    """Print every entry of the glossaries in PATHS (default: the bundled one).

    One line per entry: id, the file and line it comes from, wrong forms -> target, and whether it
    is fixed automatically or left for review. With --stats, the number of findings each entry
    made over the texts given, most first, and the entries that made none.
    """
    from retranslate.glossary import default_glossary_path, load_glossary

    loaded = load_glossary(paths or (default_glossary_path(),))
    counts = _finding_counts(loaded, texts) if texts else None
    entries = list(loaded.entries)
    if counts is not None:
        entries.sort(key=lambda e: -counts.get(e.id, 0))
    for entry in entries:
        flag = "autofix" if entry.autofix else "review"
        wrong = " | ".join(entry.wrong) or "(required term)"
        count = f"{counts.get(entry.id, 0)}\t" if counts is not None else ""
        click.echo(f"{count}{entry.id}\t{entry.where}\t{wrong} -> {entry.target}\t{flag}")
    if counts is not None:
        silent = sum(1 for e in loaded.entries if not counts.get(e.id))
        click.echo(f"{sum(counts.values())} findings over {len(texts)} path(s); "
                   f"{len(loaded.entries) - silent} entries fired, {silent} never did", err=True)


def _finding_counts(loaded: Glossary, texts: tuple[str, ...]) -> Counter[str]:
    from retranslate.checks import load_checks
    from retranslate.files.discover import walk
    from retranslate.pipeline import Options, run

    checks = [c for c in load_checks() if c.name in ("glossary", "term_omitted")]
    counts: Counter[str] = Counter()

    def report(err: RetranslateError) -> None:
        click.echo(f"retranslate: note: {err}", err=True)

    for result in run(walk(texts, (), ()), loaded, checks, Options(), fix=False, report=report):
        counts.update(f.entry_id for f in result.findings if f.entry_id)
    return counts
