"""What `fix --retranslate` did with each sentence: one line each on stderr, or JSON records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from retranslate.models import FileResult


def records(result: FileResult) -> Iterator[dict[str, Any]]:
    for tried in result.retranslations:
        yield {"path": result.name, "line": tried.line, "column": tried.column,
               "used": tried.used, "reason": tried.reason, "rules": list(tried.rules),
               "before": tried.before, "after": tried.after, "refused": tried.refused or None,
               "source": tried.source or None}


def lines(result: FileResult) -> Iterator[str]:
    for record in records(result):
        verdict = "retranslated" if record["used"] == "retranslation" else "kept substitution"
        yield (f"{record['path']}:{record['line']}:{record['column']}: {verdict}: "
               f"{record['reason']}")
