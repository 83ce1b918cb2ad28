"""A `rephrase` entry: a calque flagged for review with a model rewrite and no suggestion, so
`fix` never applies a half-right word swap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ENTRY = """
[[entry]]
id = "cites-agency-leads"
target = "TASS quotes the statement"
wrong = ["leads TASS"]
rephrase = true
note = "приводит ТАСС: the agency quotes the statement; the subject is reversed."
examples = [
  { wrong = "The statement of the ministry leads TASS.", right = "TASS quotes the ministry." },
]
ok = ["The ministry's statement was quoted by TASS."]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rephrase_entry_flags_without_a_suggestion_and_fix_leaves_it(tmp_path: Path,
                                                                     cli: Any) -> None:
    glossary = _write(tmp_path, "g.toml", ENTRY)
    article = _write(tmp_path, "a.txt", "The statement of the ministry leads TASS.\n")
    result = cli("check", "--format", "json", "--no-default-glossary", "--glossary",
                 str(glossary), str(article))
    assert result.returncode == 1, result.stderr.decode()
    [finding] = json.loads(result.stdout)
    assert finding["rule"] == "glossary/cites-agency-leads"
    assert finding["text"] == "leads TASS"
    assert finding["suggestion"] is None
    assert "rephrase, as in “TASS quotes the statement”" in finding["message"]
    cli("fix", "--no-default-glossary", "--glossary", str(glossary), str(article))
    assert article.read_text(encoding="utf-8") == "The statement of the ministry leads TASS.\n"


def test_rephrase_entry_passes_glossary_test_and_refuses_autofix(tmp_path: Path,
                                                                cli: Any) -> None:
    good = _write(tmp_path, "good.toml", ENTRY)
    assert cli("glossary", "test", str(good)).returncode == 0
    bad = _write(tmp_path, "bad.toml",
                 ENTRY.replace("rephrase = true", "rephrase = true\nautofix = true"))
    result = cli("glossary", "test", str(bad))
    assert result.returncode == 2
    assert b"drop 'autofix'" in result.stderr
