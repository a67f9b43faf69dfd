"""``assesskit score --format csv`` on large inputs: read, check, score and write in chunks.

When the output is CSV, every input is a CSV file and the scheme has no
review stages and no roll-ups (both relate the records of the whole input to
each other), records are read a chunk at a time, checked and scored on the
batch path, and their CSV rows written to a temporary file as they come.
Memory holds one chunk and a few dozen bytes per record (entity, period,
file and line, the history triggers); the output is the very text the
record-by-record path writes.

History rules and the check for the same entity and period twice need every
record: their keys are kept (:mod:`assesskit.io.history_keys`) and resolved
once the input is read; with history rules, the rows wait in the temporary
file and get their history columns in a second, sequential pass.

Every bad record is reported as the record-by-record path reports it: a
chunk the batch path finds a problem in is checked record by record, and
reading goes on to the end of the input so that every problem is listed.
Nothing is written then.
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._columns import plain_decimals
from assesskit.controls import has_control
from assesskit.errors import HistoryError, InvalidInputError
from assesskit.history import History, HistoryEntry
from assesskit.io.batch_csv import (
    fixed_cells,
    flag_cells,
    number_cells,
    quote,
    table_cells,
    text_cells,
)
from assesskit.io.csv_output import cell
from assesskit.io.csv_stream import CsvChunk, CsvStream, open_csv_stream
from assesskit.io.history_files import HistoryFile
from assesskit.io.history_keys import HistoryColumns, KeyIndex, RecordKeys
from assesskit.io.layout import value_columns
from assesskit.io.records import InputFileError, SourceRecord
from assesskit.io.scoring import (
    BadRecordsError,
    LocatedProblem,
    column_problems,
    record_problems,
)
from assesskit.metrics import MetricKind
from assesskit.periods import Period
from assesskit.results import BatchResult, Result
from assesskit.scheme import Scheme
from assesskit.scoring.batch import factorise, score_columns_detail, text_codes
from assesskit.scoring.exact import parse_record, read_period, score_parsed
from assesskit.scoring.history_stage import batch_bits, entry_bits, period_index, row_entry
from assesskit.scoring.identity import ENTITY_FIELD, duplicate_problem
from assesskit.scoring.plan import Sees, plan_of
from assesskit.text import Lang, Text

__all__ = ["STREAM_ROWS", "StreamedRun", "score_csv_files", "why_not_streamed"]

#: Records read, checked and scored at a time.
STREAM_ROWS = 50_000

#: Called with (records done, records expected) while scoring.
Progress = Callable[[int, int], None]

_LENGTH = struct.Struct("<Q")


def why_not_streamed(scheme: Scheme, inputs: Sequence[str]) -> str | None:
    """Why the records of *inputs* cannot be scored in chunks; ``None`` when they can.

    Chunks run the plan's per-record stages and, over every record's keys,
    the history stage (:mod:`assesskit.scoring.plan`); review stages and
    roll-ups need the whole input.
    """
    plan = plan_of(scheme)
    if plan.stage("review") is not None:
        return "the scheme has review stages, which compare the records of the whole input"
    if plan.across(Sees.PARENT):
        return "the scheme rolls results up over the whole input"
    for name in inputs:
        if Path(name).suffix.lower() not in (".csv", ".txt"):
            return f"{name} is not a CSV file"
    return None


@attrs.frozen
class StreamedRun:
    """The scored CSV text (UTF-8, no BOM) in a temporary file, and notes on the run."""

    body: IO[bytes]
    notes: tuple[Text, ...]


@attrs.define
class _Sink:
    """Where the rows go in the first pass, and how they are kept for the second."""

    file: IO[bytes]
    # with history rules a row waits for its history columns: rows are kept per chunk,
    # NUL-separated (NUL cannot occur in a CSV cell), each chunk after its length
    waiting: bool

    def rows(self, lines: list[str]) -> None:
        if self.waiting:
            data = "\x00".join(lines).encode("utf-8")
            self.file.write(_LENGTH.pack(len(data)))
            self.file.write(data)
        else:
            self.file.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))

    def waiting_chunks(self) -> Iterator[list[str]]:
        self.file.seek(0)
        while head := self.file.read(_LENGTH.size):
            (size,) = _LENGTH.unpack(head)
            yield self.file.read(size).decode("utf-8").split("\x00")


@attrs.define
class _Run:
    """State of one streamed run: problems, keys, notes and where every record is."""

    scheme: Scheme
    lang: Lang
    keys: RecordKeys
    # (row, kind, position) orders problems as the record-by-record path lists them
    problems: list[tuple[tuple[int, int, int], LocatedProblem]] = attrs.field(factory=list)
    file_problems: list[str] = attrs.field(factory=list)
    sources: list[str] = attrs.field(factory=list)
    source_of: list[npt.NDArray[np.int32]] = attrs.field(factory=list)
    lines: list[npt.NDArray[np.int64]] = attrs.field(factory=list)
    # with history rules: each row's scoring note, a code into note_texts
    scoring_notes: list[npt.NDArray[np.intp]] = attrs.field(factory=list)
    exact_notes: list[npt.NDArray[np.intp]] = attrs.field(factory=list)
    note_texts: dict[str, int] = attrs.field(factory=lambda: {"": 0})
    # each chunk's period cells as written: a code per row into the distinct texts
    period_cells: list[tuple[npt.NDArray[np.intp], list[str]]] = attrs.field(factory=list)
    rows: int = 0

    @property
    def failed(self) -> bool:
        """Whether a problem was found: rows are no longer written."""
        return bool(self.problems or self.file_problems)

    def where(self, row: int) -> SourceRecord:
        """The file and line of input row *row*, for a message."""
        start = 0
        for chunk, lines in enumerate(self.lines):
            if row < start + len(lines):
                source = self.sources[int(self.source_of[chunk][row - start])]
                return SourceRecord({}, source, f"line {int(lines[row - start])}")
            start += len(lines)
        raise IndexError(row)

    def period_cell(self, row: int) -> str:
        """The period cell of input row *row* as the file has it."""
        start = 0
        for codes, texts in self.period_cells:
            if row < start + len(codes):
                return texts[int(codes[row - start])]
            start += len(codes)
        raise IndexError(row)

    def note_code(self, text: str) -> int:
        """The code of a scoring note's text (0: none)."""
        return self.note_texts.setdefault(text, len(self.note_texts))


def score_csv_files(
    scheme: Scheme,
    paths: Sequence[tuple[Path, str]],
    encoding: str | None,
    history_files: Sequence[HistoryFile],
    lang: Lang,
    progress: Progress | None = None,
    expected: int = 0,
    chunk_rows: int | None = None,
) -> StreamedRun:
    """Score the CSV files *paths* (each with the name used in messages) chunk by chunk.

    Raises :class:`~assesskit.io.records.InputFileError` (a file cannot be
    read: every problem of every file), then
    :class:`~assesskit.io.scoring.BadRecordsError` (every problem of every
    record), then :class:`~assesskit.errors.HistoryError`, as the
    record-by-record path does. The output text is in ``body``, from its
    start: header and rows, CRLF line ends. *chunk_rows* records are read
    at a time (default :data:`STREAM_ROWS`); the output does not depend on it.
    """
    rows_at_once = STREAM_ROWS if chunk_rows is None else chunk_rows
    triggers = sum(len(rule.triggers) for rule in scheme.history_rules)
    run = _Run(scheme, lang, RecordKeys(triggers))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, or closed on failure
    body: IO[bytes] = spool
    try:
        sink = _Sink(spool, waiting=bool(scheme.history_rules))
        if not sink.waiting:
            spool.write((",".join(map(quote, _header(scheme))) + "\r\n").encode("utf-8"))
        table_notes: list[Text] = []
        for path, source in paths:
            note = _score_file(run, sink, path, source, encoding, rows_at_once, progress, expected)
            if note is not None:
                table_notes.append(Text(note))
        if run.file_problems:
            raise InputFileError(run.file_problems)
        for entry_file in history_files:
            for entry in entry_file.entries:
                run.keys.add_history(entry.entity_id, entry.period, _exact_bits(scheme, entry))
        index = run.keys.index()
        for row, first in index.duplicates():
            _duplicate(run, index, row, first)
        if run.problems:
            run.problems.sort(key=lambda item: item[0])
            raise BadRecordsError([p for _, p in run.problems])
        History(entry for f in history_files for entry in f.entries)  # raises on a key twice
        clash = index.in_history()
        if clash is not None:
            raise HistoryError(
                f"{index.entity(clash)} {index.period(clash, scheme)} "
                "is both in the input and in the history"
            )
        if sink.waiting:
            body = _second_pass(run, sink, index)
            spool.close()
    except BaseException:
        body.close()
        if body is not spool:
            spool.close()
        raise
    body.seek(0)
    notes = [*table_notes, *(Text(f.note) for f in history_files if f.note)]
    return StreamedRun(body, tuple(notes))


def _header(scheme: Scheme) -> list[str]:
    """The CSV header, as :func:`~assesskit.io.csv_output.header` gives it for this scheme."""
    names = ["entity_id", scheme.period_field, "total", "band", "vetoed"]
    names += [column.name for column in value_columns(scheme)]
    return [*names, "notes"]


def _duplicate(run: _Run, index: KeyIndex, row: int, first: int) -> None:
    """The problem of input row *row*, whose entity and period row *first* has."""
    scheme = run.scheme
    record = run.where(row)
    entity = index.entity(row)
    period = index.period(row, scheme)
    raw = run.period_cell(row)  # shown as the file has it, as the record-by-record path does
    problem = duplicate_problem(scheme, entity, period, None, raw, f"at {run.where(first).where()}")
    located = LocatedProblem(problem.located(entity, row), record.source, record)
    run.problems.append(((row, 1, 0), located))


# -- reading and scoring ------------------------------------------------------------------------


def _score_file(
    run: _Run,
    sink: _Sink,
    path: Path,
    source: str,
    encoding: str | None,
    chunk_rows: int,
    progress: Progress | None,
    expected: int,
) -> str | None:
    """Score every record of one file; return the note on how it was read."""
    try:
        stream, binary = open_csv_stream(path, source, encoding)
    except InputFileError as exc:
        run.file_problems += exc.problems
        return None
    except OSError as exc:
        run.file_problems.append(f"{source}: cannot be read: {exc.strerror or exc}")
        return None
    with binary:
        source_index = len(run.sources)
        run.sources.append(source)
        absent = column_problems(run.scheme, source, stream.columns)
        skip = frozenset(p.problem.field for p in absent)
        run.problems += [((run.rows, -1, i), p) for i, p in enumerate(absent)]
        for chunk in stream.chunks(chunk_rows):
            _score_chunk(run, sink, stream, chunk, source_index, skip)
            if progress is not None:
                progress(run.rows, max(expected, run.rows))
        run.file_problems += stream.problems
    return stream.note


def _score_chunk(
    run: _Run,
    sink: _Sink,
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
    columns = _batch_columns(scheme, chunk)
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


def _batch_columns(scheme: Scheme, chunk: CsvChunk) -> dict[str, Any]:
    """The columns the batch path reads: plain decimals as float64, other texts as they are."""
    columns: dict[str, Any] = {}
    for metric in scheme.metrics:
        cells = chunk.columns.get(metric.name)
        if cells is None:
            continue
        numeric = metric.kind.is_numeric or metric.kind is MetricKind.YEAR
        floats = plain_decimals(cells) if numeric else None
        columns[metric.name] = floats if floats is not None else np.array(cells, dtype=object)
    period = chunk.columns.get(scheme.period_field)
    if period is not None:
        columns[scheme.period_field] = np.array(period, dtype=object)
    return columns


def _check_exactly(
    run: _Run,
    sink: _Sink,
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
        bits.append(_exact_bits(scheme, HistoryEntry.from_result(result)))
        lines.append(_exact_row(run, sink, result))
    run.keys.add(entities, np.array(ordinals, dtype=np.int64), np.array(bits, dtype=bool))
    cells = list(chunk.columns.get(scheme.period_field, ("",) * len(chunk)))
    run.period_cells.append((np.arange(len(chunk), dtype=np.intp), cells))
    if not run.failed:
        # the batch path refused the chunk, but every record is fine: the exact results
        if sink.waiting:
            run.scoring_notes.append(np.concatenate(run.exact_notes))
            run.exact_notes.clear()
        sink.rows(lines)


def _exact_bits(scheme: Scheme, entry: HistoryEntry) -> list[bool]:
    """Whether each trigger of each history rule holds for *entry*."""
    bits: list[bool] = entry_bits(scheme, [entry])[0].tolist()
    return bits


# -- rows of CSV --------------------------------------------------------------------------------


def _text_cell(value: object) -> str:
    return quote(cell(value)) if value is not None else ""


def _outcome_cells(
    result: BatchResult, kind: str, name: str, flags_missing: dict[str, npt.NDArray[np.bool_]]
) -> list[str]:
    coded = text_codes(result, name) if kind == "text" else None
    if coded is not None:
        codes, table = coded
        return table_cells(codes, [_text_cell(t) for t in table])
    values = result.outcomes[name]
    if kind == "money":
        return fixed_cells(values, 2)
    if kind == "number":
        return number_cells(values)
    if kind == "flag":
        return flag_cells(values, flags_missing.get(name))
    shown: dict[Any, str] = {}
    out = []
    for value in values.tolist():
        key = tuple(value) if isinstance(value, list) else value
        try:
            text = shown[key]
        except KeyError:
            text = shown[key] = _text_cell(value)
        except TypeError:  # unhashable
            text = _text_cell(value)
        out.append(text)
    return out


def _scoring_notes(run: _Run, result: BatchResult, chunk: CsvChunk) -> npt.NDArray[np.intp]:
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
    run: _Run,
    sink: _Sink,
    chunk: CsvChunk,
    result: BatchResult,
    flags_missing: dict[str, npt.NDArray[np.bool_]],
    entities: Sequence[str],
    period_codes: npt.NDArray[np.intp],
    period_table: list[Period],
) -> list[str]:
    """The CSV rows of a scored chunk (without the history columns and notes while they wait)."""
    scheme = run.scheme
    columns: list[list[str]] = [
        text_cells(entities),
        table_cells(period_codes, [_text_cell(str(p)) for p in period_table]),
        fixed_cells(result.total),
        table_cells(result.band_index, [*(_text_cell(b) for b in result.band_ids), ""]),
        flag_cells(result.vetoed, None),
    ]
    columns += [fixed_cells(result.components[c.id]) for c in scheme.components]
    columns += [_outcome_cells(result, o.kind, o.id, flags_missing) for o in scheme.outcomes]
    notes = _scoring_notes(run, result, chunk)
    if sink.waiting:
        run.scoring_notes.append(notes)
    else:
        table = [_text_cell(text or None) for text in run.note_texts]
        columns.append(table_cells(notes, table))
    return list(map(",".join, zip(*columns, strict=True)))


def _exact_row(run: _Run, sink: _Sink, result: Result) -> str:
    """The CSV row of an exact result (history columns and notes left for later if they wait)."""
    scheme = run.scheme
    cells = [
        _text_cell(result.entity_id),
        _text_cell(None if result.period is None else str(result.period)),
        quote(cell(result.total)),
        _text_cell(result.band_id),
        cell(result.vetoed),
    ]
    for component in scheme.components:
        points = result.components[component.id].points
        cells.append(quote(cell(points)))
    cells += [quote(cell(result.outcome.get(o.id))) for o in scheme.outcomes]
    note = run.note_code(" | ".join(n.get(run.lang) for n in result.notes))
    if sink.waiting:
        run.exact_notes.append(np.array([note], dtype=np.intp))
    else:
        cells.append(_text_cell(" | ".join(n.get(run.lang) for n in result.notes) or None))
    return ",".join(cells)


def _second_pass(run: _Run, sink: _Sink, index: KeyIndex) -> IO[bytes]:
    """Add each row's history columns and notes, now that every record's keys are known."""
    scheme = run.scheme
    history = HistoryColumns.resolve(scheme, index, run.lang)
    scoring = np.concatenate(run.scoring_notes) if run.scoring_notes else np.zeros(0, dtype=np.intp)
    parts = [(scoring, tuple(run.note_texts)), *history.notes]
    notes_codes, notes_table = _combine_notes(parts)
    final = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, or closed on failure
    try:
        final.write((",".join(map(quote, _header(scheme))) + "\r\n").encode("utf-8"))
        offset = 0
        for prefixes in sink.waiting_chunks():
            part = slice(offset, offset + len(prefixes))
            offset += len(prefixes)
            columns: list[list[str]] = []
            for rule in scheme.history_rules:
                columns.append(flag_cells(history.fired[rule.id][part], None))
                if rule.triggers_outcome:
                    codes, table = history.triggered[rule.triggers_outcome]
                    columns.append(table_cells(codes[part], [_text_cell(t) for t in table]))
            columns.append(table_cells(notes_codes[part], notes_table))
            suffixes = map(",".join, zip(*columns, strict=True))
            lines = [f"{p},{q}" for p, q in zip(prefixes, suffixes, strict=True)]
            final.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    except BaseException:
        final.close()
        raise
    return final


def _combine_notes(
    parts: list[tuple[npt.NDArray[np.intp], tuple[str, ...]]],
) -> tuple[npt.NDArray[np.intp], list[str]]:
    """Each row's notes joined with `` | `` as its cell: a code per row into a table of cells."""
    combined = np.zeros(len(parts[0][0]), dtype=np.int64)
    for codes, table in parts:
        combined = combined * len(table) + codes
    distinct, index = np.unique(combined, return_inverse=True)
    cells = []
    for value in distinct.tolist():
        texts = []
        for _, table in reversed(parts):
            value, code = divmod(value, len(table))
            texts.append(table[code])
        cells.append(_text_cell(" | ".join(t for t in reversed(texts) if t) or None))
    return index.astype(np.intp).ravel(), cells
