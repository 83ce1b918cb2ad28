"""Memory: peak RSS of one run over 10,000 and over 100,000 small files.

    python benchmarks/memory.py [--counts 10000 100000]

Files of about 1 KB in folders of 1,000, as in a docs tree. Peak RSS should not grow with the
number of files: files are read, checked and reported one at a time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import small_files
from measure import DATA, bench_env, machine, repeat, table, tool, versions, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    env = bench_env()
    rows = []
    first: dict[str, float] = {}
    for count in args.counts:
        folder = DATA / f"small-{count}"
        text = small_files(folder, count)
        warm(text)
        commands = {
            "retranslate --select glossary": [tool("retranslate"), "check",
                                              "--no-default-glossary", "-g", "glossary.toml",
                                              "--select", "glossary", "text"],
            "retranslate, every check": [tool("retranslate"), "check", "-g", "glossary.toml",
                                         "text"],
            "codespell": [tool("codespell"), "-D", "codespell.dict", "text"],
            "typos": [tool("typos"), "--isolated", "-c", "typos.toml", "--format", "brief",
                      "text"],
        }
        for name, cmd in commands.items():
            s = repeat(name, cmd, args.repeat, warmup=0, env=env, cwd=folder)
            first.setdefault(name, s.rss_mb)
            rows.append([f"{count:,}", name, f"{s.wall:.1f}", f"{count / s.wall:,.0f}",
                         f"{s.rss_mb:.0f}", f"{s.rss_mb / first[name]:.2f}"])
            print(f"  {count:,} files, {name}: {s.wall:.1f} s, {s.rss_mb:.0f} MB", file=sys.stderr)
    print(f"Machine: {machine()}\nTools: {versions()}\n")
    print(table(rows, ["files", "command", "wall s", "files/s", "peak RSS MB",
                       f"RSS ÷ {args.counts[0]:,} files"]))


if __name__ == "__main__":
    main()
