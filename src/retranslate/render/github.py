"""GitHub Actions workflow commands: findings appear as annotations on the pull request."""

from __future__ import annotations

from typing import IO

from retranslate.models import FileResult, Severity
from retranslate.render import Summary, located

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


class Renderer:
    def __init__(self, out: IO[str], *, color: bool, quiet: bool = False) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        for place in located(result):
            finding = place.finding
            hint = f" (suggestion: {finding.suggestion})" if finding.suggestion else ""
            props = (f"file={_escape(result.name, prop=True)},line={place.line},"
                     f"col={place.column},endLine={place.end_line},endColumn={place.end_column},"
                     f"title={_escape(finding.rule, prop=True)}")
            self.out.write(f"::{_LEVEL[finding.severity]} {props}::"
                           f"{_escape(finding.message + hint)}\n")

    def finish(self, summary: Summary) -> None:
        pass
