"""Substituting a glossary term for a wrong form, keeping number, possessive, case and article."""

from __future__ import annotations

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


@lru_cache(maxsize=4096)
def _written_forms(entry: Entry) -> frozenset[str]:
    """The wrong forms exactly as the glossary writes them (acronyms in capitals), inflected."""
    return frozenset(surface for wrong in entry.wrong
                     for surface, _ in surface_forms(wrong, entry.inflect))


def substitution(text: str, start: int, end: int, entry: Entry, form: Form) -> tuple[int, str]:
    """The start of the span to replace (it may grow to take in an a/an) and its replacement."""
    original = text[start:end]
    apostrophe = "’" if "’" in original else "'"
    replacement = realise(entry.target, form, apostrophe)
    # Capitals are shouting (a headline) only where the glossary does not write the wrong form
    # that way: "SIZO" is how the acronym is spelled, so its replacement keeps its own case.
    shouted = original.replace("’", "'") not in _written_forms(entry)
    replacement = match_case(replacement, original if shouted else "",
                             starts_sentence(text, start))
    with_article = article_fix(text, start, replacement)
    if with_article is not None:
        return with_article
    return start, replacement
