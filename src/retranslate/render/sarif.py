"""SARIF 2.1.0, the static-analysis exchange format code-scanning dashboards read."""

from __future__ import annotations

import json
from typing import IO, Any

from retranslate import __version__
from retranslate.models import FileResult, Severity
from retranslate.render import Summary, located

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class Renderer:
    """Collects results (SARIF is one document), so it holds findings, not file texts."""

    def __init__(self, out: IO[str], *, color: bool, quiet: bool = False) -> None:
        self.out = out
        self.results: list[dict[str, Any]] = []
        self.rules: dict[str, dict[str, Any]] = {}

    def file(self, result: FileResult) -> None:
        for place in located(result):
            finding = place.finding
            region = {"startLine": place.line, "startColumn": place.column,
                      "endLine": place.end_line, "endColumn": place.end_column}
            self.rules.setdefault(finding.rule, {"id": finding.rule})
            entry: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": _LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": result.document.path},
                    "region": {**region, "snippet": {"text": finding.text}},
                }}],
            }
            if finding.suggestion is not None:
                entry["fixes"] = [{
                    "description": {"text": f"Replace with “{finding.suggestion}”"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": result.document.path},
                        "replacements": [{
                            "deletedRegion": region,
                            "insertedContent": {"text": finding.suggestion},
                        }],
                    }],
                }]
            self.results.append(entry)

    def finish(self, summary: Summary) -> None:
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "retranslate", "version": __version__,
                                    "rules": list(self.rules.values())}},
                "results": self.results,
            }],
        }
        json.dump(log, self.out, ensure_ascii=False, indent=1)
        self.out.write("\n")
