"""The vectorised twin of a target: its verdicts over a batch of records, in numpy.

:func:`evaluate` gives, per row, whether :class:`~assesskit.targets.rule.Target`
is due, met or in error, its attainment, and the rows where float rounding
could change the verdict (re-scored exactly by the engine).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import TIE_TOLERANCE, BoolArray, FloatArray
from assesskit._exact import to_fraction

if TYPE_CHECKING:
    from assesskit.expressions import BatchValue
    from assesskit.rules.base import BatchRuleContext
    from assesskit.targets._fields import TargetFields

__all__ = ["BatchVerdicts", "evaluate"]

_ONE = Fraction(1)


@attrs.frozen
class BatchVerdicts:
    """A target over a batch: which rows are due, met, in error, and their attainment."""

    due: BoolArray
    met: BoolArray
    attainment: FloatArray
    error: BoolArray
    doubt: BoolArray


def _days(column: BatchValue) -> tuple[npt.NDArray[np.int64], BoolArray, npt.NDArray[np.int64]]:
    """A date column as days since 1970-01-01, whether given, and the year of each date."""
    values = [v if isinstance(v, dt.date) else None for v in column.data]
    days = np.array(values, dtype="datetime64[D]")
    given = ~np.isnat(days)
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    return days.astype(np.int64), given, years


def _year_end(years: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """31 December of each year, as days since 1970-01-01."""
    next_year = (years - 1969).astype("datetime64[Y]").astype("datetime64[D]")
    out: npt.NDArray[np.int64] = next_year.astype(np.int64) - 1
    return out


def _faithful(value: Fraction) -> bool:
    """Whether equal floats imply equal exact values for a figure compared with *value*.

    Figures on the batch path stand for the shortest decimal of their float;
    when *value* is that decimal of its own float, equal floats mean equal
    numbers and a comparison in float is exact.
    """
    return to_fraction(float(value)) == value


def evaluate(target: TargetFields, ctx: BatchRuleContext) -> BatchVerdicts:
    """*target*'s model over a batch: due, met, attainment, error and doubt per row."""
    years = ctx.column(target.year_field)
    known = ~np.isnan(years)
    if target.target_kind == "milestone":
        return _milestone(target, ctx, years, known)
    figure = ctx.column(target.input)
    figure_missing = ctx.missing(target.input)
    tolerance = target.tolerance_in(ctx.params)
    if target.required_input is not None:
        quota_missing = ctx.missing(target.required_input)
        error = known & (quota_missing ^ figure_missing)
        due = known & ~quota_missing & ~figure_missing
        required = ctx.column(target.required_input) * float(_ONE - tolerance)
        exact_required = np.full(ctx.size, tolerance == 0)
    else:
        assert target.schedule is not None
        checkpoints = target.schedule.checkpoints
        cp_years = np.array([y for y, _ in checkpoints], dtype=np.float64)
        exact_values = [v * (_ONE - tolerance) for _, v in checkpoints]
        cp_values = np.array([float(v) for v in exact_values], dtype=np.float64)
        cp_faithful = np.array([_faithful(v) for v in exact_values], dtype=bool)
        index = np.searchsorted(cp_years, np.where(known, years, -np.inf), side="right") - 1
        in_range = known & (index >= 0)
        if target.schedule.until is not None:
            with np.errstate(invalid="ignore"):
                in_range &= years <= target.schedule.until
        safe = np.clip(index, 0, None)
        required = cp_values[safe]
        exact_required = cp_faithful[safe]
        error = in_range & figure_missing
        due = in_range & ~figure_missing
    with np.errstate(divide="ignore", invalid="ignore"):
        if target.target_kind == "at_most":
            met = figure <= required
            attainment = np.where(met, 1.0, np.maximum(required, 0.0) / figure)
        else:
            met = figure >= required
            ratio = np.clip(figure / required, 0.0, 1.0)
            attainment = np.where(required > 0, ratio, np.where(met, 1.0, 0.0))
        close = np.abs(figure - required) <= TIE_TOLERANCE * (
            1.0 + np.abs(figure) + np.abs(required)
        )
    return BatchVerdicts(
        due=due,
        met=due & met,
        attainment=np.where(due, attainment, 0.0),
        error=error,
        doubt=due & close & ~exact_required,
    )


def _milestone(
    target: TargetFields, ctx: BatchRuleContext, years: FloatArray, known: BoolArray
) -> BatchVerdicts:
    size = ctx.size
    done, done_given, _ = _days(ctx.raw(target.input))
    error = np.zeros(size, dtype=bool)
    if target.required_input is not None:
        deadline, deadline_given, deadline_year = _days(ctx.raw(target.required_input))
        error |= known & done_given & ~deadline_given
    else:
        assert target.deadline is not None
        epoch = dt.date(1970, 1, 1)
        deadline = np.full(size, (target.deadline - epoch).days, dtype=np.int64)
        deadline_given = np.ones(size, dtype=bool)
        deadline_year = np.full(size, target.deadline.year, dtype=np.int64)
    year = np.where(known, years, 1970.0).astype(np.int64)
    year_end = _year_end(year)
    in_deadline_year = known & deadline_given & (year == deadline_year)
    later = known & deadline_given & (year > deadline_year)
    error |= in_deadline_year & ~done_given
    met = in_deadline_year & done_given & (done <= deadline)
    done_by_year_end = done_given & (done <= year_end)
    due = (in_deadline_year & done_given) | (later & ~done_by_year_end)
    return BatchVerdicts(
        due=due,
        met=met,
        attainment=met.astype(np.float64),
        error=error,
        doubt=np.zeros(size, dtype=bool),
    )
