"""Intervals with explicit closed or open ends, on exact numbers."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import attrs

from assesskit._exact import ExactNumber, format_number, to_fraction

__all__ = ["Interval"]


def _opt_fraction(value: ExactNumber | None) -> Fraction | None:
    return None if value is None else to_fraction(value)


@attrs.frozen
class Interval:
    """A set of numbers between two ends, each closed (included) or open.

    ``None`` for an end means unbounded on that side. Written the usual way:

    >>> Interval(60, 80, upper_closed=False)
    Interval('[60, 80)')
    >>> Interval(60, 80, upper_closed=False).contains(80)
    False
    """

    lower: Fraction | None = attrs.field(converter=_opt_fraction)
    upper: Fraction | None = attrs.field(converter=_opt_fraction)
    lower_closed: bool = True
    upper_closed: bool = True

    def __attrs_post_init__(self) -> None:
        if self.lower is not None and self.upper is not None:
            if self.lower > self.upper:
                raise ValueError(f"interval {self}: lower end above upper end")
            if self.lower == self.upper and not (self.lower_closed and self.upper_closed):
                raise ValueError(f"interval {self} is empty")

    @classmethod
    def at_least(cls, value: ExactNumber) -> Interval:
        """``[value, ∞)`` — "value 以上"."""
        return cls(value, None)

    @classmethod
    def above(cls, value: ExactNumber) -> Interval:
        """``(value, ∞)`` — "超過 value"."""
        return cls(value, None, lower_closed=False)

    @classmethod
    def at_most(cls, value: ExactNumber) -> Interval:
        """``(-∞, value]`` — "value 以下"."""
        return cls(None, value)

    @classmethod
    def below(cls, value: ExactNumber) -> Interval:
        """``(-∞, value)`` — "低于 value"."""
        return cls(None, value, upper_closed=False)

    @classmethod
    def closed_open(cls, lower: ExactNumber, upper: ExactNumber) -> Interval:
        """``[lower, upper)``."""
        return cls(lower, upper, upper_closed=False)

    def contains(self, value: ExactNumber) -> bool:
        """Whether *value* lies in the interval (exactly)."""
        x = to_fraction(value)
        if self.lower is not None and (
            x < self.lower or (x == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (x > self.upper or (x == self.upper and not self.upper_closed))
        )

    def intersection(self, other: Interval) -> Interval | None:
        """The numbers in both intervals (``None`` when there are none).

        >>> Interval(0, 1).intersection(Interval.above(Fraction(1, 2)))
        Interval('(0.5, 1]')
        >>> Interval(0, 1).intersection(Interval.above(1)) is None
        True
        """
        lo, lo_closed = self.lower, self.lower_closed
        if other.lower is not None and (
            lo is None or other.lower > lo or (other.lower == lo and not other.lower_closed)
        ):
            lo, lo_closed = other.lower, other.lower_closed
        hi, hi_closed = self.upper, self.upper_closed
        if other.upper is not None and (
            hi is None or other.upper < hi or (other.upper == hi and not other.upper_closed)
        ):
            hi, hi_closed = other.upper, other.upper_closed
        if (
            lo is not None
            and hi is not None
            and (lo > hi or (lo == hi and not (lo_closed and hi_closed)))
        ):
            return None
        return Interval(lo, hi, lo_closed, hi_closed)

    def meets_grid(self, grid: Fraction | None) -> bool:
        """Whether some multiple of *grid* lies in the interval (any number when ``None``).

        >>> Interval(0, 1, False, False).meets_grid(Fraction(1))
        False
        """
        if grid is None or self.lower is None or self.upper is None:
            return True
        first = math.ceil(self.lower / grid) * grid
        if first == self.lower and not self.lower_closed:
            first += grid
        if first < self.upper:
            return True
        return first == self.upper and self.upper_closed

    def notation(self) -> str:
        """The interval in mathematical notation, e.g. ``[60, 80)``."""
        lo = "-∞" if self.lower is None else format_number(self.lower)
        hi = "∞" if self.upper is None else format_number(self.upper)
        left = "[" if self.lower is not None and self.lower_closed else "("
        right = "]" if self.upper is not None and self.upper_closed else ")"
        return f"{left}{lo}, {hi}{right}"

    def words(self, name: str = "x", *, show: Callable[[Fraction], str] | None = None) -> str:
        """The interval as a condition: ``60 <= x < 80``.

        *show* formats the ends (by default as plain numbers); a rule on a
        ratio passes the metric's format, so the ends read ``0% < x <= 100%``.
        """
        end = format_number if show is None else show
        if self.lower is not None and self.upper is not None and self.lower == self.upper:
            return f"{name} = {end(self.lower)}"
        parts: list[str] = []
        if self.lower is not None:
            parts.append(f"{end(self.lower)} {'<=' if self.lower_closed else '<'} ")
        parts.append(name)
        if self.upper is not None:
            parts.append(f" {'<=' if self.upper_closed else '<'} {end(self.upper)}")
        if len(parts) == 1:
            return f"any {name}"
        return "".join(parts)

    def __repr__(self) -> str:
        return f"Interval({self.notation()!r})"

    def __str__(self) -> str:
        return self.notation()
