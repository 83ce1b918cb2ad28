"""Bilingual files: units read with translate-toolkit, only targets checked, bytes kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.files import bilingual
from retranslate.files.document import read_bilingual

BILINGUAL = DATA / "bilingual"
GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]
FILES = ["curfew.po", "curfew-1.2.xlf", "curfew-2.0.xliff", "curfew.tmx"]


@pytest.mark.parametrize(("name", "ids"), [
    ("curfew.po", ["Полиция начала разгонять протестующих.",
                   "Власти ввели комендантский час: жителям запрещено выходить на улицу с 22:00 "
                   "до 6:00.", "ВВС удалось поговорить с учительницей.",
                   "Задержаны 2 тыс. человек."]),
    ("curfew-1.2.xlf", ["article.md\x04p1", "article.md\x04p2", "article.md\x04p3"]),
    ("curfew-2.0.xliff", ["u1", "u2"]),
    ("curfew.tmx", ["1", "2"]),
])
def test_read_units(name: str, ids: list[str]) -> None:
    units = bilingual.read_units(str(BILINGUAL / name))
    assert [u.id for u in units] == ids
    assert units[0].source == "Полиция начала разгонять протестующих."
    assert units[0].target == "The police began to disperse the Protestants."


@pytest.mark.parametrize("name", FILES)
def test_only_targets_are_prose(name: str) -> None:
    target, source, notes = read_bilingual(str(BILINGUAL / name))
    assert target.text == (BILINGUAL / name).read_text(encoding="utf-8")  # the file, exactly
    prose = "".join(target.text[r.start:r.end] for r in target.prose)
    assert "Protestants" in prose and "Air Force managed" in prose
    assert "Полиция" not in prose  # no source text
    assert "<" not in prose and "&amp;" not in prose and "Content-Type" not in prose
    assert "spoke to a teacher" not in prose  # an XLIFF alt-trans is not the target
    assert "Старая" not in prose  # nor is an obsolete PO entry
    assert source.text.startswith("Полиция начала разгонять протестующих.\n\n")
    assert notes == ()


def test_inline_markup_stays_out_of_prose() -> None:
    target, _, _ = read_bilingual(str(BILINGUAL / "curfew-1.2.xlf"))
    pieces = [target.text[r.start:r.end] for r in target.prose]
    assert pieces[-3:] == ["Correspondents of ", "BBC News", " spent the night in the centre."]
    assert pieces[1:3] == ["The Air Force managed to speak with a teacher ", " a doctor."]


@pytest.mark.parametrize("name", FILES)
def test_fix_write_changes_target_text_only(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    shutil.copy(BILINGUAL / name, path)
    original = path.read_text(encoding="utf-8")
    diff = cli("fix", *GLOSSARY, name, cwd=tmp_path)
    written = cli("fix", "--write", *GLOSSARY, name, cwd=tmp_path)
    assert written.returncode == 1, written.stderr  # changed
    assert diff.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n".encode())
    fixed = path.read_text(encoding="utf-8")
    # Every byte but the repaired words is the same: the targets' own repairs, nothing else.
    expected = (original.replace("disperse the Protestants", "disperse the protesters")
                .replace("The Air Force managed", "The BBC managed"))
    if name == "curfew.po":
        expected = (expected.replace("from 10 am to 6 am", "from 10 pm to 6 am")
                    .replace('msgstr[0] "2 тыс. people', 'msgstr[0] "2,000 people'))
    assert fixed == expected
    units = {u.id: u for u in bilingual.read_units(str(path))}
    first = next(iter(units.values()))
    assert first.target == "The police began to disperse the protesters."
    assert first.source == "Полиция начала разгонять протестующих."
    # The fixed file reads back through translate-toolkit, and a second fix has nothing to do.
    assert all(u.target for u in units.values())
    assert cli("fix", *GLOSSARY, name, cwd=tmp_path).stdout == b""


def test_same_target_flagged_or_not_by_its_unit_source(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Протестанты молились в церкви."\nmsgstr "The Protestants prayed."\n\n'
          'msgid "Полиция разогнала протестующих."\nmsgstr "Police dispersed the Protestants."\n')
    (tmp_path / "mixed.po").write_text(po, encoding="utf-8")
    result = cli("check", *GLOSSARY, "--select", "glossary", "mixed.po", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert [x.split(": ")[0] for x in lines if "glossary/" in x] == ["mixed.po:9:30"]
    assert "    source: Полиция разогнала протестующих." in lines


def test_untranslated_target_is_flagged_source_side_is_not(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    po = ('msgid "Опубликовано 7 января 2022"\nmsgstr "Posted 7 января 2022"\n\n'
          'msgid "Изображение материала"\nmsgstr "Изображение материала"\n')
    (tmp_path / "dates.po").write_text(po, encoding="utf-8")
    result = cli("check", *GLOSSARY, "--select", "untranslated", "dates.po", cwd=tmp_path)
    lines = [x for x in result.stdout.decode().splitlines() if "untranslated/" in x]
    assert len(lines) == 2
    assert lines[0].startswith("dates.po:2:16: untranslated/date")
    assert lines[1].startswith("dates.po:5:9: untranslated/text")


def test_broken_file_is_a_clean_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "broken.xlf").write_text("<xliff version='1.2'><file>", encoding="utf-8")
    result = cli("check", *GLOSSARY, "broken.xlf", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("retranslate: error: broken.xlf")
    assert b"Traceback" not in result.stderr
