"""Issue 14's second round of shortcuts give what the plain way gives.

Each shortcut is compared with the plain code it replaced, kept here as the reference, on the
shared corpus (read from ../shared), the corpus joined into one long line, sentences written
here, and generated text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import glossary as glossary_check
from retranslate.checks import transliterated
from retranslate.glossary.conditions import _words_pattern, _words_pattern_fast
from retranslate.glossary.model import Entry
from retranslate.language.vocabulary import Vocabulary
from test_fast_words import _corpus


# transliterated: the candidate words as first read, one stripped token at a time.
def _plain_transliterated(text: str) -> tuple[set[str], set[str]]:
    words = {w.strip(transliterated._PUNCTUATION) for w in set(text.split())}
    abbreviations = {w for w in words
                     if w.lower() in transliterated._ABBREVIATIONS and not w.islower()}
    russian = {w for w in words if len(w) >= 6 and w.isalpha() and w.islower() and w.isascii()
               and transliterated._RUSSIAN_SPELLING.search(w)}
    return abbreviations, russian


def _fast_transliterated(text: str) -> tuple[set[str], set[str]]:
    joined = " " + Vocabulary(text).joined
    abbreviations = {w for w in transliterated._ABBREVIATION_TOKEN.findall(joined)
                     if w.lower() in transliterated._ABBREVIATIONS and not w.islower()
                     } if transliterated._any_abbreviation(joined.lower()) else set()
    return abbreviations, set(transliterated._RUSSIAN_TOKEN.findall(joined))


def _agree(text: str) -> None:
    assert _fast_transliterated(text) == _plain_transliterated(text)


def test_the_token_shortcuts_agree_on_the_corpus() -> None:
    for text in _corpus():
        _agree(text)


def test_the_token_shortcuts_agree_at_the_edges_of_words() -> None:
    text = ("The (AZS) and «Gibdd», “ZHKKH”; dtp, Dtp. 'Mchs' SNG's azsx xazs "
            "pravitelstvo, (natsionalnogo) «ostavlenija». zhiguli ZHIGULI abc'kharkov "
            "kharkov'] [kharkov] pravitelstvo-x ſng vvS kolkhozes ogoogo tsts\n")
    _agree(text)
    abbreviations, russian = _plain_transliterated(text)
    assert {"AZS", "Gibdd", "ZHKKH", "Dtp", "Mchs", "vvS"} <= abbreviations
    assert {"pravitelstvo", "natsionalnogo", "ostavlenija", "kharkov"} <= russian


_PIECES = st.sampled_from(["azs", "AZS", "Vvs", "ſng", "sng", "tsik", "pravitelstvo", "ogo",
                           "kharkov", "zh", "abcdef", "stva", "enija", "x", "K", "\u212a",
                           " ", " ", "\n", "\u00a0", "\t", ".", ",", "(", ")", "[", "]", "'",
                           "’", "«", "»", "“", "-", "é", "İ", "1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_token_shortcuts_agree_on_generated_text(text: str) -> None:
    _agree(text)



# The glossary's condition phrases: the pattern opening with a class of first letters against
# the case-blind one opening with a look-behind, on every word list of the bundled glossary.
def _word_lists() -> list[tuple[str, ...]]:
    from retranslate.glossary import glossary_for

    entries = glossary_for().entries
    lists = {words for entry in entries for words in (entry.near_words, entry.not_near) if words}
    return sorted(lists)


def _same_word_matches(text: str, lists: list[tuple[str, ...]]) -> int:
    compared = 0
    for words in lists:
        fast = _words_pattern_fast(words)
        if fast is None:
            continue
        plain = [m.span() for m in _words_pattern(words).finditer(text)]
        assert [m.span() for m in fast.finditer(text)] == plain, words
        # Windows, as the check searches them: the look-behind still sees the character
        # before the window, the window's end is the text's end.
        for lo, hi in ((0, len(text) // 2), (len(text) // 3, len(text)), (5, 40)):
            assert (fast.search(text, lo, hi) is None) == \
                (_words_pattern(words).search(text, lo, hi) is None), words
        compared += 1
    return compared


def test_the_first_letter_pattern_finds_what_the_case_blind_one_finds_on_the_corpus() -> None:
    lists = _word_lists()
    for text in _corpus():
        assert _same_word_matches(text, lists) > 0.9 * len(lists)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["police", "POLICE", "Police", "riot", "x", "_", "-", "'", " ",
                                 "  ", "\n", "é", "1", "a", "the", "of", "protest", "Protesters",
                                 "rally", "ministry", "$", ".", "É"]), max_size=40).map("".join),
       st.lists(st.sampled_from(["police", "riot police", "protest", "the rally", "a", "$5",
                                 "É", "-x", "of the ministry", "1st"]), min_size=1,
                max_size=4).map(tuple))
def test_the_first_letter_pattern_agrees_on_generated_text(text: str,
                                                           words: tuple[str, ...]) -> None:
    _same_word_matches(text, [words])


def _plain_acronym_in_lower_case(entry: Entry, matched: str) -> bool:
    folded = matched.casefold()
    forms = [w for w in entry.wrong if w.casefold() == folded]
    return bool(forms) and all(w.isupper() for w in forms) and not matched.isupper()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["DND", "dnd", "Dnd", "UND", "und", "Air Force", "ß", "SS",
                                 "ss", "İ", "i"]), min_size=1, max_size=4).map(tuple),
       st.sampled_from(["DND", "dnd", "Dnd", "UND", "und", "air force", "ss", "SS", "ß", "i"]))
def test_initialisms_answer_as_the_forms_compared_one_by_one(wrong: tuple[str, ...],
                                                            matched: str) -> None:
    entry = Entry(id="x", target="y", wrong=wrong)
    assert glossary_check._acronym_in_lower_case(entry, matched) == \
        _plain_acronym_in_lower_case(entry, matched)
