"""Repair by re-translation: which sentences to translate again, and whether the new text is better.

Substitution repairs a wrong term; some findings need the sentence again (Russian left in the
English, a source term the English lost, a number that does not fit, a term for review). Such a
sentence, where it has a reliable link to its source, is translated again from the Russian, with
the glossary's wrong renderings forbidden to the model; Russian fragments the rules could not
repair are translated on their own. A new text replaces the old only when every check, run on it
in its place, finds the findings that asked for it gone and nothing new: a model that copies its
input, drops a number or repeats a known mistake never makes a sentence worse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from retranslate.checks import CheckContext
from retranslate.glossary.model import Glossary
from retranslate.models import Document, Edit, Finding, Retranslation, Span
from retranslate.repair.slot import fit_fragment, fit_sentence, plain

# Problems a new translation of the sentence can solve; layout debris and name spellings are
# left to their own fixes.
RETRANSLATE_RULES = ("untranslated/", "term-omitted/", "glossary/", "numbers/")
RULE = "retranslated"
USED_MODEL, USED_SUBSTITUTION = "retranslation", "substitution"


class SentenceTranslator(Protocol):
    def translate(self, sentences: Sequence[str],
                  forbidden: Sequence[Sequence[str]] | None = None) -> list[str]: ...


@dataclass(frozen=True)
class Plan:
    """One sentence (or an aligned run of them) to translate again, and what to send the model.

    `source` is the aligned Russian as the model gets it (no markup), None where the sentence
    has no reliable link; `evidence` is that Russian as the checks quote it; `fragments`
    are the Russian pieces left in the English, each translated alone when the whole sentence
    cannot be.
    """

    span: Span
    asked: tuple[Finding, ...]
    source: str | None
    evidence: str | None
    forbidden: tuple[str, ...]
    fragments: tuple[Finding, ...]
    fragment_forbidden: tuple[tuple[str, ...], ...]

    def inputs(self) -> list[tuple[str, tuple[str, ...]]]:
        """The model inputs, each with its forbidden phrases: the sentence, then each fragment."""
        whole = [(self.source, self.forbidden)] if self.source else []
        return whole + [(plain(f.text), forbid)
                        for f, forbid in zip(self.fragments, self.fragment_forbidden,
                                             strict=True)]


def asks_for_retranslation(finding: Finding) -> bool:
    """A finding substitution could not fix, of a kind a new translation can."""
    fixable = finding.autofix and finding.suggestion is not None
    return not fixable and finding.rule.startswith(RETRANSLATE_RULES)


def forbidden_forms(source: str, glossary: Glossary) -> tuple[str, ...]:
    """Every wrong rendering of the entries whose Russian words `source` contains."""
    from retranslate.glossary.inflect import surface_forms
    from retranslate.language.russian import mentions

    forms: dict[str, None] = {}
    for entry in glossary.entries:
        if (entry.source and entry.wrong and not entry.rephrase
                and mentions(source, entry.source)):
            for wrong in entry.wrong:
                forms.update((form, None) for form, how in surface_forms(wrong, entry.inflect)
                             if not how.possessive)
    return tuple(forms)


def plan_retranslation(context: CheckContext, remaining: Sequence[Finding]) -> list[Plan]:
    """The sentences whose open findings a new translation may resolve, in text order.

    The source of a sentence is its findings' evidence: the checks quote the aligned Russian
    only where the link is reliable, so a sentence without evidence is never re-translated
    whole (its Russian fragments still may be), and nothing here aligns the file again.
    """
    # A calque flagged for rephrasing is the editor's: no word swap or new sentence is trusted.
    rephrase = {entry.id for entry in context.glossary.entries if entry.rephrase}
    by_segment: dict[int, tuple[str | None, list[Finding]]] = {}
    for finding in remaining:
        if not asks_for_retranslation(finding) or finding.entry_id in rephrase:
            continue
        index = context.target_segment_at(finding.span.start)
        if index is None or (finding.evidence is None
                             and not finding.rule.startswith("untranslated/")):
            continue
        evidence, found = by_segment.setdefault(index, (finding.evidence, []))
        by_segment[index] = (evidence or finding.evidence, [*found, finding])
    # Neighbours quoting the same Russian came from one source sentence: they go together.
    groups: list[tuple[list[int], str | None, list[Finding]]] = []
    for index in sorted(by_segment):
        evidence, found = by_segment[index]
        last = groups[-1] if groups else None
        if last and evidence and last[1] == evidence and last[0][-1] == index - 1:
            last[0].append(index)
            last[2].extend(found)
        else:
            groups.append(([index], evidence, found))
    plans = []
    segments = context.target_segments
    for indices, evidence, asked in groups:
        span = Span(segments[indices[0]].span.start, segments[indices[-1]].span.end)
        fragments = _fragments(asked, span)
        source = plain(evidence) if evidence else None
        plans.append(Plan(span, tuple(asked), source, evidence,
                          forbidden_forms(source, context.glossary) if source else (),
                          fragments,
                          tuple(forbidden_forms(f.text, context.glossary) for f in fragments)))
    return plans


def _fragments(asked: Sequence[Finding], span: Span) -> tuple[Finding, ...]:
    """The untranslated fragments inside the sentence, in order, none overlapping another."""
    chosen: list[Finding] = []
    for finding in sorted(asked, key=lambda f: f.span.start):
        if (finding.rule.startswith("untranslated/") and span.contains(finding.span)
                and len(finding.span) and (not chosen
                                           or finding.span.start >= chosen[-1].span.end)):
            chosen.append(finding)
    return tuple(chosen)


@dataclass
class _Trial:
    """One plan's candidates, best first, and the verdict so far."""

    plan: Plan
    candidates: list[str]
    problems: list[str]
    accepted: str | None = None
    refused: str = ""
    fragments_text: str | None = None


# Runs every check on a sentence (its text) with its source sentence (or None).
SentenceChecks = Callable[[str, str | None], list[Finding]]


def decide(document: Document, plans: Sequence[Plan], translations: Sequence[str],
           findings_of: SentenceChecks) -> tuple[list[Edit], list[Retranslation]]:
    """Which plans' re-translations to take, as edits to `document`, and a record of each.

    `translations` answer the plans' inputs in order. Each candidate is checked in the place of
    the old sentence, beside the same source sentence, and compared with the old sentence
    checked the same way: the cost follows the sentences tried, not the size of the file.
    """
    from retranslate.render import LineIndex

    text = document.text
    answers = iter(translations)
    index = LineIndex(document)
    accepted, records = [], []
    for plan in plans:
        trial = _candidates(plan, text, [next(answers) for _ in plan.inputs()])
        old = text[plan.span.start:plan.span.end]
        before = findings_of(old, plan.evidence) if trial.candidates else []
        for candidate in trial.candidates:
            # Fragments translated alone answer only the Russian left in the sentence.
            asked = plan.asked if candidate is not trial.fragments_text else [
                f for f in plan.asked if f.rule.startswith("untranslated/")]
            problem = _judge(asked, before, findings_of(candidate, plan.evidence))
            if problem is None:
                trial.accepted = candidate
                break
            trial.problems.append(problem)
            trial.refused = trial.refused or candidate
        rules = tuple(dict.fromkeys(f.rule for f in plan.asked))
        place = index.position(plan.span.start)
        problems = "; ".join(dict.fromkeys(trial.problems))
        if trial.accepted is not None:
            accepted.append(Edit(plan.span, trial.accepted, RULE))
            if trial.accepted is trial.fragments_text and plan.source:
                resolved = [r for r in rules if r.startswith("untranslated/")]
                reason = (f"resolves {', '.join(resolved)} with the Russian fragments "
                          f"translated alone ({problems or 'the whole sentence did not fit'})")
            else:
                reason = f"resolves {', '.join(rules)}"
            records.append(Retranslation(plan.span, *place, old, trial.accepted, USED_MODEL,
                                         reason, rules, plan.source or "", trial.refused))
        else:
            records.append(Retranslation(plan.span, *place, old, old, USED_SUBSTITUTION,
                                         problems or "nothing to try", rules,
                                         plan.source or "", trial.refused))
    return accepted, records


def _candidates(plan: Plan, text: str, translations: Sequence[str]) -> _Trial:
    from retranslate.repair.substitute import keep_line_breaks

    old = text[plan.span.start:plan.span.end]
    trial = _Trial(plan, [], [])
    answers = list(translations)
    if plan.source:
        fitted = fit_sentence(old, answers.pop(0))
        if fitted.text is None:
            trial.problems.append(fitted.problem)
        else:
            trial.candidates.append(keep_line_breaks(old, fitted.text))
    if plan.fragments:
        pieces, cursor = [], plan.span.start
        for fragment, answer in zip(plan.fragments, answers, strict=True):
            fitted = fit_fragment(fragment.text, answer)
            if fitted.text is None:
                trial.problems.append(fitted.problem)
                break
            pieces += [text[cursor:fragment.span.start], fitted.text]
            cursor = fragment.span.end
        else:
            trial.fragments_text = "".join(pieces) + text[cursor:plan.span.end]
            trial.candidates.append(trial.fragments_text)
    same = [c for c in trial.candidates if c == old]
    if same:
        trial.problems.append("the re-translation is the sentence as it stands")
    trial.candidates = [c for c in trial.candidates if c != old]
    return trial


def _judge(asked_by: Sequence[Finding], before: Sequence[Finding],
           after: Sequence[Finding]) -> str | None:
    """None when the candidate resolves what asked for it and adds nothing substitution will
    not fix; else what is wrong with it. `before` and `after` are the old and new sentence
    checked alike; `asked_by` came from the whole file."""
    def key(finding: Finding) -> tuple[str, str | None]:
        return finding.rule, finding.entry_id

    left = [f for f in after if not (f.autofix and f.suggestion is not None)]
    asked = {key(f) for f in asked_by}
    had = asked | {key(f) for f in before}
    unresolved = [f for f in left if key(f) in asked]
    if unresolved:
        return f"the re-translation leaves {_named(unresolved)}"
    added = [f for f in left if key(f) not in had]
    if added:
        return f"the re-translation would add {_named(added)}"
    return None


def _named(findings: Sequence[Finding]) -> str:
    first = findings[0]
    quoted = first.text if len(first.text) <= 40 else first.text[:39] + "…"
    rules = ", ".join(dict.fromkeys(f.rule for f in findings))
    return f"{rules} (“{quoted}”)"
