"""`retranslate fix --interactive`: review each proposed change in the terminal, as codespell -i.

Every finding with a suggestion is proposed, safe or not: the editor decides. Each is shown in its
sentence with the change highlighted, with its rule, message and the Russian source sentence;
the answer is accept, reject, edit, accept all of this rule, or quit. Only what was accepted is
written, atomically, as `--write` does; quitting writes what the current file had accepted so far.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

import click

from retranslate.commands.common import Batch, report_error
from retranslate.errors import RetranslateError
from retranslate.files.document import write_document, written_edits
from retranslate.models import Edit, FileResult, Finding
from retranslate.render import LineIndex
from retranslate.repair.apply import apply_edits

_CONTEXT = 160
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+|\n\s*\n|\n")
_ANSWERS = {"y": "accept", "n": "reject", "e": "edit", "a": "all", "q": "quit"}


@dataclass
class Session:
    """What the editor has said so far in this run."""

    accept_rules: set[str]
    quit: bool = False
    changed: int = 0
    left: int = 0


def review_interactively(batch: Batch) -> int:
    """Run the review over the batch; the exit status (as `fix --write` gives it)."""
    if not sys.stdin.isatty():
        raise click.UsageError("--interactive needs a terminal; use the diff or --write instead")
    session = Session(accept_rules=set())
    for result in batch.results():
        if session.quit:
            break
        if result.document.path == "-":
            raise click.UsageError("--interactive reviews files, not standard input")
        try:
            _review_file(result, session)
        except RetranslateError as err:
            report_error(err)
            batch.failed = True
    click.echo(f"{session.changed} file{'s' * (session.changed != 1)} changed, "
               f"{session.left} change{'s' * (session.left != 1)} not taken", err=True)
    return 2 if batch.failed else 1 if session.changed or session.left else 0


def _proposals(result: FileResult) -> list[Finding]:
    return sorted((f for f in result.findings
                   if f.suggestion is not None and f.suggestion != f.text),
                  key=lambda f: (f.span.start, f.span.end))


def _review_file(result: FileResult, session: Session) -> None:
    document = result.document
    proposals = _proposals(result)
    if not proposals:
        return
    lines = LineIndex(document)
    accepted: list[Edit] = []
    for number, finding in enumerate(proposals, 1):
        if session.quit:
            session.left += len(proposals) - number + 1
            break
        if accepted and finding.span.start < accepted[-1].span.end:
            continue  # overlaps a change already taken
        assert finding.suggestion is not None
        if finding.rule in session.accept_rules:
            accepted.append(Edit(finding.span, finding.suggestion, finding.rule))
            continue
        line, column = lines.position(finding.span.start)
        _show(document.text, finding, f"{document.path}:{line}:{column}",
              f"{number}/{len(proposals)}")
        answer = _ask()
        if answer == "quit":
            session.quit = True
            session.left += len(proposals) - number + 1
            break
        if answer == "reject":
            session.left += 1
            continue
        replacement = finding.suggestion
        if answer == "edit":
            replacement = click.prompt("Replace with", default=finding.suggestion,
                                       err=True)
        if answer == "all":
            session.accept_rules.add(finding.rule)
        accepted.append(Edit(finding.span, replacement, finding.rule))
    if accepted:
        write_document(document, apply_edits(document.text, written_edits(document, accepted)))
        session.changed += 1
        click.echo(f"fixed {document.path} ({len(accepted)} "
                   f"edit{'s' * (len(accepted) != 1)})", err=True)


def _show(text: str, finding: Finding, where: str, progress: str) -> None:
    start, end = finding.span.start, finding.span.end
    before = text[max(0, start - _CONTEXT):start]
    after = text[end:end + _CONTEXT]
    ends = list(_SENTENCE_END.finditer(before))
    before = before[ends[-1].end():] if ends else before
    stop = _SENTENCE_END.search(after)
    after = after[:stop.start() + 1].rstrip() if stop else after
    old = click.style(finding.text, fg="red", strikethrough=True)
    new = click.style(finding.suggestion or "", fg="green", bold=True)
    click.echo("", err=True)
    click.echo(f"{click.style(where, bold=True)} {finding.rule} [{progress}]", err=True)
    click.echo(f"  {before}{old}{new}{after}".replace("\n", " "), err=True)
    click.echo(f"  {finding.message}", err=True)
    if finding.evidence:
        click.echo(f"  source: {finding.evidence}", err=True)


def _ask() -> str:
    while True:
        raw = click.prompt("Apply? [y]es, [n]o, [e]dit, [a]ll of this rule, [q]uit",
                           default="n", show_default=False, err=True)
        answer = _ANSWERS.get(raw.strip().lower()[:1])
        if answer:
            return answer
        click.echo("  answer y, n, e, a or q", err=True)
