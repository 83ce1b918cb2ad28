"""One compiled automaton for every surface form of every entry: one pass per file.

Text and patterns are lower-cased, apostrophes unified and whitespace runs collapsed, so that
matching is case-insensitive and multi-word terms match across any whitespace or line break.
Aho-Corasick (ahocorasick-rs, Rust) finds every candidate; Python only looks at the candidates,
checks word boundaries and keeps the leftmost-longest ones that do not overlap.

The scan runs on the folded UTF-8 bytes (about three times as fast as a str scan) with a
contiguous NFA (`_automaton_for` says why not a DFA); offsets turn into characters only for the
matches kept. The text is not collapsed as a whole: a pattern with single spaces matches
wherever words are one whitespace character apart, and each multi-word pattern also plants
"triggers", its prefixes up to a space. A trigger followed by a second whitespace character
marks the only places where a match could span a longer run; just those few windows are
collapsed and scanned again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retranslate.glossary.inflect import Form, surface_forms
from retranslate.glossary.model import Entry, Glossary
from retranslate.language.text_index import whitespace_pieces

if TYPE_CHECKING:
    import ahocorasick_rs

_SPACES = "\t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B))
_APOSTROPHES = "’ʼ‘"
_FOLD = str.maketrans({**{c: " " for c in _SPACES}, **{c: "'" for c in _APOSTROPHES}})
# The same folding for bytes: ASCII letters lower-cased, ASCII whitespace to a space. The other
# characters _FOLD maps are not ASCII; they are replaced in the str before it is encoded.
_ASCII_FOLD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\r\x0b\x0c", b"abcdefghijklmnopqrstuvwxyz     ")
_NON_ASCII_FOLD = tuple((c, " ") for c in _SPACES if not c.isascii()) + tuple(
    (c, "'") for c in _APOSTROPHES)
_NON_ASCII_FOLD_BYTES = dict((c.encode("utf-8"), r.encode("ascii")) for c, r in _NON_ASCII_FOLD)


def _sequences_pattern(sequences: Iterable[bytes]) -> re.Pattern[bytes]:
    """One regex for byte sequences, grouped by all but their last byte (faster than a|b|c)."""
    groups: dict[bytes, list[int]] = {}
    for sequence in sequences:
        groups.setdefault(sequence[:-1], []).append(sequence[-1])
    return re.compile(b"|".join(
        re.escape(head) + b"[" + b"".join(re.escape(bytes([last])) for last in sorted(lasts))
        + b"]" for head, lasts in groups.items()))


_NON_ASCII_FOLD_RE = _sequences_pattern(_NON_ASCII_FOLD_BYTES)
# The only character outside ASCII that lower-cases to a single ASCII one (the Kelvin sign).
_LOWERS_TO_ASCII = "\u212a"
_WORD_BYTES = frozenset(b"0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_RUN = re.compile(r" {2,}")
SHADOW = -1  # a pattern that is correct English: it hides shorter wrong forms inside it
# Until a run has scanned this many bytes, stretches between word boundaries are looked up in a
# table instead: a pre-commit run on one short file never pays for importing ahocorasick-rs and
# building the automaton (4 ms), and a longer run builds it once it would pay.
_LOOKUP_UNTIL_BYTES = 8_000
# A position where a word may start or end, in ASCII bytes: after (before) a non-word byte.
_NON_WORD_BYTE = re.compile(rb"[^0-9A-Za-z_]")
# A longer text is scanned this many bytes at a time: its overlapping hits, listed at once,
# took 16 bytes of memory per byte of text (77 MB for 5 MB of news); news has a hit every 2.5
# bytes (most of them the triggers "the ", "of "), so a window of 64 kB lists 2 MB of them.
_WINDOW_BYTES = 1 << 16
# A candidate is stored as entry * 8 + form code; the meaning tuples are built only for hits.
_POSSESSIVES = ("", "'s", "'")
_FORMS = {plural * 4 + i: Form(plural=bool(plural), possessive=p)
          for plural in (0, 1) for i, p in enumerate(_POSSESSIVES)}


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


# The only character str.lower() turns into two (İ, to "i̇"; a test checks all of Unicode).
_LOWERS_TO_TWO = "\u0130"
# Longer texts are lower-cased a piece at a time, cut at whitespace: str.lower() takes 12 bytes
# of working memory per character of a text beyond Latin-1, 60 MB for 5 MB of news.
_LOWER_PIECE = 1 << 16


def _lower(text: str) -> str:
    """Lower case, keeping every character's index: a character that lower-cases to two (İ)
    stays as it is, and then every character is lower-cased on its own."""
    by_character = _LOWERS_TO_TWO in text
    if not by_character and (len(text) <= _LOWER_PIECE or text.isascii()):
        return text.lower()
    return "".join(_lower_piece(piece, by_character) for piece in _pieces(text))


def fold(text: str) -> str:
    """Lower-case, unify apostrophes and spaces, keeping every character's index."""
    return _lower(text).translate(_FOLD)


def _folded_bytes(text: str) -> bytes:
    """fold(text) as UTF-8, made without str.translate (slow on non-ASCII text)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD)
    # Lowered, encoded and folded a piece at a time: the whole text's lowered copy and its
    # UTF-8 made three times the text's size at once. A text with an İ is lowered character
    # by character throughout, as _lower does it.
    by_character = _LOWERS_TO_TWO in text
    return b"".join(_NON_ASCII_FOLD_RE.sub(_fold_sequence, _lower_piece(piece, by_character)
                                           .encode("utf-8").translate(_ASCII_FOLD))
                    for piece in _pieces(text))


def _folded_ascii_bytes(text: str) -> bytes:
    """What matters of fold(text) to patterns that are all ASCII, made in bytes throughout.

    Letters outside ASCII are not lower-cased: no such pattern can contain them, and case does
    not change whether a character is a word character. The other characters fold() maps
    become single ASCII bytes, so byte offsets still convert to the same character offsets.
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD)
    return b"".join(_NON_ASCII_FOLD_RE.sub(_fold_sequence,
                                           piece.encode("utf-8").translate(_ASCII_FOLD))
                    for piece in _pieces(text))


def _pieces(text: str) -> Iterable[str]:
    """The text a piece at a time, cut at whitespace. Whitespace is neither cased nor
    case-ignorable, so a final sigma's context never reaches across a cut: the pieces
    lower-case as the whole text does."""
    return (text,) if len(text) <= _LOWER_PIECE else whitespace_pieces(text, _LOWER_PIECE)


def _lower_piece(piece: str, by_character: bool) -> str:
    """`piece` lower-cased as _lower does it (character by character in a text with an İ)."""
    if by_character:
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in piece)
    return piece.lower()


def _fold_sequence(match: re.Match[bytes]) -> bytes:
    return _NON_ASCII_FOLD_BYTES[match.group()]


def _normalise_pattern(surface: str) -> str:
    return " ".join(fold(surface).split())


class Matcher:
    """Finds every entry's wrong forms (and shadows) in a text.

    It pickles as its patterns and their meanings (the glossary cache keeps it), and builds its
    automaton on first use.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        meanings: dict[str, list[int]] = {}
        for index, entry in enumerate(entries):
            for wrong in entry.wrong:
                for surface, form in surface_forms(wrong, entry.inflect):
                    code = form.plural * 4 + _POSSESSIVES.index(form.possessive)
                    meanings.setdefault(_normalise_pattern(surface), []).append(index * 8 + code)
            for phrase in (*entry.accept, *entry.ignore):
                meanings.setdefault(_normalise_pattern(phrase), []).insert(0, SHADOW)
        patterns = [p for p in meanings if p]
        # Triggers end in a space; no pattern does, so the two never coincide.
        triggers = sorted({p[: i + 1] for p in patterns if " " in p
                           for i, c in enumerate(p) if c == " "})
        self._setup(patterns, [tuple(meanings[p]) for p in patterns], triggers)

    def _setup(self, patterns: list[str], codes: list[tuple[int, ...]],
               triggers: list[str]) -> None:
        self.patterns = patterns
        self._codes = codes
        self._triggers = triggers
        self._meanings: dict[int, tuple[Candidate, ...]] = {}
        self._max_length = max((len(p) for p in patterns), default=0)
        self._ascii_patterns = all(p.isascii() for p in patterns)
        self._automaton: ahocorasick_rs.BytesAhoCorasick | None = None
        self._scanned = 0
        self._table: dict[bytes, int] | None = None
        self._longest_bytes = 0

    def __getstate__(self) -> dict[str, object]:
        return {"patterns": self.patterns, "codes": self._codes, "triggers": self._triggers}

    def __setstate__(self, state: dict[str, list]) -> None:
        self._setup(state["patterns"], state["codes"], state["triggers"])

    def meaning(self, pattern: int) -> tuple[Candidate, ...]:
        """The entries (or SHADOW) a pattern stands for, and in which form."""
        found = self._meanings.get(pattern)
        if found is None:
            found = tuple(Candidate(SHADOW, Form()) if code == SHADOW
                          else Candidate(code >> 3, _FORMS[code & 7])
                          for code in self._codes[pattern])
            self._meanings[pattern] = found
        return found

    def _automaton_for(self) -> ahocorasick_rs.BytesAhoCorasick:
        if self._automaton is None:
            import ahocorasick_rs

            # The contiguous NFA, not the DFA: alone on a text the DFA scans faster, but its
            # tables are far larger, and between the other checks' work they fall out of the
            # processor's caches, so in a real run the compact NFA is faster (about 10% of the
            # glossary check on the corpus, timed beside every other check). It builds in a
            # third of the DFA's time (4 ms for the bundled glossary).
            self._automaton = ahocorasick_rs.BytesAhoCorasick(
                [p.encode("utf-8") for p in (*self.patterns, *self._triggers)],
                implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        return self._automaton

    def find(self, text: str) -> list[RawMatch]:
        if not self.patterns or not text:
            return []
        fold_bytes = _folded_ascii_bytes if self._ascii_patterns and (
            text.isascii() or _LOWERS_TO_ASCII not in text) else _folded_bytes
        data = fold_bytes(text)
        if self._automaton is None and self._scanned + len(data) <= _LOOKUP_UNTIL_BYTES:
            self._scanned += len(data)
            windows: Iterable[list[tuple[int, int, int]]] = (self._looked_up(data),)
        else:
            windows = self._scanned_hits(data)
        count = len(self.patterns)
        chars = None if len(data) == len(text) else _CharOffsets(data)
        kept: list[tuple[int, int, int]] = []
        last_end = -1
        size = len(data)
        # Every hit of a window starts before every hit of the next, so taking the windows in
        # turn, each sorted, is taking all the hits sorted.
        for hits in windows:
            if any(pattern >= count for pattern, _, _ in hits):
                hits = self._with_runs(text, data, hits, fold_bytes, chars)
            hits.sort(key=lambda h: (h[1], h[1] - h[2]))
            for pattern, start, end in hits:
                if start < last_end:
                    continue
                if (start > 0 and _word_before(data, start)) or \
                        (end < size and _word_at(data, end)):
                    continue
                last_end = end
                if self._codes[pattern][0] != SHADOW:
                    kept.append((pattern, start, end))
        if not kept:
            return []
        char = _identity if len(data) == len(text) else _char_offsets(
            data, [o for _, start, end in kept for o in (start, end)])
        return [RawMatch(char(start), char(end), self.meaning(pattern))
                for pattern, start, end in kept]

    def _lookup_table(self) -> dict[bytes, int]:
        """Every pattern and trigger as UTF-8, to its index in the automaton's numbering."""
        if self._table is None:
            self._table = {p.encode("utf-8"): i
                           for i, p in enumerate((*self.patterns, *self._triggers))}
            self._longest_bytes = max(map(len, self._table), default=0)
        return self._table

    def _looked_up(self, data: bytes) -> list[tuple[int, int, int]]:
        """The automaton's overlapping hits in `data` that can survive `find`'s word-boundary
        test, found by looking up every stretch from a possible word start to a possible word
        end, at most a pattern long. A hit failing that test is dropped before it can shadow
        another, and a trigger's window yields matches from the trigger's own start, so leaving
        out both kinds changes nothing that `find` returns."""
        table = self._lookup_table()
        size = len(data)
        if data.isascii():
            boundaries = [m.start() for m in _NON_WORD_BYTE.finditer(data)]
            starts = [0, *(b + 1 for b in boundaries)]
            ends = [*boundaries, size]
        else:
            starts = [i for i in range(size) if i == 0 or not _word_before(data, i)]
            ends = [i for i in range(1, size + 1) if i == size or not _word_at(data, i)]
        longest = self._longest_bytes
        hits = []
        for start in starts:
            first = bisect.bisect_right(ends, start)
            last = bisect.bisect_right(ends, start + longest, first)
            for end in ends[first:last]:
                pattern = table.get(data[start:end])
                if pattern is not None:
                    hits.append((pattern, start, end))
        return hits

    def _prefixes(self, encoded: bytes) -> list[tuple[int, int, int]]:
        """Every pattern (not trigger) that `encoded` starts with, as automaton hits."""
        if self._automaton is not None:
            count = len(self.patterns)
            return [hit for hit in self._automaton.find_matches_as_indexes(encoded,
                                                                          overlapping=True)
                    if hit[1] == 0 and hit[0] < count]
        table = self._lookup_table()
        count = len(self.patterns)
        return [(pattern, 0, end) for end in range(1, len(encoded) + 1)
                if (pattern := table.get(encoded[:end], count)) < count]

    def _scanned_hits(self, data: bytes) -> Iterator[list[tuple[int, int, int]]]:
        """The automaton's overlapping hits in `data`, a window at a time: each list holds the
        hits that start in its window (a window reaches a pattern's length past its end)."""
        automaton = self._automaton_for()
        size = len(data)
        if size <= _WINDOW_BYTES:
            yield automaton.find_matches_as_indexes(data, overlapping=True)
            return
        if not self._longest_bytes:
            self._longest_bytes = max(len(p.encode("utf-8")) for p in self.patterns)
        for low in range(0, size, _WINDOW_BYTES):
            high = low + _WINDOW_BYTES
            piece = data[low: high + self._longest_bytes]
            yield [(pattern, low + start, low + end) for pattern, start, end
                   in automaton.find_matches_as_indexes(piece, overlapping=True)
                   if start < _WINDOW_BYTES]

    def _with_runs(self, text: str, data: bytes, hits: list[tuple[int, int, int]],
                   fold_bytes: Callable[[str], bytes], chars: _CharOffsets | None
                   ) -> list[tuple[int, int, int]]:
        """Drop the triggers; add the matches that span a run of whitespace where one fired.
        `chars` converts byte offsets in `data` to character offsets in `text` (None: equal)."""
        count = len(self.patterns)
        kept = [h for h in hits if h[0] < count]
        starts = sorted({start for pattern, start, end in hits
                         if pattern >= count and end < len(data) and data[end] == 32})
        if not starts:
            return kept
        # One pass for every trigger's character offset, not one decode from 0 per trigger.
        char = _identity if chars is None else chars.table(starts)
        for start in starts:
            kept.extend(self._across_runs(text, start, char(start), fold_bytes))
        return kept

    def _across_runs(self, text: str, byte_start: int, start: int,
                     fold_bytes: Callable[[str], bytes]) -> list[tuple[int, int, int]]:
        """Matches starting at byte_start (character `start`) that span a run of whitespace,
        in byte offsets."""
        ascii_text = byte_start == start and text.isascii()
        width = 2 * self._max_length + 16
        while True:
            window = fold(text[start: start + width])
            collapsed, to_original = _collapse(window)
            if len(collapsed) > self._max_length or start + width >= len(text):
                break
            width *= 2
        encoded = collapsed.encode("utf-8")
        found = []
        for pattern, _, e in self._prefixes(encoded):
            length = e if collapsed.isascii() else len(encoded[:e].decode("utf-8"))
            end = to_original(length - 1) + 1
            if end == length:
                continue  # no run inside: the main scan has it already
            byte_end = byte_start + (end if ascii_text
                                     else len(fold_bytes(text[start: start + end])))
            found.append((pattern, byte_start, byte_end))
        return found


# The matchers of the last few glossaries: a run uses one, `glossary test` one per entry.
_COMPILED: dict[int, tuple[Glossary, Matcher]] = {}
_COMPILED_KEPT = 8


def compiled(glossary: Glossary) -> Matcher:
    """The glossary's matcher: the one the cache loaded with it, or one built now."""
    cached = _COMPILED.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    matcher = Matcher(glossary.entries)
    remember(glossary, matcher)
    return matcher


def remember(glossary: Glossary, matcher: Matcher) -> None:
    while len(_COMPILED) >= _COMPILED_KEPT:
        del _COMPILED[next(iter(_COMPILED))]
    _COMPILED[id(glossary)] = (glossary, matcher)


def _word_before(data: bytes, index: int) -> bool:
    byte = data[index - 1]
    if byte < 0x80:
        return byte in _WORD_BYTES
    lead = index - 1
    while lead > 0 and data[lead] & 0xC0 == 0x80:
        lead -= 1
    return _is_word(data[lead:index].decode("utf-8", "replace")[-1])


def _word_at(data: bytes, index: int) -> bool:
    byte = data[index]
    if byte < 0x80:
        return byte in _WORD_BYTES
    return _is_word(data[index: index + 4].decode("utf-8", "ignore")[:1] or " ")


_DECODE_STEP = 1 << 16


def _char_offsets(data: bytes, offsets: list[int]) -> Callable[[int], int]:
    """Byte offsets (on character boundaries) in UTF-8 `data` to character offsets."""
    return _CharOffsets(data).table(offsets)


class _CharOffsets:
    """Byte offsets (on character boundaries) in UTF-8 `data` to character offsets, decoding on
    from where the last call stopped: windows asking in increasing order cost one pass."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.byte = self.char = 0

    def table(self, offsets: list[int]) -> Callable[[int], int]:
        table: dict[int, int] = {}
        data = self.data
        for offset in sorted(set(offsets)):
            if offset < self.byte:
                self.byte = self.char = 0  # asked for an earlier offset: decode from the start
            # A step at a time: between two offsets far apart, a whole file's text at once.
            while self.byte < offset:
                step = min(offset, self.byte + _DECODE_STEP)
                while step < offset and data[step] & 0xC0 == 0x80:  # inside a character
                    step -= 1
                self.char += len(data[self.byte:step].decode("utf-8"))
                self.byte = step
            table[offset] = self.char
        return table.__getitem__


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
