"""Temporary files and folders that a later run can recognise and clean up.

Every temporary path assesskit makes on disk is named
``.assesskit-tmp-<host>-<pid>-<random><suffix>``: the host and the process
that made it. A run removes its own on every exit path, SIGTERM included
(the command line turns SIGTERM into an orderly exit). Only a run killed
outright (SIGKILL, a power cut) leaves one behind; the next run that writes
into the same folder, or spools standard input, removes those whose process
is gone on this host. Nothing else is ever removed: a name that does not
match, another host's files, and files of a process still running are left
alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "PREFIX",
    "is_ours",
    "make_temp_dir",
    "make_temp_file",
    "remove_path",
    "remove_stale",
    "spooled",
    "temp_name",
]

#: The start of every temporary name assesskit makes.
PREFIX = ".assesskit-tmp-"

_NAME = re.compile(r"^\.assesskit-tmp-(?P<host>[A-Za-z0-9_.]+)-(?P<pid>\d+)-[0-9a-f]{16}")


def _host() -> str:
    # only characters that cannot be confused with the separators of the name
    return re.sub(r"[^A-Za-z0-9_.]", "_", socket.gethostname()) or "host"


def temp_name(suffix: str = "") -> str:
    """A fresh temporary name (no folder) for this process: ``.assesskit-tmp-…<suffix>``."""
    return f"{PREFIX}{_host()}-{os.getpid()}-{secrets.token_hex(8)}{suffix}"


def make_temp_file(
    folder: str | os.PathLike[str] | None = None, suffix: str = ""
) -> tuple[int, str]:
    """Create a new temporary file in *folder* (default: the system's); return its fd and path.

    Stale temporary files of dead processes in that folder are removed first.
    """
    where = str(folder) if folder is not None else tempfile.gettempdir()
    remove_stale(where)
    while True:
        path = os.path.join(where, temp_name(suffix))
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # pragma: no cover - 64 random bits
            continue
        return fd, path


def make_temp_dir(folder: str | os.PathLike[str]) -> str:
    """Create a new temporary folder in *folder*; return its path (stale ones removed first)."""
    remove_stale(folder)
    path = os.path.join(str(folder), temp_name())
    os.mkdir(path, 0o700)
    return path


def is_ours(name: str) -> bool:
    """Whether the file name *name* is one of assesskit's temporary names."""
    return _NAME.match(name) is not None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user
    return True


def remove_stale(folder: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files and folders in *folder* left by dead runs on this host.

    Returns the names removed. Errors (a folder that cannot be listed, a
    file removed meanwhile by another run) are ignored: cleaning up is a
    courtesy, never a reason to fail.
    """
    removed: list[str] = []
    host = _host()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or match["host"] != host:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(entry.name)
    return removed


def remove_path(path: str | os.PathLike[str]) -> None:
    """Remove a temporary file or folder if it is still there."""
    target = Path(path)
    with contextlib.suppress(FileNotFoundError):
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()


@contextlib.contextmanager
def spooled(source: BinaryIO, suffix: str = "") -> Iterator[BinaryIO]:
    """A copy of *source* (standard input, a FIFO) in a temporary file, open and rewound.

    The copy can be read more than once (a FIFO cannot) and is removed on
    leaving the block, whatever happens. Its ``name`` is its path.
    """
    fd, path = make_temp_file(None, suffix)
    try:
        with os.fdopen(fd, "w+b") as raw, open(path, "rb") as copy:
            shutil.copyfileobj(source, raw, 1 << 20)
            raw.flush()
            yield copy
    finally:
        remove_path(path)
