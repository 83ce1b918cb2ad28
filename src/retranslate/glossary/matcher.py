"""One compiled automaton for every surface form of every entry: one pass per file.

Text and patterns are lower-cased, apostrophes unified and whitespace runs collapsed, so that
matching is case-insensitive and multi-word terms match across any whitespace or line break.
Aho-Corasick (ahocorasick-rs, Rust) finds every candidate; Python only looks at the candidates,
checks word boundaries and keeps the leftmost-longest ones that do not overlap.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ahocorasick_rs

from retranslate.glossary.inflect import Form, surface_forms
from retranslate.glossary.model import Entry

_FOLD = str.maketrans({
    **{c: " " for c in "\t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"},
    **{chr(c): " " for c in range(0x2000, 0x200B)},
    "’": "'", "ʼ": "'", "‘": "'",
})
_RUN = re.compile(r" {2,}")
SHADOW = -1  # a pattern that is correct English: it hides shorter wrong forms inside it


@dataclass(frozen=True)
class Candidate:
    """What a surface form means: which entry (or SHADOW) and in which form."""

    entry: int
    form: Form


@dataclass(frozen=True)
class RawMatch:
    start: int
    end: int
    candidates: tuple[Candidate, ...]


def fold(text: str) -> str:
    """Lower-case, unify apostrophes and spaces, keeping every character's index."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower-case to two; keep those as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def _normalise_pattern(surface: str) -> str:
    return " ".join(fold(surface).split())


class Matcher:
    """Finds every entry's wrong forms (and shadows) in a text."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        meanings: dict[str, list[Candidate]] = {}
        for index, entry in enumerate(entries):
            for wrong in entry.wrong:
                for surface, form in surface_forms(wrong, entry.inflect):
                    meanings.setdefault(_normalise_pattern(surface), []).append(
                        Candidate(index, form))
            for phrase in (*entry.accept, *entry.ignore):
                meanings.setdefault(_normalise_pattern(phrase), []).insert(
                    0, Candidate(SHADOW, Form()))
        self.patterns = [p for p in meanings if p]
        self._meanings = [tuple(meanings[p]) for p in self.patterns]
        self._automaton = (ahocorasick_rs.AhoCorasick(self.patterns) if self.patterns else None)

    def find(self, text: str) -> list[RawMatch]:
        if self._automaton is None or not text:
            return []
        folded = fold(text)
        collapsed, to_original = _collapse(folded)
        hits = self._automaton.find_matches_as_indexes(collapsed, overlapping=True)
        if not hits:
            return []
        hits.sort(key=lambda h: (h[1], h[1] - h[2]))
        found: list[RawMatch] = []
        last_end = -1
        size = len(collapsed)
        for pattern, start, end in hits:
            if start < last_end:
                continue
            if (start > 0 and _is_word(collapsed[start - 1])) or \
                    (end < size and _is_word(collapsed[end])):
                continue
            last_end = end
            meaning = self._meanings[pattern]
            if meaning[0].entry == SHADOW:
                continue
            found.append(RawMatch(to_original(start), to_original(end - 1) + 1, meaning))
        return found


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _collapse(folded: str) -> tuple[str, Callable[[int], int]]:
    """Collapse runs of spaces to one, with a map from collapsed offsets back to the original."""
    runs = [(m.start(), m.end()) for m in _RUN.finditer(folded)]
    if not runs:
        return folded, _identity
    breaks: list[int] = []
    shifts: list[int] = []
    removed = 0
    for start, end in runs:
        breaks.append(start - removed + 1)
        removed += end - start - 1
        shifts.append(removed)
    return _RUN.sub(" ", folded), _OffsetMap(breaks, shifts)


class _OffsetMap:
    def __init__(self, breaks: list[int], shifts: list[int]) -> None:
        self._breaks = breaks
        self._shifts = shifts

    def __call__(self, index: int) -> int:
        k = bisect.bisect_right(self._breaks, index) - 1
        return index + (self._shifts[k] if k >= 0 else 0)


def _identity(index: int) -> int:
    return index
