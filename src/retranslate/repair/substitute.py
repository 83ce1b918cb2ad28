"""Substituting a glossary term for a wrong form, keeping number, possessive, case and article."""

from __future__ import annotations

import re
from functools import lru_cache

from retranslate.glossary.inflect import (
    Form,
    article_fix,
    match_case,
    realise,
    starts_sentence,
    surface_forms,
)
from retranslate.glossary.model import Entry


def _written_forms(entry: Entry) -> frozenset[str]:
    """The wrong forms exactly as the glossary writes them (acronyms in capitals), inflected."""
    # Keyed on what the forms depend on: an entry's own hash is its every field's, each time.
    return _inflected_forms(entry.wrong, entry.inflect)


@lru_cache(maxsize=4096)
def _inflected_forms(wrong: tuple[str, ...], inflect: bool) -> frozenset[str]:
    return frozenset(surface for form in wrong for surface, _ in surface_forms(form, inflect))


_GAP = re.compile(r"\s+")


def keep_line_breaks(original: str, replacement: str) -> str:
    """The replacement with the original's line breaks in its word gaps, as far as it has gaps.

    A term wrapped across lines ("noise\\ngrenades") stays wrapped, so a hard-wrapped file keeps
    its lines and its newline style: the same gaps word for word when the word counts match,
    else the breaks in the last gaps. Only a one-word replacement has nowhere to keep a break.
    """
    old_gaps = _GAP.findall(original)
    breaks = [gap for gap in old_gaps if "\n" in gap or "\r" in gap]
    if not breaks:
        return replacement
    words = _GAP.split(replacement)
    gaps = _GAP.findall(replacement)
    if len(gaps) == len(old_gaps):
        gaps = old_gaps
    else:
        breaks = breaks[len(breaks) - len(gaps):] if len(breaks) > len(gaps) else breaks
        gaps = gaps[: len(gaps) - len(breaks)] + breaks
    return "".join(word + gap for word, gap in zip(words, [*gaps, ""], strict=True))


def substitution(text: str, start: int, end: int, entry: Entry, form: Form,
                 sentence_start: bool | None = None) -> tuple[int, str]:
    """The start of the span to replace (it may grow to take in an a/an) and its replacement.

    `sentence_start` says whether `start` begins a sentence where the text around it cannot
    (the start of a bilingual file's target); None lets the text decide."""
    original = text[start:end]
    apostrophe = "’" if "’" in original else "'"
    replacement = realise(entry.target, form, apostrophe)
    # Capitals are shouting (a headline) only where the glossary does not write the wrong form
    # that way: "SIZO" is how the acronym is spelled, so its replacement keeps its own case.
    shouted = original.replace("’", "'") not in _written_forms(entry)
    if sentence_start is None:
        sentence_start = starts_sentence(text, start)
    replacement = match_case(replacement, original if shouted else "", sentence_start)
    replacement = keep_line_breaks(original, replacement)
    with_article = article_fix(text, start, replacement)
    if with_article is not None:
        return with_article
    return start, replacement
