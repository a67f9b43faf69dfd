"""Where results may be written: never over an input, a device or a read-only file.

An output path (``-o``) is checked before any work starts and again just
before the atomic rename that writes it:

- it must be a regular file or a path that does not exist yet (in an
  existing folder): a directory, a device (``/dev/full``), a FIFO or a
  socket is refused, so that nothing but a file is ever replaced;
- it must not be an input or a ``--history`` file of the same run, compared
  by device and inode after following symbolic links, so that another
  spelling (``./in.csv``), a symbolic link or a hard link is caught too;
- a read-only file (no write permission bit) is replaced only when the user
  says ``--force`` — even when running as root, who could write it anyway.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from assesskit.errors import AssesskitError
from assesskit.io.atomic import write_atomic_from

__all__ = ["OutputFile", "OutputPathError", "Protected", "kind_of", "protect"]


class OutputPathError(AssesskitError, ValueError):
    """An output path that assesskit refuses to write (it would destroy something)."""


@attrs.frozen
class Protected:
    """A file the run reads and must never write: its name as given, its role, its identity."""

    name: str
    role: str
    device: int
    inode: int


def protect(names: Iterable[str], role: str, stdin: int | None = 0) -> list[Protected]:
    """The files among *names* that exist (missing ones are skipped), as *role*.

    ``-`` stands for the file behind the descriptor *stdin* (``< in.csv`` makes
    standard input a file that ``-o in.csv`` must not replace).
    """
    found = []
    for name in names:
        try:
            if name == "-":
                if stdin is None:
                    continue
                info = os.fstat(stdin)
                shown = "read from standard input"
            else:
                info = os.stat(name)
                shown = name
        except (OSError, ValueError):
            continue  # reported when it is read
        if name == "-" and not stat.S_ISREG(info.st_mode):
            continue  # a pipe or a terminal: nothing on disk to protect
        found.append(Protected(shown, role, info.st_dev, info.st_ino))
    return found


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: ``a directory``, ``a FIFO``..."""
    for test, words in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return words
    return "not a regular file"


@attrs.frozen
class OutputFile:
    """An output file given by the user, with the files it must not replace.

    >>> OutputFile("/dev/null").check()
    Traceback (most recent call last):
    ...
    assesskit.io.destination.OutputPathError: cannot write /dev/null: /dev/null is a character \
device; assesskit writes only to a regular file or a new path (for standard output, leave out \
-o or give -o -)
    """

    name: str
    protected: Sequence[Protected] = ()
    force: bool = False

    def _refuse(self, reason: str) -> OutputPathError:
        return OutputPathError(f"cannot write {self.name}: {reason}")

    def check(self) -> None:
        """Raise :class:`OutputPathError` if writing this file could destroy anything."""
        if not self.name:
            raise OutputPathError("-o needs a file name")
        if self.name.endswith(("/", os.sep)):
            raise self._refuse(
                f"{self.name} names a folder; give a file name (one output file is written)"
            )
        try:
            info = os.stat(self.name)
        except FileNotFoundError:
            self._check_folder()
            return
        except OSError as exc:
            raise self._refuse(exc.strerror or str(exc)) from None
        if not stat.S_ISREG(info.st_mode):
            raise self._refuse(
                f"{self.name} is {kind_of(info.st_mode)}; assesskit writes only to a regular "
                "file or a new path (for standard output, leave out -o or give -o -)"
            )
        for item in self.protected:
            if (item.device, item.inode) == (info.st_dev, info.st_ino):
                raise self._refuse(f"it would overwrite the {item.role} {item.name}")
        if not self.force and (info.st_mode & 0o222 == 0 or not os.access(self.name, os.W_OK)):
            raise self._refuse(f"{self.name} is read-only; give --force to replace it")

    def _check_folder(self) -> None:
        folder = Path(os.path.realpath(self.name)).parent
        if not folder.exists():
            shown = str(Path(self.name).parent)
            if os.path.islink(self.name):  # a link to nowhere: name where it points
                shown = str(folder)
            raise self._refuse(f"the directory {shown!r} does not exist")
        if not folder.is_dir():
            raise self._refuse(f"{str(Path(self.name).parent)!r} is not a directory")

    def write(self, parts: Iterable[bytes]) -> None:
        """Check again, then write *parts* atomically (all of it, or nothing at all)."""
        self.check()
        try:
            write_atomic_from(self.name, parts)
        except OSError as exc:
            raise self._refuse(exc.strerror or str(exc)) from None
