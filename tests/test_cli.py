"""End-to-end: the real CLI on the real corpus file and on small files, as an editor runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]
JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
             "text", "suggestion", "evidence"}


def _line_col(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def test_check_flags_the_corpus_errors_as_json(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "--format", "json", *GLOSSARY, str(corpus))
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert all(set(f) == JSON_KEYS for f in findings)
    text = corpus.read_text(encoding="utf-8")
    by_text = {(f["text"], f["line"], f["column"]): f for f in findings}
    air = by_text[("Air Force", *_line_col(text, "Air Force managed to talk"))]
    assert air["rule"] == "glossary/t-bbc" and air["suggestion"] == "BBC"
    protest = by_text[("Protestants", *_line_col(text, "Protestants, not by indignant"))]
    assert protest["suggestion"] == "protesters"
    assert protest["end_column"] - protest["column"] == len("Protestants")
    # "protesters" elsewhere in the article is right and must not be flagged
    assert not any(f["text"].lower().startswith("protester") for f in findings)


def test_check_text_output_and_summary(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", *GLOSSARY, str(corpus))
    lines = result.stdout.decode().splitlines()
    line, column = _line_col(corpus.read_text(encoding="utf-8"), "Air Force managed")
    assert (f"{corpus}:{line}:{column}: glossary/t-bbc: “Air Force” is a mistranslation (ВВС); "
            "use “BBC”. ВВС is the BBC here. (suggestion: BBC)") in lines
    assert "fixable with `retranslate fix`" in lines[-1] and lines[-1].endswith(".")
    assert "\x1b[" not in result.stdout.decode()  # no colour when not on a terminal


def test_fix_diff_applies_and_equals_write(corpus: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("applied", "written"):
        (tmp_path / name).mkdir()
        shutil.copyfile(corpus, tmp_path / name / "article.txt")
    applied, written = tmp_path / "applied", tmp_path / "written"
    subprocess.run(["git", "init", "-q"], cwd=applied, check=True)

    diff = cli("fix", *GLOSSARY, "--select", "glossary", "article.txt", cwd=applied)
    assert diff.returncode == 0, diff.stderr  # every finding of this glossary is autofix
    assert diff.stdout.startswith(b"--- a/article.txt\n+++ b/article.txt\n")
    (applied / "fix.diff").write_bytes(diff.stdout)
    subprocess.run(["git", "apply", "fix.diff"], cwd=applied, check=True)

    write = cli("fix", "--write", *GLOSSARY, "--select", "glossary", "article.txt", cwd=written)
    assert write.returncode == 1  # files changed
    assert b"fixed article.txt" in write.stderr
    fixed = (written / "article.txt").read_bytes()
    assert (applied / "article.txt").read_bytes() == fixed
    assert b"The BBC managed to talk" in fixed
    assert b"not by protesters, not by" in fixed
    assert b"15 looters simply" in fixed

    again = cli("fix", *GLOSSARY, "--select", "glossary", "article.txt", cwd=written)
    assert again.returncode == 0 and again.stdout == b""


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
def test_fix_diff_applies_with_patch(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_bytes(b"Police saw marauders at the shop.\r\nNo newline")
    diff = cli("fix", *GLOSSARY, "a.txt", cwd=tmp_path)
    subprocess.run(["patch", "-p1", "-s"], input=diff.stdout, cwd=tmp_path, check=True)
    assert (tmp_path / "a.txt").read_bytes() == b"Police saw looters at the shop.\r\nNo newline"


def test_stdin_gives_fixed_text_on_stdout(cli) -> None:  # type: ignore[no-untyped-def]
    text = "NOISE GRENADES!\r\nA Ministry of Internal Affairs officer said a noise grenade's pin"
    result = cli("fix", *GLOSSARY, "-", input=text.encode())
    assert result.stdout.decode() == ("STUN GRENADES!\r\nAn Interior Ministry officer said a "
                                      "stun grenade's pin")
    assert result.returncode == 0


def test_folders_bad_files_and_exit_codes(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "good.md").write_text("Noise grenades went off.\n", encoding="utf-8")
    (tmp_path / "news" / "clean.txt").write_text("Stun grenades went off.\n", encoding="utf-8")
    (tmp_path / "news" / "story.ru.txt").write_text("Светошумовые гранаты.\n", encoding="utf-8")
    (tmp_path / "news" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "news" / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "news" / "code.py").write_text("noise_grenade = 'noise grenade'\n")

    result = cli("check", "--format", "json", *GLOSSARY, "news", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert [f["path"] for f in findings] == [str(Path("news") / "good.md")]
    errors = result.stderr.decode().splitlines()
    assert any("image.txt: binary file" in line and line.startswith("retranslate: note:")
               for line in errors)
    assert any("latin1.txt: not valid utf-8 at byte 3" in line for line in errors)
    assert result.returncode == 2  # the undecodable file is an input error

    skipped = cli("check", *GLOSSARY, "--exclude", "latin1.txt", "news", cwd=tmp_path)
    assert skipped.returncode == 1

    clean = cli("check", *GLOSSARY, "news/clean.txt", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == b""

    assert cli("check", *GLOSSARY, cwd=tmp_path).returncode == 2
    missing = cli("check", *GLOSSARY, "nope.txt", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.decode().strip() == "retranslate: error: nope.txt: no such file"


def test_github_and_sarif_formats(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Intro.\nThen noise grenades, 50%, went off.", encoding="utf-8")
    github = cli("check", "--format", "github", *GLOSSARY, "a.txt", cwd=tmp_path)
    assert github.stdout.decode() == (
        "::error file=a.txt,line=2,col=6,endLine=2,endColumn=20,title=glossary/t-stun-grenade::"
        "“noise grenades” is a mistranslation; use “stun grenades”. светошумовые гранаты are stun "
        "grenades. (suggestion: stun grenades)\n")
    sarif = json.loads(cli("check", "--format", "sarif", *GLOSSARY, "a.txt", cwd=tmp_path).stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "glossary/t-stun-grenade"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 6, 20)
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "stun grenades"}


def test_batch_spellings_and_files_without_source(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.en.txt").write_text("President Tokayev spoke. Tokayev left.\n", encoding="utf-8")
    (news / "a.ru.txt").write_text("Президент Токаев выступил. Токаев уехал.\n", encoding="utf-8")
    (news / "b.txt").write_text("Later, Tokaev returned.\n", encoding="utf-8")
    result = cli("check", *GLOSSARY, "news", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert any(line.startswith(f"{Path('news') / 'b.txt'}:1:8: names/batch: “Tokaev” here")
               for line in lines), lines
    assert (f"No Russian source for: {Path('news') / 'b.txt'} (checked with the glossary's "
            "document conditions only).") in lines
    assert lines[-1].startswith("1 finding in 2 files")
    # fix never reports batch findings: their spans would point into files it just changed
    assert b"names/batch" not in cli("fix", *GLOSSARY, "news", cwd=tmp_path).stderr


def test_rule_selection_takes_commas_and_refuses_unknown_rules(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("In 2022 г. noise grenades cost 500 руб. each.\n",
                                    encoding="utf-8")
    both = json.loads(cli("check", "--format", "json", *GLOSSARY, "--select",
                          "glossary,typography/currency", "a.txt", cwd=tmp_path).stdout)
    assert [f["rule"] for f in both] == ["glossary/t-stun-grenade", "typography/currency"]
    misspelt = cli("check", *GLOSSARY, "--select", "glosary", "a.txt", cwd=tmp_path)
    assert misspelt.returncode == 2
    assert b"no rule is called 'glosary'; rules start with " in misspelt.stderr


def test_russian_typography_is_reported_once_and_deletions_say_so(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("In 2022 г. the budget was 500 руб. per person.\n",
                                    encoding="utf-8")
    lines = cli("check", *GLOSSARY, "a.txt", cwd=tmp_path).stdout.decode().splitlines()
    assert lines[:2] == [
        "a.txt:1:8: typography/year-abbreviation: Russian “г.” (“year”) after 2022; English "
        "writes the year alone (suggestion: delete “ г.”)",
        "a.txt:1:30: typography/currency: Russian abbreviation “руб.” left in English; it means "
        "rubles (suggestion:  rubles)"]
    fixed = cli("fix", *GLOSSARY, "-", input=(tmp_path / "a.txt").read_bytes())
    assert fixed.stdout == b"In 2022 the budget was 500 rubles per person.\n"
