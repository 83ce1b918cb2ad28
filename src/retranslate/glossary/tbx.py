"""TBX term bases (ISO 30042): read TBX-Basic as memoQ, Trados and Xbench export it, and write it.

Both generations are read: TBX 2008 (`martif`/`termEntry`/`langSet`/`tig`) and TBX v3
(`tbx`/`conceptEntry`/`langSec`/`termSec`), with or without namespaces, data categories written
as `<termNote type="administrativeStatus">` (DCA style) or as `<basic:administrativeStatus>` (DCT
style). What is written is TBX v3, TBX-Basic dialect, DCA style; docs/glossaries.md shows the
structure. Fields a term base has no place for (near, not_near, window, autofix, examples...) go
into one concept-level `<note>` that starts with "retranslate:", so TOML → TBX → TOML loses nothing.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from retranslate.errors import GlossaryError
from retranslate.glossary.model import Entry, Example, Glossary
from retranslate.glossary.terms import (
    ImportReport,
    entry_id,
    language_of,
    status_kind,
    unique_terms,
    without,
)

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CONCEPTS = ("termEntry", "conceptEntry")
_LANGUAGES = ("langSet", "langSec")
_TERM_GROUPS = ("tig", "ntig", "termSec")
_SETTINGS = "retranslate:"
_STATUS = ("administrativeStatus", "normativeAuthorization")
# Data categories a glossary entry has no place for: reported by an import, never silently lost.
_UNMAPPED = frozenset({
    "partOfSpeech", "grammaticalGender", "grammaticalNumber", "termType", "context",
    "customerSubset", "projectSubset", "geographicalUsage", "termLocation", "source",
    "responsibility", "crossReference", "externalCrossReference", "xGraphic", "transactionType",
    "transacNote", "date",
})
# Read and written back through the settings note; everything else of an entry has a TBX place.
_EXTRA_FIELDS = ("ambiguous", "near", "not_near", "window", "autofix", "rephrase", "inflect",
                 "ignore", "examples", "ok")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kind(element: Any) -> str:
    """The data category of a termNote/descrip/admin element (DCA) or of a DCT element."""
    name = _local(element.tag)
    if name in ("termNote", "descrip", "admin", "transac"):
        return str(element.get("type", ""))
    return name


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def parse(source: Path | bytes, where: str, *, source_lang: str = "ru", target_lang: str = "en",
          report: ImportReport | None = None, id_prefix: str = "") -> list[Entry]:
    """The TBX file's concepts as entries; `report` collects what has no place in an entry."""
    from lxml import etree

    report = report if report is not None else ImportReport()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        data = source.read_bytes() if isinstance(source, Path) else source
        root = etree.fromstring(data, parser)
    except OSError as err:
        raise GlossaryError(f"cannot read: {err.strerror}", path=where) from None
    except etree.XMLSyntaxError as err:
        raise GlossaryError(f"not well-formed XML: {err.msg}", path=where,
                            line=err.lineno or None) from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"not a TBX file: the root element is <{_local(root.tag)}>",
                            path=where, line=root.sourceline,
                            hint="TBX files start with <tbx> (v3) or <martif> (TBX 2008)")
    concepts = [e for e in root.iter() if _local(e.tag) in _CONCEPTS]
    languages = {language_of(lang.get(_XML_LANG, "")) for c in concepts for lang in c
                 if _local(lang.tag) in _LANGUAGES}
    for wanted in (target_lang, source_lang):
        if concepts and language_of(wanted) not in languages:
            raise GlossaryError(
                f"no terms in language {wanted!r}; the file has {', '.join(sorted(languages))}",
                path=where, hint="choose the columns with --source-lang and --target-lang")
    taken: set[str] = set()
    entries = []
    for concept in concepts:
        entry = _entry(concept, where, language_of(source_lang), language_of(target_lang),
                       taken, report)
        if entry is not None:
            entries.append(replace(entry, id=id_prefix + entry.id) if id_prefix else entry)
    return entries


def _entry(concept: Any, where: str, source_lang: str, target_lang: str, taken: set[str],
           report: ImportReport) -> Entry | None:
    at = f"{where}:{concept.sourceline}"
    right: list[str] = []
    accept: list[str] = []
    wrong: list[str] = []
    source: list[str] = []
    notes: list[str] = []
    settings: dict[str, Any] = {}
    category = ""
    for element in concept.iter():
        kind = _kind(element)
        name = _local(element.tag)
        if name == "note" and _text(element).startswith(_SETTINGS):
            settings = _settings(_text(element)[len(_SETTINGS):], at)
        elif name == "note" or kind == "definition":
            if element.getparent() is not None and _local(element.getparent().tag) in (
                    *_CONCEPTS, *_LANGUAGES, *_TERM_GROUPS, "termGrp"):
                notes.append(_text(element))
        elif kind == "subjectField":
            category = _text(element)
        elif name in _TERM_GROUPS:
            group = _term_group(element, at, report)
            if group is None:
                continue
            lang = language_of(element.getparent().get(_XML_LANG, ""))
            term, status = group
            if lang == source_lang:
                source.append(term)
            elif lang == target_lang:
                {"wrong": wrong, "accept": accept, "right": right}[status].append(term)
        elif kind in _UNMAPPED:
            report.note(kind, f"{where}:{element.sourceline}")
    if not right:
        if wrong or accept:
            report.note("concept without a preferred or unmarked English term", at)
        elif source:
            report.note(f"concept without an English ({target_lang}) term", at)
        return None
    target = right[0]
    forms = without(unique_terms(wrong), target)
    if not forms and not source:
        report.note("English-only concept with no deprecated term (nothing to check)", at)
        return None
    return Entry(
        id=entry_id(concept.get("id", ""), target, taken),
        target=target,
        wrong=forms,
        source=unique_terms(source),
        accept=without(unique_terms([*right[1:], *accept]), target, *forms),
        note="\n".join(n for n in notes if n),
        category=category,
        origin=where,
        line=concept.sourceline or 0,
        **_typed_settings(settings, at),
    )


def _term_group(group: Any, at: str, report: ImportReport) -> tuple[str, str] | None:
    term = ""
    status = "right"
    for element in group.iter():
        if _local(element.tag) == "term":
            term = _text(element)
        elif _kind(element) in _STATUS:
            status = status_kind(_text(element))
    if not term:
        report.note("empty <term>", at)
        return None
    return term, status


def _settings(raw: str, at: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        raise GlossaryError("the retranslate: note is not JSON", path=at) from None
    if not isinstance(value, dict) or set(value) - set(_EXTRA_FIELDS):
        raise GlossaryError(f"the retranslate: note may hold only {', '.join(_EXTRA_FIELDS)}",
                            path=at)
    return value


def _typed_settings(settings: dict[str, Any], at: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("ambiguous", "near", "not_near", "ignore", "ok"):
        if name in settings:
            out[name] = tuple(str(v) for v in settings[name])
    for name in ("autofix", "rephrase", "inflect"):
        if name in settings:
            out[name] = bool(settings[name])
    if "window" in settings:
        out["window"] = int(settings["window"])
    if "examples" in settings:
        try:
            out["examples"] = tuple(Example(e["wrong"], e["right"]) for e in settings["examples"])
        except (KeyError, TypeError):
            raise GlossaryError("examples in the retranslate: note need wrong and right",
                                path=at) from None
    return out


def write(glossary: Glossary, *, source_lang: str = "ru", target_lang: str = "en") -> str:
    """The glossary as one TBX v3 document (TBX-Basic dialect, DCA style)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
           "  <tbxHeader>", "    <fileDesc>", "      <sourceDesc>",
           "        <p>Exported by retranslate from "
           + escape(", ".join(Path(o).name for o in glossary.origins) or "a glossary") + "</p>",
           "      </sourceDesc>", "    </fileDesc>", "  </tbxHeader>", "  <text>", "    <body>"]
    for entry in glossary.entries:
        # An XML id cannot start with a digit; the import strips the underscore again.
        xml_id = entry.id if entry.id[0].isalpha() else f"_{entry.id}"
        out.append(f"      <conceptEntry id={quoteattr(xml_id)}>")
        if entry.category:
            out.append(f'        <descrip type="subjectField">{escape(entry.category)}</descrip>')
        if entry.note:
            out.append(f"        <note>{escape(entry.note)}</note>")
        extra = _extra(entry)
        if extra:
            out.append(f"        <note>{escape(_SETTINGS + json.dumps(extra, ensure_ascii=False))}"
                       "</note>")
        if entry.source:
            out.append(f"        <langSec xml:lang={quoteattr(source_lang)}>")
            out.extend(_term_sec(term, "") for term in entry.source)
            out.append("        </langSec>")
        out.append(f"        <langSec xml:lang={quoteattr(target_lang)}>")
        out.append(_term_sec(entry.target, "preferredTerm-admn-sts"))
        out.extend(_term_sec(term, "admittedTerm-admn-sts") for term in entry.accept)
        out.extend(_term_sec(term, "deprecatedTerm-admn-sts") for term in entry.wrong)
        out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def _term_sec(term: str, status: str) -> str:
    note = (f'<termNote type="administrativeStatus">{status}</termNote>' if status else "")
    return f"          <termSec><term>{escape(term)}</term>{note}</termSec>"


def _extra(entry: Entry) -> dict[str, Any]:
    defaults = Entry(id="x", target="x", wrong=())
    extra: dict[str, Any] = {}
    for name in _EXTRA_FIELDS:
        value = getattr(entry, name)
        if value != getattr(defaults, name):
            extra[name] = ([{"wrong": e.wrong, "right": e.right} for e in value]
                           if name == "examples" else list(value)
                           if isinstance(value, tuple) else value)
    return extra
