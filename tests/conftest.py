"""Shared test fixtures: the real corpus, an isolated cache, and the real CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETRANSLATE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "kazakhstan-2022-01-07.en.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    # One cache per test session, never the user's: a stale cache must not hide a broken glossary.
    monkeypatch.setenv("RETRANSLATE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_file():
        pytest.skip(f"the shared corpus is not at {CORPUS} (CI has it beside the clone)")
    return CORPUS


@pytest.fixture
def corpus_copy(corpus: Path, tmp_path: Path) -> Path:
    """A writable copy of the corpus file, in a folder of its own."""
    copy = tmp_path / corpus.name
    copy.write_bytes(corpus.read_bytes())
    return copy


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real console entry point, in a subprocess, as a user or a hook would run it."""
    return subprocess.run([sys.executable, "-m", "retranslate", *args], input=input,
                          capture_output=True, cwd=cwd, env={**os.environ, **(env or {})},
                          timeout=300, check=False)


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
