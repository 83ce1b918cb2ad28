"""`retranslate fix`: print the repair as a unified diff, write it in place, or filter stdin."""

from __future__ import annotations

import io
import sys
from typing import Any, BinaryIO

import click

from retranslate.commands.common import Batch, report_error, shared_options
from retranslate.errors import RetranslateError
from retranslate.files.document import encode, write_document
from retranslate.render import located
from retranslate.render.diff import unified_diff


@click.command()
@shared_options
@click.option("-w", "--write", is_flag=True, help="Write fixes into the files instead of a diff.")
@click.option("--retranslate", "retranslate", is_flag=True,
              help="Re-translate flagged sentences from their Russian source with the installed "
                   "Argos model (needs the mt extra), then enforce the glossary.")
def fix(write: bool, retranslate: bool, **kwargs: Any) -> None:
    """Repair what can be repaired safely in PATHS.

    Prints a unified diff (apply it with `git apply` or `patch -p1`); with --write, replaces each
    file atomically; with - as the path, reads stdin and writes the fixed text to stdout. Findings
    that were not fixed are listed on stderr.

    Exit status: 0 all fixed (nothing left), 1 findings left unfixed (or, with --write, files
    changed), 2 usage, glossary or input error.
    """
    translator = None
    if retranslate:
        from retranslate.mt.translator import load_translator

        translator = load_translator()
    batch = Batch(kwargs, fix=True, translator=translator)
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
        for place in located(result):
            finding = place.finding
            hint = f" (suggestion: {finding.suggestion})" if finding.suggestion else ""
            click.echo(f"{document.path}:{place.line}:{place.column}: not fixed: {finding.rule}: "
                       f"{finding.message}{hint}", err=True)
    stdin.echo_if_unprocessed(out)
    raise SystemExit(2 if batch.failed else 1 if unfixed or (write and changed) else 0)


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
