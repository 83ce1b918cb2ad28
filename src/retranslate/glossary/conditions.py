"""When an entry applies: its compiled matcher and its document conditions (near, not_near).

Shared by the glossary check and by repair, which enforces the glossary on re-translated text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from retranslate.glossary.matcher import Matcher, compiled
from retranslate.glossary.model import Entry, Glossary
from retranslate.models import Span


def matcher_for(glossary: Glossary) -> Matcher:
    """One compiled matcher per glossary object: cached with the glossary, or built on first use."""
    return compiled(glossary)


@lru_cache(maxsize=4096)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def conditions_hold(entry: Entry, text: str, span: Span,
                    in_text: dict[tuple[str, ...], bool] | None = None) -> bool:
    """The entry's document conditions: a `near` word present, no `not_near` word.

    `in_text` remembers which word lists occur anywhere in `text` (window 0), so a long file
    with many matches is searched once per list, not once per match. A list none of whose
    words' first word occurs in the text at all (`_absent`) needs no regular expression.
    """
    if not entry.conditional:
        return True

    def present(words: tuple[str, ...]) -> bool:
        if _absent(words, text):
            return False
        if entry.window:
            lo, hi = max(0, span.start - entry.window), span.end + entry.window
            return _words_pattern(words).search(text, lo, hi) is not None
        if in_text is None:
            return _words_pattern(words).search(text) is not None
        if words not in in_text:
            in_text[words] = _words_pattern(words).search(text) is not None
        return in_text[words]

    if entry.near and not present(entry.near_words):
        return False
    return not (entry.not_near and present(entry.not_near))


# Characters outside ASCII that a case-blind search matches to ASCII letters (İ ı ſ, Kelvin).
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


class _FirstWords:
    """Which condition words' first words occur anywhere in a text, lower-cased, as substrings.

    A case-blind match of an ASCII word needs the word, lower-cased, inside the lower-cased text
    (unless the text has a character that folds onto ASCII, when nothing is ruled out). One
    automaton of every first word asked about so far scans the text once; a list that brings
    new words rebuilds it (at most once per list of a glossary) and the text is scanned again.
    """

    def __init__(self) -> None:
        self.words: dict[str, int] = {}
        self.automaton: Any = None
        self.text: str | None = None
        self.found: set[str] | None = None  # None: the text may fold onto ASCII

    def present(self, first_words: Iterable[str], text: str) -> bool:
        new = [w for w in first_words if w not in self.words]
        if new:
            for word in new:
                self.words[word] = len(self.words)
            self.automaton, self.text = None, None
        if self.text is not text:
            self._scan(text)
        return self.found is None or any(w in self.found for w in first_words)

    def _scan(self, text: str) -> None:
        self.text = text
        if any(c in text for c in _FOLDS_TO_ASCII):
            self.found = None
            return
        if self.automaton is None:
            import ahocorasick_rs

            self.automaton = ahocorasick_rs.BytesAhoCorasick(
                [w.encode() for w in self.words], matchkind=ahocorasick_rs.MatchKind.Standard)
        listed = list(self.words)
        hits = self.automaton.find_matches_as_indexes(text.lower().encode(), overlapping=True)
        self.found = {listed[i] for i in {hit[0] for hit in hits}}


_first_words = _FirstWords()


@lru_cache(maxsize=4096)
def _first_words_of(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """Each word's first word, lower-cased; None where one is not plain ASCII or is empty."""
    firsts = tuple(w.split()[0].lower() if w.split() else "" for w in words)
    return None if any(not f or not f.isascii() for f in firsts) else firsts


def _absent(words: tuple[str, ...], text: str) -> bool:
    """True only where no word of the list can occur in the text, case-blind."""
    firsts = _first_words_of(words)
    return firsts is not None and not _first_words.present(firsts, text)


def blocked(entry: Entry, text: str, span: Span,
             in_text: dict[tuple[str, ...], bool] | None = None) -> bool:
    """A `not_near` word within the entry's window."""
    return bool(entry.not_near) and not conditions_hold(
        dataclasses.replace(entry, near=()), text, span, in_text)
