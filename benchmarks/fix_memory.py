"""Where `retranslate fix`'s memory goes on a big file, step by step (tracemalloc, one process).

    python benchmarks/fix_memory.py [--mb 5] [--shape one-line many-line] [FILE ...]

Fixes each FILE (or the news files of `--mb` MB made by `news.big_files`) as `fix` does, then
writes the diff to /dev/null and the fixed text over a copy (`--write`). For each step it prints
what was held before it, what it left held and the most it took beyond what was held before, in
MB per MB of the file; the run's peak is the largest "held before + peak" row. What `fix` holds
beyond `check` is the second round's row against the first.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# benchmarks/retranslate.py would shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--mb", type=int, default=5)
    parser.add_argument("--shape", nargs="+", choices=("one-line", "many-line"),
                        default=["one-line", "many-line"])
    args = parser.parse_args()

    from retranslate import pipeline
    from retranslate.checks import load_checks
    from retranslate.files.document import read_document
    from retranslate.glossary import glossary_for

    sys.path.append(str(HERE))  # only now: see above
    from measure import table
    from news import big_files

    paths = args.files or [big_files(args.mb)[shape] for shape in args.shape]
    glossary, checks = glossary_for(()), load_checks()
    # A fix of a small text first: imports and word lists are not the file's.
    pipeline.fix_document(read_document(str(HERE.parent / "examples" / "curfew.en.txt")),
                          glossary, checks)
    for path in paths:
        rows = profile(path, glossary, checks)
        print(f"\n{path} ({path.stat().st_size / 1e6:.1f} MB)\n")
        print(table(rows, ["step", "count", "held before, MB per MB", "held after, MB per MB",
                           "peak beyond held, MB per MB", "peak MB"]))
        print()


def profile(path: Path, glossary: Any, checks: Any) -> list[list[str]]:
    """The rows for one file: read, each round's check and edits, the diff, --write."""
    from retranslate import pipeline
    from retranslate.files.document import read_document, write_document
    from retranslate.render.diff import diff_lines

    rows: list[list[str]] = []
    mb = path.stat().st_size / 1e6

    def measure(name: str, work: Callable[[], Any], count: Callable[[Any], str]) -> Any:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        out = work()
        held, peak = tracemalloc.get_traced_memory()
        rows.append([name, count(out), f"{before / 1e6 / mb:.2f}",
                     f"{(held - before) / 1e6 / mb:.2f}",
                     f"{(peak - before) / 1e6 / mb:.2f}", f"{peak / 1e6:.1f}"])
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
        return out

    check_document, apply_edits = pipeline.check_document, pipeline.apply_edits
    rounds = [0]

    def traced_check(*a: Any, **k: Any) -> Any:
        rounds[0] += 1
        return measure(f"check, round {rounds[0]}", lambda: check_document(*a, **k),
                       lambda found: f"{len(found):,} findings")

    def traced_apply(text: str, edits: Any) -> str:
        return measure(f"apply edits, round {rounds[0]}", lambda: apply_edits(text, edits),
                       lambda _: f"{len(edits):,} edits")

    pipeline.check_document, pipeline.apply_edits = traced_check, traced_apply
    tracemalloc.start()
    try:
        document = measure("read", lambda: read_document(str(path)), lambda _: "")
        result = pipeline.fix_document(document, glossary, checks)
        with open(os.devnull, "wb") as sink:
            measure("diff", lambda: sink.writelines(diff_lines(result)), lambda _: "")
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            target = dataclasses.replace(result.document, path=str(copy))
            fixed = result.fixed_text
            assert fixed is not None
            measure("--write", lambda: write_document(target, fixed), lambda _: "")
    finally:
        tracemalloc.stop()
        pipeline.check_document, pipeline.apply_edits = check_document, apply_edits
    return rows


if __name__ == "__main__":
    main()
