"""The glossary check: wrong renderings of known terms, with the form-keeping suggestion."""

from __future__ import annotations

from collections.abc import Iterator

from retranslate.checks import Check, CheckContext
from retranslate.files.document import matchable_text, sentence_start
from retranslate.glossary.conditions import blocked, conditions_hold, matcher_for
from retranslate.glossary.inflect import realise
from retranslate.glossary.model import Entry
from retranslate.models import Finding, Severity, Span
from retranslate.repair.substitute import substitution


def _source_verdict(ctx: CheckContext, entry: Entry, span: Span
                    ) -> tuple[bool | None, str | None]:
    """What a reliable source sentence says: whether it names the entry's term, and the sentence.

    (None, sentence) when the entry lists no Russian words, so the document conditions decide
    but the sentence is still shown as evidence; (None, None) without a usable source.
    """
    if ctx.source is None:
        return None, None
    found = ctx.source_for(span.start)
    if found is None or not found[1].reliable:
        return None, None
    if not entry.source:
        return None, found[0]
    from retranslate.language.russian import mentions

    return mentions(found[0], entry.source), found[0]


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    text = document.text
    entries = ctx.glossary.entries
    in_text: dict[tuple[str, ...], bool] = {}
    for match in matcher_for(ctx.glossary).find(matchable_text(document)):
        span = Span(match.start, match.end)
        if not document.in_prose(span):
            continue
        for candidate in match.candidates:
            entry = entries[candidate.entry]
            verdict, evidence = _source_verdict(ctx, entry, span)
            if verdict is None:
                applies = conditions_hold(entry, text, span, in_text)
            else:
                # The source word is needed but may be as ambiguous as the English (ВВС is the
                # Air Force too), so a not_near word still vetoes; `near` is what the source
                # sentence replaces.
                applies = verdict and not blocked(entry, text, span, in_text)
            if not applies:
                continue
            start, replacement = substitution(text, span.start, span.end, entry, candidate.form,
                                              sentence_start(document, span.start))
            flagged = text[start: span.end]
            yield Finding(
                rule=f"glossary/{entry.id}",
                span=Span(start, span.end),
                severity=Severity.ERROR if entry.autofix else Severity.WARNING,
                message=_message(text[span.start: span.end], entry,
                                 realise(entry.target, candidate.form)),
                text=flagged,
                suggestion=replacement,
                autofix=entry.autofix,
                evidence=evidence,
                entry_id=entry.id,
            )
            break


def _message(matched: str, entry: Entry, right: str) -> str:
    russian = f" ({', '.join(entry.source[:2])})" if entry.source else ""
    note = entry.note.strip().split("\n")[0]
    return f"“{matched}” is a mistranslation{russian}; use “{right}”. {note}".strip()


CHECK = Check(
    name="glossary",
    rules=("glossary/*",),
    run=run,
    description="Known wrong renderings of glossary terms",
)
