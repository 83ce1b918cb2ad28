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

import dataclasses
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

    `source` is the aligned Russian, None where the sentence has no reliable link; `fragments`
    are the Russian pieces left in the English, each translated alone when the whole sentence
    cannot be.
    """

    span: Span
    asked: tuple[Finding, ...]
    source: str | None
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
        if entry.source and entry.wrong and mentions(source, entry.source):
            for wrong in entry.wrong:
                forms.update((form, None) for form, how in surface_forms(wrong, entry.inflect)
                             if not how.possessive)
    return tuple(forms)


def plan_retranslation(context: CheckContext, remaining: Sequence[Finding]) -> list[Plan]:
    """The sentences whose open findings a new translation may resolve, in text order."""
    groups: dict[tuple[int, ...], tuple[str | None, list[Finding]]] = {}
    for finding in remaining:
        if not asks_for_retranslation(finding):
            continue
        index = context.target_segment_at(finding.span.start)
        if index is None:
            continue
        found = context.source_for(finding.span.start)
        if found is not None and found[1].reliable and found[1].target:
            key: tuple[int, ...] = found[1].target
            source: str | None = plain(found[0])
        elif finding.rule.startswith("untranslated/"):
            key, source = (index,), None  # no source to trust: translate the fragment alone
        else:
            continue
        groups.setdefault(key, (source, []))[1].append(finding)
    plans = []
    segments = context.target_segments
    for key, (source, asked) in sorted(groups.items()):
        span = Span(segments[key[0]].span.start, segments[key[-1]].span.end)
        fragments = _fragments(asked, span)
        plans.append(Plan(span, tuple(asked), source,
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


def decide(document: Document, remaining: Sequence[Finding], plans: Sequence[Plan],
           translations: Sequence[str],
           findings_of: Callable[[Document], list[Finding]]) -> tuple[list[Edit],
                                                                     list[Retranslation]]:
    """Which plans' re-translations to take, as edits to `document`, and a record of each.

    `translations` answer the plans' inputs in order; `findings_of` runs every check on a
    document. Candidates are judged in rounds, all plans of a file at once, so a file costs one
    run of the checks per round, not one per sentence.
    """
    text = document.text
    trials = []
    answers = iter(translations)
    for plan in plans:
        got = [next(answers) for _ in plan.inputs()]
        trials.append(_candidates(plan, text, got))
    for round_ in range(2):
        trying = [(t, t.candidates[round_]) for t in trials
                  if t.accepted is None and len(t.candidates) > round_]
        if not trying:
            break
        edits = [Edit(t.plan.span, candidate, RULE) for t, candidate in trying]
        candidate_document = _with_edits(document, edits)
        found = findings_of(candidate_document)
        shift = 0
        for (trial, candidate), edit in zip(trying, edits, strict=True):
            region = Span(edit.span.start + shift, edit.span.start + shift + len(candidate))
            shift += len(candidate) - len(edit.span)
            # Fragments translated alone answer only the Russian left in the sentence.
            asked = trial.plan.asked if candidate is not trial.fragments_text else [
                f for f in trial.plan.asked if f.rule.startswith("untranslated/")]
            problem = _judge(trial.plan, asked, remaining, found, region)
            if problem is None:
                trial.accepted = candidate
            else:
                trial.problems.append(problem)
                trial.refused = trial.refused or candidate
    from retranslate.render import LineIndex

    index = LineIndex(document)
    accepted, records = [], []
    for trial in trials:
        plan = trial.plan
        before = text[plan.span.start:plan.span.end]
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
            records.append(Retranslation(plan.span, *place, before, trial.accepted, USED_MODEL,
                                         reason, rules, plan.source or "", trial.refused))
        else:
            records.append(Retranslation(plan.span, *place, before, before, USED_SUBSTITUTION,
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


def _judge(plan: Plan, asked_by: Sequence[Finding], before: Sequence[Finding],
           after: Sequence[Finding], region: Span) -> str | None:
    """None when the candidate in `region` resolves what asked for it and adds nothing that
    substitution will not fix; else what is wrong with it."""
    def inside(findings: Sequence[Finding], where: Span) -> list[Finding]:
        return [f for f in findings
                if where.start <= f.span.start < max(where.end, where.start + 1)]

    def key(finding: Finding) -> tuple[str, str | None]:
        return finding.rule, finding.entry_id

    left = [f for f in inside(after, region) if not (f.autofix and f.suggestion is not None)]
    had = {key(f) for f in inside(before, plan.span)}
    asked = {key(f) for f in asked_by}
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


def _with_edits(document: Document, edits: Sequence[Edit]) -> Document:
    from retranslate.files.document import prose_of
    from retranslate.repair.apply import apply_edits

    text = apply_edits(document.text, edits)
    return dataclasses.replace(document, text=text, prose=prose_of(text, document.format))

