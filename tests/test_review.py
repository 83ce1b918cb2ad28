"""Review for people who would rather look than read: unsafe fixes, interactive review, a page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chromium import Page, chromium_binary

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# Our own text: one safe fix (Protestants), one review-only entry (the Air Force for the BBC).
MIXED = ("BBC News correspondent Anna Petrova wrote from the square.\n"
         "The Air Force managed to talk with two Protestants who had stayed.\n")


def test_check_counts_what_unsafe_fixes_would_add(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    done = cli("check", "a.txt", cwd=tmp_path)
    assert "1 fixable with `retranslate fix` (1 more with `retranslate fix --unsafe-fixes`)" \
        in done.stdout.decode()


def test_unsafe_fixes_apply_review_only_suggestions_and_list_them(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    safe = cli("fix", "a.txt", cwd=tmp_path)
    assert b"+The Air Force managed to talk with two protesters" in safe.stdout
    assert b"not fixed: glossary/bbc-air-force" in safe.stderr
    unsafe = cli("fix", "--unsafe-fixes", "a.txt", cwd=tmp_path)
    assert b"+The BBC managed to talk with two protesters who had stayed." in unsafe.stdout
    err = unsafe.stderr.decode()
    assert "1 unsafe fix applied (review them):" in err
    assert "a.txt:2:5: glossary/bbc-air-force: “Air Force” → “BBC”" in err
    # the diff is an ordinary diff: it applies and equals --write --unsafe-fixes
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    applied = subprocess.run(["git", "apply", "-"], input=unsafe.stdout, cwd=tmp_path)
    assert applied.returncode == 0
    expected = (tmp_path / "a.txt").read_bytes()
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    cli("fix", "--unsafe-fixes", "--write", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == expected


def test_the_headline_blunder_is_repaired_on_request(cli, corpus_copy: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("fix", "--unsafe-fixes", corpus_copy.name, cwd=corpus_copy.parent)
    assert b"+" in done.stdout and b"The BBC managed to talk with a resident" in done.stdout
    assert b"glossary/bbc-air-force" in done.stderr


def _spawn(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    pexpect = pytest.importorskip("pexpect")
    return pexpect.spawn(sys.executable, ["-m", "retranslate", "fix", *args],
                         cwd=str(tmp_path), env={**os.environ, "NO_COLOR": "1"},
                         encoding="utf-8", timeout=60)


def _answer(child, where: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    child.expect_exact(where)
    child.expect_exact("[q]uit")
    child.sendline(answer)


def test_interactive_accept_reject_edit_quit(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The Protestants gathered.\nMarauders broke windows.\n"
                                    "Police used noise grenades.\nMore Protestants came.\n",
                                    encoding="utf-8")
    child = _spawn(tmp_path, "--interactive", "a.txt")
    _answer(child, "a.txt:1:5", "y")    # Protestants → protesters
    _answer(child, "a.txt:2:1", "n")    # Marauders: rejected
    _answer(child, "a.txt:3:13", "e")   # noise grenades: edited
    child.expect_exact("Replace with")
    child.sendline("flash-bangs")
    _answer(child, "a.txt:4:6", "q")    # quit: the rest stays
    child.expect_exact("1 file changed, 2 changes not taken")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == (
        "The protesters gathered.\nMarauders broke windows.\n"
        "Police used flash-bangs.\nMore Protestants came.\n")


def test_interactive_accept_all_of_a_rule_and_the_source_sentence(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "curfew.en.txt", tmp_path / "curfew.en.txt")
    shutil.copy(EXAMPLES / "curfew.ru.txt", tmp_path / "curfew.ru.txt")
    child = _spawn(tmp_path, "-i", "curfew.en.txt",
                   "--select", "glossary/protester-protestant,untranslated")
    child.expect_exact("untranslated/date")
    child.expect_exact("source: Опубликовано")  # the Russian source sentence is shown
    child.expect_exact("[q]uit")
    child.sendline("a")
    _answer(child, "glossary/protester-protestant", "y")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    fixed = (tmp_path / "curfew.en.txt").read_text(encoding="utf-8")
    assert "March 12, 2023" in fixed and "Protestants" not in fixed


def test_interactive_needs_a_terminal(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("The Protestants gathered.\n", encoding="utf-8")
    done = cli("fix", "--interactive", "a.txt", cwd=tmp_path)
    assert done.returncode == 2 and b"--interactive needs a terminal" in done.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "The Protestants gathered.\n"


needs_chromium = pytest.mark.skipif(chromium_binary() is None,
                                    reason="no Chromium (.ci/run installs Debian's chromium)")


def _report(cli, tmp_path: Path, *paths: str) -> Path:  # type: ignore[no-untyped-def]
    page = tmp_path / "report.html"
    done = cli("report", "--html", str(page), *paths, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    return page


def test_report_is_self_contained_and_lists_findings_without_javascript(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _report(cli, tmp_path, str(EXAMPLES))
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "<link" not in html and "src=" not in html
    findings = json.loads(cli("check", "--format", "json", str(EXAMPLES)).stdout)
    assert html.count('<li class="finding"') == len(findings)


@needs_chromium
def test_report_in_a_browser_highlights_filters_and_shows_the_source(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    page = _report(cli, tmp_path, "examples")
    with Page(tmp_path / "profile", size=(1000, 760)) as browser:
        browser.open(page.as_uri())
        text = browser.evaluate("document.body.innerText")
        assert "Protestants" in text and "protesters" in text
        assert "is a mistranslation" in text
        # the source sentence beside its English, in the aligned view
        assert browser.evaluate(
            "[...document.querySelectorAll('td.ru')].some(td => "
            "td.textContent.includes('Потом полиция начала разгонять протестующих'))")
        marks = browser.evaluate("document.querySelectorAll('mark.f').length")
        assert marks >= 5
        visible = ("[...document.querySelectorAll('li.finding[data-family=glossary]')]"
                   ".filter(e => e.offsetParent !== null).length")
        assert browser.evaluate(visible) > 0
        browser.evaluate("document.getElementById('filter-family-glossary').click()")
        assert browser.evaluate(visible) == 0
        others = ("[...document.querySelectorAll('li.finding:not([data-family=glossary])')]"
                  ".filter(e => e.offsetParent !== null).length")
        assert browser.evaluate(others) > 0
        browser.evaluate("document.getElementById('filter-family-glossary').click()")
        # the README's picture (docs/report.png) is this screenshot
        browser.screenshot(tmp_path / "report.png")
    assert (tmp_path / "report.png").stat().st_size > 10_000


@needs_chromium
def test_report_with_javascript_off_still_lists_every_finding(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _report(cli, tmp_path, str(EXAMPLES))
    with Page(tmp_path / "profile", javascript=False) as browser:
        browser.open(page.as_uri())
        assert browser.evaluate("document.documentElement.className") == ""
        text = browser.evaluate("document.body.innerText")
    assert "glossary/protester-protestant" in text and "untranslated/date" in text


@needs_chromium
def test_report_of_a_thousand_files_is_paged(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "archive"
    folder.mkdir()
    for n in range(1000):
        (folder / f"{n:04d}.txt").write_text(f"Story {n}: the Protestants gathered.\n",
                                             encoding="utf-8")
    page = _report(cli, tmp_path, "archive")
    with Page(tmp_path / "profile") as browser:
        browser.open(page.as_uri())
        shown = ("[...document.querySelectorAll('section.file')]"
                 ".filter(e => e.offsetParent !== null).map(e => e.dataset.path)")
        first = browser.evaluate(shown)
        assert len(first) == 25 and first[0].endswith("0000.txt")
        assert browser.evaluate("document.getElementById('page').textContent") == "page 1 of 40"
        browser.evaluate("document.getElementById('next').click()")
        assert browser.evaluate(shown)[0].endswith("0025.txt")
        # the file list jumps to a file's page
        browser.evaluate("document.querySelector('#files a[href=\"#file999\"]').click()")
        assert browser.evaluate(shown)[-1].endswith("0999.txt")
