"""Arithmetic for the batch path: exact rationals held in float64, and floats that know their doubt.

Exact values on the batch path are *integers held in float64*: every integer
below 2**53 is a float64 exactly, and so are the sum, difference and product
of two of them while the result stays below 2**53. A quotient is not exact,
but the floor of a correctly rounded quotient of two such integers is the
integer quotient as long as the dividend and divisor together stay below
2**52 (the float error, under 2**-52 of the quotient, is then smaller than
the distance 1/divisor from the quotient to the next whole number). That is
all half-up rounding needs: ``floor((2·n·10**p + d) / (2·d))``. Each exact
column carries a bound on its magnitude, so overflow is ruled out before an
operation runs, without looking at the data; when a bound says no, the
caller takes the float path with its doubt mask instead.

The float helpers compute in plain float64 and mark a row *uncertain*
wherever float noise could change a discrete decision: a floor near a whole
number, a rounding near a half, a comparison of two computed values that are
nearly equal. Uncertain rows are re-scored on the exact path.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

__all__ = [
    "EXACT_LIMIT",
    "TIE_TOLERANCE",
    "BoolArray",
    "FloatArray",
    "Rationals",
    "StepLookup",
    "floor_with_doubt",
    "or_masks",
    "round_certified",
    "round_half_up_with_doubt",
    "round_units",
    "rows_of",
    "sum_rationals",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Relative distance from a decision boundary under which a float result is
#: not trusted. Float error on the batch path is around 1e-15 relative; this
#: is many orders of magnitude wider, so every real tie is caught and the
#: number of false alarms stays negligible.
TIE_TOLERANCE = 1e-9

#: Integers held in float64 stay below this bound on the exact batch path
#: (2**52: one bit of room under 2**53 for the floor-of-quotient rule).
EXACT_LIMIT = float(2**52)


def rows_of(value: Any, size: int) -> npt.NDArray[Any]:
    """*value* as a column of *size* rows: an array that has them already as it is.

    Anything else (a 0-d array, a scalar) becomes a read-only broadcast;
    ``np.broadcast_to`` costs several microseconds even when nothing is to
    be done, and a chunk asks this a few hundred times.
    """
    if isinstance(value, np.ndarray) and value.shape == (size,):
        return value
    return np.broadcast_to(value, (size,))


def or_masks(a: BoolArray | None, b: BoolArray | None) -> BoolArray | None:
    """The rows in either mask; ``None`` stands for no row."""
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def floor_with_doubt(q: FloatArray, magnitude: FloatArray | float) -> tuple[FloatArray, BoolArray]:
    """``floor(q)`` and a mask of rows where *q* is too close to a whole number.

    *magnitude* bounds the size of the numbers *q* was computed from, so that
    cancellation error is accounted for.
    """
    whole = np.floor(q)
    nearest = np.rint(q)
    doubt = np.abs(q - nearest) <= TIE_TOLERANCE * (1.0 + np.abs(magnitude))
    return whole, doubt


def round_half_up_with_doubt(
    x: FloatArray, places: int = 2, span: FloatArray | None = None
) -> tuple[FloatArray, BoolArray]:
    """Round half away from zero to *places* decimals; mask rows near a tie.

    The rounded value is returned as the float nearest to the decimal result,
    so ``repr`` of it shows the exact decimal. An infinity or a NaN (on a row
    that is missing, such as a division by 0) stays so, without numpy's warning.
    A row is near a tie when its float noise, relative to its magnitude or to
    the *span* it was computed from (``BatchValue.span``), may reach the tie.
    """
    scale = 10.0**places
    scaled = np.abs(x) * scale
    with np.errstate(invalid="ignore"):
        frac = scaled - np.floor(scaled)
    noise = scaled if span is None else np.maximum(scaled, span * scale)
    doubt = np.abs(frac - 0.5) <= TIE_TOLERANCE * (1.0 + noise)
    units = np.floor(scaled + 0.5)
    rounded = np.copysign(units, x) / scale
    rounded += 0.0  # no negative zero: -0.004 rounds to 0.00, not -0.00
    return rounded, doubt


def round_units(
    units: FloatArray, bound: float, step: int, *, nonnegative: bool = False
) -> FloatArray | None:
    """``units / step`` rounded half away from zero to a whole number, exactly.

    *units* are integers held in float64 with ``|units| <= bound``; *step* is
    a positive integer (a power of ten when dropping decimals). ``None`` when
    the bound leaves no room for exact arithmetic.

    >>> round_units(np.array([74725.0, 74724.0, -5.0]), 74725, 10).tolist()
    [7473.0, 7472.0, -1.0]
    """
    if step == 1:
        return units
    if 2.0 * bound + 3.0 * step >= EXACT_LIMIT:
        return None
    if step % 2 == 0:
        # floor((units + step / 2) / step): step / 2 is whole, so one pass fewer
        if nonnegative:
            out = units + float(step // 2)
        else:
            out = np.abs(units)
            out += float(step // 2)
        out /= float(step)
    else:
        if nonnegative:
            out = units * 2.0
        else:
            out = np.abs(units)
            out *= 2.0
        out += step
        out /= 2.0 * step
    np.floor(out, out=out)
    if not nonnegative:
        np.copysign(out, units, out=out)
        out += 0.0  # no negative zero: -0.004 rounds to 0.00, not -0.00
    return out


@attrs.frozen
class Rationals:
    """A column of exact rational numbers ``num / den``, integers held in float64.

    ``den`` is one positive integer for every row (a Python ``int``) or a
    column of them; ``bound`` and ``den_bound`` bound ``|num|`` and ``den``,
    so that every operation can rule out overflow before it runs. Operations
    return ``None`` when the bounds leave no room; the caller then falls back
    to floats with a doubt mask.
    """

    num: FloatArray
    den: int | FloatArray
    bound: float
    den_bound: float

    @classmethod
    def of(cls, num: FloatArray, den: int, bound: float) -> Rationals | None:
        """Numerators over one denominator; ``None`` when they may not be exact."""
        if bound >= EXACT_LIMIT or den >= EXACT_LIMIT:
            return None
        return cls(num, den, float(bound), float(den))

    @classmethod
    def constant(cls, value: Fraction, size: int) -> Rationals:
        """*value* on every row."""
        return cls(
            np.full(size, float(value.numerator)),
            value.denominator,
            float(abs(value.numerator)),
            float(value.denominator),
        )

    @property
    def common(self) -> bool:
        """Whether every row has the same denominator."""
        return isinstance(self.den, int)

    def times(self, factor: Fraction) -> Rationals | None:
        """Every value multiplied by the constant *factor* (itself for a factor of 1)."""
        if factor == 1:
            return self
        bound = self.bound * abs(factor.numerator)
        if isinstance(self.den, int):
            den = self.den * factor.denominator
            if bound >= EXACT_LIMIT or den >= EXACT_LIMIT:
                return None
            return Rationals(self.num * float(factor.numerator), den, bound, float(den))
        den_bound = self.den_bound * factor.denominator
        if bound >= EXACT_LIMIT or den_bound >= EXACT_LIMIT:
            return None
        return Rationals(
            self.num * float(factor.numerator),
            self.den * float(factor.denominator),
            bound,
            den_bound,
        )

    def over(self, divisor: FloatArray, divisor_bound: float) -> Rationals | None:
        """Every value divided by a positive integer of its row (``divisor > 0``)."""
        den_bound = self.den_bound * divisor_bound
        if den_bound >= EXACT_LIMIT:
            return None
        return Rationals(self.num, self.den * divisor, self.bound, den_bound)

    def plus(self, other: Rationals) -> Rationals | None:
        """The sum, row by row."""
        if isinstance(self.den, int) and isinstance(other.den, int):
            den = lcm(self.den, other.den)
            a, b = den // self.den, den // other.den
            bound = self.bound * a + other.bound * b
            if bound >= EXACT_LIMIT or den >= EXACT_LIMIT:
                return None
            # scale one term into a new array and add the other: two passes when a or b is 1
            if a == 1:
                num = other.num * float(b) if b != 1 else other.num.copy()
                num += self.num
            else:
                num = self.num * float(a)
                num += other.num if b == 1 else other.num * float(b)
            return Rationals(num, den, bound, float(den))
        bound = self.bound * other.den_bound + other.bound * self.den_bound
        den_bound = self.den_bound * other.den_bound
        if bound >= EXACT_LIMIT or den_bound >= EXACT_LIMIT:
            return None
        return Rationals(
            self.num * other.den + other.num * self.den,
            self.den * other.den,
            bound,
            den_bound,
        )

    def where(self, mask: BoolArray, value: Fraction) -> Rationals | None:
        """The constant *value* on the rows of *mask*, these values elsewhere."""
        if isinstance(self.den, int):
            den = lcm(self.den, value.denominator)
            a = den // self.den
            fill = value.numerator * (den // value.denominator)
            bound = max(self.bound * a, abs(fill))
            if bound >= EXACT_LIMIT or den >= EXACT_LIMIT:
                return None
            scaled = self.num * float(a) if a != 1 else self.num
            return Rationals(np.where(mask, float(fill), scaled), den, bound, float(den))
        den_bound = self.den_bound * value.denominator
        bound = max(self.bound * value.denominator, abs(value.numerator) * self.den_bound)
        if bound >= EXACT_LIMIT or den_bound >= EXACT_LIMIT:
            return None
        return Rationals(
            np.where(mask, value.numerator * self.den, self.num * float(value.denominator)),
            self.den * float(value.denominator),
            bound,
            den_bound,
        )

    def rounded(self, places: int, *, nonnegative: bool = False) -> FloatArray | None:
        """Round half away from zero to *places* decimals: the result in units of ``10**-places``.

        >>> Rationals.of(np.array([74725.0, 7472.0]), 1000, 74725).rounded(2).tolist()
        [7473.0, 747.0]
        """
        scale = 10**places
        if isinstance(self.den, int):
            g = np.gcd(scale, self.den)
            scale, den = scale // g, self.den // g
            bound = self.bound * scale
            if bound >= EXACT_LIMIT:
                return None
            units = self.num * float(scale) if scale != 1 else self.num
            return round_units(units, bound, den, nonnegative=nonnegative)
        bound = self.bound * scale
        if 2.0 * bound + 3.0 * self.den_bound >= EXACT_LIMIT:
            return None
        out = self.num * (2.0 * scale) if nonnegative else np.abs(self.num) * (2.0 * scale)
        out += self.den
        out /= 2.0 * self.den
        np.floor(out, out=out)
        if not nonnegative:
            np.copysign(out, self.num, out=out)
            out += 0.0
        rounded: FloatArray = out
        return rounded

    def as_float(self) -> FloatArray:
        """The nearest float of every value (``num`` itself for whole numbers)."""
        if isinstance(self.den, int) and self.den == 1:
            return self.num
        out: FloatArray = self.num / self.den
        return out


@attrs.frozen
class StepLookup:
    """A value that steps at cuts along the line: the lookup of a threshold table, vectorised.

    Built from sorted distinct ends ``e1 < e2 < …`` that cut the line into
    the segments ``(-inf, e1), [e1], (e1, e2), [e2], …, (ek, inf)``, with one
    value per segment (NaN for a segment in no interval: a *gap*). A value
    ``v`` gets ``base + Σ step`` over the cuts it passes: ``v >= e`` enters
    the segment ``[e]``, ``v > e`` the one after it. Comparisons cost far
    less than a ``searchsorted`` per value, and a cut whose step is 0 costs
    nothing.
    """

    base: float
    cuts: tuple[tuple[float, bool, float], ...]
    gaps: tuple[tuple[tuple[float, bool] | None, tuple[float, bool] | None], ...]

    @classmethod
    def of(cls, ends: list[float], values: list[float]) -> StepLookup:
        """*ends* sorted and distinct, *values* one per segment (``2·len(ends) + 1``)."""
        assert len(values) == 2 * len(ends) + 1
        filled = [0.0 if np.isnan(v) else v for v in values]
        passes = [(end, strict) for end in ends for strict in (False, True)]
        cuts = tuple(
            (end, strict, filled[i + 1] - filled[i])
            for i, (end, strict) in enumerate(passes)
            if filled[i + 1] != filled[i]
        )
        bounds: list[tuple[float, bool] | None] = [None, *passes, None]
        gaps = tuple(
            (bounds[i], bounds[i + 1]) for i, value in enumerate(values) if np.isnan(value)
        )
        return cls(filled[0], cuts, gaps)

    def __call__(self, value: FloatArray) -> FloatArray:
        """The value of every element's segment (0 in a gap: see :meth:`gap`)."""
        out: FloatArray | None = None
        step = None
        for end, strict, delta in self.cuts:
            passed = np.greater(value, end) if strict else np.greater_equal(value, end)
            if out is None:
                out = np.multiply(passed, delta)
                continue
            step = np.multiply(passed, delta, out=step)
            out += step
        if out is None:
            return np.full(value.shape, self.base)
        if self.base:
            out += self.base
        return out

    def gap(self, value: FloatArray) -> BoolArray | None:
        """Elements in a segment with no value; ``None`` when the table has no gap."""
        if not self.gaps or not value.size:
            return None
        low, high = float(np.min(value)), float(np.max(value))
        if not any(_meets(gap, low, high) for gap in self.gaps):
            return None  # every value lies between the gaps (NaN: checked below)
        out = np.zeros(value.shape, dtype=bool)
        for start, end in self.gaps:
            inside = np.ones(value.shape, dtype=bool)
            if start is not None:
                inside &= (
                    np.greater(value, start[0]) if start[1] else np.greater_equal(value, start[0])
                )
            if end is not None:
                inside &= np.less_equal(value, end[0]) if end[1] else np.less(value, end[0])
            out |= inside
        return out


def _meets(
    gap: tuple[tuple[float, bool] | None, tuple[float, bool] | None], low: float, high: float
) -> bool:
    """Whether a gap segment may hold a value of ``[low, high]`` (NaN bounds: it may)."""
    if low != low or high != high:
        return True
    start, end = gap
    if start is not None and (high < start[0] or (high == start[0] and start[1])):
        return False
    return not (end is not None and (low > end[0] or (low == end[0] and not end[1])))


def sum_rationals(terms: list[Rationals]) -> Rationals | None:
    """The sum of *terms*, row by row; terms over one denominator are added first.

    Adding the whole-number points of most components before scaling them
    to a common denominator saves a multiplication per term.
    """
    groups: dict[int, list[Rationals]] = {}
    rows: list[Rationals] = []
    for term in terms:
        if isinstance(term.den, int):
            groups.setdefault(term.den, []).append(term)
        else:
            rows.append(term)
    total: Rationals | None = None
    # the largest denominator first: its sum needs no scaling when the others divide it
    for den in sorted(groups, reverse=True):
        members = groups[den]
        if len(members) == 1:
            part = members[0]
        else:
            num = members[0].num + members[1].num
            for member in members[2:]:
                num += member.num
            part = Rationals(num, den, sum(m.bound for m in members), float(den))
        total = part if total is None else total.plus(part)
        if total is None:
            return None
    for term in rows:
        total = term if total is None else total.plus(term)
        if total is None:
            return None
    return total


#: Float error of one operation, relative (the unit roundoff of float64 is half of it).
_EPSILON = 2.0**-52


def round_certified(
    terms: Sequence[Rationals],
    places: int,
    scale: tuple[int, FloatArray] | None = None,
) -> tuple[FloatArray, int] | None:
    """``Σ terms`` (times ``scale[0] / scale[1]`` per row) rounded half away from zero, exactly.

    The result is in units of ``10**-places``, with the number of rows that
    needed integer arithmetic. Unlike :meth:`Rationals.rounded` this needs
    no common denominator, so it works when the terms' denominators (one
    per row each) multiply past the exact range: every term is divided in
    float64 (correctly rounded, as every integer of a term is exact), the
    sum carries a certified bound of its error, ``(k + 4) · 2**-52 · Σ|t|``
    for ``k`` terms (twice what ``k + 3`` roundings can do), and only the
    rows whose sum lies that close to a half are decided again, with Python
    integers from the terms' numerators and denominators. ``scale[1]``
    holds positive whole numbers. ``None`` when the values are too large
    for the float sum to place a half (over ``2**40`` units).

    >>> third = Rationals(np.array([1.0, 2.0]), np.array([3.0, 400.0]), 2.0, 400.0)
    >>> units, decided = round_certified([third, third], 2)
    >>> units.tolist(), decided  # 2/3 → 0.67; 4/400 = 0.01
    ([67.0, 1.0], 0)
    >>> half = Rationals(np.array([1.0]), np.array([200.0]), 1.0, 200.0)
    >>> round_certified([half], 2)[0].tolist(), round_certified([half], 2)[1]
    ([1.0], 1)
    """
    power = 10**places
    total: FloatArray | None = None
    magnitude: FloatArray | None = None
    for term in terms:
        value = term.num / term.den
        if total is None:
            total, magnitude = value, np.abs(value)
            continue
        assert magnitude is not None
        total += value
        magnitude += np.abs(value)
    if total is None or magnitude is None:
        return None
    if scale is not None:
        factor = scale[0] / scale[1]
        total *= factor
        magnitude *= factor
    scaled = np.abs(total)
    scaled *= power
    size = float(np.max(magnitude, initial=0.0)) * power
    if size >= 2.0**40:
        return None
    error = magnitude * (power * (len(terms) + 4) * _EPSILON)
    error += _EPSILON  # a hair more: the float Σ|t| is itself rounded
    near = np.abs(scaled - np.floor(scaled) - 0.5) <= error
    units = np.floor(scaled + 0.5)
    np.copysign(units, total, out=units)
    units += 0.0  # no negative zero
    rows = np.flatnonzero(near)
    for row in rows:
        units[row] = _exact_units(terms, int(row), power, scale)
    return units, len(rows)


def _exact_units(
    terms: Sequence[Rationals], row: int, power: int, scale: tuple[int, FloatArray] | None
) -> float:
    """Row *row* of ``Σ terms × scale × power`` rounded half away from zero, in integers."""
    num, den = 0, 1
    for term in terms:
        n = int(term.num[row])
        d = term.den if isinstance(term.den, int) else int(term.den[row])
        num, den = num * d + n * den, den * d
    num *= power
    if scale is not None:
        num *= scale[0]
        den *= int(scale[1][row])
    units = (2 * abs(num) + den) // (2 * den)
    return float(units) if num >= 0 else -float(units) + 0.0
