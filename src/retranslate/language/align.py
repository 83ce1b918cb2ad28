"""Source↔target sentence alignment: paragraphs first, then sentences inside aligned paragraphs.

Each level is one dynamic programme over "beads" (1-1, 1-2, 2-1 and dropped 1-0, 0-1), scored
as log-probabilities: a Gale-Church length term (characters, with the ratio measured on the
document itself) plus anchors the two sentences share: numbers read by `quantities`, Latin-script
words, proper names compared after transliteration (rapidfuzz), and glossary pairs (an entry's
Russian words on one side, its target, accepted or known-wrong English on the other: a wrong
rendering is still a rendering). The best path comes from Viterbi; each link's confidence is its
posterior probability from forward-backward, times that of its paragraph link, so a link is
sure only when no other reading of the texts comes close.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from retranslate.glossary.model import Entry, Glossary
from retranslate.language import quantities
from retranslate.models import Alignment, Segment

Bead = tuple[int, int, int, int]  # source start, target start, source count, target count

# The share of the source's names and Latin words that must reach the English for its
# links to keep their full confidence; a real translation carries most of them.
_RELATED = 0.35
# Gale & Church's bead priors, kept: machine translation merges and drops about as often.
_PRIORS = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.0445, (1, 2): 0.0445}
# Translation keeps paragraphs: an added caption paragraph ("Read also: ...") is likelier than
# two paragraphs run together.
_PARAGRAPH_PRIORS = {(1, 1): 0.97, (1, 0): 0.01, (0, 1): 0.01, (2, 1): 0.005, (1, 2): 0.005}
_VARIANCE = 3.0  # target characters per source character; Gale & Church measured 6.8 on human
# translation, machine translation keeps sentence lengths tighter (3.0 fits our test set)
_MATCH = math.log(6.0)  # an anchor found on both sides
_MISS = math.log(2.0)  # an anchor on one side only (names get respelt, numbers spelt out)
# A number rarely goes missing in a translation; a loose one is strong evidence against a link.
_MISS_NUMBER = math.log(3.0)
# Words sharing their first four letters after transliteration (полиция/police,
# администрации/administration): weak evidence each, as in Simard et al.'s cognate alignment.
_COGNATE = math.log(3.0)
_COGNATE_MIN = 5
_NAME_SIMILARITY = 80.0
# Beyond this many cells the paragraph programme runs in a band around the diagonal.
_BAND = 40
_LATIN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_CAPITALISED_RU = re.compile(r"(?<![А-Яа-яЁё-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*")
_CAPITALISED_EN = re.compile(r"(?<![A-Za-z-])[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*")


@dataclass
class _Side:
    """What one sentence (or a run of them) offers for comparison."""

    length: int = 0
    numbers: frozenset[str] = frozenset()
    latin: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    terms: frozenset[int] = frozenset()  # source: entries mentioned; target: rendered
    cognates: frozenset[str] = frozenset()

    def merged(self, other: _Side) -> _Side:
        return _Side(self.length + other.length, self.numbers | other.numbers,
                     self.latin | other.latin, self.names | other.names,
                     self.terms | other.terms, self.cognates | other.cognates)


def align(source: Sequence[Segment], target: Sequence[Segment],
          glossary: Glossary | None = None) -> list[Alignment]:
    """Links covering every source and target sentence, in text order."""
    if not source and not target:
        return []
    entries = glossary.entries if glossary is not None else ()
    terms = _GlossaryTerms(entries)
    src = [_source_side(s.text, terms) for s in source]
    tgt = [_target_side(t.text, terms) for t in target]
    total_src = sum(s.length for s in src) or 1
    ratio = min(max(sum(t.length for t in tgt) / total_src, 0.5), 2.0)
    score = _scorer(ratio, _PRIORS)
    paragraph_score = _scorer(ratio, _PARAGRAPH_PRIORS)

    src_groups = _paragraphs(source)
    tgt_groups = _paragraphs(target)
    if not _paragraphs_comparable(src_groups, tgt_groups):
        src_groups, tgt_groups = [list(range(len(source)))], [list(range(len(target)))]

    src_paras = [_merge(src, g) for g in src_groups]
    tgt_paras = [_merge(tgt, g) for g in tgt_groups]
    raw: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    for bead, sure in _best_path(src_paras, tgt_paras, paragraph_score):
        i, j, k, n = bead
        s_ids = [x for g in src_groups[i:i + k] for x in g]
        t_ids = [x for g in tgt_groups[j:j + n] for x in g]
        inner = _best_path([src[x] for x in s_ids], [tgt[x] for x in t_ids], score)
        for (a, b, c, d), posterior in inner:
            raw.append((tuple(t_ids[b:b + d]), tuple(s_ids[a:a + c]), sure * posterior))
    related = _relatedness(raw, src, tgt)
    return [Alignment(t_ids, s_ids, round(confidence * related, 3))
            for t_ids, s_ids, confidence in raw]


def _relatedness(links: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]],
                 src: Sequence[_Side], tgt: Sequence[_Side]) -> float:
    """How sure we are, absolutely, that the English translates this source: 0 to 1.

    Posteriors only compare readings of the two texts with each other, so an unrelated source
    still aligns 1-1 "surely". A real translation carries the source's names and Latin-script
    words across; the share that arrives through the links says whether it does.
    Glossary terms and numbers are what the links are used to test, so they cannot count against
    it: a number that arrived counts in its favour, one that did not costs nothing. A source with
    no names or Latin words cannot be judged this way and is given the benefit of the doubt.
    """
    total = arrived = 0
    for t_ids, s_ids, _ in links:
        if not s_ids or not t_ids:
            total += sum(len(src[x].names) + len(src[x].latin) for x in s_ids)
            continue
        s = _merge(list(src), list(s_ids))
        t = _merge(list(tgt), list(t_ids))
        total += len(s.names) + len(s.latin)
        arrived += (sum(1 for name in s.names if _name_found(name, t.names))
                    + len(s.numbers & t.numbers) + len(s.latin & t.latin))
    if total == 0:
        return 1.0
    return min(1.0, arrived / total / _RELATED)


def _paragraphs(segments: Sequence[Segment]) -> list[list[int]]:
    groups: list[list[int]] = []
    previous = None
    for index, segment in enumerate(segments):
        if segment.paragraph != previous:
            groups.append([])
            previous = segment.paragraph
        groups[-1].append(index)
    return groups


def _paragraphs_comparable(a: list[list[int]], b: list[list[int]]) -> bool:
    """Whether both texts keep paragraphs alike enough to align them first."""
    if not a or not b:
        return False
    return min(len(a), len(b)) > 1 and abs(len(a) - len(b)) <= max(2, 0.3 * max(len(a), len(b)))


def _merge(sides: list[_Side], indices: list[int]) -> _Side:
    merged = _Side()
    for index in indices:
        merged = merged.merged(sides[index])
    return merged


def _scorer(ratio: float, priors: dict[tuple[int, int], float],
            ) -> Callable[[_Side | None, _Side | None, tuple[int, int]], float]:
    """A bead's log-probability: its prior, then (both sides present) the Gale-Church length
    term and the anchors, added in that order. The dynamic programme calls this for every cell
    in the band, so the two terms are written out here rather than called."""
    log_priors = {shape: math.log(p) for shape, p in priors.items()}
    erfc, log, sqrt, root2 = math.erfc, math.log, math.sqrt, math.sqrt(2)

    def score(s: _Side | None, t: _Side | None, shape: tuple[int, int]) -> float:
        value = log_priors[shape]
        if s is None or t is None:
            # A dropped or added sentence pays nothing for its anchors: missing from the other
            # side is what dropped means, and the bead's prior already prices the drop.
            return value
        # Gale & Church: log P(lengths | same content), the two-sided normal tail.
        source, target = s.length, t.length
        mean = (source + target / ratio) / 2 or 1
        delta = (target - source * ratio) / sqrt(mean * _VARIANCE)
        p = erfc(abs(delta) / root2)
        value += log(p if p > 1e-12 else 1e-12)
        # Anchors: shared ones reward the link, one-sided ones count against it
        # (len(a - b) is len(a) - len(a & b); len(a ^ b) likewise).
        numbers = len(s.numbers & t.numbers)
        latin = len(s.latin & t.latin)
        terms = len(s.terms & t.terms)
        names = 0
        if s.names:
            found = t.names
            names = sum(1 for name in s.names if name in found
                        or any(_names_close(name, c) for c in found))
        missed = len(s.latin) - latin + len(s.terms) - terms + len(s.names) - names
        value += (_MATCH * (numbers + latin + terms + names) - _MISS * missed
                  - _MISS_NUMBER * (len(s.numbers) + len(t.numbers) - 2 * numbers)
                  + _COGNATE * len(s.cognates & t.cognates))
        return value
    return score


def _name_found(name: str, candidates: frozenset[str]) -> bool:
    return name in candidates or any(_names_close(name, c) for c in candidates)


@lru_cache(maxsize=65536)
def _names_close(name: str, candidate: str) -> bool:
    """Whether two name keys are one name respelt (a document compares the same few often)."""
    from rapidfuzz import fuzz

    return (fuzz.ratio(name, candidate) >= _NAME_SIMILARITY
            or (len(name) >= 4 and (candidate.startswith(name) or name.startswith(candidate))))


# A cell's beads in the order the programme takes them (as sorted (k, d)): sums of
# log-probabilities are added in this order, so every figure is the same to the last bit.
_SHAPES = tuple(sorted(_PRIORS))
_DROPS = 2  # the first two, (0, 1) and (1, 0), link nothing: their score is their prior
assert all(0 in shape for shape in _SHAPES[:_DROPS]) and all(_SHAPES[_DROPS:])


def _band_rows(n: int, m: int) -> list[tuple[int, int]]:
    """Each row's first and last column in the band |j - i·m/n| ≤ band (all for short texts)."""
    band = max(_BAND, abs(n - m) + 5)
    reach = band * max(n, 1)
    if n == 0:
        return [(0, m)]
    # ceil((i·m - reach) / n) .. floor((i·m + reach) / n), in integers: no cell lost to rounding
    return [(max(0, -((reach - i * m) // n)), min(m, (i * m + reach) // n)) for i in range(n + 1)]


def _best_path(src: Sequence[_Side], tgt: Sequence[_Side],
               score: Callable[[_Side | None, _Side | None, tuple[int, int]], float],
               ) -> list[tuple[Bead, float]]:
    """Viterbi path over beads, each with its forward-backward posterior.

    Only cells in the band are kept, row by row in flat arrays, and only beads that start at a
    reachable cell and end in the band are scored: any other bead cannot lie on a path from the
    first cell to the last. What is kept for the whole text is small: each cell's forward
    score, a byte for its best bead, and the scores of its three beads that link sentences (a
    drop's score is its prior); Viterbi scores live three rows, backward scores likewise, the
    path being known before the backward pass.
    """
    n, m = len(src), len(tgt)
    rows = _band_rows(n, m)
    two_src = [src[i].merged(src[i + 1]) for i in range(n - 1)]
    two_tgt = [tgt[j].merged(tgt[j + 1]) for j in range(m - 1)]
    ones, twos = (src, tgt), (two_src, two_tgt)

    def side(axis: int, start: int, count: int) -> _Side | None:
        return None if count == 0 else ones[axis][start] if count == 1 else twos[axis][start]

    inf, log1p, exp, linked = math.inf, math.log1p, math.exp, len(_SHAPES) - _DROPS
    drop = [score(None, None, shape) for shape in _SHAPES[:_DROPS]]

    def new_row(i: int, fill: float, per_cell: int = 1) -> array[float]:
        return array("d", [fill]) * (per_cell * (rows[i][1] - rows[i][0] + 1))

    forward = [new_row(i, -inf) for i in range(n + 1)]
    scores = [new_row(i, math.nan, linked) for i in range(n + 1)]
    back = [bytearray(b"\xff") * (high - low + 1) for low, high in rows]
    best: dict[int, array[float]] = {0: new_row(0, -inf)}
    forward[0][0] = best[0][0] = 0.0
    for i, (low, high) in enumerate(rows):
        f_row, s_row, b_row = forward[i], scores[i], best[i]
        for later in (i + 1, i + 2):  # where this row's beads end
            if later <= n and later not in best:
                best[later] = new_row(later, -inf)
        for j in range(low, high + 1):
            here = f_row[j - low]
            if here == -inf:
                continue
            viterbi = b_row[j - low]
            for shape, (k, d) in enumerate(_SHAPES):
                end_i, end_j = i + k, j + d
                if end_i > n or end_j > m:
                    continue
                end_low, end_high = rows[end_i]
                if not end_low <= end_j <= end_high:
                    continue  # ends outside the band: a dead end
                if shape < _DROPS:
                    value = drop[shape]
                else:
                    value = score(side(0, i, k), side(1, j, d), (k, d))
                    s_row[(j - low) * linked + shape - _DROPS] = value
                at = end_j - end_low
                old, new = forward[end_i][at], here + value
                # log(e^old + e^new), written out: this runs for every bead
                forward[end_i][at] = new if old == -inf else (
                    (old if old > new else new) + log1p(exp(-abs(old - new))))
                candidate = viterbi + value
                ends = best[end_i]
                if candidate > ends[at]:
                    ends[at] = candidate
                    back[end_i][at] = shape
        del best[i]
    if forward[n][m - rows[n][0]] == -inf:
        return []
    cells = [(n, m)]  # the Viterbi path, last cell first
    while cells[-1] != (0, 0):
        i, j = cells[-1]
        k, d = _SHAPES[back[i][j - rows[i][0]]]
        cells.append((i - k, j - d))
    del back
    on_path = {cell: -inf for cell in cells}

    def bead_score(i: int, j: int, shape: int) -> float:
        """A live bead's score; NaN where the bead was not scored (dead, or out of the band)."""
        if shape >= _DROPS:
            return scores[i][(j - rows[i][0]) * linked + shape - _DROPS]
        k, d = _SHAPES[shape]
        if forward[i][j - rows[i][0]] == -inf or i + k > n or j + d > m:
            return math.nan
        return drop[shape] if rows[i + k][0] <= j + d <= rows[i + k][1] else math.nan

    backward: dict[int, array[float]] = {n: new_row(n, -inf)}
    backward[n][m - rows[n][0]] = 0.0
    for i in range(n, -1, -1):
        low, high = rows[i]
        w_row = backward.setdefault(i, new_row(i, -inf))
        for j in range(high, low - 1, -1):
            for shape in range(len(_SHAPES) - 1, -1, -1):
                value = bead_score(i, j, shape)
                if math.isnan(value):
                    continue
                k, d = _SHAPES[shape]
                after = backward[i + k][j + d - rows[i + k][0]]
                if after != -inf:
                    old, new = w_row[j - low], value + after
                    w_row[j - low] = new if old == -inf else (
                        (old if old > new else new) + log1p(exp(-abs(old - new))))
            if (i, j) in on_path:
                on_path[(i, j)] = w_row[j - low]
        backward.pop(i + 2, None)  # rows behind the pass are no longer read
    total = forward[n][m - rows[n][0]]
    path: list[tuple[Bead, float]] = []
    for (i, j), (start_i, start_j) in pairwise(cells):
        k, d = i - start_i, j - start_j
        value = bead_score(start_i, start_j, _SHAPES.index((k, d)))
        posterior = math.exp(forward[start_i][start_j - rows[start_i][0]] + value
                             + on_path[(i, j)] - total)
        path.append(((start_i, start_j, k, d), min(1.0, posterior)))
    path.reverse()
    return path


def _source_side(text: str, terms: _GlossaryTerms) -> _Side:
    from retranslate.language import russian

    names = set()
    for match in _CAPITALISED_RU.finditer(text):
        word = match.group()
        if match.start() == _first_letter(text) and not russian.is_proper_name(word):
            continue
        names.add(russian.name_key(russian.nominative(word)))
    return _Side(length=len(text),
                 numbers=frozenset(_key(q) for q in quantities.russian(text)),
                 latin=frozenset(w.lower() for w in _LATIN.findall(text) if len(w) > 1),
                 names=frozenset(names), terms=terms.mentioned(text),
                 cognates=frozenset(_cognate(w) for w in russian.words(text)
                                    if len(w) >= _COGNATE_MIN))


def _target_side(text: str, terms: _GlossaryTerms) -> _Side:
    from retranslate.language.russian import name_key

    latin = _LATIN.findall(text)
    return _Side(length=len(text),
                 numbers=frozenset(_key(q) for q in quantities.english(text)),
                 latin=frozenset(w.lower() for w in latin),
                 names=frozenset(name_key(m.group()) for m in _CAPITALISED_EN.finditer(text)),
                 terms=terms.rendered(text),
                 cognates=frozenset(_cognate(w) for w in latin if len(w) >= _COGNATE_MIN))


@lru_cache(maxsize=65536)
def _cognate(word: str) -> str:
    from retranslate.language.russian import name_key

    return name_key(word)[:4]


def _key(q: quantities.Quantity) -> str:
    return f"{q.kind[0]}{q.value}" if q.kind in ("time", "date") else q.value


def _first_letter(text: str) -> int:
    return next((i for i, ch in enumerate(text) if ch.isalpha()), 0)


@lru_cache(maxsize=4096)
def _rendering_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms if f)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def _renders(text: str, entry: Entry) -> bool:
    forms = (entry.target, *entry.accept, *entry.wrong)
    return _rendering_pattern(forms).search(text) is not None


# The only characters that match an ASCII letter under re.IGNORECASE but are not ASCII
# (İ, ı, ſ and the Kelvin sign): a text without them matches an ASCII word case-blind only
# where its lower-cased form contains that word.
_ASCII_LOOKALIKES = re.compile("[\u0130\u0131\u017f\u212a]")


class _GlossaryTerms:
    """The glossary entries with source words, as the two sides find them: the Russian by the
    mention index, the English by each entry's rendering pattern, tried only where every word of
    one of its renderings occurs (one Aho-Corasick pass over the sentence finds them all)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        from retranslate.language.russian import mention_index

        self._entries = {i: e for i, e in enumerate(entries) if e.source}
        self._index = mention_index(tuple(entry.source for entry in entries)) if entries else None
        self._always: list[int] = []  # entries no word test can rule out
        self._forms: dict[int, tuple[tuple[str, ...], ...]] = {}
        self._by_first: dict[str, list[int]] = {}
        for i, entry in self._entries.items():
            forms = _rendering_words(entry)
            if forms is None:
                self._always.append(i)
                continue
            self._forms[i] = forms
            for word in sorted({form[0] for form in forms}):
                self._by_first.setdefault(word, []).append(i)
        self._words = sorted({w for forms in self._forms.values() for f in forms for w in f})
        self._automaton: Any = None

    def mentioned(self, text: str) -> frozenset[int]:
        """Indices of the entries whose source words `text` mentions."""
        return self._index.mentioned(text) if self._index is not None else frozenset()

    def rendered(self, text: str) -> frozenset[int]:
        """Indices of the entries `text` renders (`_renders` for each)."""
        if not self._entries:
            return frozenset()
        if _ASCII_LOOKALIKES.search(text) or not self._words:
            candidates: Iterable[int] = self._entries
        else:
            if self._automaton is None:
                import ahocorasick_rs

                self._automaton = ahocorasick_rs.BytesAhoCorasick(
                    [w.encode() for w in self._words],
                    matchkind=ahocorasick_rs.MatchKind.Standard)
            hits = self._automaton.find_matches_as_indexes(text.lower().encode(),
                                                           overlapping=True)
            present = {self._words[hit[0]] for hit in hits}
            candidates = {i for w in present for i in self._by_first.get(w, ())
                          if any(all(x in present for x in form) for form in self._forms[i])}
            candidates.update(self._always)
        return frozenset(i for i in candidates if _renders(text, self._entries[i]))


def _rendering_words(entry: Entry) -> tuple[tuple[str, ...], ...] | None:
    """The lower-cased words of each rendering, or None where testing for them would not be
    exact (a non-ASCII word, a rendering of no words)."""
    forms = [f.split() for f in (entry.target, *entry.accept, *entry.wrong) if f]
    if not all(form and all(w.isascii() for w in form) for form in forms):
        return None
    return tuple(tuple(w.lower() for w in form) for form in forms)
