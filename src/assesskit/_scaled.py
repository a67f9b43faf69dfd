"""Exact decimals on columns: integers held in float64, scaled by a power of ten.

A column of inputs written with few decimals (money in fen, ratios to four
places) is read as ``units / 10**places`` with whole ``units``; rules and
outcome expressions then compute on those integers exactly (see
:mod:`assesskit._batchmath` for why float64 holds them exactly), so ties
such as ``60 × 0.87875 = 52.725`` or a pay of ``6150 × 74.73 / 100 =
4595.895`` are rounded half-up from exact values, never from binary floats.

Anything that cannot be done so (a value with too many decimals, a division
by anything but a power of ten, a magnitude past the exact range) gives
``None``, and the float path with its doubt mask takes over.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Protocol

import attrs
import numpy as np

from assesskit._batchmath import EXACT_LIMIT, BoolArray, FloatArray, round_units
from assesskit._exact import decimal_places
from assesskit.expressions import (
    Arith,
    BandLookup,
    BatchEnv,
    Const,
    Expr,
    Input,
    Max,
    Min,
    NoValue,
    OutcomeRef,
    Param,
    Total,
    Where,
)

__all__ = [
    "MAX_PLACES",
    "Scaled",
    "ScaledEnv",
    "read_decimals",
    "round_scaled",
    "scaled_fraction",
    "scaled_value",
]

#: The most decimals an exact column may carry.
MAX_PLACES = 12
#: Decimals tried, in this order after a hint, when reading a float column.
PROBE_PLACES = (0, 2, 4, 6)


@attrs.frozen
class Scaled:
    """A column of exact decimals ``units / 10**places``.

    ``units`` are integers held in float64 (a 0-d array for a constant),
    ``bound`` bounds ``|units|``; ``missing`` rows hold 0.
    """

    units: FloatArray
    places: int
    bound: float
    missing: BoolArray | None = None

    def at(self, places: int) -> FloatArray | None:
        """The units at *places* decimals (``places >= self.places``), if still exact."""
        if places == self.places:
            return self.units
        factor = 10 ** (places - self.places)
        if self.bound * factor >= EXACT_LIMIT:
            return None
        out: FloatArray = self.units * float(factor)
        return out


class ScaledEnv(BatchEnv, Protocol):
    """A batch environment that can give inputs, the total and outcomes as exact decimals."""

    def decimal(self, name: str) -> Scaled | None:
        """Input *name* as exact decimals, if its values allow."""

    def scaled_total(self) -> Scaled | None:
        """The published totals as exact hundredths."""

    def scaled_outcome(self, name: str) -> Scaled | None:
        """An outcome computed earlier, as exact decimals."""


def _or(a: BoolArray | None, b: BoolArray | None) -> BoolArray | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def read_decimals(
    data: FloatArray, missing: BoolArray | None, order: Sequence[int] = PROBE_PLACES
) -> Scaled | None:
    """Read a float column as decimals with the first number of places in *order* that fits.

    Every value (but the missing ones) must be the float of a decimal with
    that many places: then the decimal is also the value's shortest
    ``repr``, the number the exact path reads. NaN must only occur on
    *missing* rows.
    """
    if data.size == 0:
        return Scaled(np.zeros(0), 0, 0.0, missing)
    present = data if missing is None else np.where(missing, 0.0, data)
    biggest = max(float(np.max(present)), -float(np.min(present)))
    if not np.isfinite(biggest):
        return None
    for places in order:
        scale = 10.0**places
        bound = biggest * scale
        # 10**places of a decimal with that many places is near a whole number
        # below 2**52, so rint recovers it exactly and dividing back is exact.
        if bound >= EXACT_LIMIT:
            continue
        if places == 0:
            units = np.rint(present)
            exact = np.array_equal(units, present)
        else:
            units = present * scale
            np.rint(units, out=units)
            exact = np.array_equal(units / scale, present)
        if exact:
            return Scaled(units, places, float(np.rint(bound)), missing)
    return None


@functools.lru_cache(maxsize=1024)
def scaled_fraction(value: Any) -> Scaled | None:
    """A constant as exact decimals (``None`` for a non-decimal such as 1/3)."""
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        return None
    value = Fraction(value)
    places = decimal_places(value)
    if places is None or places > MAX_PLACES:
        return None
    units = value * 10**places
    if abs(units) >= EXACT_LIMIT:
        return None
    return Scaled(np.asarray(float(units)), places, float(abs(units)))


def _align(a: Scaled, b: Scaled) -> tuple[FloatArray, FloatArray, int, float] | None:
    places = max(a.places, b.places)
    ua, ub = a.at(places), b.at(places)
    if ua is None or ub is None:
        return None
    bound = max(a.bound * 10 ** (places - a.places), b.bound * 10 ** (places - b.places))
    return ua, ub, places, bound


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


def scaled_value(expr: Expr, env: ScaledEnv) -> Scaled | None:
    """Evaluate *expr* exactly as scaled decimals, or ``None`` when it cannot be done."""
    if isinstance(expr, Const):
        return scaled_fraction(expr.value)
    if isinstance(expr, Param):
        return scaled_fraction(env.param(expr.name))
    if isinstance(expr, Input):
        return env.decimal(expr.name)
    if isinstance(expr, Total):
        return env.scaled_total()
    if isinstance(expr, OutcomeRef):
        return env.scaled_outcome(expr.name)
    if isinstance(expr, NoValue):
        return Scaled(np.asarray(0.0), 0, 0.0, np.ones(env.size, dtype=bool))
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
        ua, ub, places, bound = aligned
        pick = np.maximum if isinstance(expr, Max) else np.minimum
        return Scaled(pick(ua, ub), places, bound, _or(a.missing, b.missing))
    if isinstance(expr, Where):
        return _where(expr, env)
    return None


def _where(expr: Where, env: ScaledEnv) -> Scaled | None:
    size = env.size
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
    ua, ub, places, bound = aligned
    if a.missing is None and b.missing is None:
        missing = None
    else:
        am = np.zeros(size, bool) if a.missing is None else np.broadcast_to(a.missing, (size,))
        bm = np.zeros(size, bool) if b.missing is None else np.broadcast_to(b.missing, (size,))
        missing = np.where(cond, am, bm)
    return Scaled(np.where(cond, ua, ub), places, bound, missing)


def _band_lookup(expr: BandLookup, env: ScaledEnv) -> Scaled | None:
    values = [v for _, v in expr.values]
    if not all(isinstance(v, Fraction) for v in values):
        return None
    places = [decimal_places(v) for v in values]  # type: ignore[arg-type]
    if any(p is None or p > MAX_PLACES for p in places):
        return None
    top = max((p for p in places if p is not None), default=0)
    bands = env.band().data
    units = np.zeros(env.size)
    missing = np.ones(env.size, dtype=bool)
    bound = 0.0
    for band_id, value in expr.values:
        hit = bands == band_id
        unit = float(Fraction(value) * 10**top)
        if abs(unit) >= EXACT_LIMIT:
            return None
        units[hit] = unit
        missing[hit] = False
        bound = max(bound, abs(unit))
    return Scaled(units, top, bound, missing)


def _arith(expr: Arith, env: ScaledEnv) -> Scaled | None:
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
        if power is None or a.places + power > MAX_PLACES:
            return None
        return Scaled(a.units, a.places + power, a.bound, a.missing)
    b = scaled_value(expr.right, env)
    if b is None:
        return None
    missing = _or(a.missing, b.missing)
    if expr.op == "*":
        bound = a.bound * b.bound
        if a.places + b.places > MAX_PLACES or bound >= EXACT_LIMIT:
            return None
        return Scaled(a.units * b.units, a.places + b.places, bound, missing)
    aligned = _align(a, b)
    if aligned is None:
        return None
    ua, ub, places, bound = aligned
    if 2.0 * bound >= EXACT_LIMIT:
        return None
    return Scaled(ua + ub if expr.op == "+" else ua - ub, places, 2.0 * bound, missing)


def round_scaled(value: Scaled, places: int, out: FloatArray) -> Scaled | None:
    """Round half away from zero to *places*: write the nearest floats to *out*.

    Returns the rounded values as exact decimals, or ``None`` (and writes
    nothing) when the magnitudes leave no room for exact arithmetic.
    """
    size = len(out)
    units = np.broadcast_to(value.units, (size,))
    if value.places > places:
        step = 10 ** (value.places - places)
        nonnegative = bool(size) and float(np.min(units)) >= 0
        rounded = round_units(units, value.bound, step, nonnegative=nonnegative)
        if rounded is None:
            return None
        shown = places
        bound = np.floor(value.bound / step) + 1.0
    else:
        rounded, shown, bound = units, value.places, value.bound
    np.divide(rounded, 10.0**shown, out=out)
    if value.missing is not None:
        out[value.missing] = np.nan
        rounded = np.where(value.missing, 0.0, rounded)
    return Scaled(rounded, shown, float(bound), value.missing)
