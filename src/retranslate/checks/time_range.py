"""Time ranges that run backwards on one side of noon: "from 11 am to 7 am" for a night curfew.

A range whose end comes before its start must cross noon or midnight, so its two times cannot
share am or pm; one of them was mistranslated (MT often renders 23:00 as "11 am"). Which one is
wrong shows in the context: at night (curfew, overnight) the range crosses midnight. With a
source text the numbers check compares the times themselves, so this one stands aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retranslate.checks import Check, CheckContext
from retranslate.models import Finding, Severity, Span

# "am" or "a.m.", never taking a sentence's full stop after "am" as part of the time.
_TIME = r"(\d{1,2})(?::([0-5]\d))?\s*([ap])(?:\.m\.|m\b)"
# The first hour is "\b(\d{1,2})", written to start with the digit (a class the engine skips
# to) instead of a word boundary tried at every character.
_FIRST_TIME = r"(\d(?<!\w\d)\d?)" + _TIME.removeprefix(r"(\d{1,2})")
_RANGE = re.compile(rf"{_FIRST_TIME}\s*(?:to|until|till|through|-|–|—)\s*{_TIME}", re.IGNORECASE)
_NIGHT = re.compile(r"\b(?:curfew|night|overnight|nightly|nighttime|evening|dusk|dark)\b",
                    re.IGNORECASE)
_CONTEXT = 200  # characters either side: the sentence, roughly, without a segmenter


def _minutes(hour: str, minute: str | None) -> int | None:
    h = int(hour)
    if not 1 <= h <= 12:
        return None
    return (h % 12) * 60 + int(minute or 0)


def run(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.source is not None:
        return
    text = ctx.document.text
    if "m" not in text:  # every range needs an am or pm
        return
    for match in _RANGE.finditer(text):
        span = Span(match.start(), match.end())
        if not ctx.document.in_prose(span):
            continue
        h1, m1, side1, h2, m2, side2 = match.groups()
        start, end = _minutes(h1, m1), _minutes(h2, m2)
        if start is None or end is None or side1.lower() != side2.lower() or start <= end:
            continue
        night = _NIGHT.search(text, max(0, span.start - _CONTEXT), span.end + _CONTEXT)
        am = side1.lower() == "a"
        # Overnight, the range crosses midnight: it starts in the pm and ends in the am.
        wrong_index = (3 if am else 6) if night else None
        if wrong_index is None:
            yield Finding(
                rule="numbers/time-range", span=span, severity=Severity.WARNING,
                message=f"“{match.group()}” runs backwards: one of its times must be "
                        f"{'pm' if am else 'am'}", text=match.group())
            continue
        marker_start, marker_end = match.span(wrong_index)
        marker = match.group(wrong_index)
        flipped = ("p" if am else "a") if marker.islower() else ("P" if am else "A")
        fixed = (text[span.start:marker_start] + flipped + text[marker_start + 1:span.end])
        assert marker_end > marker_start
        yield Finding(
            rule="numbers/time-range", span=span, severity=Severity.ERROR,
            message=f"“{match.group()}” runs backwards; at night it must cross midnight",
            text=match.group(), suggestion=fixed, autofix=True)


CHECK = Check(
    name="time_range",
    rules=("numbers/time-range",),
    run=run,
    description="Time ranges that run backwards with the same am/pm on both ends",
)
