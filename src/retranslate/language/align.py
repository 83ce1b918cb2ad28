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
import sys
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import add
from typing import Any

from retranslate.glossary.model import Entry, Glossary
from retranslate.language import quantities
from retranslate.models import Alignment, Segment
from retranslate.patterns import has_case_blind_lookalike

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


_NONE: frozenset[Any] = frozenset()  # one empty set shared by every side that has nothing


def _frozen(items: Iterable[Any]) -> frozenset[Any]:
    """The items as a set, the shared empty one where there are none (most sentences have no
    Latin words, terms or numbers: a side should not pay for five empty sets)."""
    found = frozenset(items)
    return found if found else _NONE


def _union(a: frozenset[Any], b: frozenset[Any]) -> frozenset[Any]:
    """a | b, reusing either operand where it already is the union (no copy kept per merge)."""
    if b <= a:
        return a
    return b if a <= b else a | b


def _keys(words: Iterable[str]) -> frozenset[str]:
    """Anchor keys as a set, each key one shared string (a name recurs through a text)."""
    return _frozen(map(sys.intern, words))


@dataclass(slots=True)
class _Side:
    """What one sentence (or a run of them) offers for comparison."""

    length: int = 0
    numbers: frozenset[str] = _NONE
    latin: frozenset[str] = _NONE
    names: frozenset[str] = _NONE
    terms: frozenset[int] = _NONE  # source: entries mentioned; target: rendered
    cognates: frozenset[str] = _NONE

    def merged(self, other: _Side) -> _Side:
        return _Side(self.length + other.length, _union(self.numbers, other.numbers),
                     _union(self.latin, other.latin), _union(self.names, other.names),
                     _union(self.terms, other.terms), _union(self.cognates, other.cognates))


def align(source: Sequence[Segment], target: Sequence[Segment],
          glossary: Glossary | None = None) -> list[Alignment]:
    """Links covering every source and target sentence, in text order."""
    if not source and not target:
        return []
    entries = glossary.entries if glossary is not None else ()
    terms = _GlossaryTerms(entries)
    src = [_source_side(s.text, terms) for s in source]
    # The target keeps only the Latin words and cognates the source has (see `_target_side`).
    source_latin, source_cognates = _vocabulary(src, "latin"), _vocabulary(src, "cognates")
    tgt = [_target_side(t.text, terms, source_latin, source_cognates) for t in target]
    _keep_only(src, "cognates", _vocabulary(tgt, "cognates"))
    shared: dict[frozenset[Any], frozenset[Any]] = {}
    _share_sets(src, shared)
    _share_sets(tgt, shared)
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
    _share_sets(src_paras, shared)
    _share_sets(tgt_paras, shared)
    del shared
    raw: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    paragraph_links = _best_path(src_paras, tgt_paras, paragraph_score)
    del src_paras, tgt_paras  # the sentence programmes read only the sentences' sides
    for bead, sure in paragraph_links:
        i, j, k, n = bead
        s_ids = [x for g in src_groups[i:i + k] for x in g]
        t_ids = [x for g in tgt_groups[j:j + n] for x in g]
        inner = _best_path([src[x] for x in s_ids], [tgt[x] for x in t_ids], score)
        for (a, b, c, d), posterior in inner:
            raw.append((tuple(t_ids[b:b + d]), tuple(s_ids[a:a + c]), sure * posterior))
    related = _relatedness(raw, src, tgt)
    return [Alignment(t_ids, s_ids, round(confidence * related, 3))
            for t_ids, s_ids, confidence in raw]


def _share_sets(sides: Iterable[_Side], shared: dict[frozenset[Any], frozenset[Any]]) -> None:
    """Make equal anchor sets one object: a text names the same people, places and terms
    sentence after sentence, and a set costs 200 bytes however few keys it holds."""
    for side in sides:
        if side.numbers:
            side.numbers = shared.setdefault(side.numbers, side.numbers)
        if side.latin:
            side.latin = shared.setdefault(side.latin, side.latin)
        if side.names:
            side.names = shared.setdefault(side.names, side.names)
        if side.terms:
            side.terms = shared.setdefault(side.terms, side.terms)
        if side.cognates:
            side.cognates = shared.setdefault(side.cognates, side.cognates)


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
        s = _merge(src, s_ids)
        t = _merge(tgt, t_ids)
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


def _merge(sides: Sequence[_Side], indices: Sequence[int]) -> _Side:
    """The run of sides as one; a run of one is that side itself (a paragraph of one sentence,
    the commonest, keeps no copy)."""
    if len(indices) == 1:
        return sides[indices[0]]
    merged = _Side()
    for index in indices:
        merged = merged.merged(sides[index])
    return merged


class _Scorer:
    """A bead's log-probability: its prior, then (both sides present) the Gale-Church length
    term and the anchors, added in that order.

    The dynamic programme scores a row's beads in one call (`row`: one source side against the
    band's target sides), so what depends on the source side alone is read once per row and the
    loop makes no call per bead; every figure is the one `__call__` gives, to the last bit.
    """

    def __init__(self, ratio: float, priors: dict[tuple[int, int], float]) -> None:
        self.ratio = ratio
        self.log_priors = {shape: math.log(p) for shape, p in priors.items()}
        # Per source name: the candidates already compared with it, and those found close.
        self._compared: dict[str, set[str]] = {}
        self._close: dict[str, set[str]] = {}
        # (names, candidates) → how many of the names are found: a text's sides share their
        # sets (see `_share_sets`), and a row's target sides recur in the next rows.
        self._memo: dict[tuple[frozenset[str], frozenset[str]], int] = {}

    def __call__(self, s: _Side | None, t: _Side | None, shape: tuple[int, int]) -> float:
        if s is None or t is None:
            # A dropped or added sentence pays nothing for its anchors: missing from the other
            # side is what dropped means, and the bead's prior already prices the drop.
            return self.log_priors[shape]
        return self.row(s, (t,), shape)[0]

    def row(self, s: _Side, targets: Sequence[_Side], shape: tuple[int, int]) -> list[float]:
        """The scores of `s` against each of `targets` in one bead shape."""
        prior = self.log_priors[shape]
        ratio = self.ratio
        erfc, log, sqrt, root2 = math.erfc, math.log, math.sqrt, _ROOT2
        source = s.length
        source_ratio = source * ratio
        numbers_s, latin_s, terms_s, names_s, cognates_s = (
            s.numbers, s.latin, s.terms, s.names, s.cognates)
        missable = len(latin_s) + len(terms_s) + len(names_s)
        count_s = len(numbers_s)
        found, memo = self._found, self._memo
        out = []
        for t in targets:
            # Gale & Church: log P(lengths | same content), the two-sided normal tail.
            target = t.length
            mean = (source + target / ratio) / 2 or 1
            delta = (target - source_ratio) / sqrt(mean * _VARIANCE)
            p = erfc(abs(delta) / root2)
            value = prior + log(p if p > 1e-12 else 1e-12)
            # Anchors: shared ones reward the link, one-sided ones count against it
            # (len(a - b) is len(a) - len(a & b); len(a ^ b) likewise). Most pairs share
            # nothing, which `isdisjoint` tells without building the intersection.
            numbers_t = t.numbers
            numbers = (0 if not numbers_s or numbers_s.isdisjoint(numbers_t)
                       else len(numbers_s & numbers_t))
            latin = 0 if not latin_s or latin_s.isdisjoint(t.latin) else len(latin_s & t.latin)
            terms = 0 if not terms_s or terms_s.isdisjoint(t.terms) else len(terms_s & t.terms)
            names = 0
            if names_s and t.names:
                names_t = t.names
                key = (names_s, names_t)
                names = memo.get(key, -1)
                if names < 0:
                    if len(memo) >= _MEMO_MAX:
                        memo.clear()
                    names = memo[key] = sum(1 for name in names_s if found(name, names_t))
            cognates = (0 if not cognates_s or cognates_s.isdisjoint(t.cognates)
                        else len(cognates_s & t.cognates))
            missed = missable - latin - terms - names
            out.append(value + (_MATCH * (numbers + latin + terms + names) - _MISS * missed
                                - _MISS_NUMBER * (count_s + len(numbers_t) - 2 * numbers)
                                + _COGNATE * cognates))
        return out

    def _found(self, name: str, candidates: frozenset[str]) -> bool:
        """`_name_found`, remembering which candidates each name was compared with: a name
        meets the same few candidates in every row of the band around it."""
        if name in candidates:
            return True
        close = self._close.get(name)
        if close is None:
            close = self._close[name] = set()
            compared = self._compared[name] = set()
        else:
            compared = self._compared[name]
            if candidates <= compared:
                return not close.isdisjoint(candidates)
        if len(compared) > _COMPARED_MAX:  # bounded: a long text meets ever new candidates
            compared.clear()
            close.clear()
        hit = False
        for candidate in candidates:
            if candidate not in compared:
                compared.add(candidate)
                if _names_close(name, candidate):
                    close.add(candidate)
                    hit = True
            elif candidate in close:
                hit = True
        return hit


_ROOT2 = math.sqrt(2)
_COMPARED_MAX = 4096
_MEMO_MAX = 1 << 16


def _scorer(ratio: float, priors: dict[tuple[int, int], float]) -> _Scorer:
    """The bead scorer for one document's length ratio and one level's priors."""
    return _Scorer(ratio, priors)


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
assert _SHAPES == ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1))


def _band_rows(n: int, m: int) -> list[tuple[int, int]]:
    """Each row's first and last column in the band |j - i·m/n| ≤ band (all for short texts)."""
    band = max(_BAND, abs(n - m) + 5)
    reach = band * max(n, 1)
    if n == 0:
        return [(0, m)]
    # ceil((i·m - reach) / n) .. floor((i·m + reach) / n), in integers: no cell lost to rounding
    return [(max(0, -((reach - i * m) // n)), min(m, (i * m + reach) // n)) for i in range(n + 1)]


def _shifted(row: Sequence[float], offset: int, width: int) -> list[float]:
    """`row[x + offset]` for x in range(width), NaN where that falls outside the row: another
    row's cells as seen from this row's columns."""
    start, stop = offset, offset + width
    inside = list(row[max(start, 0):max(min(stop, len(row)), 0)])
    before = [math.nan] * min(max(-start, 0), width)
    after = [math.nan] * (width - len(before) - len(inside))
    return before + inside + after


def _gathered(totals: list[float], values: Sequence[float], starts: Sequence[float],
              ) -> list[float]:
    """Each cell's running log-sum after one more incoming bead (`starts[x] + values[x]`, NaN
    where there is none), added as the programme has always added: log(e^old + e^new), `new`
    itself where `old` is -inf. A bead from an unreachable cell brings -inf, which leaves the
    sum as it was (old + log1p(0))."""
    inf, log1p, exp = math.inf, math.log1p, math.exp
    # -abs(old - new) is new - old where old > new, old - new otherwise, to the bit (rounding
    # is symmetric in sign), so the larger term needs no abs().
    return [old if new != new else new if old == -inf
            else old + log1p(exp(new - old)) if old > new else new + log1p(exp(old - new))
            for old, new in zip(totals, map(add, starts, values), strict=True)]


class _Flat:
    """A programme's rows end to end in one buffer, row `i` at `starts[i]:starts[i + 1]`: the
    rows cost no object each (an array's header is 64 bytes, and a text has five per row)."""

    def __init__(self, buffer: Any, starts: list[int]) -> None:
        self.buffer = buffer
        self.starts = starts

    def __getitem__(self, i: int) -> Any:
        return self.buffer[self.starts[i]:self.starts[i + 1]]

    def at(self, i: int, x: int) -> Any:
        return self.buffer[self.starts[i] + x]

    def put(self, i: int, row: Any) -> None:
        self.buffer[self.starts[i]:self.starts[i + 1]] = row


def _best_path(src: Sequence[_Side], tgt: Sequence[_Side], score: _Scorer,
               ) -> list[tuple[Bead, float]]:
    """Viterbi path over beads, each with its forward-backward posterior.

    Only cells in the band are kept, row after row in one flat array a figure, and only beads
    that start at a reachable cell and end in the band are scored: any other bead cannot lie on
    a path from the first cell to the last. Each row's cells gather their incoming beads, a
    whole row at a time, in the order a cell by cell, bead by bead sweep brings them (rows, then
    columns, then `_SHAPES`), so every sum is the same to the last bit. What is kept for the
    whole text is each cell's forward score, a byte for its best bead and the scores of its
    three beads that link sentences (a drop's score is its prior; NaN marks a bead not scored);
    Viterbi scores live three rows, backward scores likewise, the path being known before the
    backward pass.
    """
    n, m = len(src), len(tgt)
    rows = _band_rows(n, m)
    inf, nan, log1p, exp = math.inf, math.nan, math.log1p, math.exp
    down, right = score.log_priors[(1, 0)], score.log_priors[(0, 1)]
    # Two-sentence target sides live only while the band's window covers them.
    two_tgt: dict[int, _Side] = {}

    def two(j: int) -> _Side:
        merged = two_tgt.get(j)
        if merged is None:
            merged = two_tgt[j] = tgt[j].merged(tgt[j + 1])
        return merged

    row_starts = [0]
    for low, high in rows:
        row_starts.append(row_starts[-1] + high - low + 1)
    cells_in_band = row_starts[-1]
    forward = _Flat(array("d", [nan]) * cells_in_band, row_starts)
    back = _Flat(bytearray(cells_in_band), row_starts)
    # Linked beads' scores by start row: (1, 1), (1, 2), (2, 1).
    one_one = _Flat(array("d", [nan]) * cells_in_band, row_starts)
    one_two = _Flat(array("d", [nan]) * cells_in_band, row_starts)
    two_one = _Flat(array("d", [nan]) * cells_in_band, row_starts)
    best: list[list[float]] = []  # Viterbi rows, the last two
    for i, (low, high) in enumerate(rows):
        width = high - low + 1
        f_row = [-inf] * width
        v_row = [-inf] * width
        b_row = [255] * width
        # Incoming beads as (shape, scores, start row, its forward and Viterbi rows, columns
        # back): (2, 1) from row i - 2, then (1, 2), (1, 1) and the drop (1, 0) from i - 1.
        incoming: list[tuple[int, Sequence[float], int, Sequence[float], Sequence[float],
                             int]] = []
        if i >= 2:
            incoming.append((4, two_one[i - 2], i - 2, forward[i - 2], best[-2], 1))
        if i >= 1:
            incoming += [(3, one_two[i - 1], i - 1, forward[i - 1], best[-1], 2),
                         (2, one_one[i - 1], i - 1, forward[i - 1], best[-1], 1),
                         (1, (), i - 1, forward[i - 1], best[-1], 0)]
        else:
            f_row[0] = v_row[0] = 0.0
        for shape, bead_scores, start, starts, vstarts, d in incoming:
            offset = low - d - rows[start][0]
            values = ([down] * width if shape == 1
                      else _shifted(bead_scores, offset, width))  # NaN: no such bead
            f_row = _gathered(f_row, values, _shifted(starts, offset, width))
            candidates = [v + value for v, value in
                          zip(_shifted(vstarts, offset, width), values, strict=True)]
            better = [c > v for c, v in zip(candidates, v_row, strict=True)]
            if any(better):
                v_row = [c if up else v for c, v, up in zip(candidates, v_row, better,
                                                            strict=True)]
                b_row = [shape if up else b for b, up in zip(b_row, better, strict=True)]
        # The drop (0, 1) comes from the cell to the left, which has all its beads by then.
        here, viterbi = f_row[0], v_row[0]
        for x in range(1, width):
            old = f_row[x]
            if here != -inf:
                new = here + right
                here = f_row[x] = new if old == -inf else (
                    (old if old > new else new) + log1p(exp(-abs(old - new))))
                candidate = viterbi + right
                if candidate > v_row[x]:
                    v_row[x] = candidate
                    b_row[x] = 0
            else:
                here = old
            viterbi = v_row[x]
        # This row's linked beads, scored where they start at a reachable cell and end in the
        # band.
        for by_row, k, d in ((one_one, 1, 1), (one_two, 1, 2), (two_one, 2, 1)):
            row_scores = [nan] * width
            if i + k <= n:
                end_low, end_high = rows[i + k]
                first, last = max(low, end_low - d), min(high, end_high - d, m - d)
                if first <= last:
                    s = src[i] if k == 1 else src[i].merged(src[i + 1])
                    targets = ([tgt[j] for j in range(first, last + 1)] if d == 1
                               else [two(j) for j in range(first, last + 1)])
                    row_scores[first - low:last - low + 1] = score.row(s, targets, (k, d))
                    for x in range(first - low, last - low + 1):
                        if f_row[x] == -inf:
                            row_scores[x] = nan  # a dead start: no path uses the bead
            by_row.put(i, array("d", row_scores))
        forward.put(i, array("d", f_row))
        back.put(i, bytearray(b_row))
        best.append(v_row)
        if len(best) > 2:
            del best[0]
        if i < n:
            for j in range(low, rows[i + 1][0]):
                two_tgt.pop(j, None)  # no later row's band starts this far left
    two_tgt.clear()
    del best
    if forward.at(n, m - rows[n][0]) == -inf:
        return []
    cells = [(n, m)]  # the Viterbi path, last cell first
    while cells[-1] != (0, 0):
        i, j = cells[-1]
        k, d = _SHAPES[back.at(i, j - rows[i][0])]
        cells.append((i - k, j - d))
    del back
    on_path = {cell: -inf for cell in cells}
    linked = {(1, 1): one_one, (1, 2): one_two, (2, 1): two_one}

    backward: dict[int, list[float]] = {}
    for i in range(n, -1, -1):
        low, high = rows[i]
        width = high - low + 1
        w_row = [-inf] * width
        if i == n:
            w_row[m - low] = 0.0
        # A drop's score is its prior, where it starts at a reachable cell.
        drops = [down if f != -inf else nan for f in forward[i]]
        # Outgoing beads in the order the backward sweep takes them: (2, 1), (1, 2), (1, 1),
        # (1, 0), each with the backward score of its end in this row's columns (NaN outside
        # the band), then (0, 1) to the next cell of this row, whose sum is complete by then.
        for (k, d), by_start in (((2, 1), two_one), ((1, 2), one_two), ((1, 1), one_one),
                                 ((1, 0), None)):
            if i + k <= n:
                afters = _shifted(backward[i + k], low + d - rows[i + k][0], width)
                w_row = _gathered(w_row, drops if by_start is None else by_start[i], afters)
        after = w_row[-1]
        for x in range(width - 2, -1, -1):
            acc = w_row[x]
            if after != -inf and drops[x] == drops[x]:
                new = right + after
                acc = w_row[x] = new if acc == -inf else (
                    (acc if acc > new else new) + log1p(exp(-abs(acc - new))))
            after = acc
        backward[i] = w_row
        for cell in ((i, j) for j in range(low, high + 1) if (i, j) in on_path):
            on_path[cell] = w_row[cell[1] - low]
        backward.pop(i + 2, None)  # rows behind the pass are no longer read
    total = forward.at(n, m - rows[n][0])
    path: list[tuple[Bead, float]] = []
    for (i, j), (start_i, start_j) in pairwise(cells):
        k, d = i - start_i, j - start_j
        if (k, d) in linked:
            value = linked[(k, d)].at(start_i, start_j - rows[start_i][0])
        else:
            value = down if k else right
        posterior = exp(forward.at(start_i, start_j - rows[start_i][0]) + value
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
                 numbers=_keys(_key(q) for q in quantities.russian(text)),
                 latin=_keys(w.lower() for w in _LATIN.findall(text) if len(w) > 1),
                 names=_keys(names), terms=_frozen(terms.mentioned(text)),
                 cognates=_keys(_cognate(w) for w in russian.words(text)
                                if len(w) >= _COGNATE_MIN))


def _target_side(text: str, terms: _GlossaryTerms, source_latin: frozenset[str] | None = None,
                 source_cognates: frozenset[str] | None = None) -> _Side:
    """The English sentence's side; given the source's Latin words and cognate keys, only those
    are kept of its own (every English word is Latin-script, and the scorer reads the target's
    Latin words and cognates only where they meet the source's: the scores are the same)."""
    from retranslate.language.russian import name_key

    words = _LATIN.findall(text)
    latin: Iterable[str] = (w.lower() for w in words)
    cognates: Iterable[str] = (_cognate(w) for w in words if len(w) >= _COGNATE_MIN)
    if source_latin is not None:
        latin = (w for w in latin if w in source_latin)
    if source_cognates is not None:
        cognates = (c for c in cognates if c in source_cognates)
    return _Side(length=len(text),
                 numbers=_keys(_key(q) for q in quantities.english(text)),
                 latin=_keys(latin),
                 names=_keys(name_key(m.group()) for m in _CAPITALISED_EN.finditer(text)),
                 terms=_frozen(terms.rendered(text)), cognates=_keys(cognates))


def _vocabulary(sides: Sequence[_Side], anchor: str) -> frozenset[str]:
    """Every key of one anchor across the sides."""
    found: set[str] = set()
    for side in sides:
        found.update(getattr(side, anchor))
    return frozenset(found)


def _keep_only(sides: Sequence[_Side], anchor: str, wanted: frozenset[str]) -> None:
    """Drop from each side's anchor set the keys the other text never has: an anchor only
    one text has can never be shared, and the scorer counts these anchors only where shared."""
    for side in sides:
        keys = getattr(side, anchor)
        if not keys <= wanted:
            setattr(side, anchor, _frozen(keys & wanted))


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


class _GlossaryTerms:
    """The glossary entries with source words, as the two sides find them: the Russian by the
    mention index, the English by each entry's rendering pattern, tried only where the ASCII
    part of every word of one of its renderings occurs (one Aho-Corasick pass over the sentence
    finds them all)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        from retranslate.language.russian import mention_index

        self._entries = {i: e for i, e in enumerate(entries) if e.source}
        self._index = mention_index(tuple(entry.source for entry in entries)) if entries else None
        self._always: list[int] = []  # entries no word test can rule out
        self._forms: dict[int, tuple[frozenset[str], ...]] = {}
        self._by_first: dict[str, list[int]] = {}
        for i, entry in self._entries.items():
            forms = _rendering_words(entry)
            if forms is None:
                self._always.append(i)
                continue
            self._forms[i] = tuple(frozenset(form) for form in forms)
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
        if has_case_blind_lookalike(text) or not self._words:
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
                          if any(form <= present for form in self._forms[i])}
            candidates.update(self._always)
        return frozenset(i for i in candidates if _renders(text, self._entries[i]))


def _rendering_words(entry: Entry) -> tuple[tuple[str, ...], ...] | None:
    """For each rendering, the lower-cased runs of ASCII characters in its words: a text the
    rendering's pattern matches contains every one of them in its lower-cased form (outside
    the lookalikes, an ASCII character matches case-blind only its own two cases, and lower()
    makes no ASCII of anything else). None where some rendering has no run to test (no words,
    or none in ASCII), so nothing rules the entry out."""
    forms = [f.split() for f in (entry.target, *entry.accept, *entry.wrong) if f]
    runs = [tuple(run.lower() for word in form for run in _ASCII_RUN.findall(word))
            for form in forms]
    if not all(runs):
        return None
    return tuple(runs)


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
