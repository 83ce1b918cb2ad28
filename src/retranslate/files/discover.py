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


def excluded(path: str, exclude: Sequence[str], base: str | None = None) -> bool:
    """Whether a file named on the command line falls under the excludes (or is a source).

    The globs are tried on the path as given, relative to `base` (the settings file's folder,
    which is where pre-commit runs from) and on the bare name.
    """
    patterns = (*DEFAULT_EXCLUDE, *exclude)
    given = PurePosixPath(path.replace(os.sep, "/")).as_posix().removeprefix("./")
    candidates = [given]
    if base is not None:
        relative = os.path.relpath(os.path.abspath(path), base)
        if not relative.startswith(".."):
            candidates.append(PurePosixPath(relative.replace(os.sep, "/")).as_posix())
    return any(_matches(candidate, patterns) for candidate in candidates)


def walk(paths: Sequence[str], include: Sequence[str] = (),
         exclude: Sequence[str] = (), *, force_exclude: bool = True,
         base: str | None = None) -> Iterator[str]:
    """Every file to check, in a stable order; "-" is stdin.

    Named files are taken unless `force_exclude` (the default) and an exclude glob or the
    Russian-source rule covers them: pre-commit names every file, so excludes must hold there
    too. `--no-force-exclude` takes every named file, as ruff and typos do by default. A file
    named twice (`a.txt ./a.txt`, or inside a folder also named) is taken once, by its resolved
    path: two diffs of one file would not apply.
    """
    include = tuple(include) or DEFAULT_INCLUDE
    seen: set[str] = set()

    def first_time(path: str) -> bool:
        resolved = path if path == "-" else os.path.realpath(path)
        if resolved in seen:
            return False
        seen.add(resolved)
        return True

    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if (path == "-" or not force_exclude or not excluded(path, exclude, base)) \
                    and first_time(path):
                yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                relative = PurePosixPath(os.path.relpath(full, path)).as_posix()
                if _matches(relative, include) \
                        and not _matches(relative, (*DEFAULT_EXCLUDE, *exclude)) \
                        and not (base is not None and excluded(full, exclude, base)) \
                        and first_time(full):
                    yield full
