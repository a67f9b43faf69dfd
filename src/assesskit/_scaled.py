"""Exact decimal arithmetic on columns: scaled int64 units, for money and published numbers.

``pay = standard_salary × total / 100`` lands exactly on half a fen in many
rows (a salary of 6150 with a total of 74.73: 4595.895). Floats cannot round
those rows, and re-scoring them one by one is slow. When every leaf of an
outcome expression is a decimal with few places (money, counts, published
totals, decimal constants), the expression is evaluated here on integers
scaled by a power of ten, and rounded half-up exactly. Anything else (a
division by a non-power of ten, a value too large for int64) returns
``None`` and the float path with its doubt mask takes over.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._exact import decimal_places
from assesskit.expressions import (
    Arith,
    BandLookup,
    BatchEnv,
    BatchValue,
    Const,
    Expr,
    Input,
    Max,
    Min,
    OutcomeRef,
    Param,
    Total,
    Where,
)

__all__ = ["Scaled", "full_steps", "round_scaled", "scaled_value"]

IntArray = npt.NDArray[np.int64]
_LIMIT = float(2**62)
_MAX_PLACES = 12
_PROBE_PLACES = (0, 2, 4, 6)


@attrs.frozen
class Scaled:
    """A column of exact decimals: ``units / 10**places`` (``missing`` rows hold 0)."""

    units: IntArray
    places: int
    missing: npt.NDArray[np.bool_] | None = None


def _or(a: npt.NDArray[np.bool_] | None, b: npt.NDArray[np.bool_] | None) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def _from_fraction(value: Any, size: int) -> Scaled | None:
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        return None
    value = Fraction(value)
    places = decimal_places(value)
    if places is None or places > _MAX_PLACES:
        return None
    units = value * 10**places
    if abs(units) >= 2**62:
        return None
    return Scaled(np.full(size, int(units), dtype=np.int64), places)


def _from_floats(value: BatchValue, size: int) -> Scaled | None:
    """Read a faithful float column as decimals with the fewest places that fit every row."""
    if not value.faithful or value.data.dtype.kind not in "fiu":
        return None
    data = np.broadcast_to(value.data.astype(np.float64, copy=False), (size,))
    missing = None if value.missing is None else np.broadcast_to(value.missing, (size,))
    present = data if missing is None else np.where(missing, 0.0, data)
    if not np.isfinite(present).all():
        return None
    biggest = float(np.max(np.abs(present))) if size else 0.0
    for places in _PROBE_PLACES:
        scale = 10.0**places
        if biggest * scale >= 2.0**52:
            return None
        units = np.rint(present * scale)
        if np.array_equal(units / scale, present):
            return Scaled(units.astype(np.int64), places, missing)
    return None


def full_steps(
    value: BatchValue, threshold: Fraction, step: Fraction, size: int
) -> IntArray | None:
    """``floor((value − threshold) / step)`` exactly, on scaled integers; ``None`` if not possible.

    Works when the column's values, the threshold and the step are decimals
    with at most 12 places between them and nothing overflows int64.
    """
    column = _from_floats(value, size)
    t_places, s_places = decimal_places(threshold), decimal_places(step)
    if column is None or t_places is None or s_places is None or step <= 0:
        return None
    places = max(column.places, t_places, s_places)
    factor = 10 ** (places - column.places)
    if places > _MAX_PLACES or _too_big(column.units, factor):
        return None
    units = column.units * factor
    t_units = int(threshold * 10**places)
    s_units = int(step * 10**places)
    out: IntArray = np.floor_divide(units - t_units, s_units)
    return out


def _align(a: Scaled, b: Scaled) -> tuple[IntArray, IntArray, int] | None:
    places = max(a.places, b.places)
    ua = a.units * 10 ** (places - a.places)
    ub = b.units * 10 ** (places - b.places)
    if _too_big(a.units, 10 ** (places - a.places)) or _too_big(b.units, 10 ** (places - b.places)):
        return None
    return ua, ub, places


def _too_big(units: IntArray, factor: int) -> bool:
    return bool(units.size) and float(np.max(np.abs(units))) * factor >= _LIMIT


def _power_of_ten(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        return None
    value = Fraction(value)
    if value.denominator != 1 or value <= 0:
        return None
    n, power = value.numerator, 0
    while n % 10 == 0:
        n //= 10
        power += 1
    return power if n == 1 else None


def scaled_value(expr: Expr, env: BatchEnv) -> Scaled | None:
    """Evaluate *expr* exactly as scaled decimals, or ``None`` when it cannot be done."""
    size = env.size
    if isinstance(expr, Const):
        return _from_fraction(expr.value, size)
    if isinstance(expr, Param):
        return _from_fraction(env.param(expr.name), size)
    if isinstance(expr, Input | Total | OutcomeRef):
        return _from_floats(expr.batch(env), size)
    if isinstance(expr, BandLookup):
        return _band_lookup(expr, env)
    if isinstance(expr, Arith):
        return _arith(expr, env)
    if isinstance(expr, Max | Min):
        a, b = scaled_value(expr.left, env), scaled_value(expr.right, env)
        if a is None or b is None:
            return None
        aligned = _align(a, b)
        if aligned is None:
            return None
        ua, ub, places = aligned
        pick = np.maximum if isinstance(expr, Max) else np.minimum
        return Scaled(pick(ua, ub), places, _or(a.missing, b.missing))
    if isinstance(expr, Where):
        condition = expr.condition.batch(env)
        if condition.doubt is not None and condition.doubt.any():
            return None
        cond = np.broadcast_to(np.asarray(condition.data, dtype=bool), (size,))
        if condition.missing is not None:
            cond = cond & ~np.broadcast_to(condition.missing, (size,))
        a, b = scaled_value(expr.then, env), scaled_value(expr.otherwise, env)
        if a is None or b is None:
            return None
        aligned = _align(a, b)
        if aligned is None:
            return None
        ua, ub, places = aligned
        am = np.zeros(size, bool) if a.missing is None else a.missing
        bm = np.zeros(size, bool) if b.missing is None else b.missing
        return Scaled(np.where(cond, ua, ub), places, np.where(cond, am, bm))
    return None


def _band_lookup(expr: BandLookup, env: BatchEnv) -> Scaled | None:
    values = [v for _, v in expr.values]
    if not all(isinstance(v, Fraction) for v in values):
        return None
    places = [decimal_places(v) for v in values]  # type: ignore[arg-type]
    if any(p is None or p > _MAX_PLACES for p in places):
        return None
    top = max((p for p in places if p is not None), default=0)
    bands = env.band().data
    units = np.zeros(env.size, dtype=np.int64)
    missing = np.ones(env.size, dtype=bool)
    for band_id, value in expr.values:
        hit = bands == band_id
        units[hit] = int(Fraction(value) * 10**top)
        missing[hit] = False
    return Scaled(units, top, missing)


def _arith(expr: Arith, env: BatchEnv) -> Scaled | None:
    a = scaled_value(expr.left, env)
    if a is None:
        return None
    if expr.op == "/":
        divisor = expr.right
        value = (
            divisor.value
            if isinstance(divisor, Const)
            else (env.param(divisor.name) if isinstance(divisor, Param) else None)
        )
        power = _power_of_ten(value)
        if power is None or a.places + power > _MAX_PLACES:
            return None
        return Scaled(a.units, a.places + power, a.missing)
    b = scaled_value(expr.right, env)
    if b is None:
        return None
    missing = _or(a.missing, b.missing)
    if expr.op == "*":
        if a.places + b.places > _MAX_PLACES:
            return None
        if a.units.size and (
            float(np.max(np.abs(a.units))) * float(np.max(np.abs(b.units))) >= _LIMIT
        ):
            return None
        return Scaled(a.units * b.units, a.places + b.places, missing)
    aligned = _align(a, b)
    if aligned is None:
        return None
    ua, ub, places = aligned
    return Scaled(ua + ub if expr.op == "+" else ua - ub, places, missing)


def round_scaled(value: Scaled, places: int) -> npt.NDArray[np.float64]:
    """Round half away from zero to *places*; the nearest floats of the exact decimals."""
    units = value.units
    if value.places > places:
        step = 10 ** (value.places - places)
        magnitude, rest = np.divmod(np.abs(units), step)
        magnitude = magnitude + (2 * rest >= step)
        units = np.sign(units) * magnitude
        shown = places
    else:
        shown = value.places
    out: npt.NDArray[np.float64] = units / 10.0**shown
    if value.missing is not None:
        out = np.where(value.missing, np.nan, out)
    return out
