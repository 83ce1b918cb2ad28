"""Whole-process measurement for the benchmarks: wall time, CPU time and peak RSS of one command.

Every figure comes from outside the process: wall time around the whole run, and CPU time and
peak RSS as /usr/bin/time reports them. The child is started through /usr/bin/time rather than
reaped with os.wait4 here, because Linux carries a process's peak RSS across exec: a child forked
from this Python (which holds a corpus generator's memory) would report at least our own peak.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"  # GNU time (Debian: apt-get install time)
HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds
    rss_mb: float  # peak resident set size
    returncode: int
    stdout: bytes


def run_once(cmd: Sequence[str], *, env: dict[str, str] | None = None,
             cwd: str | Path | None = None, stdin: bytes | None = None) -> Run:
    """Run `cmd` to completion; its output goes to a temporary file, read back afterwards."""
    out_path = DATA / f".out.{os.getpid()}"
    usage_path = DATA / f".usage.{os.getpid()}"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w+b") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([TIME, "-o", str(usage_path), "-f", "%M %U %S", *cmd],
                                stdout=out, stderr=subprocess.DEVNULL,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                env=env, cwd=cwd)
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        returncode = proc.wait()
        wall = time.perf_counter() - start
        out.seek(0)
        stdout = out.read()
    out_path.unlink()
    # The last line: time writes "Command exited with non-zero status N" before it.
    rss_kb, user, system = usage_path.read_text().split("\n")[-2].split()
    usage_path.unlink()
    return Run(wall, float(user) + float(system), int(rss_kb) / 1024, returncode, stdout)


@dataclass(frozen=True)
class Summary:
    name: str
    runs: tuple[Run, ...]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return statistics.median(r.rss_mb for r in self.runs)

    @property
    def spread(self) -> str:
        walls = sorted(r.wall for r in self.runs)
        return f"{walls[0]:.3f}–{walls[-1]:.3f}"


def repeat(name: str, cmd: Sequence[str], repetitions: int, *, warmup: int = 1,
           env: dict[str, str] | None = None, cwd: str | Path | None = None) -> Summary:
    """Median of `repetitions` runs after `warmup` untimed ones (page cache, glossary cache)."""
    for _ in range(warmup):
        run_once(cmd, env=env, cwd=cwd)
    return Summary(name, tuple(run_once(cmd, env=env, cwd=cwd) for _ in range(repetitions)))


def interleaved(commands: dict[str, Sequence[str]], repetitions: int, *, warmup: int = 1,
                env: dict[str, str] | None = None,
                cwd: str | Path | None = None) -> dict[str, Summary]:
    """Run the commands round-robin, so a noisy neighbour on the machine hits all of them alike."""
    for _ in range(warmup):
        for cmd in commands.values():
            run_once(cmd, env=env, cwd=cwd)
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repetitions):
        for name, cmd in commands.items():
            runs[name].append(run_once(cmd, env=env, cwd=cwd))
    return {name: Summary(name, tuple(r)) for name, r in runs.items()}


def tool(name: str) -> str:
    """The console script installed beside this Python (the venv's), else the one on PATH."""
    local = BIN / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: pip install -e '.[bench]'")
    return found


def bench_env(**extra: str) -> dict[str, str]:
    """A private glossary cache, so runs neither use nor disturb the user's; bytecode on.

    An installed package has its .pyc files (pip compiles them, as it did codespell's); an
    environment with PYTHONDONTWRITEBYTECODE would make every retranslate run compile its
    modules afresh, which no user sees, so the benchmarks compile once and allow bytecode.
    """
    import compileall

    import retranslate

    compileall.compile_dir(str(Path(retranslate.__file__).parent), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["RETRANSLATE_CACHE_DIR"] = str(DATA / "cache")
    env.update(extra)
    return env


def warm(folder: Path) -> None:
    """Read every file once, so every tool meets the same (hot) page cache."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.read_bytes()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}")


def versions() -> str:
    parts = []
    for name, args in (("retranslate", ["--version"]), ("codespell", ["--version"]),
                       ("typos", ["--version"])):
        try:
            out = subprocess.run([tool(name), *args], capture_output=True, text=True,
                                 check=False).stdout.strip()
        except OSError:
            out = "?"
        parts.append(f"{name} {out.split()[-1] if out else '?'}")
    return ", ".join(parts)


def table(rows: list[list[str]], header: list[str]) -> str:
    """A Markdown table, so the output can go into the README as it is."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
            for row in rows]
    return "\n".join([line, rule, *body])
