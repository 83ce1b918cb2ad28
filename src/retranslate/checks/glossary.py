"""The glossary check: wrong renderings of known terms, with the form-keeping suggestion."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from retranslate.checks import Check, CheckContext
from retranslate.files.document import matchable_text, sentence_start
from retranslate.glossary.conditions import Conditions, matcher_for
from retranslate.glossary.inflect import realise, starts_sentence
from retranslate.glossary.model import Entry
from retranslate.language.text_index import prose_test
from retranslate.models import Finding, Severity, Span
from retranslate.repair.substitute import substitution


def _source_verdict(ctx: CheckContext, entry: Entry, span: Span) -> tuple[str, str | None]:
    """What a reliable source sentence says about the entry, and the sentence.

    "names" when it has one of the entry's unambiguous Russian words, "ambiguous" when only
    words the entry marks as meaning something else too (ВВС is also the Air Force), "absent"
    when none; "silent" without a usable source or where the entry lists no Russian words (then
    the sentence, if any, is still shown as evidence).
    """
    if ctx.source is None:
        return "silent", None
    found = ctx.source_for(span.start)
    if found is None or not found[1].reliable:
        return "silent", None
    sentence = found[0]
    if not entry.source:
        return "silent", sentence
    from retranslate.language.russian import mentions

    clear = [w for w in entry.source if w not in entry.ambiguous]
    if clear and mentions(sentence, clear):
        return "names", sentence
    if entry.ambiguous and mentions(sentence, entry.ambiguous):
        return "ambiguous", sentence
    return "absent", sentence


def _conditions(ctx: CheckContext) -> Conditions:
    return Conditions(ctx.glossary, ctx.document.text)


def _vetoed_nearby(conditions: Conditions, entry: Entry, span: Span) -> bool:
    """A `not_near` word in the match's paragraph (and within the entry's window, if any)."""
    if not entry.not_near:
        return False
    around = conditions.paragraph(span)
    if entry.window:
        around = Span(max(around.start, span.start - entry.window),
                      min(around.end, span.end + entry.window))
    return conditions.blocked_in(entry, around)


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    text = document.text
    entries = ctx.glossary.entries
    conditions = ctx.shared(_conditions)
    in_prose = ctx.shared(prose_test)
    for match in matcher_for(ctx.glossary).find(matchable_text(document)):
        span = Span(match.start, match.end)
        if not in_prose(span.start, span.end):
            continue
        for candidate in match.candidates:
            entry = entries[candidate.entry]
            if _acronym_in_lower_case(entry, text[span.start: span.end]):
                continue
            verdict, evidence = _source_verdict(ctx, entry, span)
            if verdict == "silent":
                applies = conditions.hold(entry, span)
            elif verdict == "ambiguous":
                # The source word has other senses too, so the words around the match still
                # decide, the nearest ones only; `near` is what the source sentence replaces.
                applies = not _vetoed_nearby(conditions, entry, span)
            else:
                # An unambiguous source word decides alone: "Protestants" aligned with
                # протестующие is wrong whatever another paragraph says about Catholics.
                applies = verdict == "names"
            if not applies:
                continue
            opening = sentence_start(document, span.start)
            start, replacement = substitution(text, span.start, span.end, entry, candidate.form,
                                              opening)
            if start < span.start and not document.in_prose(Span(start, span.end)):
                # The a/an before the match is not prose (the end of a path): it stays as it is.
                if opening is None:
                    opening = starts_sentence(text, span.start)
                start, replacement = substitution(text[span.start: span.end], 0, len(span),
                                                  entry, candidate.form, opening)
                start += span.start
            suggestion: str | None = replacement
            if entry.rephrase:  # a model rewrite, not a drop-in replacement: no suggestion
                start, suggestion = span.start, None
            flagged = text[start: span.end]
            # A review-only entry is reviewed because the English alone cannot tell; a reliably
            # aligned source sentence with one of its unambiguous Russian words can.
            safe = entry.autofix or verdict == "names"
            yield Finding(
                rule=f"glossary/{entry.id}",
                span=Span(start, span.end),
                severity=Severity.ERROR if safe else Severity.WARNING,
                message=_message(text[span.start: span.end], entry,
                                 realise(entry.target, candidate.form)),
                text=flagged,
                suggestion=suggestion,
                autofix=safe and suggestion is not None,
                evidence=evidence,
                entry_id=entry.id,
                note=entry.note.strip() or None,
            )
            break


def _acronym_in_lower_case(entry: Entry, matched: str) -> bool:
    """An initialism written in lower case is another word ("und", a URL's "dnd-...").

    Matching is case-insensitive, so an entry for DND or UND also finds "dnd" and "und".
    """
    return bool(_initialisms(entry.wrong).get(matched.casefold())) and not matched.isupper()


@lru_cache(maxsize=4096)
def _initialisms(wrong: tuple[str, ...]) -> dict[str, bool]:
    """Each wrong form case-folded → whether every form folding so is in capitals (worked out
    once per entry's forms, not per match)."""
    folded: dict[str, bool] = {}
    for form in wrong:
        key = form.casefold()
        folded[key] = folded.get(key, True) and form.isupper()
    return folded


def _message(matched: str, entry: Entry, right: str) -> str:
    # The entry's note is not repeated here: renderers print it once per entry.
    russian = f" ({', '.join(entry.source[:2])})" if entry.source else ""
    if entry.rephrase:
        return f"“{matched}” is a word-for-word calque{russian}; rephrase, as in “{right}”"
    return f"“{matched}” is a mistranslation{russian}; use “{right}”"


CHECK = Check(
    name="glossary",
    rules=("glossary/*",),
    run=run,
    description="Known wrong renderings of glossary terms",
)
