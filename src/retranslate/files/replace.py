"""Replacing a file in one step without losing its metadata or leaving debris when killed.

The new text goes to an unnamed file in the target's folder (Linux O_TMPFILE) that gets a name
only for the instant before it is renamed over the target, so `kill -9` during the write leaves
nothing behind. Where unnamed files are not available it is a named `.NAME.XXXXXXXX.retranslate`
file; whichever it is, the writer holds a lock on it, and a later write into the same folder
removes such files that no living writer holds and that are older than the run (`remove_stale`).
Owner, group, mode and extended attributes are copied from the target, or the write is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from retranslate.errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; nothing is locked there
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".retranslate"
_OURS = re.compile(r"^\..+\.[a-z0-9_]{8,12}" + re.escape(SUFFIX) + r"$")
_STARTED = time.time()
_CLEANED: set[Path] = set()
# Errors that mean "this system or file system has no unnamed files".
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT}


@dataclass
class TempFile:
    fd: int
    folder: Path
    name: str | None  # None while unnamed


def open_temp(target: Path) -> TempFile:
    """A locked, empty file in the target's folder, unnamed where the system allows it."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.isdir("/proc/self/fd"):
        try:
            temp = TempFile(os.open(target.parent, flag | os.O_WRONLY, 0o600), target.parent,
                            None)
        except OSError as err:
            if err.errno not in _NO_TMPFILE:
                raise
        else:
            _lock(temp.fd)
            return temp
    import tempfile  # with shutil, random, bz2 and lzma: only a write needs it

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=SUFFIX, dir=target.parent)
    _lock(fd)
    return TempFile(fd, target.parent, os.path.basename(name))


def _lock(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def keep_metadata(temp: TempFile, info: os.stat_result, target: Path, shown: str) -> None:
    """Give the temporary file the target's group, owner (where we may), mode and xattrs."""
    if hasattr(os, "chown"):
        uid = info.st_uid if os.geteuid() == 0 else -1  # the owner was checked by the caller
        if uid != -1 or os.fstat(temp.fd).st_gid != info.st_gid:
            try:
                os.chown(temp.fd, uid, info.st_gid)
            except PermissionError:
                raise InputError(f"cannot keep the file's group (gid {info.st_gid}), "
                                 "not written", path=shown,
                                 hint="only a member of that group may write it") from None
    # After chown, which clears set-user-id and set-group-id bits.
    os.chmod(temp.fd, stat.S_IMODE(info.st_mode))
    _copy_xattrs(target, temp.fd, shown)


def _copy_xattrs(target: Path, fd: int, shown: str) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError as err:
        if err.errno in (errno.ENOTSUP, errno.ENOSYS):
            return
        raise
    for name in names:
        value = os.getxattr(target, name)
        with contextlib.suppress(OSError):
            if os.getxattr(fd, name) == value:
                continue  # already so (a security label the new file got by itself)
        try:
            os.setxattr(fd, name, value)
        except OSError as err:
            raise InputError(f"cannot keep the extended attribute {name}: {err.strerror}; "
                             "not written", path=shown) from None


def commit(temp: TempFile, target: Path) -> None:
    """Give the temporary file a name if it has none, and rename it over the target."""
    if temp.name is None:
        name = f".{target.name}.{os.urandom(6).hex()}{SUFFIX}"
        folder = os.open(temp.folder, os.O_RDONLY)
        try:
            # linkat with AT_SYMLINK_FOLLOW: plain link() would link the /proc symlink itself.
            os.link(f"/proc/self/fd/{temp.fd}", name, dst_dir_fd=folder, follow_symlinks=True)
        finally:
            os.close(folder)
        temp.name = name
    os.replace(temp.folder / temp.name, target)
    temp.name = None


def discard(temp: TempFile) -> None:
    """Close the temporary file and remove its name, if it has one; never raises."""
    if temp.name is not None:
        with contextlib.suppress(OSError):
            os.unlink(temp.folder / temp.name)
    with contextlib.suppress(OSError):
        os.close(temp.fd)


def remove_stale(folder: Path) -> None:
    """Remove temporary files a killed run left in `folder`: only names of our pattern, older
    than this run, that no living writer holds locked. Once per folder per run."""
    if folder in _CLEANED or fcntl is None:
        return
    _CLEANED.add(folder)
    try:
        names = [n for n in os.listdir(folder) if _OURS.match(n)]
    except OSError:
        return
    for name in names:
        path = folder / name
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                info = os.fstat(fd)
                if not stat.S_ISREG(info.st_mode) or info.st_mtime >= _STARTED:
                    continue
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a writer lives
                os.unlink(path)
            finally:
                os.close(fd)
