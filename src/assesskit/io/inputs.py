"""Read an input given on the command line: a ``.csv``, ``.xlsx`` or ``.json`` file, or ``-``."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from assesskit.io.csv_input import read_csv
from assesskit.io.json_input import read_json
from assesskit.io.records import InputFileError, InputTable
from assesskit.io.xlsx_input import read_xlsx

__all__ = ["STDIN", "read_input"]

#: The name that means standard input.
STDIN = "-"

_KINDS = {".csv": "csv", ".txt": "csv", ".json": "json", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def read_input(name: str, encoding: str | None = None, stdin: BinaryIO | None = None) -> InputTable:
    """Read the input *name*: a file chosen by its suffix, or ``-`` for *stdin*.

    Standard input is JSON when its first non-blank character is ``[``, CSV
    otherwise. *encoding* overrides the detection of text encodings (CSV and
    JSON). Raises :class:`InputFileError` for a file that cannot be read.
    """
    if name == STDIN:
        if stdin is None:
            raise InputFileError(["<stdin>: no standard input"])
        data = stdin.read()
        head = data.removeprefix(b"\xef\xbb\xbf").lstrip()
        if head.startswith(b"["):
            return read_json(data, "<stdin>", encoding)
        return read_csv(data, "<stdin>", encoding)
    path = Path(name)
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        hint = " (save it as .xlsx or CSV)" if path.suffix.lower() == ".xls" else ""
        raise InputFileError(
            [
                f"{name}: unknown input type {path.suffix or '(no suffix)'!r}; "
                f"expected .csv, .xlsx or .json{hint}"
            ]
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError([f"{name}: cannot be read: {exc.strerror or exc}"]) from None
    if kind == "xlsx":
        return read_xlsx(data, name)
    if kind == "json":
        return read_json(data, name, encoding)
    return read_csv(data, name, encoding)
