"""Which parts of a document are prose: decided once, before any check runs (Vale's scopes).

Plain text is all prose. In Markdown, fenced and indented code, inline code, URLs, HTML tags and
comments, link targets, reference definitions and front-matter keys are not.
"""

from __future__ import annotations

import re

from retranslate.models import Span

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])\s")
_FRONT_KEY = re.compile(r"^\s*[\w.-]+\s*:")
_INLINE = re.compile(
    r"""
      (?P<code>(?P<ticks>`+).+?(?P=ticks))           # inline code, any backtick run
    | <!--.*?-->                                     # HTML comment
    | </?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>             # HTML tag
    | <(?:https?|ftp|mailto):[^<>\s]+>               # autolink
    | \]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)   # link target: ](url "title")
    | (?:https?://|ftp://|www\.)[^\s<>()\[\]"']*[^\s<>()\[\]"'.,;:!?]   # bare URL
    """,
    re.VERBOSE | re.DOTALL,
)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)


def prose_regions(text: str, fmt: str) -> tuple[Span, ...]:
    """The prose regions of plain text or Markdown, sorted and disjoint.

    Bilingual formats are not decided here: their reader knows where the targets are
    (`document.prose_of`), so the arrow runs from the format readers to the scopes.
    """
    if not text:
        return ()
    if fmt != "markdown":
        return (Span(0, len(text)),)
    excluded = _markdown_blocks(text)
    excluded.extend(Span(m.start(), m.end()) for m in _INLINE.finditer(text))
    excluded.extend(Span(m.start(), m.end()) for m in _REFERENCE.finditer(text))
    return _complement(excluded, len(text))


def _markdown_blocks(text: str) -> list[Span]:
    """Front matter keys, fenced code and indented code, found line by line."""
    spans: list[Span] = []
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group()]
    i = 0
    if lines and lines[0][1].rstrip("\r\n") == "---":
        closing = next((j for j in range(1, len(lines))
                        if lines[j][1].rstrip("\r\n") in ("---", "...")), None)
        if closing is not None:
            for start, line in lines[: closing + 1]:
                key = _FRONT_KEY.match(line)
                if key:
                    spans.append(Span(start, start + key.end()))
                elif line.strip() in ("---", "..."):
                    spans.append(Span(start, start + len(line)))
            i = closing + 1
    fence: str | None = None
    fence_start = 0
    previous_blank = True
    in_list = False
    while i < len(lines):
        start, line = lines[i]
        bare = line.rstrip("\r\n")
        if fence is not None:
            if bare.strip().startswith(fence) and set(bare.strip()) == {fence[0]}:
                spans.append(Span(fence_start, start + len(line)))
                fence = None
            i += 1
            continue
        opening = _FENCE.match(bare)
        if opening:
            fence, fence_start = opening.group(1), start
        elif bare.strip() and (bare.startswith("    ") or bare.startswith("\t")) \
                and previous_blank and not in_list:
            # An indented code block runs until a non-blank line that is not indented.
            j = i
            while j < len(lines):
                b = lines[j][1].rstrip("\r\n")
                if b.strip() and not (b.startswith("    ") or b.startswith("\t")):
                    break
                j += 1
            end = lines[j - 1][0] + len(lines[j - 1][1])
            spans.append(Span(start, end))
            i = j
            previous_blank = False
            continue
        if _LIST_ITEM.match(bare):
            in_list = True
        elif bare.strip() and not bare.startswith((" ", "\t")) and previous_blank:
            in_list = False
        previous_blank = not bare.strip()
        i += 1
    if fence is not None:  # an unclosed fence runs to the end, as CommonMark says
        spans.append(Span(fence_start, len(text)))
    return spans


def _complement(excluded: list[Span], length: int) -> tuple[Span, ...]:
    regions: list[Span] = []
    cursor = 0
    for span in sorted(excluded):
        if span.start > cursor:
            regions.append(Span(cursor, span.start))
        cursor = max(cursor, span.end)
    if cursor < length:
        regions.append(Span(cursor, length))
    return tuple(regions)
