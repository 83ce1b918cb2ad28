"""Applying edits: only autofix findings, never two edits on the same characters."""

from __future__ import annotations

from collections.abc import Iterable

from retranslate.models import Edit, Finding


def edits_for(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Edit]:
    """The edits for autofix findings (with `unsafe`, for every finding with a suggestion), in
    text order; an edit overlapping an earlier one waits."""
    chosen: list[Edit] = []
    for finding in sorted((f for f in findings if (f.autofix or unsafe)
                           and f.suggestion is not None),
                          key=lambda f: (f.span.start, f.span.end)):
        if chosen and finding.span.start < chosen[-1].span.end:
            continue  # the next round of fixing takes it, on the text this round produced
        if finding.suggestion == finding.text:
            continue
        assert finding.suggestion is not None
        chosen.append(Edit(finding.span, finding.suggestion, finding.rule,
                           unsafe=not finding.autofix, original=finding.text))
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with every edit applied; edits must be sorted and must not overlap."""
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        pieces.append(text[cursor: edit.span.start])
        pieces.append(edit.replacement)
        cursor = edit.span.end
    pieces.append(text[cursor:])
    return "".join(pieces)
