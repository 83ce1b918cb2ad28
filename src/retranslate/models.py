"""The plain data every pipeline stage shares: documents, segments, alignments, findings, edits."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, overload


# Slots: a file of 50 MB has millions of spans and sentences, and a slotted instance is 48
# bytes instead of 88.
@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Half-open character range [start, end) into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # Pickled as a call (--jobs sends every finding back): the state methods a slotted
        # dataclass gets pickle at half the speed.
        return Span, (self.start, self.end)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Document:
    """A file as read: its exact text plus what is needed to write it back byte for byte.

    `text` is decoded without newline translation, so "\\r\\n" stays "\\r\\n".
    `prose` lists the regions checks may look at (all of the text for plain files;
    Markdown code, URLs, HTML tags and front-matter keys are left out).
    """

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    format: str = "text"
    prose: tuple[Span, ...] = ()
    # The raw bytes' identity when read, so a write can detect a concurrent change.
    fingerprint: str = ""

    @property
    def newline(self) -> str:
        """The dominant newline style, for renderers that must add a line."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        cr = self.text.count("\r") - crlf
        if crlf >= lf and crlf >= cr and crlf:
            return "\r\n"
        if cr > lf:
            return "\r"
        return "\n"

    def in_prose(self, span: Span) -> bool:
        """True when the whole span lies inside one prose region."""
        regions = self.prose
        if not regions:
            return False
        # By key, not a list of starts: a bilingual file has a region per target piece, and
        # building the list on every call made checking it quadratic.
        i = bisect.bisect_right(regions, span.start, key=lambda r: r.start) - 1
        return i >= 0 and regions[i].contains(span)


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or heading, list item, caption) with its span in the document text."""

    span: Span
    text: str
    paragraph: int = 0


class Segments(Sequence[Segment]):
    """The sentences of one text, kept as offsets; each Segment is made when it is asked for.

    A list of Segments held about 370 bytes a sentence of news (the object, its span, a copy
    of its text: 35 MB for a 10 MB file, for the whole run); these arrays hold 24. The
    Segments made are equal to those the list held.
    """

    __slots__ = ("_text", "ends", "paragraphs", "starts")

    def __init__(self, text: str, segments: Iterable[Segment] = ()) -> None:
        self._text = text
        # Sorted (sentences come in text order), so `starts` can be bisected.
        self.starts = array("q")
        self.ends = array("q")
        self.paragraphs = array("q")
        for segment in segments:
            self.starts.append(segment.span.start)
            self.ends.append(segment.span.end)
            self.paragraphs.append(segment.paragraph)

    @classmethod
    def of_offsets(cls, text: str, offsets: Iterable[tuple[int, int, int]]) -> Segments:
        """The store of (start, end, paragraph) triples, taken one at a time."""
        store = cls(text)
        starts, ends, paragraphs = store.starts.append, store.ends.append, store.paragraphs.append
        for start, end, paragraph in offsets:
            starts(start)
            ends(end)
            paragraphs(paragraph)
        return store

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Segment: ...

    @overload
    def __getitem__(self, index: slice) -> list[Segment]: ...

    def __getitem__(self, index: int | slice) -> Segment | list[Segment]:
        if isinstance(index, slice):
            return [self._segment(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("segment index out of range")
        return self._segment(index)

    def __iter__(self) -> Iterator[Segment]:
        return (self._segment(i) for i in range(len(self)))

    def _segment(self, i: int) -> Segment:
        start, end = self.starts[i], self.ends[i]
        return Segment(Span(start, end), self._text[start:end], self.paragraphs[i])

    def starts_at(self, offset: int) -> bool:
        """Whether a sentence starts at `offset`."""
        i = bisect.bisect_left(self.starts, offset)
        return i < len(self.starts) and self.starts[i] == offset

    def index_at(self, offset: int) -> int | None:
        """Index of the sentence containing `offset`, or None outside every sentence."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return i
        return None


@dataclass(frozen=True)
class Alignment:
    """Which source sentences a run of target sentences came from (indices into segment lists).

    1-1, 1-2, 2-1 links have non-empty sides; a dropped sentence has an empty side.
    """

    target: tuple[int, ...]
    source: tuple[int, ...]
    confidence: float

    @property
    def reliable(self) -> bool:
        """Only links at least this sure may drive a source-based fix."""
        return self.confidence >= RELIABLE_ALIGNMENT


RELIABLE_ALIGNMENT = 0.6


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a check.

    `suggestion` replaces exactly `span`; it is applied by `fix` only when `autofix` is set.
    `evidence` is the source text that proves the finding, when a source was available.
    """

    rule: str
    span: Span
    severity: Severity
    message: str
    text: str
    suggestion: str | None = None
    autofix: bool = False
    evidence: str | None = None
    entry_id: str | None = None
    # The glossary entry's note: printed once per entry, not on every finding.
    note: str | None = None

    @property
    def fixable(self) -> bool:
        """Whether `fix` applies this finding: what `check` counts and JSON calls `fixable`."""
        return self.autofix and self.suggestion is not None and self.suggestion != self.text

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        # As Span's: a call, twice as fast to pickle as a slotted dataclass's state methods.
        return Finding, (self.rule, self.span, self.severity, self.message, self.text,
                         self.suggestion, self.autofix, self.evidence, self.entry_id, self.note)


@dataclass(frozen=True)
class Edit:
    """Replace `span` with `replacement`; `rule` names the finding it repairs."""

    span: Span
    replacement: str
    rule: str
    # Applied only on request (`--unsafe-fixes`): a review-only finding's suggestion.
    unsafe: bool = False
    original: str = ""


@dataclass(frozen=True)
class Retranslation:
    """What became of one sentence `fix` tried to re-translate, and why.

    `used` is "retranslation" when the model's text replaced the sentence, else "substitution"
    (the sentence kept as substitution left it). `span` points into the text substitution left,
    at 1-based `line` and `column` (a re-translation keeps the sentence's line breaks, so the
    line is the same in the fixed text); `rules` are the findings that asked for it;
    `refused` is the model's text that was judged worse, if one was.
    """

    span: Span
    line: int
    column: int
    before: str
    after: str
    used: str
    reason: str
    rules: tuple[str, ...]
    source: str
    refused: str = ""


@dataclass(frozen=True)
class FileResult:
    """Everything the pipeline learned about one file, handed to the renderers."""

    document: Document
    findings: tuple[Finding, ...]
    edits: tuple[Edit, ...] = ()
    fixed_text: str | None = None
    # Findings left in the fixed text: what `fix` could not repair.
    remaining: tuple[Finding, ...] = ()
    source_path: str | None = None
    notes: tuple[str, ...] = field(default=())
    # Findings only the whole batch shows, reported after the file's own result.
    batch: bool = False
    # The sentences `fix --retranslate` tried, in text order.
    retranslations: tuple[Retranslation, ...] = ()
    # Where fixed_text differs from the text read: (start, end) in the text read, then (start,
    # end) in fixed_text, in order; the diff is built from these lines, not the whole files.
    changes: tuple[tuple[int, int, int, int], ...] = ()
    # The name standard input is reported under (--stdin-filename), as ruff and eslint do.
    shown_as: str | None = None

    @property
    def name(self) -> str:
        """The file's name in the output: its path, or the name standard input was given."""
        return self.shown_as or self.document.path

    @property
    def changed(self) -> bool:
        return self.fixed_text is not None and self.fixed_text != self.document.text
