"""End-to-end on the real corpus with the bundled glossary and every check, as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from test_cli import _line_col

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "curfew.en.txt"


def _findings(cli, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = cli("check", "--format", "json", *args)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_default_glossary_flags_the_corpus_blunders(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = corpus.read_text(encoding="utf-8")
    found = {(f["text"], f["line"], f["column"]): f
             for f in _findings(cli, "--select", "glossary", str(corpus))}
    for needle, wrong, right in [
        ("Air Force managed to talk", "Air Force", "BBC"),
        ("Protestants, not by indignant", "Protestants", "protesters"),
        ("marauders simply did not", "marauders", "looters"),
        ("noise grenades are heard", "noise grenades", "stun grenades"),
    ]:
        finding = found.get((wrong, *_line_col(text, needle)))
        assert finding is not None, f"{wrong!r} in {needle!r} not flagged"
        assert finding["suggestion"] == right


def test_fix_on_the_corpus_applies_with_git_and_is_idempotent(corpus: Path, tmp_path: Path,
                                                               cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("applied", "written"):
        (tmp_path / name).mkdir()
        shutil.copyfile(corpus, tmp_path / name / "article.txt")
    applied, written = tmp_path / "applied", tmp_path / "written"
    subprocess.run(["git", "init", "-q"], cwd=applied, check=True)

    diff = cli("fix", "article.txt", cwd=applied)
    assert diff.returncode in (0, 1), diff.stderr
    assert diff.stdout, "the default checks fix nothing in the corpus"
    (applied / "fix.diff").write_bytes(diff.stdout)
    subprocess.run(["git", "apply", "--check", "fix.diff"], cwd=applied, check=True)
    subprocess.run(["git", "apply", "fix.diff"], cwd=applied, check=True)

    cli("fix", "--write", "article.txt", cwd=written)
    assert (applied / "article.txt").read_bytes() == (written / "article.txt").read_bytes()
    again = cli("fix", "article.txt", cwd=written)
    assert again.stdout == b"", again.stdout.decode()


def test_readme_example_runs(cli) -> None:  # type: ignore[no-untyped-def]
    flagged = {(f["text"], f["suggestion"]) for f in _findings(cli, str(EXAMPLE))}
    assert {("Air Force", "BBC"), ("Protestants", "protesters"), ("marauders", "looters"),
            ("noise grenades", "stun grenades")} <= flagged
    diff = cli("fix", str(EXAMPLE.relative_to(EXAMPLE.parents[1])), cwd=EXAMPLE.parents[1])
    assert b"+++ b/examples/curfew.en.txt" in diff.stdout
