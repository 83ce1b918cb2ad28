"""`retranslate fix`: print the repair as a unified diff, write it in place, or filter stdin."""

from __future__ import annotations

import dataclasses
import io
import sys
from typing import Any, BinaryIO

import click

from retranslate.commands.common import Batch, report_error, shared_options
from retranslate.errors import RetranslateError
from retranslate.files.document import encode, write_document
from retranslate.models import FileResult
from retranslate.render import LineIndex, located
from retranslate.render.diff import unified_diff


@click.command()
@shared_options
@click.option("-w", "--write", is_flag=True, help="Write fixes into the files instead of a diff.")
@click.option("--retranslate", "retranslate", is_flag=True,
              help="Re-translate flagged sentences from their Russian source with the installed "
                   "Argos model (needs the mt extra), then enforce the glossary.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also apply the suggestions of review-only findings (listed at the end).")
@click.option("-i", "--interactive", is_flag=True,
              help="Review each proposed change in the terminal: accept, reject, edit, accept "
                   "all of a rule, or quit; write only what was accepted.")
def fix(write: bool, retranslate: bool, unsafe_fixes: bool, interactive: bool,
        **kwargs: Any) -> None:
    """Repair what can be repaired safely in PATHS.

    Prints a unified diff (apply it with `git apply` or `patch -p1`); with --write, replaces each
    file atomically; with - as the path, reads stdin and writes the fixed text to stdout. Findings
    that were not fixed are listed on stderr.

    Exit status: 0 all fixed (nothing left), 1 findings left unfixed (or, with --write, files
    changed), 2 usage, glossary or input error.
    """
    if interactive:
        from retranslate.commands.interactive import review_interactively

        if write or retranslate:
            raise click.UsageError("--interactive writes what you accept; it takes neither "
                                   "--write nor --retranslate")
        raise SystemExit(review_interactively(Batch(kwargs, fix=False, hooks=False)))
    translator = None
    if retranslate:
        from retranslate.mt.translator import load_translator

        translator = load_translator()
    batch = Batch(kwargs, fix=True, translator=translator)
    if unsafe_fixes:
        batch.options = dataclasses.replace(batch.options, unsafe_fixes=True)
    unsafe: list[str] = []
    out = sys.stdout.buffer
    stdin = _StdinKeeper(kwargs["paths"] or ())
    unfixed = changed = 0
    for result in batch.results():
        document = result.document
        assert result.fixed_text is not None
        # Each file's output is made in full before any of it is printed, and a file that
        # cannot be rendered (a fix its encoding cannot store) fails alone, not the batch.
        try:
            if document.path == "-":
                out.write(encode(document, result.fixed_text))
                stdin.echoed = True
            elif write:
                if result.changed:
                    write_document(document, result.fixed_text)
                    changed += 1
                    click.echo(f"fixed {document.path} ({len(result.edits)} "
                               f"edit{'s' * (len(result.edits) != 1)})", err=True)
            else:
                out.write(unified_diff(result))
        except RetranslateError as err:
            report_error(err)
            batch.failed = True
            continue
        finally:
            out.flush()
        unfixed += len(result.remaining)
        if result.edits and any(edit.unsafe for edit in result.edits):
            unsafe.extend(_unsafe_lines(result))
        for place in located(result):
            finding = place.finding
            hint = f" (suggestion: {finding.suggestion})" if finding.suggestion else ""
            click.echo(f"{document.path}:{place.line}:{place.column}: not fixed: {finding.rule}: "
                       f"{finding.message}{hint}", err=True)
    stdin.echo_if_unprocessed(out)
    if unsafe:
        click.echo(f"{len(unsafe)} unsafe fix{'es' * (len(unsafe) != 1)} applied "
                   "(review them):", err=True)
        for line in unsafe:
            click.echo(f"  {line}", err=True)
    raise SystemExit(2 if batch.failed else 1 if unfixed or (write and changed) else 0)


def _unsafe_lines(result: FileResult) -> list[str]:
    """Each unsafe edit as `path:line:column: rule: “old” → “new”`, placed in the original text
    (an edit of a later round is placed where it landed in the text before that round)."""
    lines = []
    index = LineIndex(result.document)
    for edit in sorted((e for e in result.edits if e.unsafe), key=lambda e: e.span.start):
        line, column = index.position(min(edit.span.start, len(result.document.text)))
        lines.append(f"{result.document.path}:{line}:{column}: {edit.rule}: "
                     f"“{edit.original}” → “{edit.replacement}”")
    return lines


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
