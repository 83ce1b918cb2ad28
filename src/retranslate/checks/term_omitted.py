"""A glossary term in the source with no known rendering in the aligned English.

Where the Russian sentence says протестующие and the English has neither "protesters" (the
target), nor an accepted rendering, nor a known wrong one (which the glossary check reports),
the term was dropped or mistranslated in a way nobody listed yet. That is worth a look, never an
automatic fix: there is nothing to replace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from retranslate.checks import Check, CheckContext
from retranslate.glossary.model import Entry
from retranslate.models import Finding, Severity

if TYPE_CHECKING:
    from retranslate.language.russian import MentionIndex


@lru_cache(maxsize=4096)
def _renderings(forms: tuple[str, ...]) -> re.Pattern[str]:
    # No right boundary: "protester" must find "protesters" and "protester's".
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms if f.strip())
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def _rendered(english: str, entry: Entry) -> bool:
    return _renderings((entry.target, *entry.accept, *entry.wrong)).search(english) is not None


def _mentioned(russian_text: str, entry: Entry, present: set[str]) -> bool:
    """Without pymorphy3: `mentions`' prefix fallback, for the terms whose first word occurs."""
    from retranslate.language.russian import lemmas, mentions, words

    # Cheap test first: the first word of some term must occur in some form.
    hopeful = [term for term in entry.source
               if (first := words(term)) and lemmas(first[0]) & present]
    return bool(hopeful) and mentions(russian_text, hopeful)


def _mentioned_entries(entries: Sequence[Entry], index: MentionIndex | None,
                       evidence: str) -> Iterator[Entry]:
    """The glossary entries whose source words the Russian evidence mentions, in glossary order.

    A term can match only where its first word's lemma does, so the index's answer is the cheap
    test's and `mentions`' together (tests/test_align_fast.py compares them); without pymorphy3
    (no index) the cheap test and the prefix fallback run as they are.
    """
    from retranslate.language import russian

    if index is not None:
        yield from (entries[i] for i in sorted(index.mentioned(evidence)))
        return
    present = set().union(*(russian.lemmas(w) for w in russian.words(evidence)))
    yield from (e for e in entries if e.source and _mentioned(evidence, e, present))


def run(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.source is None:
        return
    if not any(e.source for e in ctx.glossary.entries):
        return
    from retranslate.language import russian

    entries = ctx.glossary.entries
    index = (russian.mention_index(tuple(entry.source for entry in entries))
             if russian.morphology_available() else None)
    target = ctx.target_segments
    for link, evidence in ctx.reliable_links():
        english = " ".join(target[i].text for i in link.target)
        first = target[link.target[0]]
        for entry in _mentioned_entries(entries, index, evidence):
            if not _rendered(english, entry):
                yield Finding(
                    rule=f"term-omitted/{entry.id}", span=first.span, severity=Severity.WARNING,
                    message=f"The source has {entry.source[0]} but the translation has no "
                            f"“{entry.target}”" + (f" or {', '.join(entry.accept)}"
                                                   if entry.accept else ""),
                    text=first.text, evidence=evidence, entry_id=entry.id)


CHECK = Check(
    name="term_omitted",
    rules=("term-omitted/*",),
    run=run,
    description="A source term with neither the glossary's rendering nor a known wrong one",
)
