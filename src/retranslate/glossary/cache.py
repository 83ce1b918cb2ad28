"""Loading glossaries once: parsed, example-checked glossaries are cached by content hash.

Running every entry's examples is what makes a broken entry refuse to load; it is also the
slowest part of loading, so a pre-commit hook pays for it only when a glossary file changes.
The compiled matcher's patterns are cached beside the entries, so a hook does not rebuild them.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path

from retranslate import __version__
from retranslate.errors import GlossaryError
from retranslate.glossary.load import glossary_files, load_glossary
from retranslate.glossary.matcher import Matcher, remember
from retranslate.glossary.model import Glossary
from retranslate.startup import cache_dir

# Bumped when what the cache file holds changes shape.
_LAYOUT = 6  # 4: ambiguous; 5: rephrase; 6: override, disabled, near_renderings


def _key(files: list[Path]) -> str:
    """CRC-32 and Adler-32 of everything plus its length: a cache key, not a defence against
    forgery, and zlib loads in a fraction of the time hashlib's OpenSSL does.

    Each file counts by the name its entries will carry as their origin (a relative name
    stands for the same file wherever its content is the same), not by its resolved path:
    resolving cost a hook a stat for every folder above every file."""
    data = b"\0".join([f"{__version__}/{_LAYOUT}".encode(),
                       *(str(file).encode() + b"\0" + file.read_bytes() for file in files)])
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def load_cached(paths: Iterable[str | Path], *, use_cache: bool = True) -> Glossary:
    """Load and example-check the glossaries, reusing the cached result for unchanged files."""
    files = list(glossary_files(paths))
    try:
        key = _key(files)
    except OSError as err:
        raise GlossaryError(f"cannot read glossary: {err.strerror}",
                            path=getattr(err, "filename", None)) from None
    cached = cache_dir() / f"glossary-{key}.pickle"
    if use_cache:
        try:
            with cached.open("rb") as handle:
                glossary, matcher = pickle.load(handle)
            if isinstance(glossary, Glossary) and isinstance(matcher, Matcher):
                remember(glossary, matcher)
                return glossary
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, KeyError,
                TypeError, ValueError):
            pass  # no cache or a stale one: load afresh
    glossary = load_glossary(files)
    from retranslate.glossary.validate import check_glossary

    failures = check_glossary(glossary)
    if failures:
        first = failures[0]
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        raise GlossaryError(f"example fails: {first.message}{more}", path=first.entry.origin,
                            line=first.entry.line,
                            hint="fix the entry or run `retranslate glossary test` for all")
    matcher = Matcher(glossary.entries)
    remember(glossary, matcher)
    if use_cache:
        _store(cached, glossary, matcher)
    return glossary


def _store(path: Path, glossary: Glossary, matcher: Matcher) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump((glossary, matcher), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home must not stop a check; it only costs the next run some time
