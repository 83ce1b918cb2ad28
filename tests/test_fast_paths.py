"""Shortcuts taken for speed give the same findings as the long way round."""

from __future__ import annotations

from retranslate.checks import CheckContext, untranslated
from retranslate.document import decode
from retranslate.glossary.model import Glossary


def _rules(text: str) -> list[tuple[str, str]]:
    document = decode(text.encode("utf-8"), "x.txt")
    return [(f.rule, f.text) for f in untranslated.run(CheckContext(document, Glossary()))]


def test_untranslated_skips_text_without_cyrillic_and_still_finds_it_elsewhere() -> None:
    assert _rules("Plain English, 7 January 2022, 2 thousand.") == []
    assert _rules("Café – naïve «quotes» — and ’curly’ ones.") == []
    found = _rules("Café – on 7 января 2022 there were 2 тыс. people.")
    assert ("untranslated/date", "7 января 2022") in found
    assert ("untranslated/number", "2 тыс.") in found
