"""Bad input and safe writes: every file either comes out as meant or exactly as it went in.

Each test is one row of the table in docs/reliability.md. Most run the real CLI in a subprocess;
the ones that need a failure at a precise moment (a full disk, an edit between read and write)
run it in-process through click's runner with the failure monkeypatched in.
"""

from __future__ import annotations

import codecs
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import DATA
from retranslate.cli import cli as cli_group
from retranslate.errors import InputError
from retranslate.files import document as document_module
from retranslate.files.document import decode, read_document, write_document

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]
# Only the glossary check: these tests are about bytes, not about what other checks find.
FIX = ["fix", *GLOSSARY, "--select", "glossary"]

WRONG = "Police saw marauders at the shop. Noise grenades went off."
RIGHT = "Police saw looters at the shop. Stun grenades went off."


def _temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".retranslate")]


def _git_apply(folder: Path, diff: bytes) -> None:
    if not (folder / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "apply", "-"], input=diff, cwd=folder, check=True,
                   capture_output=True)


def _run_in_process(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli_group, list(args), input=stdin, catch_exceptions=False)


# --- binary files, encodings, BOMs ------------------------------------------------------------

def test_binary_files_are_skipped_with_a_note_and_never_written(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR noise grenade"
    (tmp_path / "image.txt").write_bytes(png)
    (tmp_path / "story.txt").write_text(WRONG, encoding="utf-8")
    result = cli(*FIX, "--write", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # a file changed; the skip is not an error
    assert "retranslate: note: image.txt: binary file (NUL byte), skipped" in \
        result.stderr.decode().replace("./", "")
    assert (tmp_path / "image.txt").read_bytes() == png
    assert (tmp_path / "story.txt").read_text(encoding="utf-8") == RIGHT


def test_a_nul_past_the_sniffed_start_is_text_and_kept(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # git sniffs the same way (the first 8000 bytes); past that, a NUL is just a character.
    raw = b"x" * 9000 + b"\x00 " + WRONG.encode()
    (tmp_path / "a.txt").write_bytes(raw)
    assert cli(*FIX, "--write", "a.txt", cwd=tmp_path).returncode == 1
    assert (tmp_path / "a.txt").read_bytes() == b"x" * 9000 + b"\x00 " + RIGHT.encode()


def test_invalid_utf8_is_an_error_naming_file_and_byte_and_others_go_on(  # type: ignore[no-untyped-def]
        tmp_path: Path, cli) -> None:
    russian = f"Алматы. {WRONG}\n".encode("cp1251")
    (tmp_path / "cp.txt").write_bytes(russian)
    (tmp_path / "story.txt").write_text(WRONG, encoding="utf-8")
    result = cli(*FIX, "--write", "cp.txt", "story.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[0] == (
        "retranslate: error: cp.txt: not valid utf-8 at byte 0 "
        "(pass --encoding, e.g. --encoding cp1251, if you know the file's encoding)")
    assert (tmp_path / "cp.txt").read_bytes() == russian
    assert (tmp_path / "story.txt").read_text(encoding="utf-8") == RIGHT


def test_cp1251_with_encoding_round_trips_every_other_byte(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = f"Алматы, «Новости».\r\n{WRONG}\r\nЁлка — конец."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1251"))
    expected = text.replace(WRONG, RIGHT).encode("cp1251")
    (tmp_path / "patched").mkdir()
    shutil.copy(tmp_path / "cp.txt", tmp_path / "patched" / "cp.txt")

    diff = cli(*FIX, "--encoding", "cp1251", "cp.txt", cwd=tmp_path / "patched")
    assert diff.returncode == 0, diff.stderr
    _git_apply(tmp_path / "patched", diff.stdout)
    assert cli(*FIX, "--encoding", "cp1251", "--write", "cp.txt", cwd=tmp_path).returncode == 1
    assert (tmp_path / "cp.txt").read_bytes() == expected
    assert (tmp_path / "patched" / "cp.txt").read_bytes() == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le",
                                      "utf-32-be"])
def test_boms_are_kept_by_write_and_by_the_diff(tmp_path: Path, cli, encoding: str) -> None:  # type: ignore[no-untyped-def]
    bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
           "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
           "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    text = f"Заголовок\r\n{WRONG}\r\n"
    (tmp_path / "w").mkdir()
    (tmp_path / "d").mkdir()
    for folder in ("w", "d"):
        (tmp_path / folder / "a.txt").write_bytes(bom + text.encode(encoding))
    expected = bom + text.replace(WRONG, RIGHT).encode(encoding)

    assert cli(*FIX, "--write", "a.txt", cwd=tmp_path / "w").returncode == 1
    assert (tmp_path / "w" / "a.txt").read_bytes() == expected
    diff = cli(*FIX, "a.txt", cwd=tmp_path / "d")
    _git_apply(tmp_path / "d", diff.stdout)
    assert (tmp_path / "d" / "a.txt").read_bytes() == expected


@pytest.mark.parametrize(("given", "stored"), [("utf-16", "utf-16-le"), ("UTF-16LE", "utf-16-le"),
                                               ("utf-8-sig", "utf-8"), ("utf-32", "utf-32-le")])
def test_an_explicit_encoding_never_adds_a_bom_or_calls_wide_text_binary(  # type: ignore[no-untyped-def]
        tmp_path: Path, cli, given: str, stored: str) -> None:
    # Regressions: UTF-16 without a BOM was skipped as binary even with --encoding, and codecs
    # that write their own BOM made every fix add one.
    (tmp_path / "a.txt").write_bytes(f"{WRONG}\n".encode(stored))
    result = cli(*FIX, "--encoding", given, "--write", "a.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "a.txt").read_bytes() == f"{RIGHT}\n".encode(stored)


def test_an_encoding_that_does_not_read_back_is_refused() -> None:
    # ISO-2022-JP: these bytes decode, but re-encoding gives different escape sequences.
    raw = b"\x1b$B$\"\x1b(B\x1b$B$\"\x1b(B"
    assert raw.decode("iso2022_jp").encode("iso2022_jp") != raw
    with pytest.raises(InputError, match="does not read back to the same bytes"):
        decode(raw, "a.txt", "iso2022_jp")


def test_an_unknown_encoding_is_a_one_line_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    result = cli(*FIX, "--encoding", "klingon", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "retranslate: error: a.txt: unknown encoding 'klingon'\n"


def test_a_fix_the_encoding_cannot_store_fails_that_file_alone(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # Regression: the encode error escaped the per-file loop and ended the whole batch.
    glossary = tmp_path / "g.toml"
    glossary.write_text('[[entry]]\nid = "dash"\ntarget = "stun grenade—flash"\n'
                        'wrong = ["noise grenade"]\ninflect = false\nautofix = true\n'
                        'note = "n"\n', encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Café: a noise grenade.\n".encode("latin-1"))
    # A BOM outranks --encoding, so this one is UTF-8 and can take the dash.
    (tmp_path / "z.txt").write_bytes(codecs.BOM_UTF8 + "Café: a noise grenade.\n".encode())
    result = cli("fix", "--no-default-glossary", "-g", "g.toml", "--encoding", "latin-1",
                 "latin.txt", "z.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "retranslate: error: latin.txt: the fix needs '—', which iso8859-1 cannot store"]
    assert result.stdout.startswith(b"--- a/z.txt\n")
    assert "+\ufeffCafé: a stun grenade—flash.\n".encode() in result.stdout


# --- empty files, huge files, newlines -----------------------------------------------------

@pytest.mark.parametrize("raw", [b"", b" ", b"\n", b"\r\n\r\n", b"\t \xc2\xa0\n\r",
                                 b"\xef\xbb\xbf"])
def test_empty_and_whitespace_only_files_are_left_alone(tmp_path: Path, cli, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    before = path.stat()
    assert cli(*FIX, "a.txt", cwd=tmp_path).stdout == b""
    result = cli(*FIX, "--write", "a.txt", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    after = path.stat()
    assert path.read_bytes() == raw
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not rewritten


def test_a_50_mb_file_on_one_line_is_fixed(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # One 50 MB line: no sentence or line boundary to stream on. It must simply finish, with the
    # right bytes; time and peak memory of such runs are recorded in docs/reliability.md.
    clean = "Residents of the city described the night to reporters in some detail. " * 6
    chunk = f"{clean}The police said a marauder near the shop threw noise grenades. "
    repeats = 50_000_000 // len(chunk) + 1
    (tmp_path / "big.txt").write_text(chunk * repeats, encoding="utf-8")
    result = cli(*FIX, "--write", "big.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    fixed = f"{clean}The police said a looter near the shop threw stun grenades. "
    assert (tmp_path / "big.txt").read_text(encoding="utf-8") == fixed * repeats


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
@pytest.mark.parametrize("final", [True, False])
def test_newline_styles_and_a_missing_final_newline_are_kept(  # type: ignore[no-untyped-def]
        tmp_path: Path, cli, newline: str, final: bool) -> None:
    lines = ["Title", WRONG, "", "A marauder, police said.", "Noise grenade"]
    breaks = ["\r\n", "\n", "\r", "\r\n", "\n"] if newline == "mixed" else [newline] * len(lines)
    if not final:
        breaks[-1] = ""
    text = "".join(line + brk for line, brk in zip(lines, breaks, strict=True))
    expected = text.replace(WRONG, RIGHT).replace("A marauder", "A looter") \
        .replace("Noise grenade", "Stun grenade")
    for name in ("w", "g", "p"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_bytes(text.encode())

    assert cli(*FIX, "--write", "a.txt", cwd=tmp_path / "w").returncode == 1
    assert (tmp_path / "w" / "a.txt").read_bytes() == expected.encode()
    diff = cli(*FIX, "a.txt", cwd=tmp_path / "g").stdout
    _git_apply(tmp_path / "g", diff)
    assert (tmp_path / "g" / "a.txt").read_bytes() == expected.encode()
    if shutil.which("patch"):
        subprocess.run(["patch", "-p1", "-s"], input=diff, cwd=tmp_path / "p", check=True)
        assert (tmp_path / "p" / "a.txt").read_bytes() == expected.encode()


def test_a_removed_line_that_starts_with_dashes_keeps_its_tabs(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # Regression: header clean-up stripped trailing tabs from every line starting with "---",
    # so removing "-- noise grenade\t" produced a diff that did not apply.
    raw = b"-- noise grenade\t\n++ a marauder at the shop\t\n"
    (tmp_path / "a.txt").write_bytes(raw)
    diff = cli(*FIX, "a.txt", cwd=tmp_path).stdout
    assert b"\n--- noise grenade\t\n" in diff
    _git_apply(tmp_path, diff)
    assert (tmp_path / "a.txt").read_bytes() == b"-- Stun grenade\t\n++ a looter at the shop\t\n"


@pytest.mark.parametrize("name", ["my story.txt", "статья.txt", "tab\tname.txt", 'q"uote.txt',
                                  os.fsdecode(b"latin1-\xe9.txt")])
def test_file_names_in_the_diff_survive_git_apply_and_patch(  # type: ignore[no-untyped-def]
        tmp_path: Path, cli, name: str) -> None:
    # Regression: a name that is not UTF-8 crashed the whole run with a traceback.
    for folder in ("g", "p"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(WRONG, encoding="utf-8")
    diff = cli(*FIX, name, cwd=tmp_path / "g")
    assert diff.returncode == 0, diff.stderr
    _git_apply(tmp_path / "g", diff.stdout)
    assert (tmp_path / "g" / name).read_text(encoding="utf-8") == RIGHT
    if shutil.which("patch"):
        subprocess.run(["patch", "-p1", "-s"], input=diff.stdout, cwd=tmp_path / "p", check=True)
        assert (tmp_path / "p" / name).read_text(encoding="utf-8") == RIGHT


# --- what --write may and may not replace -------------------------------------------------

def test_a_symlink_has_its_target_written_and_stays_a_link(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "story.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / "story.txt"
    link.symlink_to(Path("..") / "real" / "story.txt")
    result = cli(*FIX, "--write", "links/story.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / "story.txt")
    assert (tmp_path / "real" / "story.txt").read_text(encoding="utf-8") == RIGHT
    assert _temp_files(tmp_path / "links") == _temp_files(tmp_path / "real") == []


def test_a_dangling_symlink_is_a_missing_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    result = cli(*FIX, "--write", "gone.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == b"retranslate: error: gone.txt: no such file\n"
    assert (tmp_path / "gone.txt").is_symlink()


def test_read_only_files_are_refused_and_the_rest_still_written(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(WRONG, encoding="utf-8")
    (tmp_path / "b.txt").chmod(0o444)
    result = cli(*FIX, "--write", "a.txt", "b.txt", "c.txt", cwd=tmp_path)
    assert result.returncode == 2
    errors = [line for line in result.stderr.decode().splitlines() if "error" in line]
    assert errors == ["retranslate: error: b.txt: file is read-only, not written "
                      "(make it writable or drop --write)"]
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == WRONG
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o444
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == RIGHT
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == RIGHT


def test_mode_is_kept_on_write(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    path.chmod(0o640)
    assert cli(*FIX, "--write", "a.txt", cwd=tmp_path).returncode == 1
    assert path.stat().st_mode & 0o7777 == 0o640
    assert path.read_text(encoding="utf-8") == RIGHT


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file to another owner")
def test_owner_and_group_are_kept_on_write(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    os.chown(path, 12345, 23456)
    assert cli(*FIX, "--write", "a.txt", cwd=tmp_path).returncode == 1
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)
    assert path.read_text(encoding="utf-8") == RIGHT


def test_hard_links_are_not_split(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # Renaming a fixed copy over one name would leave the other with the old text.
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    result = cli(*FIX, "--write", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "a.txt: file has 2 hard links, not written" in result.stderr.decode()
    assert (tmp_path / "a.txt").stat().st_nlink == 2
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == WRONG


def test_a_fifo_is_skipped_not_waited_on(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    result = cli(*FIX, "--write", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "note: ./pipe.txt: not a regular file, skipped" in result.stderr.decode()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == RIGHT


def test_a_file_changed_after_reading_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    document = read_document(str(path))
    path.write_text("An editor saved this meanwhile.", encoding="utf-8")
    with pytest.raises(InputError, match="file changed since it was read, not written"):
        write_document(document, RIGHT)
    assert path.read_text(encoding="utf-8") == "An editor saved this meanwhile."
    assert _temp_files(tmp_path) == []


def test_a_change_during_the_write_itself_is_caught(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # The check runs after the temporary file is flushed, the slow part, just before the rename.
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    document = read_document(str(path))
    real_fsync = os.fsync

    def fsync_while_someone_saves(fd: int) -> None:
        real_fsync(fd)
        path.write_text("Saved during the fsync.", encoding="utf-8")

    monkeypatch.setattr(document_module.os, "fsync", fsync_while_someone_saves)
    with pytest.raises(InputError, match="changed since it was read"):
        write_document(document, RIGHT)
    assert path.read_text(encoding="utf-8") == "Saved during the fsync."
    assert _temp_files(tmp_path) == []


def test_cli_reports_a_concurrent_edit_and_goes_on(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WRONG, encoding="utf-8")
    from retranslate.commands import fix as fix_module

    real_write = fix_module.write_document

    def someone_saves_first(document, text):  # type: ignore[no-untyped-def]
        if document.path.endswith("a.txt"):
            Path(document.path).write_text("Edited by hand.", encoding="utf-8")
        real_write(document, text)

    monkeypatch.setattr(fix_module, "write_document", someone_saves_first)
    monkeypatch.chdir(tmp_path)
    result = _run_in_process(*FIX, "--write", "a.txt", "b.txt")
    assert result.exit_code == 2
    assert "retranslate: error: a.txt: file changed since it was read, not written " \
           "(run retranslate again)" in result.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Edited by hand."
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == RIGHT


# --- full disks and interrupted writes -------------------------------------------------------

def _fail(exc: BaseException) -> Callable[..., None]:
    def raiser(*args: object, **kwargs: object) -> None:
        raise exc
    return raiser


@pytest.mark.parametrize("where", ["replace", "fsync", "chmod"])
def test_a_full_disk_leaves_the_original_and_no_temp_file(  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + WRONG.encode() + b"\r\n")
    before = path.read_bytes()
    document = read_document(str(path))
    monkeypatch.setattr(document_module.os, where,
                        _fail(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    with pytest.raises(InputError) as caught:
        write_document(document, RIGHT + "\r\n")
    assert str(caught.value) == (f"{path}: write failed, original left intact: "
                                 "No space left on device")
    assert path.read_bytes() == before
    assert _temp_files(tmp_path) == []


def test_an_interrupted_write_leaves_the_original_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression: only OSError cleaned up, so Ctrl-C during the fsync left a temporary file.
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    document = read_document(str(path))
    monkeypatch.setattr(document_module.os, "fsync", _fail(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_document(document, RIGHT)
    assert path.read_text(encoding="utf-8") == WRONG
    assert _temp_files(tmp_path) == []


def test_a_full_disk_fails_one_file_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WRONG, encoding="utf-8")
    real_replace = os.replace

    def replace_fails_for_a(src: str, dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith("a.txt"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(document_module.os, "replace", replace_fails_for_a)
    monkeypatch.chdir(tmp_path)
    result = _run_in_process(*FIX, "--write", "a.txt", "b.txt")
    assert result.exit_code == 2
    assert "retranslate: error: a.txt: write failed, original left intact: " \
           "No space left on device" in result.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == WRONG
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == RIGHT
    assert _temp_files(tmp_path) == []


def test_a_folder_we_cannot_write_in_is_a_clear_error(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: as root (CI containers) a read-only folder is still writable.
    path = tmp_path / "a.txt"
    path.write_text(WRONG, encoding="utf-8")
    document = read_document(str(path))
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    real_open = os.open

    def open_but_not_a_temp_file(path: str, flags: int, *args: int, **kwargs: int) -> int:
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise denied
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_but_not_a_temp_file)
    monkeypatch.setattr(tempfile, "mkstemp", _fail(denied))
    with pytest.raises(InputError, match="cannot write beside the file: Permission denied"):
        write_document(document, RIGHT)
    assert path.read_text(encoding="utf-8") == WRONG


# --- sources ---------------------------------------------------------------------------------

def test_a_missing_source_is_a_one_line_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    result = cli(*FIX, "--write", "--source", "missing.ru.txt", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == b"retranslate: error: missing.ru.txt: no such file\n"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == WRONG


@pytest.mark.parametrize(("make", "message", "found_beside"), [
    (lambda p: p.mkdir(), "is a folder, not a file", False),
    (lambda p: p.write_bytes("Алматы".encode("cp1251")), "not valid utf-8 at byte 0 "
     "(convert the source to UTF-8, e.g. iconv -f cp1251 -t utf-8)", True),
    # Regression: a binary source was "skipped" with exit 0, and the translation went unchecked.
    (lambda p: p.write_bytes(b"\x00\x01\x02"), "binary file (NUL byte), not usable as a source",
     True),
    (lambda p: os.mkfifo(p), "not a regular file, not usable as a source", False),
])
def test_an_unusable_source_is_an_error_naming_the_source(  # type: ignore[no-untyped-def]
        tmp_path: Path, cli, make: Callable[[Path], object], message: str,
        found_beside: bool) -> None:
    make(tmp_path / "a.ru.txt")
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    named = cli(*FIX, "--write", "--source", "a.ru.txt", "a.txt", cwd=tmp_path)
    assert named.returncode == 2
    assert named.stderr.decode() == f"retranslate: error: a.ru.txt: {message}\n"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == WRONG
    # Found by convention instead of named: a file that is there but unusable is still an error;
    # a folder or pipe of that name is not a source at all, and the translation is fixed alone.
    beside = cli(*FIX, "a.txt", cwd=tmp_path)
    if found_beside:
        assert (beside.returncode, beside.stdout) == (2, b"")
        assert beside.stderr.decode() == f"retranslate: error: a.ru.txt: {message}\n"
    else:
        assert (beside.returncode, beside.stderr) == (0, b"")
        assert beside.stdout.startswith(b"--- a/a.txt\n")


def test_an_unreadable_source_is_a_one_line_error(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: chmod 000 does not stop root.
    source = tmp_path / "a.ru.txt"
    source.write_text("Текст.", encoding="utf-8")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "a.ru.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError) as caught:
        read_document(str(source))
    assert str(caught.value) == f"{source}: permission denied while reading"


# --- standard input --------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "status", "message"), [
    (b"noise grenade\x00\xff\x89PNG", 0, "retranslate: note: -: binary file (NUL byte), skipped"),
    ("Алматы: noise grenade".encode("cp1251"), 2, "retranslate: error: -: not valid utf-8"),
])
def test_stdin_that_cannot_be_read_is_passed_through_unchanged(  # type: ignore[no-untyped-def]
        cli, raw: bytes, status: int, message: str) -> None:
    # Regression: an editor filtering its buffer through `fix -` got nothing back.
    result = cli(*FIX, "-", input=raw)
    assert result.stdout == raw
    assert result.returncode == status
    assert result.stderr.decode().startswith(message)


def test_stdin_keeps_bom_and_newlines(cli) -> None:  # type: ignore[no-untyped-def]
    raw = codecs.BOM_UTF16_LE + f"{WRONG}\r\nend".encode("utf-16-le")
    result = cli(*FIX, "-", input=raw)
    assert result.stdout == codecs.BOM_UTF16_LE + f"{RIGHT}\r\nend".encode("utf-16-le")


# --- two runs at once ----------------------------------------------------------------------

def test_two_concurrent_write_runs_never_corrupt_a_file(corpus: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        cli) -> None:
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "article.txt").write_bytes(corpus.read_bytes())  # the corpus itself is 0444
    assert cli(*FIX, "--write", "article.txt", cwd=reference).returncode == 1
    original, fixed = corpus.read_bytes(), (reference / "article.txt").read_bytes()
    assert original != fixed

    shared = tmp_path / "shared"
    shared.mkdir()
    names = [f"article-{i:02}.txt" for i in range(50)]
    for name in names:
        (shared / name).write_bytes(original)
    command = [sys.executable, "-m", "retranslate", *FIX, "--write", "."]
    runs = [subprocess.Popen(command, cwd=shared, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]

    for run, (_, stderr) in zip(runs, outputs, strict=True):
        # 0 only for a run that started late and found every file fixed already: then it
        # wrote nothing and has nothing to say.
        assert run.returncode in (1, 2) or (run.returncode == 0 and not stderr), stderr
        for line in stderr.decode().splitlines():
            # The only failure allowed: a run seeing that the other one wrote the file first.
            assert line.startswith("fixed ") or \
                line.endswith("file changed since it was read, not written (run retranslate "
                              "again)"), line
    contents = {name: (shared / name).read_bytes() for name in names}
    # Each file ends fixed, never original, never mixed, whichever run wrote it.
    assert all(data == fixed for data in contents.values()), \
        [name for name, data in contents.items() if data != fixed]
    assert sorted(p.name for p in shared.iterdir()) == names  # no temporary files left
    written = sum(line.startswith("fixed ") for _, stderr in outputs
                  for line in stderr.decode().splitlines())
    assert written >= len(names)


# --- found by the property tests --------------------------------------------------------------

@pytest.mark.parametrize(("raw", "fixed"), [
    (b"Police: a noise\r\ngrenade.", b"Police: a stun\r\ngrenade."),
    (b"The Ministry of Internal\r\nAffairs said", b"The Interior\r\nMinistry said"),
    (b"a Ministry\nof Internal\rAffairs", b"an Interior\rMinistry"),
])
def test_a_term_wrapped_across_lines_stays_wrapped(tmp_path: Path, cli,  # type: ignore[no-untyped-def]
                                                   raw: bytes, fixed: bytes) -> None:
    # Regression: the replacement joined the lines, dropping a line break (and its CRLF style).
    (tmp_path / "a.txt").write_bytes(raw)
    assert cli(*FIX, "--write", "a.txt", cwd=tmp_path).returncode == 1
    assert (tmp_path / "a.txt").read_bytes() == fixed


# --- sources that do not fit the translation -------------------------------------------------

ENGLISH = ("The Air Force managed to talk to the protesters on Wednesday. "
           "The crowd left the square by evening.\n")


@pytest.mark.parametrize("source", [
    "Погода в Москве сегодня хорошая. Завтра будет дождь и сильный ветер.\n",  # another story
    "Das Wetter ist heute schön. Morgen regnet es.\n",  # not Russian
    ENGLISH,  # the translation itself, given as its own source
    "",
])
def test_a_source_that_does_not_fit_gives_no_source_based_fix(  # type: ignore[no-untyped-def]
        tmp_path: Path, cli, source: str) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(source, encoding="utf-8")
    fitting = "ВВС удалось поговорить с протестующими в среду. К вечеру толпа покинула площадь.\n"
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.ru.txt").write_text(fitting, encoding="utf-8")
    # The control: the right source proves "Air Force" is ВВС, the BBC, with no "BBC" nearby.
    assert b"+The BBC managed" in cli(*FIX, "b.txt", cwd=tmp_path).stdout
    result = cli(*FIX, "a.txt", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_an_unrelated_source_that_happens_to_say_the_word_gives_no_fix(  # type: ignore[no-untyped-def]
        tmp_path: Path, cli) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(
        "Погода в Москве сегодня хорошая, сообщает ВВС. Завтра будет дождь и сильный ветер.\n",
        encoding="utf-8")
    result = cli(*FIX, "a.txt", cwd=tmp_path)
    assert result.stdout == b""


def test_utf16_starting_with_a_nul_is_not_taken_for_utf32() -> None:
    # Found by the long property run: FF FE 00 00 is the UTF-32 LE BOM, and also the UTF-16 LE
    # BOM before U+0000; the file was refused as invalid UTF-32.
    raw = codecs.BOM_UTF16_LE + "\x00noise grenade".encode("utf-16-le")
    document = decode(raw, "a.txt")
    assert (document.text, document.encoding, document.bom) == (
        "\x00noise grenade", "utf-16-le", codecs.BOM_UTF16_LE)
    assert decode(codecs.BOM_UTF32_LE + "a".encode("utf-32-le"), "a.txt").text == "a"
    with pytest.raises(InputError, match="not valid utf-32-le at byte 4"):
        decode(codecs.BOM_UTF32_LE + b"\x00\xd8", "a.txt")
