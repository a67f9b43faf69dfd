"""Read an input given on the command line: a ``.csv``, ``.xlsx`` or ``.json`` file, or ``-``."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from assesskit.io.csv_input import read_csv
from assesskit.io.destination import kind_of
from assesskit.io.json_input import read_json
from assesskit.io.records import InputFileError, InputTable
from assesskit.io.xlsx_input import read_xlsx

__all__ = ["STDIN", "read_input", "readable_problem"]

#: The name that means standard input.
STDIN = "-"

_KINDS = {".csv": "csv", ".txt": "csv", ".json": "json", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def readable_problem(name: str, *, stdin_hint: bool = True) -> str | None:
    """Why *name* cannot be read as an input file (``None``: a regular file or a FIFO).

    A FIFO (a pipe, as bash's ``<(command)`` gives) is read like a file; a
    directory, a device or a socket is refused, so that ``/dev/zero`` or
    ``/dev/urandom`` can never be read for ever.
    """
    try:
        mode = os.stat(name).st_mode
    except OSError as exc:
        return f"{name}: cannot be read: {exc.strerror or exc}"
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"{name}: cannot be read: {os.strerror(errno.EISDIR)}"
    hint = " (give - to read standard input)" if stdin_hint and stat.S_ISCHR(mode) else ""
    return f"{name}: cannot be read: it is {kind_of(mode)}, not a file{hint}"


def _is_stream(name: str) -> bool:
    """Whether *name* is a pipe or a descriptor (``/dev/stdin``, ``/dev/fd/63``), not a file."""
    if name.startswith(("/dev/fd/", "/proc/self/fd/", "/dev/stdin")):
        return True
    try:
        return stat.S_ISFIFO(os.stat(name).st_mode)
    except OSError:
        return False


def _sniffed(data: bytes, source: str, encoding: str | None) -> InputTable:
    """Records of unnamed bytes: JSON when they start with ``[`` or ``{``, CSV otherwise."""
    head = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"[", b"{")):
        return read_json(data, source, encoding)
    return read_csv(data, source, encoding)


def read_input(
    name: str,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    path: str | None = None,
) -> InputTable:
    """Read the input *name*: a file chosen by its suffix, or ``-`` for *stdin*.

    Standard input, and a pipe or descriptor without a suffix (bash's
    ``<(command)``, ``/dev/stdin``), is JSON when its first non-blank
    character is ``[`` or ``{``, CSV otherwise. *encoding* overrides the
    detection of text encodings (CSV and JSON). *path*, when given, is where
    the bytes of *name* are (a copy of a FIFO); messages name *name*.
    Raises :class:`InputFileError` for a file that cannot be read.
    """
    if name == STDIN:
        if stdin is None:
            raise InputFileError(["<stdin>: no standard input"])
        return _sniffed(stdin.read(), "<stdin>", encoding)
    suffix = Path(name).suffix.lower()
    kind = _KINDS.get(suffix)
    if kind is None and not suffix and (path is not None or _is_stream(name)):
        kind = "sniff"  # bash's <(command), /dev/stdin: no name to go by, as standard input
    if kind is None:
        hint = " (save it as .xlsx or CSV)" if suffix == ".xls" else ""
        raise InputFileError(
            [
                f"{name}: unknown input type {Path(name).suffix or '(no suffix)'!r}; "
                f"expected .csv, .xlsx or .json{hint}"
            ]
        )
    where = path if path is not None else name
    problem = readable_problem(where)
    if problem is not None:
        raise InputFileError([problem.replace(where, name, 1)])
    try:
        data = Path(where).read_bytes()
    except OSError as exc:
        raise InputFileError([f"{name}: cannot be read: {exc.strerror or exc}"]) from None
    if kind == "sniff":
        return _sniffed(data, name, encoding)
    if kind == "xlsx":
        return read_xlsx(data, name)
    if kind == "json":
        return read_json(data, name, encoding)
    return read_csv(data, name, encoding)
