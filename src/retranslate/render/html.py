"""The HTML review page: one self-contained file for a batch, findings shown in their text.

No network and no external assets: styles and the small script are inline. Without JavaScript the
page is a plain document (the file list, each file's findings with their suggestions, and the text
with the findings marked); with it, filters by rule family and severity, and pages of 25 files,
so a batch of a thousand files never lays out at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import IO

from retranslate.models import FileResult, Finding, Span
from retranslate.render import LineIndex

# A text view longer than this is cut (the findings list still has every finding), so one huge
# file cannot make the page unusable.
TEXT_VIEW_LIMIT = 200_000


@dataclass(frozen=True)
class ReportRow:
    """One aligned pair: a run of target text and the source sentences it came from."""

    target: Span | None
    source: str
    confidence: float


@dataclass(frozen=True)
class ReportFile:
    result: FileResult
    rows: tuple[ReportRow, ...] = ()


def _family(finding: Finding) -> str:
    return finding.rule.split("/", 1)[0]


def _marked(text: str, span: Span, findings: Sequence[tuple[str, Finding]]) -> str:
    """The text of `span` as HTML, each finding inside it marked, its suggestion inline."""
    out: list[str] = []
    cursor = span.start
    for anchor, finding in findings:
        start, end = finding.span.start, finding.span.end
        if start < cursor or end > span.end or start < span.start:
            continue  # overlaps one already marked: it is still in the list below
        out.append(escape(text[cursor:start]))
        if finding.suggestion is not None and finding.suggestion != finding.text:
            change = (f'<del>{escape(finding.text)}</del><ins>{escape(finding.suggestion)}</ins>')
        else:
            change = escape(finding.text)
        out.append(f'<mark class="f" id="m{anchor}" data-family="{escape(_family(finding))}" '
                   f'data-severity="{finding.severity.value}" '
                   f'title="{escape(finding.rule)}: {escape(finding.message)}">{change}</mark>')
        cursor = end
    out.append(escape(text[cursor:span.end]))
    return "".join(out)


def _text_view(file: ReportFile, numbered: list[tuple[str, Finding]]) -> str:
    document = file.result.document
    text = document.text
    if file.rows:
        cells = []
        for row in file.rows:
            english = _marked(text, row.target, numbered) if row.target else ""
            cells.append(f'<tr><td class="en">{english}</td>'
                         f'<td class="ru" lang="ru">{escape(row.source)}</td>'
                         f'<td class="conf">{row.confidence:.2f}</td></tr>')
        return ('<table class="pair"><thead><tr><th>English</th><th>Russian source</th>'
                '<th title="alignment confidence">link</th></tr></thead><tbody>'
                + "".join(cells) + "</tbody></table>")
    end = min(len(text), TEXT_VIEW_LIMIT)
    cut = ("" if end == len(text) else
           f'<p class="cut">The text view stops at {end:,} of {len(text):,} characters; '
           "every finding is listed above.</p>")
    return f'<div class="text">{_marked(text, Span(0, end), numbered)}</div>{cut}'


def _finding_item(anchor: str, finding: Finding, line: int, column: int, safe: bool) -> str:
    change = ""
    if finding.suggestion is not None and finding.suggestion != finding.text:
        badge = "safe fix" if safe else "unsafe fix (--unsafe-fixes)"
        change = (f'<div class="change"><del>{escape(finding.text)}</del> → '
                  f'<ins>{escape(finding.suggestion)}</ins> <span class="badge">{badge}</span>'
                  "</div>")
    evidence = (f'<blockquote lang="ru">{escape(finding.evidence)}</blockquote>'
                if finding.evidence else "")
    note = f' <span class="note">{escape(finding.note)}</span>' if finding.note else ""
    return (f'<li class="finding" data-family="{escape(_family(finding))}" '
            f'data-severity="{finding.severity.value}"><a href="#{anchor}">{line}:{column}</a> '
            f'<code>{escape(finding.rule)}</code> <span class="sev">{finding.severity.value}'
            f'</span> <span class="msg">{escape(finding.message)}</span>{note}{change}'
            f'{evidence}</li>')


def _file_section(index: int, file: ReportFile) -> str:
    result = file.result
    path = result.name
    lines = LineIndex(result.document)
    numbered = [(f"f{index}-{n}", f) for n, f in enumerate(result.findings)]
    items = []
    for anchor, finding in numbered:
        line, column = lines.position(finding.span.start)
        items.append(_finding_item(f"m{anchor}", finding, line, column, finding.autofix))
    source = (f'<p class="source">Russian source: <code>{escape(result.source_path)}</code></p>'
              if result.source_path else "")
    findings = ("<ol class=\"findings\">" + "".join(items) + "</ol>" if items
                else '<p class="none">No findings.</p>')
    return (f'<section class="file" id="file{index}" data-path="{escape(path)}">'
            f"<h2>{escape(path)} <small>{len(result.findings)} finding"
            f"{'s' * (len(result.findings) != 1)}</small></h2>{source}{findings}"
            f"<details open><summary>Text</summary>{_text_view(file, numbered)}</details>"
            "</section>")


def _asset(name: str) -> str:
    """The page's style or script, shipped beside this module and inlined into every page."""
    from importlib.resources import files

    return files("retranslate.render").joinpath(name).read_text(encoding="utf-8")


def write_report(files: Iterable[ReportFile], out: IO[str], *, title: str) -> int:
    """Write the page; the number of findings it shows."""
    sections, entries = [], []
    families: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    total = 0
    for index, file in enumerate(files):
        sections.append(_file_section(index, file))
        count = len(file.result.findings)
        total += count
        families.update(_family(f) for f in file.result.findings)
        severities.update(f.severity.value for f in file.result.findings)
        entries.append(f'<li><a href="#file{index}">{escape(file.result.name)}</a> '
                       f'<span class="count">{count}</span></li>')
    filters = "".join(
        f'<label><input type="checkbox" checked data-filter="{kind}" value="{escape(name)}" '
        f'id="filter-{kind}-{escape(name)}"> {escape(name)} ({n})</label>'
        for kind, counts in (("family", families), ("severity", severities))
        for name, n in sorted(counts.items()))
    out.write(_PAGE_START.format(title=escape(title), files=len(sections), findings=total,
                                 filters=filters, file_list="".join(entries),
                                 css=_asset("report.css")))
    for section in sections:
        out.write(section)
        out.write("\n")
    out.write(_PAGE_END.replace("{script}", _asset("report.js")))
    return total


_PAGE_START = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title>
<style>
{css}</style></head><body>
<header><h1>{title}</h1>
<p>{files} files, {findings} findings. Marked text shows each finding; <del>struck</del> text and
<ins>bold</ins> text show a proposed change.</p>
<div id="filters">Show: {filters}</div>
<div id="pager"><button id="prev">&larr; Previous</button> <span id="page"></span>
<button id="next">Next &rarr;</button></div>
</header>
<nav><h2>Files</h2><ol id="files">{file_list}</ol></nav>
<main>
"""

_PAGE_END = """</main>
<script>
{script}</script>
</body></html>
"""
