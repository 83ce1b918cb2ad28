"""Options shared by `check`, `fix` and `config`, the settings they resolve to, and the run loop.

An option is one entry in SETTING_OPTIONS (or RUN_OPTIONS) and one line in `effective`; a
command that takes them all gets them with `@shared_options`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from retranslate import startup
from retranslate.checks import Check, batch_hooks, load_checks
from retranslate.config import SEVERITIES, Config, discover
from retranslate.errors import RetranslateError, SkippedFile
from retranslate.files.discover import walk
from retranslate.files.document import STDIN_FORMATS, stdin_format
from retranslate.glossary import glossary_for
from retranslate.models import FileResult, Finding, Severity
from retranslate.pipeline import Options, run

if TYPE_CHECKING:
    from retranslate.glossary.model import Glossary

F = TypeVar("F", bound=Callable[..., Any])

COLOR_CHOICES = ("auto", "always", "never")
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

color_option = click.option(
    "--color", type=click.Choice(COLOR_CHOICES), default=None,
    help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.")

# Options that are settings too: `retranslate config` takes them to show their effect.
SETTING_OPTIONS = [
    click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(),
                 help="Add a glossary file or folder to the default one (repeatable)."),
    click.option("--no-default-glossary", is_flag=True,
                 help="Use only the --glossary files, not the bundled news glossary."),
    click.option("--source-pattern", metavar="PATTERN",
                 help="Where Russian sources live, e.g. '{dir}/../ru/{base}{suffix}'."),
    click.option("--select", multiple=True, metavar="RULE",
                 help="Report only these rules or prefixes, e.g. glossary,untranslated/date."),
    click.option("--ignore", multiple=True, metavar="RULE",
                 help="Do not report these rules or prefixes (added to the settings' list)."),
    click.option("--include", multiple=True, metavar="GLOB",
                 help="Files to take when walking folders [default: *.txt *.md *.rst *.po ...]."),
    click.option("--exclude", multiple=True, metavar="GLOB",
                 help="Files to leave out, also when named (added to the settings' list)."),
    click.option("--force-exclude/--no-force-exclude", default=None,
                 help="Apply excludes and the Russian-source skip to files named on the "
                      "command line, as pre-commit names them [default: on]."),
    click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
                 help="Lowest severity that makes the exit status 1 [default: warning]."),
    click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
                 help="Settings file [default: the nearest retranslate.toml, .retranslate.toml "
                      "or pyproject.toml with [tool.retranslate]]."),
    click.option("--encoding",
                 help="Decode files with this encoding [default: UTF-8, or the BOM's]."),
]

# Options for commands that read files.
RUN_OPTIONS = [
    click.argument("paths", nargs=-1, type=click.Path(allow_dash=True)),
    click.option("-s", "--source", type=click.Path(),
                 help="The Russian source of the (single) file being checked."),
    click.option("-q", "--quiet", is_flag=True,
                 help="Print the findings only: no notes, summary or progress."),
    click.option("--progress/--no-progress", default=None,
                 help="Show files done on stderr [default: on a terminal, for long runs]."),
    color_option,
    click.option("--stdin-format", type=click.Choice(sorted(STDIN_FORMATS)),
                 help="What standard input (-) holds [default: told by --stdin-filename, "
                      "else plain text]."),
    click.option("--stdin-filename", metavar="NAME",
                 help="Treat standard input as a file of this name: its suffix gives the format, "
                      "and findings are reported under it."),
    click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
                 help="Worker processes for many files [default: 0, one per core; 1: none]. "
                      "The output is the same, in the same order."),
]


def _apply(func: F, options: Sequence[Callable[[F], F]]) -> F:
    for option in reversed(options):
        func = option(func)
    return func


def shared_options(func: F) -> F:
    return _apply(func, [*RUN_OPTIONS, *SETTING_OPTIONS])


def setting_options(func: F) -> F:
    return _apply(func, SETTING_OPTIONS)


def use_color(choice: str | None, stream: IO[str]) -> bool:
    """`--color` on the command (or on `retranslate` itself); auto honours NO_COLOR and TERM."""
    if choice is None:
        context = click.get_current_context(silent=True)
        choice = context.find_root().params.get("color") if context else None
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def report_error(err: RetranslateError) -> None:
    prefix = "note" if isinstance(err, SkippedFile) else "error"
    click.echo(f"retranslate: {prefix}: {err}", err=True)


@dataclass(frozen=True)
class Setting:
    """A value a run uses and where it came from: a settings file, the command line, default."""

    value: Any
    origin: str


def effective(kwargs: dict[str, Any], config: Config) -> dict[str, Setting]:
    """Every setting as the run will use it. The command line replaces single values and
    `select`/`include`; glossaries, excludes and ignores from both are combined."""
    settings: dict[str, Setting] = {}

    def put(key: str, cli: Any, file: Any, default: Any, *, combine: bool = False) -> None:
        written = key in config.written
        where = config.where(key)
        if combine and cli and written and file:
            settings[key] = Setting((*file, *cli), f"{where} + command line")
        elif cli is not None and cli != ():
            settings[key] = Setting(cli, "command line")
        elif written:
            settings[key] = Setting(file, where)
        else:
            settings[key] = Setting(default, "default")

    put("glossary", tuple(kwargs.get("glossaries") or ()), config.glossary, (), combine=True)
    put("default-glossary", False if kwargs.get("no_default_glossary") else None,
        config.default_glossary, True)
    put("include", tuple(kwargs.get("include") or ()), config.include, ())
    put("exclude", tuple(kwargs.get("exclude") or ()), config.exclude, (), combine=True)
    put("force-exclude", kwargs.get("force_exclude"), config.force_exclude, True)
    put("select", tuple(kwargs.get("select") or ()), config.select, ())
    put("ignore", tuple(kwargs.get("ignore") or ()), config.ignore, (), combine=True)
    put("allow", None, config.allow, ())
    put("severity", None, config.severity, ())
    put("fail-on", kwargs.get("fail_on"), config.fail_on, "warning")
    put("encoding", kwargs.get("encoding"), config.encoding, None)
    put("source-pattern", kwargs.get("source_pattern"), config.source_pattern, None)
    return settings


def rule_ids(checks: Sequence[Check], glossary: Glossary) -> frozenset[str]:
    """Every rule id a run can report: the checks' own, with one per glossary entry for the
    per-entry families (glossary/*, term-omitted/*)."""
    rules: set[str] = set()
    for check in checks:
        for rule in check.rules:
            if rule.endswith("/*"):
                rules.update(f"{rule[:-1]}{entry.id}" for entry in glossary.entries)
            else:
                rules.add(rule)
    return frozenset(rules)


def rule_list(values: Iterable[str], known: frozenset[str], where: str) -> tuple[str, ...]:
    """Rule ids and prefixes from repeated or comma-separated values, each one a rule that exists.

    A misspelt rule would otherwise select or ignore nothing, and a clean run would prove nothing.
    """
    chosen = tuple(p.strip().rstrip("/") for value in values for p in value.split(",")
                   if p.strip())
    for pattern in chosen:
        if not any(rule == pattern or rule.startswith(pattern + "/") for rule in known):
            raise RetranslateError(unknown_rule(pattern, known), path=where)
    return chosen


def unknown_rule(pattern: str, known: Iterable[str]) -> str:
    import difflib

    families = sorted({rule.split("/")[0] for rule in known})
    close = difflib.get_close_matches(pattern, [*families, *sorted(known)], n=1, cutoff=0.75)
    hint = f"did you mean {close[0]!r}?" if close else f"rules start with {', '.join(families)}"
    return f"no rule is called {pattern!r}; {hint}"


class Batch:
    """The resolved settings and results of one run, and whether any file failed (exit 2)."""

    def __init__(self, kwargs: dict[str, Any], *, fix: bool, hooks: bool = True) -> None:
        paths = kwargs["paths"] or ()
        if not paths:
            raise click.UsageError("name at least one file or folder, or - for standard input")
        if kwargs["source"] and len(paths) != 1:
            raise click.UsageError("--source pairs with exactly one translation file")
        self.config = discover(kwargs["config_path"], Path.cwd())
        for other in self.config.shadowed:
            click.echo(f"retranslate: note: {other} is not read: {self.config.path} comes "
                       "first (see `retranslate config`)", err=True)
        self.settings = settings = effective(kwargs, self.config)
        self.glossary, self.checks, self.options = resolve(settings, kwargs.get("source"))
        self.fail_on = Severity(settings["fail-on"].value)
        base = str(self.config.path.parent) if self.config.path else None
        self.files = walk(paths, settings["include"].value, settings["exclude"].value,
                          force_exclude=settings["force-exclude"].value, base=base)
        self.options = dataclasses.replace(
            self.options, stdin_format=stdin_format(kwargs.get("stdin_format"),
                                                    kwargs.get("stdin_filename")),
            stdin_name=kwargs.get("stdin_filename"), jobs=kwargs.get("jobs", 1))
        self.fix = fix
        self.failed = False
        # Spellings that differ between files: only `check` sees the batch as it was read.
        self.hooks = [] if fix or not hooks else batch_hooks()
        startup.over()

    def _report(self, err: RetranslateError) -> None:
        if not isinstance(err, SkippedFile):
            self.failed = True
        report_error(err)

    def results(self) -> Iterator[FileResult]:
        # The walk is consumed as it goes: 100,000 paths are never held at once.
        yield from run(self.files, self.glossary, self.checks, self.options, fix=self.fix,
                       report=self._report, hooks=self.hooks)

    def fails(self, finding: Finding) -> bool:
        """Whether a finding sets exit status 1 under --fail-on."""
        return _RANK[finding.severity] >= _RANK[self.fail_on]


def resolve(settings: dict[str, Setting], source: str | None = None
            ) -> tuple[Glossary, list[Check], Options]:
    """The glossary, checks and pipeline options the settings describe; rule ids are checked
    against the loaded glossary, and a bad one is named where it was written."""
    glossary = glossary_for(settings["glossary"].value,
                            default=settings["default-glossary"].value)
    checks = load_checks()
    known = rule_ids(checks, glossary)

    def rules(key: str) -> tuple[str, ...]:
        setting = settings[key]
        where = f"--{key}" if setting.origin == "command line" else setting.origin
        return rule_list(setting.value, known, where)

    severity = settings["severity"]
    for pattern, _ in severity.value:
        rule_list((pattern,), known, severity.origin)
    options = Options(select=rules("select"), ignore=rules("ignore"),
                      encoding=settings["encoding"].value, source=source,
                      source_pattern=settings["source-pattern"].value,
                      allow=tuple(settings["allow"].value), severity=tuple(severity.value),
                      rule_ids=known)
    return glossary, checks, options
