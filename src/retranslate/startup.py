"""A short start for a one-file run: what start-up compiles is kept, garbage is not collected.

Kept between runs: regular expressions and dataclasses' methods.

A one-file `check` (the pre-commit hook) spent a fifth of its time parsing and compiling the
checks' ~180 regular expressions and another fifth compiling the ~150 methods `@dataclass`
writes as source text and `exec`s. Both are pure functions of their input, so this module keeps
their results in one marshal file in the cache folder:

* CPython's `re` turns a pattern into a list of integers (the matcher's program) and hands that
  to `_sre.compile`; the list is kept (packed as bytes, which load 10× faster than marshalled
  integers) and given to `_sre.compile` straight away next time. A new pattern is compiled by
  `re` itself and kept only when the rebuilt one equals it (patterns compare equal only when
  their programs are identical).
* `dataclasses` compiles each generated method with `exec(text)`; its module-level `exec` is
  pointed at one that compiles the same text the same way (no inherited `__future__` flags, as
  `exec` from dataclasses.py has none) and keeps the code object.

The file is keyed on the interpreter's version and the matcher's magic number, so another
Python never reads it; it is as trusted as the glossary's pickle beside it. Installed by the CLI
only, for the process's lifetime; any trouble reading or writing the file only means things are
compiled the ordinary way.
"""

from __future__ import annotations

import atexit
import gc
import marshal
import os
import re
import sys
import types
import zlib
from array import array
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

# Entries kept at most: beyond this (patterns built from user input, say) a run starts afresh.
_LIMIT = 2000
_LAYOUT = 4  # 2: programs packed as bytes; 3: dataclass methods; 4: values marshalled

# (pattern, flags) → what `_sre.compile` takes after the pattern; source text → code object.
# Those read from the file stay marshalled until asked for: a run uses a fraction of them.
_known: dict[Any, bytes] = {}
_new: dict[Any, Any] = {}


def _get(key: Any) -> Any:
    blob = _known.get(key)
    if blob is None:
        return None
    try:
        return marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None


def cache_dir() -> Path:
    """Where retranslate keeps what it can rebuild: the glossary cache, word tables, patterns."""
    from pathlib import Path

    return Path(_cache_folder())


def _cache_folder() -> str:
    explicit = os.environ.get("RETRANSLATE_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "retranslate")


def _file() -> str | None:
    try:
        import _sre
    except ImportError:
        return None
    tag = f"{_LAYOUT}/{sys.implementation.cache_tag}/{sys.version}/{_sre.MAGIC}/{_sre.CODESIZE}"
    return os.path.join(_cache_folder(), f"startup-{zlib.crc32(tag.encode()):08x}.marshal")


def install() -> None:
    """Serve `re`'s and `dataclasses`' compilations from the cache file (CPython 3.11+ only),
    saved at exit."""
    compiler = getattr(re, "_compiler", None)
    path = _file()
    if compiler is None or path is None or getattr(compiler.compile, "_cached", False):
        return
    try:
        with open(path, "rb") as handle:
            loaded = marshal.loads(handle.read())
        if isinstance(loaded, dict):
            _known.update(loaded)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no file yet, or a damaged one: it is rewritten at exit
    compiler.compile = _cached_compiler(compiler)
    # Imported only now, so that the patterns inspect and tokenize compile on import (for
    # dataclasses), and pathlib's, come from the cache too.
    import dataclasses

    if not hasattr(dataclasses, "exec"):  # the module's own name shadows the builtin for it
        dataclasses.exec = _cached_exec  # type: ignore[attr-defined]
    atexit.register(_save, path)


def _cached_exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """`exec` as dataclasses calls it, with the text's code object compiled once per cache."""
    if not isinstance(source, str):
        exec(source, globals, locals)
        return
    code = _get(source)
    if not isinstance(code, types.CodeType):
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _new[source] = code
    exec(code, globals, locals)


def _cached_compiler(compiler: Any) -> Any:
    import _sre

    if array("I").itemsize != _sre.CODESIZE:
        return compiler.compile
    original = compiler.compile
    parse = compiler._parser.parse
    program = compiler._code

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return original(p, flags)
        key = (p, flags)
        known = _get(key)
        if isinstance(known, tuple):
            try:
                flags_in_force, code, *groups = known
                return _sre.compile(p, flags_in_force, array("I", code).tolist(), *groups)
            except (TypeError, ValueError, RuntimeError):
                _known.pop(key, None)
        compiled = original(p, flags)
        try:
            parsed = parse(p, flags)
            groups = parsed.state.groupdict
            index: list[str | None] = [None] * parsed.state.groups
            for name, i in groups.items():
                index[i] = name
            code = [int(op) for op in program(parsed, flags)]
            args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groups),
                    tuple(index))
            if _sre.compile(p, *args) == compiled:
                _new[key] = (args[0], array("I", code).tobytes(), *args[2:])
        except Exception:  # an interpreter whose internals differ: no caching
            pass
        return compiled

    compile._cached = True  # type: ignore[attr-defined]
    return compile


def _save(path: str) -> None:
    if not _new:
        return
    fresh = {key: marshal.dumps(value) for key, value in _new.items()}
    entries = {**_known, **fresh} if len(_known) + len(fresh) <= _LIMIT else fresh
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{os.path.splitext(path)[0]}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(marshal.dumps(entries))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only cache folder costs the next run its compile time, nothing else
    _known.update(fresh)
    _new.clear()


def over() -> None:
    """Collect garbage again, leaving out what start-up made (modules, glossary, checks).

    The `retranslate` command starts with collection off: importing click and the checks and
    unpickling the glossary make tens of thousands of objects and no garbage, and collecting
    them cost a tenth of a hook run. Frozen, they are never scanned again (and forked workers
    share their pages untouched). A no-op where collection was never turned off.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
