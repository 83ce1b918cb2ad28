"""English words as the debris checks need them: a frequency word list and what prose looks like.

The word list is pyspellchecker's English dictionary (160,000 lower-case words with corpus counts,
650 kB compressed), read straight from its data file on first use, so a check that never needs a
word pays nothing and no spell-checker object is built. Where the package is missing the list is
empty and every check that needs it stays silent rather than guessing.
"""

from __future__ import annotations

import array
import bisect
import mmap
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

# The list's floor: words it holds only because some list had them, with no corpus count.
RARE = 50

# A line that carries code: backticks, identifiers with underscores, calls, assignments, braces.
# Plain-text technical notes mix these with prose, and a code token is never MT debris.
_CODE = re.compile(r"`|\w_\w|\w\(|\(\)|[{}]|\s=\s?|==|->|=>|::|\$\w|</?\w")


# Words that open sentences and never end an identifier's first part: "citiesThe" and
# "horizontally.The" lost a sentence break, while "checkIf", "saveAs", "dateNow", "runAfter"
# and "threading.Event" are code, so "If", "As", "Now", "After" and nouns are not here.
SENTENCE_OPENERS = frozenset(["The", "This", "That", "These", "Those", "He", "She", "They", "We",
                              "His", "Her", "Their", "Our", "My", "But", "And", "However",
                              "According", "Meanwhile", "Moreover", "Although"])


@lru_cache(maxsize=1)
def frequencies() -> dict[str, int]:
    """Lower-case word → corpus count; empty when pyspellchecker is not installed."""
    import gzip
    import json
    from importlib.resources import files

    try:
        resource = files("spellchecker") / "resources" / "en.json.gz"
        with resource.open("rb") as raw, gzip.open(raw) as data:
            loaded: dict[str, int] = json.load(data)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}
    return loaded


def available() -> bool:
    return _word_table() is not None or bool(frequencies())


def count(word: str) -> int:
    """How common `word` is (0 when the list does not have it), case ignored."""
    return _count(word.lower())


@lru_cache(maxsize=65536)
def _count(word: str) -> int:
    table = _word_table()
    if table is None:
        return frequencies().get(word, 0)
    blob, offsets, base = table
    key = word.encode("utf-8")
    i = bisect.bisect_left(offsets, key,
                           key=lambda at: blob[base + at: blob.find(b"\t", base + at)])
    if i == len(offsets):
        return 0
    at = base + offsets[i]
    tab = blob.find(b"\t", at)
    return int(blob[tab + 1: blob.find(b"\n", tab)]) if blob[at:tab] == key else 0


# Building the 160,000-word dict takes 60 ms, most of a one-file check. The list is kept instead
# as one sorted "word<TAB>count" file in the cache folder after its line offsets, mapped into
# memory and searched by bisection for the few words a check asks about.
_TABLE_LAYOUT = 1


@lru_cache(maxsize=1)
def _word_table() -> tuple[bytes | mmap.mmap, Sequence[int], int] | None:
    """The sorted lines, their offsets, and where the lines start; None without the list."""
    import importlib.util

    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(spec.submodule_search_locations[0]) / "resources" / "en.json.gz"
    try:
        info = source.stat()
    except OSError:
        return None
    from retranslate.glossary.cache import cache_dir

    cached = cache_dir() / f"english-{info.st_size}-{info.st_mtime_ns}-{_TABLE_LAYOUT}.words"
    try:
        with cached.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        lines = int.from_bytes(data[:4], "little")
        return data, memoryview(data)[4: 4 + 4 * lines].cast("I"), 4 + 4 * lines
    except (OSError, ValueError, TypeError):
        pass
    words = frequencies()
    if not words:
        return None
    encoded = sorted((w.encode("utf-8"), n) for w, n in words.items())
    offsets = array.array("I")
    parts, at = [], 0
    for word, n in encoded:
        offsets.append(at)
        line = word + b"\t" + str(n).encode() + b"\n"
        parts.append(line)
        at += len(line)
    blob = b"".join(parts)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(len(offsets).to_bytes(4, "little") + offsets.tobytes() + blob)
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only cache folder only costs the next run the parse
    return blob, offsets, 0


def is_word(word: str, floor: int = 0) -> bool:
    """Whether the list has `word` with a count above `floor` (RARE skips list-only words)."""
    return count(word) > floor


def stands_alone(text: str, word: str) -> bool:
    """Whether `word` is written somewhere in `text` as a word of its own."""
    return re.search(rf"(?<![\w'’.-]){re.escape(word)}(?![\w-])", text) is not None


def looks_like_code(line: str) -> bool:
    """Whether a line carries code, where identifiers may be glued or dotted on purpose."""
    return (_looks_like_code if len(line) < LONG_LINE else _long_looks_like_code)(line)


def _code_in(line: str) -> bool:
    return _CODE.search(line) is not None


# Lines are asked about again and again (once per candidate on them). Few long lines are kept:
# a one-line file's line is the whole file, and 512 of them outlived their files.
_looks_like_code = lru_cache(maxsize=512)(_code_in)
_long_looks_like_code = lru_cache(maxsize=2)(_code_in)


def line_at(text: str, offset: int) -> str:
    """The line of `text` holding `offset`, without its newline: the run of characters between
    the line breaks (LF or CR) around it.

    The breaks of a text are listed once (`_breaks`) and found by bisection, and a long line is
    cut out once and handed back again: on a one-line file, looking back and forward from each
    offset, as every check asks about its candidates, was quadratic.
    """
    breaks, long_lines = _breaks(text)
    i = bisect.bisect_left(breaks, offset)
    start = breaks[i - 1] + 1 if i else 0
    end = breaks[i] if i < len(breaks) else len(text)
    if end - start < LONG_LINE:
        return text[start:end]
    if end - start == len(text):
        return text  # a one-line text is its own line: not copied
    if start not in long_lines:
        long_lines[start] = text[start:end]
    return long_lines[start]


LONG_LINE = 2000
_breaks_of: list[tuple[str, Sequence[int], dict[int, str]]] = []


def forget_texts() -> None:
    """Drop the last text's line breaks and the long lines kept for it."""
    _breaks_of.clear()
    _long_looks_like_code.cache_clear()
    _long_is_heading.cache_clear()


def _breaks(text: str) -> tuple[Sequence[int], dict[int, str]]:
    """The offsets of every CR and LF in `text`, and its long lines as cut so far (last text)."""
    if _breaks_of and _breaks_of[0][0] is text:
        return _breaks_of[0][1], _breaks_of[0][2]
    breaks = array.array("q", (m.start() for m in _LINE_BREAK.finditer(text)))
    _breaks_of[:] = [(text, breaks, {})]
    return breaks, _breaks_of[0][2]


_LINE_BREAK = re.compile(r"[\r\n]")


def is_heading(line: str) -> bool:
    """A headline in title case or all capitals, where capitals mean nothing about names.

    Title case: most words of two or more letters start with a capital (small words may not).
    """
    return (_is_heading if len(line) < LONG_LINE else _long_is_heading)(line)


_HEADING_WORD = re.compile(r"[^\W\d_]{2,}")


def _title_case(line: str) -> bool:
    """Counted as it goes: a long line's words listed at once took 12 bytes of memory per
    character."""
    words = capitals = 0
    for match in _HEADING_WORD.finditer(line):
        words += 1
        capitals += line[match.start()].isupper()
    return words >= 3 and capitals * 3 >= words * 2


_is_heading = lru_cache(maxsize=512)(_title_case)
_long_is_heading = lru_cache(maxsize=2)(_title_case)
