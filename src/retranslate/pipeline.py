"""The pipeline for one file: read → segment → align → check → repair. Renderers take it from here.

Everything here is plain functions over the shared data model; the CLI only picks options and a
renderer. Segmentation and alignment happen lazily inside CheckContext, for checks that need them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retranslate.checks import BatchHook, Check, CheckContext, Observer
from retranslate.errors import RetranslateError, SkippedFile
from retranslate.files.document import (
    prose_of,
    read_bilingual,
    read_document,
    read_source_document,
    written_edits,
)
from retranslate.glossary.model import Glossary
from retranslate.models import Document, Edit, FileResult, Finding
from retranslate.repair.apply import apply_edits, edits_for

if TYPE_CHECKING:
    from retranslate.repair.retranslate import SentenceTranslator

# Fixing repeats on its own output until nothing changes, so `fix` is idempotent even where two
# fixes overlapped; the bound only guards against a check whose fix re-triggers itself.
MAX_FIX_ROUNDS = 5


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    encoding: str | None = None
    source: str | None = None
    source_pattern: str | None = None
    # Worker processes for a batch: 1 runs in this process, 0 means one per core.
    jobs: int = 1
    # Also apply the suggestions of review-only findings (ruff's --unsafe-fixes).
    unsafe_fixes: bool = False


def rule_enabled(rule: str, options: Options) -> bool:
    """ruff-style selection: a rule id or any prefix of it ending at a '/'."""
    def hit(patterns: tuple[str, ...]) -> bool:
        return any(rule == p or rule.startswith(p.rstrip("/") + "/") for p in patterns)

    if options.select and not hit(options.select):
        return False
    return not hit(options.ignore)


def check_enabled(check: Check, options: Options) -> bool:
    """Whether --select/--ignore leave the check any rule to report; if not, it need not run."""
    if not check.rules:
        return True
    return any(_family_enabled(rule[:-2], options) if rule.endswith("/*")
               else rule_enabled(rule, options) for rule in check.rules)


def _family_enabled(family: str, options: Options) -> bool:
    """Whether some rule `family/...` passes: selected by a prefix of it or a rule inside it."""
    def covers(pattern: str) -> bool:
        pattern = pattern.rstrip("/")
        return family == pattern or family.startswith(pattern + "/")

    if options.select and not any(covers(p) or p.startswith(family + "/")
                                  for p in options.select):
        return False
    return not any(covers(p) for p in options.ignore)


def check_document(document: Document, glossary: Glossary, checks: Sequence[Check],
                   source: Document | None = None, options: Options = Options(),
                   hooks: Sequence[Observer] = ()) -> list[Finding]:
    context = CheckContext(document, glossary, source)
    findings = [f for check in checks for f in check.run(context) if rule_enabled(f.rule, options)]
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.rule))
    for hook in hooks:
        hook.observe(document.path, context)
    return findings


def fix_document(document: Document, glossary: Glossary, checks: Sequence[Check],
                 source: Document | None = None, options: Options = Options(),
                 translator: SentenceTranslator | None = None) -> FileResult:
    """Substitute what can be substituted; then, with a translator and a source, re-translate
    the sentences whose findings substitution left, and substitute again on the result."""
    findings = check_document(document, glossary, checks, source, options)
    applied: list[Edit] = []
    changes: list[tuple[int, int, int, int]] = []

    def rounds(current: Document, remaining: list[Finding]) -> tuple[Document, list[Finding]]:
        for _ in range(MAX_FIX_ROUNDS):
            edits = written_edits(current, edits_for(remaining, unsafe=options.unsafe_fixes))
            if not edits:
                break
            applied.extend(edits)
            changes[:] = compose(changes, edits)
            current = _with_text(current, apply_edits(current.text, edits))
            remaining = check_document(current, glossary, checks, source, options)
        return current, remaining

    current, remaining = rounds(document, findings)
    if translator is not None and source is not None:
        from retranslate.repair.retranslate import retranslation_edits

        edits = written_edits(current, retranslation_edits(
            CheckContext(current, glossary, source), remaining, translator))
        if edits:
            applied.extend(edits)
            changes[:] = compose(changes, edits)
            current = _with_text(current, apply_edits(current.text, edits))
            current, remaining = rounds(current,
                                        check_document(current, glossary, checks, source,
                                                       options))
    return FileResult(document, tuple(findings), tuple(applied), current.text,
                      remaining=tuple(remaining), changes=tuple(changes))


def compose(changes: Sequence[tuple[int, int, int, int]],
            edits: Sequence[Edit]) -> list[tuple[int, int, int, int]]:
    """The changes so far followed by one round of edits (sorted, on the current text).

    A change is (start, end) in the original text and (start, end) in the current one; edits
    and changes that overlap or touch in the current text become one change.
    """
    items = sorted([(c[2], c[3], c[3] - c[2] - (c[1] - c[0]), False) for c in changes]
                   + [(e.span.start, e.span.end, len(e.replacement) - len(e.span), True)
                      for e in edits])
    out: list[tuple[int, int, int, int]] = []
    # current − original before the next item, and new − current (this round's edits so far).
    drift = shift = 0
    i = 0
    while i < len(items):
        start, end = items[i][0], items[i][1]
        old_start, new_start = start - drift, start + shift
        while i < len(items) and items[i][0] <= end:
            end = max(end, items[i][1])
            if items[i][3]:
                shift += items[i][2]
            else:
                drift += items[i][2]
            i += 1
        out.append((old_start, end - drift, new_start, end + shift))
    return out


def _with_text(document: Document, text: str) -> Document:
    return dataclasses.replace(document, text=text, prose=prose_of(text, document.format))


def read_source(path: str, options: Options) -> Document | None:
    """The Russian source for a translation, if one was named or can be found beside it."""
    if options.source:
        return read_source_document(options.source)
    if path == "-":
        return None
    try:
        from retranslate.files.pairing import find_source
    except ImportError:
        return None
    found = find_source(Path(path), pattern=options.source_pattern)
    return read_source_document(str(found)) if found else None


def read_pair(path: str, options: Options
              ) -> tuple[Document, Document | None, tuple[str, ...]]:
    """The document to check, its source and notes on what in it cannot be checked; a
    bilingual file (PO, XLIFF, TMX, TS) has its own source."""
    from retranslate.files.bilingual import bilingual_format

    if path != "-" and bilingual_format(path):
        document, own, notes = read_bilingual(path, options.encoding)
        source = read_source_document(options.source) if options.source else own
        return document, source, notes
    return read_document(path, options.encoding), read_source(path, options), ()


def process(path: str, glossary: Glossary, checks: Sequence[Check], options: Options, *,
            fix: bool, hooks: Sequence[Observer] = (),
            translator: SentenceTranslator | None = None) -> tuple[FileResult, tuple[str, ...]]:
    """One file read, checked (and with `fix`, repaired), with the reader's notes on what it
    passed over; raises RetranslateError on bad input."""
    document, source, notes = read_pair(path, options)
    if fix:
        result = fix_document(document, glossary, checks, source, options, translator)
    else:
        result = FileResult(document, tuple(check_document(document, glossary, checks, source,
                                                           options, hooks)))
    if source is not None:
        result = dataclasses.replace(result, source_path=source.path)
    return result, notes


def run(paths: Iterable[str], glossary: Glossary, checks: Sequence[Check], options: Options,
        *, fix: bool, report: Callable[[RetranslateError], None],
        hooks: Sequence[BatchHook] = (),
        translator: SentenceTranslator | None = None) -> Iterator[FileResult]:
    """Process files one at a time (memory stays flat over any batch); errors go to `report`.

    Batch hooks see each file as checked and report at the end; they are for `check` only,
    since their findings point into files as they were read. With `options.jobs` other than 1
    the files are shared out to worker processes (`retranslate.parallel`); the results come back
    in the same order, so the output is the same.
    """
    if fix and hooks:
        raise ValueError("batch hooks report on unchanged files; they do not run with fix")
    # A check none of whose rules is selected would only have its findings filtered out.
    checks = [check for check in checks if check_enabled(check, options)]
    running = {check.run.__module__ for check in checks}
    hooks = [hook for hook in hooks if type(hook).__module__ in running]
    # A translator holds a model and its threads, which do not survive a fork: one process.
    if options.jobs != 1 and translator is None:
        from retranslate.parallel import run_parallel

        yield from run_parallel(paths, glossary, checks, options, fix=fix, report=report,
                                hooks=hooks)
    else:
        for path in paths:
            try:
                result, notes = process(path, glossary, checks, options, fix=fix, hooks=hooks,
                                        translator=translator)
            except RetranslateError as err:
                report(err)
                continue
            for note in notes:
                report(SkippedFile(note, path=path))
            yield result
    yield from _batch_results(hooks, options, report)


def _batch_results(hooks: Sequence[BatchHook], options: Options,
                   report: Callable[[RetranslateError], None]) -> Iterator[FileResult]:
    """Findings that only the whole batch shows, grouped by file, after every file is done."""
    by_path: dict[str, list[Finding]] = {}
    for hook in hooks:
        for path, finding in hook.finish():
            if rule_enabled(finding.rule, options):
                by_path.setdefault(path, []).append(finding)
    for path, findings in by_path.items():
        try:  # read again only to place the findings: the file was not changed by `check`
            document = read_document(path, options.encoding)
        except RetranslateError as err:
            report(err)
            continue
        yield FileResult(document, tuple(sorted(findings, key=lambda f: f.span.start)),
                         batch=True)

