"""The debris checks together: silent on native English, exact fixes on MT-style text, the corpus.

tests/data/clean/ holds native texts written for this (news, legal, technical in plain text and
Markdown, fiction with two spaces after sentences, science, sports, business, a blog, all-caps
and title-case headlines); none of the six checks may say anything about them.
tests/data/mt/NAME.txt holds MT-style text for one family and NAME.fixed.txt exactly what `fix`
must make of it with the debris checks alone (warnings stay as they are).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.checks import CheckContext, load_checks
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary
from retranslate.models import Finding
from retranslate.pipeline import fix_document

DEBRIS = ("markup", "spacing", "glued", "capitals", "typography", "name_endings")
FAMILIES = ("markup", "spacing", "glued", "capitals", "typography", "name-endings")
CLEAN = sorted((DATA / "clean").iterdir())
MT = sorted(p for p in (DATA / "mt").glob("*.txt") if not p.name.endswith(".fixed.txt"))


def run_check(name: str, text: str, path: str = "a.txt",
              source: str | None = None) -> list[tuple[str, str, str | None, bool]]:
    """(rule, text, suggestion, autofix) of one check's findings on `text`, for unit tests."""
    document = decode(text.encode("utf-8"), path)
    russian = decode(source.encode("utf-8"), "a.ru.txt") if source is not None else None
    context = CheckContext(document, Glossary(), russian)
    check = load_checks((name,))[0]
    return [(f.rule, f.text, f.suggestion, f.autofix) for f in check.run(context)]


def findings(path: Path, names: tuple[str, ...] = DEBRIS) -> list[Finding]:
    document = decode(path.read_bytes(), str(path))
    context = CheckContext(document, Glossary())
    return [f for check in load_checks(names) for f in check.run(context)]


def fixed(path: Path, names: tuple[str, ...] = DEBRIS) -> str:
    document = decode(path.read_bytes(), str(path))
    result = fix_document(document, Glossary(), load_checks(names))
    assert result.fixed_text is not None
    return result.fixed_text


def test_every_family_has_clean_and_mt_texts() -> None:
    assert len(CLEAN) >= 8
    assert {p.stem for p in MT} == set(DEBRIS)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in CLEAN)
    assert words > 4000


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_native_english_gives_no_finding(path: Path) -> None:
    found = [(f.rule, f.text) for f in findings(path)]
    assert found == []


@pytest.mark.parametrize("path", MT, ids=lambda p: p.name)
def test_mt_text_is_fixed_exactly(path: Path) -> None:
    want = path.with_name(path.stem + ".fixed.txt").read_text(encoding="utf-8")
    assert fixed(path) == want


@pytest.mark.parametrize("path", MT, ids=lambda p: p.name)
def test_each_mt_text_fires_its_own_check(path: Path) -> None:
    family = path.stem.replace("_", "-")
    own = findings(path, (path.stem,))
    assert own and all(f.rule.startswith(family + "/") for f in own)


@pytest.mark.parametrize("path", MT, ids=lambda p: p.name)
def test_a_fixed_text_needs_no_more_fixing(path: Path) -> None:
    repaired = path.with_name(path.stem + ".fixed.txt")
    assert [f.rule for f in findings(repaired) if f.autofix] == []
    assert fixed(repaired) == repaired.read_text(encoding="utf-8")


def test_warnings_that_fix_leaves_for_a_person() -> None:
    mt = DATA / "mt"
    warned = {(f.rule, f.text, f.suggestion) for path in MT for f in findings(path)
              if not f.autofix}
    assert warned == {
        ("markup/tag", "<br>", None),
        ("capitals/mid-sentence", "Remind", "remind"),
        ("capitals/mid-sentence", "Riots", "riots"),
        ("name-endings/case", "Furgalu", "Furgal"),
    }, mt


def test_the_corpus_space_errors_fire_and_nothing_else_does(corpus: Path) -> None:
    """What the debris checks find in the real MT page (each read by hand: all of it right):
    two names with a space before the comma, five closing quotes with the space inside
    (", ”says"), two paragraphs ending in '. "'. Nothing else in it is debris of these kinds."""
    text = corpus.read_text(encoding="utf-8")
    found = findings(corpus)
    assert {f.rule for f in found} == {"spacing/before-punctuation", "spacing/quote"}
    before = [text[text.rfind(" ", 0, f.span.start) + 1:f.span.end] for f in found
              if f.rule == "spacing/before-punctuation"]
    assert before == ["Zhumaly ,", "Silchenko ,"]
    assert sum(1 for f in found if f.rule == "spacing/quote") == 7
    assert all(f.autofix for f in found)


def test_fixing_the_corpus_mends_only_spaces(corpus: Path) -> None:
    before = corpus.read_text(encoding="utf-8")
    after = fixed(corpus)
    assert "Zhumaly, a resident" in after and "yesterday,” says" in after
    assert after.replace(" ", "") == before.replace(" ", "")


def test_cli_is_silent_on_clean_texts_and_reports_mt_text(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    select = [arg for family in FAMILIES for arg in ("--select", family)]
    clean = cli("check", "--format", "json", *select, str(DATA / "clean"))
    assert clean.returncode == 0, clean.stdout.decode() + clean.stderr.decode()
    assert json.loads(clean.stdout or b"[]") == []

    copy = tmp_path / "spacing.txt"
    copy.write_bytes((DATA / "mt" / "spacing.txt").read_bytes())
    result = cli("check", "--format", "json", *select, str(copy))
    assert result.returncode == 1
    rules = {f["rule"] for f in json.loads(result.stdout)}
    assert {"spacing/before-punctuation", "spacing/quote", "spacing/time",
            "spacing/after-punctuation", "spacing/double-space"} <= rules
    written = cli("fix", "--write", *select, str(copy))
    assert written.returncode in (0, 1), written.stderr
    assert copy.read_text(encoding="utf-8") == \
        (DATA / "mt" / "spacing.fixed.txt").read_text(encoding="utf-8")
