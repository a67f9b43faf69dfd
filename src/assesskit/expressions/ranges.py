"""Interval arithmetic: the values an expression can take when its inputs range over domains.

Each expression node gives its own range (``Node.range``) from these
operations; :class:`assesskit.testing._abstract.Intervals` supplies the
ranges of inputs, parameters and the total. The answer over-approximates:
a range holds every value the expression can take, maybe more.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

__all__ = [
    "ANY",
    "BOTH",
    "Range",
    "arith_range",
    "compare_range",
    "constant_range",
    "extreme_range",
    "logic_range",
    "number_range",
]


@attrs.frozen
class Range:
    """An abstract value: a closed range of numbers, a set of truth values, or anything.

    ``missing`` says the value may be missing (a comparison with it is then false).
    """

    low: Fraction | None = None
    high: Fraction | None = None
    truths: frozenset[bool] | None = None
    numeric: bool = False
    missing: bool = False


#: Any value at all.
ANY = Range()
#: Both truth values.
BOTH = frozenset({True, False})


def number_range(low: Fraction | None, high: Fraction | None, missing: bool = False) -> Range:
    """The numbers from *low* to *high* (``None``: unbounded on that side)."""
    return Range(low, high, numeric=True, missing=missing)


def constant_range(value: object) -> Range:
    """The range of one constant: a truth value, a number, or anything (a text)."""
    if isinstance(value, bool):
        return Range(truths=frozenset({value}))
    if isinstance(value, Fraction | int | Decimal):
        number = Fraction(value)
        return number_range(number, number)
    return ANY


def _add(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return None if a is None or b is None else a + b


def _products(a: Range, b: Range) -> list[Fraction] | None:
    ends = [(a.low, b.low), (a.low, b.high), (a.high, b.low), (a.high, b.high)]
    if any(x is None or y is None for x, y in ends):
        return None
    return [x * y for x, y in ends if x is not None and y is not None]


def _spread(found: list[Fraction] | None, missing: bool) -> Range:
    return (
        number_range(None, None, missing)
        if found is None
        else number_range(min(found), max(found), missing)
    )


def arith_range(op: str, a: Range, b: Range) -> Range:
    """The range of ``a op b`` for ``+ - * /`` (a division by 0 gives no value)."""
    if not (a.numeric and b.numeric):
        return ANY
    missing = a.missing or b.missing
    if op == "+":
        return number_range(_add(a.low, b.low), _add(a.high, b.high), missing)
    if op == "-":
        low = _add(a.low, None if b.high is None else -b.high)
        high = _add(a.high, None if b.low is None else -b.low)
        return number_range(low, high, missing)
    if op == "*":
        return _spread(_products(a, b), missing)
    # a / b: only when b keeps away from 0 (a division by 0 gives no value)
    if b.low is None or b.high is None or b.low <= 0 <= b.high:
        return number_range(None, None, True)
    inverse = number_range(1 / b.high, 1 / b.low)  # b keeps to one side of 0
    return _spread(_products(a, inverse), missing)


def _less(x: Fraction | None, y: Fraction | None) -> bool:
    """Whether some value up from x can be below some value up to y (None: unbounded)."""
    return x is None or y is None or x < y


def _at_most(x: Fraction | None, y: Fraction | None) -> bool:
    return x is None or y is None or x <= y


def compare_range(op: str, a: Range, b: Range) -> Range:
    """The truth values ``a op b`` can take."""
    missing = a.missing or b.missing
    if a.truths is not None and b.truths is not None and op in ("==", "!="):
        equal = {x == y for x in a.truths for y in b.truths}
        same = equal if op == "==" else {not e for e in equal}
        return Range(truths=frozenset(same), missing=missing)
    if not (a.numeric and b.numeric):
        return Range(truths=BOTH, missing=missing)
    lo_a, hi_a, lo_b, hi_b = a.low, a.high, b.low, b.high
    can: dict[str, tuple[bool, bool]] = {
        "<": (_less(lo_a, hi_b), _at_most(lo_b, hi_a)),
        "<=": (_at_most(lo_a, hi_b), _less(lo_b, hi_a)),
        ">": (_less(lo_b, hi_a), _at_most(lo_a, hi_b)),
        ">=": (_at_most(lo_b, hi_a), _less(lo_a, hi_b)),
    }
    if op in can:
        true, false = can[op]
    else:
        meet = _at_most(lo_a, hi_b) and _at_most(lo_b, hi_a)
        fixed = lo_a is not None and lo_a == hi_a == lo_b == hi_b
        true, false = (meet, not fixed) if op == "==" else (not fixed, meet)
    truths = frozenset(t for t, ok in ((True, true), (False, false)) if ok)
    return Range(truths=truths, missing=missing)


def logic_range(op: str, parts: Sequence[frozenset[bool]]) -> Range:
    """The truth values of ``and`` / ``or`` of conditions taking *parts*."""
    if op == "and":
        truths = {True} if all(True in p for p in parts) else set()
        truths |= {False} if any(False in p for p in parts) else set()
    else:
        truths = {True} if any(True in p for p in parts) else set()
        truths |= {False} if all(False in p for p in parts) else set()
    return Range(truths=frozenset(truths))


def extreme_range(larger: bool, a: Range, b: Range) -> Range:
    """The range of the larger (or smaller) of two numbers."""
    if not (a.numeric and b.numeric):
        return ANY
    pick = max if larger else min
    low = None if a.low is None or b.low is None else pick(a.low, b.low)
    high = None if a.high is None or b.high is None else pick(a.high, b.high)
    if larger:
        low = a.low if b.low is None else b.low if a.low is None else low
    else:
        high = a.high if b.high is None else b.high if a.high is None else high
    return number_range(low, high, a.missing or b.missing)
