"""The long property run: tests/test_properties.py with tens of thousands of examples each.

The properties are the same code as in the normal test run; RETRANSLATE_PROPERTY_SCALE
multiplies their example counts (500 in-process examples become 30,000 at the default scale of
60). Each property runs in its own pytest process, --jobs at a time, and the script prints a
Markdown table of examples passed, failed and discarded per property, for docs/reliability.md.

    python fuzz/long_properties.py                 # scale 60, 2 jobs, a random seed
    python fuzz/long_properties.py --scale 4 --seed 1234 --log fuzz/last-run.log

Exit status 0 when every property held, 1 otherwise (the failing example is in the log, and in
hypothesis's database under .hypothesis/, so the next normal test run replays it first).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests" / "test_properties.py"
_COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")


@dataclass
class Outcome:
    name: str
    passed: int
    failed: int
    invalid: int
    seconds: float
    ok: bool
    log: str


def property_names() -> list[str]:
    found = re.findall(r"^def (test_\w+)", TESTS.read_text(encoding="utf-8"), re.MULTILINE)
    return found


def run_one(name: str, scale: float, seed: int) -> Outcome:
    env = {**os.environ, "RETRANSLATE_PROPERTY_SCALE": str(scale)}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", f"{TESTS}::{name}", "-q", "-p", "no:cacheprovider",
         "--hypothesis-show-statistics", f"--hypothesis-seed={seed}"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    log = done.stdout + done.stderr
    counts = [tuple(map(int, m)) for m in _COUNTS.findall(log)]
    return Outcome(name, sum(c[0] for c in counts), sum(c[1] for c in counts),
                   sum(c[2] for c in counts), seconds, done.returncode == 0, log)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=60.0,
                        help="multiplier of every property's example count (default 60)")
    parser.add_argument("--jobs", type=int, default=2, help="properties run at once (default 2)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default random)")
    parser.add_argument("--log", type=Path, default=None, help="write every property's log here")
    parser.add_argument("-k", dest="only", default="", help="only properties whose name has this")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    names = [n for n in property_names() if args.only in n]
    print(f"scale {args.scale:g}, seed {seed}, {len(names)} properties, {args.jobs} at a time",
          flush=True)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(lambda n: run_one(n, args.scale, seed), names))
    total = time.monotonic() - started

    print("\n| property | examples passed | failed | discarded | time | result |")
    print("|---|---:|---:|---:|---:|---|")
    for o in outcomes:
        print(f"| `{o.name}` | {o.passed:,} | {o.failed} | {o.invalid:,} | {o.seconds:.0f} s | "
              f"{'held' if o.ok else 'FAILED'} |")
    print(f"\n{sum(o.passed for o in outcomes):,} examples in {total / 60:.1f} min "
          f"(wall clock), seed {seed}")
    if args.log:
        args.log.write_text("\n\n".join(f"===== {o.name}\n{o.log}" for o in outcomes),
                            encoding="utf-8")
    for o in outcomes:
        if not o.ok:
            print(f"\n===== {o.name} failed:\n{o.log[-6000:]}", file=sys.stderr)
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
