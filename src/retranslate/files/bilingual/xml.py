"""Where the unit's own targets are in an XML bilingual file (XLIFF 1.2/2.0, TMX, Qt TS).

expat parses the file's exact text and reports where each element starts, so a target is
found the way an XML parser sees it: in either quote style, under any namespace prefix, with
end tags broken over lines, never inside a comment. Only the unit's own target counts:
`<alt-trans>`, XLIFF 2.0 `<mtc:match>` and memoQ's historical units hold suggestions, whose
targets have another parent. Inside a target, tags, entity references, comments and the
native code of `<ph>`, `<bpt>`, `<ept>`, `<it>` and `<ut>` are not prose; CDATA content is.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field

from retranslate.models import Span

XML_NS = "http://www.w3.org/XML/1998/namespace"
# A start tag from its "<" to its ">", attribute values in either quote style.
_START_TAG = re.compile(rb"<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>")
_END_TAG = re.compile(rb"</[^\s>]+\s*>")
# Inside a target: what is not prose, in the order XML reads it.
_TOKEN = re.compile(
    r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<\?.*?\?>"
    r"|<(?P<end>/)?(?P<name>[^\s/>!?]+)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?P<empty>/)?>"
    r"|&(?:#[0-9]+|#x[0-9A-Fa-f]+|[^\s&;<]+);",
    re.DOTALL)
# Inline elements whose content is the original's native code, not text; and markers of text
# not to be translated (XLIFF 1.2 protected <mrk>, XLIFF 2.0 translate="no").
_CODE = frozenset({"ph", "bpt", "ept", "it", "ut"})
_PROTECTED = re.compile(r"""\smtype\s*=\s*["']protected["']|\stranslate\s*=\s*["']no["']""")


@dataclass
class Target:
    """One target element's content, and which unit it belongs to."""

    start: int
    end: int
    unit: int


@dataclass
class _Element:
    name: str  # local name
    namespace: str
    attrs: dict[str, str]
    content_start: int
    empty: bool = False
    children: list[str] = field(default_factory=list)
    seg: tuple[int, int] | None = None  # TMX <tuv>: its <seg>'s content
    segs: list[tuple[str, int, int]] = field(default_factory=list)  # TMX <tu>: its variants


class XmlError(ValueError):
    """The file is not well-formed XML."""


def _split(name: str) -> tuple[str, str]:
    namespace, _, local = name.rpartition(" ")
    return namespace, local


def root_attributes(raw: bytes) -> dict[str, str]:
    """The root element's own attributes (those in no namespace), read from the file's bytes."""
    found: dict[str, str] = {}
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    class _Stop(Exception):
        pass

    def start(_name: str, attrs: dict[str, str]) -> None:
        found.update({k: v for k, v in attrs.items() if " " not in k})  # not its:version
        raise _Stop

    parser.StartElementHandler = start
    try:
        parser.Parse(raw, True)
    except _Stop:
        pass
    except xml.parsers.expat.ExpatError:
        return {}
    return found


def locate_targets(text: str, fmt: str) -> list[Target]:
    """Every unit's own target content, as character offsets into `text`, in file order."""
    data = text.encode("utf-8")
    # The text is already decoded: the encoding given here overrides the file's declaration.
    parser = xml.parsers.expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
    stack: list[_Element] = []
    found: list[tuple[int, int, int]] = []  # byte offsets and unit number
    units = 0
    header_srclang = ""

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal units, header_srclang
        at = parser.CurrentByteIndex
        tag = _START_TAG.match(data, at)
        end = tag.end() if tag else at
        namespace, local = _split(name)
        if stack:
            stack[-1].children.append(local)
        element = _Element(local, namespace, {_split(k)[1] if _split(k)[0] in ("", XML_NS)
                                              else k: v for k, v in attrs.items()}, end)
        element.empty = bool(tag and tag.group(1))  # <target/>: nothing inside
        if local in ("trans-unit", "segment", "tu", "message"):  # a unit as the toolkit counts
            units += 1
        if local == "header" and fmt == "tmx":
            header_srclang = element.attrs.get("srclang", "")
        stack.append(element)

    def end(_name: str) -> None:
        element = stack.pop()
        at = element.content_start if element.empty else parser.CurrentByteIndex
        parent = stack[-1] if stack else None
        if parent is None:
            return
        span = (element.content_start, at, units)
        if fmt == "xliff" and element.name == "target" and parent.name in ("trans-unit",
                                                                           "segment") \
                and element.namespace == parent.namespace:
            found.append(span)
        elif fmt == "ts" and parent.name == "message" and element.name == "translation":
            if element.attrs.get("type") not in ("obsolete", "vanished") \
                    and "numerusform" not in element.children:
                found.append(span)
        elif fmt == "ts" and element.name == "numerusform" and parent.name == "translation":
            if parent.attrs.get("type") not in ("obsolete", "vanished"):
                found.append(span)
        elif fmt == "tmx" and element.name == "seg" and parent.name == "tuv":
            parent.seg = (element.content_start, at)
        elif fmt == "tmx" and element.name == "tuv" and parent.name == "tu":
            # Every variant counts, with or without a <seg>, as the toolkit counts them.
            start, stop = element.seg or (-1, -1)
            parent.segs.append((element.attrs.get("lang", ""), start, stop))
        elif fmt == "tmx" and element.name == "tu":
            _tmx_target(element, header_srclang, units, found)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        raise XmlError(f"not well-formed XML at line {err.lineno}, column {err.offset + 1}: "
                       f"{xml.parsers.expat.ErrorString(err.code)}") from None
    return _to_characters(data, found)


def tmx_sides(langs: list[str], srclang: str) -> tuple[int, int] | None:
    """Which variants of a TMX unit are its source and its target, by their languages.

    The source language is the unit's srclang, else the header's; "*all*" (any language may
    be the source) or none at all means the Russian variant, else the first. The target is
    the first English variant that is not the source, else the first other one.
    """
    if len(langs) < 2:
        return None
    langs = [lang.lower() for lang in langs]
    wanted = srclang.lower()
    if wanted in ("", "*all*") or wanted not in langs:
        wanted = next((lang for lang in langs if _base(lang) == "ru"), langs[0])
    source = langs.index(wanted)
    others = [i for i in range(len(langs)) if i != source]
    english = [i for i in others if _base(langs[i]) == "en"]
    return source, (english or others)[0]


def _base(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0]


def _tmx_target(tu: _Element, header_srclang: str, unit: int,
                found: list[tuple[int, int, int]]) -> None:
    sides = tmx_sides([lang for lang, _, _ in tu.segs], tu.attrs.get("srclang") or header_srclang)
    if sides is not None:
        _, start, end = tu.segs[sides[1]]
        if start >= 0:
            found.append((start, end, unit))


def _to_characters(data: bytes, found: list[tuple[int, int, int]]) -> list[Target]:
    """Byte offsets into the UTF-8 text, as character offsets, in one pass."""
    points = sorted({offset for start, end, _ in found for offset in (start, end)})
    chars: dict[int, int] = {}
    byte_at = char_at = 0
    for point in points:
        char_at += len(data[byte_at:point].decode("utf-8"))
        byte_at = point
        chars[point] = char_at
    return [Target(chars[start], chars[end], unit) for start, end, unit in sorted(found)]


def prose_pieces(text: str, start: int, end: int) -> list[Span]:
    """The prose of one target's content: tags, references, comments and native code left out."""
    pieces: list[Span] = []
    cursor = start
    code: list[bool] = []  # for each open inline element: whether its content is code

    def prose(upto: int) -> None:
        if upto > cursor and not any(code):
            pieces.append(Span(cursor, upto))

    for token in _TOKEN.finditer(text, start, end):
        prose(token.start())
        cursor = token.end()
        if token.group("cdata") is not None:
            if not any(code) and token.end("cdata") > token.start("cdata"):
                pieces.append(Span(token.start("cdata"), token.end("cdata")))
            continue
        name = token.group("name")
        if not name or token.group("empty"):
            continue
        if token.group("end"):
            if code:
                code.pop()
        else:
            code.append(name.rpartition(":")[2] in _CODE
                        or _PROTECTED.search(token.group()) is not None)
    prose(end)
    return pieces


def in_cdata(text: str, at: int) -> bool:
    """Whether offset `at` (in a target's prose) lies inside a CDATA section."""
    opened = text.rfind("<![CDATA[", 0, at)
    return opened >= 0 and text.find("]]>", opened, at) < 0


def escape(text: str, at: int, replacement: str) -> str:
    """`replacement` written as XML at `at`: escaped as text, or kept whole inside CDATA.

    A carriage return is written as a reference either way, since a parser reads a raw one
    as a line feed."""
    if in_cdata(text, at):
        return replacement.replace("]]>", "]]]]><![CDATA[>").replace(
            "\r", "]]>&#13;<![CDATA[")
    return (replacement.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))
