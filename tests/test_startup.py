"""What makes a pre-commit start fast changes nothing a run finds: the start-up cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Run in a fresh interpreter (install() patches `re` for the process): compiles patterns of every
# shape, and those of every check module, and prints how many were compiled afresh and whether
# each equals what plain `re` compiles (re.Pattern compares the compiled program itself).
_PROBE = r"""
import importlib, re, sys
plain = re._compiler.compile
from retranslate import startup
startup.install()
from retranslate.checks import CHECK_MODULES
shapes = [
    (r"(?P<n>\d+)\s*тыс\.?", re.IGNORECASE), (r"\bthe\b(?=\s+[A-Z])", 0),
    (r"(?<![\w-])(?:Mr|Mrs)\.\s(?P<name>\w+)(?(name)x|y)", 0), (r"(?i)(?m)^ab+c$", 0),
    (r" a  # spaced \n b ", re.VERBOSE), (r"[\u0400-\u04ff]+", re.ASCII),
    (rb"\xd0[\x80-\xbf]+", 0), (rb"(?P<w>\w+)", re.LOCALE), ("", 0), (r"(a)|(b)|(?P<c>c)", 0),
    (r"[^\W\d_]{2,}?", re.UNICODE | re.DOTALL),
]
same = [re.compile(p, f) == plain(p, f) for p, f in shapes]
for name in CHECK_MODULES:
    module = importlib.import_module(f"retranslate.checks.{name}")
    for value in vars(module).values():
        if isinstance(value, re.Pattern):
            same.append(re.compile(value.pattern, value.flags) == plain(value.pattern, value.flags))
            same.append(value == plain(value.pattern, value.flags))
print(sum(isinstance(k, tuple) for k in startup._new), len(same), all(same))
"""


def _probe(cache: Path) -> tuple[int, int, bool]:
    env = {**os.environ, "RETRANSLATE_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                            text=True, check=True)
    afresh, compared, equal = result.stdout.split()
    return int(afresh), int(compared), equal == "True"


def test_patterns_from_the_cache_equal_those_re_compiles(tmp_path: Path) -> None:
    afresh, compared, equal = _probe(tmp_path)
    assert equal and afresh > 50 and compared > 100
    assert len(list(tmp_path.glob("startup-*.marshal"))) == 1
    afresh, compared_again, equal = _probe(tmp_path)  # now every one comes from the file
    assert equal and compared_again == compared
    assert afresh == 0


def test_a_damaged_or_missing_pattern_cache_changes_no_finding(tmp_path: Path, cli,
                                                               corpus: Path) -> None:
    cache = tmp_path / "cache"
    env = {"RETRANSLATE_CACHE_DIR": str(cache)}
    cold = cli("check", "--format", "json", str(corpus), env=env)
    assert cold.returncode == 1 and b'"rule"' in cold.stdout, cold.stderr
    (pattern_file,) = cache.glob("startup-*.marshal")
    warm = cli("check", "--format", "json", str(corpus), env=env)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout,
                                                            cold.stderr)
    for damage in (pattern_file.read_bytes()[:1000], b"not marshal data", b""):
        pattern_file.write_bytes(damage)
        damaged = cli("check", "--format", "json", str(corpus), env=env)
        assert (damaged.returncode, damaged.stdout, damaged.stderr) == (
            cold.returncode, cold.stdout, cold.stderr)
    assert pattern_file.stat().st_size > 10_000  # rewritten whole by the run after the damage


# Every dataclass of the modules a check imports, as its methods came out: their code (bytes,
# constants, names), defaults and annotations, and how instances compare, hash and print.
_DATACLASSES = r"""
import dataclasses, hashlib, importlib, sys
if sys.argv[1] == "cached":
    from retranslate import startup
    startup.install()
import retranslate.commands.check, retranslate.commands.fix, retranslate.pipeline
from retranslate.checks import CHECK_MODULES, load_checks
load_checks()
from retranslate.models import Finding, Severity, Span
digest = hashlib.sha256()
count = 0
for name, module in sorted(sys.modules.items()):
    if not name.startswith("retranslate"):
        continue
    for cls in sorted((v for v in vars(module).values() if dataclasses.is_dataclass(v)
                       and isinstance(v, type)), key=lambda c: c.__qualname__):
        count += 1
        for attr in sorted(vars(cls)):
            fn = getattr(vars(cls)[attr], "__code__", None)
            if fn is not None and getattr(vars(cls)[attr], "__qualname__", "").startswith(
                    "__create_fn__"):
                digest.update(repr((cls.__qualname__, attr, fn.co_code, fn.co_consts,
                                    fn.co_names, fn.co_varnames,
                                    vars(cls)[attr].__defaults__,
                                    sorted(vars(cls)[attr].__annotations__))).encode())
        digest.update(repr(cls.__doc__).encode())
a, b = Span(1, 4), Span(1, 4)
finding = Finding("x/y", a, Severity.INFO, "m", "t")
facts = (a == b, hash(a) == hash(b), a < Span(2, 3), repr(finding),
         finding == Finding("x/y", b, Severity.INFO, "m", "t"))
try:
    a.start = 3
except dataclasses.FrozenInstanceError:
    facts += ("frozen",)
print(count, digest.hexdigest(), facts)
if sys.argv[1] == "cached":  # how many methods were compiled afresh
    print(sum(isinstance(k, str) for k in startup._new), file=sys.stderr)
"""


def test_dataclasses_built_from_the_cache_are_those_dataclasses_builds(tmp_path: Path) -> None:
    def run(mode: str) -> tuple[str, str]:
        env = {**os.environ, "RETRANSLATE_CACHE_DIR": str(tmp_path)}
        done = subprocess.run([sys.executable, "-c", _DATACLASSES, mode], env=env,
                              capture_output=True, text=True, check=True)
        return done.stdout, done.stderr.strip()

    plain, _ = run("plain")
    assert int(plain.split()[0]) > 20 and "frozen" in plain
    filling, compiled = run("cached")
    assert filling == plain and int(compiled) > 60
    assert list(tmp_path.glob("startup-*.marshal"))
    from_cache, compiled = run("cached")
    assert from_cache == plain and compiled == "0"
