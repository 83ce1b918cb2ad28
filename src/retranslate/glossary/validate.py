"""Running an entry's examples: the proof that it finds what it should and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from retranslate.glossary.model import Entry, Glossary


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
        findings = [f.__class__(**{**f.__dict__, "autofix": True}) for f in findings]
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
