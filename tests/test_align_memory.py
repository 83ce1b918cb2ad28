"""The aligner's compact sides against plain ones: the same sets, the same scores and paths.

The aligner keeps less per sentence than it used to (shared sets, unions that reuse an operand,
the target's Latin words and cognates cut to those the source has); each saving must leave every
score and posterior as it was, to the last bit.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from retranslate.glossary import default_glossary_path, load_glossary
from retranslate.language import align as aligner
from retranslate.language.segment import split_sentences

PAIRS = sorted(DATA.glob("align/*.en.txt")) + sorted(DATA.glob("source-dev/*.en.txt"))
_GLOSSARY = load_glossary([default_glossary_path()])
_ANCHORS = ("numbers", "latin", "names", "terms", "cognates")


def _segments(en: Path, suffix: str, lang: str) -> list[str]:
    path = Path(str(en)[:-len(".en.txt")] + suffix)
    return [s.text for s in split_sentences(path.read_text(encoding="utf-8"), lang)]


def _all_sides(cut: bool) -> tuple[list[aligner._Side], list[aligner._Side]]:
    """Every test pair's sentences end to end, built plainly or the way `align` builds them."""
    terms = aligner._GlossaryTerms(_GLOSSARY.entries)
    ru = [t for en in PAIRS for t in _segments(en, ".ru.txt", "ru")]
    en_texts = [t for en in PAIRS for t in _segments(en, ".en.txt", "en")]
    src = [aligner._source_side(text, terms) for text in ru]
    if not cut:
        return src, [aligner._target_side(text, terms) for text in en_texts]
    latin = aligner._vocabulary(src, "latin")
    cognates = aligner._vocabulary(src, "cognates")
    tgt = [aligner._target_side(text, terms, latin, cognates) for text in en_texts]
    aligner._keep_only(src, "cognates", aligner._vocabulary(tgt, "cognates"))
    return src, tgt


def _plain_merge(sides: list[aligner._Side]) -> tuple[object, ...]:
    return (sum(s.length for s in sides),
            *(frozenset().union(*(getattr(s, a) for s in sides)) for a in _ANCHORS))


def _as_tuple(side: aligner._Side) -> tuple[object, ...]:
    return (side.length, *(getattr(side, a) for a in _ANCHORS))


def test_cut_sides_score_and_align_as_the_plain_ones() -> None:
    plain_src, plain_tgt = _all_sides(cut=False)
    src, tgt = _all_sides(cut=True)
    # The cut is real: the English keeps far fewer Latin words than it has.
    assert sum(len(t.latin) for t in tgt) * 3 < sum(len(t.latin) for t in plain_tgt)
    for priors in (aligner._PRIORS, aligner._PARAGRAPH_PRIORS):
        score = aligner._scorer(1.1, priors)
        for i in range(0, len(src), 7):
            for j in range(max(0, i - 3), min(len(tgt), i + 4)):
                for shape in ((1, 1), (2, 1), (1, 2)):
                    k, d = shape
                    s = aligner._merge(src, range(i, min(i + k, len(src))))
                    t = aligner._merge(tgt, range(j, min(j + d, len(tgt))))
                    ps = aligner._merge(plain_src, range(i, min(i + k, len(src))))
                    pt = aligner._merge(plain_tgt, range(j, min(j + d, len(tgt))))
                    assert score(s, t, shape) == score(ps, pt, shape)
        assert aligner._best_path(src, tgt, score) == aligner._best_path(plain_src, plain_tgt,
                                                                         score)


def test_merged_runs_are_the_plain_unions_on_the_test_pairs() -> None:
    src, tgt = _all_sides(cut=True)
    for sides in (src, tgt):
        for start in range(0, len(sides) - 3, 5):
            for count in (1, 2, 3):
                run = list(range(start, start + count))
                merged = aligner._merge(sides, run)
                assert _as_tuple(merged) == _plain_merge([sides[x] for x in run])
                if count == 1:
                    assert merged is sides[start]  # a run of one keeps no copy


_KEYS = st.frozensets(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=6)
_SIDES = st.builds(aligner._Side, st.integers(0, 500), _KEYS, _KEYS, _KEYS,
                   st.frozensets(st.integers(0, 5), max_size=6), _KEYS)


@given(st.lists(_SIDES, min_size=1, max_size=5))
def test_merged_runs_are_the_plain_unions_on_generated_sides(sides: list[aligner._Side]) -> None:
    merged = aligner._merge(sides, range(len(sides)))
    assert _as_tuple(merged) == _plain_merge(sides)


@given(_KEYS, _KEYS)
def test_union_is_the_set_union(a: frozenset[str], b: frozenset[str]) -> None:
    assert aligner._union(a, b) == a | b
    assert aligner._frozen(a) == a
