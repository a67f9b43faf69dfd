"""``assesskit score --format csv`` on large inputs: read, check, score and write in chunks.

When the output is CSV, every input is a CSV file and the scheme has no
review stages and no roll-ups (both relate the records of the whole input to
each other), records are read a chunk at a time, checked and scored on the
batch path, and their CSV rows written to a temporary file as they come.
Memory holds one chunk and a few dozen bytes per record (entity, period,
file and line, the history triggers); the output is the very text the
record-by-record path writes.

History rules and the check for the same entity and period twice need every
record: their keys are kept (:mod:`assesskit.run.stream_keys`) and resolved
once the input is read; with history rules, the rows wait in the temporary
file and get their history columns in a second, sequential pass.

Every bad record is reported as the record-by-record path reports it: a
chunk the batch path finds a problem in is checked record by record, and
reading goes on to the end of the input so that every problem is listed.
Nothing is written then.

Chunks are read and scored in :mod:`~assesskit.run.stream_chunks`; the
files, the cells and the temporary file are :mod:`assesskit.io`'s.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import attrs
import numpy as np

from assesskit.errors import HistoryError
from assesskit.history import History
from assesskit.io.batch_csv import flag_cells, quote, table_cells
from assesskit.io.csv_rows import notes_cells, stream_header, text_cell
from assesskit.io.headers import HeaderMatch, HeaderReader
from assesskit.io.history_files import HistoryFile
from assesskit.io.located import BadRecordsError, LocatedProblem
from assesskit.io.records import InputFileError
from assesskit.io.spill import RowSpill
from assesskit.run import stream_chunks
from assesskit.run.kept import kept_columns
from assesskit.run.stream_keys import HistoryColumns, KeyIndex, RecordKeys
from assesskit.run.stream_state import Progress, StreamState
from assesskit.scheme import Scheme
from assesskit.scoring.identity import duplicate_problem
from assesskit.scoring.plan import Sees, plan_of
from assesskit.text import Lang, Text

__all__ = ["STREAM_ROWS", "StreamedRun", "score_csv_files", "why_not_streamed"]

#: Records read, checked and scored at a time.
STREAM_ROWS = 50_000


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


def score_csv_files(
    scheme: Scheme,
    paths: Sequence[tuple[Path, str]],
    encoding: str | None,
    history_files: Sequence[HistoryFile],
    lang: Lang,
    progress: Progress | None = None,
    expected: int = 0,
    chunk_rows: int | None = None,
    headers: HeaderReader | None = None,
    keep: Sequence[str] | None = None,
    excel: bool = False,
) -> StreamedRun:
    """Score the CSV files *paths* (each with the name used in messages) chunk by chunk.

    Raises :class:`~assesskit.io.records.InputFileError` (a file cannot be
    read: every problem of every file), then
    :class:`~assesskit.io.located.BadRecordsError` (every problem of every
    record), then :class:`~assesskit.errors.HistoryError`, as the
    record-by-record path does. The output text is in ``body``, from its
    start: header and rows, CRLF line ends. *chunk_rows* records are read
    at a time (default :data:`STREAM_ROWS`); the output does not depend on it.
    *headers* reads each file's columns as fields (default: by their ids).
    The columns *keep* names (``None``: every column the scheme does not
    read) are passed through beside the results (:mod:`assesskit.run.kept`);
    with *excel*, cells Excel would change are written ``="2026-07"``.
    """
    rows_at_once = STREAM_ROWS if chunk_rows is None else chunk_rows
    triggers = sum(len(rule.triggers) for rule in scheme.history_rules)
    run = StreamState(scheme, lang, RecordKeys(triggers))
    if headers is not None:
        headers = _once(headers)
    columns = [_header_of(path, source, encoding) for path, source in paths]
    if headers is not None:  # a column read as a metric (業務收入) is not passed through too
        columns = [
            headers(source, names).renamed(names)
            for names, (_, source) in zip(columns, paths, strict=True)
        ]
    run.kept = kept_columns(scheme, columns, keep)
    run.excel = excel
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, or closed on failure
    body: IO[bytes] = spool
    try:
        sink = RowSpill(spool, waiting=bool(scheme.history_rules))
        if not sink.waiting:
            spool.write(
                (",".join(map(quote, stream_header(scheme, run.kept))) + "\r\n").encode("utf-8")
            )
        table_notes: list[Text] = []
        for path, source in paths:
            note = stream_chunks.score_file(
                run, sink, path, source, encoding, rows_at_once, progress, expected, headers
            )
            if note is not None:
                table_notes.append(Text(note))
        if run.file_problems:
            raise InputFileError(run.file_problems)
        for entry_file in history_files:
            for entry in entry_file.entries:
                run.keys.add_history(
                    entry.entity_id, entry.period, stream_chunks.exact_bits(scheme, entry)
                )
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


def _once(headers: HeaderReader) -> HeaderReader:
    """*headers*, reading each file's columns once (its warnings are written once)."""
    matches: dict[tuple[str, tuple[str, ...]], HeaderMatch] = {}

    def read(source: str, columns: Sequence[str]) -> HeaderMatch:
        key = (source, tuple(columns))
        if key not in matches:
            matches[key] = headers(source, columns)
        return matches[key]

    return read


def _header_line(run: StreamState) -> bytes:
    return (",".join(map(quote, stream_header(run.scheme, run.kept))) + "\r\n").encode("utf-8")


def _header_of(path: Path, source: str, encoding: str | None) -> tuple[str, ...]:
    """The columns of one CSV file (none when it cannot be read: that is reported later)."""
    try:
        stream, binary = stream_chunks.open_csv_stream(path, source, encoding)
    except (InputFileError, OSError):
        return ()
    binary.close()
    return stream.columns


def _duplicate(run: StreamState, index: KeyIndex, row: int, first: int) -> None:
    """The problem of input row *row*, whose entity and period row *first* has."""
    scheme = run.scheme
    record = run.where(row)
    entity = index.entity(row)
    period = index.period(row, scheme)
    raw = run.period_cell(row)  # shown as the file has it, as the record-by-record path does
    problem = duplicate_problem(scheme, entity, period, None, raw, f"at {run.where(first).where()}")
    located = LocatedProblem(problem.located(entity, row), record.source, record)
    run.problems.append(((row, 1, 0), located))


def _second_pass(run: StreamState, sink: RowSpill, index: KeyIndex) -> IO[bytes]:
    """Add each row's history columns and notes, now that every record's keys are known."""
    scheme = run.scheme
    history = HistoryColumns.resolve(scheme, index, run.lang)
    scoring = np.concatenate(run.scoring_notes) if run.scoring_notes else np.zeros(0, dtype=np.intp)
    parts = [(scoring, tuple(run.note_texts)), *history.notes]
    notes_codes, notes_table = notes_cells(parts)
    final = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, or closed on failure
    try:
        final.write(
            (",".join(map(quote, stream_header(scheme, run.kept))) + "\r\n").encode("utf-8")
        )
        offset = 0
        for prefixes in sink.waiting_chunks():
            part = slice(offset, offset + len(prefixes))
            offset += len(prefixes)
            columns: list[list[str]] = []
            for rule in scheme.history_rules:
                columns.append(flag_cells(history.fired[rule.id][part], None))
                if rule.triggers_outcome:
                    codes, table = history.triggered[rule.triggers_outcome]
                    columns.append(table_cells(codes[part], [text_cell(t) for t in table]))
            columns.append(table_cells(notes_codes[part], notes_table))
            suffixes = map(",".join, zip(*columns, strict=True))
            lines = [f"{p},{q}" for p, q in zip(prefixes, suffixes, strict=True)]
            final.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    except BaseException:
        final.close()
        raise
    return final
