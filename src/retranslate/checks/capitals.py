"""Capitals shifted onto the wrong word: "we will Remind", "it Should", "new York", "25 may".

English capitals carry meaning (names, titles, defined terms in contracts), so each rule asks
for evidence before it speaks, and headings and code lines are never read:
- capitals/mid-sentence: a word capitalised right after a lower-case word and followed by a
  lower-case one (a capital after it makes a name or a title: "Gone With the Wind").
  A closed-class word ("Should", "Their", "Because") is never a name: fixed, unless the text
  capitalises it so more than once (licences define "You" and "Your"). An open-class word
  is only reported: after a modal, auxiliary or subject pronoun ("we will Remind"), outside
  questions ("Where would Russia go?" inverts), when the list knows it as a common word and
  the text never capitalises it elsewhere; after an article or possessive ("the Riots
  began") only when the text writes the same phrase in lower case ("the riots") and the word
  capitalised just here, since "the Agreement shall" is how contracts name a defined term and
  "a Git repository" how READMEs name a tool whose commands are "git clone".
- capitals/proper-noun: a month after a day number ("25 may": "may" and "march" only where no
  verb can follow), a name from a short list of two-word names whose case is mixed ("new
  York", "Hong kong"; "white house" in lower case may be a house), and a two-word name the
  text itself writes capitalised ("Donald trump" beside "Donald Trump"), where
  the lowered word is rare as a common word ("airport" in "Almaty airport" is house style).
  A name is also lowered where the evidence is local: a given name lowered before a
  capitalised word ("General albert Pike"), a rare word lowered after a capitalised given name
  ("Donald trump", never a verb or a plural: "Maria nodded"), and a rare word the text
  capitalises mid-sentence elsewhere ("jail tikhanovski" beside "of Tikhanovski").
  A month after "the end of", "the beginning of" ("the end of may") is a month too; "the
  March of demonstrators" and "began the March on the sidewalk" are a march (марш), not the
  month, where a lower-case preposition phrase follows.
- capitals/sentence-start: a paragraph, or a sentence after a full stop, opening with a
  lower-case common word ("however, he urged"). Not after abbreviations ("e.g. the"), in
  lists, code or short lines; a paragraph's opening is fixed, a sentence's only reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from retranslate.checks import Check, CheckContext, lowered
from retranslate.language import english, vocabulary
from retranslate.models import Document, Finding, Severity, Span

_PAIR = re.compile(r"(?<![\w'’.-])(?P<prev>[a-z]+(?:['’][a-z]+)?) (?P<word>[A-Z][a-z]+)"
                   r"(?P<next>(?:['’]s)?(?:[ \t]+[\"“(]?(?P<after>[\w'’]+)|[ \t]*[,;.!?)]|"
                   r"[ \t]*$))", re.MULTILINE)
# Closed-class words: pronouns, modals, auxiliaries, determiners, prepositions, conjunctions.
# Left out because they are also names or titles: I, May, Will, Can, Do, No, Us, It, Her, Up,
# An (a surname), Said.
_CLOSED = frozenset("""he she we they them him me you who whom whose which what should would
    could must might shall is are was were been being has have had does did the this that these
    those some any every each both either neither its their our your his my of to in on at by
    for with from into onto about over under after before between through during without within
    against among toward towards and or but nor because although though while whether if than
    not also very just only even still already never always often too""".split())  # noqa: SIM905
# Not "not": "whether or not Path, Port and Discard" lists names.
_TRIGGERS = frozenset("""will would should could must might shall can cannot did does didn't
    doesn't won't wouldn't couldn't shouldn't we they he she you""".split())  # noqa: SIM905
# What follows a class or type named in technical prose: "the Header class", "a Node or Leaf".
_CODE_NOUNS = frozenset("""class classes object objects instance instances type types method
    methods function functions module modules attribute attributes exception exceptions error
    errors value values subclass constructor or and""".split())  # noqa: SIM905
# A paragraph naming identifiers (QuotedString, snake_case, calls) capitalises its classes.
_IDENTIFIER = re.compile(r"\b[A-Z]?[a-z]+[A-Z]\w*|\b[A-Z]{2,}[a-z]\w*|\w_\w|\w\(")
_PLURAL_SUBJECTS = frozenset({"we", "they", "you"})  # "we Americans": an apposition
_DETERMINERS = frozenset(["the", "a", "an", "this", "these", "those", "his", "her", "their",
                          "our", "its", "my", "your"])
_COMMON = lowered.COMMON
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# The day is "[12]?\d|3[01]" not after [\w.,-], written so as to start with the digit (a class
# the engine skips to) rather than a look-behind tried at every character.
_DAY_MONTH = re.compile(rf"(?P<day>\d(?<![\w.,-]\d)(?:(?<=[12])\d|(?<=3)[01])?)"
                        rf"(?:st|nd|rd|th)?[ \u00a0]"
                        rf"(?P<month>{_MONTHS})(?P<after>[ \u00a0]?(?:[,.;)]|\d{{4}}|$))?"
                        rf"(?![\w-])", re.MULTILINE)
# "the end of may": found from " of " (a literal the engine scans for), the word before checked.
_MONTH_PERIOD = re.compile(rf" of (?P<month>{_MONTHS})\b(?![-'’])")
_PERIODS = ("end", "beginning", "start", "middle", "half")
# "\b(?:on|since|until|from|by|of|in) (?P<month>…)" before a day or a year, found from the
# month (see _month_day) and read back to the preposition: the same months, found faster.
_MONTH_PREPOSITIONS = ("on", "since", "until", "from", "by", "of", "in")
_DAY_OR_YEAR = r"(?=[ \u00a0](?:[12]?\d|3[01])(?:st|nd|rd|th)?\b|[ \u00a0]\d{4}\b)"
_TWO_WORD_NAMES = ("New York", "New Delhi", "New Zealand", "New Jersey", "New Orleans",
                   "New Mexico", "New Hampshire", "Hong Kong", "Sri Lanka", "Saudi Arabia",
                   "United States", "United Kingdom", "United Nations", "Soviet Union",
                   "European Union", "North Korea", "South Korea", "South Africa", "White House",
                   "Red Square", "Middle East", "Los Angeles", "San Francisco", "Buenos Aires",
                   "Costa Rica", "Puerto Rico", "Sierra Leone", "Latin America", "Central Asia")
_MONTH_NAMES_IN_ORDER = tuple(_MONTHS.split("|"))
_MONTH_NAMES = frozenset(_MONTH_NAMES_IN_ORDER)
_CANONICAL = {n.lower(): n for n in _TWO_WORD_NAMES}
_NAME_PARTS = tuple((n, tuple(n.lower().split())) for n in _TWO_WORD_NAMES)
_SENTENCE_END = re.compile(r"[.!?]")
_TITLED_BIGRAM = re.compile(r"(?P<first>[A-Z][a-z]{2,}) (?P<second>[A-Z][a-z]{2,})(?![\w'’-])")
_BIGRAM_EDGE = re.compile(r"[\w'’-]")
_HEADING_LOOKS = 3  # occurrences of a bigram read for headings: enough to find one in prose


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    yield from _months(document)
    yield from _known_names(document)
    named = list(_names_in_text(document))
    yield from named
    # "Donald trump" beside "Donald Trump" is fixed above; the local evidence only adds others.
    taken = {f.span.start for f in named} | {f.span.start + f.text.find(" ") + 1 for f in named}
    yield from (f for f in lowered.names(document, _readable, _CLOSED | _DETERMINERS)
                if f.span.start not in taken)
    mid = list(_mid_sentence(document))
    yield from mid
    shifted = {f.span.start for f in mid}
    yield from (f for f in lowered.common_nouns(document, _readable, _defined)
                if f.span.start not in shifted)
    yield from lowered.march(document, _readable)
    yield from lowered.sentence_starts(document, _readable)


def _readable(document: Document, span: Span) -> bool:
    return document.in_prose(span) and not lowered.lines(document.text).facts(span.start)[0]


class _Counts:
    """How the text writes each capitalised word, counted in one pass when first asked, so a
    long file costs one scan, not one per candidate."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._mid: Counter[str] | None = None
        self._all: Counter[str] | None = None
        self._phrases: dict[tuple[str, str], int] = {}
        self._end: tuple[int, re.Match[str] | None] = (-1, None)

    def question(self, offset: int) -> bool:
        """Whether the first [.!?] at or after `offset` is a "?". The offsets come in order, so
        the last end found answers every offset up to it: a text without full stops is read
        once, not once per candidate."""
        since, end = self._end
        if not (since <= offset and (end is None or offset <= end.start())):
            end = _SENTENCE_END.search(self.text, offset)
            self._end = offset, end
        return end is not None and end.group() == "?"

    def mid_sentence(self, word: str) -> int:
        """How often `word` is capitalised after a lower-case word or a comma (not opening)."""
        if self._mid is None:
            self._mid = vocabulary.of_text(self.text).mid_capitals
        return self._mid[word]

    def anywhere(self, word: str) -> int:
        if self._all is None:
            self._all = vocabulary.of_text(self.text).capitalised
        return self._all[word]

    def lower_phrase(self, prev: str, lower: str) -> int:
        """How often "prev lower" is written all in lower case ("the riots")."""
        key = (prev, lower)
        if key not in self._phrases and f"{prev} {lower}" not in self.text:
            self._phrases[key] = 0  # a substring search rules most phrases out at once
        if key not in self._phrases:
            phrase = re.compile(rf"(?<![\w'’-]){re.escape(prev)} {re.escape(lower)}(?![\w'’-])")
            self._phrases[key] = len(phrase.findall(self.text))
        return self._phrases[key]


def _mid_sentence(document: Document) -> Iterator[Finding]:
    text = document.text
    counts = _Counts(text)
    for match in _pairs(text):
        prev, word, after = match.group("prev"), match.group("word"), match.group("after")
        if (after is not None and not after[0].islower()) or len(prev) < 2:
            continue  # a capital follows: a name or a title ("Gone With the Wind"); "x y This"
        span = Span(match.start("word"), match.end("word"))
        lower = word.lower()
        if lower in _CLOSED:
            # Licences define "You" and "Your" as terms and capitalise them every time; a
            # shift is a one-off slip.
            if counts.mid_sentence(word) == 1 and not _defined(text, word) \
                    and _readable(document, span):
                yield Finding(rule="capitals/mid-sentence", span=span, severity=Severity.ERROR,
                              message=f"“{word}” is capitalised mid-sentence; it is no name",
                              text=word, suggestion=lower, autofix=True)
            continue
        if _open_class_shifted(counts, match, prev, word) and _readable(document, span):
            yield Finding(rule="capitals/mid-sentence", span=span, severity=Severity.WARNING,
                          message=f"“{word}” is capitalised mid-sentence after “{prev}”, "
                                  f"though the text is not using it as a name", text=word,
                          suggestion=lower, autofix=False)


_PAIR_SPACE = re.compile(r" (?<=[a-z] )(?=[A-Z][a-z])")
_PREV_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'’")


def _pairs(text: str) -> Iterator[re.Match[str]]:
    r"""What `_PAIR.finditer(text)` gives, found from the space before the capital.

    A pair's first word is a run of [a-z'’] not after [\w'’.-], so from each space between a
    lower-case letter and a capital only the start of the run before it can begin a pair;
    the space is found as a literal, where `_PAIR` tried its look-behind at every character.
    """
    end = 0
    for space in _PAIR_SPACE.finditer(text):
        start = space.start()
        while start and text[start - 1] in _PREV_CHARS:
            start -= 1
        if start < end:
            continue  # inside the last pair, which finditer would have stepped past
        match = _PAIR.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def _open_class_shifted(counts: _Counts, match: re.Match[str], prev: str, word: str) -> bool:
    text = counts.text
    lower = word.lower()
    after = match.group("after")
    if after is None or after in _CODE_NOUNS or counts.mid_sentence(word) != 1:
        return False
    if prev in _TRIGGERS:
        if prev in _PLURAL_SUBJECTS and lower.endswith("s"):
            return False
        if english.count(lower) < _COMMON or counts.question(match.end()):
            return False
    elif prev in _DETERMINERS and after not in ("of", "for"):
        # The text must write the same phrase in lower case: "the riots" beside "the Riots".
        # A name written "git" in commands and "a Git repository" in prose has no such twin.
        if counts.anywhere(word) != 1 or counts.lower_phrase(prev, lower) < 1:
            return False
    else:
        return False
    return not _IDENTIFIER.search(_paragraph(text, match))


def _defined(text: str, word: str) -> bool:
    """Whether the text defines `word` as a term: '"You" (or "Your") shall mean'."""
    return re.search(rf"[\"“]{word}[\"”]", text) is not None


def _paragraph(text: str, match: re.Match[str]) -> str:
    """The paragraph around a match, at most a few lines either side (one-paragraph files)."""
    low, high = max(0, match.start() - 1500), match.end() + 1500
    start = text.rfind("\n\n", low, match.start())
    end = text.find("\n\n", match.end(), high)
    return text[start + 1 if start >= 0 else low:end if end >= 0 else high]




def _months(document: Document) -> Iterator[Finding]:
    text = document.text
    words = vocabulary.of_text(text)
    if words.words.isdisjoint(_MONTH_NAMES):
        return  # every rule here needs a month written in lower case
    dated = words.has_digit  # a day or a year
    for match in _DAY_MONTH.finditer(text) if dated else ():
        month = match.group("month")
        if month in ("may", "march") and match.group("after") is None \
                and not text[max(0, match.start() - 3):match.start()].endswith("on "):
            continue  # "about 25 may attend", "some 300 march on": verbs, not months
        yield from _month(document, match.start("month"), month)
    written = tuple(m for m in _MONTH_NAMES_IN_ORDER if m in text) if dated else ()
    for match in _month_day(written).finditer(text) if written else ():
        yield from _month(document, match.start("month"), match.group("month"))
    for match in _MONTH_PERIOD.finditer(text):
        if text[max(0, match.start() - 9):match.start()].endswith(_PERIODS):
            yield from _month(document, match.start("month"), match.group("month"))


@lru_cache(maxsize=64)
def _month_day(months: tuple[str, ...]) -> re.Pattern[str]:
    """A month of `months` after a preposition, before a day or a year. A month is no
    preposition's end, so no two such phrases overlap and starting from the month finds them
    all; months absent from the text are left out of the alternation, which cannot change it."""
    alternatives = "|".join(
        month + "(?:" + "|".join(rf"(?<=\b{p} {month})" for p in _MONTH_PREPOSITIONS) + ")"
        for month in months)
    return re.compile(rf"(?P<month>{alternatives}){_DAY_OR_YEAR}")


def _month(document: Document, start: int, month: str) -> Iterator[Finding]:
    span = Span(start, start + len(month))
    if _readable(document, span):
        yield Finding(rule="capitals/proper-noun", span=span, severity=Severity.ERROR,
                      message=f"Month “{month}” in a date; month names take a capital",
                      text=month, suggestion=month.capitalize(), autofix=True)


def _known_names(document: Document) -> Iterator[Finding]:
    lower = vocabulary.of_text(document.text).lower_words
    present = [n for n, parts in _NAME_PARTS if lower.issuperset(parts)]
    if not present:
        return
    known = re.compile(r"\b(?:" + "|".join(n.replace(" ", "[ \u00a0]") for n in present) + r")\b",
                       re.IGNORECASE)
    for match in known.finditer(document.text):
        written = match.group()
        first, second = written.split()[0], written.split()[-1]
        if first[0].isupper() == second[0].isupper():
            continue  # right, all capitals, or lower case ("a white house" is a house)
        canonical = _CANONICAL[" ".join(written.lower().split())]
        yield from _name(document, match.start(), written, canonical)


def _names_in_text(document: Document) -> Iterator[Finding]:
    text = document.text
    # Only a rare second word the text also writes in lower case can be a lowered name, so the
    # titled bigrams are narrowed to those before any line is read for headings.
    words = lowered.words(text)
    occurrences: dict[str, list[int]] = {}
    for m in _TITLED_BIGRAM.finditer(text):
        first, second = m.group("first"), m.group("second")
        if (m.start() and _BIGRAM_EDGE.match(text, m.start() - 1)) \
                or first.lower() in _CLOSED or first in english.SENTENCE_OPENERS \
                or second.lower() not in words or english.count(second) >= _COMMON:
            continue  # "In Almaty", "But Trump" open sentences: no part of a name
        starts = occurrences.setdefault(m.group(), [])
        if len(starts) < _HEADING_LOOKS:
            starts.append(m.start())
    index = lowered.lines(text)
    titled = {bigram for bigram, starts in occurrences.items()
              if not all(index.facts(s)[0] for s in starts)}
    titled -= set(_TWO_WORD_NAMES)
    if not titled:
        return
    # A look-ahead, so that "Later Donald" does not swallow the "Donald" of "Donald trump".
    variants = re.compile(r"(?<![\w'’-])(?=(?P<bigram>" + "|".join(re.escape(t) for t in
                                                                    sorted(titled))
                          + r")(?![\w'’-]))", re.IGNORECASE)
    for match in variants.finditer(text):
        written = match.group("bigram")
        first, second = written.split(" ")
        if not first[0].isupper() or second[0].isupper() or english.count(second) >= _COMMON:
            # Only a rare word lowered after a capitalised one ("Donald trump"): "Almaty
            # airport" beside "Almaty Airport", or "president Tokayev", are house style.
            continue
        canonical = next(t for t in titled if t.lower() == written.lower())
        yield from _name(document, match.start(), written, canonical)


def _name(document: Document, start: int, written: str, canonical: str) -> Iterator[Finding]:
    span = Span(start, start + len(written))
    if _readable(document, span):
        yield Finding(rule="capitals/proper-noun", span=span, severity=Severity.ERROR,
                      message=f"“{written}” is the name “{canonical}”; both words take a capital",
                      text=written, suggestion=canonical, autofix=True)


CHECK = Check(
    name="capitals",
    rules=("capitals/mid-sentence", "capitals/proper-noun", "capitals/sentence-start"),
    run=run,
    description="Capitals moved onto common words, or taken off names",
)
