"""When an entry applies: its compiled matcher and its document conditions (near, not_near).

Shared by the glossary check and by repair, which enforces the glossary on re-translated text.
A word list's truth is decided by one regular expression (`_words_pattern`); `Conditions` asks
it only where a list can occur at all: where a key word of one of its phrases is a substring of
the lower-cased text.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache

from retranslate.glossary.matcher import Matcher, compiled
from retranslate.glossary.model import Entry, Glossary
from retranslate.language import vocabulary
from retranslate.models import Span
from retranslate.patterns import has_case_blind_lookalike


def matcher_for(glossary: Glossary) -> Matcher:
    """One compiled matcher per glossary object: cached with the glossary, or built on first use."""
    return compiled(glossary)


@lru_cache(maxsize=4096)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _words_pattern_at_start(words: tuple[str, ...]) -> re.Pattern[str]:
    """_words_pattern without the look-behind: its match at the start of a slice of a text."""
    return re.compile(_words_pattern(words).pattern.replace(r"(?<!\w)", "", 1), re.IGNORECASE)


@lru_cache(maxsize=4096)
def _words_pattern_fast(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """_words_pattern for a text without CASE_BLIND_LOOKALIKES, opening with a class of the phrases'
    first letters in both cases, which the engine skips to (a case-blind pattern, or one that
    opens with a look-behind, is tried at every character: four times slower). The look-behind
    at the letter before comes after it, and each phrase checks, case-blind, that the letter
    taken is its own first. None where a phrase opens with a letter beyond ASCII, whose
    case-blind matches the class could miss."""
    firsts: list[str] = []
    alternatives = []
    for phrase in words:
        parts = phrase.split()
        if not parts or not parts[0][0].isascii():
            return None
        first = parts[0][0]
        firsts += [first.lower(), first.upper()]
        rest = r"\s+".join([re.escape(parts[0][1:]), *map(re.escape, parts[1:])])
        alternatives.append(f"(?<={re.escape(first)}){rest}")
    letters = "".join(re.escape(c) for c in sorted(set(firsts)))
    return re.compile(rf"[{letters}](?<!\w.)(?i:{'|'.join(alternatives)})(?!\w)")


@lru_cache(maxsize=4096)
def _key_words(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """One word of each phrase, lower-cased (its longest ASCII one), that any match of the phrase
    contains, case-blind; None where a phrase has no such word (nothing can be ruled out)."""
    keys = []
    for phrase in words:
        plain = [w.lower() for w in phrase.split() if w.isascii()]
        if not plain:
            return None
        keys.append(max(plain, key=len))
    return tuple(keys)


@lru_cache(maxsize=4096)
def _one_word_phrases(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The phrases that are one ASCII word, lower-cased, and the others as they are."""
    single = frozenset(w.lower() for w in words if _ONE_ASCII_WORD.fullmatch(w))
    return single, tuple(w for w in words if not _ONE_ASCII_WORD.fullmatch(w))


_ONE_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
# A paragraph break; an overlapping search for one (a break may start on another's last "\n").
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_BREAK_AT = re.compile(r"(?=\n[ \t]*\n)")


class Conditions:
    """One document's `near`/`not_near` answers for one glossary's entries.

    A list none of whose key words (`_key_words`) is in the text is ruled out by substring
    tests on the text's distinct tokens, lower-cased once, each key word tested once;
    a list that may occur is searched once for the whole text, or in the window around a match;
    paragraph breaks are listed once, so each look-up costs its window, never the whole text.
    """

    def __init__(self, glossary: Glossary, text: str,
                 in_text: dict[tuple[str, ...], bool] | None = None) -> None:
        self.text = text
        # Characters that case-blind matching folds onto ASCII letters: then no key word rules
        # anything out (nor may the first-letter patterns be used).
        self._folds = has_case_blind_lookalike(text)
        self._lowered: str | None = None
        self._key_in_text: dict[str, bool] = {}
        self._in_text = {} if in_text is None else in_text
        self._breaks: tuple[list[int], list[int]] | None = None

    def _possible(self, words: tuple[str, ...]) -> bool:
        """Whether some phrase's key word is a lower-cased substring of the text: a key word
        holds no whitespace, so it is one where it is a substring of one of the text's
        distinct tokens (the shared vocabulary's), which are much shorter to search."""
        if self._folds:
            return True
        keys = _key_words(words)
        return keys is None or any(self._has_key(k) for k in keys)

    def _has_key(self, key: str) -> bool:
        found = self._key_in_text.get(key)
        if found is None:
            if self._lowered is None:
                self._lowered = vocabulary.of_text(self.text).lower_joined
            found = self._key_in_text[key] = key in self._lowered
        return found

    def _present(self, words: tuple[str, ...], lo: int, hi: int | None) -> bool:
        """A word of the list in text[lo:hi] (hi None: anywhere in the text)."""
        if not self._possible(words):
            return False
        if hi is None:
            if words not in self._in_text:
                self._in_text[words] = self._anywhere(words)
            return self._in_text[words]
        return self._search(words, lo, hi)

    def _anywhere(self, words: tuple[str, ...]) -> bool:
        """`_search(words)` over the whole text. A phrase of one ASCII word is looked up among
        the text's lower-cased word runs instead: it matches, case-blind and between non-word
        characters, exactly where it is one (without a look-alike, which _folds rules out).
        A search of the whole text per list was a sixth of a default run on news."""
        single, longer = _one_word_phrases(words)
        if self._folds or not single:
            return self._search(words, 0, len(self.text))
        if not single.isdisjoint(vocabulary.of_text(self.text).lower_word_runs):
            return True
        return bool(longer) and self._search(longer, 0, len(self.text))

    def _search(self, words: tuple[str, ...], lo: int, hi: int) -> bool:
        """`_words_pattern(words).search(self.text, lo, hi) is not None`."""
        fast = None if self._folds else _words_pattern_fast(words)
        pattern = _words_pattern(words) if fast is None else fast
        return pattern.search(self.text, lo, hi) is not None

    def hold(self, entry: Entry, span: Span) -> bool:
        """conditions_hold(entry, text, span): a `near` word present, no `not_near` word."""
        if not entry.conditional:
            return True
        lo, hi = ((max(0, span.start - entry.window), span.end + entry.window) if entry.window
                  else (0, None))
        if entry.near and not self._present(entry.near_words, lo, hi):
            return False
        return not (entry.not_near and self._present(entry.not_near, lo, hi))

    def paragraph(self, span: Span) -> Span:
        """The paragraph around `span`: from the last break ending at or before its start to
        the first break starting at or after its end."""
        if self._breaks is None:
            self._breaks = ([m.end() for m in _PARAGRAPH_BREAK.finditer(self.text)],
                            [m.start() for m in _PARAGRAPH_BREAK_AT.finditer(self.text)])
        ends, starts = self._breaks
        i = bisect.bisect_right(ends, span.start) - 1
        k = bisect.bisect_left(starts, span.end)
        return Span(ends[i] if i >= 0 else 0, starts[k] if k < len(starts) else len(self.text))

    def blocked_in(self, entry: Entry, around: Span) -> bool:
        """blocked(entry, text[around], ...): a `not_near` word inside the slice `around`."""
        words = entry.not_near
        if not words or not self._possible(words):
            return False
        text, lo, hi = self.text, around.start, around.end
        return (_words_pattern_at_start(words).match(text, lo, hi) is not None
                or self._search(words, lo, hi))


def conditions_hold(entry: Entry, text: str, span: Span,
                    in_text: dict[tuple[str, ...], bool] | None = None) -> bool:
    """The entry's document conditions: a `near` word present, no `not_near` word.

    `in_text` remembers which word lists occur anywhere in `text` (window 0), so a long file
    with many matches is searched once per list, not once per match. A check asking about many
    entries builds one `Conditions` per document instead.
    """
    if not entry.conditional:
        return True
    return Conditions(Glossary((entry,)), text, in_text).hold(entry, span)


def blocked(entry: Entry, text: str, span: Span,
            in_text: dict[tuple[str, ...], bool] | None = None) -> bool:
    """A `not_near` word within the entry's window."""
    return bool(entry.not_near) and not conditions_hold(
        dataclasses.replace(entry, near=()), text, span, in_text)
