"""CSV input read in chunks of records, for inputs too large to hold in memory.

The same file format as :func:`~assesskit.io.csv_input.read_csv` (header
row, LF or CRLF, cells stripped, blank rows skipped, UTF-8 with or without
BOM, else GB18030 with a note, or ``--encoding``), with the same problems
reported in the same words, but the file is decoded and parsed as a stream:
memory holds one chunk of records at a time.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from assesskit.controls import trimmed
from assesskit.io.csv_input import csv_problem
from assesskit.io.encoding import choose_encoding
from assesskit.io.records import InputFileError

__all__ = ["CsvChunk", "CsvStream", "open_csv_stream"]

_BLOCK = 1 << 20


@attrs.frozen
class CsvChunk:
    """Some records of a CSV file: their cells by column, and the line each starts on."""

    columns: dict[str, tuple[str, ...]]
    lines: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.lines)


def _file_blocks(path: Path) -> Callable[[], Iterator[bytes]]:
    """Reads *path* from its first byte, a block at a time, each time it is called."""

    def blocks() -> Iterator[bytes]:
        with path.open("rb") as handle:
            yield from iter(lambda: handle.read(_BLOCK), b"")

    return blocks


def _no_lines() -> Generator[str, None, None]:
    yield from ()


@attrs.define
class CsvStream:
    """A CSV file opened for reading in chunks; ``problems`` collects what is wrong with it.

    File problems (a row longer than the header, a value under a column
    without a name, malformed CSV) do not stop the reading: every one is
    collected, as :func:`~assesskit.io.csv_input.read_csv` reports them all.
    """

    source: str
    header: tuple[str, ...]
    note: str | None
    problems: list[str]
    _reader: Iterator[list[str]]
    _line_num: list[int]
    records: int = 0
    # the file's lines again, from its first (to find where a quote never closed opened)
    _lines: Callable[[], Generator[str, None, None]] = attrs.field(default=_no_lines)
    _error: csv.Error | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """The named columns of the header."""
        return tuple(h for h in self.header if h)

    def chunks(self, size: int) -> Iterator[CsvChunk]:
        """The records, *size* rows of the file at a time (fewer when some are blank).

        Rows are read in bulk and handled column by column; rows that break a
        rule of the format (too many cells, a value without a column name) or
        cells with spaces around them take the slower row-by-row way.
        """
        header = self.header
        width = len(header)
        unnamed = [index for index, name in enumerate(header) if not name]
        rows_of_file = self._safe_rows()
        while True:
            raw = list(itertools.islice(rows_of_file, size))
            if not raw:
                self._report_syntax_error(self._line_num[0] + 1)
                return
            starts = self._starts(raw)
            if self._error is not None:  # the row after the last one read is malformed
                last = raw[-1]
                self._report_syntax_error(starts[-1] + 1 + sum(map(_line_breaks, last)))
            keep = list(map(any, raw))
            rows = list(itertools.compress(raw, keep))
            lines = list(itertools.compress(starts, keep))
            if not rows:
                continue
            if max(map(len, rows)) > width or unnamed:
                rows, lines = self._check_rows(rows, lines, width, unnamed)
            padded = list(itertools.zip_longest(*rows, fillvalue="")) if rows else []
            stripped = [_stripped(cells) for cells in padded]
            if any(s is not c for s, c in zip(stripped, padded, strict=True)):
                # cells with spaces around them: a row of spaces only is blank
                blank = [not any(cells) for cells in zip(*stripped, strict=True)]
                if any(blank):
                    kept = [not b for b in blank]
                    stripped = [tuple(itertools.compress(c, kept)) for c in stripped]
                    lines = list(itertools.compress(lines, kept))
            if not lines:
                continue
            self.records += len(lines)
            columns = {name: cells for name, cells in zip(header, stripped, strict=False) if name}
            for name in header:
                if name and name not in columns:
                    columns[name] = ("",) * len(lines)
            yield CsvChunk(columns, tuple(lines))

    def _safe_rows(self) -> Iterator[list[str]]:
        # the reader runs at C speed; a syntax error ends it and is reported by chunks()
        try:
            yield from self._reader
        except csv.Error as exc:
            self._error = exc

    def _report_syntax_error(self, start: int) -> None:
        """Report the syntax error met, if any, in the record starting at line *start*."""
        if self._error is not None:
            self._syntax_problem(self._error, start)
            self._error = None

    def _syntax_problem(self, error: csv.Error, start: int) -> None:
        line = self._reader.line_num  # type: ignore[attr-defined]
        with contextlib.closing(self._lines()) as lines:
            self.problems.append(csv_problem(self.source, error, line, start, lines))

    def _starts(self, raw: list[list[str]]) -> list[int]:
        """The line each row of *raw* starts on (a quoted cell may hold line breaks)."""
        before = self._line_num[0]
        end = self._reader.line_num  # type: ignore[attr-defined]
        self._line_num[0] = end
        if end - before == len(raw):
            return list(range(before + 1, end + 1))
        starts = []
        line = before
        for row in raw:
            starts.append(line + 1)
            line += 1 + sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row)
        return starts

    def _check_rows(
        self, rows: list[list[str]], lines: list[int], width: int, unnamed: list[int]
    ) -> tuple[list[list[str]], list[int]]:
        """Rows with more cells than the header, or values without a column name: problems."""
        kept_rows, kept_lines = [], []
        for row, start in zip(rows, lines, strict=True):
            cells = [trimmed(cell) for cell in row]
            if not any(cells):
                continue
            if len(cells) > width:
                self.problems.append(
                    f"{self.source} line {start}: {len(cells)} cells, but the header has "
                    f"{width} columns"
                )
                continue
            for index in unnamed:
                if index < len(cells) and cells[index]:
                    self.problems.append(
                        f"{self.source} line {start}: value {cells[index]!r} in column "
                        f"{index + 1}, which has no name in the header"
                    )
            kept_rows.append(row)
            kept_lines.append(start)
        return kept_rows, kept_lines

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        """Rows one by one, stripped, blank rows skipped (for the header)."""
        reader = self._reader
        try:
            for row in reader:
                start = self._line_num[0] + 1
                self._line_num[0] = reader.line_num  # type: ignore[attr-defined]
                cells = [trimmed(cell) for cell in row]
                if any(cells):
                    yield start, cells
        except csv.Error as exc:
            self._syntax_problem(exc, self._line_num[0] + 1)


_SPACE = re.compile(r"\s")


def _line_breaks(cell: str) -> int:
    """Line breaks inside a cell, counted as the CSV reader counts lines."""
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n")


def _stripped(cells: tuple[str, ...]) -> tuple[str, ...]:
    """*cells* without spaces around each (the same tuple when none has a space at all)."""
    if _SPACE.search("".join(cells)) is None:
        return cells
    stripped = tuple(map(trimmed, cells))
    return cells if stripped == cells else stripped


def open_csv_stream(path: Path, source: str, encoding: str | None) -> tuple[CsvStream, BinaryIO]:
    """Open the CSV file *path* (named *source* in messages) and read its header.

    Returns the stream and the open binary file (close it when done). Raises
    :class:`~assesskit.io.records.InputFileError` for a file that cannot be
    decoded or has no header row.
    """
    choice = choose_encoding(_file_blocks(path), source, encoding)
    chosen, skip, note = choice.encoding, choice.skip, choice.note
    binary = path.open("rb")
    binary.seek(skip)
    text = io.TextIOWrapper(binary, encoding=chosen, newline="")
    reader = csv.reader(text, strict=True)

    def lines() -> Generator[str, None, None]:
        with path.open("rb") as again:
            again.seek(skip)
            with io.TextIOWrapper(again, encoding=chosen, newline="") as text:
                yield from text

    stream = CsvStream(source, (), note, [], reader, [0], 0, lines)
    for _start, cells in stream._rows():
        if not stream.header and cells:  # a second BOM, as decode_text drops it
            cells[0] = cells[0].removeprefix("\ufeff")
        stream.header = tuple(cells)
        seen: set[str] = set()
        for name in cells:
            if name and name in seen:
                stream.problems.append(
                    f"{source} line {_start}: column {name!r} appears twice in the header"
                )
            seen.add(name)
        break
    if not stream.header:
        binary.close()
        if stream.problems:
            raise InputFileError(stream.problems)
        raise InputFileError([f"{source}: empty file (no header row)"])
    return stream, binary
