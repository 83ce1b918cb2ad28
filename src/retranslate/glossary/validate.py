"""Proving a glossary sound: its examples find what they should, and its fixes never cycle."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from retranslate.errors import GlossaryError
from retranslate.glossary.model import Entry, Glossary

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ExampleFailure:
    entry: Entry
    message: str

    def __str__(self) -> str:
        return f"{self.entry.where}: {self.entry.id}: {self.message}"


def fix_text(text: str, glossary: Glossary, *, only_autofix: bool = False) -> tuple[str, int]:
    """Apply the glossary's suggestions to a plain text; the new text and the finding count."""
    from retranslate.checks import CheckContext
    from retranslate.checks.glossary import run
    from retranslate.files.document import decode
    from retranslate.repair.apply import apply_edits, edits_for

    document = decode(text.encode("utf-8"), "<example>", fmt="text")
    findings = list(run(CheckContext(document, glossary)))
    if not only_autofix:
        findings = [dataclasses.replace(f, autofix=True) for f in findings]
    return apply_edits(text, edits_for(findings)), len(findings)


def check_entry(entry: Entry) -> list[ExampleFailure]:
    """Every way the entry's examples and ok sentences fail; empty when it is sound."""
    alone = Glossary((entry,))
    failures = []
    for example in entry.examples:
        fixed, count = fix_text(example.wrong, alone)
        if count == 0:
            failures.append(ExampleFailure(entry, f"finds nothing in example {example.wrong!r}"))
        elif entry.rephrase and fixed != example.wrong:
            failures.append(ExampleFailure(entry, f"rephrase entry edits {example.wrong!r}"))
        elif not entry.rephrase and fixed != example.right:
            failures.append(ExampleFailure(
                entry, f"turns {example.wrong!r} into {fixed!r}, expected {example.right!r}"))
        if fix_text(example.right, alone)[1]:
            failures.append(ExampleFailure(entry, f"flags its own right text {example.right!r}"))
    for sentence in entry.ok:
        if fix_text(sentence, alone)[1]:
            failures.append(ExampleFailure(entry, f"flags the ok sentence {sentence!r}"))
    return failures


def check_glossary(glossary: Glossary) -> list[ExampleFailure]:
    return [failure for entry in glossary.entries for failure in check_entry(entry)]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(phrase.casefold()))


def _shadowed(entry: Entry, target: tuple[str, ...]) -> bool:
    """Whether one of the entry's accept or ignore phrases sits in `target`, hiding its wrong
    form there ("US Air Force Academy" holds "Air Force" without being a finding for it)."""
    return any(_contains(target, _words(p)) for p in (*entry.accept, *entry.ignore))


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return n > 0 and any(words[i:i + n] == part for i in range(len(words) - n + 1))


def refuse_cycles(entries: list[Entry]) -> None:
    """Refuse entries whose fixes lead back to a wrong form: `alpha → beta` with `beta → alpha`
    would make every `fix` flip the text, and longer chains the same.

    An entry leads to another when its target holds the other's wrong form (itself included: a
    target that holds its own wrong form grows on every run). A target that only completes a
    wrong form with the words around it ("BBC" before "of Russia") is no cycle: each round uses
    up those words, so the rounds of `fix` settle.
    """
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for index, entry in enumerate(entries):
        for wrong in entry.wrong:
            words = _words(wrong)
            if words:
                by_first.setdefault(words[0], []).append((words, index))
    leads: list[list[int]] = []
    for entry in entries:
        target = _words(entry.target)
        found = {index for i, word in enumerate(target)
                 for words, index in by_first.get(word, ())
                 if target[i:i + len(words)] == words}
        leads.append(sorted(i for i in found if not _shadowed(entries[i], target)))
    cycle = _first_cycle(leads)
    if cycle:
        chain = ", ".join(f"{entries[i].wrong[0]!r} → {entries[i].target!r} "
                          f"({entries[i].where})" for i in cycle[:-1])
        last = entries[cycle[-2]]
        raise GlossaryError(
            f"glossary cycle: {chain}; each fix undoes another, so `fix` would never settle",
            path=last.origin, line=last.line, hint="drop one of the wrong forms or targets")


def _first_cycle(leads: list[list[int]]) -> list[int]:
    """A cycle in the graph as its nodes with the first repeated at the end, or []."""
    state = [0] * len(leads)  # 0 unseen, 1 on the current path, 2 done
    for root in range(len(leads)):
        if state[root]:
            continue
        path = [root]
        todo = [iter(leads[root])]
        state[root] = 1
        while todo:
            step = next(todo[-1], None)
            if step is None:
                state[path.pop()] = 2
                todo.pop()
            elif state[step] == 1:
                return [*path[path.index(step):], step]
            elif state[step] == 0:
                state[step] = 1
                path.append(step)
                todo.append(iter(leads[step]))
    return []
