"""The pipeline takes files from the walk one at a time: a batch is never held whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from retranslate.checks import load_checks
from retranslate.glossary.model import Glossary
from retranslate.pipeline import Options, run


def test_run_pulls_the_next_path_only_after_yielding_the_last(tmp_path: Path) -> None:
    pulled: list[str] = []

    def paths() -> Iterator[str]:
        for n in range(3):
            path = tmp_path / f"{n}.txt"
            path.write_text("Nothing to see here.\n")
            pulled.append(path.name)
            yield str(path)

    seen = []
    for result in run(paths(), Glossary(), load_checks(), Options(), fix=False,
                      report=lambda err: None):
        seen.append(Path(result.document.path).name)
        assert pulled == seen  # nothing read ahead of what was handed out
    assert seen == ["0.txt", "1.txt", "2.txt"]
