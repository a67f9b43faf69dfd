"""Write a file atomically: all of it, or (on any error) nothing at all."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from assesskit.io.tempfiles import make_temp_file

__all__ = ["write_atomic", "write_atomic_from"]


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically (see :func:`write_atomic_from`)."""
    write_atomic_from(path, [data])


def write_atomic_from(path: str | os.PathLike[str], parts: Iterable[bytes]) -> None:
    """Write *parts* to *path* through a temporary file in the same directory and a rename.

    A reader sees the old file or the new one, never half of one; when
    anything fails the old file (if any) is left untouched and the temporary
    file is removed. The new file keeps the old one's permissions, or gets
    the usual ones for a new file. A symbolic link is written through. The
    temporary file has a name a later run recognises (:mod:`assesskit.io.tempfiles`)
    should this run be killed before it could remove it.
    """
    target = Path(os.path.realpath(path))
    fd, temp = make_temp_file(target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for data in parts:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
