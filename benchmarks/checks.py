"""What each check costs on real news, in one process: MB/s per check and for the whole run.

    python benchmarks/checks.py [--copies 10] [FOLDER]

Reads the shared corpus (the article and the development set, ../shared/corpus/) or FOLDER,
decodes each file once, then times every default check's `run` (findings drained) and the
batch hooks, file after file, so the next check added shows its cost. Sentence splitting is
timed on its own and charged to the first check that asks for it, as in a real run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
# benchmarks/retranslate.py would shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
CORPUS = HERE.parent.parent / "shared" / "corpus"


def real_news(copies: int) -> list[tuple[str, bytes]]:
    found = [CORPUS / "kazakhstan-2022-01-07.en.txt", *sorted((CORPUS / "dev").glob("*.txt"))]
    if not found[0].is_file():
        sys.exit(f"the shared corpus is not at {CORPUS}")
    return [(f"{k}/{p.name}", p.read_bytes()) for k in range(copies) for p in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()

    from retranslate.checks import CheckContext, batch_hooks, load_checks
    from retranslate.files.document import decode
    from retranslate.glossary import default_glossary_path
    from retranslate.glossary.cache import load_cached

    files = ([(str(p), p.read_bytes()) for p in sorted(args.folder.rglob("*")) if p.is_file()]
             if args.folder else real_news(args.copies))
    glossary = load_cached([default_glossary_path()])
    checks = load_checks()
    hooks = batch_hooks()
    spent: dict[str, float] = defaultdict(float)
    found: dict[str, int] = defaultdict(int)
    size = sum(len(data) for _, data in files) / 1e6
    clock = time.process_time
    for path, data in files:
        began = clock()
        document = decode(data, path)
        spent["(read: decode, prose scopes)"] += clock() - began
        ctx = CheckContext(document, glossary)
        began = clock()
        ctx.target_segments  # noqa: B018 - computed once per file, whoever asks first
        spent["(sentence split)"] += clock() - began
        for check in checks:
            began = clock()
            found[check.name] += sum(1 for _ in check.run(ctx))
            spent[check.name] += clock() - began
        for hook in hooks:
            began = clock()
            hook.observe(path, ctx)
            spent[f"{type(hook).__name__} (batch)"] += clock() - began
    for hook in hooks:
        began = clock()
        found[f"{type(hook).__name__} (batch)"] += len(hook.finish())
        spent[f"{type(hook).__name__} (batch)"] += clock() - began
    total = sum(spent.values())
    print(f"{len(files)} files, {size:.2f} MB; CPU s per check, in one process\n")
    print("| check | CPU s | share | MB per CPU s | findings |")
    print("|---|---|---|---|---|")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        rate = size / seconds if seconds else float("inf")
        print(f"| {name} | {seconds:.3f} | {seconds / total:.0%} | {rate:.1f} | "
              f"{found.get(name, '')} |")
    print(f"| **all** | {total:.3f} | 100% | {size / total:.2f} | {sum(found.values())} |")


if __name__ == "__main__":
    main()
