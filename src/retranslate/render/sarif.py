"""SARIF 2.1.0, the static-analysis exchange format code-scanning dashboards read.

Paths are percent-encoded URIs relative to %SRCROOT% (the working directory, given in
originalUriBaseIds), as GitHub code scanning expects; each rule carries its description and,
for glossary entries, the entry's note.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from retranslate import __version__
from retranslate.models import FileResult, Finding, Severity
from retranslate.render import Summary, located

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
BASE_ID = "%SRCROOT%"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_location(path: str) -> dict[str, str]:
    """A percent-encoded URI: relative to %SRCROOT% inside the working directory, else absolute."""
    if path == "-":
        return {"uri": "stdin"}
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": BASE_ID}


def _descriptions() -> dict[str, str]:
    """Rule or rule family (ending in '/') → what its check looks for."""
    from retranslate.checks import load_checks

    return {(rule[:-1] if rule.endswith("/*") else rule): check.description or check.name
            for check in load_checks() for rule in check.rules}


class Renderer:
    """Collects results (SARIF is one document), so it holds findings, not file texts."""

    def __init__(self, out: IO[str], *, color: bool, quiet: bool = False) -> None:
        self.out = out
        self.results: list[dict[str, Any]] = []
        self.rules: dict[str, dict[str, Any]] = {}
        self.index: dict[str, int] = {}
        self.descriptions: dict[str, str] | None = None

    def _rule_index(self, finding: Finding) -> int:
        if finding.rule not in self.rules:
            if self.descriptions is None:
                self.descriptions = _descriptions()
            family = finding.rule.split("/")[0] + "/"
            short = self.descriptions.get(finding.rule) or self.descriptions.get(family) \
                or finding.rule
            self.rules[finding.rule] = {
                "id": finding.rule,
                "shortDescription": {"text": short},
                "fullDescription": {"text": finding.note or short},
                "defaultConfiguration": {"level": _LEVEL[finding.severity]},
                "properties": {"fixable": finding.fixable},
            }
            self.index[finding.rule] = len(self.index)
        return self.index[finding.rule]

    def file(self, result: FileResult) -> None:
        location = artifact_location(result.document.path)
        for place in located(result):
            finding = place.finding
            region = {"startLine": place.line, "startColumn": place.column,
                      "endLine": place.end_line, "endColumn": place.end_column}
            entry: dict[str, Any] = {
                "ruleId": finding.rule,
                "ruleIndex": self._rule_index(finding),
                "level": _LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": location,
                    "region": {**region, "snippet": {"text": finding.text}},
                }}],
            }
            if finding.suggestion is not None:
                entry["fixes"] = [{
                    "description": {"text": f"Replace with “{finding.suggestion}”"},
                    "artifactChanges": [{
                        "artifactLocation": location,
                        "replacements": [{
                            "deletedRegion": region,
                            "insertedContent": {"text": finding.suggestion},
                        }],
                    }],
                }]
            self.results.append(entry)

    def finish(self, summary: Summary) -> None:
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "retranslate", "version": __version__,
                    "rules": list(self.rules.values()),
                }},
                "originalUriBaseIds": {BASE_ID: {"uri": Path.cwd().as_uri() + "/"}},
                "results": self.results,
            }],
        }
        json.dump(log, self.out, ensure_ascii=False, indent=1)
        self.out.write("\n")
