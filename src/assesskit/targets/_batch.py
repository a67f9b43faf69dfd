"""The vectorised twin of a target: its verdicts over a batch of records, in numpy.

:func:`evaluate` gives, per row, whether :class:`~assesskit.targets.rule.Target`
is due, met or in error, and its attainment. When the figures (and quotas)
read as exact decimals, the attainment is exact too: figure and requirement
become integers ``X`` and ``Y`` over one common scale (``X / Y`` is figure /
requirement), ``met`` is the integer comparison ``X >= Y`` (``<=`` for
``at_most``) and the attainment the rational ``clip(X, 0, Y) / Y`` (``Y / X``
for an ``at_most`` target behind), with a denominator per row. Otherwise it
is computed in floats, with the rows where float rounding could change the
verdict (re-scored exactly by the engine). :func:`errors` gives the rows
where a due target lacks an input, without scoring.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import EXACT_LIMIT, TIE_TOLERANCE, BoolArray, FloatArray, Rationals
from assesskit._exact import to_fraction
from assesskit._scaled import MAX_PLACES, Scaled, read_decimals

if TYPE_CHECKING:
    from assesskit.expressions import BatchValue
    from assesskit.rules.base import BatchRuleContext
    from assesskit.targets._fields import TargetFields

__all__ = ["BatchVerdicts", "errors", "evaluate"]

_ONE = Fraction(1)


@attrs.frozen
class BatchVerdicts:
    """A target over a batch: which rows are due, met, in error, and their attainment.

    ``exact`` is the attainment as exact rationals (any value on rows not
    due), when the inputs allowed it; ``doubt`` is then empty.
    """

    due: BoolArray
    met: BoolArray
    attainment: FloatArray
    error: BoolArray
    doubt: BoolArray
    exact: Rationals | None = None


def _days(column: BatchValue) -> tuple[npt.NDArray[np.int64], BoolArray, npt.NDArray[np.int64]]:
    """A date column as days since 1970-01-01, whether given, and the year of each date."""
    data = column.data
    days = np.full(data.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    rows = (
        np.arange(data.size)
        if column.missing is None
        else np.flatnonzero(~np.asarray(column.missing, dtype=bool))
    )
    if rows.size:  # only the rows with a value: a column of None costs nothing
        values = [v if isinstance(v, dt.date) else None for v in data[rows].tolist()]
        days[rows] = np.array(values, dtype="datetime64[D]")
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


def _schedule_rows(
    target: TargetFields, years: FloatArray, known: BoolArray
) -> tuple[BoolArray, npt.NDArray[np.intp]]:
    """Rows whose year the schedule covers, and the index of the checkpoint in force."""
    assert target.schedule is not None
    checkpoints = target.schedule.checkpoints
    cp_years = np.array([y for y, _ in checkpoints], dtype=np.float64)
    index = np.searchsorted(cp_years, np.where(known, years, -np.inf), side="right") - 1
    in_range = known & (index >= 0)
    if target.schedule.until is not None:
        with np.errstate(invalid="ignore"):
            in_range &= years <= target.schedule.until
    return in_range, np.clip(index, 0, None)


def errors(target: TargetFields, ctx: BatchRuleContext) -> BoolArray:
    """Rows where *target* is due (or given half a quota) but an input is missing."""
    years = ctx.column(target.year_field)
    known = ~np.isnan(years)
    if target.target_kind == "milestone":
        return _milestone(target, ctx, years, known).error
    figure_missing = ctx.missing(target.input)
    if target.required_input is not None:
        out: BoolArray = known & (ctx.missing(target.required_input) ^ figure_missing)
        return out
    in_range, _ = _schedule_rows(target, years, known)
    missing: BoolArray = in_range & figure_missing
    return missing


def evaluate(target: TargetFields, ctx: BatchRuleContext) -> BatchVerdicts:
    """*target*'s model over a batch: due, met, attainment, error and doubt per row."""
    years = ctx.column(target.year_field)
    known = ~np.isnan(years)
    if target.target_kind == "milestone":
        return _milestone(target, ctx, years, known)
    figure = ctx.column(target.input)
    figure_missing = ctx.missing(target.input)
    tolerance = target.tolerance_in(ctx.params)
    index: npt.NDArray[np.intp] | None = None
    if target.required_input is not None:
        quota_missing = ctx.missing(target.required_input)
        error = known & (quota_missing ^ figure_missing)
        due = known & ~quota_missing & ~figure_missing
        required = ctx.column(target.required_input) * float(_ONE - tolerance)
        exact_required = np.full(ctx.size, tolerance == 0)
    else:
        assert target.schedule is not None
        exact_values = [v * (_ONE - tolerance) for _, v in target.schedule.checkpoints]
        cp_values = np.array([float(v) for v in exact_values], dtype=np.float64)
        cp_faithful = np.array([_faithful(v) for v in exact_values], dtype=bool)
        in_range, index = _schedule_rows(target, years, known)
        required = cp_values[index]
        exact_required = cp_faithful[index]
        error = in_range & figure_missing
        due = in_range & ~figure_missing
    scaled = _scaled_pair(target, ctx, tolerance, index)
    if scaled is not None:
        return _exact_verdicts(target.target_kind == "at_most", due, error, *scaled)
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


def _decimals(ctx: BatchRuleContext, name: str) -> Scaled | None:
    """Input *name* as exact decimals: the engine's reading, or one with more places."""
    value = ctx.decimal(name)
    if value is not None:
        return value
    column = ctx.raw(name)
    if not column.faithful or column.data.dtype.kind != "f":
        return None
    # a figure such as 2964.9999999 (7 places): read with up to MAX_PLACES places
    return read_decimals(column.data, column.missing, range(MAX_PLACES + 1))


def _scaled_pair(
    target: TargetFields,
    ctx: BatchRuleContext,
    tolerance: Fraction,
    index: npt.NDArray[np.intp] | None,
) -> tuple[FloatArray, FloatArray, float, float] | None:
    """Figure and requirement as integers ``X``, ``Y`` over one scale, with bounds of each.

    ``X / Y`` is figure / requirement (after the tolerance) and ``X >= Y``
    exactly when the figure reaches the requirement. ``None`` when an input
    has no exact reading or the integers may leave the exact range.
    """
    figure = _decimals(ctx, target.input)
    if figure is None:
        return None
    keep = _ONE - tolerance  # tn / td
    if target.required_input is not None:
        quota = _decimals(ctx, target.required_input)
        if quota is None:
            return None
        places = max(figure.places, quota.places)
        # figure / (quota × tn / td) = F·10**(P-p)·td / (R·10**(P-q)·tn)
        fx = 10 ** (places - figure.places) * keep.denominator
        fy = 10 ** (places - quota.places) * keep.numerator
        x_bound, y_bound = figure.bound * fx, quota.bound * fy
        if max(x_bound, y_bound) >= EXACT_LIMIT:
            return None
        x = figure.units * float(fx) if fx != 1 else figure.units
        y = quota.units * float(fy) if fy != 1 else quota.units
        return x, y, x_bound, y_bound
    assert target.schedule is not None
    assert index is not None
    # figure / (a / b) = F·b / (a·10**p), a / b the checkpoint's value after the tolerance
    values = [v * keep for _, v in target.schedule.checkpoints]
    tops = [v.numerator * 10**figure.places for v in values]
    bottoms = [v.denominator for v in values]
    x_bound = figure.bound * max(bottoms)
    y_bound = float(max(abs(t) for t in tops))
    if max(x_bound, y_bound) >= EXACT_LIMIT:
        return None
    x = figure.units * np.array(bottoms, dtype=np.float64)[index]
    y = np.array(tops, dtype=np.float64)[index]
    return x, y, x_bound, y_bound


def _exact_verdicts(
    at_most: bool,
    due: BoolArray,
    error: BoolArray,
    x: FloatArray,
    y: FloatArray,
    x_bound: float,
    y_bound: float,
) -> BatchVerdicts:
    """Verdicts from the exact integers ``X`` (figure) and ``Y`` (requirement)."""
    one = np.ones(x.shape)
    if at_most:
        met = x <= y
        # behind: max(Y, 0) / X, where X > Y; X > 0 unless Y < 0 (then 0 points)
        num = np.where(met, 1.0, np.maximum(y, 0.0))
        den = np.where(met | (num == 0), 1.0, x)
        bound, den_bound = max(y_bound, 1.0), max(x_bound, 1.0)
    else:
        met = x >= y
        positive = y > 0
        # clip(X, 0, Y) / Y, or 1 / 0 by met when nothing positive is required
        num = np.where(positive, np.clip(x, 0.0, np.maximum(y, 0.0)), met.astype(np.float64))
        den = np.where(positive, y, one)
        bound = den_bound = max(y_bound, 1.0)
    num = np.where(due, num, 0.0)
    den = np.where(due, den, 1.0)
    exact = Rationals(num, den, bound, den_bound)
    met &= due
    return BatchVerdicts(
        due=due,
        met=met,
        attainment=exact.as_float(),
        error=error,
        doubt=np.zeros(x.shape, dtype=bool),
        exact=exact,
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
    points = met.astype(np.float64)
    return BatchVerdicts(
        due=due,
        met=met,
        attainment=points,
        error=error,
        doubt=np.zeros(size, dtype=bool),
        exact=Rationals(points, 1, 1.0, 1.0),
    )
