"""Cyrillic left in English text: dates and amounts repaired by rule, everything else reported.

"7 января 2022, 15:25" becomes "January 7, 2022, 15:25" and "2 тыс." becomes "2,000" without
any model: the month names, multipliers and a few units are a closed set. Other fragments
(captions, sentences, names) are left for re-translation and reported; a name gets its
transliteration as a suggestion, never as an automatic fix, since the English spelling of a
name is a convention transliteration cannot know (Alma-Ata is Almaty).

Russian left in Latin letters is reported too (untranslated/transliterated), with no fix:
- a lower-case word the English list lacks, spelled the way Russian is transliterated ("ts",
  "zh", "kh", "ja", "-ogo", "-enie"), that read back into Cyrillic is a Russian word pymorphy3
  knows ("ostavlenija", "natsional");
- a Russian abbreviation transliterated ("AZS", "GUMVD", "Zam."), from a short list of those
  English news does not use (FSB, OMON and MVD are English usage and not on it).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from retranslate.checks import Check, CheckContext
from retranslate.language.quantities import MONTH_RU_PATTERN, MONTHS_EN, canonical, month_ru
from retranslate.language.text_index import anchored
from retranslate.models import Finding, Severity, Span
from retranslate.patterns import compile_later

_DATE = compile_later(
    rf"(?<![\w])(?:(?P<day>[0-3]?\d)\s+)?{MONTH_RU_PATTERN}(?![а-яё])"
    r"(?:\s+(?P<year>\d{4})(?:\s*(?:г\.|года?|гг\.)(?![а-яё]))?)?",
    re.IGNORECASE)
# The number's first digit before the look-behind at the character ahead of it
# ("\d(?<![\w.,]\d)" for "(?<![\w.,])\d"): the engine skips to the next digit instead of
# trying the look-behind at every character, twice as fast.
_AMOUNT = compile_later(
    r"(?P<number>\d(?<![\w.,]\d)\d*(?:[.,]\d+)?)\s*"
    r"(?P<scale>тыс(?:\.|яч[аиу]?)?|млн\.?|миллион(?:а|ов)?|млрд\.?|миллиард(?:а|ов)?)"
    r"(?P<unit>\s*(?:руб(?:\.|лей|ля|ль)|долл(?:\.|аров|ара)|чел(?:\.|овек)))?(?![а-яё])",
    re.IGNORECASE)
_UNITS = {"руб": "rubles", "дол": "dollars", "чел": "people"}
_UNIT_ONLY = compile_later(r"(?P<number>\d(?<![\w.,]\d)\d*(?:[.,]\d+)?)\s*"
                           r"(?P<unit>км|кг|см|мм)(?![а-яё\w])", re.IGNORECASE)
_UNIT_EN = {"км": "km", "кг": "kg", "см": "cm", "мм": "mm"}
# A run of Cyrillic words (with numbers among them) and the light punctuation between them.
# A full stop joins only before lower case or a digit ("т.е. всё", "2 тыс. человек").
_RUN = compile_later(r"(?:\d+[ \t]*)?[А-Яа-яЁё]"
                     r"(?:[А-Яа-яЁё\d\-]|[ \t,:;%]+(?=[А-Яа-яЁё\d])|\.[ \t]*(?=[а-яё\d]))*")
_ENDS_SENTENCE = compile_later(r"\s*(?:$|\n|[A-ZА-ЯЁ\"“«])")
_CYRILLIC_BEFORE = compile_later(r"[А-Яа-яЁё][ \t,]*$")
_CYRILLIC_AFTER = compile_later(r"[ \t,]*[А-Яа-яЁё]")
_ANY_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_CYRILLIC_WORDS = compile_later(r"[А-Яа-яЁё]+")
# Every month name's first letter (MONTH_RU_PATTERN), case ignored as _DATE ignores it.
_MONTH_FIRST = compile_later(r"[яфмаисонд]", re.IGNORECASE)
# "2022 г." and "500 руб." are Russian typography: the typography check reports and fixes them,
# so reporting them here as untranslated text would say the same thing twice.
_TYPOGRAPHY_FIXES = compile_later(r"\d{4}[ \t]*гг?|\d+(?:[.,]\d+)?[ \t]*(?:руб|коп)")
# A phrase quoted on purpose: "(Russian: протестующие)", "known in Russian as ...".
_QUOTED_ON_PURPOSE = compile_later(
    r"(?:Russian|in Russian|Russian word|Cyrillic)[\s:,(«\"“]*$", re.IGNORECASE)


def run(ctx: CheckContext) -> Iterator[Finding]:
    from retranslate.checks import transliterated

    yield from transliterated.findings(ctx.document, ctx.glossary)
    text = ctx.document.text
    if text.isascii() or not _ANY_CYRILLIC.search(text):
        return  # every rule here needs a Cyrillic letter; most English files have none
    sparse = _sparse(text)
    fixed = list(_by_rule(text, sparse))
    # Neighbours are judged with the rule-fixed spans blanked out, so "2 тыс., 3 млн" is two
    # amounts, not Russian text.
    blanked = _Blanked([finding.span for finding in fixed], len(text))
    taken: list[Span] = []
    for finding in fixed:
        # Inside a longer Russian fragment a date is not fixed alone: the sentence needs
        # translating as a whole, and half-English Russian is worse than Russian.
        start, end = finding.span.start, finding.span.end
        inside_russian = _CYRILLIC_BEFORE.search(
            text, max(start - 5, blanked.last_before(start) + 1), start) or \
            _CYRILLIC_AFTER.match(text, end, blanked.first_from(end))
        if not inside_russian and ctx.document.in_prose(finding.span):
            taken.append(finding.span)
            yield _with_evidence(ctx, finding)
    overlaps_taken = _Overlaps(taken)
    for match in _runs(text, sparse):
        span = Span(match.start(), match.end())
        if overlaps_taken(span) or not ctx.document.in_prose(span):
            continue
        if _QUOTED_ON_PURPOSE.search(text, max(0, span.start - 30), span.start):
            continue
        if _TYPOGRAPHY_FIXES.fullmatch(match.group()):
            continue
        yield _with_evidence(ctx, _fragment(text, match.group(), span))


def _sparse(text: str) -> bool:
    """Whether Cyrillic is rare in `text` (English with some Russian left): then _RUN and
    _DATE are tried only at Cyrillic letters, 5 to 7 times faster; in mostly Russian text,
    where nearly every position is one, a plain scan is faster. Both find the same."""
    return sum(map(len, _CYRILLIC_WORDS.findall(text))) * 50 < len(text)


def _runs(text: str, sparse: bool) -> Iterator[re.Match[str]]:
    """`_RUN.finditer(text)`: a run starts at its first Cyrillic letter or at the digits
    (and spaces) right before it."""
    if not sparse:
        return _RUN.finditer(text)
    return anchored(_RUN, text, _ANY_CYRILLIC, _run_start)


def _run_start(text: str, letter: int) -> int:
    start = letter
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    digits = start
    while digits > 0 and text[digits - 1].isdecimal():  # what \d matches
        digits -= 1
    return digits if digits < start else letter


def _dates(text: str, sparse: bool) -> Iterator[re.Match[str]]:
    """`_DATE.finditer(text)`: a date starts at its month (whose first letter _MONTH_FIRST
    finds, case ignored as the pattern ignores it) or at the day's digits before it."""
    if not sparse:
        yield from _DATE.finditer(text)
        return
    end = 0
    for hit in _MONTH_FIRST.finditer(text):
        month = hit.start()
        if month < end:
            continue
        gap = month
        while gap > 0 and text[gap - 1].isspace():  # what \s matches
            gap -= 1
        day = gap
        while day > 0 and text[day - 1].isdecimal() and gap - day < 2:
            day -= 1
        for start in (day, month) if end <= day < gap else (month,):
            match = _DATE.match(text, start)
            if match is not None:
                end = match.end()
                yield match
                break


class _Blanked:
    """Where `spans` blank the text, for searches that must not run into them: neither a
    Cyrillic letter nor a space or comma is found in a blanked character. Asked by position,
    so no blanked copy of the text is made (it was two copies of a big file at once)."""

    def __init__(self, spans: list[Span], size: int) -> None:
        ordered = sorted(span for span in spans if len(span))
        self._starts = [span.start for span in ordered]
        self._reach = list(itertools.accumulate((span.end for span in ordered), max))
        self._size = size

    def last_before(self, offset: int) -> int:
        """The last blanked position before `offset`, or -1."""
        i = bisect.bisect_left(self._starts, offset)
        return min(self._reach[i - 1], offset) - 1 if i else -1

    def first_from(self, offset: int) -> int:
        """The first blanked position at or after `offset`, or the text's length."""
        i = bisect.bisect_right(self._starts, offset)
        if i and self._reach[i - 1] > offset:
            return offset
        return self._starts[i] if i < len(self._starts) else self._size


class _Overlaps:
    """Whether a span overlaps any of `spans`, by bisection: compared one by one, a long
    file's many fragments against its many fixes were quadratic."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [span.start for span in ordered]
        self._reach = list(itertools.accumulate((span.end for span in ordered), max))

    def __call__(self, span: Span) -> bool:
        i = bisect.bisect_left(self._starts, span.end)  # those starting before it ends
        return i > 0 and self._reach[i - 1] > span.start


def _by_rule(text: str, sparse: bool) -> Iterator[Finding]:
    for match in _dates(text, sparse):
        month = MONTHS_EN[month_ru(match.group("month")) - 1]
        day, year = match.group("day"), match.group("year")
        english = month + (f" {int(day)}" if day else "")
        if year:
            english += f", {year}" if day else f" {year}"
        yield _fix("untranslated/date", match, english, "Date left in Russian")
    for match in _AMOUNT.finditer(text):
        number = float(match.group("number").replace(",", ".")) * _scale(match.group("scale"))
        english = _amount(number)
        unit = match.group("unit")
        if unit:
            english += " " + _UNITS[unit.strip()[:3].lower()]
        yield _fix("untranslated/number", match, english, "Amount left in Russian")
    for match in _UNIT_ONLY.finditer(text):
        english = f"{match.group('number').replace(',', '.')} " \
                  f"{_UNIT_EN[match.group('unit').lower()]}"
        yield _fix("untranslated/number", match, english, "Unit left in Russian")


def _scale(word: str) -> float:
    low = word.lower()
    if low.startswith("тыс"):
        return 1e3
    return 1e9 if low.startswith(("млрд", "миллиард")) else 1e6


def _amount(number: float) -> str:
    """2000 → "2,000"; 1500000 → "1.5 million": how English news writes these amounts."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if number >= size:
            return f"{canonical(number / size)} {word}"
    if number == int(number):
        return f"{int(number):,}"
    return canonical(number)


def _fix(rule: str, match: re.Match[str], english: str, message: str) -> Finding:
    if match.group().endswith(".") and _ENDS_SENTENCE.match(match.string, match.end()):
        english += "."  # "3 млрд." closing a sentence: its dot was the full stop too
    return Finding(rule=rule, span=Span(match.start(), match.end()), severity=Severity.ERROR,
                   message=message, text=match.group(), suggestion=english, autofix=True)


def _fragment(text: str, fragment: str, span: Span) -> Finding:
    words = fragment.rstrip(".,:; ").split()
    # A lone capitalised word opening a line or sentence is as likely a caption as a name.
    opening = _opens(text, span.start)
    if (len(words) > 1 or not opening) and len(words) <= 3 \
            and all(w[:1].isupper() for w in words):
        from retranslate.language.russian import transliterate

        latin = transliterate(fragment)
        return Finding(rule="untranslated/name", span=span, severity=Severity.WARNING,
                       message=f"Name left in Cyrillic; transliterated it reads “{latin}”",
                       text=fragment, suggestion=latin, autofix=False)
    return Finding(rule="untranslated/text", span=span, severity=Severity.WARNING,
                   message="Text left in Russian; it needs translating", text=fragment)


def _opens(text: str, at: int) -> bool:
    """Whether `at` opens the text, a line or a sentence, spaces and tabs aside: looked for
    backwards from `at`, never by cutting the text before it (quadratic on one long line)."""
    before = at
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return before == 0 or text[before - 1] in "\n.!?"


def _with_evidence(ctx: CheckContext, finding: Finding) -> Finding:
    if ctx.source is None:
        return finding
    found = ctx.source_for(finding.span.start)
    if found is None or not found[1].reliable:
        return finding
    from dataclasses import replace

    return replace(finding, evidence=found[0])


CHECK = Check(
    name="untranslated",
    rules=("untranslated/date", "untranslated/number", "untranslated/name", "untranslated/text",
           "untranslated/transliterated"),
    run=run,
    description="Cyrillic left in the English: dates and amounts fixed by rule, the rest reported",
)
