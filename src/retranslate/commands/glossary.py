"""`retranslate glossary`: validate glossaries and run their examples."""

from __future__ import annotations

import click


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


@glossary.command("list")
@click.argument("paths", nargs=-1, type=click.Path())
def list_entries(paths: tuple[str, ...]) -> None:
    """Print every entry: id, wrong forms and target."""
    from retranslate.glossary import default_glossary_path, load_glossary

    for entry in load_glossary(paths or (default_glossary_path(),)).entries:
        flag = "autofix" if entry.autofix else "review"
        click.echo(f"{entry.id}\t{' | '.join(entry.wrong)} -> {entry.target}\t{flag}")

