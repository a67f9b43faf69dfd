"""Scoring a whole input: validate every record, score, then history, stages and roll-ups.

This is what ``assesskit score`` does, available to Python callers:

>>> from assesskit.pipeline import score_records  # doctest: +SKIP
>>> run = score_records(scheme, records, history)  # doctest: +SKIP
>>> run.results[0].total, run.rollups  # doctest: +SKIP

The steps, in order:

1. every record is read and validated against the scheme's metrics and
   constraints, and, when the scheme has review stages, its ``stage`` and
   ``assessed_on``; the same entity and period (and stage) twice is a
   problem too. All problems of all records are raised at once
   (:class:`~assesskit.errors.InvalidInputError`); nothing is scored then;
2. each record is scored exactly (:func:`~assesskit.scoring.exact.score_parsed`);
3. history rules look at earlier periods, from *history* and the same input;
4. stages (:mod:`assesskit.stages`): each result publishes ``stage``,
   ``assessed_on``, ``late`` and ``early``; a stage requiring an earlier one
   says when that one is missing; stage comparisons (``self_check_gap``…)
   go to the outcome;
5. roll-ups declared by the scheme (:mod:`assesskit.hierarchy`) combine the
   published totals per parent unit and period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from assesskit.errors import HistoryError, InvalidInputError, Problem
from assesskit.hierarchy import Member, RollupResult, roll_up
from assesskit.history import History, HistoryEntry
from assesskit.metrics import is_missing
from assesskit.results import Result, json_value
from assesskit.scoring.exact import ParsedRecord, apply_history, parse_record, score_parsed
from assesskit.scoring.history_stage import period_index
from assesskit.scoring.identity import Twice, duplicate_rows
from assesskit.stages import StageReading, apply_stages, read_stage
from assesskit.text import Lang, Text

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["Prepared", "Run", "prepare_records", "score_prepared", "score_records"]


@attrs.frozen
class Run:
    """Everything scoring an input gives: results, roll-ups, notes and the parameters used.

    ``results`` holds one :class:`~assesskit.results.Result` per input
    record, in input order (with stage fields and comparison outcomes when
    the scheme has stages); ``rollups`` one
    :class:`~assesskit.hierarchy.RollupResult` per parent unit and period,
    for each roll-up the scheme declares, in declaration order; ``notes``
    what a reader should know about the run as a whole (results left out of
    a roll-up...). ``scheme_id``, ``scheme_version``, ``fingerprint`` and
    ``params`` (every parameter in force, tuned weights and band ends
    included) identify how the input was scored.
    """

    results: list[Result]
    rollups: list[RollupResult]
    notes: list[Text] = attrs.field(factory=list)
    scheme_id: str | None = None
    scheme_version: str | None = None
    fingerprint: str | None = None
    params: Mapping[str, Any] = attrs.field(factory=dict)
    #: The scheme that scored the run (its columns name the frame of :meth:`to_frame`).
    scheme: Scheme | None = attrs.field(default=None, eq=False, repr=False)

    def to_frame(self, lang: Lang = "en") -> Any:
        """The results as a pandas DataFrame: the columns and values of the CSV output.

        Needs pandas (the ``pandas`` extra); see :mod:`assesskit.frames` for
        the dtypes (money and points as float64, periods as text) and
        ``docs/pandas.md`` for examples. Notes are in *lang*.
        """
        from assesskit._frame_run import result_columns
        from assesskit._frame_table import make_frame

        if self.scheme is None:
            raise ValueError("to_frame() needs the scheme: this run was made without one")
        return make_frame(result_columns(self.scheme, self.results, lang), len(self.results))

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The run as JSON-able data, in the shape of ``assesskit score --format json``.

        Keys: ``scheme``, ``scheme_version``, ``fingerprint``, ``params``,
        ``results``, ``rollups`` and ``notes``.
        """
        return {
            "scheme": self.scheme_id,
            "scheme_version": self.scheme_version,
            "fingerprint": self.fingerprint,
            "params": {k: json_value(v) for k, v in sorted(self.params.items())},
            "results": [r.to_dict(lang) for r in self.results],
            "rollups": [r.to_dict() for r in self.rollups],
            "notes": [n.get(lang) for n in self.notes],
        }


def _field(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    return None if is_missing(value) else str(value).strip()


@attrs.frozen
class Prepared:
    """An input read once against a scheme: every record parsed, with every problem found.

    ``parsed`` and ``readings`` hold each record's values and stage reading,
    each with its problems (in input order); ``twice``, for a record whose entity and period
    (and stage) an earlier record has, that fact and the earlier record's
    row (``None`` for the others). Scoring starts from here, so no record is
    read twice.
    """

    records: Sequence[Mapping[str, Any]]
    parsed: list[ParsedRecord]
    readings: list[StageReading]
    twice: list[tuple[Twice, int] | None]

    @property
    def failed(self) -> bool:
        """Whether any record has a problem (then nothing may be scored)."""
        return (
            any(p.problems for p in self.parsed)
            or any(r.problems for r in self.readings)
            or any(t is not None for t in self.twice)
        )

    def stage_problems(self, row: int) -> list[Problem]:
        """The problems of *row*'s stage and date, located."""
        entity = self.parsed[row].entity_id
        return [p.located(entity, row) for p in self.readings[row].problems]

    def twice_problem(self, row: int, where: Callable[[int], str] | None = None) -> Problem | None:
        """The problem of *row* given twice, if it is; *where* words a row's place ("row N")."""
        found = self.twice[row]
        if found is None:
            return None
        again, first = found
        place = where(first) if where is not None else f"row {first + 1}"
        return again.problem(place).located(again.entity, row)

    def all_problems(self) -> list[Problem]:
        """Every problem, record by record."""
        out: list[Problem] = []
        for row, parsed in enumerate(self.parsed):
            out += parsed.problems
            out += self.stage_problems(row)
            twice = self.twice_problem(row)
            if twice is not None:
                out.append(twice)
        return out


def prepare_records(scheme: Scheme, records: Sequence[Mapping[str, Any]]) -> Prepared:
    """Read and check every record of *records* once; nothing is raised, nothing scored."""
    parsed = [parse_record(scheme, record, row) for row, record in enumerate(records)]
    readings = [read_stage(scheme, record) for record in records]
    twice: list[tuple[Twice, int] | None] = [None] * len(parsed)
    for row, first in _duplicates(parsed, readings):
        entity, period = parsed[row].entity_id, parsed[row].period
        if entity is None or period is None:  # pragma: no cover - only known rows repeat
            continue
        stage = readings[row].stage
        again = Twice(
            scheme.period_field,
            entity,
            period,
            None if stage is None else stage.id,
            records[row].get(scheme.period_field),
        )
        twice[row] = (again, first)
    return Prepared(records, parsed, readings, twice)


def score_records(
    scheme: Scheme,
    records: Sequence[Mapping[str, Any]],
    history: History | Iterable[HistoryEntry] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Run:
    """Validate all *records* first (every problem reported at once), then score them.

    Earlier periods come from *history* and from the same input; the same
    entity and period (and stage, for a scheme with stages) twice is an
    error. Stages and roll-ups declared by the scheme are applied to the
    published results (see the module docstring for the order).
    *progress*, if given, is called with (records scored, records in all)
    after each record (the CLI shows a progress bar with it).
    """
    return score_prepared(scheme, prepare_records(scheme, records), history, progress=progress)


def score_prepared(
    scheme: Scheme,
    prepared: Prepared,
    history: History | Iterable[HistoryEntry] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Run:
    """Score an input read by :func:`prepare_records` (see :func:`score_records`).

    Raises :class:`~assesskit.errors.InvalidInputError` with every problem
    when any record has one; nothing is scored then.
    """
    if prepared.failed:
        raise InvalidInputError(prepared.all_problems())
    parsed, readings, records = prepared.parsed, prepared.readings, prepared.records
    results: list[Result] = []
    for item in parsed:
        results.append(score_parsed(scheme, item))
        if progress is not None:
            progress(len(results), len(parsed))
    if scheme.history_rules:
        combined = (
            History()
            if history is None
            else (history if isinstance(history, History) else History(history))
        )
        combined = _with_results(combined, results)
        results = [apply_history(scheme, r, combined) for r in results]
    results = apply_stages(scheme, results, readings)
    rollups: list[RollupResult] = []
    notes: list[Text] = []
    for rollup in scheme.rollups:
        members = [
            Member(
                result,
                _field(record, rollup.parent_field),
                None if reading.stage is None else reading.stage.id,
            )
            for record, result, reading in zip(records, results, readings, strict=True)
        ]
        rollups.extend(roll_up(rollup, members, scheme.bands, scheme.period_field))
        orphans = [
            m
            for m in members
            if m.parent_id is None and (rollup.stage is None or m.stage == rollup.stage)
        ]
        if orphans:
            notes.append(
                Text(
                    f"{len(orphans)} result(s) without {rollup.parent_field} are left out of the "
                    f"{rollup.level} roll-up",
                    f"{len(orphans)} 条结果缺少 {rollup.parent_field},未计入{rollup.label.zh}",
                )
            )
    return Run(
        results,
        rollups,
        notes,
        scheme.id,
        scheme.version,
        scheme.fingerprint,
        scheme.params(),
        scheme,
    )


def _duplicates(
    parsed: Sequence[ParsedRecord], readings: Sequence[StageReading]
) -> list[tuple[int, int]]:
    """(row, first): records whose entity and period (and stage) an earlier record has."""
    entities: dict[str, int] = {}
    stages: dict[str | None, int] = {}
    size = len(parsed)
    entity = np.zeros(size, dtype=np.int64)
    period = np.zeros(size, dtype=np.int64)
    stage = np.zeros(size, dtype=np.int64)
    known = np.zeros(size, dtype=bool)
    for row, (item, reading) in enumerate(zip(parsed, readings, strict=True)):
        if item.entity_id is None or item.period is None:
            continue
        known[row] = True
        entity[row] = entities.setdefault(item.entity_id, len(entities))
        period[row] = period_index(item.period)
        stage_id = None if reading.stage is None else reading.stage.id
        stage[row] = stages.setdefault(stage_id, len(stages))
    return duplicate_rows(entity, period, stage, known=known)


def _with_results(history: History, results: Sequence[Result]) -> History:
    combined = History()
    for key_entry in _entries(history):
        combined.add(key_entry)
    for result in results:
        if result.entity_id is None or result.period is None:
            continue
        entry = HistoryEntry.from_result(result)
        if (entry.entity_id, entry.period) in combined:
            raise HistoryError(
                f"{entry.entity_id} {entry.period} is both in the input and in the history"
            )
        combined.add(entry)
    return combined


def _entries(history: History) -> Iterable[HistoryEntry]:
    return history.entries()
