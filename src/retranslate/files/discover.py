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
    taken = _Taken()
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if (path == "-" or not force_exclude or not excluded(path, exclude, base)) \
                    and taken.first_time(path if path == "-" else os.path.realpath(path)):
                yield path
            continue
        walked = _Walked(path, include, exclude, base)
        taken.walks.append(walked)
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                relative = PurePosixPath(os.path.relpath(full, path)).as_posix()
                if not walked.takes(relative):
                    continue
                walked.at = _walk_order(relative)
                if os.path.islink(full):
                    if taken.first_time(os.path.realpath(full)):
                        yield full
                # Not a link, and the walk follows no linked folder: no need to resolve it, and
                # this walk gives the path once, so only other walks and named files can have.
                elif taken.first_time(os.path.join(walked.real, *relative.split("/")),
                                      remember=False, besides=walked):
                    yield full
        walked.at = None


def _walk_order(relative: str) -> tuple[tuple[int, str], ...]:
    """Where a file comes in a walk: a folder's files (sorted) before its subfolders (sorted)."""
    *folders, name = relative.split("/")
    return (*((1, d) for d in folders), (0, name))


class _Walked:
    """A folder being walked, or walked already, able to say whether it gave a file."""

    def __init__(self, root: str, include: Sequence[str], exclude: Sequence[str],
                 base: str | None) -> None:
        self.root, self.real = root, os.path.realpath(root)
        self.include, self.exclude, self.base = include, exclude, base
        # The walk order of the file being looked at; None once the walk is over.
        self.at: tuple[tuple[int, str], ...] | None = ()

    def takes(self, relative: str) -> bool:
        return (_matches(relative, self.include)
                and not _matches(relative, (*DEFAULT_EXCLUDE, *self.exclude))
                and not (self.base is not None
                         and excluded(os.path.join(self.root, relative), self.exclude,
                                      self.base)))

    def gave(self, resolved: str) -> bool:
        """Whether the walk gave (before the file it is at) the file whose resolved path this is."""
        if not resolved.startswith(self.real.rstrip(os.sep) + os.sep):
            return False
        relative = os.path.relpath(resolved, self.real).replace(os.sep, "/")
        if relative.startswith("../") or relative in ("..", ".") \
                or any(part.startswith(".") for part in relative.split("/")) \
                or not self.takes(relative):
            return False
        return self.at is None or _walk_order(relative) < self.at


class _Taken:
    """Which resolved paths a run has given, without a set that grows with every file.

    A file a walk gives is no link (links are resolved one by one), so its resolved path is the
    walked folder's resolved path joined with its relative one, and whether a walk gave a path
    follows from the globs and the walk's order. Only named files and links are remembered one
    by one: a walk of a million files keeps its folders' names, not a million paths (issue 14).
    """

    def __init__(self) -> None:
        self.named: set[str] = set()
        self.walks: list[_Walked] = []

    def first_time(self, resolved: str, *, remember: bool = True,
                   besides: _Walked | None = None) -> bool:
        """Whether `resolved` is new; if so it counts as given (`remember`: keep it by name).
        `besides`: a walk known not to have given it (the one giving it now)."""
        if resolved in self.named or (resolved != "-" and any(
                w.gave(resolved) for w in self.walks if w is not besides)):
            return False
        if remember:
            self.named.add(resolved)
        return True
