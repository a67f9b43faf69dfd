"""Interval arithmetic over expressions: can a condition hold, given the inputs' domains?

Each input ranges over its metric's domain (a ratio over [0, 1], a count
over [0, ∞)), flags over true and false; sums, differences, products,
quotients, maxima and minima are evaluated on closed ranges, comparisons
give the truth values they can take, and ``and``, ``or``, ``not`` combine
them. The answer over-approximates: a condition said to be never true is
never true for any valid input; one said to be possibly true may not be.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

import attrs

from assesskit.expressions import (
    Arith,
    BandIs,
    Compare,
    Const,
    Expr,
    Input,
    Logic,
    Max,
    Min,
    NoneWithStatus,
    Not,
    NoValue,
    Param,
    Present,
    StatusIs,
    Total,
    Vetoed,
)
from assesskit.metrics import MetricKind
from assesskit.rules._domains import domain_of

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["Intervals", "Phase"]

#: Where an expression is evaluated: what it can see there.
Phase = Literal["veto", "outcome", "history"]


@attrs.frozen
class _Range:
    """An abstract value: a closed range of numbers, a set of truth values, or anything.

    ``missing`` says the value may be missing (a comparison with it is then false).
    """

    low: Fraction | None = None
    high: Fraction | None = None
    truths: frozenset[bool] | None = None
    numeric: bool = False
    missing: bool = False


_ANY = _Range()
_BOTH = frozenset({True, False})


def _number(low: Fraction | None, high: Fraction | None, missing: bool = False) -> _Range:
    return _Range(low, high, numeric=True, missing=missing)


def _add(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return None if a is None or b is None else a + b


def _products(a: _Range, b: _Range) -> list[Fraction] | None:
    ends = [(a.low, b.low), (a.low, b.high), (a.high, b.low), (a.high, b.high)]
    if any(x is None or y is None for x, y in ends):
        return None
    return [x * y for x, y in ends if x is not None and y is not None]


class Intervals:
    """Evaluates an expression over the domains of the inputs, as ranges."""

    def __init__(self, scheme: Scheme, phase: Phase, totals: Sequence[Fraction | None]) -> None:
        self.scheme = scheme
        self.phase = phase
        numbers = [t for t in totals if t is not None]
        self.total = _number(
            min(numbers, default=Fraction(0)),
            max(numbers, default=Fraction(100)),
            missing=len(numbers) < len(totals) or not numbers,
        )
        self.metrics = scheme.metric_map
        self.params = scheme.params()

    def truths(self, expr: Expr) -> frozenset[bool]:
        """The truth values *expr* can take as a condition (missing counts as false)."""
        found = self.eval(expr)
        if found.truths is not None:
            return found.truths | ({False} if found.missing else frozenset())
        return _BOTH

    def eval(self, expr: Expr) -> _Range:
        """The range of values *expr* can take (anything, for a node it does not know)."""
        if isinstance(expr, Const):
            return self._const(expr.value)
        if isinstance(expr, Param):
            value = self.params.get(expr.name)
            return _ANY if value is None else self._const(value)
        if isinstance(expr, Input):
            return self._input(expr.name)
        if isinstance(expr, Total):
            return self.total
        if isinstance(expr, Arith):
            return self._arith(expr)
        if isinstance(expr, Compare):
            return self._compare(expr)
        if isinstance(expr, Logic):
            parts = [self.truths(p) for p in expr.parts]
            if expr.op == "and":
                truths = {True} if all(True in p for p in parts) else set()
                truths |= {False} if any(False in p for p in parts) else set()
            else:
                truths = {True} if any(True in p for p in parts) else set()
                truths |= {False} if all(False in p for p in parts) else set()
            return _Range(truths=frozenset(truths))
        if isinstance(expr, Not):
            return _Range(truths=frozenset(not t for t in self.truths(expr.part)))
        if isinstance(expr, Max | Min):
            a, b = self.eval(expr.left), self.eval(expr.right)
            if not (a.numeric and b.numeric):
                return _ANY
            pick = max if isinstance(expr, Max) else min
            low = None if a.low is None or b.low is None else pick(a.low, b.low)
            high = None if a.high is None or b.high is None else pick(a.high, b.high)
            if isinstance(expr, Max):
                low = a.low if b.low is None else b.low if a.low is None else low
            else:
                high = a.high if b.high is None else b.high if a.high is None else high
            return _number(low, high, a.missing or b.missing)
        if isinstance(expr, Present | Vetoed | BandIs | StatusIs | NoneWithStatus):
            return _Range(truths=_BOTH)
        if isinstance(expr, NoValue):
            return _Range(missing=True)
        return _ANY

    def _const(self, value: object) -> _Range:
        if isinstance(value, bool):
            return _Range(truths=frozenset({value}))
        if isinstance(value, Fraction | int | Decimal):
            number = Fraction(value)
            return _number(number, number)
        return _ANY

    def _input(self, name: str) -> _Range:
        metric = self.metrics.get(name)
        if metric is None:
            return _ANY
        missing = not metric.required
        if metric.kind is MetricKind.FLAG:
            return _Range(truths=_BOTH, missing=missing)
        if not (metric.kind.is_numeric or metric.kind is MetricKind.YEAR):
            return _Range(missing=missing)
        domain = domain_of(metric)
        return _number(domain.lower, domain.upper, missing)

    def _arith(self, expr: Arith) -> _Range:
        a, b = self.eval(expr.left), self.eval(expr.right)
        if not (a.numeric and b.numeric):
            return _ANY
        missing = a.missing or b.missing
        if expr.op == "+":
            return _number(_add(a.low, b.low), _add(a.high, b.high), missing)
        if expr.op == "-":
            low = _add(a.low, None if b.high is None else -b.high)
            high = _add(a.high, None if b.low is None else -b.low)
            return _number(low, high, missing)
        if expr.op == "*":
            found = _products(a, b)
            return (
                _number(None, None, missing)
                if found is None
                else _number(min(found), max(found), missing)
            )
        # a / b: only when b keeps away from 0 (a division by 0 gives no value)
        if b.low is None or b.high is None or b.low <= 0 <= b.high:
            return _number(None, None, True)
        inverse = _number(1 / b.high, 1 / b.low)  # b keeps to one side of 0
        found = _products(a, inverse)
        return (
            _number(None, None, missing)
            if found is None
            else _number(min(found), max(found), missing)
        )

    def _compare(self, expr: Compare) -> _Range:
        a, b = self.eval(expr.left), self.eval(expr.right)
        missing = a.missing or b.missing
        if a.truths is not None and b.truths is not None and expr.op in ("==", "!="):
            equal = {x == y for x in a.truths for y in b.truths}
            same = equal if expr.op == "==" else {not e for e in equal}
            return _Range(truths=frozenset(same), missing=missing)
        if not (a.numeric and b.numeric):
            return _Range(truths=_BOTH, missing=missing)
        lo_a, hi_a, lo_b, hi_b = a.low, a.high, b.low, b.high

        def less(x: Fraction | None, y: Fraction | None) -> bool:
            """Whether some value up from x can be below some value up to y (None: unbounded)."""
            return x is None or y is None or x < y

        def at_most(x: Fraction | None, y: Fraction | None) -> bool:
            return x is None or y is None or x <= y

        can: dict[str, tuple[bool, bool]] = {
            "<": (less(lo_a, hi_b), at_most(lo_b, hi_a)),
            "<=": (at_most(lo_a, hi_b), less(lo_b, hi_a)),
            ">": (less(lo_b, hi_a), at_most(lo_a, hi_b)),
            ">=": (at_most(lo_b, hi_a), less(lo_a, hi_b)),
        }
        if expr.op in can:
            true, false = can[expr.op]
        else:
            meet = at_most(lo_a, hi_b) and at_most(lo_b, hi_a)
            fixed = lo_a is not None and lo_a == hi_a == lo_b == hi_b
            true, false = (meet, not fixed) if expr.op == "==" else (not fixed, meet)
        truths = frozenset(t for t, ok in ((True, true), (False, false)) if ok)
        return _Range(truths=truths, missing=missing)
