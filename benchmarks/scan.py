"""Scan throughput: retranslate check against codespell and typos on the same files and words.

    python benchmarks/scan.py [--size-mb 200] [--files 2000] [--entries 1000] [--repeat 3]

All three get the glossary's single-word entries (codespell as a `wrong->right` dictionary,
typos as `extend-words`); retranslate also gets the multi-word ones, which the others cannot
express, so it does strictly more work. Every figure is a whole process timed from outside,
median of --repeat runs, interleaved; the findings of each tool are counted per planted word.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus, make_terms
from measure import (
    DATA,
    Summary,
    bench_env,
    interleaved,
    machine,
    repeat,
    table,
    tool,
    versions,
    warm,
)


def counts(name: str, stdout: bytes, by_id: dict[str, str]) -> Counter[str]:
    """Findings per wrong form (lower case), from each tool's own output format."""
    text = stdout.decode("utf-8", "replace")
    if name.startswith("retranslate"):
        return Counter(by_id[m] for m in re.findall(r": glossary/(b\d+): ", text))
    if name.startswith("codespell"):
        return Counter(w.lower() for w in re.findall(r": (\S+) ==> ", text))
    return Counter(w.lower() for w in re.findall(r"`([^`]+)` should be", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=200)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-full", action="store_true",
                        help="leave out the run with every check (the slowest)")
    args = parser.parse_args()

    folder = DATA / "scan"
    manifest = make_corpus(folder, size_mb=args.size_mb, files=args.files, entries=args.entries)
    terms = make_terms(args.entries)
    by_id = {t.id: t.wrong for t in terms}
    multi = {t.wrong for t in terms if t.multi_word}
    planted = Counter({by_id[i]: n for i, n in manifest["planted"].items()})
    env = bench_env()
    warm(folder / "text")
    retranslate = [tool("retranslate"), "check", "--no-default-glossary", "-g", "glossary.toml"]
    commands = {
        "retranslate --select glossary": [*retranslate, "--select", "glossary", "text"],
        "codespell": [tool("codespell"), "-D", "codespell.dict", "text"],
        "typos (2 threads)": [tool("typos"), "--isolated", "-c", "typos.toml",
                              "--format", "brief", "text"],
        "typos -j1": [tool("typos"), "-j1", "--isolated", "-c", "typos.toml",
                      "--format", "brief", "text"],
    }
    results = interleaved(commands, args.repeat, env=env, cwd=folder)
    if not args.skip_full:
        # Every check, and the bundled glossary as well as the benchmark one: what a user runs.
        full = [tool("retranslate"), "check", "-g", "glossary.toml", "text"]
        results["retranslate, every check"] = repeat("full", full, 1, warmup=0, env=env,
                                                     cwd=folder)

    mb = manifest["bytes"] / 1e6
    print(f"Machine: {machine()}\nTools: {versions()}")
    print(f"Corpus: {manifest['files']} files, {mb:.1f} MB; glossary {args.entries} entries "
          f"({len(multi)} multi-word); planted {manifest['planted_single']} single-word and "
          f"{manifest['planted_multi']} multi-word wrong forms\n")
    codespell, typos = results["codespell"], results["typos (2 threads)"]
    rows = []
    agree = {}
    for name, summary in results.items():
        found = counts(name, summary.runs[0].stdout, by_id)
        single = Counter({w: n for w, n in found.items() if w not in multi})
        expected_single = Counter({w: n for w, n in planted.items() if w not in multi})
        agree[name] = single == expected_single
        multi_found = sum(n for w, n in found.items() if w in multi)
        rows.append(_row(name, summary, mb, codespell, typos, sum(single.values()),
                         multi_found if name.startswith("retranslate") else None))
    print(table(rows, ["command", "wall s (median)", "MB/s", "CPU s", "peak RSS MB",
                       "single-word found", "multi-word found", "× codespell", "× typos"]))
    print()
    for name, ok in agree.items():
        if name.startswith("retranslate, every"):
            continue  # the bundled glossary may add findings of its own
        print(f"{name}: per-word counts {'equal' if ok else 'DIFFER from'} the planted ones")
    main_run = results["retranslate --select glossary"]
    print(f"\nTarget ≥5× codespell: {codespell.wall / main_run.wall:.1f}× "
          f"({'met' if codespell.wall / main_run.wall >= 5 else 'NOT met'}); "
          f"target ≥1× typos: {typos.wall / main_run.wall:.1f}× "
          f"({'met' if typos.wall / main_run.wall >= 1 else 'NOT met'})")
    (DATA / "scan-result.json").write_text(json.dumps(
        {name: {"wall": s.wall, "cpu": s.cpu, "rss_mb": s.rss_mb} for name, s in results.items()},
        indent=1))


def _row(name: str, s: Summary, mb: float, codespell: Summary, typos: Summary, single: int,
         multi: int | None) -> list[str]:
    return [name, f"{s.wall:.2f} ({s.spread})", f"{mb / s.wall:.0f}", f"{s.cpu:.2f}",
            f"{s.rss_mb:.0f}", str(single), "—" if multi is None else str(multi),
            f"{codespell.wall / s.wall:.2f}", f"{typos.wall / s.wall:.2f}"]


if __name__ == "__main__":
    main()
