"""The aligner's fast paths against plain reference implementations: the same answers.

The mention index against `mentions` (and term-omitted's cheap test) on every Russian sentence of
the test pairs and on generated text; the English rendering test behind its Aho-Corasick pass
against each entry's pattern; the band rows against the band's definition; the written-out
scorer against the plain length and anchor terms; and the flat-array dynamic programme against
the plain dictionary one it replaced, on short texts and on long ones where the band binds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from retranslate.checks.term_omitted import _mentioned
from retranslate.glossary import default_glossary_path, load_glossary
from retranslate.glossary.model import Glossary
from retranslate.language import align as aligner
from retranslate.language import russian
from retranslate.language.segment import split_sentences
from retranslate.models import Segment

PAIRS = sorted(DATA.glob("align/*.en.txt")) + sorted(DATA.glob("source-dev/*.en.txt"))
Score = Callable[[aligner._Side | None, aligner._Side | None, tuple[int, int]], float]


def _glossaries() -> list[Glossary]:
    return [load_glossary([default_glossary_path()]),
            load_glossary([DATA / "align" / "glossary.toml"])]


def _texts(lang: str) -> list[str]:
    suffix = ".ru.txt" if lang == "ru" else ".en.txt"
    return [s.text for en in PAIRS
            for s in split_sentences(Path(str(en)[:-len(".en.txt")] + suffix).read_text("utf-8"),
                                     lang)]


def _pair(en: Path) -> tuple[list[Segment], list[Segment]]:
    ru = Path(str(en)[:-len(".en.txt")] + ".ru.txt")
    return (split_sentences(ru.read_text(encoding="utf-8"), "ru"),
            split_sentences(en.read_text(encoding="utf-8"), "en"))


# --- mentions ---------------------------------------------------------------------------------

def _plain_mentioned(text: str, glossary: Glossary) -> frozenset[int]:
    return frozenset(i for i, e in enumerate(glossary.entries)
                     if e.source and russian.mentions(text, e.source))


def _cheap_test_mentioned(text: str, glossary: Glossary) -> frozenset[int]:
    present = set().union(*(russian.lemmas(w) for w in russian.words(text)))
    return frozenset(i for i, e in enumerate(glossary.entries)
                     if e.source and _mentioned(text, e, present))


def test_mention_index_is_mentions_on_the_test_pairs() -> None:
    texts = _texts("ru")
    assert len(texts) > 100
    for glossary in _glossaries():
        index = russian.MentionIndex([e.source for e in glossary.entries])
        hits = 0
        for text in texts:
            found = index.mentioned(text)
            assert found == _plain_mentioned(text, glossary)
            assert found == _cheap_test_mentioned(text, glossary)
            hits += len(found)
        assert hits > 10  # the sentences do mention glossary terms


_GLOSSARY = _glossaries()[0]
_VOCABULARY = sorted({w for e in _GLOSSARY.entries for t in e.source for w in russian.words(t)}
                     | {"протестующих", "Комендантского", "часа", "МВД", "мародёры", "стали",
                        "болгаркой", "светошумовые", "гранаты", "и", "в", "на", "Москве"})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=12),
       st.lists(st.sampled_from([" ", ", ", " — ", "-", ". "]), min_size=12, max_size=12))
def test_mention_index_is_mentions_on_generated_text(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    index = russian.mention_index(tuple(e.source for e in _GLOSSARY.entries))
    assert index.mentioned(text) == _plain_mentioned(text, _GLOSSARY)


def test_mention_index_without_pymorphy_is_the_prefix_fallback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    index = russian.MentionIndex([e.source for e in _GLOSSARY.entries])
    monkeypatch.setattr(russian, "_morph", lambda: None)
    for text in _texts("ru")[:80]:
        assert index.mentioned(text) == _plain_mentioned(text, _GLOSSARY)


# --- renderings -------------------------------------------------------------------------------

def _plain_rendered(text: str, glossary: Glossary) -> frozenset[int]:
    return frozenset(i for i, e in enumerate(glossary.entries)
                     if e.source and aligner._renders(text, e))


def test_rendered_terms_are_each_patterns_answer_on_the_test_pairs() -> None:
    texts = _texts("en")
    for glossary in _glossaries():
        terms = aligner._GlossaryTerms(glossary.entries)
        hits = 0
        for text in texts:
            found = terms.rendered(text)
            assert found == _plain_rendered(text, glossary)
            hits += len(found)
        assert hits > 10


_ENGLISH = sorted({w for e in _GLOSSARY.entries for f in (e.target, *e.accept, *e.wrong)
                   for w in f.split()} | {"the", "police", "said", "İ", "ı", "ſ", "\u212a"})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ENGLISH), max_size=10),
       st.lists(st.sampled_from([" ", "\n", "  ", "-", "’s ", "s "]), min_size=10, max_size=10),
       st.booleans())
def test_rendered_terms_on_generated_text(words: list[str], gaps: list[str],
                                          shout: bool) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    text = text.upper() if shout else text
    terms = aligner._GlossaryTerms(_GLOSSARY.entries)
    assert terms.rendered(text) == _plain_rendered(text, _GLOSSARY)


# --- the band ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "m"), [(0, 0), (0, 3), (3, 0), (1, 1), (7, 9), (50, 50),
                                      (90, 61), (61, 90), (200, 230), (301, 299)])
def test_band_rows_are_the_bands_cells(n: int, m: int) -> None:
    band = max(aligner._BAND, abs(n - m) + 5)
    rows = aligner._band_rows(n, m)
    for i in range(n + 1):
        inside = [j for j in range(m + 1) if abs(i * m - j * n) <= band * max(n, 1)]
        assert (rows[i][0], rows[i][1]) == (inside[0], inside[-1])
        assert inside == list(range(inside[0], inside[-1] + 1))


# --- the scorer and the programme ------------------------------------------------------------

def _plain_scorer(ratio: float, priors: dict[tuple[int, int], float]) -> Score:
    """The scorer as it was: prior, Gale-Church length term, anchors, each a plain function."""
    def length_logp(source: int, target: int) -> float:
        mean = (source + target / ratio) / 2 or 1
        delta = (target - source * ratio) / math.sqrt(mean * aligner._VARIANCE)
        return math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12))

    def anchors(s: aligner._Side, t: aligner._Side) -> float:
        matched = len(s.numbers & t.numbers) + len(s.latin & t.latin) + len(s.terms & t.terms)
        names = sum(1 for name in s.names if aligner._name_found(name, t.names))
        missed = len(s.latin - t.latin) + len(s.terms - t.terms) + len(s.names) - names
        return (aligner._MATCH * (matched + names) - aligner._MISS * missed
                - aligner._MISS_NUMBER * len(s.numbers ^ t.numbers)
                + aligner._COGNATE * len(s.cognates & t.cognates))

    def score(s: aligner._Side | None, t: aligner._Side | None, shape: tuple[int, int]) -> float:
        value = math.log(priors[shape])
        if s is not None and t is not None:
            value += length_logp(s.length, t.length)
        value += anchors(s, t) if s is not None and t is not None else 0.0
        return value
    return score


def _plain_best_path(src: Sequence[aligner._Side], tgt: Sequence[aligner._Side], score: Score,
                     ) -> list[tuple[aligner.Bead, float]]:
    """The dynamic programme as it was: every band cell's beads in a dictionary, in sorted order."""
    n, m = len(src), len(tgt)
    band = max(aligner._BAND, abs(n - m) + 5)

    def side(sides: Sequence[aligner._Side], start: int, count: int) -> aligner._Side | None:
        if count == 0:
            return None
        return sides[start] if count == 1 else sides[start].merged(sides[start + 1])

    def logaddexp(a: float, b: float) -> float:
        if a == -math.inf:
            return b
        if b == -math.inf:
            return a
        return max(a, b) + math.log1p(math.exp(-abs(a - b)))

    beads: dict[aligner.Bead, float] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            if abs(i * m - j * n) > band * max(n, 1):
                continue
            for k, d in aligner._PRIORS:
                if i + k <= n and j + d <= m:
                    beads[(i, j, k, d)] = score(side(src, i, k), side(tgt, j, d), (k, d))
    forward = {(0, 0): 0.0}
    best: dict[tuple[int, int], tuple[float, aligner.Bead | None]] = {(0, 0): (0.0, None)}
    for (i, j, k, d), value in sorted(beads.items()):
        if (i, j) not in forward:
            continue
        end = (i + k, j + d)
        forward[end] = logaddexp(forward.get(end, -math.inf), forward[(i, j)] + value)
        candidate = best[(i, j)][0] + value
        if end not in best or candidate > best[end][0]:
            best[end] = (candidate, (i, j, k, d))
    backward = {(n, m): 0.0}
    for (i, j, k, d), value in sorted(beads.items(), reverse=True):
        end = (i + k, j + d)
        if end in backward:
            backward[(i, j)] = logaddexp(backward.get((i, j), -math.inf), value + backward[end])
    total = forward[(n, m)]
    path: list[tuple[aligner.Bead, float]] = []
    cell = (n, m)
    while cell != (0, 0):
        bead = best[cell][1]
        assert bead is not None
        i, j, k, d = bead
        posterior = math.exp(forward[(i, j)] + beads[bead] + backward[cell] - total)
        path.append((bead, min(1.0, posterior)))
        cell = (i, j)
    return path[::-1]


def _sides(en: Path, glossary: Glossary | None,
           ) -> tuple[list[aligner._Side], list[aligner._Side]]:
    ru_segments, en_segments = _pair(en)
    terms = aligner._GlossaryTerms(glossary.entries if glossary is not None else ())
    return ([aligner._source_side(s.text, terms) for s in ru_segments],
            [aligner._target_side(s.text, terms) for s in en_segments])


@pytest.mark.parametrize("en", PAIRS, ids=lambda p: p.name)
def test_programme_and_scorer_are_the_plain_ones_on_the_test_pairs(en: Path) -> None:
    src, tgt = _sides(en, _GLOSSARY)
    for priors in (aligner._PRIORS, aligner._PARAGRAPH_PRIORS):
        fast, plain = aligner._scorer(1.1, priors), _plain_scorer(1.1, priors)
        for s in [None, *src, src[0].merged(src[-1])]:
            for t in [None, *tgt[:12]]:
                for shape in priors:
                    if s is not None or t is not None:
                        assert fast(s, t, shape) == plain(s, t, shape)
        # Short texts: the full band, and every figure the same to the last bit.
        assert aligner._best_path(src, tgt, fast) == _plain_best_path(src, tgt, plain)


def test_programme_on_a_long_text_is_the_plain_one() -> None:
    """All the test pairs end to end (hundreds of sentences), so the band binds: the same path
    and posteriors, to the last bit."""
    src: list[aligner._Side] = []
    tgt: list[aligner._Side] = []
    for en in PAIRS:
        s, t = _sides(en, _GLOSSARY)
        src += s
        tgt += t
    assert len(src) > 3 * aligner._BAND
    rows = aligner._band_rows(len(src), len(tgt))
    assert rows[0][1] < len(tgt)  # the band leaves cells out
    score = aligner._scorer(1.1, aligner._PRIORS)
    assert aligner._best_path(src, tgt, score) == _plain_best_path(src, tgt, score)


def test_programme_follows_a_path_far_off_the_diagonal() -> None:
    """A target that opens with 20 sentences of another article, and a source that ends with 20
    of a third: the path runs about 20 cells off the diagonal, inside the band, as in the plain
    programme."""
    sides = [_sides(en, _GLOSSARY) for en in PAIRS]
    src = [s for pair in sides[:4] for s in pair[0]]
    tgt = [t for pair in sides[:4] for t in pair[1]]
    extra_tgt = [t for pair in sides[4:] for t in pair[1]][:20]
    extra_src = [s for pair in sides[8:] for s in pair[0]][:20]
    src_long, tgt_long = src + extra_src, extra_tgt + tgt
    score = aligner._scorer(1.0, aligner._PRIORS)
    path = aligner._best_path(src_long, tgt_long, score)
    assert path == _plain_best_path(src_long, tgt_long, score)
    assert max(j - i for (i, j, _, _), _ in path) >= 15  # far off the diagonal, as it must be
