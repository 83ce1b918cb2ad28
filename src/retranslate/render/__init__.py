"""Output formats as plug-ins: each renderer takes FileResults one by one, then a summary.

Adding a format (sarif, github annotations) means one module here and one line in RENDERERS;
no check or pipeline code changes.
"""

from __future__ import annotations

import bisect
import dataclasses
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Protocol

from retranslate.models import Document, FileResult, Finding

RENDERERS = {
    "text": "retranslate.render.text",
    "json": "retranslate.render.json",
    "github": "retranslate.render.github",
    "sarif": "retranslate.render.sarif",
}


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    fixable: int = 0
    # Findings whose suggestion only `fix --unsafe-fixes` applies.
    unsafe: int = 0
    fixed_files: int = 0
    errors: int = 0


class Renderer(Protocol):
    def file(self, result: FileResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def renderer_for(name: str, out: IO[str], *, color: bool) -> Renderer:
    module = importlib.import_module(RENDERERS[name])
    renderer: Renderer = module.Renderer(out, color=color)
    return renderer


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """1-based line and column (in characters) for offsets into a document's text.

    Lines are counted with str.count from the previous offset asked for (findings come in
    order), so a large file with a few findings costs a C-speed pass, not a list of every line.
    Text with carriage returns (\r\n or a lone \r) takes the general path.
    """

    def __init__(self, document: Document) -> None:
        self._text = document.text
        self._starts: list[int] | None = None
        if "\r" in self._text:
            self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self._text))]
        # Where the last position asked for is: its offset, line and the start of that line.
        self._offset = 0
        self._line = 1
        self._line_start = 0

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is not None:
            line = bisect.bisect_right(self._starts, offset) - 1
            return line + 1, offset - self._starts[line] + 1
        text = self._text
        # Only the text between the last offset and this one is searched, so a 50 MB file on
        # one line, or a finding's end asked after its start, costs no rescan from the top.
        if offset >= self._offset:
            between = text.count("\n", self._offset, offset)
            if between:
                self._line += between
                self._line_start = text.rfind("\n", self._offset, offset) + 1
        else:
            between = text.count("\n", offset, self._offset)
            if between:
                self._line -= between
                self._line_start = text.rfind("\n", 0, offset) + 1
        self._offset = offset
        return self._line, offset - self._line_start + 1


@dataclass(frozen=True)
class Located:
    """A finding with its 1-based start and (exclusive) end, as every format reports them."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


def located(result: FileResult) -> Iterator[Located]:
    """The findings a renderer reports for one file, placed in the text they point into.

    After a fix, what is left was found in the fixed text, so it is placed there.
    """
    if result.fixed_text is None:
        findings, document = result.findings, result.document
    else:
        findings = result.remaining
        document = dataclasses.replace(result.document, text=result.fixed_text)
    if not findings:
        return
    index = LineIndex(document)
    for finding in findings:
        line, column = index.position(finding.span.start)
        end_line, end_column = index.position(finding.span.end)
        yield Located(finding, line, column, end_line, end_column)
