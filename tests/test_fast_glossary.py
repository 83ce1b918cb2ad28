"""The glossary check's per-document condition tables give what one search per match gave."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import CheckContext
from retranslate.checks import glossary as glossary_check
from retranslate.files.document import decode, read_document
from retranslate.glossary import glossary_for
from retranslate.glossary.conditions import Conditions, _words_pattern, matcher_for
from retranslate.glossary.model import Entry, Glossary
from retranslate.models import Span

DATA = Path(__file__).parent / "data"
_BREAK = re.compile(r"\n[ \t]*\n")


class PlainConditions:
    """The long way round, as the check did it before: a regular expression per question, the
    paragraph found by searching the text from its start, `not_near` searched in a slice."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _present(self, words: tuple[str, ...], text: str, lo: int, hi: int) -> bool:
        return _words_pattern(words).search(text, lo, hi) is not None

    def hold(self, entry: Entry, span: Span) -> bool:
        if not entry.conditional:
            return True
        lo, hi = ((max(0, span.start - entry.window), span.end + entry.window) if entry.window
                  else (0, len(self.text)))
        if entry.near and not self._present(entry.near_words, self.text, lo, hi):
            return False
        return not (entry.not_near and self._present(entry.not_near, self.text, lo, hi))

    def paragraph(self, span: Span) -> Span:
        starts = [m.end() for m in _BREAK.finditer(self.text, 0, span.start)]
        end = _BREAK.search(self.text, span.end)
        return Span(starts[-1] if starts else 0, end.start() if end else len(self.text))

    def blocked_in(self, entry: Entry, around: Span) -> bool:
        piece = self.text[around.start: around.end]
        return bool(entry.not_near) and self._present(entry.not_near, piece, 0, len(piece))


def _texts(corpus: Path) -> list[str]:
    dev = sorted((corpus.parent / "dev").glob("*.txt"))
    texts = [corpus.read_text(), *(p.read_text() for p in dev)]
    # One paragraph of one line: every look-up's paragraph is the whole text.
    return [*texts, " ".join(" ".join(texts[:6]).split())]


def _spans(glossary: Glossary, text: str) -> list[Span]:
    found = [Span(m.start, m.end) for m in matcher_for(glossary).find(text)]
    middle, end = len(text) // 2, len(text)
    return [*found, Span(0, 0), Span(middle, middle + 3), Span(end, end)]


def test_condition_tables_answer_as_one_search_per_match_on_the_corpus(corpus: Path) -> None:
    glossary = glossary_for(())
    entries = [e for e in glossary.entries if e.conditional]
    outcomes: set[tuple[bool, bool]] = set()
    for text in _texts(corpus):
        fast, plain = Conditions(glossary, text), PlainConditions(text)
        for span in _spans(glossary, text):
            assert fast.paragraph(span) == plain.paragraph(span), span
            for entry in entries:
                held = fast.hold(entry, span)
                assert held == plain.hold(entry, span), (entry.id, span)
                around = plain.paragraph(span)
                if entry.window:
                    around = Span(max(around.start, span.start - entry.window),
                                  min(around.end, span.end + entry.window))
                vetoed = fast.blocked_in(entry, around)
                assert vetoed == plain.blocked_in(entry, around), (entry.id, span)
                outcomes.add((held, vetoed))
    assert outcomes >= {(True, False), (False, True), (False, False)}  # every answer is exercised


_PIECES = st.sampled_from([
    "police", "POLICE", "Police", "church", "tear  gas", "tear\ngas", "riot", "rioters", "x",
    " ", "\n", "\n\n", "\n \t\n", "\n\n\n", "é", "\u212a", "\u017f", "\u0130", "\u0131",
    "Protest", "prote\u017ft", "square", "\u212aatholic", "catholic", "Catholics", "-", "_",
    "army", "shop"])


@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(0, 200), st.integers(0, 12),
       st.integers(0, 30))
@settings(max_examples=300, deadline=None)
def test_condition_tables_answer_as_one_search_per_match_on_generated_text(
        text: str, at: int, length: int, window: int) -> None:
    glossary = glossary_for(())
    made = Entry(id="made", target="looter", wrong=("marauder",), near=("shop", "tear gas"),
                 not_near=("army", "Catholics"), window=window)
    entries = [made, *(e for e in glossary.entries if e.conditional)]
    start = min(at, len(text))
    span = Span(start, min(len(text), start + length))
    fast, plain = Conditions(Glossary(tuple(entries)), text), PlainConditions(text)
    assert fast.paragraph(span) == plain.paragraph(span)
    for entry in entries:
        assert fast.hold(entry, span) == plain.hold(entry, span), entry.id
        for cut in (Span(start, len(text)), Span(0, span.end), fast.paragraph(span)):
            assert fast.blocked_in(entry, cut) == plain.blocked_in(entry, cut), (entry.id, cut)


def _findings(ctx: CheckContext) -> list[tuple[object, ...]]:
    return [(f.rule, f.span, f.severity, f.suggestion, f.evidence)
            for f in glossary_check.run(ctx)]


def test_the_check_finds_the_same_with_the_tables_as_the_long_way(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    glossary = glossary_for(())
    pairs = [(decode(text.encode(), "x.txt"), None) for text in _texts(corpus)]
    for english in sorted((DATA / "source-dev").glob("*.en.txt")):
        russian = english.with_name(english.name.replace(".en.", ".ru."))
        pairs.append((read_document(str(english)), read_document(str(russian))))
        # The same pair with every paragraph of the translation joined into one line.
        joined = " ".join(pairs[-1][0].text.split())
        pairs.append((decode(joined.encode(), "x.txt"), pairs[-1][1]))
    vetoes: list[bool] = []
    original = Conditions.blocked_in

    def counted(self: Conditions, entry: Entry, around: Span) -> bool:
        vetoes.append(original(self, entry, around))
        return vetoes[-1]

    with monkeypatch.context() as patched:
        patched.setattr(Conditions, "blocked_in", counted)
        fast = [_findings(CheckContext(doc, glossary, source)) for doc, source in pairs]
    monkeypatch.setattr(glossary_check, "_conditions",
                        lambda ctx: PlainConditions(ctx.document.text))
    plain = [_findings(CheckContext(doc, glossary, source)) for doc, source in pairs]
    assert fast == plain
    assert sum(map(len, fast)) > 200
    assert any(f[4] is not None for found in fast for f in found)  # source evidence shown
    assert vetoes, "no match took the ambiguous source word's path"


def test_an_entry_without_not_near_is_never_blocked_and_a_bare_one_always_holds() -> None:
    bare = Entry(id="b", target="looter", wrong=("marauder",))
    text = "The army came.\n\nA marauder."
    conditions = Conditions(Glossary((bare,)), text)
    assert conditions.hold(bare, Span(18, 26))
    assert not conditions.blocked_in(bare, Span(0, len(text)))
    vetoing = dataclasses.replace(bare, not_near=("army",))
    conditions = Conditions(Glossary((vetoing,)), text)
    assert conditions.paragraph(Span(18, 26)) == Span(16, len(text))
    assert not conditions.blocked_in(vetoing, conditions.paragraph(Span(18, 26)))
    assert conditions.blocked_in(vetoing, Span(0, len(text)))
    assert not conditions.hold(vetoing, Span(18, 26))
