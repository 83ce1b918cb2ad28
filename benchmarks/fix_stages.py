"""Fix path: `retranslate fix` on the whole scan corpus, its time and the share of each stage.

    python benchmarks/fix_stages.py [--repeat 3]

The whole process is timed from outside (the diff goes to a file). The stage shares come from a
second run of the same command in one process whose stage functions are wrapped with timers:
start-up, reading, each check (including the re-check after each repair round), the repair
itself, rendering the diff, and what is left (writing the diff, the loop).
typos --diff on the same files, with the same single words, is timed for reference.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import (
    DATA,
    bench_env,
    interleaved,
    machine,
    repeat,
    run_once,
    table,
    tool,
    versions,
    warm,
)


def _timed(times: Counter[str], stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            times[stage] += time.perf_counter() - start
    return wrapper


def harness(argv: list[str], out_json: str) -> None:
    """Run `retranslate fix` in this process with timers around each stage."""
    times: Counter[str] = Counter()
    began = time.perf_counter()
    import dataclasses

    from retranslate import cli, pipeline
    from retranslate.commands import common
    from retranslate.commands import fix as fix_command
    from retranslate.glossary import matcher

    times["start: imports"] = time.perf_counter() - began
    common.glossary_for = _timed(times, "start: glossary load", common.glossary_for)
    load_checks = common.load_checks

    def checks_with_timers(*args: Any) -> list[Any]:
        def run_timed(name: str, run: Callable[..., Any]) -> Callable[..., Any]:
            return _timed(times, f"check: {name}", lambda ctx: list(run(ctx)))
        return [dataclasses.replace(c, run=run_timed(c.name, c.run)) for c in load_checks(*args)]

    common.load_checks = checks_with_timers
    pipeline.read_pair = _timed(times, "read: file, decode, scopes, source lookup",
                                pipeline.read_pair)
    pipeline.edits_for = _timed(times, "repair: choose edits", pipeline.edits_for)
    pipeline.apply_edits = _timed(times, "repair: apply edits", pipeline.apply_edits)
    pipeline.prose_regions = _timed(times, "repair: scopes of the fixed text",
                                    pipeline.prose_regions)
    fix_command.unified_diff = _timed(times, "render: unified diff", fix_command.unified_diff)
    matcher.Matcher.find = _timed(times, "(within check: glossary) matcher scan",
                                  matcher.Matcher.find)
    sys.argv = ["retranslate", *argv]
    with contextlib.suppress(SystemExit):
        cli.main()
    sys.stdout.flush()
    times["total (in process)"] = time.perf_counter() - began
    Path(out_json).write_text(json.dumps(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--harness", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.harness is not None:
        harness(args.harness[1:], args.harness[0])
        return

    folder = DATA / "scan"
    manifest = json.loads((folder / "manifest.json").read_text())
    env = bench_env()
    warm(folder / "text")
    fix_args = ["fix", "--no-default-glossary", "-g", "glossary.toml", "text"]
    results = interleaved({
        "retranslate fix --select glossary": [tool("retranslate"), *fix_args[:-1], "--select",
                                              "glossary", "text"],
        "typos --diff": [tool("typos"), "--isolated", "-c", "typos.toml", "--diff", "text"],
    }, args.repeat, env=env, cwd=folder)
    # Every check takes minutes on this corpus: one run.
    results["retranslate fix (every check)"] = repeat(
        "every check", [tool("retranslate"), *fix_args], 1, warmup=0, env=env, cwd=folder)
    stages_json = DATA / f"fix-stages.{os.getpid()}.json"
    rows_by_run = {}
    for label, extra in (("every check", []), ("--select glossary", ["--select", "glossary"])):
        run_once([sys.executable, __file__, "--harness", str(stages_json), *fix_args[:-1],
                  *extra, "text"], env=env, cwd=folder)
        rows_by_run[label] = json.loads(stages_json.read_text())
        stages_json.unlink()

    mb = manifest["bytes"] / 1e6
    print(f"Machine: {machine()}\nTools: {versions()}")
    print(f"Corpus: {manifest['files']} files, {mb:.1f} MB\n")
    rows = []
    for name, s in results.items():
        lines = s.runs[0].stdout.count(b"\n+") if b"+++" in s.runs[0].stdout else 0
        rows.append([name, f"{s.wall:.2f} ({s.spread})", f"{mb / s.wall:.0f}", f"{s.cpu:.2f}",
                     f"{s.rss_mb:.0f}", f"{lines:,}"])
    print(table(rows, ["command", "wall s (median)", "MB/s", "CPU s", "peak RSS MB",
                       "added diff lines"]))
    for label, times in rows_by_run.items():
        total = times.pop("total (in process)")
        accounted = sum(v for k, v in times.items() if not k.startswith("("))
        times["other: writing the diff, the loop"] = total - accounted
        print(f"\nStages of `retranslate fix` ({label}), one in-process run of {total:.2f} s:\n")
        stage_rows = [[stage, f"{t:.2f}", f"{100 * t / total:.1f}%"]
                      for stage, t in sorted(times.items(), key=lambda kv: -kv[1])]
        print(table(stage_rows, ["stage", "seconds", "share"]))


if __name__ == "__main__":
    main()
