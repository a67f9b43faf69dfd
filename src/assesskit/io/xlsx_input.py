"""Excel ``.xlsx`` input (optional extra ``assesskit[xlsx]``): first sheet, header row.

openpyxl is imported only when an ``.xlsx`` file is read. Cells keep their
types: text (stripped), whole numbers, booleans, dates. A fractional number
is read as Excel shows it, to 15 significant digits (Excel's own precision),
so a cell computed as ``=A1*1.1`` that shows ``1234.56`` is 1234.56 and not
the binary float ``1234.5600000000002`` stored behind it.

A workbook is a ZIP archive of XML, and both can lie: a 5 KB file may
declare a sheet of 17 billion cells, a 1.5 MB archive may expand to 1.5 GB.
Before openpyxl parses anything, the archive's expanded size is checked
(:data:`MAX_EXPANDED`); the sheet's declared dimension is ignored and rows
are read one at a time, refusing a row wider than :data:`MAX_COLUMNS`,
more than :data:`MAX_ROWS` rows and a cell longer than :data:`MAX_CELL`
characters (Excel's own limits where it has one).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from assesskit.controls import trimmed
from assesskit.io.records import InputFileError, InputTable, SourceRecord

__all__ = ["MAX_CELL", "MAX_COLUMNS", "MAX_EXPANDED", "MAX_ROWS", "read_xlsx"]

INSTALL_HINT = "reading .xlsx files needs openpyxl: pip install 'assesskit[xlsx]'"
#: Bytes the workbook's archive may expand to (all its parts together): 256 MiB.
MAX_EXPANDED = 256 * 1024 * 1024
#: Parts the archive may hold.
MAX_PARTS = 10_000
#: Rows of the first sheet (Excel's own limit).
MAX_ROWS = 1_048_576
#: Columns of a row: far more than an assessment table has (Excel allows 16 384).
MAX_COLUMNS = 1_024
#: Characters of a cell (Excel's own limit).
MAX_CELL = 32_767
_CSV_HINT = "save the sheet as CSV, which is read in chunks"


def read_xlsx(data: bytes, source: str) -> InputTable:
    """Read the first sheet of the workbook *data*; the first non-empty row is the header."""
    try:
        import openpyxl
    except ImportError:
        raise InputFileError([f"{source}: {INSTALL_HINT} (or save the sheet as CSV)"]) from None
    _check_archive(data, source)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it ignores (data validation,
            # default styles); they do not change cell values.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                sheet.reset_dimensions()  # the declared size may lie: read what is there
                return _table(source, _rows(source, sheet.iter_rows(values_only=True)))
            finally:
                workbook.close()
    except InputFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputFileError(
            [f"{source}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})"]
        ) from None


def _check_archive(data: bytes, source: str) -> None:
    """Refuse an archive that is not one, or that would expand beyond the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputFileError(
            [f"{source}: not a readable .xlsx workbook (BadZipFile: {exc})"]
        ) from None
    if len(parts) > MAX_PARTS:
        raise InputFileError(
            [f"{source}: the workbook has {len(parts)} parts; at most {MAX_PARTS} are read"]
        )
    expanded = sum(part.file_size for part in parts)
    if expanded > MAX_EXPANDED:
        raise InputFileError(
            [
                f"{source}: the workbook expands to {expanded:,} bytes; at most "
                f"{MAX_EXPANDED:,} are read ({_CSV_HINT})"
            ]
        )


def _rows(source: str, rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, list[Any]]]:
    """The rows of the sheet, numbered from 1, each checked against the limits as it comes."""
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise InputFileError([f"{source}: more than {MAX_ROWS:,} rows ({_CSV_HINT})"])
        if len(row) > MAX_COLUMNS:
            raise InputFileError(
                [
                    f"{source} row {number}: a value in column {len(row):,}; "
                    f"at most {MAX_COLUMNS:,} columns are read"
                ]
            )
        for index, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL:
                raise InputFileError(
                    [
                        f"{source} row {number}: the cell in column {index + 1} holds "
                        f"{len(value):,} characters; a cell holds at most {MAX_CELL:,}"
                    ]
                )
        yield number, list(row)


def _table(source: str, rows: Iterator[tuple[int, list[Any]]]) -> InputTable:
    header: list[str] | None = None
    problems: list[str] = []
    records: list[SourceRecord] = []
    for number, row in rows:
        cells = [_cell(value) for value in row]
        if all(c is None for c in cells):
            continue
        if header is None:
            header = ["" if c is None else trimmed(str(c)) for c in cells]
            seen: set[str] = set()
            for name in header:
                if name and name in seen:
                    problems.append(f"{source} row {number}: column {name!r} appears twice")
                seen.add(name)
            continue
        values: dict[str, object] = {}
        for index, cell in enumerate(cells):
            name = header[index] if index < len(header) else ""
            if name:
                values[name] = cell
            elif cell is not None:
                problems.append(
                    f"{source} row {number}: value {cell!r} in column {index + 1}, "
                    "which has no name in the header"
                )
        records.append(SourceRecord(values, source, f"row {number}"))
    if problems:
        raise InputFileError(problems)
    if header is None:
        raise InputFileError([f"{source}: the first sheet is empty (no header row)"])
    return InputTable(source, tuple(h for h in header if h), tuple(records))


def _cell(value: Any) -> object:
    if isinstance(value, str):
        text = trimmed(value)
        return text or None
    if isinstance(value, bool | int | dt.date | dt.time) or value is None:
        return value
    if isinstance(value, float):
        return Decimal(format(value, ".15g"))
    return value
