"""The byte-level scan finds exactly what the plain scan over the collapsed text finds.

`reference_find` is the matcher as first written: fold the whole text, collapse every run of
spaces with an offset map, scan the str overlapping, pick leftmost-longest hits with word
boundaries. The fast scan (bytes, no collapse, triggers for runs) must agree on every input.
"""

from __future__ import annotations

import ahocorasick_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.glossary.matcher import SHADOW, Matcher, RawMatch, _collapse, _is_word, fold
from retranslate.glossary.model import Entry

ENTRIES = [
    Entry(id="bbc", target="BBC", wrong=("Air Force",), inflect=False,
          ignore=("US Air Force Academy",)),
    Entry(id="p", target="protester", wrong=("Protestant",)),
    Entry(id="g", target="grenade", wrong=("noise",), inflect=False),
    Entry(id="sg", target="stun grenade", wrong=("noise grenade",)),
    Entry(id="mvd", target="Interior Ministry", wrong=("Ministry of Internal Affairs",),
          inflect=False),
    Entry(id="cafe", target="coffee shop", wrong=("Café Kyiv", "café")),
    Entry(id="ist", target="Istanbul", wrong=("İzmir",), inflect=False),
    Entry(id="a", target="b", wrong=("a b c",), accept=("a b",)),
]

PIECES = ["air", "Air", "AIR", "force", "Force", "forces", "protestant", "Protestants", "noise",
          "grenade", "grenades", "ministry", "of", "internal", "affairs", "café", "CAFÉ", "kyiv",
          "İzmir", "izmir", "us", "academy", "a", "b", "c", "x", "é", "Ω", "_", "'s", "’s", "'",
          "’", "s", "-", ".", "1", "\u212a", "ẞ", "Straße", "ǅ", "ʼ", "‘", "\u3000", "\u0085"]
GAPS = [" ", " ", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2009", "  \n   ", ""]


def reference_find(matcher: Matcher, text: str) -> list[RawMatch]:
    automaton = ahocorasick_rs.AhoCorasick(matcher.patterns)
    collapsed, to_original = _collapse(fold(text))
    hits = automaton.find_matches_as_indexes(collapsed, overlapping=True)
    hits.sort(key=lambda h: (h[1], h[1] - h[2]))
    found, last_end, size = [], -1, len(collapsed)
    for pattern, start, end in hits:
        if start < last_end:
            continue
        if (start > 0 and _is_word(collapsed[start - 1])) or \
                (end < size and _is_word(collapsed[end])):
            continue
        last_end = end
        meaning = matcher.meaning(pattern)
        if meaning[0].entry != SHADOW:
            found.append(RawMatch(to_original(start), to_original(end - 1) + 1, meaning))
    return found


MATCHER = Matcher(ENTRIES)
# Only ASCII patterns: text outside ASCII is folded in bytes without lower-casing it.
ASCII_MATCHER = Matcher([e for e in ENTRIES if e.id not in ("cafe", "ist")] + [
    Entry(id="kiev", target="Kyiv", wrong=("Kiev",))])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=30))
def test_fast_scan_agrees_with_the_reference(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts)
    assert MATCHER.find(text) == reference_find(MATCHER, text)
    assert ASCII_MATCHER.find(text) == reference_find(ASCII_MATCHER, text)


def test_ascii_patterns_in_text_beyond_ascii() -> None:
    text = "ÉKIEV’s \u212aiev, Kiev’s ẞ Air\u3000\u3000Force Protestantʼs «noise grenade»"
    found = [text[m.start:m.end] for m in ASCII_MATCHER.find(text)]
    assert found == ["\u212aiev", "Kiev’s", "Air\u3000\u3000Force", "Protestantʼs",
                     "noise grenade"]
    assert ASCII_MATCHER.find(text) == reference_find(ASCII_MATCHER, text)


def test_a_term_across_a_paragraph_break_and_crlf() -> None:
    text = "the Air\r\n\r\nForce; Ministry  of\r\n  Internal\tAffairs; noise\n\ngrenades"
    found = [text[m.start:m.end] for m in MATCHER.find(text)]
    assert found == ["Air\r\n\r\nForce", "Ministry  of\r\n  Internal\tAffairs", "noise\n\ngrenades"]
    assert MATCHER.find(text) == reference_find(MATCHER, text)


def test_offsets_are_characters_in_non_ascii_text() -> None:
    text = "«Café Kyiv» — the Protestant’s café, İzmir and Air\u00a0 Force."
    found = [text[m.start:m.end] for m in MATCHER.find(text)]
    assert found == ["Café Kyiv", "Protestant’s", "café", "İzmir", "Air\u00a0 Force"]
    assert MATCHER.find(text) == reference_find(MATCHER, text)


def test_a_word_character_beyond_ascii_is_a_boundary() -> None:
    assert MATCHER.find("éprotestant protestanté Ωnoise noise") == \
        reference_find(MATCHER, "éprotestant protestanté Ωnoise noise")
    assert len(MATCHER.find("éprotestant protestanté Ωnoise noise")) == 1


def test_a_pickled_matcher_finds_the_same() -> None:
    import pickle

    text = "The Air\n\nForce and a noise grenade, Protestants’ café."
    again = pickle.loads(pickle.dumps(MATCHER))
    assert again.find(text) == MATCHER.find(text) != []


def test_the_glossary_cache_hands_back_the_compiled_matcher(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from retranslate.glossary import cache, matcher

    glossary_file = Path(__file__).parent / "data" / "glossary" / "test.toml"
    monkeypatch.setenv("RETRANSLATE_CACHE_DIR", str(tmp_path))
    first = cache.load_cached([glossary_file])
    assert list(tmp_path.glob("glossary-*.pickle"))
    matcher._COMPILED.clear()
    second = cache.load_cached([glossary_file])  # from the cache file this time
    assert second == first and second is not first
    assert matcher._COMPILED[id(second)][0] is second
    text = "Police dispersed the Protestants' rally."
    assert matcher.compiled(second).find(text) == matcher.Matcher(first.entries).find(text) != []


def test_a_long_text_after_a_short_one_finds_the_same() -> None:
    fresh = Matcher(ENTRIES)
    text = "the Air Force, a noise  grenade and Protestants’ café. " * 2000
    assert fresh.find("the Air Force") == reference_find(fresh, "the Air Force")
    assert fresh.find(text) == reference_find(fresh, text)


def _looking_up(matcher: Matcher) -> Matcher:
    """A copy of `matcher` that looks stretches up in its table for every text, however long."""
    import pickle

    copy: Matcher = pickle.loads(pickle.dumps(matcher))
    copy._scanned = -(10**12)
    return copy


def _scanning(matcher: Matcher) -> Matcher:
    """A copy of `matcher` with its automaton built, so that every text is scanned."""
    import pickle

    copy: Matcher = pickle.loads(pickle.dumps(matcher))
    copy._automaton_for()
    return copy


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=30))
def test_looking_up_a_short_text_finds_what_the_automaton_finds(
        parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts)
    for matcher in (MATCHER, ASCII_MATCHER):
        looked_up = _looking_up(matcher).find(text)
        assert looked_up == _scanning(matcher).find(text) == reference_find(matcher, text)


def test_looking_up_finds_what_the_automaton_finds_on_real_news(corpus) -> None:  # type: ignore[no-untyped-def]
    from retranslate.glossary import glossary_for
    from retranslate.glossary.conditions import matcher_for

    matcher = matcher_for(glossary_for(()))
    lookup, scan = _looking_up(matcher), _scanning(matcher)
    texts = [corpus.read_text(encoding="utf-8"),
             *(p.read_text(encoding="utf-8") for p in sorted((corpus.parent / "dev").glob("*")))]
    found = 0
    for text in texts:
        for piece in (text, text[: len(text) // 3], text.replace("\n", "  \n ")):
            expected = scan.find(piece)
            assert lookup.find(piece) == expected
            found += len(expected)
    assert found > 500
    assert lookup._automaton is None  # it never built one


def test_a_run_looks_up_its_first_short_texts_then_builds_the_automaton() -> None:
    fresh = Matcher(ENTRIES)
    assert fresh.find("the Air Force and Protestants") == \
        reference_find(fresh, "the Air Force and Protestants")
    assert fresh._automaton is None
    long_text = "a noise  grenade, the Air\n\nForce. " * 400
    assert fresh.find(long_text) == reference_find(fresh, long_text)
    assert fresh._automaton is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=40),
       st.integers(1, 40))
def test_a_long_text_scanned_in_windows_finds_what_one_scan_finds(
        parts: list[tuple[str, str]], window: int) -> None:
    import retranslate.glossary.matcher as matcher_module

    text = "".join(word + gap for word, gap in parts)
    for matcher in (MATCHER, ASCII_MATCHER):
        whole = _scanning(matcher).find(text)
        saved = matcher_module._WINDOW_BYTES
        matcher_module._WINDOW_BYTES = window  # windows of a few bytes: every edge case at once
        try:
            assert _scanning(matcher).find(text) == whole == reference_find(matcher, text)
        finally:
            matcher_module._WINDOW_BYTES = saved


def test_windows_find_what_one_scan_finds_on_real_news(corpus, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import retranslate.glossary.matcher as matcher_module
    from retranslate.glossary import glossary_for
    from retranslate.glossary.conditions import matcher_for

    scan = _scanning(matcher_for(glossary_for(())))
    texts = [corpus.read_text(encoding="utf-8"),
             *(p.read_text(encoding="utf-8") for p in sorted((corpus.parent / "dev").glob("*")))]
    joined = "\n\n".join(texts)
    pieces = [joined, " ".join(joined.split()), joined.replace("\n", "  \n ")]
    expected = [scan.find(piece) for piece in pieces]
    assert sum(map(len, expected)) > 1000
    for window in (997, 4096, 65_536):
        monkeypatch.setattr(matcher_module, "_WINDOW_BYTES", window)
        assert [scan.find(piece) for piece in pieces] == expected


def test_only_one_character_lower_cases_to_two() -> None:
    from retranslate.glossary.matcher import _LOWERS_TO_TWO

    assert [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1] == [_LOWERS_TO_TWO]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ΣσςΑa .'’\u00ad\n\u00a0\u2009İЖ", max_size=80), st.integers(1, 12))
def test_lower_casing_a_piece_at_a_time_is_lower_casing_the_text(text: str, piece: int) -> None:
    import retranslate.glossary.matcher as matcher_module

    expected = matcher_module._lower(text)
    saved, matcher_module._LOWER_PIECE = matcher_module._LOWER_PIECE, piece
    try:
        assert matcher_module._lower(text) == expected
    finally:
        matcher_module._LOWER_PIECE = saved
    if "İ" not in text:
        assert expected == text.lower()


def test_the_case_blind_look_alikes_are_all_of_unicodes() -> None:
    import re

    from retranslate.patterns import CASE_BLIND_LOOKALIKES

    letter = re.compile("[a-z]", re.IGNORECASE)
    assert {c for c in map(chr, range(128, 0x110000)) if letter.fullmatch(c)} == \
        set(CASE_BLIND_LOOKALIKES)
    for c, ascii_letter in CASE_BLIND_LOOKALIKES.items():  # each taken for its own letter
        assert re.fullmatch(ascii_letter, c, re.IGNORECASE)
