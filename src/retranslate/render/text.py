"""Human-readable findings: `path:line:column: rule: message (suggestion: ...)`, each entry's
note once in a closing block, and a summary."""

from __future__ import annotations

from typing import IO

import click

from retranslate.models import FileResult, Finding, Severity
from retranslate.render import Summary, located

_LISTED_UNPAIRED = 10
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class Renderer:
    """The default: one short line per finding; notes, unpaired files and totals at the end."""

    notes_inline = False

    def __init__(self, out: IO[str], *, color: bool, quiet: bool = False) -> None:
        self.out = out
        self.color = color
        self.quiet = quiet
        self.with_source = 0
        self.without_source: list[str] = []
        self.notes: dict[str, str] = {}

    def _style(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.color else text  # type: ignore[arg-type]

    def file(self, result: FileResult) -> None:
        if result.batch:
            pass
        elif result.source_path:
            self.with_source += 1
        elif len(self.without_source) < _LISTED_UNPAIRED + 1:
            self.without_source.append(result.name)
        for place in located(result):
            finding = place.finding
            where = self._style(f"{result.name}:{place.line}:{place.column}:",
                                bold=True)
            rule = self._style(finding.rule, fg=_COLOURS[finding.severity])
            self.out.write(f"{where} {rule}: {finding.message}{suggestion_hint(finding)}\n")
            if finding.evidence and not self.quiet:
                self.out.write(f"    source: {finding.evidence}\n")
            if finding.note:
                if self.notes_inline and not self.quiet:
                    self.out.write(f"    note: {finding.note}\n")
                self.notes.setdefault(finding.rule, finding.note)

    def finish(self, summary: Summary) -> None:
        if self.quiet:
            return
        if self.notes and not self.notes_inline:
            self.out.write(self._style("\nNotes:", bold=True) + "\n")
            for rule, note in self.notes.items():
                self.out.write(f"  {self._style(rule, bold=True)}: {note}\n")
        if self.with_source and self.without_source:
            shown = ", ".join(self.without_source[:_LISTED_UNPAIRED])
            more = " …" if len(self.without_source) > _LISTED_UNPAIRED else ""
            self.out.write(f"No Russian source for: {shown}{more} (checked with the glossary's "
                           "document conditions only).\n")
        if summary.findings:
            fixable = (f", {summary.fixable} fixable with `retranslate fix`"
                       if summary.fixable else "")
            if summary.unsafe:
                fixable += (f" ({summary.unsafe} more with `retranslate fix --unsafe-fixes`)"
                            if summary.fixable else
                            f", {summary.unsafe} fixable with `retranslate fix --unsafe-fixes`")
            self.out.write(f"{summary.findings} finding{'s' * (summary.findings != 1)} in "
                           f"{summary.files} file{'s' * (summary.files != 1)}{fixable}.\n")


class FullRenderer(Renderer):
    """`--format full`: each finding followed by its entry's note, as an editor new to it needs."""

    notes_inline = True


def suggestion_hint(finding: Finding) -> str:
    if finding.suggestion is None:
        return ""
    if not finding.suggestion:  # a deletion: an empty suggestion would read as none
        return f" (suggestion: delete “{finding.text}”)"
    return f" (suggestion: {finding.suggestion})"
