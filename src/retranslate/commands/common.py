"""Options shared by `check` and `fix`, and the loop feeding pipeline results to renderers."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from retranslate.checks import Check, batch_hooks, load_checks
from retranslate.config import find_config, load_config
from retranslate.errors import RetranslateError, SkippedFile
from retranslate.files.discover import walk
from retranslate.glossary import glossary_for
from retranslate.models import FileResult
from retranslate.pipeline import Options, run

if TYPE_CHECKING:
    from retranslate.repair.retranslate import SentenceTranslator

F = TypeVar("F", bound=Callable[..., Any])

_SHARED = [
    click.argument("paths", nargs=-1, type=click.Path(allow_dash=True)),
    click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(),
                 help="Glossary file or folder to add to the default one (repeatable)."),
    click.option("--no-default-glossary", is_flag=True,
                 help="Use only the --glossary files, not the bundled news glossary."),
    click.option("-s", "--source", type=click.Path(),
                 help="The Russian source of the (single) file being checked."),
    click.option("--source-pattern", metavar="PATTERN",
                 help="Where sources live, e.g. '{dir}/../ru/{base}{suffix}' (see README)."),
    click.option("--select", multiple=True, metavar="RULE",
                 help="Only these rules or rule prefixes (e.g. glossary, untranslated/date)."),
    click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules or prefixes."),
    click.option("--include", multiple=True, metavar="GLOB",
                 help="Files to take when walking folders (default: *.txt *.md *.markdown ...)."),
    click.option("--exclude", multiple=True, metavar="GLOB", help="Files to leave out."),
    click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
                 help="Settings file (default: the nearest retranslate.toml, .retranslate.toml "
                      "or pyproject.toml with [tool.retranslate])."),
    click.option("--encoding",
                 help="Decode files with this encoding (default: UTF-8, or the BOM's)."),
    click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
                 help="Worker processes for many files (default 0: one per core; 1: none). "
                      "The output is the same, in the same order."),
]


def shared_options(func: F) -> F:
    for option in reversed(_SHARED):
        func = option(func)
    return func


def report_error(err: RetranslateError) -> None:
    prefix = "note" if isinstance(err, SkippedFile) else "error"
    click.echo(f"retranslate: {prefix}: {err}", err=True)


class Batch:
    """The results of one run, and whether any file failed (exit 2)."""

    def __init__(self, kwargs: dict[str, Any], *, fix: bool, hooks: bool = True,
                 translator: SentenceTranslator | None = None) -> None:
        paths = kwargs["paths"] or ()
        if not paths:
            raise click.UsageError("name at least one file or folder, or - for standard input")
        if kwargs["source"] and len(paths) != 1:
            raise click.UsageError("--source pairs with exactly one translation file")
        config_path = kwargs["config_path"]
        config = load_config(Path(config_path) if config_path else find_config(Path.cwd()))
        self.glossary = glossary_for(
            (*config.glossary, *kwargs["glossaries"]),
            default=config.default_glossary and not kwargs["no_default_glossary"])
        self.checks = load_checks()
        self.options = Options(select=rule_list(kwargs["select"] or config.select, self.checks),
                               ignore=rule_list((*config.ignore, *kwargs["ignore"]),
                                                self.checks),
                               encoding=kwargs["encoding"] or config.encoding,
                               source=kwargs["source"],
                               source_pattern=kwargs["source_pattern"] or config.source_pattern,
                               jobs=kwargs["jobs"])
        self.files = walk(paths, kwargs["include"] or config.include,
                          (*config.exclude, *kwargs["exclude"]))
        self.fix = fix
        self.failed = False
        # Spellings that differ between files: only `check` sees the batch as it was read.
        self.hooks = [] if fix or not hooks else batch_hooks()
        self.translator = translator

    def _report(self, err: RetranslateError) -> None:
        if not isinstance(err, SkippedFile):
            self.failed = True
        report_error(err)

    def results(self) -> Iterator[FileResult]:
        # The walk is consumed as it goes: 100,000 paths are never held at once.
        yield from run(self.files, self.glossary, self.checks, self.options, fix=self.fix,
                       report=self._report, hooks=self.hooks, translator=self.translator)


def rule_list(values: Iterable[str], checks: Sequence[Check]) -> tuple[str, ...]:
    """Rule ids and prefixes from repeated or comma-separated values, each one a rule that exists.

    A misspelt rule would otherwise select nothing, and a clean run would prove nothing.
    """
    rules = [r for check in checks for r in check.rules]
    chosen = tuple(p.strip().rstrip("/") for value in values for p in value.split(",")
                   if p.strip())
    for pattern in chosen:
        if not any(rule == pattern or rule.startswith(pattern + "/")
                   or (rule.endswith("/*") and pattern.startswith(rule[:-1])) for rule in rules):
            families = sorted({rule.split("/")[0] for rule in rules})
            raise click.UsageError(f"no rule is called {pattern!r}; rules start with "
                                   f"{', '.join(families)}")
    return chosen


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
