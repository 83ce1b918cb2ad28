"""Which files a run looks at: named files, and folders walked with include/exclude globs."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath

# Translations are prose files; a folder walk leaves code and data alone unless --include says.
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.text", "*.rst",
                   "*.po", "*.xlf", "*.xliff", "*.tmx")
# Russian sources sit beside their translations; they are inputs, not texts to check.
DEFAULT_EXCLUDE = ("*.ru.*", "ru/*")


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    name = PurePosixPath(relative).name
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p)
               or fnmatch.fnmatch(relative, f"*/{p}") for p in patterns)


def walk(paths: Sequence[str], include: Sequence[str] = (),
         exclude: Sequence[str] = ()) -> Iterator[str]:
    """Every file to check, in a stable order. Named files are always taken; "-" is stdin.

    A file named twice (`a.txt ./a.txt`, or inside a folder also named) is taken once, by its
    resolved path: two diffs of one file would not apply.
    """
    include = tuple(include) or DEFAULT_INCLUDE
    exclude = (*DEFAULT_EXCLUDE, *exclude)
    seen: set[str] = set()

    def first_time(path: str) -> bool:
        resolved = path if path == "-" else os.path.realpath(path)
        if resolved in seen:
            return False
        seen.add(resolved)
        return True

    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if first_time(path):
                yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                relative = PurePosixPath(os.path.relpath(full, path)).as_posix()
                if _matches(relative, include) and not _matches(relative, exclude) \
                        and first_time(full):
                    yield full
