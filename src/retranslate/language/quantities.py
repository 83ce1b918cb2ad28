"""Numbers, times, dates and percentages in Russian and English text, in one comparable form.

Both the aligner (numbers are the strongest anchors two sentences share) and the numbers check
need the same reading of "23:00" = "11 pm", "2 тыс." = "2,000" = "two thousand", "3,5" = "3.5",
"7 января" = "January 7". A Quantity keeps where it was found, so a check can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retranslate.models import Span
from retranslate.patterns import CASE_BLIND_LOOKALIKES, compile_later, has_case_blind_lookalike

MONTHS_RU = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
# Any case of a Russian month name: января, январе, мая, марта, ...
MONTH_RU_PATTERN = (
    r"(?P<month>январ[ьяюе]|феврал[ьяюе]|марта?|марте|апрел[ьяюе]|ма[йяюе]|июн[ьяюе]"
    r"|июл[ьяюе]|августа?|августе|сентябр[ьяюе]|октябр[ьяюе]|ноябр[ьяюе]|декабр[ьяюе])")
_MONTH_EN = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May"
             r"|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?|Sept\.|Oct(?:ober|\.)?"
             r"|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")

_RU_SCALE = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9}
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "hundred": 1e2}
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen twenty")
_EN_WORDS: dict[str, float] = {w: i for i, w in enumerate(_UNITS.split())}
_EN_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                  "eighty": 80, "ninety": 90, "a": 1, "one and a half": 1.5})

_RU = compile_later(
    rf"""(?P<date>(?<!\d)(?P<day>[0-3]?\d)\s+{MONTH_RU_PATTERN}(?![а-яё]))
    | (?P<time>(?<![\d.,:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:]))
    | (?P<num>(?<![\d.,])\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d,])
              |(?<![\d.,])\d+(?:,\d+)?(?![\d]))
      (?:\s*(?P<scale>тыс|млн|млрд)(?:\.|[а-яё]*))?
      (?P<pct>\s*(?:%|процент))?
    """, re.VERBOSE | re.IGNORECASE)

_EN = compile_later(
    rf"""(?P<date>(?:(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH_EN.replace('month', 'month1')}
              |{_MONTH_EN}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)(?![\d:]))
    | (?P<time>(?<![\d.,:])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?
        (?:\s*(?P<ampm>[ap])\.?m\b\.?|(?<=\d\d:\d\d)|(?<=\d:\d\d))(?![\d:]))
    | (?P<num>(?<![\d.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?![\d])|(?P<word>\b(?:{
        '|'.join(sorted(_EN_WORDS, key=len, reverse=True))})\b))
      (?:\s+(?P<scale>hundred|thousand|million|billion)s?\b)?
      (?:(?:st|nd|rd|th)\b)?
      (?P<pct>\s*(?:%|percent\b|per\s+cent\b))?
    """, re.VERBOSE | re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number, time ("23:00"), date ("01-07", month-day) or percentage ("35%") in text."""

    span: Span
    kind: str
    value: str
    text: str


def canonical(number: float) -> str:
    """2000.0 → "2000", 3.5 → "3.5": one spelling per value."""
    if number == int(number):
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def russian(text: str) -> list[Quantity]:
    # Every alternative of the pattern starts with a digit: most sentences have none, and
    # finding that out is 30 times quicker than the scan.
    if _DIGIT.search(text) is None:
        return []
    return _russian(text)


def _russian(text: str) -> list[Quantity]:
    found = []
    for m in _RU.finditer(text):
        if m.group("date"):
            month = month_ru(m.group("month"))
            value = f"{month:02d}-{int(m.group('day')):02d}"
            found.append(Quantity(Span(m.start(), m.end()), "date", value, m.group()))
        elif m.group("time"):
            value = f"{int(m.group('h')):02d}:{m.group('m')}"
            found.append(Quantity(Span(m.start(), m.end()), "time", value, m.group()))
        else:
            digits = re.sub(r"[ \u00a0\u202f]", "", m.group("num")).replace(",", ".")
            number = float(digits)
            scale = m.group("scale")
            if scale:
                number *= _RU_SCALE[scale.lower()]
                _widen_range(text, found, _RU_SCALE[scale.lower()], m.start(), _RU_RANGE)
            kind = "percent" if m.group("pct") else "number"
            found.append(Quantity(Span(m.start(), m.end()), kind, canonical(number), m.group()))
    return found


# "от 1,5 до 25 тыс.", "50–60 тыс.", "from 1.5 to 25 thousand": the scale covers both ends.
_RU_RANGE = re.compile(r"\s*(?:[-–—]|до)\s*$")
_EN_RANGE = re.compile(r"\s*(?:[-–—]|to|and)\s*$")


def _widen_range(text: str, found: list[Quantity], scale: float, start: int,
                 joiner: re.Pattern[str]) -> None:
    if not found or found[-1].kind != "number" or not re.fullmatch(r"[\d.,]+", found[-1].text):
        return
    previous = found[-1]
    if joiner.match(text, previous.span.end, start):
        value = canonical(float(previous.value) * scale)
        found[-1] = Quantity(previous.span, previous.kind, value, previous.text)


def english(text: str) -> list[Quantity]:
    if not _may_hold_english(text):
        return []
    return _english(text)


_DIGIT = re.compile(r"\d")
_WORD_RUN = re.compile(r"\w+")
# The words that can begin a quantity without a digit: the number words but "a" (which counts
# only before a scale word, and is skipped otherwise), and the scale words.
_NUMBER_RUNS = frozenset(
    {w for w in _EN_WORDS if w != "a" and " " not in w}
    | {f"{scale}{s}" for scale in _EN_SCALE for s in ("", "s")})
# In a text with a look-alike, lower-casing is not the case-blind pattern's reading of it.
_LOOKALIKE_LETTERS = str.maketrans(CASE_BLIND_LOOKALIKES)


def _key(word: str) -> str:
    """A matched English word as the tables spell it: lower case, and a look-alike the
    case-blind pattern took for an ASCII letter ("ſeven") read as that letter."""
    return word.translate(_LOOKALIKE_LETTERS).lower()


def _may_hold_english(text: str) -> bool:
    """False only where `_english(text)` is surely empty: without a digit, every date and time
    alternative fails, and a number match is one of the number words standing alone
    (``\\b`` on both sides, so one whole run of word characters) or "a" before a scale word."""
    if _DIGIT.search(text) is not None or has_case_blind_lookalike(text):
        return True
    return not _NUMBER_RUNS.isdisjoint(_WORD_RUN.findall(text.lower()))


def _english(text: str) -> list[Quantity]:
    found = []
    for m in _EN.finditer(text):
        span = Span(m.start(), m.end())
        if m.group("date"):
            month = _month_en(m.group("month") or m.group("month1"))
            day = int(m.group("day1") or m.group("day2"))
            found.append(Quantity(span, "date", f"{month:02d}-{day:02d}", m.group()))
        elif m.group("time"):
            hour, minute = int(m.group("h")), m.group("m") or "00"
            ampm = _key(m.group("ampm") or "")
            if ampm and hour > 12:
                continue
            if ampm == "p" and hour != 12:
                hour += 12
            elif ampm == "a" and hour == 12:
                hour = 0
            found.append(Quantity(span, "time", f"{hour:02d}:{minute}", m.group()))
        else:
            word = m.group("word")
            if word and not m.group("scale") and _key(word) == "a":
                continue  # the article, not a number
            number = (_EN_WORDS[_key(word)] if word
                      else float(m.group("num").replace(",", "")))
            scale = m.group("scale")
            if scale:
                number *= _EN_SCALE[_key(scale)]
                _widen_range(text, found, _EN_SCALE[_key(scale)], m.start(), _EN_RANGE)
            kind = "percent" if m.group("pct") else "number"
            found.append(Quantity(span, kind, canonical(number), m.group()))
    return found


def month_ru(word: str) -> int:
    low = word.lower()
    for i, stem in enumerate(MONTHS_RU):
        if low.startswith(stem) and not (stem == "ма" and low.startswith("март")):
            return i + 1
    raise ValueError(word)


def _month_en(word: str) -> int:
    low = _key(word).rstrip(".")
    return next(i + 1 for i, name in enumerate(MONTHS_EN) if name.lower().startswith(low[:3]))
