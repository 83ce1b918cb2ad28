"""Russian typography carried into English: quotes, number formats, and abbreviations.

- «guillemets» and „low quotes“ become the quotes the file itself uses: curly “ ” unless the
  file writes more straight double quotes than curly ones. A quote nested inside guillemets
  („…“ within «…») becomes a single quote, as English nests them.
- A decimal comma ("1,5 thousand") becomes a full stop, only before a scale word, a unit or a
  per cent sign, and only with one or two digits after the comma: "1,500" is a thousand and
  a half in English and stays. A decimal comma with exactly two digits beside a number
  written with a decimal point ("42,02 and 45.67 rubles") is reported with the full stop as
  a suggestion; so is MT's spaced form before a scale word ("4, 1 thousand",
  «4,1 тыс.»), unless it follows a list of numbers ("2, 3, 4 thousand").
- A space between digit groups ("10 000") becomes a comma. The first group must have two or
  three digits, or the space be a no-break one, or the number have three groups, so "on day
  3 100 people" is left alone while "1 200 000" is read; a
  thin space is the SI's own separator and also stays. Runs that touch more digits (phone
  numbers, codes) are left alone.
- "г." / "гг." after a year is dropped; "руб.", "коп.", "долл." after a number become words,
  and "№" becomes "No.".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retranslate.checks import Check, CheckContext
from retranslate.language.text_index import anchored
from retranslate.models import Document, Finding, Severity, Span

_RUSSIAN_QUOTES = re.compile(r"[«»„]")
_LOW_PAIR = re.compile(r"„(?P<inner>[^„“”\"\n]{0,400}?)(?P<close>[“”\"])")
_SCALE = (r"(?:thousand|million|billion|trillion|percent|per\s+cent|%|times|km|kg|m|cm|mm|ha|"
          r"hours?|minutes?|seconds?|days?|weeks?|months?|years?|degrees?|°|points?|"
          r"rubles?|roubles?|tenge|dollars?|euros?|hryvnias?|kilometers?|kilometres?|"
          r"meters?|metres?|tons?|tonnes?|liters?|litres?|sq\.?)")
_DECIMAL_COMMA = re.compile(rf"(?<![\d,.])(?P<int>\d{{1,3}}),(?P<frac>\d{{1,2}})(?![\d,])"
                            rf"(?P<gap>\s?)(?={_SCALE}(?![A-Za-z]))")
_TWO_DIGIT_COMMA = re.compile(r"(?<![\d,.])(?P<int>\d{1,3}),(?P<frac>\d{2})(?![\d,]|\.\d)")
_SPACED_COMMA = re.compile(r"(?<![\d,.])(?P<int>\d{1,3}), (?P<frac>\d)[ \t]+"
                           r"(?P<scale>thousand|million|billion)s?\b")
_COMMA_DIGIT = re.compile(r",\d")
_COMMA_SPACE_DIGIT = re.compile(r", \d")
_SPACED_GROUP = re.compile(r"[ \u00a0]\d\d\d")
_DOT_DECIMAL = re.compile(r"\d\.\d{2}(?!\d)")
_NEARBY = 60  # characters either side where a "45.67" shows that "42,02" is a decimal too
_LIST_BEFORE = re.compile(r"\d[ \t]*,[ \t]*$")
_GROUPS = re.compile(r"(?<![\d,.+])(?P<first>\d{1,3})(?:(?P<sep>[ \u00a0])\d{3})+(?![\d,.])")
_YEAR_MARK = re.compile(r"(?<!\d)(?P<year>(?:1[89]|20)\d\d(?:\s*[–—-]\s*(?:1[89]|20)\d\d)?)"
                        r"(?P<gap>[ \u00a0]?)(?P<mark>гг?\.)")
_MONEY = re.compile(r"(?<=\d)(?P<gap>[ \u00a0]?)(?P<abbr>руб\.|коп\.|долл\.)")
_MONEY_WORDS = {"руб.": "rubles", "коп.": "kopecks", "долл.": "dollars"}
_NUMERO = re.compile(r"№[ \u00a0]?(?=\d)")
_CYRILLIC_BEFORE = re.compile(r"[А-Яа-яЁё][\s,.]*$")
_SENTENCE_END = re.compile(r"[ \t]*(?:$|\r|\n|[A-Z\"“«(])")


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    text = document.text
    if text.isascii():
        yield from _numbers(document)
        return
    if _RUSSIAN_QUOTES.search(text):
        yield from _quotes(document)
    yield from _numbers(document)
    yield from _abbreviations(document)


def _finding(document: Document, span: Span, rule: str, replacement: str, message: str,
             autofix: bool = True) -> Iterator[Finding]:
    if document.in_prose(span):
        yield Finding(rule=rule, span=span,
                      severity=Severity.ERROR if autofix else Severity.WARNING,
                      message=message, text=document.text[span.start:span.end],
                      suggestion=replacement, autofix=autofix)


def _quote_style(text: str) -> tuple[str, str]:
    straight = text.count('"')
    curly = text.count("“") + text.count("”")
    return ('"', '"') if straight > curly else ("“", "”")


def _quotes(document: Document) -> Iterator[Finding]:
    text = document.text
    opening, closing = _quote_style(text)
    depth = 0
    for match in _RUSSIAN_QUOTES.finditer(text):
        mark = match.group()
        if mark == "«":
            depth += 1
            yield from _finding(document, Span(match.start(), match.end()),
                                "typography/guillemets", opening if depth == 1 else "‘",
                                "Russian guillemets; English uses quotation marks")
        elif mark == "»":
            yield from _finding(document, Span(match.start(), match.end()),
                                "typography/guillemets", closing if depth <= 1 else "’",
                                "Russian guillemets; English uses quotation marks")
            depth = max(0, depth - 1)
        else:
            yield from _low_quote(document, match.start(), depth > 0, (opening, closing))


def _low_quote(document: Document, start: int, nested: bool,
               style: tuple[str, str]) -> Iterator[Finding]:
    opening, closing = ("‘", "’") if nested else style
    message = "Russian low opening quote; English opens quotations high"
    yield from _finding(document, Span(start, start + 1), "typography/low-quotes", opening,
                        message)
    pair = _LOW_PAIR.match(document.text, start)
    if pair is not None and pair.group("close") != closing and pair.group("close") == "“":
        # „…“ closes with what English uses to open; only that mark is surely the closer.
        at = pair.start("close")
        yield from _finding(document, Span(at, at + 1), "typography/low-quotes", closing,
                            f"Closing quote of a Russian „…“ pair; English closes with {closing}")


def _numbers(document: Document) -> Iterator[Finding]:
    text = document.text
    if "," in text:
        for match in _anchored(_DECIMAL_COMMA, text, _COMMA_DIGIT):
            span = Span(match.start(), match.end("frac"))
            fixed = f"{match.group('int')}.{match.group('frac')}"
            yield from _finding(document, span, "typography/decimal-comma", fixed,
                                f"Decimal comma in “{match.group('int')},{match.group('frac')}”; "
                                f"English writes “{fixed}”")
        yield from _loose_decimal_commas(document)
    for match in _anchored(_GROUPS, text, _SPACED_GROUP):
        separators = {m for m in match.group()[len(match.group("first")):] if not m.isdigit()}
        if len(separators) != 1:
            continue
        no_break = separators == {"\u00a0"}
        if len(match.group("first")) < 2 and not no_break and len(match.group()) < 9:
            continue  # "on day 3 100 people": two numbers, not one ("1 200 000" is one)
        if _touches_digits(text, match.start(), match.end()):
            continue
        fixed = re.sub(r"[ \u00a0]", ",", match.group())
        yield from _finding(document, Span(match.start(), match.end()),
                            "typography/thousands-space", fixed,
                            f"Space between digit groups in “{match.group()}”; "
                            f"English writes “{fixed}”")


def _loose_decimal_commas(document: Document) -> Iterator[Finding]:
    """The decimal commas reported, not fixed: a two-digit fraction before no scale word, and
    the comma with a space after it before one."""
    text = document.text
    for match in _anchored(_TWO_DIGIT_COMMA, text, _COMMA_DIGIT):
        if _DECIMAL_COMMA.match(text, match.start()) or not _DOT_DECIMAL.search(
                text, max(0, match.start() - _NEARBY), match.end() + _NEARBY):
            continue  # fixed above; or no dot decimal beside it to show it is one
        fixed = f"{match.group('int')}.{match.group('frac')}"
        yield from _finding(document, Span(match.start(), match.end()),
                            "typography/decimal-comma", fixed,
                            f"“{match.group()}” is no English number; with a decimal comma "
                            f"it is “{fixed}”", autofix=False)
    for match in _anchored(_SPACED_COMMA, text, _COMMA_SPACE_DIGIT):
        if _LIST_BEFORE.search(text, max(0, match.start() - 4), match.start()):
            continue
        fixed = f"{match.group('int')}.{match.group('frac')} {match.group('scale')}"
        yield from _finding(document, Span(match.start(), match.end()),
                            "typography/decimal-comma", fixed,
                            f"“{match.group()}” is a Russian decimal comma (“{fixed}”)",
                            autofix=False)


def _anchored(pattern: re.Pattern[str], text: str,
              finder: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where `finder` (a search led by a literal, which
    the engine scans for fast) hits, from the number's first digit: the patterns open with
    a look-behind and a digit, which the engine would try at every character."""
    return anchored(pattern, text, finder, _digits_before)


def _digits_before(text: str, at: int) -> int:
    """Where the up to three digits before `at` start."""
    start = at
    while start > 0 and text[start - 1].isdigit() and at - start < 3:
        start -= 1
    return start


def _touches_digits(text: str, start: int, end: int) -> bool:
    """Whether a digit stands one space before or after: phone numbers, codes, tables."""
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    return bool(re.fullmatch(r"\d[ \u00a0\-]", before) or re.fullmatch(r"[ \u00a0\-]\d", after))


def _abbreviations(document: Document) -> Iterator[Finding]:
    text = document.text
    # Each pattern needs its Russian letters as written (none is case-blind): where they are
    # absent, as in nearly all English news, the scan is skipped.
    for match in _YEAR_MARK.finditer(text) if "г." in text else ():
        if _CYRILLIC_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "7 января 2022 г.": a Russian date, which the untranslated check mends
        span = Span(match.start("gap"), match.end())
        # The abbreviation's full stop may also close the sentence.
        dot = "." if _SENTENCE_END.match(text, match.end()) else ""
        yield from _finding(document, span, "typography/year-abbreviation", dot,
                            f"Russian “{match.group('mark')}” (“year”) after "
                            f"{match.group('year')}; English writes the year alone")
    money = "руб." in text or "коп." in text or "долл." in text
    for match in _MONEY.finditer(text) if money else ():
        abbr = match.group("abbr")
        dot = "." if _SENTENCE_END.match(text, match.end()) else ""
        word = _MONEY_WORDS[abbr]
        yield from _finding(document, Span(match.start(), match.end()),
                            "typography/currency", f" {word}{dot}",
                            f"Russian abbreviation “{abbr}” left in English; it means {word}")
    for match in _NUMERO.finditer(text):
        yield from _finding(document, Span(match.start(), match.end()), "typography/numero",
                            "No. ", "The numero sign “№” is Russian; English writes “No.”")


CHECK = Check(
    name="typography",
    rules=("typography/guillemets", "typography/low-quotes", "typography/decimal-comma",
           "typography/thousands-space", "typography/year-abbreviation", "typography/currency",
           "typography/numero"),
    run=run,
    description="Russian quotes, number formats and abbreviations left in English text",
)
