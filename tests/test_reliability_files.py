"""Files as the system holds them: standard input's format, metadata and links kept by --write,
the same file named twice, and what a killed run leaves behind. Each test runs the real CLI."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA
from retranslate.cli import cli as cli_group
from retranslate.errors import InputError
from retranslate.files.document import read_document, write_document

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]
FIX = ["fix", *GLOSSARY, "--select", "glossary"]
XLIFF = DATA / "bilingual" / "curfew-1.2.xlf"
MARKDOWN = b"Police saw [marauders](#marauders) at the shop, `marauders` too.\n"


# --- standard input's name ---------------------------------------------------------------------

_PROTEST = b"Police detained the Protestants near the square.\n"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_findings_in_stdin_are_reported_under_its_stdin_filename(cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    named = cli("check", "--format", fmt, "--stdin-filename", "news/a.txt", "-", input=_PROTEST)
    plain = cli("check", "--format", fmt, "-", input=_PROTEST)
    assert named.returncode == plain.returncode == 1, named.stderr
    assert b"news/a.txt" in named.stdout and b"news/a.txt" not in plain.stdout
    if fmt == "text":
        assert named.stdout.startswith(b"news/a.txt:1:21: glossary/protester-protestant:")
        assert plain.stdout.startswith(b"-:1:21: glossary/protester-protestant:")
    if fmt == "json":
        import json

        assert {f["path"] for f in json.loads(named.stdout)} == {"news/a.txt"}


def test_batch_findings_in_stdin_are_reported_under_its_stdin_filename(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Marat Zhumabayev spoke. Zhumabayev said more. "
                                    "Zhumabayev left.\n", encoding="utf-8")
    done = cli("check", "--jobs", "1", "--stdin-filename", "news/b.txt", "-", "a.txt",
               input=b"Marat Zhumabaev left.\n", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(b"news/b.txt:1:7: names/batch:"), done.stdout


def test_fix_of_stdin_still_prints_the_text_and_names_what_is_left(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("fix", "--stdin-filename", "news/a.txt", "-", input=_PROTEST)
    assert done.stdout == _PROTEST.replace(b"Protestants", b"protesters")
    assert not (tmp_path / "news").exists()


# --- standard input's format ------------------------------------------------------------------

@pytest.mark.parametrize("how", [["--stdin-format", "md"], ["--stdin-filename", "news/a.md"]])
def test_stdin_named_as_markdown_keeps_link_targets_and_code(cli, how: list[str]) -> None:  # type: ignore[no-untyped-def]
    done = cli(*FIX, *how, "-", input=MARKDOWN)
    assert done.returncode == 0, done.stderr
    assert done.stdout == MARKDOWN.replace(b"[marauders]", b"[looters]")


def test_stdin_is_plain_text_when_nothing_says_otherwise(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli(*FIX, "-", input=MARKDOWN)
    assert done.stdout == MARKDOWN.replace(b"marauders", b"looters")


@pytest.mark.parametrize("how", [["--stdin-format", "xliff"], ["--stdin-filename", "a.xlf"]])
def test_stdin_named_as_xliff_is_fixed_as_the_file_is(tmp_path: Path, cli, how: list[str]) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "a.xlf"
    copy.write_bytes(XLIFF.read_bytes())
    written = cli(*FIX, "--write", str(copy))
    assert written.returncode == 1, written.stderr
    done = cli(*FIX, *how, "-", input=XLIFF.read_bytes())
    assert done.stdout == copy.read_bytes() != XLIFF.read_bytes()
    assert b"&amp;" in done.stdout  # entities in the file stay entities


def test_stdin_as_po_and_tmx_is_read_as_such(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for original in sorted((DATA / "bilingual").glob("*")):
        if original.suffix not in (".po", ".tmx"):
            continue
        copy = tmp_path / original.name
        copy.write_bytes(original.read_bytes())
        cli(*FIX, "--write", str(copy))
        done = cli(*FIX, "--stdin-format", original.suffix[1:], "-", input=original.read_bytes())
        assert done.stdout == copy.read_bytes(), original.name


def test_an_unknown_stdin_format_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli(*FIX, "--stdin-format", "docx", "-", input=b"text\n")
    assert done.returncode == 2 and b"Traceback" not in done.stderr


# --- owner, group, mode, extended attributes --------------------------------------------------

WRONG = "Police saw marauders at the shop. Noise grenades went off.\n"
RIGHT = "Police saw looters at the shop. Stun grenades went off.\n"
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="needs root to play another user and group")
WRITER, OWNER, SHARED_GROUP, WRITERS_GROUP = 42401, 42402, 42403, 42404


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the writer may create files in, its group the shared one; outside pytest's
    temporary folders, which only root may enter."""
    outer = Path(tempfile.mkdtemp(prefix="retranslate-shared-"))
    try:
        os.chmod(outer, 0o755)
        yield _shared_folder(outer)
    finally:
        shutil.rmtree(outer)


def _shared_folder(outer: Path) -> Path:
    folder = outer / "shared"
    folder.mkdir()
    os.chown(folder, OWNER, SHARED_GROUP)
    os.chmod(folder, 0o775)
    glossary = folder / "glossary.toml"
    glossary.write_bytes((DATA / "glossary" / "test.toml").read_bytes())
    os.chmod(glossary, 0o644)
    return folder


def _fix_write_as_writer(folder: Path, name: str) -> tuple[int, str]:
    """`fix --write NAME` run by WRITER (primary group WRITERS_GROUP, also in SHARED_GROUP), in a
    forked child that drops root first; the exit status and standard error."""
    # The child cannot read root's Python installation: every module it needs is imported
    # here first, by the same run as root on a copy.
    warm = folder / "warm-up.txt"
    warm.write_text(WRONG, encoding="utf-8")
    CliRunner().invoke(cli_group, ["fix", "--no-default-glossary", "-g",
                                   str(folder / "glossary.toml"), "--select", "glossary",
                                   "--write", str(warm)])
    warm.unlink()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        code = 99
        try:
            os.close(read_end)
            os.setgroups([SHARED_GROUP])
            os.setgid(WRITERS_GROUP)
            os.setuid(WRITER)
            os.chdir(folder)
            result = CliRunner().invoke(cli_group, ["fix", "--no-default-glossary", "-g",
                                                    "glossary.toml", "--select", "glossary",
                                                    "--write", name])
            os.write(write_end, result.stderr.encode())
            code = result.exit_code
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        err = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


def _group_file(folder: Path, owner: int) -> Path:
    path = folder / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    os.chown(path, owner, SHARED_GROUP)
    os.chmod(path, 0o664)
    return path


@as_root
def test_a_group_member_keeps_the_group_and_mode_of_a_file_it_owns(shared_folder: Path) -> None:
    path = _group_file(shared_folder, owner=WRITER)
    code, err = _fix_write_as_writer(shared_folder, "a.txt")
    assert code == 1, err
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (WRITER, SHARED_GROUP, 0o664)
    assert path.read_text(encoding="utf-8") == RIGHT, err


@as_root
def test_a_group_member_is_refused_a_file_someone_else_owns(shared_folder: Path) -> None:
    # Replacing it would make the file the writer's, in the writer's own group.
    path = _group_file(shared_folder, owner=OWNER)
    code, err = _fix_write_as_writer(shared_folder, "a.txt")
    assert code == 2, err
    assert f"a.txt: file belongs to another user (uid {OWNER}), not written" in err, err
    assert "retranslate fix --stdin-filename a.txt - < a.txt > a.txt.new" in err
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (OWNER, SHARED_GROUP)
    assert path.read_text(encoding="utf-8") == WRONG
    assert sorted(p.name for p in shared_folder.iterdir()) == ["a.txt", "glossary.toml"]


def _xattrs_supported(path: Path) -> bool:
    try:
        os.setxattr(path, "user.probe", b"1")
        os.removexattr(path, "user.probe")
        return True
    except (OSError, AttributeError):
        return False


def test_extended_attributes_and_odd_modes_are_kept(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    if not _xattrs_supported(path):
        pytest.skip("this file system has no user extended attributes")
    os.setxattr(path, "user.origin", b"wire service")
    os.setxattr(path, "user.empty", b"")
    os.chmod(path, 0o2640)
    done = cli(*FIX, "--write", str(path))
    assert done.returncode == 1, done.stderr
    assert path.read_text(encoding="utf-8") == RIGHT
    assert os.getxattr(path, "user.origin") == b"wire service"
    assert os.getxattr(path, "user.empty") == b""
    assert stat.S_IMODE(path.stat().st_mode) == 0o2640


def test_an_attribute_that_cannot_be_kept_refuses_the_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    if not _xattrs_supported(path):
        pytest.skip("this file system has no user extended attributes")
    os.setxattr(path, "user.origin", b"wire service")

    def refuse(*args: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "setxattr", refuse)
    with pytest.raises(InputError) as caught:
        write_document(read_document(str(path)), RIGHT)
    assert str(caught.value) == (f"{path}: cannot keep the extended attribute user.origin: "
                                 "Operation not permitted; not written")
    assert path.read_text(encoding="utf-8") == WRONG
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# --- hard links -------------------------------------------------------------------------------

def test_a_hard_linked_file_is_refused_and_the_hint_keeps_the_link(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    done = cli(*FIX, "--write", "a.txt", cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "a.txt: file has 2 hard links, not written" in err
    assert "edits in place" not in err  # the diff does not: git apply and patch split links too
    # The hint's pipe, run as it says, fixes both names and keeps the link.
    hint = err.split("fix it through a pipe: ")[1].rstrip(")\n")
    assert hint.startswith("retranslate fix ")
    shell = hint.replace("retranslate fix", f"{sys.executable} -m retranslate fix "
                         f"{' '.join(GLOSSARY)} --select glossary", 1)
    subprocess.run(shell, shell=True, cwd=tmp_path, check=False, capture_output=True)
    (tmp_path / "a.txt.new").unlink()
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == RIGHT
    assert (tmp_path / "a.txt").stat().st_nlink == 2


# --- the same file named twice ----------------------------------------------------------------

@pytest.mark.parametrize("names", [["a.txt", "./a.txt"], ["a.txt", "a.txt"], [".", "a.txt"],
                                   ["a.txt", "link.txt"], ["a.txt", "../here/a.txt"]])
def test_a_file_named_twice_is_taken_once(tmp_path: Path, cli, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "a.txt").write_text(WRONG, encoding="utf-8")
    os.symlink("a.txt", folder / "link.txt")
    check = cli("check", *GLOSSARY, "--select", "glossary", "--format", "json", *names,
                cwd=folder)
    assert check.stdout.count(b'"glossary/') == 2, check.stdout  # one file, two findings
    diff = cli(*FIX, *names, cwd=folder)
    assert diff.stdout.count(b"\n+++ ") == 1, diff.stdout
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    applied = subprocess.run(["git", "apply", "-"], input=diff.stdout, cwd=folder,
                             capture_output=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert (folder / "a.txt").read_text(encoding="utf-8") == RIGHT


# --- kill -9 during --write -------------------------------------------------------------------

BIG_WRONG = "Police saw marauders at the shop.\n" + "0123456789 " * 1_900_000 + "\n"  # 20 MB
BIG_RIGHT = BIG_WRONG.replace("marauders", "looters", 1)


def _writing(pid: int, folder: Path) -> bool:
    """Whether the process holds the temporary file it writes the fix into (named or not)."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            where = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if where.startswith(f"{folder}/#") or where.endswith(".retranslate"):
            return True
    return False


def _kill_while_writing(folder: Path, *python: str) -> bool:
    """Run `fix --write big.txt` and kill -9 it while it writes; whether the kill hit."""
    args = [sys.executable, *python, "fix", *GLOSSARY, "--select", "glossary", "--write",
            "big.txt"]
    process = subprocess.Popen(args, cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None:
            if _writing(process.pid, folder):
                process.kill()
                process.wait()
                return True
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see the write")
def test_kill_9_during_the_write_of_a_20_mb_file_leaves_no_temporary_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    hits = 0
    for _ in range(2):
        big.write_text(BIG_WRONG, encoding="utf-8")
        hits += _kill_while_writing(tmp_path, "-m", "retranslate")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]
        assert big.read_text(encoding="utf-8") in (BIG_WRONG, BIG_RIGHT)
    assert hits, "no kill hit the write"


WITHOUT_UNNAMED_FILES = ("-c", "import os, sys; del os.O_TMPFILE; sys.argv[0] = 'retranslate'; "
                         "from retranslate.cli import main; main()")


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see the write")
def test_a_temporary_file_a_kill_left_is_removed_by_the_next_write(tmp_path: Path) -> None:
    # Where the system has no unnamed files the temporary file has a name while it is written.
    big = tmp_path / "big.txt"
    big.write_text(BIG_WRONG, encoding="utf-8")
    for _ in range(5):
        if _kill_while_writing(tmp_path, *WITHOUT_UNNAMED_FILES):
            break
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "big.txt")
    if not left:
        pytest.skip("no kill hit the write window")
    assert left[0].startswith(".big.txt.") and left[0].endswith(".retranslate")
    assert big.read_text(encoding="utf-8") == BIG_WRONG
    # Files of our naming that are not ours, or that a live writer holds, stay.
    (tmp_path / ".notes.retranslate").write_text("mine", encoding="utf-8")
    held = tmp_path / ".other.txt.abcdefgh.retranslate"
    held.write_text("being written", encoding="utf-8")
    os.utime(held, (0, 0))
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time; "
                               "f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
                               "print(flush=True); time.sleep(600)", str(held)],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"\n"
        small = tmp_path / "small.txt"
        small.write_text(WRONG, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "retranslate", *FIX, "--write", "small.txt"],
                              cwd=tmp_path, capture_output=True, check=False)
        assert done.returncode == 1, done.stderr
    finally:
        holder.kill()
        holder.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".notes.retranslate", ".other.txt.abcdefgh.retranslate", "big.txt", "small.txt"]
