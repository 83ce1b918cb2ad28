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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

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
    numbers: set[str] = field(default_factory=set)
    latin: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    terms: set[int] = field(default_factory=set)  # source: entries mentioned; target: rendered
    cognates: set[str] = field(default_factory=set)

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
    src = [_source_side(s.text, entries) for s in source]
    tgt = [_target_side(t.text, entries) for t in target]
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
    def score(s: _Side | None, t: _Side | None, shape: tuple[int, int]) -> float:
        value = math.log(priors[shape])
        if s is not None and t is not None:
            value += _length_logp(s.length, t.length, ratio)
        value += _anchors(s, t)
        return value
    return score


def _length_logp(source: int, target: int, ratio: float) -> float:
    """log P(lengths | same content), Gale & Church: two-sided normal tail of the difference."""
    mean = (source + target / ratio) / 2 or 1
    delta = (target - source * ratio) / math.sqrt(mean * _VARIANCE)
    p = math.erfc(abs(delta) / math.sqrt(2))
    return math.log(max(p, 1e-12))


def _anchors(s: _Side | None, t: _Side | None) -> float:
    """Shared anchors reward a link, one-sided ones count against it.

    A dropped or added sentence (one side None) pays nothing for its anchors: missing from the
    other side is what dropped means, and the bead's prior already prices the drop.
    """
    if s is None or t is None:
        return 0.0
    matched = len(s.numbers & t.numbers) + len(s.latin & t.latin) + len(s.terms & t.terms)
    names = sum(1 for name in s.names if _name_found(name, t.names))
    missed = len(s.latin - t.latin) + len(s.terms - t.terms) + len(s.names) - names
    return (_MATCH * (matched + names) - _MISS * missed
            - _MISS_NUMBER * len(s.numbers ^ t.numbers)
            + _COGNATE * len(s.cognates & t.cognates))


def _name_found(name: str, candidates: set[str]) -> bool:
    if name in candidates:
        return True
    from rapidfuzz import fuzz

    return any(fuzz.ratio(name, c) >= _NAME_SIMILARITY
               or (len(name) >= 4 and (c.startswith(name) or name.startswith(c)))
               for c in candidates)


def _best_path(src: Sequence[_Side], tgt: Sequence[_Side],
               score: Callable[[_Side | None, _Side | None, tuple[int, int]], float],
               ) -> list[tuple[Bead, float]]:
    """Viterbi path over beads, each with its forward-backward posterior."""
    n, m = len(src), len(tgt)
    band = max(_BAND, abs(n - m) + 5)

    def side(sides: Sequence[_Side], start: int, count: int) -> _Side | None:
        if count == 0:
            return None
        return sides[start] if count == 1 else sides[start].merged(sides[start + 1])

    beads: dict[Bead, float] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            # Long texts: only cells near the diagonal (|j - i·m/n| ≤ band) can be on the path.
            if abs(i * m - j * n) > band * max(n, 1):
                continue
            for k, d in _PRIORS:
                if i + k <= n and j + d <= m:
                    beads[(i, j, k, d)] = score(side(src, i, k), side(tgt, j, d), (k, d))
    forward = {(0, 0): 0.0}
    best: dict[tuple[int, int], tuple[float, Bead | None]] = {(0, 0): (0.0, None)}
    for (i, j, k, d), value in sorted(beads.items()):
        if (i, j) not in forward:
            continue
        end = (i + k, j + d)
        forward[end] = _logaddexp(forward.get(end, -math.inf), forward[(i, j)] + value)
        candidate = best[(i, j)][0] + value
        if end not in best or candidate > best[end][0]:
            best[end] = (candidate, (i, j, k, d))
    backward = {(n, m): 0.0}
    for (i, j, k, d), value in sorted(beads.items(), reverse=True):
        end = (i + k, j + d)
        if end in backward:
            backward[(i, j)] = _logaddexp(backward.get((i, j), -math.inf), value + backward[end])
    if (n, m) not in best:
        return []
    total = forward[(n, m)]
    path: list[tuple[Bead, float]] = []
    cell = (n, m)
    while cell != (0, 0):
        bead = best[cell][1]
        assert bead is not None
        i, j, k, d = bead
        posterior = math.exp(forward[(i, j)] + beads[bead] + backward[cell] - total)
        path.append((bead, min(1.0, posterior)))
        cell = (i, j)
    path.reverse()
    return path


def _logaddexp(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    high = max(a, b)
    return high + math.log1p(math.exp(-abs(a - b)))


def _source_side(text: str, entries: Sequence[Entry]) -> _Side:
    from retranslate.language import russian

    side = _Side(length=len(text))
    side.numbers = {_key(q) for q in quantities.russian(text)}
    side.latin = {w.lower() for w in _LATIN.findall(text) if len(w) > 1}
    for match in _CAPITALISED_RU.finditer(text):
        word = match.group()
        if match.start() == _first_letter(text) and not russian.is_proper_name(word):
            continue
        side.names.add(russian.name_key(russian.nominative(word)))
    side.cognates = {_cognate(w) for w in russian.words(text) if len(w) >= _COGNATE_MIN}
    if entries:
        side.terms = {i for i, entry in enumerate(entries)
                      if entry.source and _may_mention(text, entry)}
    return side


def _target_side(text: str, entries: Sequence[Entry]) -> _Side:
    from retranslate.language.russian import name_key

    side = _Side(length=len(text))
    side.numbers = {_key(q) for q in quantities.english(text)}
    side.latin = {w.lower() for w in _LATIN.findall(text)}
    side.names = {name_key(m.group()) for m in _CAPITALISED_EN.finditer(text)}
    side.cognates = {_cognate(w) for w in _LATIN.findall(text) if len(w) >= _COGNATE_MIN}
    if entries:
        side.terms = {i for i, entry in enumerate(entries)
                      if entry.source and _renders(text, entry)}
    return side


@lru_cache(maxsize=65536)
def _cognate(word: str) -> str:
    from retranslate.language.russian import name_key

    return name_key(word)[:4]


def _key(q: quantities.Quantity) -> str:
    return f"{q.kind[0]}{q.value}" if q.kind in ("time", "date") else q.value


def _first_letter(text: str) -> int:
    return next((i for i, ch in enumerate(text) if ch.isalpha()), 0)


def _may_mention(text: str, entry: Entry) -> bool:
    from retranslate.language.russian import mentions

    return mentions(text, entry.source)


@lru_cache(maxsize=4096)
def _rendering_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms if f)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def _renders(text: str, entry: Entry) -> bool:
    forms = (entry.target, *entry.accept, *entry.wrong)
    return _rendering_pattern(forms).search(text) is not None
