"""Glossary size: scan time for 10, 100, 1,000 and 10,000 entries on the same files.

    python benchmarks/glossary_size.py [--size-mb 50] [--repeat 3]

One corpus, with wrong forms of the 10,000-entry glossary planted (the smaller glossaries are
its first entries, 10% multi-word in each); each tool gets each glossary in its own format.
Times are whole processes with a warm glossary cache; the cold load (parse, run every entry's
examples, compile, write the cache) is timed once per size on its own.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus, make_terms, write_glossaries
from measure import DATA, bench_env, interleaved, machine, run_once, table, tool, versions, warm

SIZES = (10, 100, 1_000, 10_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    folder = DATA / "sizes"
    manifest = make_corpus(folder, size_mb=args.size_mb, files=args.files, entries=max(SIZES),
                           rate=0.001)
    everything = make_terms(max(SIZES))
    env = bench_env()
    warm(folder / "text")
    cold: dict[int, float] = {}
    commands: dict[str, list[str]] = {}
    for size in SIZES:
        # The first `size` single-word and multi-word terms, in the same proportion.
        singles = [t for t in everything if not t.multi_word][: size - size // 10]
        multis = [t for t in everything if t.multi_word][: size // 10]
        sub = folder / f"g{size}"
        write_glossaries([*singles, *multis], sub)
        glossary = str(sub / "glossary.toml")
        cache = DATA / f"cache-size-{size}"
        shutil.rmtree(cache, ignore_errors=True)
        cold[size] = run_once([tool("retranslate"), "check", "--no-default-glossary", "-g",
                               glossary, "--select", "glossary", "text/doc-000000.txt"],
                              env={**env, "RETRANSLATE_CACHE_DIR": str(cache)}, cwd=folder).wall
        commands[f"retranslate {size}"] = [
            tool("retranslate"), "check", "--no-default-glossary", "-g", glossary,
            "--select", "glossary", "text"]
        commands[f"codespell {size}"] = [tool("codespell"), "-D", str(sub / "codespell.dict"),
                                         "text"]
        commands[f"typos {size}"] = [tool("typos"), "--isolated", "-c", str(sub / "typos.toml"),
                                     "--format", "brief", "text"]
    results = {}
    for size in SIZES:
        # Each size's glossary cache is warm from the cold run above.
        size_env = {**env, "RETRANSLATE_CACHE_DIR": str(DATA / f"cache-size-{size}")}
        results.update(interleaved({k: v for k, v in commands.items()
                                    if k.endswith(f" {size}")}, args.repeat, env=size_env,
                                   cwd=folder))

    mb = manifest["bytes"] / 1e6
    print(f"Machine: {machine()}\nTools: {versions()}")
    print(f"Corpus: {manifest['files']} files, {mb:.1f} MB\n")
    rows = []
    for size in SIZES:
        r, c, t = (results[f"{name} {size}"] for name in ("retranslate", "codespell", "typos"))
        base = results[f"retranslate {SIZES[0]}"]
        findings = r.runs[0].stdout.count(b": glossary/")
        rows.append([f"{size:,}", f"{findings:,}", f"{r.wall:.2f}", f"{r.wall / base.wall:.2f}",
                     f"{r.rss_mb:.0f}",
                     f"{cold[size]:.2f}", f"{c.wall:.2f}", f"{t.wall:.2f}",
                     f"{c.wall / r.wall:.1f}", f"{t.wall / r.wall:.1f}"])
    print(table(rows, ["entries", "findings", "retranslate s", "vs 10 entries", "RSS MB",
                       "cold load s (1 file)", "codespell s", "typos s", "× codespell",
                       "× typos"]))
    growth = results[f"retranslate {SIZES[-1]}"].wall / results[f"retranslate {SIZES[0]}"].wall
    print(f"\n{SIZES[-1] // SIZES[0]:,}× the entries cost {growth:.2f}× the time.")


if __name__ == "__main__":
    main()
