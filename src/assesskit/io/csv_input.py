"""CSV input: a header row, then one record per row; LF or CRLF line ends."""

from __future__ import annotations

import csv
import io

from assesskit.io.decode import decode_text
from assesskit.io.records import InputFileError, InputTable, SourceRecord

__all__ = ["read_csv"]


def read_csv(data: bytes, source: str, encoding: str | None = None) -> InputTable:
    """Read CSV *data* from *source* (see :func:`~assesskit.io.decode.decode_text`).

    Cells are stripped of surrounding spaces; an empty cell is a value not
    given, and so is a cell missing at the end of a short row. Blank rows are
    skipped. A row with more cells than the header, a duplicate column name,
    or a value under a column without a name is an error; every such problem
    of the file is reported at once.

    >>> table = read_csv(b"entity_id,period\\r\\nLO-1,2026-08\\r\\n", "a.csv")
    >>> table.records[0].values, table.records[0].location
    ({'entity_id': 'LO-1', 'period': '2026-08'}, 'line 2')
    """
    text, note = decode_text(data, source, encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[str] = []
    header: list[str] | None = None
    records: list[SourceRecord] = []
    line_before = 0
    try:
        for row in reader:
            start, line_before = line_before + 1, reader.line_num
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if header is None:
                header = cells
                problems += _header_problems(source, header, start)
                continue
            if len(cells) > len(header):
                problems.append(
                    f"{source} line {start}: {len(cells)} cells, but the header has "
                    f"{len(header)} columns"
                )
                continue
            values: dict[str, object] = {}
            for index, cell in enumerate(cells):
                name = header[index]
                if name:
                    values[name] = cell
                elif cell:
                    problems.append(
                        f"{source} line {start}: value {cell!r} in column {index + 1}, "
                        "which has no name in the header"
                    )
            records.append(SourceRecord(values, source, f"line {start}"))
    except csv.Error as exc:
        problems.append(f"{source} line {reader.line_num}: not valid CSV: {exc}")
    if problems:
        raise InputFileError(problems)
    if header is None:
        raise InputFileError([f"{source}: empty file (no header row)"])
    return InputTable(
        source,
        tuple(h for h in header if h),
        tuple(records),
        (note,) if note else (),
    )


def _header_problems(source: str, header: list[str], line: int) -> list[str]:
    seen: set[str] = set()
    problems = []
    for name in header:
        if name and name in seen:
            problems.append(f"{source} line {line}: column {name!r} appears twice in the header")
        seen.add(name)
    return problems
