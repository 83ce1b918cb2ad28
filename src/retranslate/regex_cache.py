"""Compiled regular expressions kept between runs, so a pre-commit hook does not re-parse them.

Parsing and compiling the checks' ~180 patterns was a fifth of a one-file `check`. CPython's
`re` turns a pattern into a list of integers (the matcher's program) and hands that to
`_sre.compile`; this module remembers those lists in a small marshal file in the cache folder
and, on the next run, gives `_sre.compile` the list straight away. What it builds is the same
`re.Pattern` (patterns compare equal only when their program is identical): a new pattern is
compiled by `re` itself and remembered only when the rebuilt one equals it, and the file is
keyed on the interpreter's version and the matcher's magic number, so another Python never
reads it. Installed by the CLI only, for the process's lifetime; any trouble reading or writing
the file only means patterns are compiled the ordinary way.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

# Entries kept at most: beyond this (patterns built from user input, say) a run starts afresh.
_LIMIT = 4000

_Key = tuple[str | bytes, int]
_known: dict[_Key, tuple[Any, ...]] = {}
_new: dict[_Key, tuple[Any, ...]] = {}


def cache_dir() -> Path:
    """Where retranslate keeps what it can rebuild: the glossary cache, word tables, patterns."""
    explicit = os.environ.get("RETRANSLATE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "retranslate"


def _file() -> Path | None:
    try:
        import _sre
    except ImportError:
        return None
    tag = f"{sys.implementation.cache_tag}/{sys.version}/{_sre.MAGIC}/{_sre.CODESIZE}"
    return cache_dir() / f"regex-{zlib.crc32(tag.encode()):08x}.marshal"


def install() -> None:
    """Serve `re`'s compilations from the cache file (CPython 3.11+ only), saved at exit."""
    compiler = getattr(re, "_compiler", None)
    path = _file()
    if compiler is None or path is None or getattr(compiler.compile, "_cached", False):
        return
    try:
        loaded = marshal.loads(path.read_bytes())
        if isinstance(loaded, dict):
            _known.update(loaded)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no file yet, or a damaged one: it is rewritten at exit
    compiler.compile = _cached_compiler(compiler)
    atexit.register(_save, path)


def _cached_compiler(compiler: Any) -> Any:
    import _sre

    original = compiler.compile
    parse = compiler._parser.parse
    program = compiler._code

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return original(p, flags)
        key = (p, flags)
        args = _known.get(key)
        if args is not None:
            try:
                return _sre.compile(p, *args)
            except (TypeError, ValueError, RuntimeError):
                del _known[key]
        compiled = original(p, flags)
        try:
            parsed = parse(p, flags)
            groups = parsed.state.groupdict
            index: list[str | None] = [None] * parsed.state.groups
            for name, i in groups.items():
                index[i] = name
            args = (int(flags | parsed.state.flags), [int(op) for op in program(parsed, flags)],
                    parsed.state.groups - 1,
                    dict(groups), tuple(index))
            if _sre.compile(p, *args) == compiled:
                _new[key] = args
        except Exception:  # an interpreter whose internals differ: no caching
            pass
        return compiled

    compile._cached = True  # type: ignore[attr-defined]
    return compile


def _save(path: Path) -> None:
    if not _new:
        return
    entries = {**_known, **_new} if len(_known) + len(_new) <= _LIMIT else dict(_new)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(entries))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only cache folder costs the next run its compile time, nothing else
    _known.update(_new)
    _new.clear()
