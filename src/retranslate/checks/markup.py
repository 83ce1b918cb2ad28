"""HTML entities and tags that an MT pipeline broke or left in plain text.

MT engines read "&nbsp;" as an ampersand and a word, and hand back "& nbsp;", "& Nbsp;" or
"& gt; & gt;". Each is replaced by the character it stands for; entities written side by side
become one run (">>"), and a no-break space also takes the spaces the engine put around it.
An intact entity ("&quot;") is an error only in plain text: Markdown renders it, and in XLIFF or
TMX it is the file's own escaping. A spaced entity is read only from a short list of names pages
use, since "& and;" or "& it;" are also entity names and prose may write them by chance.
An intact entity standing alone between spaces is text about HTML ("e.g. &gt;, &#62;") unless
it is one of the few that pages leak ("rock &amp; roll"). Tag names are a closed list for the
same reason, and a tag in quotes or in an indented or doctest example is shown on purpose; tags
get a warning, never a fix, since what a "<br>" should become depends on where it stood.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from retranslate.checks import Check, CheckContext
from retranslate.models import Document, Finding, Severity, Span

_ONE = (r"&(?:amp;)?[ \t]*(?:#[ \t]*(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6})|[A-Za-z][A-Za-z0-9]{1,31})"
        r"[ \t]*;")
_ENTITY = re.compile(_ONE)
# Entities separated only by spaces: "& gt; & gt;" was "&gt;&gt;" before the engine spaced it.
_RUN = re.compile(rf"{_ONE}(?:[ \t]*{_ONE})*")
_PARTS = re.compile(r"&(?P<amp>amp;)?(?P<sp1>[ \t]*)(?P<name>#?[ \t]*[^;\s]+)(?P<sp2>[ \t]*);")
_SPACES = re.compile(r"[ \t]*")
# Names common on web pages: the only ones read when the engine put a space inside.
_WEB_NAMES = frozenset("""nbsp amp quot apos lt gt mdash ndash laquo raquo ldquo rdquo lsquo
    rsquo bdquo sbquo hellip copy reg trade deg times divide middot bull euro pound cent yen sect
    para shy thinsp ensp emsp minus plusmn frac12 frac14 frac34 sup1 sup2 sup3 prime rarr larr
    uarr darr harr iexcl iquest acute cedil micro ordm ordf not""".split())  # noqa: SIM905
# Intact entities that scraped text leaks on their own, between spaces.
_LEAKED = frozenset({"amp", "nbsp", "quot", "mdash", "ndash", "hellip", "laquo", "raquo",
                     "apos", "rsquo", "lsquo", "ldquo", "rdquo"})


@cache
def _html5() -> dict[str, str]:
    """HTML5's entity names (with their ";") to characters; imported only for a text with "&"."""
    import html.entities

    return html.entities.html5


@cache
def _by_folded() -> dict[str, set[str]]:
    """Entity names lower-cased, without ";", to every character they may stand for."""
    by_folded: dict[str, set[str]] = {}
    for name, char in _html5().items():
        if name.endswith(";"):
            by_folded.setdefault(name[:-1].lower(), set()).add(char)
    return by_folded


_TAG = re.compile(
    r"<[ \t]*/?[ \t]*(?P<name>br|p|div|span|strong|em|b|i|u|a|li|ul|ol|h[1-6]|sup|sub|"
    r"table|tr|td|th|blockquote|font|img|iframe|script|style)"
    r"(?=[ \t/>])(?:[ \t]+[^<>\n]{0,200}?)?[ \t]*/?[ \t]*>", re.IGNORECASE)
_MARKUP_FORMATS = frozenset({"markdown", "xliff", "tmx", "ts"})


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    text = document.text
    if "&" in text:
        yield from _entities(document)
    if "<" in text and document.format not in _MARKUP_FORMATS:
        yield from _tags(document)


def _entities(document: Document) -> Iterator[Finding]:
    text = document.text
    plain = document.format not in _MARKUP_FORMATS
    for match in _RUN.finditer(text):
        parts = [_read(m) for m in _ENTITY.finditer(match.group())]
        broken = [p for p in parts if p is not None and p[1]]
        if not broken and not plain:
            continue
        if any(p is None for p in parts):
            # One unreadable piece: report the readable ones alone, none joined.
            for m in _ENTITY.finditer(match.group()):
                read = _read(m)
                if read is not None and (read[1] or plain):
                    yield from _finding(document, match.start() + m.start(),
                                        match.start() + m.end(), [read])
            continue
        readable = [p for p in parts if p is not None]
        if not broken and _discussed(text, match, parts):
            continue
        if len(broken) == len(readable):
            yield from _finding(document, match.start(), match.end(), readable)
        else:  # intact entities side by side with real spaces between: each on its own
            for m in _ENTITY.finditer(match.group()):
                read = _read(m)
                if read is not None and (read[1] or plain):
                    yield from _finding(document, match.start() + m.start(),
                                        match.start() + m.end(), [read])


def _discussed(text: str, match: re.Match[str], parts: list[tuple[set[str], bool] | None]) -> bool:
    """An intact entity standing alone, not one of those pages leak: text about HTML ("e.g.
    &gt;, &#62;") names it. Leaked ones sit against words ("&quot;hi&quot;") or are the
    common few ("rock &amp; roll")."""
    before = text[match.start() - 1:match.start()] if match.start() else " "
    after = text[match.end():match.end() + 1] or " "
    if before.isalnum() or after.isalnum() or len(parts) != 1 or parts[0] is None:
        return False
    name = match.group().strip("&;").lower()
    return name not in _LEAKED


def _read(match: re.Match[str]) -> tuple[set[str], bool] | None:
    """The characters an entity may stand for, and whether it was broken; None if no entity."""
    parts = _PARTS.fullmatch(match.group())
    if parts is None:
        return None
    name = parts.group("name").replace(" ", "").replace("\t", "")
    spaced = bool(parts.group("sp1") or parts.group("sp2") or " " in parts.group("name"))
    broken = spaced or bool(parts.group("amp"))
    if name.startswith("#"):
        digits = name[1:]
        code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        return {chr(code)}, broken
    exact = _html5().get(name + ";")
    if spaced and name.lower() not in _WEB_NAMES:
        return None
    if exact is not None:
        return {exact}, broken
    folded = _by_folded().get(name.lower())
    if folded is None:
        return None
    return folded, True  # "&Nbsp;" is no entity at all until its case is mended


def _finding(document: Document, start: int, end: int,
             parts: list[tuple[set[str], bool]]) -> Iterator[Finding]:
    text = document.text
    ambiguous = any(len(chars) != 1 for chars, _ in parts)
    replacement = "".join(sorted(chars)[0] for chars, _ in parts)
    if replacement and set(replacement) == {"\xa0"} and all(b for _, b in parts):
        # The engine spaced "10&nbsp;km" into "10 & nbsp; km": the spaces go with the entity.
        before = len(text[:start]) - len(text[:start].rstrip(" \t"))
        after = _SPACES.match(text, end)
        if before and start - before > 0 and text[start - before - 1] not in "\r\n":
            start -= before
        if after is not None and end < len(text) and after.end() < len(text) \
                and text[after.end()] not in "\r\n":
            end = after.end()
    span = Span(start, end)
    if not document.in_prose(span):
        return
    written = text[start:end]
    shown = _describe(replacement)
    if ambiguous:
        options = " or ".join(sorted({_describe(c) for chars, _ in parts for c in chars}))
        yield Finding(rule="markup/entity", span=span, severity=Severity.WARNING,
                      message=f"Broken HTML entity “{written.strip()}”; its case does not say "
                              f"which of {options} it was", text=written,
                      suggestion=replacement, autofix=False)
        return
    intact = not any(b for _, b in parts)
    yield Finding(rule="markup/entity", span=span, severity=Severity.ERROR,
                  message=(f"HTML entity “{written.strip()}” left in plain text; it stands for "
                           f"{shown}" if intact else
                           f"Broken HTML entity “{written.strip()}”; it stands for {shown}"),
                  text=written, suggestion=replacement, autofix=True)


def _describe(chars: str) -> str:
    names = {"\xa0": "a no-break space", " ": "a space", "\u2009": "a thin space",
             "\xad": "a soft hyphen"}
    return names.get(chars, f"“{chars}”")


def _tags(document: Document) -> Iterator[Finding]:
    text = document.text
    for match in _TAG.finditer(text):
        span = Span(match.start(), match.end())
        if not document.in_prose(span) or _example(text, match.start()):
            continue
        name = match.group("name").lower()
        if len(name) == 1 and " " in match.group():
            continue  # "a < b > c" is arithmetic, not a spaced "<b>"
        yield Finding(rule="markup/tag", span=span, severity=Severity.WARNING,
                      message=f"HTML tag “{match.group()}” left in the text; the page's "
                              f"markup came through translation", text=match.group())


def _example(text: str, offset: int) -> bool:
    """A tag quoted or shown in an example: after a quote or backtick, or on a line that is
    indented as code or starts a doctest (">>>", "...")."""
    if offset and text[offset - 1] in "\"'`‘“":
        return True
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return line.startswith(("    ", "\t")) or line.lstrip().startswith((">>>", "..."))


CHECK = Check(
    name="markup",
    rules=("markup/entity", "markup/tag"),
    run=run,
    description="Broken or leftover HTML entities and tags",
)
