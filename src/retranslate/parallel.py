"""`--jobs`: the files of one run shared out to worker processes, results back in their order.

The pool starts once per run, forked after the glossary was loaded and compiled, so no worker
reads, parses or compiles it again, and no file pays for a process start. Files go out in
chunks (a handful of paths per task) and come back as FileResults with each batch hook's
summary of the file; the main process yields the chunks strictly in the order the paths came
and adds the summaries to its own hooks in that order, so the output and the batch findings
are those of a one-process run, byte for byte. At most a few chunks per worker are in flight,
so the walk still streams and memory stays flat. A batch too small to pay for the pool, and the
standard input, are processed here.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from retranslate.checks import BatchHook, Check, CheckContext
from retranslate.errors import RetranslateError, SkippedFile
from retranslate.glossary.model import Glossary
from retranslate.models import FileResult
from retranslate.pipeline import Options, process

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

# Paths per task: enough to amortise the round trip, few enough to keep both cores busy.
CHUNK = 8
# Tasks in flight per worker: keeps every worker fed while the main process renders.
AHEAD = 3

# One file's outcome: its result, the reader's notes and each hook's summary of it, or the error
# it raised.
Outcome = tuple[FileResult, list[SkippedFile], list[Any]] | RetranslateError


def job_count(jobs: int) -> int:
    """`jobs`, or with 0 the cores this process may run on."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Recorder:
    """Stands in for a batch hook inside a worker: keeps the file's summary for the main process."""

    def __init__(self, hook: BatchHook) -> None:
        self.hook = hook
        self.summary: Any = None

    def observe(self, path: str, ctx: CheckContext) -> None:
        self.summary = self.hook.summarize(path, ctx)


_worker: dict[str, Any] = {}


def _start_worker(glossary: Glossary, checks: Sequence[Check], options: Options, fix: bool,
                  hook_types: Sequence[type]) -> None:
    _worker.update(glossary=glossary, checks=checks, options=options, fix=fix,
                   recorders=[_Recorder(kind()) for kind in hook_types])


def _process_chunk(paths: list[str]) -> list[Outcome]:
    recorders: list[_Recorder] = _worker["recorders"]
    return [_outcome(path, _worker["glossary"], _worker["checks"], _worker["options"],
                     _worker["fix"], recorders) for path in paths]


def _outcome(path: str, glossary: Glossary, checks: Sequence[Check], options: Options,
             fix: bool, recorders: Sequence[_Recorder]) -> Outcome:
    try:
        result, notes = process(path, glossary, checks, options, fix=fix, hooks=recorders)
    except RetranslateError as err:
        return err
    return (result, [SkippedFile(note, path=path) for note in notes],
            [recorder.summary for recorder in recorders])


def run_parallel(paths: Iterable[str], glossary: Glossary, checks: Sequence[Check],
                 options: Options, *, fix: bool, report: Callable[[RetranslateError], None],
                 hooks: Sequence[BatchHook] = ()) -> Iterator[FileResult]:
    """What `pipeline.run` yields for these files (before the batch results), in that order."""
    jobs = job_count(options.jobs)
    recorders = [_Recorder(hook) for hook in hooks]
    todo = iter(paths)
    first = list(islice(todo, 2 * CHUNK))
    if jobs == 1 or len(first) < 2 * CHUNK:  # a hook's few files: the pool would cost more
        outcomes = (_outcome(path, glossary, checks, options, fix, recorders)
                    for chain in (first, todo) for path in chain)
        yield from _deliver(outcomes, hooks, glossary, report)
        return
    import multiprocessing  # only here: a hook's one-file run does not pay for importing it

    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, _start_worker,
                      (glossary, checks, options, fix, [type(hook) for hook in hooks])) as pool:
        pending: deque[AsyncResult[list[Outcome]] | list[Outcome]] = deque()
        for chunk in _chunks(first, todo):
            if chunk == ["-"]:  # standard input is this process's to read
                pending.append([_outcome("-", glossary, checks, options, fix, recorders)])
            else:
                pending.append(pool.apply_async(_process_chunk, (chunk,)))
            while len(pending) > AHEAD * jobs:
                yield from _deliver(_ready(pending.popleft()), hooks, glossary, report)
        while pending:
            yield from _deliver(_ready(pending.popleft()), hooks, glossary, report)


def _chunks(first: list[str], rest: Iterator[str]) -> Iterator[list[str]]:
    """Paths in groups of CHUNK, in order; "-" (standard input) always alone."""
    chunk: list[str] = []
    for chain in (first, rest):
        for path in chain:
            if path == "-":
                if chunk:
                    yield chunk
                chunk = []
                yield ["-"]
                continue
            chunk.append(path)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _ready(item: AsyncResult[list[Outcome]] | list[Outcome]) -> list[Outcome]:
    return item if isinstance(item, list) else item.get()


def _deliver(outcomes: Iterable[Outcome], hooks: Sequence[BatchHook], glossary: Glossary,
             report: Callable[[RetranslateError], None]) -> Iterator[FileResult]:
    for outcome in outcomes:
        if isinstance(outcome, RetranslateError):
            report(outcome)
            continue
        result, notes, summaries = outcome
        for note in notes:
            report(note)
        for hook, summary in zip(hooks, summaries, strict=True):
            hook.add(summary, glossary)
        yield result
