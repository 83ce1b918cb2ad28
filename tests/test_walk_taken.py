"""The walk takes each file once without remembering every path: same files as remembering them."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.files import discover
from retranslate.files.discover import DEFAULT_INCLUDE, walk


def remembering_walk(paths: Sequence[str], include: Sequence[str] = (),
                     exclude: Sequence[str] = (), *, base: str | None = None) -> Iterator[str]:
    """The plain way: every resolved path given so far kept in a set."""
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
            if (path == "-" or not discover.excluded(path, exclude, base)) and first_time(path):
                yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                relative = PurePosixPath(os.path.relpath(full, path)).as_posix()
                if discover._matches(relative, include) \
                        and not discover._matches(relative, (*discover.DEFAULT_EXCLUDE,
                                                             *exclude)) \
                        and not (base is not None and discover.excluded(full, exclude, base)) \
                        and first_time(full):
                    yield full


NAMES = st.sampled_from(["a.txt", "b.md", "c.txt", ".hid.txt", "d.ru.txt", "e.py", "z.txt"])
FOLDERS = st.sampled_from(["", "x", "x/y", "ru", ".git", "y", "x/.h"])


@st.composite
def trees(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str]]]:
    files = sorted({f"{d}/{n}".lstrip("/") for d, n in
                    draw(st.lists(st.tuples(FOLDERS, NAMES), min_size=1, max_size=12))})
    links = draw(st.lists(st.tuples(st.tuples(FOLDERS, NAMES), st.sampled_from(files)),
                          max_size=4))
    return files, [(f"{d}/{n}".lstrip("/"), target) for (d, n), target in links]


ARGUMENTS = st.lists(st.sampled_from([".", "x", "x/y", "y", "a.txt", "x/a.txt", "./x",
                                      "x/../x", "lx"]), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(tree=trees(), arguments=ARGUMENTS,
       exclude=st.lists(st.sampled_from(["c.txt", "x/*", "*.md"]), max_size=2),
       include=st.lists(st.sampled_from(["*.txt", "*.py", "x/*"]), max_size=2))
def test_the_walk_gives_what_remembering_every_path_gives(
        tmp_path_factory, tree, arguments, exclude, include) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("tree")
    files, links = tree
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    for name, target in links:
        link = root / name
        if not link.exists() and not link.is_symlink():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(os.path.relpath(root / target, link.parent))
    if (root / "x").is_dir() and not (root / "lx").exists():
        (root / "lx").symlink_to("x")  # a linked folder named on the command line
    here = os.getcwd()
    os.chdir(root)
    try:
        arguments = [a for a in arguments if os.path.exists(a)] or ["."]
        expected = list(remembering_walk(arguments, include, exclude, base=str(root)))
        assert list(walk(arguments, include, exclude, base=str(root))) == expected
        assert list(walk(arguments, include, exclude)) == \
            list(remembering_walk(arguments, include, exclude))
    finally:
        os.chdir(here)


def test_a_walk_keeps_no_path_per_file(tmp_path: Path) -> None:
    """What the walk remembers stays the same however many files it gives."""
    for n in range(300):
        (tmp_path / f"f{n:03}.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("f001.txt")
    given_files = walk([str(tmp_path), str(tmp_path / "f002.txt")])
    names = [os.path.basename(next(given_files)) for _ in range(250)]
    assert given_files.gi_frame is not None
    taken = given_files.gi_frame.f_locals["taken"]
    assert taken.named == set() and len(taken.walks) == 1  # nothing kept per file
    names += [os.path.basename(p) for p in given_files]
    # The link to f001 and f002 named again are given once, as the first walk gave them.
    assert names == [f"f{n:03}.txt" for n in range(300)]
