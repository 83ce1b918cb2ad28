"""Spaces the MT pipeline put in or left out around punctuation.

Each rule looks for one shape and then rules out what native text writes that way on purpose:
- a space before a comma, full stop or semicolon ("Zhumaly , a resident"); an ellipsis (". . .",
  " ...") and a leading dot (".NET", " .5") are left alone, and so is a line with three or more,
  which is a list or a table laid out by hand;
- a space moved inside a closing quote (", ”says" for ",” says"; "everywhere. \"" at a line's
  end), only where the quote can only be a closing one;
- a missing space after a comma or full stop between two words ("horizontally.The",
  "Almaty,Kazakhstan"); numbers, abbreviations ("U.S.", "e.g."), file names and domains
  ("file.txt", "example.com": lower case after the dot), dotted identifiers ("System.String",
  "threading.Event", "typing.Dict": after a full stop only a word that opens sentences and
  ends no module name, "The", "She", "However", counts; after a comma only a capital, since
  "key,value" is code) and lines carrying code are left alone;
- a space inside a time ("21: 00"), only next to a word that says it is a time;
- two spaces between letters inside a line, not after a line's first word where the next or
  previous line is laid out the same way or the next one hangs indented (terms and their
  definitions). Two spaces after a
  sentence's full stop are a typing convention, not debris, so spaces after ". ! ? :" are never
  reported, consistent or not;
  nor are indentation, trailing spaces (a Markdown line break), spaces next to digits or
  punctuation, tabs, code, or lines with several runs or a run of three or more, which align
  columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from retranslate.checks import Check, CheckContext
from retranslate.language import english
from retranslate.language.text_index import TextIndex, anchored, text_index
from retranslate.models import Document, Finding, Severity, Span

T = TypeVar("T")

# A spaced full stop must end the line or come before a capital: "With . as argument" and
# "(that don't contain a .)" talk about the character.
# Each pattern opens with what it consumes and looks behind after it ("[ \t](?<=x[ \t])" for
# "(?<=x)[ \t]"): the engine then skips to the next candidate character instead of trying the
# look-behind at every position, 3 to 15 times faster.
_BEFORE = re.compile(r"[ \t](?<=(?:[^\W_]|[”’\"'%])[ \t])[ \t]*(?:[,;](?=[ \t\r\n\"”’)]|$)|"
                     r"\.(?=[ \t]+[A-Z\"“]|[ \t]*(?:\r|\n|$)))", re.MULTILINE)
# The word before: a URL, path, address or code ends before a spaced full stop on purpose, so
# that the stop is not read as part of it ("https://github.com/lxml/lxml .").
_TOKEN_BEFORE = re.compile(r"\S*$")
# Punctuation first: a quote after a bare word may be a misdirected opening one (' ”freedom”').
_CLOSING_CURLY = re.compile(r"(?P<p>[,.!?])(?<=\w[,.!?]) ”(?=[a-z])")
_CLOSING_AT_END = re.compile(r"(?P<p>[.!?,])(?<=[\w)][.!?,])[ \t]+(?P<q>[\"”])[ \t]*"
                             r"(?=\r?\n|\r|$)")
_AFTER = re.compile(r"(?<![\w.@/\\:-])(?P<a>[A-Za-z]{2,})(?P<p>[.,])(?P<b>[A-Za-z]{2,})"
                    r"(?P<tail>[.,;:!?)\"”’]*)(?=\s|$)")
# _AFTER and _TIME are tried only from the run of letters or digits before a hit of these.
_AFTER_HIT = re.compile(r"[.,](?=[A-Za-z])")
_TIME_HIT = re.compile(":")
_UNSPACED_COMMA = re.compile(r",(?=\S)")
_TIME = re.compile(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3])(?P<gap>[ \t]*:[ \t]+|[ \t]+:[ \t]*)"
                   r"(?P<m>[0-5]\d)(?![\d:])")
_TIME_BEFORE = re.compile(r"(?:\b(?:at|from|to|until|till|by|since|after|before|around|about|"
                          r"approximately|between|and|o'clock)|[–—-])[ \t]*$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"[ \t]*(?:[ap]\.?m\b|hours?\b|h\b|local\b|[–—-][ \t]*\d|o'clock\b|"
                         r"(?:to|until|and|till)[ \t]+\d)", re.IGNORECASE)
# Letters on both sides: after a digit or comma two spaces align dates and copyright years
# ("Wed,  8 Oct 2003", "2002  Free Software Foundation").
_DOUBLE = re.compile(r"  (?<=[^\W\d_]  )(?=[^\W\d_])")
_TERM_LINE = re.compile(r"[ \t]*(?:[-*•][ \t]+)?\S+ {2,}\S")
_HANGING = re.compile(r"(?: {4,}|\t)\S")  # a definition's next line, indented under it
_WIDE = re.compile(r"\t| {3,}|\|")


class _PerLine(Generic[T]):
    """A property of a line, worked out once per line rather than once per candidate on it:
    a one-line file is one line, and counting it again for every candidate was quadratic.
    Candidates come in the text's order, so the last line is all there is to remember."""

    def __init__(self, compute: Callable[[str], T]) -> None:
        self._compute = compute
        self._line: str | None = None
        self._value: T

    def __call__(self, line: str) -> T:
        if line != self._line:
            self._line, self._value = line, self._compute(line)
        return self._value


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    text = document.text
    yield from _space_before(document)
    if "”" in text or '"' in text:
        yield from _quotes(document)
    yield from _missing_after(document)
    if ":" in text:
        yield from _times(document)
    if "  " in text:
        yield from _doubled(document, ctx.shared(text_index))


def _finding(document: Document, span: Span, rule: str, replacement: str,
             message: str) -> Iterator[Finding]:
    if document.in_prose(span):
        yield Finding(rule=rule, span=span, severity=Severity.ERROR, message=message,
                      text=document.text[span.start:span.end], suggestion=replacement,
                      autofix=True)


def _space_before(document: Document) -> Iterator[Finding]:
    text = document.text
    laid_out = _PerLine(lambda line: line.count(" ,") + line.count(" ;") >= 3 or
                        english.looks_like_code(line) or _WIDE.search(line) is not None)
    for match in _BEFORE.finditer(text):
        line = english.line_at(text, match.start())
        token = _TOKEN_BEFORE.search(text, max(0, match.start() - 200), match.start())
        if laid_out(line) or (token is not None and re.search(r"[/@.(\\]", token.group())):
            continue
        mark = match.group().strip()
        name = {",": "comma", ";": "semicolon", ".": "full stop"}[mark]
        yield from _finding(document, Span(match.start(), match.end()),
                            "spacing/before-punctuation", mark,
                            f"Space before a {name}; English puts none there")


def _quotes(document: Document) -> Iterator[Finding]:
    for match in _CLOSING_CURLY.finditer(document.text):
        yield from _finding(document, Span(match.start(), match.end()), "spacing/quote",
                            f"{match.group('p')}” ",
                            "The space belongs after the closing quote, not before it")
    for match in _CLOSING_AT_END.finditer(document.text):
        yield from _finding(document, Span(match.start(), match.end()), "spacing/quote",
                            f"{match.group('p')}{match.group('q')}",
                            "Space before a closing quote at the end of a paragraph")


def _missing_after(document: Document) -> Iterator[Finding]:
    text = document.text
    commas = _PerLine(lambda line: len(_UNSPACED_COMMA.findall(line)))
    for match in anchored(_AFTER, text, _AFTER_HIT, _letters_before):
        a, mark, b = match.group("a"), match.group("p"), match.group("b")
        if mark == "." and not (a.islower() and b[0].isupper() and b[1:].islower()):
            continue  # "file.txt", "U.S.", "ASP.NET", "System.String"
        if mark == "." and b not in english.SENTENCE_OPENERS:
            continue  # "threading.Event", "typing.Dict": a module and its class, or a name
        if mark == "," and not (b.istitle() and (english.is_word(a, english.RARE)
                                                 or a.istitle())):
            continue  # "key,value" and "lib,version" are code; "Almaty,Kazakhstan" is not
        if mark == "." and not (english.is_word(a, english.RARE) and len(a) >= 3):
            continue  # "fmt.Println", "os.Exit": a package, not a sentence's last word
        line = english.line_at(text, match.start())
        if english.looks_like_code(line) or _after_option(text, match.start()) \
                or (mark == "," and commas(line) > 1):
            continue  # code, "--select a,b", or a row of comma-separated values
        at = match.start("p")
        name = "comma" if mark == "," else "full stop"
        yield from _finding(document, Span(at, at + 1), "spacing/after-punctuation",
                            f"{mark} ", f"No space after a {name} between “{a}” and “{b}”")


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _letters_before(text: str, at: int) -> int:
    """Where the run of ASCII letters ending at `at` starts: _AFTER's only possible start."""
    while at > 0 and text[at - 1] in _ASCII_LETTERS:
        at -= 1
    return at


def _hour_before(text: str, colon: int) -> int:
    """Where the digits before a colon (spaces between) start: _TIME's only possible start."""
    at = colon
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    while at > 0 and text[at - 1].isdecimal():  # what \d matches
        at -= 1
    return at


def _after_term(index: TextIndex, offset: int) -> bool:
    """Whether the spaces follow a line's first word, as on the line before or after: a list
    of terms and their definitions, laid out ("filename  Specifies ...")."""
    text = index.text
    start = index.newline_before(offset) + 1
    if not _TERM_LINE.match(text, start):
        return False
    previous = index.newline_before(max(0, start - 1)) + 1
    end = index.newline_from(offset)
    return (start > 0 and _TERM_LINE.match(text, previous) is not None) or \
        (end >= 0 and (_TERM_LINE.match(text, end + 1) is not None
                       or _HANGING.match(text, end + 1) is not None))


def _after_option(text: str, offset: int) -> bool:
    """Whether the token follows a command-line option ("--select a,b")."""
    before = text[max(0, offset - 40):offset].split()
    return bool(before) and before[-1].startswith("-")


def _times(document: Document) -> Iterator[Finding]:
    text = document.text
    for match in anchored(_TIME, text, _TIME_HIT, _hour_before):
        before = text[max(0, match.start() - 20):match.start()]
        after = text[match.end():match.end() + 20]
        if not (_TIME_BEFORE.search(before) or _TIME_AFTER.match(after)):
            continue
        yield from _finding(document, Span(match.start(), match.end()), "spacing/time",
                            f"{match.group('h')}:{match.group('m')}",
                            "A time is written without spaces around its colon")


def _doubled(document: Document, index: TextIndex) -> Iterator[Finding]:
    text = document.text
    aligned = _PerLine(lambda line: _WIDE.search(line) is not None or
                       len(_DOUBLE.findall(line)) > 2 or english.looks_like_code(line))
    for match in _DOUBLE.finditer(text):
        line = english.line_at(text, match.start())
        if aligned(line) or _after_term(index, match.start()):
            continue
        yield from _finding(document, Span(match.start(), match.end()), "spacing/double-space",
                            " ", "Two spaces between words inside a sentence")


CHECK = Check(
    name="spacing",
    rules=("spacing/before-punctuation", "spacing/quote", "spacing/after-punctuation",
           "spacing/time", "spacing/double-space"),
    run=run,
    description="Spaces put in or left out around punctuation, times and words",
)
