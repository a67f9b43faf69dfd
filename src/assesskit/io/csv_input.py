"""CSV input: a header row, then one record per row; LF or CRLF line ends."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from assesskit.controls import trimmed
from assesskit.io.decode import decode_text
from assesskit.io.records import InputFileError, InputTable, SourceRecord

__all__ = ["csv_problem", "read_csv"]


def read_csv(data: bytes, source: str, encoding: str | None = None) -> InputTable:
    """Read CSV *data* from *source* (see :func:`~assesskit.io.decode.decode_text`).

    Cells are stripped of surrounding spaces; an empty cell is a value not
    given, and so is a cell missing at the end of a short row. Blank rows are
    skipped. A row with more cells than the header, a duplicate column name,
    a value under a column without a name, or malformed quoting (text after
    a closing quote, a quote never closed) is an error; every such problem
    of the file is reported at once.

    >>> table = read_csv(b"entity_id,period\\r\\nLO-1,2026-08\\r\\n", "a.csv")
    >>> table.records[0].values, table.records[0].location
    ({'entity_id': 'LO-1', 'period': '2026-08'}, 'line 2')
    """
    text, note = decode_text(data, source, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[str] = []
    header: list[str] | None = None
    records: list[SourceRecord] = []
    line_before = 0
    try:
        for row in reader:
            start, line_before = line_before + 1, reader.line_num
            cells = [trimmed(cell) for cell in row]
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
        lines = io.StringIO(text, newline="")
        problems.append(csv_problem(source, exc, reader.line_num, line_before + 1, lines))
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


# A quoted cell, possessive so that a quote never closed cannot be matched by giving back
# a doubled quote; and the rest of an unquoted cell.
_QUOTED = re.compile(r'"(?>[^"]*+(?:""[^"]*+)*+)"')
_UNQUOTED = re.compile(r"[^,\r\n]*+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Text scanned for the quote a record leaves open (beyond it, its first line is named).
_SCAN = 1 << 20


def csv_problem(source: str, error: csv.Error, line: int, start: int, lines: Iterable[str]) -> str:
    """The message for a CSV syntax *error* read at *line*, in a record starting at *start*.

    A quote never closed reads to the end of the file; the message names the
    line where it opened, found in *lines* (the file's lines, from the first).
    """
    if "unexpected end of data" not in str(error):
        return f"{source} line {line}: not valid CSV: {error}"
    rest: list[str] = []
    size = 0
    for number, text in enumerate(lines, start=1):
        if number < start:
            continue
        rest.append(text)
        size += len(text)
        if size > _SCAN:
            break
    opened = _open_quote("".join(rest))
    where = start if opened is None else start + opened
    return f"{source}: not valid CSV: unterminated quote starting at line {where}"


def _open_quote(text: str) -> int | None:
    """Lines before the quote that *text* (a record, from its start) leaves open."""
    position, end = 0, len(text)
    while position < end:
        if text[position] == '"':
            closed = _QUOTED.match(text, position)
            if closed is None:
                return len(_LINE_BREAK.findall(text, 0, position))
            position = closed.end()
        position = _UNQUOTED.match(text, position).end()  # type: ignore[union-attr]
        if position >= end or text[position] != ",":
            return None
        position += 1
    return None


def _header_problems(source: str, header: list[str], line: int) -> list[str]:
    seen: set[str] = set()
    problems = []
    for name in header:
        if name and name in seen:
            problems.append(f"{source} line {line}: column {name!r} appears twice in the header")
        seen.add(name)
    return problems
