"""The quality bar that must hold on every run: the full default check is silent on native English.

The development-set figures themselves come from `python ../shared/eval/score.py` (see
docs/quality.md); this keeps the precision half of them from slipping between measurements.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA

CLEAN = sorted((DATA / "clean").iterdir())


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_the_default_check_finds_nothing_in_our_native_texts(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("check", "--format", "json", str(path))
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout) == []


def test_english_words_one_letter_apart_are_not_one_name(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A contract's capitalised defined terms: "License" and "Licensee" are two words.
    (tmp_path / "a.txt").write_text(
        "The License is granted to the Licensee. The Licensee accepts the License terms.\n"
        "Under the License, the Licensee may copy the Software. The License ends in 2030.\n",
        encoding="utf-8")
    done = cli("check", "--select", "names", "--format", "json", "a.txt", cwd=tmp_path)
    assert json.loads(done.stdout) == []
