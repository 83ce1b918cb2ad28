"""Findings as one JSON array, streamed; the keys are a stable interface for other tools."""

from __future__ import annotations

import json
from typing import IO

from retranslate.models import FileResult
from retranslate.render import Summary, located


class Renderer:
    def __init__(self, out: IO[str], *, color: bool, quiet: bool = False) -> None:
        self.out = out
        self.count = 0

    def file(self, result: FileResult) -> None:
        for place in located(result):
            finding = place.finding
            record = {
                "path": result.name,
                "line": place.line,
                "column": place.column,
                "end_line": place.end_line,
                "end_column": place.end_column,
                "rule": finding.rule,
                "severity": finding.severity.value,
                "message": finding.message,
                "text": finding.text,
                "suggestion": finding.suggestion,
                "evidence": finding.evidence,
                # Whether `retranslate fix` applies it: the same test fix itself uses.
                "fixable": finding.fixable,
            }
            self.out.write("[\n" if self.count == 0 else ",\n")
            self.out.write(json.dumps(record, ensure_ascii=False))
            self.count += 1

    def finish(self, summary: Summary) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")
