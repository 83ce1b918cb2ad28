"""Where a big file's memory goes, check by check (tracemalloc, one process).

    python benchmarks/check_memory.py [--mb 5] [--shape many-line] [FILE]

Checks FILE (or a news file of `--mb` MB made by `news.big_files`) with every default check,
one after the other on one CheckContext as a run does, and prints for each what it left held
(its findings and what the context keeps for later checks) and the most it took beyond that
while running, in MB per MB of the file. The run's peak is the largest "held before + peak"
row; sentence splitting is measured on its own, since whichever check asks first pays it.
"""

from __future__ import annotations

import argparse
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
# benchmarks/retranslate.py would shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--mb", type=int, default=5)
    parser.add_argument("--shape", choices=("one-line", "many-line"), default="many-line")
    args = parser.parse_args()

    from retranslate.checks import CheckContext, load_checks
    from retranslate.files.document import read_document
    from retranslate.glossary import glossary_for

    # Only now: these put benchmarks/ first on the path, where retranslate.py would shadow
    # the package.
    sys.path.append(str(HERE))
    from measure import table
    from news import big_files

    path = args.file or big_files(args.mb)[args.shape]
    glossary = glossary_for(())
    checks = load_checks()
    # Each check once on a small text first: imports and word lists are not the file's.
    warm = read_document(str(HERE.parent / "examples" / "curfew.en.txt"), None)
    warm_ctx = CheckContext(warm, glossary)
    for check in checks:
        list(check.run(warm_ctx))
    del warm_ctx

    tracemalloc.start()
    rows = []
    mb = path.stat().st_size / 1e6

    def measure(name: str, work: object) -> None:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        found = work() if callable(work) else None
        held, peak = tracemalloc.get_traced_memory()
        rows.append([name, "" if found is None else f"{found:,}", f"{before / 1e6:.1f}",
                     f"{(held - before) / 1e6 / mb:.2f}", f"{(peak - before) / 1e6 / mb:.2f}",
                     f"{peak / 1e6:.1f}"])
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)

    holder: dict[str, object] = {}
    measure("(read)", lambda: holder.update(doc=read_document(str(path), None)))
    ctx = CheckContext(holder["doc"], glossary)  # type: ignore[arg-type]
    measure("(sentence split)", lambda: ctx.target_segments and None)
    for check in checks:
        measure(check.name, lambda check=check: len(list(check.run(ctx))))
    print(f"{path} ({mb:.1f} MB)\n")
    print(table(rows, ["step", "findings", "held before MB", "held after, MB per MB",
                       "peak beyond held, MB per MB", "peak MB"]))


if __name__ == "__main__":
    main()
