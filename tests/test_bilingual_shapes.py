"""Bilingual files shaped as translation tools write them, fixed through the real CLI.

Each file in tests/data/bilingual/ imitates one tool's output (Trados, memoQ, Qt Linguist,
Okapi, XLIFF 2.0 with matches, TMX 1.1, PO, UTF-16 XLIFF); each test says which repairs the
fix must make and asserts the written file is the original with exactly those, and nothing else:
suggestions, historical units, notes, commented-out units and the source side stay as they were.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.files import bilingual

BILINGUAL = DATA / "bilingual"
GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]

# File → (the repairs as (before, after) in the file's text, the targets read back afterwards).
CASES: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "trados.sdlxliff": (
        [('<g id="pt1">Noise grenades</g> went', '<g id="pt1">Stun grenades</g> went'),
         ('"2">Marauders smashed', '"2">Looters smashed')],
        ["Stun grenades went off at the door of the town hall & on the square.",
         "Looters smashed a shop window."]),
    "memoq.mqxliff": (
        [("Police dispersed the Protestants outside", "Police dispersed the protesters outside"),
         ('"preserve">Noise grenades <bpt', '"preserve">Stun grenades <bpt')],
        ["Police dispersed the protesters outside the akimat building.",
         "Stun grenades {}<boomed>{} all night."]),
    "linguist.ts": (
        [("<translation>Noise grenades", "<translation>Stun grenades"),
         ("dispersed the Protestants.</translation>", "dispersed the protesters.</translation>"),
         ("%n marauder was", "%n looter was"), ("%n marauders were", "%n looters were")],
        ["Stun grenades exploded & people ran.", "The police dispersed the protesters.",
         "%n looter was detained at the shop | %n looters were detained at the shop"]),
    "okapi-1.2.xlf": (
        [("dispersed the Protestants.</x:target", "dispersed the protesters.</x:target"),
         ("<![CDATA[Marauders were", "<![CDATA[Looters were"),
         ("'en'>Noise grenades exploded", "'en'>Stun grenades exploded")],
        ["The police dispersed the protesters.", "Looters were detained at the shop.",
         'Stun grenades exploded near <a href="/noise-grenades">the square</a>.',
         "The Protestants Club met the police."]),
    "matches-2.0.xlf": (
        [("<target>The police dispersed the Protestants.</target>",
          "<target>The police dispersed the protesters.</target>"),
         ("<target>Marauders smashed", "<target>Looters smashed")],
        ["The police dispersed the protesters.", "noise grenades exploded.",
         "Looters smashed a shop window."]),
    "tmx11.tmx": (
        [("<seg>The police dispersed the Protestants.</seg>",
          "<seg>The police dispersed the protesters.</seg>"),
         ("'preserve'>Noise grenades", "'preserve'>Stun grenades")],
        ["The police dispersed the protesters.", "Stun grenades exploded <b>twice</b>."]),
    "shapes.po": (
        [('msgstr "Noise grenades exploded', 'msgstr "Stun grenades exploded'),
         ("the Protestants\\t", "the protesters\\t"),
         ('"Noise grenades were used."', '"Stun grenades were used."'),
         ('"%d marauder was', '"%d looter was'), ('"%d marauders were', '"%d looters were'),
         ("\\nNoise grenades were used twice", "\\nStun grenades were used twice")],
        ["Stun grenades exploded outside the town hall",
         'The police "dispersed" the protesters\toutside the building.\nStun grenades were used.',
         "%d looter was detained at the shop | %d looters were detained at the shop",
         "Summary.\nStun grenades were used twice."]),
    "utf16.xlf": (
        [(">Noise grenades exploded", ">Stun grenades exploded")],
        ["Stun grenades exploded — twice."]),
}


def _encoding(raw: bytes) -> str:
    return "utf-16" if raw.startswith(b"\xff\xfe") else "utf-8"


def _encoded(text: str, like: bytes) -> bytes:
    """`text` in the encoding and BOM of the bytes `like`."""
    return b"\xff\xfe" + text.encode("utf-16-le") if like.startswith(b"\xff\xfe") \
        else text.encode("utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_fix_writes_exactly_the_repairs(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repairs, targets = CASES[name]
    path = tmp_path / name
    shutil.copy(BILINGUAL / name, path)
    raw = path.read_bytes()
    original = raw.decode(_encoding(raw))
    expected = original
    for before, after in repairs:
        assert expected.count(before) == 1, before
        expected = expected.replace(before, after)
    diff = cli("fix", *GLOSSARY, name, cwd=tmp_path)
    assert diff.stdout.startswith(f"--- a/{name}\n".encode()), diff.stderr
    written = cli("fix", "--write", *GLOSSARY, name, cwd=tmp_path)
    assert written.returncode == 1 and b"note:" not in written.stderr, written.stderr
    fixed = path.read_bytes()
    assert fixed == _encoded(expected, raw)
    assert _toolkit_targets(path) == targets
    # Nothing is left to fix, and the source side never counts as untranslated English.
    again = cli("check", *GLOSSARY, name, cwd=tmp_path)
    assert b"glossary/" not in again.stdout and b"untranslated/" not in again.stdout


@pytest.mark.parametrize("name", sorted(CASES))
def test_git_apply_of_the_diff_equals_write(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    for folder in ("applied", "written"):
        (tmp_path / folder).mkdir()
        shutil.copy(BILINGUAL / name, tmp_path / folder / name)
    diff = cli("fix", *GLOSSARY, name, cwd=tmp_path / "applied").stdout
    subprocess.run(["git", "apply", "-"], input=diff, cwd=tmp_path / "applied", check=True)
    cli("fix", "--write", *GLOSSARY, name, cwd=tmp_path / "written")
    assert (tmp_path / "applied" / name).read_bytes() == (tmp_path / "written" / name).read_bytes()


def test_suggestions_history_comments_and_obsolete_units_are_not_checked(cli) -> None:  # type: ignore[no-untyped-def]
    for name, hidden in [("okapi-1.2.xlf", "clashed with police"),  # commented out
                         ("okapi-1.2.xlf", "went off"),  # alt-trans
                         ("okapi-1.2.xlf", "Protestants Club"),  # mtype="protected"
                         ("matches-2.0.xlf", "at night"),  # mtc:match
                         ("memoq.mqxliff", "were dispersed by police"),  # historical unit
                         ("linguist.ts", "Old line"), ("linguist.ts", "obsolete line"),
                         ("shapes.po", "An old line"), ("tmx11.tmx", "near the shop")]:
        target, _, _ = _read(name)
        prose = "".join(target.text[r.start:r.end] for r in target.prose)
        assert hidden not in prose, (name, hidden)


def test_inline_code_attributes_and_sources_are_not_prose() -> None:
    for name in CASES:
        target, _, notes = _read(name)
        prose = "".join(target.text[r.start:r.end] for r in target.prose)
        assert notes == ()
        assert not any(word in prose for word in ("Полиция", "гранаты", "href", "w:b", "&lt;",
                                                  "Checked by", "reviewer", "{}"))


def test_tmx_all_languages_source_is_the_russian_side() -> None:
    units = bilingual.read_units(str(BILINGUAL / "tmx11.tmx"))
    assert [(u.source, u.target) for u in units] == [
        ("Полиция разогнала протестующих.", "The police dispersed the Protestants."),
        ("Светошумовые гранаты взорвались.", "Noise grenades exploded <b>twice</b>.")]


def test_typescript_with_the_ts_suffix_is_not_qt_linguist(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "app.ts"
    script.write_text("const noise = 'Noise grenades exploded.';\n", encoding="utf-8")
    assert bilingual.bilingual_format(str(script)) is None
    assert bilingual.bilingual_format(str(BILINGUAL / "linguist.ts")) == "ts"
    result = cli("check", *GLOSSARY, "app.ts", cwd=tmp_path)
    assert b"app.ts:1:" in result.stdout and result.returncode == 1  # read as plain text


def test_xliff_version_is_the_root_attribute(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # its:version="2.0" on an XLIFF 1.2 root is ITS's version, not XLIFF's.
    assert "its:version=\"2.0\"" in (BILINGUAL / "okapi-1.2.xlf").read_text(encoding="utf-8")
    assert [u.id for u in bilingual.read_units(str(BILINGUAL / "okapi-1.2.xlf"))] == [
        "night.html\x04tu1", "night.html\x04tu2", "night.html\x04tu3", "night.html\x04tu4"]
    result = cli("check", *GLOSSARY, str(BILINGUAL / "matches-2.0.xlf"), cwd=tmp_path)
    assert result.returncode == 1 and b"error" not in result.stderr


def test_what_cannot_be_placed_is_counted() -> None:
    text = (BILINGUAL / "curfew-2.0.xliff").read_text(encoding="utf-8")
    units = bilingual.read_units(str(BILINGUAL / "curfew-2.0.xliff"))
    assert bilingual.unplaced(units, text, "xliff") == 0
    extra = [*units, bilingual.Unit("u9", "Ещё одна строка.", "One more line.")]
    assert bilingual.unplaced(extra, text, "xliff") == 1


def _toolkit_targets(path: Path) -> list[str]:
    """Every non-empty target as translate-toolkit reads it, plural forms joined by " | "."""
    fmt = bilingual.bilingual_format(str(path)) or ""
    if fmt == "tmx":  # the toolkit's target is the second variant; read_units goes by language
        return [u.target for u in bilingual.read_units(str(path)) if u.target]
    store = bilingual._store(fmt, path.read_bytes())
    found = []
    for unit in store.getunits():
        if unit.isheader() or unit.isobsolete() or not unit.target:
            continue
        forms = getattr(unit.target, "strings", [unit.target])
        found.append(" | ".join(str(form) for form in forms))
    return found


def _read(name: str):  # type: ignore[no-untyped-def]
    from retranslate.files.document import read_bilingual

    return read_bilingual(str(BILINGUAL / name))


@pytest.mark.parametrize("name", sorted(CASES))
def test_evidence_is_the_units_own_source(name: str, cli) -> None:  # type: ignore[no-untyped-def]
    import json

    path = BILINGUAL / name
    result = cli("check", "--format", "json", *GLOSSARY, str(path))
    findings = [f for f in json.loads(result.stdout) if f["evidence"]]
    assert findings or name in ("trados.sdlxliff", "utf16.xlf")
    raw = path.read_bytes()
    text = raw.decode(_encoding(raw))
    lines = text.splitlines(keepends=True)
    units = bilingual.all_units(str(path))
    fmt = bilingual.bilingual_format(str(path)) or ""
    for finding in findings:
        offset = sum(len(line) for line in lines[:finding["line"] - 1]) + finding["column"] - 1
        [number] = [n for n, span in bilingual.checked_units(text, fmt)
                    if span.start <= offset < span.end]
        unit = units[number - 1]
        assert unit is not None
        assert finding["evidence"] in " ".join(unit.source.split()), (finding, unit.source)


SPECIAL_TARGET = '''[[entry]]
id = "t-wing"
target = 'R&D <unit> "C:\\path" ]]> end'
wrong = ["science wing"]
autofix = true
inflect = false
note = "A target with every character XML and PO escape."
'''


@pytest.mark.parametrize("name", ["unit.po", "unit.xlf", "cdata.xlf", "unit.xliff", "unit.tmx",
                                  "unit.ts"])
def test_a_target_with_markup_characters_is_written_escaped(name: str, tmp_path: Path,
                                                            cli) -> None:  # type: ignore[no-untyped-def]
    from test_bilingual_properties import TEMPLATES

    (tmp_path / "special.toml").write_text(SPECIAL_TARGET, encoding="utf-8")
    path = tmp_path / name
    path.write_text(TEMPLATES[name].format("The science wing met."), encoding="utf-8")
    result = cli("fix", "--write", "--no-default-glossary", "-g", "special.toml", name,
                 cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    [unit] = bilingual.read_units(str(path))
    assert unit.target == 'The R&D <unit> "C:\\path" ]]> end met.'
    assert cli("fix", "--no-default-glossary", "-g", "special.toml", name,
               cwd=tmp_path).stdout == b""


def test_tmx_target_is_the_english_variant_among_several(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # Unit 1: English empty, German present (never a target); unit 2: English after German.
    shutil.copy(BILINGUAL / "three-languages.tmx", tmp_path / "memory.tmx")
    result = cli("check", "--format", "json", *GLOSSARY, "memory.tmx", cwd=tmp_path)
    import json

    findings = json.loads(result.stdout)
    assert [(f["line"], f["text"]) for f in findings] == [(3, "Protestants")]
    assert findings[0]["column"] > 100  # in the English variant, after the German one
    units = bilingual.read_units(str(tmp_path / "memory.tmx"))
    assert [u.target for u in units] == ["", "The police dispersed the Protestants."]
