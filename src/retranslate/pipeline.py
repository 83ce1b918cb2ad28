"""The pipeline for one file: read → segment → align → check → repair. Renderers take it from here.

Everything here is plain functions over the shared data model; the CLI only picks options and a
renderer. Segmentation and alignment happen lazily inside CheckContext, for checks that need them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from retranslate.checks import BatchHook, Check, CheckContext, Observer, forget_texts
from retranslate.errors import RetranslateError, SkippedFile
from retranslate.files.document import (
    BILINGUAL_FORMATS,
    prose_of,
    read_bilingual,
    read_document,
    read_source_document,
    written_edits,
)
from retranslate.glossary.model import Glossary
from retranslate.models import Document, Edit, FileResult, Finding, Span
from retranslate.repair.apply import apply_edits, edits_for

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
    stdin_format: str = "text"
    # The name findings in standard input are reported under (--stdin-filename); None: "-".
    stdin_name: str | None = None
    # Worker processes for a batch: 1 runs in this process, 0 means one per core.
    jobs: int = 1
    # Also apply the suggestions of review-only findings (ruff's --unsafe-fixes).
    unsafe_fixes: bool = False
    # Phrases whose findings are never reported, and (rule or prefix, level) overrides.
    allow: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    # Every rule id there is, for checking the ids written in ignore comments; empty: no check.
    rule_ids: frozenset[str] = frozenset()

    def shown_as(self, path: str) -> str | None:
        """The name a file's findings are reported under, where it is not its path."""
        return self.stdin_name if path == "-" else None


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
    findings = settle(document, (f for check in checks for f in check.run(context)
                                 if rule_enabled(f.rule, options)), options)
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.rule))
    for hook in hooks:
        hook.observe(document.path, context)
    return findings


def settle(document: Document, findings: Iterable[Finding], options: Options) -> list[Finding]:
    """The findings that survive the file's ignore comments and allowed phrases, at the level
    the settings give their rules."""
    from retranslate.files.ignores import (
        allowed_regions,
        inline_regions,
        with_severity,
        without_ignored,
    )

    def known(pattern: str) -> bool:
        return not options.rule_ids or any(
            rule == pattern or rule.startswith(pattern.rstrip("/") + "/")
            for rule in options.rule_ids)

    regions = [*inline_regions(document.text, document.path, known),
               *allowed_regions(document.text, options.allow)]
    return with_severity(without_ignored(findings, regions), options.severity)


def fix_document(document: Document, glossary: Glossary, checks: Sequence[Check],
                 source: Document | None = None, options: Options = Options()) -> FileResult:
    """Substitute what can be substituted, round after round until nothing changes.

    Re-translation (`retranslate.repair.retranslate_run`) takes the result from here, over all
    the files of a run at once."""
    strings: dict[str, str] = {}
    findings = _sharing_strings(check_document(document, glossary, checks, source, options),
                                strings)
    applied: list[Edit] = []
    changes: list[tuple[int, int, int, int]] = []

    def applies(finding: Finding) -> bool:
        return finding.fixable or (options.unsafe_fixes and finding.suggestion is not None
                                   and finding.suggestion != finding.text)

    def rounds(current: Document, wanted: list[Finding]) -> tuple[Document, list[Finding]]:
        """Apply `wanted` (findings of `current`); later rounds take only what overlapped an
        earlier edit and is found again, so fix applies what check reported and nothing that
        an edit's new context brought about."""
        remaining = wanted
        for _ in range(MAX_FIX_ROUNDS):
            edits = written_edits(current, edits_for(wanted, unsafe=options.unsafe_fixes))
            if not edits:
                break
            applied.extend(edits)
            done = {edit.span for edit in edits}
            waiting = _Waiting(moved_spans(
                [f.span for f in wanted if applies(f) and f.span not in done], edits))
            changes[:] = compose(changes, edits)
            current = _with_text(current, apply_edits(current.text, edits))
            forget_texts()
            remaining = _sharing_strings(
                check_document(current, glossary, checks, source, options), strings)
            wanted = [f for f in remaining if applies(f) and waiting.touches(f.span)]
        return current, remaining

    current, remaining = rounds(document, findings)
    return FileResult(document, tuple(findings), tuple(applied), current.text,
                      remaining=tuple(remaining), changes=tuple(changes))


def _sharing_strings(findings: list[Finding], shared: dict[str, str]) -> list[Finding]:
    """The findings with each distinct rule id, message, text and suggestion stored once in
    `shared`, across the rounds of a fix.

    Checks build these strings for every finding, yet real news repeats a few hundred of them
    across thousands of findings (a tenth are distinct), and `fix` holds the first round's
    findings while it checks the fixed text again. (Entry ids and notes are the entry's own.)
    """
    one = shared.setdefault
    return [Finding(one(f.rule, f.rule), f.span, f.severity, one(f.message, f.message),
                    one(f.text, f.text),
                    f.suggestion if f.suggestion is None else one(f.suggestion, f.suggestion),
                    f.autofix, f.evidence, f.entry_id, f.note) for f in findings]


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


def moved_spans(spans: Sequence[Span], edits: Sequence[Edit]) -> list[Span]:
    """Where each span lies once `edits` (sorted, disjoint) are applied, sorted by start; an end
    inside an edit moves out to cover the edit's new text. Sweeps, so a 50 MB file with
    thousands of findings costs no more than its findings."""
    order = sorted(spans)
    starts = _placed([s.start for s in order], edits, right=False)
    by_end = sorted(range(len(order)), key=lambda k: order[k].end)
    end_of = [0] * len(order)
    for k, end in zip(by_end, _placed([order[k].end for k in by_end], edits, right=True),
                      strict=True):
        end_of[k] = end
    return [Span(start, max(start, end)) for start, end in zip(starts, end_of, strict=True)]


def _placed(offsets: Sequence[int], edits: Sequence[Edit], *, right: bool) -> list[int]:
    """Sorted offsets moved through the edits; one inside an edit goes to its start (or to its
    replacement's end, for `right`)."""
    out = []
    shift = 0
    i = 0
    for offset in offsets:
        while i < len(edits) and edits[i].span.end <= offset:
            shift += len(edits[i].replacement) - len(edits[i].span)
            i += 1
        if i < len(edits) and edits[i].span.start < offset:
            out.append(edits[i].span.start + shift + (len(edits[i].replacement) if right else 0))
        else:
            out.append(offset + shift)
    return out


class _Waiting:
    """Spans sorted by start, asked whether a span overlaps one of them in O(log n)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        import itertools

        self.starts = [s.start for s in spans]
        self.reach = list(itertools.accumulate((s.end for s in spans), max))

    def touches(self, span: Span) -> bool:
        import bisect

        if len(span):
            i = bisect.bisect_left(self.starts, span.end)
            return i > 0 and self.reach[i - 1] > span.start
        i = bisect.bisect_right(self.starts, span.start)
        return i > 0 and self.reach[i - 1] >= span.start


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

    fmt = options.stdin_format if path == "-" else bilingual_format(path)
    if fmt in BILINGUAL_FORMATS:
        document, own, notes = read_bilingual(path, options.encoding, fmt)
        source = read_source_document(options.source) if options.source else own
        return document, source, notes
    return read_document(path, options.encoding, fmt if path == "-" else None), \
        read_source(path, options), ()


def process(path: str, glossary: Glossary, checks: Sequence[Check], options: Options, *,
            fix: bool, hooks: Sequence[Observer] = ()) -> tuple[FileResult, tuple[str, ...]]:
    """One file read, checked (and with `fix`, repaired), with the reader's notes on what it
    passed over; raises RetranslateError on bad input."""
    document, source, notes = read_pair(path, options)
    if fix:
        result = fix_document(document, glossary, checks, source, options)
    else:
        result = FileResult(document, tuple(check_document(document, glossary, checks, source,
                                                           options, hooks)))
    if source is not None:
        result = dataclasses.replace(result, source_path=source.path)
    if options.shown_as(path):
        result = dataclasses.replace(result, shown_as=options.shown_as(path))
    return result, notes


def run(paths: Iterable[str], glossary: Glossary, checks: Sequence[Check], options: Options,
        *, fix: bool, report: Callable[[RetranslateError], None],
        hooks: Sequence[BatchHook] = ()) -> Iterator[FileResult]:
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
    if options.jobs != 1:
        from retranslate.parallel import run_parallel

        yield from run_parallel(paths, glossary, checks, options, fix=fix, report=report,
                                hooks=hooks)
    else:
        for path in paths:
            try:
                result, notes = process(path, glossary, checks, options, fix=fix, hooks=hooks)
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
            kept = settle(document, findings, options)
        except RetranslateError as err:
            report(err)
            continue
        if kept:
            yield FileResult(document, tuple(sorted(kept, key=lambda f: f.span.start)),
                             batch=True, shown_as=options.shown_as(path))

