"""SARIF 2.1.0, the static-analysis exchange format code-scanning dashboards read.

Paths are percent-encoded URIs relative to %SRCROOT% (the working directory, given in
originalUriBaseIds), as GitHub code scanning expects; each rule carries its description and,
for glossary entries, the entry's note.
"""

from __future__ import annotations

import json
import os
import shutil
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


# How deep a result sits in the log (log, runs, the run, results), for its indentation.
_RESULT_DEPTH = 4


class Renderer:
    """SARIF is one document whose rules come before its results, and a rule is known only
    once a finding has it: results are written to a temporary file as they come, and copied in
    after the rules, so a run's memory does not grow with its findings."""

    def __init__(self, out: IO[str], *, color: bool, quiet: bool = False) -> None:
        self.out = out
        self.results: IO[str] | None = None
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
        location = artifact_location(result.name)
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
            self._spool(entry)

    def _spool(self, entry: dict[str, Any]) -> None:
        """Write `entry` as `json.dump` of the whole log would, at its depth and after a comma."""
        if self.results is None:
            import tempfile

            # Closed by finish(); a file, not a context, since results come in over many calls.
            self.results = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        else:
            self.results.write(",")
        pad = "\n" + " " * _RESULT_DEPTH
        self.results.write(pad + json.dumps(entry, ensure_ascii=False, indent=1)
                           .replace("\n", pad))

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
                "results": [],
            }],
        }
        text = json.dumps(log, ensure_ascii=False, indent=1)
        if self.results is None:
            self.out.write(text + "\n")
            return
        # "results" is the run's last key, and no string holds its unescaped quotes.
        head, _, tail = text.rpartition('"results": []')
        self.out.write(head + '"results": [')
        self.results.seek(0)
        shutil.copyfileobj(self.results, self.out)
        self.results.close()
        self.out.write("\n" + " " * (_RESULT_DEPTH - 1) + "]" + tail + "\n")
