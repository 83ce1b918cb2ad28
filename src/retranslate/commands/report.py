"""`retranslate report --html OUT.html PATHS`: one self-contained review page for a batch."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from retranslate.commands.common import Batch, shared_options
from retranslate.errors import InputError


@click.command()
@shared_options
@click.option("--html", "html_path", required=True, type=click.Path(dir_okay=False),
              metavar="OUT.html", help="The page to write.")
@click.option("--title", default="retranslate review", show_default=True,
              help="The page's title.")
def report(html_path: str, title: str, **kwargs: Any) -> None:
    """Write an HTML page to review the findings in PATHS in a browser.

    One self-contained file (no network, no external assets): a file list with counts; per file,
    its findings with their rule, message, suggestion and the Russian source sentence; the text
    with each finding marked and each proposed change shown inline, side by side with the
    source sentence where a source exists. Filters by rule family and severity; long batches are
    paged. Without JavaScript the page is still complete.

    Exit status: 0 nothing found, 1 findings, 2 usage, glossary or input error.
    """
    from retranslate.render.html import write_report

    batch = Batch(kwargs, fix=False)
    target = Path(html_path)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                                 suffix=".tmp")
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror}", path=html_path) from None
    try:
        with open(descriptor, "w", encoding="utf-8") as handle:
            total = write_report(_report_files(batch), handle, title=title)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # a page to share, not mkstemp's private 0600
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    click.echo(f"wrote {html_path} ({total} finding{'s' * (total != 1)})", err=True)
    raise SystemExit(2 if batch.failed else 1 if total else 0)


def _report_files(batch: Batch) -> Iterator[Any]:
    from retranslate.checks import CheckContext
    from retranslate.pipeline import read_pair
    from retranslate.render.html import ReportFile, ReportRow

    for result in batch.results():
        if result.batch:  # cross-file findings: their file is shown again with them
            yield ReportFile(result)
            continue
        rows: tuple[ReportRow, ...] = ()
        if result.source_path is not None:
            # Read again for the side-by-side view only; the findings are the pipeline's.
            _, source, _ = read_pair(result.document.path, batch.options)
            if source is not None:
                rows = tuple(_rows(CheckContext(result.document, batch.glossary, source)))
        yield ReportFile(result, rows)


def _rows(context: Any) -> Iterator[Any]:
    from retranslate.models import Span
    from retranslate.render.html import ReportRow

    target, source = context.target_segments, context.source_segments
    for link in context.alignments:
        english = (Span(target[link.target[0]].span.start, target[link.target[-1]].span.end)
                   if link.target else None)
        yield ReportRow(english, " ".join(source[i].text for i in link.source),
                        link.confidence)
