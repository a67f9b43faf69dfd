"""Reading, checking and scoring a streamed CSV file, a chunk at a time.

A chunk is checked and scored on the batch path; a chunk the batch path
finds a problem in (or cannot read: a missing column, an empty or unusual
entity id, a bad period) is checked record by record, as the
record-by-record path checks it, and scored exactly. Either way its rows
are written as the record-by-record path writes them
(:mod:`assesskit.io.csv_rows`), and each record's keys are kept
(:class:`~assesskit.run.stream_keys.RecordKeys`) for the checks and the
history stage over the whole input.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assesskit._columns import plain_decimals
from assesskit.controls import has_control
from assesskit.errors import InvalidInputError
from assesskit.history import HistoryEntry
from assesskit.io.batch_csv import table_cells, text_cells
from assesskit.io.csv_output import excel_column
from assesskit.io.csv_rows import batch_columns, exact_cells, joined_rows, text_cell
from assesskit.io.csv_stream import CsvChunk, CsvStream, open_csv_stream
from assesskit.io.headers import HeaderReader
from assesskit.io.located import LocatedProblem
from assesskit.io.records import InputFileError, SourceRecord
from assesskit.io.spill import RowSpill
from assesskit.metrics import MetricKind
from assesskit.periods import Period
from assesskit.results import BatchResult, Result
from assesskit.run.files import column_problems, record_problems
from assesskit.run.stream_state import Progress, StreamState
from assesskit.scheme import Scheme
from assesskit.scoring.batch import factorise, score_columns_detail
from assesskit.scoring.exact import parse_record, read_period, score_parsed
from assesskit.scoring.history_stage import batch_bits, entry_bits, period_index, row_entry
from assesskit.scoring.identity import ENTITY_FIELD

__all__ = ["exact_bits", "open_csv_stream", "score_chunk", "score_file"]


def score_file(
    run: StreamState,
    sink: RowSpill,
    path: Path,
    source: str,
    encoding: str | None,
    chunk_rows: int,
    progress: Progress | None,
    expected: int,
    headers: HeaderReader | None = None,
) -> str | None:
    """Score every record of one file; return the note on how it was read.

    *headers* reads the file's columns as fields (default: by their ids).
    """
    try:
        stream, binary = open_csv_stream(path, source, encoding)
    except InputFileError as exc:
        run.file_problems += exc.problems
        return None
    except OSError as exc:
        run.file_problems.append(f"{source}: cannot be read: {exc.strerror or exc}")
        return None
    with binary:
        if headers is not None:
            match = headers(source, stream.columns)
            stream.header = tuple(match.field(h) if h else h for h in stream.header)
            run.file_problems += match.problems
        source_index = len(run.sources)
        run.sources.append(source)
        absent = column_problems(run.scheme, source, stream.columns)
        skip = frozenset(p.problem.field for p in absent)
        run.problems += [((run.rows, -1, i), p) for i, p in enumerate(absent)]
        for chunk in stream.chunks(chunk_rows):
            score_chunk(run, sink, stream, chunk, source_index, skip)
            if progress is not None:
                progress(run.rows, max(expected, run.rows))
        run.file_problems += stream.problems
    return stream.note


def score_chunk(
    run: StreamState,
    sink: RowSpill,
    stream: CsvStream,
    chunk: CsvChunk,
    source_index: int,
    skip: frozenset[str],
) -> None:
    """Check and score one chunk on the batch path (record by record if it finds a problem)."""
    scheme = run.scheme
    size = len(chunk)
    first = run.rows
    run.rows += size
    run.source_of.append(np.full(size, source_index, dtype=np.int32))
    run.lines.append(np.asarray(chunk.lines, dtype=np.int64))
    entities = chunk.columns.get(ENTITY_FIELD)
    period_cells = chunk.columns.get(scheme.period_field)
    if (
        skip
        or entities is None
        or period_cells is None
        or "" in entities
        or has_control("".join(entities))
    ):
        _check_exactly(run, sink, stream, chunk, first, skip)
        return
    periods = _periods(scheme, period_cells)
    if periods is None:
        _check_exactly(run, sink, stream, chunk, first, skip)
        return
    columns = _batch_inputs(scheme, chunk)
    try:
        result, flags_missing = score_columns_detail(scheme, columns)
    except InvalidInputError:
        _check_exactly(run, sink, stream, chunk, first, skip)
        return
    period_codes, period_table, texts = periods
    run.period_cells.append((period_codes, texts))
    ordinals = np.array([period_index(p) for p in period_table], dtype=np.int64)[period_codes]
    periods_of_rows = np.array(period_table, dtype=object)[period_codes]
    bits = batch_bits(
        scheme,
        columns,
        result,
        periods_of_rows,
        np.ones(size, dtype=bool),
        lambda row: row_entry(scheme, columns, result, row, entities[row], periods_of_rows[row]),
    )
    run.keys.add(entities, ordinals, bits)
    if run.failed:
        return  # nothing will be written: only look for more problems
    sink.rows(_rows(run, sink, chunk, result, flags_missing, entities, period_codes, period_table))


def _periods(
    scheme: Scheme, cells: Sequence[str]
) -> tuple[npt.NDArray[np.intp], list[Period], list[str]] | None:
    """Each record's period: a code into the distinct periods and their texts (``None``: bad)."""
    index, texts = factorise(cells)
    table: list[Period] = []
    for text in texts:
        period, broken = read_period(scheme, text)
        if period is None or broken is not None:
            return None
        table.append(period)
    return index, table, list(texts)


def _batch_inputs(scheme: Scheme, chunk: CsvChunk) -> dict[str, Any]:
    """The columns the batch path reads: plain decimals as float64, other texts as they are."""
    columns: dict[str, Any] = {}
    for metric in scheme.metrics:
        cells = chunk.columns.get(metric.name)
        if cells is None:
            continue
        numeric = metric.kind.is_numeric or metric.kind is MetricKind.YEAR
        percent = metric.kind is MetricKind.RATIO  # "7.13%" too
        floats = plain_decimals(cells, percent) if numeric else None
        columns[metric.name] = floats if floats is not None else np.array(cells, dtype=object)
    period = chunk.columns.get(scheme.period_field)
    if period is not None:
        columns[scheme.period_field] = np.array(period, dtype=object)
    return columns


def _check_exactly(
    run: StreamState,
    sink: RowSpill,
    stream: CsvStream,
    chunk: CsvChunk,
    first: int,
    skip: frozenset[str],
) -> None:
    """Check a chunk record by record, as the record-by-record path does, and score it so."""
    scheme = run.scheme
    names = list(chunk.columns)
    entities: list[str] = []
    ordinals: list[int] = []
    bits: list[list[bool]] = []
    lines: list[str] = []
    for offset, line in enumerate(chunk.lines):
        row = first + offset
        values: dict[str, object] = {name: chunk.columns[name][offset] for name in names}
        parsed, found = record_problems(scheme, values, skip, row)
        record = SourceRecord(values, stream.source, f"line {line}")
        for position, problem in enumerate(found):
            run.problems.append(
                ((row, 0, position), LocatedProblem(problem, stream.source, record))
            )
        if parsed.entity_id is not None and parsed.period is not None:
            entities.append(parsed.entity_id)
            ordinals.append(period_index(parsed.period))
        else:
            entities.append(f"\x00{row}")  # no key: NUL never occurs in a cell, so it is unique
            ordinals.append(0)
        if found or run.failed:
            bits.append([False] * run.keys.triggers)
            continue
        result = score_parsed(scheme, parsed)
        bits.append(exact_bits(scheme, HistoryEntry.from_result(result)))
        lines.append(_exact_row(run, sink, result, values))
    run.keys.add(entities, np.array(ordinals, dtype=np.int64), np.array(bits, dtype=bool))
    cells = list(chunk.columns.get(scheme.period_field, ("",) * len(chunk)))
    run.period_cells.append((np.arange(len(chunk), dtype=np.intp), cells))
    if not run.failed:
        # the batch path refused the chunk, but every record is fine: the exact results
        if sink.waiting:
            run.scoring_notes.append(np.concatenate(run.exact_notes))
            run.exact_notes.clear()
        sink.rows(lines)


def exact_bits(scheme: Scheme, entry: HistoryEntry) -> list[bool]:
    """Whether each trigger of each history rule holds for *entry*."""
    bits: list[bool] = entry_bits(scheme, [entry])[0].tolist()
    return bits


def _scoring_notes(run: StreamState, result: BatchResult, chunk: CsvChunk) -> npt.NDArray[np.intp]:
    """Each row's note on components not applicable (code 0: none), as the exact path words it.

    The note depends only on which components do not apply: the exact path
    scores one record of each such pattern and its words serve every row.
    """
    scheme = run.scheme
    size = result.size
    if scheme.not_applicable != "rescale" or not any(
        c.rule.may_be_not_applicable() for c in scheme.components
    ):
        return np.zeros(size, dtype=np.intp)
    absent = np.stack([np.isnan(result.components[c.id]) for c in scheme.components], axis=1)
    patterns, first, codes = np.unique(absent, axis=0, return_index=True, return_inverse=True)
    table = []
    for pattern, row in zip(patterns.tolist(), first.tolist(), strict=True):
        if not any(pattern):
            table.append(0)
            continue
        values = {name: cells[row] for name, cells in chunk.columns.items()}
        exact = score_parsed(scheme, parse_record(scheme, values, row))
        table.append(run.note_code(" | ".join(n.get(run.lang) for n in exact.notes)))
    return np.array(table, dtype=np.intp)[codes.ravel()]


def _rows(
    run: StreamState,
    sink: RowSpill,
    chunk: CsvChunk,
    result: BatchResult,
    flags_missing: dict[str, npt.NDArray[np.bool_]],
    entities: Sequence[str],
    period_codes: npt.NDArray[np.intp],
    period_table: list[Period],
) -> list[str]:
    """The CSV rows of a scored chunk (without the history columns and notes while they wait)."""
    columns = batch_columns(run.scheme, result, flags_missing, entities, period_codes, period_table)
    blank = [""] * len(chunk)
    columns[2:2] = [text_cells(chunk.columns.get(name, blank)) for name in run.kept]
    if run.excel:
        columns = [excel_column(cells) for cells in columns]
    notes = _scoring_notes(run, result, chunk)
    if sink.waiting:
        run.scoring_notes.append(notes)
    else:
        table = [text_cell(text or None) for text in run.note_texts]
        columns.append(table_cells(notes, table))
    return joined_rows(columns)


def _exact_row(run: StreamState, sink: RowSpill, result: Result, values: dict[str, object]) -> str:
    """The CSV row of an exact result (history columns and notes left for later if they wait)."""
    cells = exact_cells(run.scheme, result)
    cells[2:2] = [text_cell(values.get(name) or None) for name in run.kept]
    if run.excel:
        cells = excel_column(cells)
    note = run.note_code(" | ".join(n.get(run.lang) for n in result.notes))
    if sink.waiting:
        run.exact_notes.append(np.array([note], dtype=np.intp))
    else:
        cells.append(text_cell(" | ".join(n.get(run.lang) for n in result.notes) or None))
    return ",".join(cells)
