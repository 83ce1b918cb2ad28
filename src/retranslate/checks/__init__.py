"""The check plug-in interface: a check takes a CheckContext and yields Findings.

Each check lives in its own module under `retranslate.checks` and exposes `CHECK`, a `Check`.
Adding one means writing the module and naming it in CHECK_MODULES; nothing else changes.

A check that needs the whole batch (names spelled one way in one file and another way in the
next) may also expose `BATCH`: a zero-argument factory of an object with
    summarize(path: str, ctx: CheckContext) -> S    # once per file, after its checks ran
    add(summary: S, glossary: Glossary) -> None     # the same summaries, in the files' order
    finish() -> list[tuple[str, Finding]]           # once, after the last file: (path, finding)
`observe(path, ctx)` is `add(summarize(path, ctx), ctx.glossary)`. The two halves let `--jobs`
summarise each file in the worker that checked it and add the (picklable, small) summaries in
the main process in the files' order, so a parallel run ends in the same state as a serial one.
`batch_hooks()` makes fresh ones for a run. Hooks keep bounded summaries, never documents, so
memory stays flat; their findings are reported, never fixed, since the files they point into
have already been written or printed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from retranslate.glossary.model import Glossary
    from retranslate.models import Alignment, Document, Finding, Segment, Segments

T = TypeVar("T")

# Modules (under retranslate.checks) whose CHECK is run, in order. Order matters only for
# ties between overlapping autofixes: an earlier check's fix wins.
CHECK_MODULES: tuple[str, ...] = ("glossary", "untranslated", "numbers", "time_range", "names",
                                  "term_omitted", "markup", "spacing", "glued", "capitals",
                                  "typography", "name_endings", "source_names", "negation",
                                  "calques", "pronouns")


class CheckContext:
    """What a check may look at for one file. Expensive views are computed once, on first use."""

    def __init__(self, document: Document, glossary: Glossary,
                 source: Document | None = None) -> None:
        self.document = document
        self.glossary = glossary
        self.source = source
        self._shared: dict[Callable[[CheckContext], Any], Any] = {}

    def shared(self, compute: Callable[[CheckContext], T]) -> T:
        """`compute(self)`, worked out once per file however many checks and hooks ask for it."""
        if compute not in self._shared:
            self._shared[compute] = compute(self)
        result: T = self._shared[compute]
        return result

    @cached_property
    def target_segments(self) -> Segments:
        from retranslate.language.segment import sentence_offsets
        from retranslate.models import Segments

        # Kept as offsets for the whole run, and made as offsets: a big file's sentences as
        # objects were a third of what checking it held.
        text = self.document.text
        return Segments.of_offsets(text, sentence_offsets(text, "en", self.document.prose))

    @cached_property
    def source_segments(self) -> list[Segment]:
        from retranslate.language.segment import split_sentences

        if self.source is None:
            return []
        return split_sentences(self.source.text, "ru", self.source.prose)

    @cached_property
    def alignments(self) -> list[Alignment]:
        from retranslate.files.bilingual import unit_groups
        from retranslate.language.align import align
        from retranslate.models import Alignment

        if self.source is None:
            return []
        groups = unit_groups(self.document, self.source, self.target_segments,
                             self.source_segments)
        if groups is None:
            return align(self.source_segments, self.target_segments, self.glossary)
        # Each unit of a bilingual file translates its own source: align inside units only.
        links = []
        for t_ids, s_ids in groups:
            for link in align([self.source_segments[i] for i in s_ids],
                              [self.target_segments[i] for i in t_ids], self.glossary):
                links.append(Alignment(tuple(t_ids[i] for i in link.target),
                                       tuple(s_ids[i] for i in link.source), link.confidence))
        return links

    @cached_property
    def _link_of_target(self) -> dict[int, Alignment]:
        return {t: link for link in self.alignments for t in link.target}

    def target_segment_at(self, offset: int) -> int | None:
        """Index of the target sentence containing `offset`, or None outside every sentence."""
        return self.target_segments.index_at(offset)

    def reliable_links(self) -> Iterator[tuple[Alignment, str]]:
        """Each link sure enough to act on, with both sides, and its source text (the evidence)."""
        for link in self.alignments:
            if link.reliable and link.source and link.target:
                yield link, " ".join(self.source_segments[i].text for i in link.source)

    def source_for(self, offset: int) -> tuple[str, Alignment] | None:
        """The source text aligned to the target sentence at `offset`, with its link.

        None without a source, outside every sentence, or where the sentence has no source side.
        Callers must check `link.reliable` before using it to fix anything.
        """
        if self.source is None:
            return None
        index = self.target_segment_at(offset)
        if index is None:
            return None
        link = self._link_of_target.get(index)
        if link is None or not link.source:
            return None
        text = " ".join(self.source_segments[i].text for i in link.source)
        return text, link


def forget_texts() -> None:
    """Drop what the per-text caches keep of the last text checked (its line breaks and long
    lines, its line facts, its vocabulary). They are kept for the next check of the same
    text; a fix checks a new text next, and would otherwise hold both texts' at once."""
    from retranslate.checks import lowered
    from retranslate.language import english, vocabulary

    english.forget_texts()
    lowered.lines.cache_clear()
    vocabulary.of_text.cache_clear()


@dataclass(frozen=True)
class Check:
    """A named check. `rules` lists every rule id its findings may carry."""

    name: str
    rules: tuple[str, ...]
    run: Callable[[CheckContext], Iterable[Finding]]
    description: str = ""


def load_checks(names: Iterable[str] = CHECK_MODULES) -> list[Check]:
    """Import the named check modules (lazily, so a hook run pays only for what it uses)."""
    checks = []
    for name in names:
        module = importlib.import_module(f"retranslate.checks.{name}")
        checks.append(module.CHECK)
    return checks


class Observer(Protocol):
    """What sees each file after its checks ran: a batch hook, or a worker's stand-in for one."""

    def observe(self, path: str, ctx: CheckContext) -> None: ...


class BatchHook(Observer, Protocol):
    def summarize(self, path: str, ctx: CheckContext) -> Any: ...

    def add(self, summary: Any, glossary: Glossary) -> None: ...

    def finish(self) -> list[tuple[str, Finding]]: ...


def batch_hooks(names: Iterable[str] = CHECK_MODULES) -> list[BatchHook]:
    """A fresh BATCH object from every named check module that has one."""
    hooks = []
    for name in names:
        factory = getattr(importlib.import_module(f"retranslate.checks.{name}"), "BATCH", None)
        if factory is not None:
            hooks.append(factory())
    return hooks
