"""`retranslate fix`: print the repair as a unified diff, write it in place, or filter stdin."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import click

from retranslate.commands.common import Batch, report_error, shared_options
from retranslate.document import encode, write_document
from retranslate.errors import RetranslateError
from retranslate.render import LineIndex
from retranslate.render.diff import unified_diff


@click.command()
@shared_options
@click.option("-w", "--write", is_flag=True, help="Write fixes into the files instead of a diff.")
def fix(write: bool, **kwargs: Any) -> None:
    """Repair what can be repaired safely in PATHS.

    Prints a unified diff (apply it with `git apply` or `patch -p1`); with --write, replaces each
    file atomically; with - as the path, reads stdin and writes the fixed text to stdout. Findings
    that were not fixed are listed on stderr.

    Exit status: 0 all fixed (nothing left), 1 findings left unfixed (or, with --write, files
    changed), 2 usage, glossary or input error.
    """
    batch = Batch(kwargs, fix=True)
    out = sys.stdout.buffer
    unfixed = changed = 0
    for result in batch.results():
        document = result.document
        assert result.fixed_text is not None
        if document.path == "-":
            out.write(encode(document, result.fixed_text))
        elif write:
            if result.changed:
                try:
                    write_document(document, result.fixed_text)
                except RetranslateError as err:
                    report_error(err)
                    batch.failed = True
                    continue
                changed += 1
                click.echo(f"fixed {document.path} ({len(result.edits)} "
                           f"edit{'s' * (len(result.edits) != 1)})", err=True)
        else:
            out.write(unified_diff(result))
        out.flush()
        unfixed += len(result.remaining)
        if result.remaining:
            # Positions of what is left refer to the fixed text.
            index = LineIndex(dataclasses.replace(document, text=result.fixed_text))
            for finding in result.remaining:
                line, column = index.position(finding.span.start)
                hint = f" (suggestion: {finding.suggestion})" if finding.suggestion else ""
                click.echo(f"{document.path}:{line}:{column}: not fixed: {finding.rule}: "
                           f"{finding.message}{hint}", err=True)
    raise SystemExit(2 if batch.failed else 1 if unfixed or (write and changed) else 0)
