"""How the microloan example files write their cells, and the months they cover.

Every number is written from a Decimal, never a float; used by
``generate.py`` and ``back_office.py`` beside this module.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assesskit.examples import plain

MONTHS = ("2026-07", "2026-08", "2026-09")

D = Decimal
CENT = D("0.01")
RATIO_Q = D("0.0001")


def ratio(value) -> str:
    """A ratio as a fraction with at most 4 decimals."""
    d = D(str(value)).quantize(RATIO_Q, rounding=ROUND_HALF_UP)
    assert D(0) <= d <= D(1), value
    return plain(d)


def money(value) -> str:
    """Yuan: whole yuan as an integer, otherwise exactly 2 decimals."""
    d = D(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    assert d >= 0, value
    if d == d.to_integral_value():
        return str(int(d))
    return format(d, "f")


def points(value) -> str:
    """A graded deduction or rater score: at most 2 decimals."""
    d = D(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    return plain(d)


def flag(value: bool) -> str:
    return "true" if value else "false"


def clamp(x, lo, hi):
    return max(lo, min(hi, x))
