"""The capitals check's rules for capitals MT took off or put on, found from local evidence.

- names: a given name lowered before a capitalised word ("General albert Pike"), a rare word
  lowered after a capitalised given name ("Donald trump"; never a verb or a plural: "Maria
  nodded"), and a word the list lacks lowered where the text capitalises it mid-sentence
  elsewhere ("jail tikhanovski" beside "of Tikhanovski").
- march: "the March of demonstrators", "began the March on the sidewalk" are a march (марш),
  not the month, where a lower-case preposition phrase follows; "the March on Washington" and
  "the March of Dimes" are names, "the March of last year" the month.
- common nouns: a common word capitalised after a mid-sentence article ("However, the Riot
  police managed", "the Museum and"), where the text writes the word in lower case elsewhere
  and capitalises it at most twice. Not a defined term ("the Term" with "Term" in quotes),
  not before "of" or "for" ("the State of New York"), not an adjective names are made of
  ("the Left front" is Left Front), nor an institution native news capitalises ("the Court").
- sentence starts: a paragraph, or a sentence after a full stop, opening with a lower-case
  common word ("however, he urged"); not after abbreviations ("e.g. the", "approx. three"), in
  lists, code or short lines. A paragraph's opening is fixed, a sentence's only reported.
Each pattern starts with a literal or a narrow class, so the engine skips most of the text;
the given names are looked for only when the text's words include one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from retranslate.language import english, vocabulary
from retranslate.language.given_names import GIVEN_NAMES
from retranslate.models import Document, Finding, Severity, Span

Readable = Callable[[Document, Span], bool]

COMMON = 5000  # a word at least this frequent in the list is no rare surname
_PARTICLES = frozenset(["and", "van", "von", "der", "den", "del", "della", "de", "da", "di",
                        "bin", "ibn", "al", "le", "la", "el", "das", "dos", "ter", "ten"])
_VERB_OR_PLURAL = ("ed", "ing", "s", "ly")
_ABBREVIATIONS = frozenset(["etc", "approx", "incl", "excl", "esp", "dept", "govt", "misc",
                            "resp", "ibid", "viz", "cca", "circa", "est", "ref", "vol", "vols",
                            "ver", "rev", "sec", "min", "max", "avg", "fig", "figs", "nos",
                            "sq", "ft", "lbs", "oz", "mln", "bln", "thous", "cit", "op"])
_EDGE = "'’-"
_MID = frozenset("abcdefghijklmnopqrstuvwxyz,;")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your|no)[ \t]+$")
_NEXT_WORD = re.compile(r" (?P<word>[A-Za-z][a-z]{2,})(?![\w'’-])")
_MARCH = re.compile(r" March (?:of|on|to|through|along|from|against|towards?|dedicated|"
                    r"in support) (?!(?:last|this|next|that|each|every|the year)\b)(?=[a-z])")
_ARTICLE_CAPITAL = re.compile(r" (?:the|an?) (?P<word>[A-Z][a-z]{2,}) (?P<next>[a-z]+)\b")
_NAME_WORDS = frozenset("""left right new old red green white black blue north south east west
    great little united national central federal royal free popular democratic liberal grand
    court senate house congress parliament government church state crown union council board
    assembly commission committee department ministry agency navy army party bank treasury
    cabinet president pope queen king prince bureau office city republic kingdom empire
    university college school""".split())  # noqa: SIM905
_LINE_END = re.compile(r"\r\n|\r|\n")
_LF = re.compile(r"\n")
_PARAGRAPH_START = re.compile(r"\n(?:[ \t]*\n)?(?P<word>[a-z]{3,})(?=[ ,])")
_SENTENCE_START = re.compile(r"\. (?P<word>[a-z]{3,})(?=[ ,])")


class Lines:
    """What the rules ask of a line (heading? code? its length, words, last character), worked
    out once per line: a one-line file of megabytes must not be re-read for every candidate."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Without a CR every line ends at an LF, which the engine finds as a literal.
        ends = _LF if "\r" not in text else _LINE_END
        self._ends = [m.start() for m in ends.finditer(text)]
        self._facts: dict[int, tuple[bool, int, int, str]] = {}

    def facts(self, offset: int) -> tuple[bool, int, int, str]:
        """(heading or code, characters, words up to 6, last non-space character)."""
        index = bisect.bisect_left(self._ends, offset)
        if index not in self._facts:
            start = self._ends[index - 1] + 1 if index else 0
            if start < len(self.text) and self.text[start - 1:start + 1] == "\r\n":
                start += 1
            end = self._ends[index] if index < len(self._ends) else len(self.text)
            # A long line is the one english.line_at has cut out for every check (a one-line
            # text is its own line, not copied at all): one copy of it per check was 2 bytes
            # per character each.
            line = (english.line_at(self.text, start) if end - start >= english.LONG_LINE
                    else self.text[start:end])
            skipped = english.is_heading(line) or english.looks_like_code(line)
            self._facts[index] = (skipped, len(line), _words_up_to_seven(line),
                                  _last_visible(line))
        return self._facts[index]


def _words_up_to_seven(line: str) -> int:
    """`len(line.split(None, 6))`, without the copy of a long line's rest that it makes."""
    if len(line) < english.LONG_LINE:
        return len(line.split(None, 6))
    count = 0
    for _ in _NON_SPACE_RUN.finditer(line):
        count += 1
        if count == 7:
            break
    return count


_NON_SPACE_RUN = re.compile(r"\S+")  # str.split()'s words: \s is what str.isspace() calls space


def _last_visible(line: str) -> str:
    """`line.rstrip()[-1:]`, without copying a long line."""
    end = len(line)
    while end and line[end - 1].isspace():
        end -= 1
    return line[end - 1:end]


@lru_cache(maxsize=1)
def lines(text: str) -> Lines:
    return Lines(text)


def words(text: str) -> frozenset[str]:
    """The text's distinct words, stripped of punctuation: one split, shared by the checks."""
    return vocabulary.of_text(text).words


def common_nouns(document: Document, readable: Readable,
                 defined: Callable[[str, str], bool]) -> Iterator[Finding]:
    text = document.text
    present = words(text)
    judged: dict[str, bool] = {}
    for match in _ARTICLE_CAPITAL.finditer(text):
        word, following = match.group("word"), match.group("next")
        if following in ("of", "for") or text[match.start() - 1:match.start()] not in _MID:
            continue
        if word not in judged:
            lower = word.lower()
            judged[word] = lower not in _NAME_WORDS and english.count(lower) >= COMMON \
                and any(form in present for form in (lower, lower + "s", lower + "es")) \
                and text.count(word) <= 2 and not defined(text, word)
        if not judged[word]:
            continue
        span = Span(match.start("word"), match.end("word"))
        if readable(document, span):
            yield Finding(rule="capitals/mid-sentence", span=span, severity=Severity.WARNING,
                          message=f"“{word}” is a common word here; the text writes it in "
                                  f"lower case elsewhere", text=word, suggestion=word.lower(),
                          autofix=False)


def names(document: Document, readable: Readable, closed: frozenset[str]) -> Iterator[Finding]:
    text = document.text
    not_names = closed | _PARTICLES
    seen: set[int] = set()
    present = words(text)
    given = sorted(w for w in present if w.lower() in GIVEN_NAMES) \
        if not GIVEN_NAMES.isdisjoint(vocabulary.of_text(text).lower_words) else []
    if given:
        pattern = re.compile("|".join(re.escape(w) for w in given) + r"(?= )")
        for match in pattern.finditer(text):
            if _inside_word(text, match.start()):
                continue
            following = _NEXT_WORD.match(text, match.end())
            if following is None:
                continue
            first, second = match.group(), following.group("word")
            if first[0].islower() and second[0].isupper() and english.count(first) < COMMON \
                    and not _opens_sentence(text, match.start()):
                start, written = match.start(), first
            elif first[0].isupper() and second[0].islower() and second not in not_names \
                    and not second.endswith(_VERB_OR_PLURAL) and english.count(second) < COMMON:
                start, written = following.start("word"), second
            else:
                continue
            seen.add(start)
            yield from _lowered(document, readable, start, written)
    # Only a word the list lacks: "the Electoral Commission" beside "electoral" is a title.
    # Looked for only where the text's words hold it in lower case at all.
    wanted = sorted({w.lower() for w in vocabulary.of_text(text).mid_capitals
                     if w.lower() in present and w.lower() not in not_names
                     and english.count(w) == 0})
    if not wanted:
        return
    lowered = re.compile("|".join(re.escape(w) for w in wanted))
    for match in lowered.finditer(text):
        start = match.start()
        if start in seen or _inside_word(text, start) or _inside_word(text, match.end(), True) \
                or _DETERMINER_BEFORE.search(text, max(0, start - 5), start):
            continue
        yield from _lowered(document, readable, start, match.group())


def march(document: Document, readable: Readable) -> Iterator[Finding]:
    text = document.text
    for match in _MARCH.finditer(text):
        before = text[max(0, match.start() - 4):match.start()]
        if not (before.endswith((" the", "\nthe", " a", "\na")) or before in ("the", "a")):
            continue
        span = Span(match.start() + 1, match.start() + 6)
        if readable(document, span):
            yield Finding(rule="capitals/mid-sentence", span=span, severity=Severity.WARNING,
                          message="“March” here is a march (a procession), not the month",
                          text="March", suggestion="march", autofix=False)


def sentence_starts(document: Document, readable: Readable) -> Iterator[Finding]:
    text = document.text
    starts = [(m, True) for m in _PARAGRAPH_START.finditer(text)
              if m.group().count("\n") == 2 or text[m.start() - 1:m.start()] in ".!?\"”"]
    first = re.match(r"(?P<word>[a-z]{3,})(?=[ ,])", text)
    if first:
        starts.insert(0, (first, True))
    starts += [(m, False) for m in _SENTENCE_START.finditer(text)
               if text[max(0, m.start() - 3):m.start()].isalpha()
               and text[max(0, m.start() - 3):m.start()].islower()]
    for match, paragraph in starts:
        word, start = match.group("word"), match.start("word")
        if word in _PARTICLES or not english.is_word(word, COMMON):
            continue  # "de Gaulle", "van Gogh"; a rare word may be a brand or an identifier
        if not paragraph:
            previous = text[max(0, start - 20):start - 2].rsplit(None, 1)[-1:]
            if not previous or previous[0].lower() in _ABBREVIATIONS \
                    or not english.is_word(previous[0], english.RARE):
                continue
        _, length, count, last = lines(text).facts(start)
        if count < 6 or (length < 80 and last not in ".!?\"”»’:;,"):
            continue  # a list entry, a caption, a label
        span = Span(start, start + len(word))
        if readable(document, span):
            where = "A paragraph" if paragraph else "A sentence"
            yield Finding(rule="capitals/sentence-start", span=span, severity=Severity.WARNING,
                          message=f"{where} opens with a lower-case “{word}”", text=word,
                          suggestion=word.capitalize(), autofix=paragraph)


def _inside_word(text: str, at: int, after: bool = False) -> bool:
    """Whether a letter (or an apostrophe, hyphen, dot) touches `at` from outside the match."""
    near = text[at:at + 1] if after else text[at - 1:at] if at else ""
    return bool(near) and (near.isalnum() or near in _EDGE or (not after and near in ".@/#"))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t")
    return not before or before[-1] in ".!?\n"


def _lowered(document: Document, readable: Readable, start: int,
             written: str) -> Iterator[Finding]:
    span = Span(start, start + len(written))
    if readable(document, span):
        yield Finding(rule="capitals/proper-noun", span=span, severity=Severity.WARNING,
                      message=f"“{written}” is part of a name here; names take a capital",
                      text=written, suggestion=written.capitalize(), autofix=False)
