"""Excel ``.xlsx`` input (optional extra ``assesskit[xlsx]``): first sheet, header row.

openpyxl is imported only when an ``.xlsx`` file is read. Cells keep their
types: text (stripped), whole numbers, booleans, dates. A fractional number
is read as Excel shows it, to 15 significant digits (Excel's own precision),
so a cell computed as ``=A1*1.1`` that shows ``1234.56`` is 1234.56 and not
the binary float ``1234.5600000000002`` stored behind it.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from decimal import Decimal
from typing import Any

from assesskit.io.records import InputFileError, InputTable, SourceRecord

__all__ = ["read_xlsx"]

INSTALL_HINT = "reading .xlsx files needs openpyxl: pip install 'assesskit[xlsx]'"


def read_xlsx(data: bytes, source: str) -> InputTable:
    """Read the first sheet of the workbook *data*; the first non-empty row is the header."""
    try:
        import openpyxl
    except ImportError:
        raise InputFileError([f"{source}: {INSTALL_HINT} (or save the sheet as CSV)"]) from None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it ignores (data validation,
            # default styles); they do not change cell values.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                rows = [
                    (index, list(row))
                    for index, row in enumerate(sheet.iter_rows(values_only=True), start=1)
                ]
            finally:
                workbook.close()
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputFileError(
            [f"{source}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})"]
        ) from None
    return _table(source, rows)


def _table(source: str, rows: list[tuple[int, list[Any]]]) -> InputTable:
    header: list[str] | None = None
    problems: list[str] = []
    records: list[SourceRecord] = []
    for number, row in rows:
        cells = [_cell(value) for value in row]
        if all(c is None for c in cells):
            continue
        if header is None:
            header = ["" if c is None else str(c).strip() for c in cells]
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
        text = value.strip()
        return text or None
    if isinstance(value, bool | int | dt.date | dt.time) or value is None:
        return value
    if isinstance(value, float):
        return Decimal(format(value, ".15g"))
    return value
