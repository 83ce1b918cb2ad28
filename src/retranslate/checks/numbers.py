"""Numbers, times, dates and percentages of a source sentence must reach its translation.

Both sides are read by `quantities` into comparable keys: "23:00" and "11 pm" are one time,
"2 тыс." and "2,000" one number, "7 января" and "January 7" one month and one day (a date is
split so that "10–12 апреля" meets "April 10-12"). Only reliable links are compared. A key
missing from the English is a finding with the source sentence as evidence. The fix is applied
only where it cannot be wrong: a 12-hour time with am/pm swapped ("11 am" for 23:00) and a
decimal comma ("7,5%" for 7,5%); any other one-for-one swap is suggested for review.

With or without a source, two Russian time and number phrases rendered word for word are
reported (numbers/calque): «полтора-два» as "a half-two" (one and a half to two), and «через
день», «через два часа» as "Through the day," or "Through two hours," opening a sentence (a
day later, two hours later; "through the day" reads as "all day long").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from retranslate.checks import Check, CheckContext
from retranslate.language import quantities
from retranslate.language.quantities import MONTHS_EN, Quantity
from retranslate.models import Finding, Segment, Severity, Span

_AMPM = re.compile(r"(?P<h>\d{1,2}(?::\d\d)?\s*)(?P<x>[ap])(?P<rest>\.?\s?m\.?)", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r"(?<![\d,])(\d+),(\d{1,2})(?![\d,])")


_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
_HALF_RANGE = re.compile(rf"\b(?:[Aa]|[Oo]ne and a) half-(?P<to>two|three|{_NUMBER_WORDS})\b")
_THROUGH = re.compile(rf"(?:^|(?<=[.!?] )|(?<=[.!?]” )|(?<=\n))Through (?P<count>the|a|an|"
                      rf"{_NUMBER_WORDS}) (?P<unit>minutes?|hours?|days?|weeks?|months?|"
                      rf"years?)(?=,)", re.MULTILINE)


def run(ctx: CheckContext) -> Iterator[Finding]:
    yield from _calques(ctx)
    if ctx.source is None:
        return
    target = ctx.target_segments
    for link, evidence in ctx.reliable_links():
        wanted = _keys(quantities.russian(evidence))
        if not wanted:
            continue
        found = _target_quantities([target[i] for i in link.target])
        have = _keys([q for q, _ in found])
        missing = {k: v for k, v in wanted.items() if k not in have}
        if not missing:
            continue
        extra = [(q, span) for q, span in found
                 if any(k not in wanted for k in _keys([q]))]
        yield from _findings(ctx, missing, extra, target[link.target[0]], evidence)


def _calques(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    for match in _HALF_RANGE.finditer(text) if "half-" in text else ():
        to = match.group("to")
        suggestion = f"one and a half to {to}"
        if match.group()[0].isupper():
            suggestion = suggestion.capitalize()
        yield from _calque(ctx, match, f"“{match.group()}” is «полтора-…» word for word: "
                                       f"“{suggestion}”", suggestion)
    if "Through " not in text:
        return
    for match in _THROUGH.finditer(text):
        count, unit = match.group("count"), match.group("unit")
        amount = "a" if count in ("the", "a", "an") else count
        later = f"{amount.capitalize()} {unit} later"
        yield from _calque(ctx, match, f"“{match.group()}” renders «через»: it means "
                                       f"“{later}”", None)


def _calque(ctx: CheckContext, match: re.Match[str], message: str,
            suggestion: str | None) -> Iterator[Finding]:
    span = Span(match.start(), match.end())
    if ctx.document.in_prose(span):
        yield Finding(rule="numbers/calque", span=span, severity=Severity.WARNING,
                      message=message, text=match.group(), suggestion=suggestion,
                      autofix=False)


def _keys(found: Sequence[Quantity]) -> dict[str, Quantity]:
    """Comparable keys: numbers and percentages by value, times as "t23:00", a date as its
    month ("m01") and its day (a number)."""
    keys: dict[str, Quantity] = {}
    for q in found:
        if q.kind == "date":
            month, day = q.value.split("-")
            keys.setdefault(f"m{month}", q)
            keys.setdefault(str(int(day)), q)
        elif q.kind == "time":
            keys.setdefault(f"t{q.value}", q)
        else:
            keys.setdefault(q.value, q)
    return keys


def _target_quantities(segments: Sequence[Segment]) -> list[tuple[Quantity, Span]]:
    """English quantities with their spans in the document."""
    found = []
    for segment in segments:
        # A date left in Russian is still the right date; the untranslated check repairs it.
        russian_dates = [q for q in quantities.russian(segment.text) if q.kind == "date"]
        for q in [*quantities.english(segment.text), *russian_dates]:
            found.append((q, Span(segment.span.start + q.span.start,
                                  segment.span.start + q.span.end)))
    return found


def _findings(ctx: CheckContext, missing: dict[str, Quantity],
              extra: list[tuple[Quantity, Span]], first: Segment,
              evidence: str) -> Iterator[Finding]:
    text = ctx.document.text
    used: set[Span] = set()
    for key, q in missing.items():
        candidates = [(e, span) for e, span in extra
                      if span not in used and _same_kind(key, e)]
        fix = _unambiguous(key, q, candidates, text)
        if fix is not None:
            span, replacement = fix
            used.add(span)
            yield Finding(rule=f"numbers/{_rule(key)}", span=span, severity=Severity.ERROR,
                          message=f"The source says {_show(key, q)}; the translation says "
                                  f"“{text[span.start:span.end]}”",
                          text=text[span.start:span.end], suggestion=replacement,
                          autofix=True, evidence=evidence)
        elif len(candidates) == 1 and candidates[0][1] not in used:
            e, span = candidates[0]
            used.add(span)
            yield Finding(rule=f"numbers/{_rule(key)}", span=span, severity=Severity.WARNING,
                          message=f"The source says {_show(key, q)}; the translation says "
                                  f"“{e.text}”", text=e.text,
                          suggestion=_english(key, q), autofix=False, evidence=evidence)
        else:
            span = first.span
            yield Finding(rule=f"numbers/{_rule(key)}", span=span, severity=Severity.WARNING,
                          message=f"The source says {_show(key, q)}, which the translation "
                                  f"does not have", text=first.text, evidence=evidence)


def _unambiguous(key: str, q: Quantity, candidates: list[tuple[Quantity, Span]],
                 text: str) -> tuple[Span, str] | None:
    """The span to replace and its replacement, where only one repair makes sense."""
    if key.startswith("t"):
        swapped = [(e, span) for e, span in candidates if _twelve_hours_apart(e.value, q.value)]
        if len(swapped) == 1:
            span = swapped[0][1]
            written = _AMPM.fullmatch(text, span.start, span.end)
            if written:
                ampm = "p" if written.group("x").islower() else "P"
                if written.group("x").lower() == "p":
                    ampm = "a" if written.group("x").islower() else "A"
                return span, f"{written.group('h')}{ampm}{written.group('rest')}"
        return None
    if key[:1].isdigit() and "." in key:
        integer, fraction = key.split(".")
        for match in _DECIMAL_COMMA.finditer(text):
            if (match.group(1), match.group(2)) == (integer, fraction):
                comma = [s for _, s in candidates if s.start == match.start()]
                if comma:
                    return Span(match.start(), match.end()), f"{integer}.{fraction}"
    return None


def _twelve_hours_apart(a: str, b: str) -> bool:
    ha, ma = (int(x) for x in a.split(":"))
    hb, mb = (int(x) for x in b.split(":"))
    return ma == mb and abs(ha - hb) == 12


def _same_kind(key: str, q: Quantity) -> bool:
    if key.startswith("t"):
        return q.kind == "time"
    if key.startswith("m"):
        return q.kind == "date"
    return q.kind in ("number", "percent")


def _rule(key: str) -> str:
    return {"t": "time", "m": "date"}.get(key[0], "number")


def _show(key: str, q: Quantity) -> str:
    if key.startswith("m"):
        return f"“{q.text}” ({MONTHS_EN[int(key[1:]) - 1]})"
    return f"“{q.text}”" + (f" ({_english(key, q)})" if key.startswith("t") else "")


def _english(key: str, q: Quantity) -> str:
    if key.startswith("t"):
        hour, minute = (int(x) for x in key[1:].split(":"))
        twelve = hour % 12 or 12
        return f"{twelve}{f':{minute:02d}' if minute else ''} {'pm' if hour >= 12 else 'am'}"
    if key.startswith("m"):
        return MONTHS_EN[int(key[1:]) - 1]
    number = float(key)
    return f"{int(number):,}" if number == int(number) else key


CHECK = Check(
    name="numbers",
    rules=("numbers/number", "numbers/time", "numbers/date", "numbers/calque"),
    run=run,
    description="Numbers, times, dates and percentages of the source missing from the English",
)
