"""From input files to published results, with every problem located in its file.

The scoring itself is :func:`assesskit.pipeline.score_records` (validate
all, score exactly, history, stages, roll-ups). This module adds what files
bring: every problem names the file and line (not only a row index), a
required column missing from a file is reported once rather than on every
row, each record must name its ``entity_id`` and period, a spreadsheet date
``2026-07-01`` in the period column means the month ``2026-07``, and
``--history`` files provide the earlier periods.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

import attrs

from assesskit.errors import AssesskitError, InvalidInputError, Problem
from assesskit.hierarchy import RollupResult
from assesskit.history import History
from assesskit.io.history_files import HistoryFile
from assesskit.io.records import InputTable, SourceRecord
from assesskit.metrics import is_missing
from assesskit.periods import Period, PeriodKind
from assesskit.pipeline import score_records
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.scoring.exact import parse_record
from assesskit.text import Text

__all__ = [
    "ENTITY_FIELD",
    "STAGE_FIELD",
    "BadRecordsError",
    "LocatedProblem",
    "ScoreRun",
    "check_records",
    "score_tables",
    "stage_ids",
]

#: The input field naming whom a record assesses.
ENTITY_FIELD = "entity_id"
#: The input field naming a record's review stage, in schemes with stages.
STAGE_FIELD = "stage"

#: Called with (records done, records in all) while scoring.
ProgressCallback = Callable[[int, int], None]


def stage_ids(scheme: Scheme) -> tuple[str, ...] | None:
    """The ids of the scheme's review stages, or ``None`` for a scheme without stages."""
    stages = getattr(scheme, "stages", None)
    if not stages:
        return None
    return tuple(str(getattr(stage, "id", stage)) for stage in stages)


@attrs.frozen
class LocatedProblem:
    """A problem of one record (or of a whole file), with where it is."""

    problem: Problem
    source: str
    record: SourceRecord | None = None
    column: bool = True

    def __str__(self) -> str:
        p = self.problem
        if self.record is None:
            if not self.column:
                return f"{self.source}: {p}"
            return f"{self.source}: column {p.field!r}: {p.rule}"
        who = f", record {p.entity}" if p.entity is not None else ""
        return f"{self.record.where()}{who}: field {p.field!r} = {_show(p.value)}: {p.rule}"


def _show(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


class BadRecordsError(AssesskitError, ValueError):
    """Input records broke the scheme's rules; ``problems`` lists every one, located."""

    def __init__(self, problems: Sequence[LocatedProblem]) -> None:
        self.problems = tuple(problems)
        columns = sum(1 for p in self.problems if p.record is None and p.column)
        records = {(p.source, p.record.location) for p in self.problems if p.record is not None}
        parts = []
        if columns:
            parts.append(f"{columns} missing column(s)")
        if records:
            parts.append(f"{len(self.problems) - columns} in {len(records)} record(s)")
        head = f"{len(self.problems)} problem(s) ({', '.join(parts)}); nothing was scored:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


@attrs.frozen
class ScoreRun:
    """What ``assesskit score`` publishes: results in input order, roll-ups and notes."""

    scheme: Scheme
    results: tuple[Result, ...]
    rollups: tuple[RollupResult, ...] = ()
    notes: tuple[Text, ...] = ()


def _required_columns(scheme: Scheme) -> list[str]:
    names = [ENTITY_FIELD, scheme.period_field]
    if stage_ids(scheme) is not None:
        names.append(STAGE_FIELD)
    return names + [m.name for m in scheme.metrics if m.required]


def _missing_columns(scheme: Scheme, table: InputTable) -> list[LocatedProblem]:
    if not table.records:
        return []
    found = set(table.columns)
    known = {ENTITY_FIELD, scheme.period_field, STAGE_FIELD, *scheme.metric_map}
    unknown = [c for c in table.columns if c not in known]
    problems = []
    for name in _required_columns(scheme):
        if name in found:
            continue
        close = difflib.get_close_matches(name, unknown, n=1)
        hint = f"; is {close[0]!r} meant?" if close else ""
        problems.append(
            LocatedProblem(
                Problem(name, None, f"is required but the file has no such column{hint}"),
                table.source,
            )
        )
    return problems


def _period_value(raw: object, scheme: Scheme) -> object:
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
        absent = _missing_columns(scheme, table)
        problems += absent
        skip = frozenset(p.problem.field for p in absent)
        for record in table.records:
            values = dict(record.values)
            if field in values:
                values[field] = _period_value(values[field], scheme)
            located.append(_Located(record, values, skip))
    return located, problems


def check_records(scheme: Scheme, tables: Iterable[InputTable]) -> list[dict[str, object]]:
    """Check every record of *tables*; return their values, ready for scoring.

    Raises :class:`BadRecordsError` listing every problem: the scheme's own
    rules (:func:`~assesskit.scoring.exact.parse_record`), required columns
    missing from a file (once per file), records without ``entity_id`` or
    period, and the same entity and period (and stage) twice.
    """
    located, problems = _records(scheme, tables)
    field = scheme.period_field
    staged = stage_ids(scheme) is not None
    seen: dict[tuple[str, Period, str | None], SourceRecord] = {}
    for index, item in enumerate(located):
        parsed = parse_record(scheme, item.values, index)
        found = [p for p in parsed.problems if not (p.field in item.skip and p.value is None)]
        entity = parsed.entity_id
        extra: list[Problem] = []
        if entity is None and ENTITY_FIELD not in item.skip:
            extra.append(Problem(ENTITY_FIELD, None, "is required (whom the record assesses)"))
        if is_missing(item.values.get(field)) and field not in item.skip:
            form = "YYYY-MM" if scheme.period is PeriodKind.MONTHLY else "a year YYYY"
            extra.append(Problem(field, None, f"is required: {form}"))
        if entity is not None and parsed.period is not None:
            raw_stage = item.values.get(STAGE_FIELD)
            stage = str(raw_stage).strip() if staged and not is_missing(raw_stage) else None
            key = (entity, parsed.period, stage)
            if key in seen:
                what = f"{entity} {parsed.period}" + (f" stage {stage}" if stage else "")
                extra.append(
                    Problem(
                        field,
                        item.values.get(field),
                        f"{what} appears twice (also at {seen[key].where()}); "
                        "give each entity and period once",
                    )
                )
            else:
                seen[key] = item.record
        found += [p.located(entity, index) for p in extra]
        problems += [LocatedProblem(p, item.record.source, item.record) for p in found]
    if problems:
        raise BadRecordsError(problems)
    return [item.values for item in located]


def _history(history_files: Sequence[HistoryFile]) -> History:
    """The entries of every history file (the same entity and period twice is an error)."""
    return History(entry for history_file in history_files for entry in history_file.entries)


def score_tables(
    scheme: Scheme,
    tables: Sequence[InputTable],
    history_files: Sequence[HistoryFile] = (),
    progress: ProgressCallback | None = None,
) -> ScoreRun:
    """Check, then score the records of *tables* in their order, with history from files.

    Raises :class:`BadRecordsError` (bad records, nothing scored) or
    :class:`~assesskit.errors.HistoryError` (the same entity and period
    twice across the history files and the input).
    """
    values = check_records(scheme, tables)
    records = [r for table in tables for r in table.records]
    history = _history(history_files)
    try:
        run = score_records(scheme, values, history, progress=progress)
    except InvalidInputError as exc:  # a rule only the whole input can check (stages...)
        raise BadRecordsError(
            [
                LocatedProblem(p, records[p.row].source, records[p.row])
                if p.row is not None and 0 <= p.row < len(records)
                else LocatedProblem(p, "input", column=False)
                for p in exc.problems
            ]
        ) from None
    notes = [Text(note) for table in tables for note in table.notes]
    notes += [Text(f.note) for f in history_files if f.note]
    notes += run.notes
    return ScoreRun(scheme, tuple(run.results), tuple(run.rollups), tuple(notes))
