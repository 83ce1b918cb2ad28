"""`retranslate check`: report findings."""

from __future__ import annotations

import sys
from typing import Any

import click

from retranslate.commands.common import Batch, shared_options, stdout_is_terminal
from retranslate.render import RENDERERS, Summary, renderer_for


@click.command()
@shared_options
@click.option("--format", "output_format", type=click.Choice(sorted(RENDERERS)), default="text",
              show_default=True, help="How to print findings.")
@click.option("--color/--no-color", default=None, help="Colour output (default: on a terminal).")
def check(output_format: str, color: bool | None, **kwargs: Any) -> None:
    """Flag mistranslations in PATHS (files, folders, or - for stdin).

    Exit status: 0 nothing found, 1 findings, 2 usage, glossary or input error.
    """
    batch = Batch(kwargs, fix=False)
    renderer = renderer_for(output_format, sys.stdout,
                            color=stdout_is_terminal() if color is None else color)
    summary = Summary()
    for result in batch.results():
        summary.files += not result.batch
        summary.findings += len(result.findings)
        summary.fixable += sum(f.autofix for f in result.findings)
        summary.unsafe += sum(not f.autofix and f.suggestion is not None
                              and f.suggestion != f.text for f in result.findings)
        renderer.file(result)
    renderer.finish(summary)
    sys.stdout.flush()
    raise SystemExit(2 if batch.failed else 1 if summary.findings else 0)
