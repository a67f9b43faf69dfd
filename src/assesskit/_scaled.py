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

Each expression node writes its own scaled form
(:meth:`assesskit.expressions.Node.scaled`) with the operations here;
:func:`scaled_value` calls it, or gives ``None`` for a node without one.
This module knows no expression node, so every node module can import it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Protocol

import attrs
import numpy as np

from assesskit._batchmath import EXACT_LIMIT, BoolArray, FloatArray, round_units, rows_of
from assesskit._exact import decimal_places
from assesskit._forms import owns_form

__all__ = [
    "MAX_PLACES",
    "PROBE_PLACES",
    "Scaled",
    "ScaledForm",
    "align",
    "either_missing",
    "nothing_known",
    "power_of_ten",
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


def either_missing(a: BoolArray | None, b: BoolArray | None) -> BoolArray | None:
    """Rows missing on either side."""
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


def align(a: Scaled, b: Scaled) -> tuple[FloatArray, FloatArray, int, float] | None:
    """Both at the larger number of places: their units, the places and a bound; if exact."""
    places = max(a.places, b.places)
    ua, ub = a.at(places), b.at(places)
    if ua is None or ub is None:
        return None
    bound = max(a.bound * 10 ** (places - a.places), b.bound * 10 ** (places - b.places))
    return ua, ub, places, bound


def power_of_ten(value: Any) -> int | None:
    """``n`` when *value* is ``10**n`` (a whole power of ten), else ``None``."""
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


class ScaledForm(Protocol):
    """A node with a scaled form: :meth:`assesskit.expressions.Expr.scaled`."""

    def scaled(self, env: Any) -> Scaled | None:
        """The node as exact decimals, or ``None`` when it cannot be done."""


def scaled_value(expr: ScaledForm, env: Any) -> Scaled | None:
    """Evaluate *expr* exactly as scaled decimals, or ``None`` when it cannot be done.

    Each expression node writes its own scaled form; a node without one (a
    node from a plugin, or a subclass that changed what its parent computes
    but not its scaled form) gives ``None``: the float path with its doubt
    mask takes over.
    """
    return expr.scaled(env) if owns_form(expr, "scaled") else None


def round_scaled(value: Scaled, places: int, out: FloatArray) -> Scaled | None:
    """Round half away from zero to *places*: write the nearest floats to *out*.

    Returns the rounded values as exact decimals, or ``None`` (and writes
    nothing) when the magnitudes leave no room for exact arithmetic.
    """
    size = len(out)
    if value.missing is not None and value.missing.all():
        out.fill(np.nan)  # no row has a value (an optional input left out): nothing to round
        return Scaled(_zeros(size), min(places, value.places), 0.0, value.missing)
    units = rows_of(value.units, size)
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
    if not value.places > places:
        out += 0.0  # no negative zero (an input "-0", 0 × −5): the exact path reads 0
    if value.missing is not None:
        out[value.missing] = np.nan
        rounded = np.where(value.missing, 0.0, rounded)
    return Scaled(rounded, shown, float(bound), value.missing)


def nothing_known(places: int, missing: BoolArray) -> Scaled | None:
    """A column without a value in any row (``None`` when some row has one).

    An optional input left out of a batch is missing throughout; what is
    computed from it is too, and costs no arithmetic.
    """
    if not missing.all():
        return None
    return Scaled(_zeros(len(missing)), places, 0.0, missing)


def _zeros(size: int) -> FloatArray:
    """*size* zeros that take no memory (a read-only view of one)."""
    out: FloatArray = np.broadcast_to(np.float64(0.0), (size,))
    return out
