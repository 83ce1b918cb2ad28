"""Settings files: found by walking up, paths relative to them, CLI wins, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA


def test_pyproject_settings_apply(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "house.toml").write_bytes(
        (DATA / "glossary" / "test.toml").read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n[tool.retranslate]\n'
        'glossary = ["glossaries"]\ndefault-glossary = false\nignore = ["glossary/t-interior"]\n',
        encoding="utf-8")
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "a.txt"
    article.write_text("Noise grenades. The Ministry of Internal Affairs said.", encoding="utf-8")

    # Run from a sub-folder: the settings are found above it, their paths are relative to them.
    result = cli("check", "--format", "json", "a.txt", cwd=tmp_path / "articles")
    rules = [f["rule"] for f in json.loads(result.stdout)]
    assert rules == ["glossary/t-stun-grenade"]

    selected = cli("check", "--format", "json", "--select", "glossary/t-interior", "a.txt",
                   cwd=tmp_path / "articles")
    # --ignore in the file still applies: the file's ignore list and the CLI's are combined.
    assert json.loads(selected.stdout) == []


def test_bad_settings_are_one_line_errors(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "retranslate.toml").write_text('glosary = ["x"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    result = cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert message.startswith(f"retranslate: error: {tmp_path / 'retranslate.toml'}: "
                              "unknown setting(s) glosary")
    assert len(message.splitlines()) == 1
