"""Human-readable findings: `path:line:column: rule: message (suggestion: ...)` and a summary."""

from __future__ import annotations

from typing import IO

import click

from retranslate.models import FileResult, Severity
from retranslate.render import LineIndex, Summary

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class Renderer:
    def __init__(self, out: IO[str], *, color: bool) -> None:
        self.out = out
        self.color = color
        self.unpaired: list[str] = []

    def _style(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.color else text  # type: ignore[arg-type]

    def file(self, result: FileResult) -> None:
        findings = result.remaining if result.fixed_text is not None else result.findings
        if not findings:
            return
        index = LineIndex(result.document)
        for finding in findings:
            line, column = index.position(finding.span.start)
            where = self._style(f"{result.document.path}:{line}:{column}:", bold=True)
            rule = self._style(finding.rule, fg=_COLOURS[finding.severity])
            hint = f" (suggestion: {finding.suggestion})" if finding.suggestion else ""
            self.out.write(f"{where} {rule}: {finding.message}{hint}\n")
            if finding.evidence:
                self.out.write(f"    source: {finding.evidence}\n")

    def finish(self, summary: Summary) -> None:
        if summary.findings:
            fixable = (f", {summary.fixable} fixable with `retranslate fix`"
                       if summary.fixable else "")
            self.out.write(f"{summary.findings} finding{'s' * (summary.findings != 1)} in "
                           f"{summary.files} file{'s' * (summary.files != 1)}{fixable}.\n")
