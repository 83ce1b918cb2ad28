"""`retranslate fix`: print the repair as a unified diff, write it in place, or filter stdin."""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any, BinaryIO

import click

from retranslate.commands.common import Batch, report_error, shared_options, use_color
from retranslate.commands.progress import Progress
from retranslate.errors import RetranslateError
from retranslate.files.document import encoded_pieces, write_document
from retranslate.models import FileResult, Finding
from retranslate.render import LineIndex, located
from retranslate.render.diff import diff_lines
from retranslate.render.text import suggestion_hint


@click.command()
@shared_options
@click.option("-w", "--write", is_flag=True, help="Write fixes into the files instead of a diff.")
@click.option("--retranslate/--no-retranslate", "retranslate", default=None,
              help="Re-translate, from their Russian source, sentences whose findings "
                   "substitution cannot fix, keeping a new sentence only where it is better "
                   "(needs the mt extra and a ru→en model). Default: on when a model is "
                   "installed; --retranslate also says when it is not.")
@click.option("--retranslation-json", type=click.File("w", encoding="utf-8"), metavar="FILE",
              help="Write what became of each re-translated sentence as JSON (- for stdout "
                   "with --write).")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also apply the suggestions of review-only findings (listed at the end).")
@click.option("-i", "--interactive", is_flag=True,
              help="Review each proposed change in the terminal: accept, reject, edit, accept "
                   "all of a rule, or quit; write only what was accepted.")
def fix(write: bool, retranslate: bool | None, retranslation_json: IO[str] | None,
        unsafe_fixes: bool, interactive: bool, quiet: bool, progress: bool | None,
        color: str | None, **kwargs: Any) -> None:
    """Repair in PATHS exactly the findings `check` reports as fixable.

    Prints a unified diff (apply it with `git apply` or `patch -p1`); with --write, replaces each
    file atomically; with - as the path, reads standard input and writes the fixed text to
    standard output. What is not fixed is listed on stderr with why, then a summary.

    \b
    Examples:
      retranslate fix article.txt > fix.diff && git apply fix.diff
      retranslate fix --write news/
      cat article.txt | retranslate fix - > fixed.txt

    Exit status: 0 nothing left at or above --fail-on, 1 findings left (or, with --write, files
    changed), 2 a usage, settings, glossary or input error.
    """
    if interactive:
        from retranslate.commands.interactive import review_interactively

        if write or retranslate:
            raise click.UsageError("--interactive writes what you accept; it takes neither "
                                   "--write nor --retranslate")
        raise SystemExit(review_interactively(Batch(kwargs, fix=False, hooks=False)))
    batch = Batch(kwargs, fix=True)
    colored = use_color(color, sys.stderr)
    if unsafe_fixes:
        batch.options = dataclasses.replace(batch.options, unsafe_fixes=True)
    unsafe: list[str] = []
    out = sys.stdout.buffer
    stdin = _StdinKeeper(kwargs["paths"] or ())
    meter = Progress.for_run(progress, quiet)
    tally = _Tally()
    tried: list[dict[str, Any]] = []
    for result in _retranslating(batch, retranslate):
        tried.extend(_report_retranslations(result, quiet))
        document = result.document
        assert result.fixed_text is not None
        # Each file's output is made in full before any of it is printed, and a file that
        # cannot be rendered (a fix its encoding cannot store) fails alone, not the batch.
        try:
            if document.path == "-":
                # Encoded in full before a byte is written, in pieces (see encoded_pieces).
                out.writelines(list(encoded_pieces(document, result.fixed_text)))
                stdin.echoed = True
            elif write:
                if result.changed:
                    write_document(document, result.fixed_text)
                    if not quiet:
                        click.echo(f"fixed {document.path} ({len(result.edits)} "
                                   f"edit{'s' * (len(result.edits) != 1)})", err=True)
            else:
                out.writelines(diff_lines(result))
        except RetranslateError as err:
            report_error(err)
            batch.failed = True
            continue
        finally:
            out.flush()
        tally.add(result, batch)
        meter.step(tally.files, tally.left_total)
        if result.edits and any(edit.unsafe for edit in result.edits):
            unsafe.extend(_unsafe_lines(result))
        for place in located(result):
            finding = place.finding
            reason, advice = why_not_fixed(finding, result)
            tally.reasons[reason] += 1
            where = f"{result.name}:{place.line}:{place.column}:"
            label = click.style("not fixed:", fg="yellow") if colored else "not fixed:"
            click.echo(f"{click.style(where, bold=True) if colored else where} {label} "
                       f"{finding.rule}: {finding.message}{suggestion_hint(finding)} "
                       f"[{reason}: {advice}]", err=True, color=colored)
    meter.close()
    stdin.echo_if_unprocessed(out)
    if retranslation_json is not None:
        json.dump(tried, retranslation_json, ensure_ascii=False, indent=1)
        retranslation_json.write("\n")
    if unsafe:
        click.echo(f"{len(unsafe)} unsafe fix{'es' * (len(unsafe) != 1)} applied "
                   "(review them):", err=True)
        for line in unsafe:
            click.echo(f"  {line}", err=True)
    # Like check's summary, only when there is something to say: a clean fix stays silent.
    if not quiet and tally.left_total:
        click.echo(tally.summary(write), err=True)
    failing = tally.failing or (write and tally.changed)
    raise SystemExit(2 if batch.failed else 1 if failing else 0)


class _Tally:
    """What a fix run did, for its closing line."""

    def __init__(self) -> None:
        self.files = self.changed = self.edits = self.left_total = 0
        self.failing = False
        self.reasons: Counter[str] = Counter()

    def add(self, result: FileResult, batch: Batch) -> None:
        self.files += 1
        self.changed += result.changed
        self.edits += len(result.edits) if result.changed else 0
        self.left_total += len(result.remaining)
        self.failing = self.failing or any(batch.fails(f) for f in result.remaining)

    def summary(self, write: bool) -> str:
        verb = "changed" if write else "to change"
        done = (f"{self.changed} file{'s' * (self.changed != 1)} {verb}, {self.edits} "
                f"edit{'s' * (self.edits != 1)}")
        why = ", ".join(f"{n} {reason}" for reason, n in self.reasons.most_common())
        return (f"{done}; {self.left_total} finding{'s' * (self.left_total != 1)} left "
                f"({why}).")


def why_not_fixed(finding: Finding, result: FileResult) -> tuple[str, str]:
    """Why `fix` left a finding, and what the editor can do about it."""
    if finding.fixable:
        return ("after other fixes", "another edit in this run made it; run `retranslate fix` "
                                     "again to apply it")
    if finding.suggestion is not None:
        if finding.entry_id is not None:
            return ("review-only entry", "apply it by hand or with --unsafe-fixes if it fits, "
                                         "or ignore it with "
                                         f"<!-- retranslate: ignore[{finding.rule}] -->")
        return ("needs review", "apply it by hand or with --unsafe-fixes if it fits")
    if result.source_path is not None and finding.evidence is None:
        return ("low alignment confidence", "no source sentence is linked surely enough; "
                                            "compare with the source by hand")
    if result.source_path is not None:
        return ("no safe suggestion", "translate it by hand, or try `fix --retranslate`")
    return ("no safe suggestion", "edit it by hand")


def _unsafe_lines(result: FileResult) -> list[str]:
    """Each unsafe edit as `path:line:column: rule: “old” → “new”`, placed in the original text
    (an edit of a later round is placed where it landed in the text before that round)."""
    lines = []
    index = LineIndex(result.document)
    for edit in sorted((e for e in result.edits if e.unsafe), key=lambda e: e.span.start):
        line, column = index.position(min(edit.span.start, len(result.document.text)))
        lines.append(f"{result.name}:{line}:{column}: {edit.rule}: "
                     f"“{edit.original}” → “{edit.replacement}”")
    return lines


def _retranslating(batch: Batch, retranslate: bool | None) -> Iterator[FileResult]:
    """The run's results, re-translated where that helps (off with --no-retranslate)."""
    if retranslate is False:
        return batch.results()
    from retranslate.repair.retranslate_run import RetranslationStage

    stage = RetranslationStage(batch.glossary, batch.checks, batch.options,
                          explicit=bool(retranslate),
                          note=lambda message: click.echo(f"retranslate: note: {message}",
                                                          err=True))
    return stage.results(batch.results())


def _report_retranslations(result: FileResult, quiet: bool) -> list[dict[str, Any]]:
    from retranslate.render.retranslation import lines, records

    if not quiet:
        for line in lines(result):
            click.echo(line, err=True)
    return list(records(result))


class _StdinKeeper:
    """As a filter, `fix -` must never swallow its input: what it cannot fix it passes on as is.

    An editor piping a buffer through `retranslate fix -` replaces the buffer with the output, so
    a binary or undecodable input must come back unchanged (the error still goes to stderr and
    the exit status), never as nothing.
    """

    def __init__(self, paths: tuple[str, ...]) -> None:
        self.raw: bytes | None = None
        self.echoed = False
        if "-" in paths:
            self.raw = sys.stdin.buffer.read()
            # The pipeline reads "-" from sys.stdin as usual; give it the bytes kept here.
            sys.stdin = io.TextIOWrapper(io.BytesIO(self.raw))

    def echo_if_unprocessed(self, out: BinaryIO) -> None:
        if self.raw is not None and not self.echoed:
            out.write(self.raw)
            out.flush()
