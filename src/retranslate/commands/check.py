"""`retranslate check`: report findings."""

from __future__ import annotations

import sys
from typing import Any

import click

from retranslate.commands.common import Batch, shared_options, use_color
from retranslate.commands.progress import Progress
from retranslate.render import RENDERERS, Summary, renderer_for


@click.command()
@shared_options
@click.option("--format", "--output-format", "output_format", type=click.Choice(sorted(RENDERERS)),
              default="text", show_default=True,
              help="text: one short line per finding, each entry's note once at the end; full: "
                   "the note under every finding; json, sarif, github: for other tools.")
@click.option("--explain", metavar="RULE", help="Explain RULE (as `retranslate rule RULE`), "
                                                "then exit.")
def check(output_format: str, explain: str | None, quiet: bool, progress: bool | None,
          color: str | None, **kwargs: Any) -> None:
    """Flag mistranslations in PATHS (files, folders, or - for standard input).

    \b
    Examples:
      retranslate check article.en.txt
      retranslate check --source story.ru.md story.en.md
      retranslate check --format json --select glossary news/
      retranslate check --fail-on error --exclude 'drafts/*' .

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage,
    settings, glossary or input error.
    """
    if explain:
        from retranslate.commands.rule import explain_rule

        explain_rule(explain, kwargs, color=use_color(color, sys.stdout))
        return
    batch = Batch(kwargs, fix=False)
    renderer = renderer_for(output_format, sys.stdout, color=use_color(color, sys.stdout),
                            quiet=quiet)
    summary = Summary()
    meter = Progress.for_run(progress, quiet)
    failing = False
    for result in batch.results():
        summary.files += not result.batch
        summary.findings += len(result.findings)
        summary.fixable += sum(f.fixable for f in result.findings)
        summary.unsafe += sum(not f.autofix and f.suggestion is not None
                              and f.suggestion != f.text for f in result.findings)
        failing = failing or any(batch.fails(f) for f in result.findings)
        meter.step(summary.files, summary.findings)
        renderer.file(result)
    meter.close()
    renderer.finish(summary)
    sys.stdout.flush()
    raise SystemExit(2 if batch.failed else 1 if failing else 0)
