"""Where findings are not wanted: inline ignore comments and allowed phrases, decided once per file.

Like the prose scopes, ignore regions are worked out from the text before any finding is kept,
and one filter applies them to every check's findings; no check knows about them.

    <!-- retranslate: ignore -->                 the next paragraph
    <!-- retranslate: ignore[glossary/akimat] --> the next paragraph, for that rule (or prefix)
    <!-- retranslate: ignore-start -->  ...  <!-- retranslate: ignore-end -->
    ... retranslate: ignore-line                 the line it is on (any format)

In plain text the comment markers are optional: a line holding only `retranslate: ignore` works.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from retranslate.errors import RetranslateError
from retranslate.models import Finding, Span

_DIRECTIVE = re.compile(
    r"(?P<open><!--[ \t]*)?retranslate:[ \t]*(?P<kind>[A-Za-z][\w-]*)"
    r"(?:\[(?P<rules>[^\]\r\n]*)\])?(?P<close>[ \t]*-->)?")
_KINDS = ("ignore", "ignore-start", "ignore-end", "ignore-line")
_BLANK_LINE = re.compile(r"\r?\n[ \t]*(?:\r?\n|\r)|\r[ \t]*\r")


@dataclass(frozen=True)
class Ignored:
    """Findings starting in `span` are dropped (all of them, or those of `rules`).

    `whole` regions (allowed phrases) drop only findings that lie entirely inside them.
    """

    span: Span
    rules: tuple[str, ...] = ()
    whole: bool = False

    def drops(self, finding: Finding) -> bool:
        inside = self.span.contains(finding.span) if self.whole else \
            self.span.start <= finding.span.start < max(self.span.end, self.span.start + 1)
        return inside and (not self.rules or covers(self.rules, finding.rule))


def covers(patterns: Iterable[str], rule: str) -> bool:
    """ruff-style matching: a rule id, or a prefix of it ending at a '/'."""
    return any(rule == p or rule.startswith(p.rstrip("/") + "/") for p in patterns)


def inline_regions(text: str, path: str,
                   known: Callable[[str], bool] = lambda _: True) -> list[Ignored]:
    """The regions that ignore comments in `text` cover; a bad comment is an error at file:line."""
    if "retranslate:" not in text:  # nearly every file: one C-speed scan
        return []
    regions: list[Ignored] = []
    opened: tuple[int, tuple[str, ...], int] | None = None
    for match in _DIRECTIVE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        kind = match.group("kind")
        if not match.group("open") and not kind.startswith("ignore"):
            continue  # "retranslate: a tool that..." in prose is not addressed to us
        if kind not in _KINDS:
            raise RetranslateError(f"unknown directive 'retranslate: {kind}'", path=path,
                                   line=line, hint=f"use {', '.join(_KINDS)}")
        rules = tuple(r.strip() for r in (match.group("rules") or "").split(",") if r.strip())
        for rule in rules:
            if not known(rule):
                raise RetranslateError(f"no rule is called {rule!r}", path=path, line=line,
                                       hint="see `retranslate rule` for the rule ids")
        # The comment itself is never prose to report on.
        regions.append(Ignored(Span(match.start(), match.end())))
        if kind == "ignore-line":
            start = max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start()))
            regions.append(Ignored(Span(start + 1, _line_end(text, match.end())), rules))
        elif kind == "ignore":
            regions.append(Ignored(_next_paragraph(text, match.end()), rules))
        elif kind == "ignore-start":
            if opened is not None:
                raise RetranslateError(f"ignore-start inside the ignore-start of line "
                                       f"{opened[2]}", path=path, line=line,
                                       hint="close it with retranslate: ignore-end first")
            opened = (match.end(), rules, line)
        else:
            if opened is None:
                raise RetranslateError("ignore-end without an ignore-start", path=path,
                                       line=line)
            regions.append(Ignored(Span(opened[0], match.start()), opened[1]))
            opened = None
    if opened is not None:
        raise RetranslateError("ignore-start is never closed", path=path, line=opened[2],
                               hint="add <!-- retranslate: ignore-end --> after the text")
    return regions


def _line_end(text: str, offset: int) -> int:
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return min(ends) if ends else len(text)


def _next_paragraph(text: str, offset: int) -> Span:
    """From after the comment to the end of the next paragraph (a blank line or the end)."""
    start = offset
    while start < len(text) and text[start] in " \t\r\n":
        start += 1
    blank = _BLANK_LINE.search(text, start)
    return Span(offset, blank.start() if blank else len(text))


@lru_cache(maxsize=64)
def _phrases(allow: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in allow if p.split())
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def allowed_regions(text: str, allow: Sequence[str]) -> list[Ignored]:
    """Every occurrence of an allowed phrase: a finding inside one is not reported."""
    if not any(p.split() for p in allow):
        return []
    return [Ignored(Span(m.start(), m.end()), whole=True)
            for m in _phrases(tuple(allow)).finditer(text)]


def without_ignored(findings: Iterable[Finding], regions: Sequence[Ignored]) -> list[Finding]:
    if not regions:
        return list(findings)
    return [f for f in findings if not any(region.drops(f) for region in regions)]


def with_severity(findings: list[Finding], levels: Sequence[tuple[str, str]]) -> list[Finding]:
    """Findings at the level the settings give their rule; the longest matching pattern wins."""
    if not levels:
        return findings
    from dataclasses import replace

    from retranslate.models import Severity

    ranked = sorted(levels, key=lambda pair: len(pair[0]), reverse=True)
    out = []
    for finding in findings:
        level = next((lv for pattern, lv in ranked if covers((pattern,), finding.rule)), None)
        out.append(finding if level is None else replace(finding, severity=Severity(level)))
    return out
