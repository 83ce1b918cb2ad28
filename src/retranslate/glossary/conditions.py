"""When an entry applies: its compiled matcher and its document conditions (near, not_near).

Shared by the glossary check and by repair, which enforces the glossary on re-translated text.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from retranslate.glossary.matcher import Matcher, compiled
from retranslate.glossary.model import Entry, Glossary
from retranslate.models import Span


def matcher_for(glossary: Glossary) -> Matcher:
    """One compiled matcher per glossary object: cached with the glossary, or built on first use."""
    return compiled(glossary)


@lru_cache(maxsize=4096)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def conditions_hold(entry: Entry, text: str, span: Span,
                    in_text: dict[tuple[str, ...], bool] | None = None) -> bool:
    """The entry's document conditions: a `near` word present, no `not_near` word.

    `in_text` remembers which word lists occur anywhere in `text` (window 0), so a long file
    with many matches is searched once per list, not once per match.
    """
    if not entry.conditional:
        return True

    def present(words: tuple[str, ...]) -> bool:
        if entry.window:
            lo, hi = max(0, span.start - entry.window), span.end + entry.window
            return _words_pattern(words).search(text, lo, hi) is not None
        if in_text is None:
            return _words_pattern(words).search(text) is not None
        if words not in in_text:
            in_text[words] = _words_pattern(words).search(text) is not None
        return in_text[words]

    if entry.near and not present(entry.near_words):
        return False
    return not (entry.not_near and present(entry.not_near))


def blocked(entry: Entry, text: str, span: Span,
             in_text: dict[tuple[str, ...], bool] | None = None) -> bool:
    """A `not_near` word within the entry's window."""
    return bool(entry.not_near) and not conditions_hold(
        dataclasses.replace(entry, near=()), text, span, in_text)
