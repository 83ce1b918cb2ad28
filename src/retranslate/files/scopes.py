"""Which parts of a document are prose: decided once, before any check runs (Vale's scopes).

In plain text and Markdown alike, technical tokens are never prose: URLs, bare domains written as
addresses (lower case, or with a path), e-mail addresses, @handles, file paths and identifiers
(snake_case, dotted.names). In Markdown, fenced and indented code, inline code, HTML tags and
comments, link targets, reference definitions and front-matter keys are not prose either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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

# A technical token is a run of these characters holding '@', '/', '_', '.' or '~' before a word
# character. The run may only start where the previous character is not one of them, so each run
# is tried once and the scan stays linear however long a run is (a 400 KB "word" included).
_TOKEN_CHARS = r"\w@/~.+:%?=&#-"
_TOKEN = re.compile(rf"(?<![{_TOKEN_CHARS}])[{_TOKEN_CHARS}]*[@/_.~]\w[{_TOKEN_CHARS}]*")
_TRAILING = ".,:;!?-"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"@\w+(?:[.-]\w+)*")
_DOMAIN = re.compile(r"\w[\w-]*(?:\.\w[\w-]*)*\.(?P<tld>[a-z]{2,12})")
_FILE = re.compile(r"[\w.~-]*(?:/[\w.~-]+)+\.[a-z][a-z0-9]{0,4}")
_DOTTED = re.compile(r"[a-z_][a-z0-9_]+(?:\.[a-z_][a-z0-9_]+)+")
_SNAKE = re.compile(r"[^\W_]_+[^\W_]")
# Bare domains are told from glued sentences ("fled.in") by a known top-level domain.
_TLD_NAMES = """
    com net org edu gov mil int info biz name pro io ai app dev co tv cc ly fm gg
    news online site website blog media press live world today xyz top club tech store shop
    ru kz ua by uz kg tj tm az ge md su rf lt lv ee pl cz sk de ch fr es pt nl
    uk ie dk se fi gr tr il cn jp kr au nz ca mx br ar eu asia
"""
_TLDS = frozenset(_TLD_NAMES.split())


def technical_tokens(text: str) -> list[Span]:
    """URLs, bare domains, e-mail addresses, @handles, file paths and identifiers: never prose.

    One pass of one regular expression over the text finds the runs that could be such a token;
    each run is then classified on its own, so the work is linear in the text's length.
    """
    spans = []
    for start, end in _token_runs(text):
        token = text[start:end].rstrip(_TRAILING)
        if token and _is_technical(token):
            spans.append(Span(start, start + len(token)))
    return spans


# What _TOKEN needs somewhere in a run; far rarer than the runs (every word is one).
_TRIGGER = re.compile(r"[@/_.~]\w")
_RUN_REST = re.compile(rf"[{_TOKEN_CHARS}]*")
_TOKEN_PUNCTUATION = frozenset("_@/~.+:%?=&#-")


def _token_runs(text: str) -> Iterator[tuple[int, int]]:
    """The matches of _TOKEN, as (start, end): each is a whole run of token characters holding
    a trigger, found from its triggers (each run is walked once, so this stays linear)."""
    end = 0
    for trigger in _TRIGGER.finditer(text):
        at = trigger.start()
        if at < end:
            continue
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _TOKEN_PUNCTUATION):
            start -= 1
        end = _RUN_REST.match(text, at).end()  # type: ignore[union-attr]
        yield start, end


def _is_technical(token: str) -> bool:
    lowered = token.lower()
    if "://" in token or lowered.startswith("www."):
        return True
    if "@" in token:
        return bool(_EMAIL.fullmatch(token) or _HANDLE.fullmatch(token))
    if token.startswith(("/", "~/", "./", "../")):
        return any(c.isalnum() for c in token)
    head, path, _ = token.partition("/")
    domain = _DOMAIN.fullmatch(head)
    # An address is written in lower case or has a path; "DVHUB.ru" or "Tengrinews.kz" in a
    # sentence names an outlet, and a wrong name there is the named-entity checks' to fix.
    if domain and domain.group("tld") in _TLDS and (path or head == head.lower()):
        return True
    return bool(_FILE.fullmatch(token) or _DOTTED.fullmatch(token) or _SNAKE.search(token))


def prose_regions(text: str, fmt: str) -> tuple[Span, ...]:
    """The prose regions of plain text or Markdown, sorted and disjoint.

    Bilingual formats are not decided here: their reader knows where the targets are
    (`document.prose_of`), so the arrow runs from the format readers to the scopes.
    """
    if not text:
        return ()
    excluded = technical_tokens(text)
    if fmt != "markdown":
        return _complement(excluded, len(text))
    excluded.extend(_markdown_blocks(text))
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
