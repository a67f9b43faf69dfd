"""The batch path: vectorised numpy scoring with exact answers.

Rules compute in float64 and mark the rows where float noise could change a
discrete decision (a floor near a whole number, a total near x.xx5, money
near half a fen). Those rows, usually a tiny share, are re-scored on the
exact path, so every published value equals the exact path's.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray, FloatArray, round_half_up_with_doubt
from assesskit._columns import as_array, check_column
from assesskit._scaled import round_scaled, scaled_value
from assesskit.errors import InvalidInputError, Problem
from assesskit.expressions import BatchValue
from assesskit.periods import Period
from assesskit.results import BatchResult, Result
from assesskit.rules.base import BatchRuleContext

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["score_columns"]


class _Env:
    """Expression environment over a batch."""

    def __init__(
        self,
        size: int,
        columns: Mapping[str, BatchValue],
        params: Mapping[str, Any],
        periods: npt.NDArray[Any] | None,
    ) -> None:
        self.size = size
        self.columns = columns
        self.params = params
        self._periods = periods
        self.total_value = BatchValue(np.full(size, np.nan))
        self.band_value = BatchValue(np.full(size, None, dtype=object))
        self.vetoed_value = BatchValue(np.zeros(size, dtype=bool), faithful=True)
        self.outcomes: dict[str, BatchValue] = {}
        self.statuses: dict[str, npt.NDArray[Any]] = {}

    def component_status(self, component_id: str) -> BatchValue:
        return BatchValue(self.statuses[component_id], faithful=True)

    def component_ids(self) -> list[str]:
        return list(self.statuses)

    def input(self, name: str) -> BatchValue:
        return self.columns[name]

    def param(self, name: str) -> Any:
        return self.params[name]

    def total(self) -> BatchValue:
        return self.total_value

    def band(self) -> BatchValue:
        return self.band_value

    def vetoed(self) -> BatchValue:
        return self.vetoed_value

    def outcome(self, name: str) -> BatchValue:
        return self.outcomes[name]

    def period(self) -> BatchValue:
        if self._periods is None:
            return BatchValue(np.full(self.size, None, dtype=object))
        return BatchValue(self._periods, faithful=True)


def _length(columns: Mapping[str, Any]) -> int:
    sizes = {name: len(as_array(col)) for name, col in columns.items()}
    distinct = set(sizes.values())
    if len(distinct) > 1:
        raise InvalidInputError(
            [
                Problem(name, f"{size} values", "columns must all have the same length")
                for name, size in sizes.items()
            ]
        )
    return distinct.pop() if distinct else 0


def _or(a: BoolArray | None, b: BoolArray | None) -> BoolArray | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def score_columns(scheme: Scheme, columns: Mapping[str, Any]) -> BatchResult:
    """Score columns of records (see :meth:`Scheme.score_batch`)."""
    size = _length(columns)
    raw: dict[str, npt.NDArray[Any]] = {name: as_array(col) for name, col in columns.items()}
    entity_raw = raw.get("entity_id")
    params = scheme.params()
    problems: list[tuple[int, Problem]] = []
    checked: dict[str, BatchValue] = {}
    doubt: BoolArray | None = None
    for metric in scheme.metrics:
        column = raw.get(metric.name)
        if column is None:
            if metric.required:
                # one problem for the whole input, not for a record (row -1)
                problems.append((-1, Problem(metric.name, None, "is required (no such column)")))
            column = np.full(size, None, dtype=object)
        checked_column = check_column(metric, column)
        checked[metric.name] = checked_column.value
        problems.extend(
            (int(row), Problem(metric.name, _item(column, row), rule))
            for row, rule in zip(checked_column.bad_rows, checked_column.bad_rules, strict=True)
        )
        if metric.required and metric.name in raw:
            missing = checked_column.value.missing
            if missing is not None:
                bad = {int(r) for r in checked_column.bad_rows}
                problems.extend(
                    (int(row), Problem(metric.name, None, "is required"))
                    for row in np.flatnonzero(missing)
                    if int(row) not in bad
                )
        doubt = _or(doubt, checked_column.value.doubt)
    ctx = BatchRuleContext(checked, params, size)
    for constraint in scheme.all_constraints():
        for row in np.flatnonzero(constraint.violations(ctx)):
            values = {f: _exact_value(scheme, f, raw, int(row)) for f in constraint.fields()}
            found = constraint.check(values)
            if found is not None:
                problems.append((int(row), found))
    period_values = _periods(scheme, raw, size, problems)
    if problems:
        problems.sort(key=lambda rp: rp[0])
        raise InvalidInputError(
            p if row < 0 else p.located(None if entity_raw is None else str(entity_raw[row]), row)
            for row, p in problems
        )

    weights = scheme.effective_weights()
    component_points: dict[str, FloatArray] = {}
    applicable: dict[str, BoolArray] = {}
    statuses: dict[str, npt.NDArray[Any]] = {}
    for component in scheme.components:
        scored = component.rule.score_batch(ctx, weights[component.id])
        component_points[component.id] = scored.points
        statuses[component.id] = (
            scored.status if scored.status is not None else np.full(size, None, dtype=object)
        )
        applicable[component.id] = (
            scored.applicable if scored.applicable is not None else np.ones(size, dtype=bool)
        )
        doubt = _or(doubt, scored.doubt)

    factor: FloatArray | None = None
    nothing: BoolArray = np.zeros(size, dtype=bool)
    partly = ~np.logical_and.reduce(list(applicable.values())) if applicable else nothing
    if scheme.not_applicable == "rescale" and partly.any():
        applied = np.zeros(size)
        for component in scheme.components:
            applied += np.where(applicable[component.id], float(weights[component.id]), 0.0)
        nothing = applied == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(nothing, 0.0, 100.0 / applied)

    exact_sum = np.zeros(size)
    published_points: dict[str, FloatArray] = {}
    for component in scheme.components:
        points = np.where(applicable[component.id], component_points[component.id], 0.0)
        if factor is not None:
            points = points * factor
        exact_sum += points
        rounded, near = round_half_up_with_doubt(points)
        shown = np.where(applicable[component.id], rounded, np.nan)
        if scheme.not_applicable == "zero":
            shown = np.where(applicable[component.id], rounded, 0.0)
        published_points[component.id] = shown
        doubt = _or(doubt, near & applicable[component.id])

    env = _Env(size, checked, params, period_values)
    env.statuses = statuses
    vetoed = np.zeros(size, dtype=bool)
    fired: dict[str, BoolArray] = {}
    for veto in scheme.vetoes:
        value = veto.condition.batch(env)
        mask = np.broadcast_to(np.asarray(value.data, dtype=bool), (size,)).copy()
        if value.missing is not None:
            mask &= ~value.missing
        fired[veto.id] = mask
        vetoed |= mask
        doubt = _or(doubt, value.doubt)

    rounded_total, near_tie = round_half_up_with_doubt(exact_sum)
    doubt = _or(doubt, near_tie & ~vetoed)
    total = np.where(vetoed, 0.0, rounded_total)
    total = np.where(nothing, np.nan, total)
    hundredths = np.rint(np.where(np.isnan(total), 0.0, total) * 100).astype(np.int64)
    if scheme.bands is not None:
        band_index = scheme.bands.classify_hundredths(hundredths)
        band_index[nothing] = -1
        band_ids = scheme.bands.ids()
    else:
        band_index = np.full(size, -1, dtype=np.int64)
        band_ids = ()
    lookup = np.array([*band_ids, None], dtype=object)
    env.total_value = BatchValue(total, missing=nothing, faithful=True)
    env.band_value = BatchValue(lookup[band_index], faithful=True)
    env.vetoed_value = BatchValue(vetoed, faithful=True)

    outcomes: dict[str, npt.NDArray[Any]] = {}
    for spec in scheme.outcomes:
        value = spec.expr.batch(env)
        data, unsure = _publish(spec.kind, spec.places, value, size)
        if spec.kind in ("money", "number") and unsure is not None and unsure.any():
            exact = scaled_value(spec.expr, env)
            if exact is not None:
                # Half-fen ties rounded exactly on scaled integers, not row by row.
                data, unsure = round_scaled(exact, 2 if spec.kind == "money" else spec.places), None
        outcomes[spec.id] = data
        env.outcomes[spec.id] = BatchValue(data, missing=_missing_of(value, size), faithful=True)
        doubt = _or(doubt, value.doubt)
        doubt = _or(doubt, unsure)

    result = BatchResult(
        size=size,
        total=total,
        band_index=band_index,
        band_ids=band_ids,
        vetoed=vetoed,
        veto_fired=fired,
        components=published_points,
        outcomes=outcomes,
        component_status=statuses,
    )
    if doubt is not None and doubt.any():
        rows = np.flatnonzero(doubt)
        _redo_exactly(scheme, raw, rows, result)
        return BatchResult(
            size=result.size,
            total=result.total,
            band_index=result.band_index,
            band_ids=result.band_ids,
            vetoed=result.vetoed,
            veto_fired=result.veto_fired,
            components=result.components,
            outcomes=result.outcomes,
            exact_rows=len(rows),
            component_status=result.component_status,
        )
    return result


def _missing_of(value: BatchValue, size: int) -> BoolArray:
    if value.missing is None:
        return np.zeros(size, dtype=bool)
    return np.broadcast_to(value.missing, (size,)).copy()


def _publish(
    kind: str, places: int, value: BatchValue, size: int
) -> tuple[npt.NDArray[Any], BoolArray | None]:
    missing = _missing_of(value, size)
    data = np.broadcast_to(value.data, (size,))
    if kind in ("money", "number"):
        numbers = data.astype(float)
        rounded, near = round_half_up_with_doubt(numbers, 2 if kind == "money" else places)
        out = np.where(missing, np.nan, rounded)
        return out, near & ~missing
    if kind == "flag":
        return np.asarray(data, dtype=bool) & ~missing, None
    if kind == "list":
        out_list = np.empty(size, dtype=object)
        for row in range(size):
            out_list[row] = None if missing[row] else list(data[row])
        return out_list, None
    out_obj = np.array(
        [None if m else str(v) for v, m in zip(data, missing, strict=True)], dtype=object
    )
    return out_obj, None


def _item(column: npt.NDArray[Any], row: int) -> Any:
    value = column[row]
    return value.item() if hasattr(value, "item") else value


def _exact_value(scheme: Scheme, name: str, raw: Mapping[str, npt.NDArray[Any]], row: int) -> Any:
    column = raw.get(name)
    if column is None:
        return None
    try:
        return scheme.metric_map[name].parse(_item(column, row))
    except ValueError:
        return None


def _periods(
    scheme: Scheme,
    raw: Mapping[str, npt.NDArray[Any]],
    size: int,
    problems: list[tuple[int, Problem]],
) -> npt.NDArray[Any] | None:
    column = raw.get(scheme.period_field)
    if column is None:
        return None
    from assesskit.scoring.exact import read_period

    out = np.empty(size, dtype=object)
    cache: dict[Any, tuple[Period | None, str | None]] = {}
    for index in range(size):
        key = _item(column, index)
        try:
            period, broken = cache[key]
        except KeyError:
            period, broken = read_period(scheme, key)
            if period is not None or broken is not None:  # NaN keys would pile up
                cache[key] = (period, broken)
        except TypeError:  # an unhashable value
            period, broken = read_period(scheme, key)
        if broken is not None:
            problems.append((index, Problem(scheme.period_field, key, broken)))
        out[index] = period
    return out


def _row_record(raw: Mapping[str, npt.NDArray[Any]], row: int) -> dict[str, Any]:
    return {name: _item(column, row) for name, column in raw.items()}


def _redo_exactly(
    scheme: Scheme,
    raw: Mapping[str, npt.NDArray[Any]],
    rows: npt.NDArray[np.intp],
    out: BatchResult,
) -> None:
    """Re-score *rows* on the exact path and write the exact answers into *out*."""
    from assesskit.scoring.exact import parse_record, score_parsed

    index_of = {band_id: i for i, band_id in enumerate(out.band_ids)}
    for row in rows:
        parsed = parse_record(scheme, _row_record(raw, int(row)), int(row))
        result: Result = score_parsed(scheme, parsed)
        out.total[row] = np.nan if result.total is None else float(result.total)
        out.band_index[row] = -1 if result.band is None else index_of[result.band.id]
        out.vetoed[row] = result.vetoed
        fired = {v.id for v in result.vetoes}
        for veto_id, mask in out.veto_fired.items():
            mask[row] = veto_id in fired
        for comp_id, points in out.components.items():
            value = result.components[comp_id].points
            points[row] = np.nan if value is None else float(value)
        for comp_id, status in out.component_status.items():
            status[row] = result.components[comp_id].status
        for outcome_id, column in out.outcomes.items():
            value = result.outcome[outcome_id]
            if column.dtype == object:
                column[row] = value
            elif column.dtype == bool:
                column[row] = bool(value)
            else:
                column[row] = np.nan if value is None else float(Decimal(value))
