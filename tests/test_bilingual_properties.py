"""What must hold for every bilingual file: a fix is written so that it reads back exactly, and
nothing outside the fixed targets changes (sources, ids, notes, attributes, bytes)."""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from retranslate.checks import load_checks
from retranslate.files import bilingual
from retranslate.files.document import read_bilingual
from retranslate.glossary import glossary_for
from retranslate.glossary.model import Entry, Glossary
from retranslate.pipeline import fix_document

BILINGUAL = DATA / "bilingual"
ALL_FILES = sorted(p.name for p in BILINGUAL.iterdir() if bilingual.bilingual_format(str(p)))
SENTENCE = "The science wing met."

# One unit whose target is SENTENCE, in each format and variant a fix may land in.
TEMPLATES = {
    "unit.po": 'msgid "Научное крыло собралось."\nmsgstr "{}"\n',
    "unit.xlf": ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                 'original="a" source-language="ru" target-language="en" datatype="plaintext">'
                 '<body><trans-unit id="1" xml:space="preserve">'
                 "<source>Научное крыло собралось.</source>"
                 '<target>{}</target></trans-unit></body></file></xliff>\n'),
    "cdata.xlf": ("<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file "
                  "original='a' source-language='ru' target-language='en' datatype='plaintext'>"
                  "<body><trans-unit id='1' xml:space='preserve'>"
                  "<source>Научное крыло собралось.</source>"
                  "<target><![CDATA[{}]]></target></trans-unit></body></file></xliff>\n"),
    "unit.xliff": ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                   'srcLang="ru" trgLang="en"><file id="f"><unit id="u1" xml:space="preserve">'
                   "<segment>"
                   "<source>Научное крыло собралось.</source><target>{}</target>"
                   "</segment></unit></file></xliff>\n"),
    "unit.tmx": ('<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence"'
                 ' adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>'
                 '<tu><tuv xml:lang="ru"><seg>Научное крыло собралось.</seg></tuv>'
                 '<tuv xml:lang="en"><seg>{}</seg></tuv></tu></body></tmx>\n'),
    "unit.ts": ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" '
                'language="en"><context><name>W</name><message><source>Научное крыло '
                "собралось.</source><translation>{}</translation></message></context></TS>\n"),
}
# What XML can hold (no other control characters, no surrogates or non-characters), plus the
# characters each format must escape.
_PIECE = (st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
          | st.sampled_from(['&', '<', '>', '"', "'", "\\", "\n", "\t", "\r", "]]>", "&amp;",
                             "\\n", " "]))
TARGET_TEXT = st.lists(_PIECE, min_size=1, max_size=12).map("".join)
GLOSSARY_CHECK = [check for check in load_checks() if check.name == "glossary"]


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=TARGET_TEXT)
def test_any_target_string_reads_back_exactly(name: str, target: str) -> None:
    if "science wing" in target.lower():
        return  # the fix would find its own output again
    glossary = Glossary((Entry(id="t-wing", target=target, wrong=("science wing",),
                               autofix=True, inflect=False, note="test"),))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(TEMPLATES[name].format(SENTENCE), encoding="utf-8")
        document, source, _ = read_bilingual(str(path))
        result = fix_document(document, glossary, GLOSSARY_CHECK, source)
        [finding] = result.findings
        assert result.fixed_text is not None
        [unit] = bilingual.read_units(str(path), result.fixed_text.encode("utf-8"))
    assert unit.target == f"The {finding.suggestion} met."
    assert unit.source == "Научное крыло собралось."


@pytest.mark.parametrize("name", ALL_FILES)
def test_fix_changes_nothing_but_the_targets(name: str) -> None:
    path = BILINGUAL / name
    glossary = glossary_for([str(DATA / "glossary" / "test.toml")], default=False)
    document, source, notes = read_bilingual(str(path))
    assert notes == ()
    result = fix_document(document, glossary, load_checks(), source)
    assert result.fixed_text is not None
    original, fixed = document.text, result.fixed_text
    # Every changed character of the original lies inside one unit's own target.
    targets = bilingual.located_targets(original, document.format)
    spans = [(pieces[0].start, pieces[-1].end) for _, pieces in targets if pieces]
    matcher = difflib.SequenceMatcher(None, original, fixed, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert any(start <= i1 and i2 <= end for start, end in spans), (name, i1, i2)
    # The toolkit reads the same units: ids, sources and notes unchanged, targets as fixed.
    data = document.bom + result.fixed_text.encode(document.encoding)
    before, after = _units(name, path.read_bytes()), _units(name, data)
    assert [u[:2] + u[3:] for u in before] == [u[:2] + u[3:] for u in after]
    # Every element and attribute is where it was, with the same values.
    if document.format != "po":
        assert _elements(path.read_bytes()) == _elements(data)
    # The fixed targets are the old ones with exactly the suggested repairs, each in its unit.
    units = dict(bilingual.checked_units(original, document.format))
    fixes: dict[int, list[tuple[str, str]]] = {}
    for finding in result.findings:
        if finding.autofix and finding.suggestion is not None:
            [number] = [n for n, span in units.items()
                        if span.start <= finding.span.start < span.end]
            fixes.setdefault(number, []).append((finding.text, finding.suggestion))
    for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        intended = list(old[2])
        for wrong, right in fixes.get(number, []):
            intended = [form.replace(wrong, right, 1) if wrong in form else form
                        for form in intended]
        assert list(new[2]) == intended, (name, old)


Side = tuple[str, str, tuple[str, ...], str, bool]


def _units(name: str, data: bytes) -> list[Side]:
    """Each unit as (id, source, target forms, notes, header or obsolete): the toolkit's
    reading, in its own numbering (header and obsolete entries included), with TMX sides
    chosen by language as retranslate chooses them."""
    path = str(BILINGUAL / name)
    fmt = bilingual.bilingual_format(path) or ""
    store = bilingual._store(fmt, data).units
    if fmt == "tmx":
        units = bilingual.all_units(path, data)
        return [(u.id, u.source, (u.target,), s.getnotes(), False) if u is not None
                else ("", "", (), s.getnotes(), True) for u, s in zip(units, store, strict=True)]
    return [(str(u.getid()), str(u.source),
             tuple(str(f) for f in getattr(u.target, "strings", [u.target or ""])), u.getnotes(),
             u.isheader() or u.isobsolete()) for u in store]


def _elements(data: bytes) -> list[tuple[str, list[tuple[str, str]]]]:
    from lxml import etree

    return [(str(element.tag), sorted(element.attrib.items()))
            for element in etree.fromstring(data).iter()]


DAMAGE = st.sampled_from(["<", ">", "&", '"', "'", "]]>", "<!--", "-->", "\\", "\n", "\r\n",
                          'msgstr "', "</target>", "<target>", "<![CDATA[", "&amp;", "\x00",
                          "Protestants", "noise grenades", "\ufeff"])


@pytest.mark.parametrize("name", ALL_FILES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.floats(0, 1), insert=DAMAGE, drop=st.integers(0, 3))
def test_damaged_files_give_a_clean_error_or_a_valid_fix(name: str, cut: float, insert: str,
                                                          drop: int) -> None:
    from retranslate.errors import RetranslateError
    from retranslate.files.document import BILINGUAL_FORMATS
    from retranslate.pipeline import Options, run

    raw = (BILINGUAL / name).read_bytes()
    encoding = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-8"
    text = raw[2:].decode(encoding) if encoding == "utf-16-le" else raw.decode(encoding)
    at = int(cut * len(text))
    damaged = text[:at] + insert + text[at + drop:]
    data = (b"\xff\xfe" if encoding == "utf-16-le" else b"") + damaged.encode(encoding)
    glossary = glossary_for([str(DATA / "glossary" / "test.toml")], default=False)
    errors: list[RetranslateError] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        results = list(run([str(path)], glossary, load_checks(), Options(), fix=True,
                           report=errors.append))
        for result in results:
            assert result.fixed_text is not None
            if result.document.format not in BILINGUAL_FORMATS:
                # Damage that makes a .ts root no longer <TS> leaves TypeScript-like plain
                # text, fixed as such: there are no units to read back.
                continue
            fixed = result.document.bom + result.fixed_text.encode(result.document.encoding)
            # What was read can be read again once fixed, with the same units.
            assert [u.id for u in bilingual.read_units(str(path), fixed)] == \
                [u.id for u in bilingual.read_units(str(path), data)]
    assert len(results) + len(errors) >= 1
