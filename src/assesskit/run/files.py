"""From input files to published results, with every problem located in its file.

This is the file-aware front end of ``assesskit score`` (record by record).

The scoring itself is :func:`assesskit.pipeline.score_prepared` (validate
all, score exactly, history, stages, roll-ups). This module adds what files
bring: every problem names the file and line (not only a row index), a
required column missing from a file is reported once rather than on every
row, each record must name its ``entity_id`` and period, a spreadsheet date
``2026-07-01`` in the period column means the month ``2026-07``, and
``--history`` files provide the earlier periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from assesskit.errors import Problem
from assesskit.history import History
from assesskit.io.history_files import HistoryFile
from assesskit.io.located import BadRecordsError, LocatedProblem
from assesskit.io.published import ScoreRun
from assesskit.io.records import InputTable, SourceRecord
from assesskit.periods import PeriodKind
from assesskit.pipeline import Prepared, prepare_records, score_prepared
from assesskit.run.kept import kept_columns
from assesskit.scheme import Scheme
from assesskit.scoring.exact import ParsedRecord, parse_record
from assesskit.scoring.identity import identity_problems, missing_fields
from assesskit.text import Text

__all__ = [
    "check_records",
    "column_problems",
    "missing_columns",
    "period_value",
    "record_problems",
    "score_tables",
]

#: Called with (records done, records in all) while scoring.
ProgressCallback = Callable[[int, int], None]


def missing_columns(scheme: Scheme, table: InputTable) -> list[LocatedProblem]:
    """Required columns missing from *table*, once per file, even when it has no records.

    Only an input without any column at all (an empty JSON array) has nothing to check.
    """
    if not table.records and not table.columns:
        return []
    return column_problems(scheme, table.source, table.columns)


def column_problems(scheme: Scheme, source: str, columns: Sequence[str]) -> list[LocatedProblem]:
    """Required columns missing from a file of *columns*, with the column perhaps meant."""
    return [LocatedProblem(p, source) for p in missing_fields(scheme, columns)]


def period_value(raw: object, scheme: Scheme) -> object:
    """A spreadsheet date on the 1st of a month is the month (Excel turns ``2026-07`` into one)."""
    if (
        isinstance(raw, dt.date)
        and scheme.period is PeriodKind.MONTHLY
        and raw.day == 1
        and (not isinstance(raw, dt.datetime) or raw.time() == dt.time())
    ):
        return f"{raw.year:04d}-{raw.month:02d}"
    return raw


@attrs.frozen
class _Located:
    record: SourceRecord
    values: dict[str, object]
    skip: frozenset[str]


def _records(
    scheme: Scheme, tables: Iterable[InputTable]
) -> tuple[list[_Located], list[LocatedProblem]]:
    located: list[_Located] = []
    problems: list[LocatedProblem] = []
    field = scheme.period_field
    for table in tables:
        absent = missing_columns(scheme, table)
        problems += absent
        skip = frozenset(p.problem.field for p in absent)
        for record in table.records:
            values = dict(record.values)
            if field in values:
                values[field] = period_value(values[field], scheme)
            located.append(_Located(record, values, skip))
    return located, problems


def record_problems(
    scheme: Scheme, values: dict[str, object], skip: frozenset[str], index: int
) -> tuple[ParsedRecord, list[Problem]]:
    """One record read against *scheme*, and its problems but duplicates.

    *skip* names required columns missing from the record's file (reported
    once for the file, not on every record); *index* is the record's
    position in the whole input.
    """
    parsed = parse_record(scheme, values, index)
    return parsed, _file_problems(scheme, parsed, parsed.problems, values, skip, index)


def _file_problems(
    scheme: Scheme,
    parsed: ParsedRecord,
    found: Sequence[Problem],
    values: Mapping[str, object],
    skip: frozenset[str],
    index: int,
) -> list[Problem]:
    """A record's problems as a file has them: a missing column once per file, whom and when."""
    kept = [p for p in found if not (p.field in skip and p.value is None)]
    extra = identity_problems(scheme, parsed.entity_id, values, skip)
    return kept + [p.located(parsed.entity_id, index) for p in extra]


def check_records(scheme: Scheme, tables: Iterable[InputTable]) -> Prepared:
    """Check every record of *tables* once; return them read, ready for scoring.

    Raises :class:`BadRecordsError` listing every problem: the scheme's own
    rules (:func:`~assesskit.pipeline.prepare_records`: values, stages, the
    same entity and period — and stage — twice), required columns missing
    from a file (once per file) and records without ``entity_id`` or period.
    """
    located, problems = _records(scheme, tables)
    values = [item.values for item in located]
    prepared = prepare_records(scheme, values)

    def where(row: int) -> str:
        return f"at {located[row].record.where()}"

    for index, item in enumerate(located):
        parsed = prepared.parsed[index]
        found = _file_problems(scheme, parsed, parsed.problems, item.values, item.skip, index)
        found += [
            p
            for p in prepared.stage_problems(index)
            if not (p.field in item.skip and p.value is None)
        ]
        twice = prepared.twice_problem(index, where)
        if twice is not None:
            found.append(twice)
        problems += [LocatedProblem(p, item.record.source, item.record) for p in found]
    if problems:
        raise BadRecordsError(problems)
    return prepared


def _history(history_files: Sequence[HistoryFile]) -> History:
    """The entries of every history file (the same entity and period twice is an error)."""
    return History(entry for history_file in history_files for entry in history_file.entries)


def score_tables(
    scheme: Scheme,
    tables: Sequence[InputTable],
    history_files: Sequence[HistoryFile] = (),
    progress: ProgressCallback | None = None,
    keep: Sequence[str] | None = None,
) -> ScoreRun:
    """Check, then score the records of *tables* in their order, with history from files.

    The columns *keep* names (``None``: every column the scheme does not
    read, see :mod:`assesskit.run.kept`) are passed through beside the results.

    Raises :class:`BadRecordsError` (bad records, nothing scored) or
    :class:`~assesskit.errors.HistoryError` (the same entity and period
    twice across the history files and the input).
    """
    kept = kept_columns(scheme, [table.columns for table in tables], keep)
    prepared = check_records(scheme, tables)
    history = _history(history_files)
    run = score_prepared(scheme, prepared, history, progress=progress)
    notes = [Text(note) for table in tables for note in table.notes]
    notes += [Text(f.note) for f in history_files if f.note]
    notes += run.notes
    passed: tuple[dict[str, object], ...] = ()
    if kept:
        passed = tuple(
            {name: record.values[name] for name in kept if name in record.values}
            for table in tables
            for record in table.records
        )
    return ScoreRun(scheme, tuple(run.results), tuple(run.rollups), tuple(notes), kept, passed)
