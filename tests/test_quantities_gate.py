"""The quantity readers' gates against their full scans: the same quantities, or none.

`quantities.russian` skips the scan of a text without a digit and `quantities.english` that of a
text with neither a digit nor a number word standing alone; each must answer what the scan
answers, on the test pairs, the shared corpus and generated text that puts number words, scale
words, digits and look-alike letters side by side.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, SHARED
from retranslate.language import quantities
from retranslate.language.segment import split_sentences


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8")
             for p in sorted(DATA.glob("align/*.txt")) + sorted(DATA.glob("source-dev/*.txt"))]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((SHARED / "corpus").glob("**/*.txt"))]
    return [s.text for text in texts for s in split_sentences(text, "en")]


def test_the_gates_answer_as_the_scans_on_real_sentences() -> None:
    sentences = _sentences()
    assert len(sentences) > 300
    skipped_en = skipped_ru = 0
    for text in sentences:
        assert quantities.english(text) == quantities._english(text)
        assert quantities.russian(text) == quantities._russian(text)
        skipped_en += not quantities._may_hold_english(text)
        skipped_ru += quantities._DIGIT.search(text) is None
    # The gates do skip most sentences (else they are not worth having).
    assert skipped_en > len(sentences) // 3 and skipped_ru > len(sentences) // 2


_PIECES = ["a", "A", "one", "One and a half", "eleven", "thousand", "thousands", "Million",
           "hundreds", "someone", "often", "tension", "per cent", "%", "percent", "at", "pm",
           "7", "23:00", "1,5", "March", "марта", "тыс.", "процентов", "ſ", "\u212a",
           "İ", "ı", "ſeven", "thouſand", "\u212aeleven", "Mİllion", "ſt", "\u212a", "and",
           "to", "-", "–", "twenty-one", "Nine", "x", "_ten", "tenth"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8),
       st.lists(st.sampled_from([" ", "", "\n", ", ", "."]), min_size=8, max_size=8))
def test_the_gates_answer_as_the_scans_on_generated_text(pieces: list[str],
                                                         gaps: list[str]) -> None:
    text = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    assert quantities.english(text) == quantities._english(text)
    assert quantities.russian(text) == quantities._russian(text)


def test_a_number_word_with_a_look_alike_letter_reads_as_the_word() -> None:
    """The case-blind pattern takes ſ for s and the Kelvin sign for k; the tables must too
    (the look-up raised KeyError on "ſeven")."""
    found = quantities.english("Police said ſeven people and \u212aeleven... no, six thouſand.")
    assert [(q.kind, q.value) for q in found] == [("number", "7"), ("number", "6000")]
    assert quantities.english("on Dec 2nd ſt") == quantities._english("on Dec 2nd ſt")
