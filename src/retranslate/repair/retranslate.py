"""Repair by re-translation: translate a flagged sentence again, then enforce the glossary.

Substitution repairs a wrong term; some findings need the whole sentence again (Russian left in
the English, a source term the English lost, a number that does not fit). Where the sentence has
a reliable link to its source, the aligned Russian is re-translated and the glossary is enforced
on the output, since an MT model repeats its own mistakes (ВВС → "Air Force").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from retranslate.checks import CheckContext
from retranslate.glossary.model import Glossary
from retranslate.models import Alignment, Edit, Finding, Span
from retranslate.repair.apply import apply_edits

# Problems a new translation of the sentence can solve; layout debris and name spellings are
# left to their own fixes.
RETRANSLATE_RULES = ("untranslated/", "term-omitted/", "glossary/", "numbers/")
RULE = "retranslated"


class SentenceTranslator(Protocol):
    def translate(self, sentences: Sequence[str]) -> list[str]: ...


def enforce_glossary(translation: str, source: str, glossary: Glossary) -> str:
    """The translation with every entry the source sentence calls for put right."""
    from retranslate.glossary.conditions import conditions_hold, matcher_for
    from retranslate.language.russian import mentions
    from retranslate.repair.substitute import substitution

    edits: list[Edit] = []
    entries = glossary.entries
    for match in matcher_for(glossary).find(translation):
        span = Span(match.start, match.end)
        for candidate in match.candidates:
            entry = entries[candidate.entry]
            if entry.rephrase:
                continue
            wanted = (mentions(source, entry.source) if entry.source
                      else conditions_hold(entry, translation, span))
            if wanted:
                start, replacement = substitution(translation, span.start, span.end, entry,
                                                  candidate.form)
                if not edits or start >= edits[-1].span.end:
                    edits.append(Edit(Span(start, span.end), replacement, RULE))
                break
    return apply_edits(translation, edits)


def retranslation_edits(context: CheckContext, findings: Iterable[Finding],
                        translator: SentenceTranslator) -> list[Edit]:
    """One edit per reliably aligned sentence group that holds a finding substitution left."""
    links: dict[tuple[int, ...], Alignment] = {}
    for finding in findings:
        if finding.autofix or not finding.rule.startswith(RETRANSLATE_RULES):
            continue
        found = context.source_for(finding.span.start)
        if found is not None and found[1].reliable and found[1].target:
            links.setdefault(found[1].target, found[1])
    if not links:
        return []
    ordered = sorted(links.values(), key=lambda link: link.target[0])
    sources = [" ".join(context.source_segments[i].text for i in link.source)
               for link in ordered]
    translations = translator.translate(sources)
    edits = []
    text = context.document.text
    for link, source, translation in zip(ordered, sources, translations, strict=True):
        first = context.target_segments[link.target[0]].span
        last = context.target_segments[link.target[-1]].span
        span = Span(first.start, last.end)
        repaired = enforce_glossary(translation, source, context.glossary)
        if repaired and repaired != text[span.start:span.end]:
            edits.append(Edit(span, repaired, RULE))
    return edits
