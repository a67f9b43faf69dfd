"""Scoring one partition: validate, score with ``score_batch``, history, stages, output frame.

Every task of the Dask engine runs :func:`score_partition` on a pandas
partition. A partition with bad records gives no frame but every problem of
every record, found by the same reading as the command line's
(:func:`~assesskit.pipeline.prepare_records`), so that the engine can
report all of them at once and write nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from assesskit.dask._frame import TAG_COLUMNS, factors, input_columns, text_values
from assesskit.dask._layout import ENTITY_FIELD, TEXT, Layout
from assesskit.dask._stages import read_stages, stage_columns
from assesskit.errors import InvalidInputError, Problem
from assesskit.history import History
from assesskit.pipeline import prepare_records
from assesskit.results import BatchResult
from assesskit.scoring.history_batch import HistoryBatch, apply_history_batch
from assesskit.scoring.identity import BatchIdentity, Twice, duplicate_rows, identity_problems
from assesskit.stages import DATE_FIELD, STAGE_FIELD, StageReading

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["Found", "PartitionScores", "Plan", "Tag", "score_partition"]

#: Where a record was read: (source file or ``None``, partition, position in the partition).
Tag = tuple[str | None, int, int]


@attrs.frozen
class Found:
    """A problem of one record, tagged with where the record was read.

    A record given twice has no ``problem`` yet but ``twice`` and ``also``,
    the tag of the earlier record: the message names its place once places
    are known (:meth:`problem_at`).
    """

    tag: Tag
    problem: Problem | None
    also: Tag | None = None
    twice: Twice | None = None

    def problem_at(self, first: str) -> Problem:
        """The problem, with the earlier record (if any) placed at *first* ("row 3"...)."""
        if self.twice is not None:
            return self.twice.problem(first).located(self.twice.entity, None)
        if self.problem is None:  # pragma: no cover - every Found has one or the other
            raise ValueError("a Found without a problem")
        return self.problem


@attrs.frozen
class Plan:
    """What every partition task needs: the scheme, its output layout and how to score.

    ``skip`` holds the required fields missing from the whole input (reported
    once, not per record); ``earlier`` earlier results for history rules.
    """

    scheme: Scheme
    layout: Layout
    history: bool
    earlier: History | None = None
    skip: frozenset[str] = frozenset()

    @property
    def extra_fields(self) -> tuple[str, ...]:
        """Text fields read besides the metrics: stage, date, parent ids."""
        names = [STAGE_FIELD, DATE_FIELD] if self.scheme.stages else []
        names += [r.parent_field for r in self.scheme.rollups]
        return tuple(names)


@attrs.frozen
class PartitionScores:
    """The scored frame of a partition (``None`` when it had bad records) and its problems."""

    frame: pd.DataFrame | None
    problems: tuple[Found, ...]
    rows: int


def _tags(frame: pd.DataFrame, number: int) -> list[Tag]:
    size = len(frame)
    sources = (
        frame["__source__"].astype(object).tolist() if "__source__" in frame else [None] * size
    )
    parts = frame["__part__"].tolist() if "__part__" in frame else [number] * size
    local = frame["__local__"].tolist() if "__local__" in frame else list(range(size))
    return [
        (None if s is None or s != s else str(s), int(p), int(i))
        for s, p, i in zip(sources, parts, local, strict=True)
    ]


def score_partition(plan: Plan, frame: pd.DataFrame, number: int = 0) -> PartitionScores:
    """Validate and score one partition; every record of an entity must be in it for history.

    *number* is the partition's position (used to tag records that carry no
    tag columns).
    """
    scheme = plan.scheme
    if "__part__" in frame and "__local__" in frame:
        # input order within the partition (a shuffle does not keep it): the first of two
        # records of the same entity and period is the one read first
        frame = frame.sort_values(["__part__", "__local__"], kind="stable")
    frame = frame.reset_index(drop=True)
    size = len(frame)
    columns = input_columns(scheme, frame, plan.extra_fields)
    readings: list[StageReading] = []
    stage_problems: list[tuple[int, Problem]] = []
    if scheme.stages:
        readings, stage_problems = read_stages(scheme, columns, size)
    batch = None if stage_problems else _scored_batch(plan, frame, columns, size)
    if batch is None:
        return _bad_partition(plan, frame, number)
    result, identity = batch
    history: HistoryBatch | None = None
    if plan.history and scheme.history_rules:
        history = apply_history_batch(scheme, result, columns, plan.earlier, identity=identity)
    texts = np.array([None if p is None else str(p) for p in identity.period_table], object)
    out = _result_frame(
        plan,
        frame,
        result,
        history,
        columns,
        identity.entities,
        identity.periods,
        texts[identity.period_codes] if size else np.empty(0, dtype=object),
        readings,
    )
    return PartitionScores(out, (), size)


def _scored_batch(
    plan: Plan, frame: pd.DataFrame, columns: Mapping[str, Any], size: int
) -> tuple[BatchResult, BatchIdentity] | None:
    """The partition scored by ``score_batch``; ``None`` at the first sign of a bad record."""
    scheme = plan.scheme
    known = {}
    for name in (ENTITY_FIELD, scheme.period_field):
        found = factors(frame[name]) if name in frame else None
        if found is not None:
            known[name] = found
    try:
        identity = BatchIdentity.of(scheme, columns, size, factors=known)
    except InvalidInputError:  # a bad period
        return None
    if ENTITY_FIELD in frame and (identity.entities == None).any():  # noqa: E711
        return None
    if scheme.period_field in frame and not identity.dated.all():
        return None
    if _stage_duplicates(scheme, identity, frame) if scheme.stages else identity.duplicates():
        return None
    wanted = {k: v for k, v in columns.items() if k in scheme.metric_map}
    for name in (ENTITY_FIELD, scheme.period_field):
        if name in columns:
            wanted[name] = columns[name]
    try:
        return scheme.score_batch(wanted), identity
    except InvalidInputError:
        return None


def _stage_duplicates(scheme: Scheme, identity: BatchIdentity, frame: pd.DataFrame) -> bool:
    """Whether two rows have the same entity, period and stage (as given)."""
    if STAGE_FIELD not in frame:
        return bool(identity.duplicates())
    codes: dict[object, int] = {}
    stages = np.fromiter(
        (codes.setdefault(v, len(codes)) for v in text_values(frame[STAGE_FIELD]).tolist()),
        dtype=np.int64,
        count=len(frame),
    )
    pairs = duplicate_rows(
        identity.entity_codes, identity.period_index, stages, known=identity.known
    )
    return bool(pairs)


def _bad_partition(plan: Plan, frame: pd.DataFrame, number: int) -> PartitionScores:
    """Every problem of every record of a partition that has a bad one (the slow, exact way).

    The records are read as the command line reads them
    (:func:`~assesskit.pipeline.prepare_records`) and their problems listed
    in its words and order.
    """
    scheme = plan.scheme
    names = [n for n in frame.columns if n not in TAG_COLUMNS]
    cells = {name: text_values(frame[name]) for name in names}
    records = [{name: _plain(cells[name][row]) for name in names} for row in range(len(frame))]
    prepared = prepare_records(scheme, records)
    tags = _tags(frame, number)
    present = {name for name in (ENTITY_FIELD, scheme.period_field) if name in frame}
    # a field absent from this partition's frame is reported for the whole input, if at all
    skip = plan.skip | ({ENTITY_FIELD, scheme.period_field} - present)
    found: list[Found] = []
    for row, record in enumerate(records):
        parsed = prepared.parsed[row]
        entity = parsed.entity_id
        problems = [p for p in parsed.problems if not (p.field in plan.skip and p.value is None)]
        problems += identity_problems(scheme, entity, record, frozenset(skip))
        problems += [
            p
            for p in prepared.readings[row].problems
            if not (p.field in plan.skip and p.value is None)
        ]
        found += [Found(tags[row], p.located(entity, None)) for p in problems]
        again = prepared.twice[row]
        if again is not None:
            twice, first = again
            found.append(Found(tags[row], None, also=tags[first], twice=twice))
    return PartitionScores(None, tuple(found), len(frame))


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value the command line would have read."""
    return value.item() if isinstance(value, np.generic) else value


def _result_frame(
    plan: Plan,
    frame: pd.DataFrame,
    batch: BatchResult,
    history: HistoryBatch | None,
    columns: Mapping[str, Any],
    entities: npt.NDArray[np.object_],
    periods: npt.NDArray[np.object_],
    period_texts: npt.NDArray[np.object_],
    readings: list[StageReading],
) -> pd.DataFrame:
    scheme = plan.scheme
    outcomes = batch.outcomes if history is None else history.result.outcomes
    stages = stage_columns(scheme, batch, entities, periods, readings) if scheme.stages else None
    data: dict[str, Any] = {}
    for column in plan.layout.columns:
        source, key = column.source, column.key
        value: Any
        if source == "entity":
            value = entities
        elif source == "period":
            value = period_texts
        elif source == "stage":
            assert stages is not None
            value = stages.fields[key]
        elif source == "total":
            value = batch.total
        elif source == "band":
            value = batch.band
        elif source == "vetoed":
            value = batch.vetoed
        elif source == "component":
            value = batch.components[key]
        elif source in ("outcome", "history", "triggers"):
            value = outcomes[key]
        elif source == "stage_outcome":
            assert stages is not None
            value = stages.outcomes[key]
        elif source == "history_missing":
            value = _missing_text(history, key, batch.size)
        elif source == "kept":
            value = frame[key].astype(TEXT).array  # by position: frame has a fresh index
        else:
            value = _rollup_input(scheme, columns, key, batch.size)
        data[column.name] = value
    out = pd.DataFrame(data)
    return out.astype(dict(plan.layout.dtypes()))


def _missing_text(history: HistoryBatch | None, rule_id: str, size: int) -> npt.NDArray[Any]:
    out = np.full(size, None, dtype=object)
    if history is None:
        return out
    mask = history.missing[rule_id]
    noted = history.missing_periods[rule_id][mask].tolist()
    # rows alike share one tuple of periods: each tuple is written once
    texts = {id(periods): ";".join(map(str, periods)) for periods in noted}
    out[mask] = [texts[id(periods)] for periods in noted]
    return out


def _rollup_input(
    scheme: Scheme, columns: Mapping[str, Any], name: str, size: int
) -> npt.NDArray[Any]:
    column = columns.get(name)
    metric = scheme.metric_map.get(name)
    if column is None:
        return np.full(size, None if metric is None else np.nan, dtype=object)
    if metric is None:
        return np.asarray(column, dtype=object)
    if column.dtype.kind in "fiu":
        return np.asarray(column, dtype=np.float64)
    values = np.full(size, np.nan)
    for row, raw in enumerate(column.tolist()):
        parsed = metric.parse(raw)
        if parsed is not None and not isinstance(parsed, bool):
            values[row] = float(parsed)  # type: ignore[arg-type]
    return values
