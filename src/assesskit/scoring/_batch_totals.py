"""Component points and the total of one chunk, rounded half-up: exactly, or in floats with doubt.

:func:`exact_totals` sums the rules' exact points (rationals held in
float64, see :mod:`assesskit._batchmath`); when some rule has no exact
form, :func:`float_totals` computes in float64 and marks the rows near a tie.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from assesskit._batchmath import (
    EXACT_LIMIT,
    BoolArray,
    FloatArray,
    Rationals,
    or_masks,
    round_certified,
    round_half_up_with_doubt,
    sum_rationals,
)
from assesskit.rules.base import BatchScored

if TYPE_CHECKING:
    from assesskit.scoring._batch_outputs import BatchOutputs
    from assesskit.scoring._batch_plan import BatchPlan

__all__ = ["Totals", "exact_totals", "float_totals"]

# hundredths of the total, rows where nothing applies, rows near a tie, a bound of |hundredths|
Totals = tuple[FloatArray, BoolArray | None, BoolArray | None, float]

#: Points and totals are never negative: a component earns from 0 to its weight (a scheme
#: refuses a rule that can give less), so they are rounded without a look at signs.
NONNEGATIVE = True


def exact_totals(
    plan: BatchPlan,
    scored: Mapping[str, BatchScored],
    size: int,
    out: BatchOutputs,
    part: slice,
) -> Totals | None:
    """Published component points and total hundredths from exact points; ``None`` if not exact.

    Over a common denominator when the bounds allow it; else (denominators
    per row that multiply past the exact range, as 15 targets' do) with
    :func:`~assesskit._batchmath.round_certified`, which decides the few
    rows near a half with Python integers.
    """
    scheme = plan.scheme
    if any(s.exact is None for s in scored.values()):
        return None
    applies = {cid: s.applicable for cid, s in scored.items() if s.applicable is not None}
    rescale = scheme.not_applicable == "rescale" and any(
        not mask.all() for mask in applies.values()
    )
    nothing: BoolArray | None = None
    applied: FloatArray | None = None
    applied_bound = 0.0
    if rescale:
        # applied weight × lcm of the weights' denominators: whole numbers
        applied = np.zeros(size)
        for component in scheme.components:
            units = float(plan.weights[component.id] * plan.weight_den)
            applied_bound += abs(units)
            mask = applies.get(component.id)
            applied += units if mask is None else np.where(mask, units, 0.0)
        nothing = applied == 0
        applied[nothing] = 1.0
    masked: dict[str, Rationals] = {}
    for cid, result in scored.items():
        exact = result.exact
        assert exact is not None
        mask = applies.get(cid)
        if mask is not None and not mask.all():
            exact = exact.where(~mask, Fraction(0))
            if exact is None:
                return None
        masked[cid] = exact
    scale = None if applied is None else (100 * plan.weight_den, applied)
    rescaled = _rescaled(masked, scale, applied_bound)
    common = _common_totals(rescaled)
    if common is not None:
        hundredths, shown, bound = common
    else:
        certified = _certified_totals(masked, rescaled, scale)
        if certified is None:
            return None
        hundredths, shown = certified
        bound = float(np.max(np.abs(hundredths), initial=0.0)) + 1.0
    for cid, points in shown.items():
        target = out.components[cid][part]
        if points is None:
            np.copyto(target, masked[cid].num)  # whole points, not rescaled
        else:
            np.divide(points, 100.0, out=target)
        mask = applies.get(cid)
        if mask is not None:
            target[~mask] = np.nan if scheme.not_applicable == "rescale" else 0.0
    return hundredths, nothing, None, bound


# published hundredths of the total, of each component (None: whole points as they are), a bound
_Rounded = tuple[FloatArray, dict[str, FloatArray | None], float]


def _rescaled(
    masked: Mapping[str, Rationals], scale: tuple[int, FloatArray] | None, applied_bound: float
) -> dict[str, Rationals | None]:
    """Each component's published points (× 100 / applied weight); ``None`` past the bounds."""
    if scale is None:
        return dict(masked)
    out: dict[str, Rationals | None] = {}
    for cid, exact in masked.items():
        points = exact.times(Fraction(scale[0]))
        out[cid] = None if points is None else points.over(scale[1], applied_bound)
    return out


def _common_totals(rescaled: Mapping[str, Rationals | None]) -> _Rounded | None:
    """Points and total over a common denominator; ``None`` when the bounds say no."""
    pending = {cid: points for cid, points in rescaled.items() if points is not None}
    if len(pending) < len(rescaled):
        return None
    # a common denominator is at least the product of the denominators given per row
    if math.prod(p.den_bound for p in pending.values() if not p.common) >= EXACT_LIMIT:
        return None
    total = sum_rationals(list(pending.values()))
    hundredths = None if total is None else total.rounded(2, nonnegative=NONNEGATIVE)
    if total is None or hundredths is None:
        return None
    shown: dict[str, FloatArray | None] = {}
    for cid, exact in pending.items():
        if isinstance(exact.den, int) and exact.den == 1:
            shown[cid] = None  # whole points: published as they are
            continue
        points = exact.rounded(2, nonnegative=NONNEGATIVE)
        if points is None:
            return None
        shown[cid] = points
    return hundredths, shown, total.bound * 100.0 / _smallest_den(total) + 1.0


def _certified_totals(
    masked: Mapping[str, Rationals],
    rescaled: Mapping[str, Rationals | None],
    scale: tuple[int, FloatArray] | None,
) -> tuple[FloatArray, dict[str, FloatArray | None]] | None:
    """Points and total rounded from float sums with a certified error (see ``round_certified``).

    A component's points alone are rounded exactly over their own
    denominators where the bounds allow it (no row left to decide).
    """
    total = round_certified(list(masked.values()), 2, scale)
    if total is None:
        return None
    shown: dict[str, FloatArray | None] = {}
    for cid, exact in masked.items():
        points = rescaled[cid]
        units = None if points is None else points.rounded(2, nonnegative=NONNEGATIVE)
        if units is None:
            certified = round_certified([exact], 2, scale)
            if certified is None:
                return None
            units = certified[0]
        shown[cid] = units
    return total[0], shown


def _smallest_den(value: Rationals) -> float:
    return float(value.den) if isinstance(value.den, int) else 1.0


def float_totals(
    plan: BatchPlan,
    scored: Mapping[str, BatchScored],
    size: int,
    out: BatchOutputs,
    part: slice,
) -> tuple[Totals, BoolArray | None]:
    """Component points and total hundredths in float64, with the rows near a tie."""
    scheme = plan.scheme
    weights = plan.weights
    applicable = {
        cid: s.applicable if s.applicable is not None else np.ones(size, dtype=bool)
        for cid, s in scored.items()
    }
    factor: FloatArray | None = None
    nothing: BoolArray | None = None
    partly = ~np.logical_and.reduce(list(applicable.values())) if applicable else None
    if scheme.not_applicable == "rescale" and partly is not None and partly.any():
        applied = np.zeros(size)
        for component in scheme.components:
            applied += np.where(applicable[component.id], float(weights[component.id]), 0.0)
        nothing = applied == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(nothing, 0.0, 100.0 / applied)
    doubt: BoolArray | None = None
    exact_sum = np.zeros(size)
    for cid, result in scored.items():
        points = np.where(applicable[cid], result.points, 0.0)
        if factor is not None:
            points = points * factor
        exact_sum += points
        rounded, near = round_half_up_with_doubt(points)
        shown = np.where(
            applicable[cid], rounded, np.nan if scheme.not_applicable == "rescale" else 0.0
        )
        out.components[cid][part] = shown
        doubt = or_masks(doubt, near & applicable[cid])
    rounded_total, near_tie = round_half_up_with_doubt(exact_sum)
    hundredths = np.rint(rounded_total * 100.0)
    bound = float(np.max(np.abs(hundredths), initial=0.0))
    return (hundredths, nothing, near_tie, bound), doubt
