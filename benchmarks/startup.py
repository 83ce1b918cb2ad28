"""Pre-commit start: one small file, the whole process, retranslate against codespell and typos.

    python benchmarks/startup.py [--repeat 30] [--baseline OTHER/bin/retranslate]

Each tool as a hook runs it: retranslate with its bundled glossary and every check, codespell
with its bundled dictionary, typos with its own. Then all three with the benchmark glossary's
words instead (the same words). Glossary cache warm, bytecode compiled, as after one run.
`--baseline` adds another install's retranslate (an earlier commit's venv, say) to the same
interleaved rounds, for before/after. The target (issue 14, goal 3) is retranslate ≤ 0.8×
codespell; CPU time is the fairer figure on a loaded machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus
from measure import DATA, bench_env, interleaved, machine, table, tool, versions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--baseline", metavar="RETRANSLATE",
                        help="another retranslate executable to time beside this one")
    args = parser.parse_args()

    folder = DATA / "startup"
    make_corpus(folder, size_mb=0.3, files=100, entries=1000)  # ~3 KB files, 1,000 entries
    small = "text/doc-000000.txt"
    size = (folder / small).stat().st_size
    # A real one: the corpus article's first paragraphs (read from ../shared, never copied in).
    article = Path(__file__).resolve().parents[2] / "shared" / "corpus" / \
        "kazakhstan-2022-01-07.en.txt"
    news = "news.txt"
    text = article.read_text(encoding="utf-8")
    (folder / news).write_text(text[:text.find("\n", 1300) + 1], encoding="utf-8")
    env = bench_env()
    commands = {
        "retranslate check, real news (bundled glossary, every check)": [
            tool("retranslate"), "check", news],
        "codespell, real news (bundled dictionary)": [tool("codespell"), news],
        "retranslate check (bundled glossary, every check)": [tool("retranslate"), "check",
                                                              small],
        "codespell (bundled dictionary)": [tool("codespell"), small],
        "typos (bundled dictionary)": [tool("typos"), "--isolated", small],
        "retranslate check, benchmark glossary, every check": [
            tool("retranslate"), "check", "--no-default-glossary", "-g", "glossary.toml", small],
        "retranslate check, benchmark glossary, --select glossary": [
            tool("retranslate"), "check", "--no-default-glossary", "-g", "glossary.toml",
            "--select", "glossary", small],
        "codespell, benchmark words": [tool("codespell"), "-D", "codespell.dict", small],
        "typos, benchmark words": [tool("typos"), "--isolated", "-c", "typos.toml", small],
        **({"retranslate check, --baseline (bundled glossary, every check)": [
            args.baseline, "check", small]} if args.baseline else {}),
        "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
        "python -c 'import click'": [sys.executable, "-c", "import click"],
    }
    results = interleaved(commands, args.repeat, warmup=3, env=env, cwd=folder)
    print(f"Machine: {machine()}\nTools: {versions()}\nFiles: generated {size:,} bytes, "
          f"real news {(folder / news).stat().st_size:,} bytes\n")
    codespell = results["codespell (bundled dictionary)"]
    rows = [[name, f"{s.wall * 1000:.1f}", f"{s.cpu * 1000:.1f}", f"{s.rss_mb:.0f}",
             f"{s.wall / codespell.wall:.2f}", f"{s.cpu / codespell.cpu:.2f}"]
            for name, s in results.items()]
    print(table(rows, ["command", "wall ms (median)", "CPU ms (median)", "peak RSS MB",
                       "÷ codespell, wall", "÷ codespell, CPU"]))
    print("(Each wall time includes about 2 ms of /usr/bin/time, which reports the RSS.)")
    for file, ours, theirs_run in (
            ("real news", results["retranslate check, real news (bundled glossary, every check)"],
             results["codespell, real news (bundled dictionary)"]),
            ("generated", results["retranslate check (bundled glossary, every check)"],
             codespell)):
        for what, mine, theirs in (("wall", ours.wall, theirs_run.wall),
                                   ("CPU", ours.cpu, theirs_run.cpu)):
            verdict = "met" if mine <= 0.8 * theirs else "NOT met"
            print(f"Target retranslate ≤ 0.8× codespell, {file}, {what}: {mine * 1000:.1f} ms "
                  f"against {theirs * 1000:.1f} ms, {mine / theirs:.2f}× ({verdict})")


if __name__ == "__main__":
    main()
