"""Re-translation over a whole `fix` run: sentences from many files, one model, few batches.

Files come in as substitution left them. Those with sentences to re-translate wait until enough
sentences are gathered (or the run ends), then all go to the model in one batch, and the files
come out again in their order. The model is loaded on the first sentence that needs it, once
per run; without the mt extra or a model, the files pass through as substitution left them and
one note says why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from retranslate.checks import Check, CheckContext
from retranslate.errors import RetranslateError
from retranslate.files.document import BILINGUAL_FORMATS, written_edits
from retranslate.glossary.model import Glossary
from retranslate.models import Document, Edit, FileResult, Finding, Span
from retranslate.pipeline import Options, check_document, fix_document
from retranslate.repair.retranslate import (
    Plan,
    SentenceTranslator,
    asks_for_retranslation,
    decide,
    plan_retranslation,
)

T = TypeVar("T", Finding, Edit)
# Sentences gathered before the model runs: large enough for batching to pay, small enough
# that the files waiting for them stay few.
BATCH_SENTENCES = 64
INSTALL_HINT = ("install a ru→en model with `retranslate model install FILE.argosmodel` "
                "(see docs/mt.md)")


@dataclass
class _Waiting:
    result: FileResult
    plans: Sequence[Plan] = ()


class RetranslationStage:
    """The re-translating stage of one run. `explicit` is --retranslate: without it, a missing
    extra or model is no news worth a note, since the user did not ask."""

    def __init__(self, glossary: Glossary, checks: Sequence[Check], options: Options, *,
                 explicit: bool, note: Callable[[str], None],
                 load: Callable[[], SentenceTranslator] | None = None) -> None:
        self.glossary = glossary
        self.checks = checks
        self.options = options
        self.explicit = explicit
        self.note = note
        self._load = load or _load_installed
        self._translator: SentenceTranslator | None = None
        self._unavailable = False
        self._installed: bool | None = None
        self._format = "text"

    def results(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        waiting: list[_Waiting] = []
        sentences = 0
        for result in results:
            item = self._plan(result) if self._may_translate() else _Waiting(result)
            if not item.plans and not waiting:
                yield result
                continue
            waiting.append(item)
            sentences += sum(len(plan.inputs()) for plan in item.plans)
            if sentences >= BATCH_SENTENCES:
                yield from self._flush(waiting)
                waiting, sentences = [], 0
        yield from self._flush(waiting)

    def _plan(self, result: FileResult) -> _Waiting:
        if (result.fixed_text is None or result.batch
                or not any(asks_for_retranslation(f) for f in result.remaining)):
            return _Waiting(result)
        document = _with_text(result.document, result.fixed_text)
        return _Waiting(result, plan_retranslation(CheckContext(document, self.glossary),
                                                   result.remaining))

    def _flush(self, waiting: list[_Waiting]) -> Iterator[FileResult]:
        inputs = [i for item in waiting for plan in item.plans for i in plan.inputs()]
        translator = self._translator_or_none() if inputs else None
        answers: list[str] = []
        if translator is not None:
            try:
                answers = translator.translate([text for text, _ in inputs],
                                               [forbid for _, forbid in inputs])
            except RetranslateError as err:  # out of memory, a model broken on this input
                self.note(f"re-translation skipped: {err}")
                self._unavailable, translator = True, None
        translations = iter(answers)
        for item in waiting:
            if translator is None or not item.plans:
                yield item.result
                continue
            count = sum(len(plan.inputs()) for plan in item.plans)
            yield self._retranslated(item, [next(translations) for _ in range(count)])

    def _may_translate(self) -> bool:
        if not self.explicit and self._installed is None:
            # Without --retranslate, a run on a machine with no model must not pay for
            # planning, nor for importing Argos to learn there is nothing to load.
            self._installed = _installed_cheaply()
        return not self._unavailable and (self.explicit or bool(self._installed))

    def _translator_or_none(self) -> SentenceTranslator | None:
        if self._translator is None and not self._unavailable:
            try:
                self._translator = self._load()
            except RetranslateError as err:
                self._unavailable = True
                if self.explicit or "cannot load" in str(err):  # a broken model is news
                    hint = "see docs/mt.md" if "model install" in str(err) else INSTALL_HINT
                    self.note(f"re-translation skipped: {err}; {hint}")
        return self._translator

    def _retranslated(self, item: _Waiting, translations: list[str]) -> FileResult:
        result = item.result
        assert result.fixed_text is not None
        document = _with_text(result.document, result.fixed_text)
        # A sentence of a PO or XLIFF file is plain text once out of its file.
        self._format = "text" if document.format in BILINGUAL_FORMATS else document.format
        edits, records = decide(document, item.plans, translations, self._sentence_findings)
        if not edits:
            return dataclasses.replace(result, retranslations=tuple(records))
        # Each new sentence gets substitution once more, beside its source (a model repeats
        # known mistakes), and its findings take the place of the old sentence's.
        sources = {plan.span: plan.evidence for plan in item.plans}
        pieces, remaining, applied = [], [], list(result.edits)
        cursor = shift = 0
        old_findings = iter(sorted(result.remaining, key=lambda f: f.span.start))
        pending = next(old_findings, None)
        for edit in edits:
            again = self._sentence_fix(edit.replacement, sources[edit.span])
            # Escaped where it lands (XML entities, PO escapes), as substitution's edits are.
            [written] = written_edits(document, [dataclasses.replace(
                edit, replacement=again.fixed_text or edit.replacement)])
            new = written.replacement
            while pending is not None and pending.span.start < edit.span.end:
                if pending.span.start < edit.span.start:
                    remaining.append(_moved(pending, shift))
                pending = next(old_findings, None)
            pieces += [document.text[cursor:edit.span.start], new]
            start = edit.span.start + shift
            remaining += [_moved(f, start) for f in again.remaining]
            applied += [edit, *(_moved(e, start) for e in again.edits)]
            shift += len(new) - len(edit.span)
            cursor = edit.span.end
        while pending is not None:
            remaining.append(_moved(pending, shift))
            pending = next(old_findings, None)
        pieces.append(document.text[cursor:])
        # The substitution rounds' change list no longer describes the text, so the diff is
        # made from the whole files (`changes` empty), as before line-range diffs.
        return dataclasses.replace(result, fixed_text="".join(pieces), edits=tuple(applied),
                                   remaining=tuple(sorted(remaining,
                                                          key=lambda f: f.span.start)),
                                   retranslations=tuple(records), changes=())

    def _window(self, sentence: str, evidence: str | None) -> tuple[Document, Document | None]:
        """A sentence as a document of its own, with its source sentence as the source."""
        like = self._format
        document = _with_text(Document(path="(sentence)", text="", format=like), sentence)
        source = None if evidence is None else Document(
            path="(source sentence)", text=evidence, format="text",
            prose=(Span(0, len(evidence)),))
        return document, source

    def _sentence_findings(self, sentence: str, evidence: str | None) -> list[Finding]:
        document, source = self._window(sentence, evidence)
        return check_document(document, self.glossary, self.checks, source, self.options)

    def _sentence_fix(self, sentence: str, evidence: str | None) -> FileResult:
        document, source = self._window(sentence, evidence)
        return fix_document(document, self.glossary, self.checks, source, self.options)


def _moved(moved: T, by: int) -> T:
    """A finding or an edit of a sentence, placed in the file where the sentence starts."""
    span = Span(moved.span.start + by, moved.span.end + by)
    return dataclasses.replace(moved, span=span)


def _with_text(document: Document, text: str) -> Document:
    from retranslate.files.document import prose_of

    return dataclasses.replace(document, text=text, prose=prose_of(text, document.format))


def _load_installed() -> SentenceTranslator:
    from retranslate.mt.translator import load_translator

    return load_translator()


def _installed_cheaply() -> bool:
    """Whether the mt extra and a ru→en model seem present, found without importing either."""
    import importlib.util

    from retranslate.mt.packages import model_folders

    return (importlib.util.find_spec("argostranslate") is not None
            and any(True for _ in model_folders("ru", "en")))
