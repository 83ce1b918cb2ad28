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


def test_config_prints_each_setting_with_where_it_came_from(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.retranslate]\nexclude = ["drafts/*"]\nfail-on = "error"\n'
        'allow = ["Air Force One"]\n[tool.retranslate.severity]\n"numbers" = "info"\n',
        encoding="utf-8")
    result = cli("config", "--exclude", "old/*", "--select", "glossary", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    where = f"{tmp_path / 'pyproject.toml'} [tool.retranslate]"
    assert lines[0] == f"# settings file: {tmp_path / 'pyproject.toml'}"
    assert f'exclude = ["drafts/*", "old/*"]  # {where} exclude + command line' in lines
    assert 'select = ["glossary"]  # command line' in lines
    assert f'fail-on = "error"  # {where} fail-on' in lines
    assert f'allow = ["Air Force One"]  # {where} allow' in lines
    assert f'severity = {{ "numbers" = "info" }}  # {where} severity' in lines
    assert "force-exclude = true  # default" in lines
    assert "\x1b[" not in result.stdout.decode()
    coloured = cli("config", "--color", "always", cwd=tmp_path).stdout.decode()
    assert "\x1b[2m# default\x1b[0m" in coloured


def test_the_first_settings_file_wins_and_the_others_are_named(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text('[tool.retranslate]\nfail-on = "info"\n',
                                             encoding="utf-8")
    (tmp_path / "retranslate.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    shown = cli("config", cwd=tmp_path).stdout.decode().splitlines()
    assert shown[:2] == [f"# settings file: {tmp_path / 'retranslate.toml'}",
                         f"# not read (the file above wins): {tmp_path / 'pyproject.toml'}"]
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    run = cli("check", "a.txt", cwd=tmp_path)
    assert run.returncode == 0
    assert run.stderr.decode() == (f"retranslate: note: {tmp_path / 'pyproject.toml'} is not "
                                   f"read: {tmp_path / 'retranslate.toml'} comes first (see "
                                   "`retranslate config`)\n")


def test_bad_setting_values_name_the_setting(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text('[tool.retranslate]\nfail-on = "fatal"\n',
                                             encoding="utf-8")
    result = cli("config", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"retranslate: error: {tmp_path / 'pyproject.toml'} [tool.retranslate] fail-on: 'fatal' "
        "is not a level (use one of error, warning, info)")


def test_severity_rules_are_checked_and_force_exclude_turns_off(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "a.txt").write_text("Noise grenades went off.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.retranslate]\n[tool.retranslate.severity]\n"glossary/no-such-entry" = "info"\n',
        encoding="utf-8")
    refused = cli("check", "ru/a.txt", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.decode().startswith(
        f"retranslate: error: {tmp_path / 'pyproject.toml'} [tool.retranslate] severity: no rule "
        "is called 'glossary/no-such-entry'")
    (tmp_path / "pyproject.toml").write_text('[tool.retranslate]\nforce-exclude = false\n',
                                             encoding="utf-8")
    taken = cli("check", "--format", "json", "ru/a.txt", cwd=tmp_path)
    assert [f["path"] for f in json.loads(taken.stdout)] == ["ru/a.txt"]
    # The command line wins over the file.
    assert cli("check", "--force-exclude", "ru/a.txt", cwd=tmp_path).returncode == 0
