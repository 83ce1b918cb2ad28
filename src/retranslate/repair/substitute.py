"""Substituting a glossary term for a wrong form, keeping number, possessive, case and article."""

from __future__ import annotations

from retranslate.glossary.inflect import Form, article_fix, match_case, realise, starts_sentence
from retranslate.glossary.model import Entry


def substitution(text: str, start: int, end: int, entry: Entry, form: Form) -> tuple[int, str]:
    """The start of the span to replace (it may grow to take in an a/an) and its replacement."""
    original = text[start:end]
    apostrophe = "’" if "’" in original else "'"
    replacement = realise(entry.target, form, apostrophe)
    replacement = match_case(replacement, original, starts_sentence(text, start))
    with_article = article_fix(text, start, replacement)
    if with_article is not None:
        return with_article
    return start, replacement
