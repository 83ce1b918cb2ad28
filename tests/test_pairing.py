"""Pairing a translation with its Russian source: explicit, conventions, pattern."""

from __future__ import annotations

from pathlib import Path

import pytest

from retranslate.files.pairing import find_source


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_explicit_source_wins(tmp_path: Path) -> None:
    target = _touch(tmp_path / "a.en.md")
    _touch(tmp_path / "a.ru.md")
    assert find_source(target, explicit=tmp_path / "other.txt") == tmp_path / "other.txt"


@pytest.mark.parametrize(("target", "source"), [
    ("news/a.en.md", "news/a.ru.md"),
    ("news/a.EN.txt", "news/a.ru.txt"),
    ("news/a.en-US.txt", "news/a.ru.txt"),
    ("news/a.md", "news/a.ru.md"),
    ("site/en/2022/01/a.md", "site/ru/2022/01/a.md"),
    ("site/en/a.en.md", "site/en/a.ru.md"),
])
def test_conventions(tmp_path: Path, target: str, source: str) -> None:
    translation = _touch(tmp_path / target)
    original = _touch(tmp_path / source)
    assert find_source(translation) == original


def test_folder_convention_picks_the_nearest_en(tmp_path: Path) -> None:
    translation = _touch(tmp_path / "en" / "docs" / "en" / "a.md")
    nearest = _touch(tmp_path / "en" / "docs" / "ru" / "a.md")
    _touch(tmp_path / "ru" / "docs" / "en" / "a.md")
    assert find_source(translation) == nearest


def test_pattern(tmp_path: Path) -> None:
    translation = _touch(tmp_path / "out" / "a.en.md")
    original = _touch(tmp_path / "sources" / "a.ru.md")
    _touch(tmp_path / "out" / "a.ru.md")  # the pattern comes before the conventions
    found = find_source(translation, pattern="{dir}/../sources/{base}.ru{suffix}")
    assert found is not None and found.resolve() == original.resolve()


def test_no_source(tmp_path: Path) -> None:
    translation = _touch(tmp_path / "a.en.md")
    assert find_source(translation) is None
    assert find_source(translation, pattern="{dir}/missing/{name}") is None
    # A file never pairs with itself.
    plain = _touch(tmp_path / "ru" / "b.md")
    assert find_source(plain) is None


def test_bad_source_pattern_is_a_one_line_error(tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    result = cli("check", "--source-pattern", "{folder}/{name}", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "retranslate: error: bad source pattern '{folder}/{name}': KeyError('folder') "
        "(use {dir}, {name}, {stem}, {suffix} or {base})")
