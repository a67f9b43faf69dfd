"""Strict fractions: exact numbers that refuse to become floats, for the exact check."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest

from assesskit._exact import format_number, round_half_up, to_fraction
from assesskit.testing._exactness import FloatEscape, StrictFraction, strict

X = StrictFraction(Fraction(7, 100))


def test_exact_arithmetic_stays_strict_and_exact() -> None:
    for value in (X + 1, 1 + X, X - Fraction(1, 100), X * 3, 3 * X, X / 7, 1 / X, X**2, -X, abs(X)):
        assert isinstance(value, StrictFraction)
    assert X * 100 == 7
    assert X + Fraction(3, 100) == Fraction(1, 10)
    assert (X // Fraction(1, 100), X % Fraction(1, 50)) == (7, Fraction(1, 100))
    assert hash(X) == hash(Fraction(7, 100))
    assert {X: 1}[Fraction(7, 100)] == 1


def test_what_the_library_does_with_exact_numbers_is_allowed() -> None:
    # rounding, formatting, comparisons with ints and fractions: no float involved
    assert round_half_up(X * 1000 + Fraction(1, 2000)) == Decimal("70.00")
    assert format_number(X * 100) == "7"
    assert to_fraction(X) is X
    assert (math.floor(X * 100), int(X * 100), round(X, 1)) == (7, 7, Fraction(1, 10))
    assert X < 1 and Fraction(1, 100) < X and Fraction(7, 100) == X  # noqa: PT018


@pytest.mark.parametrize(
    ("operation", "says"),
    [
        (lambda: float(X), "converted the exact number 7/100 to float"),
        (lambda: X * 0.5, "computed 7/100 × 0.5 with the float 0.5"),
        (lambda: 0.1 * X, "computed 0.1 × 7/100 with the float 0.1"),
        (lambda: X + 0.25, "computed 7/100 + 0.25 with the float 0.25"),
        (
            lambda: X <= 0.3,
            "compared the exact number 7/100 <= the float 0.3 (a binary float, "
            "exactly 0.299999999999999988897769753748434595763683319091796875)",
        ),
        (lambda: X.numerator / X.denominator, "divided 7 by 100 with /, which gives a float"),
        (lambda: math.sqrt(X), "converted the exact number 7/100 to float"),
    ],
)
def test_a_float_escape_is_named(operation: object, says: str) -> None:
    with pytest.raises(FloatEscape) as caught:
        operation()  # type: ignore[operator]
    assert str(caught.value) == says


def test_strict_makes_every_fraction_of_a_mapping_strict() -> None:
    made = strict({"a": Fraction(1, 2), "b": True, "c": None, "d": 3})
    assert isinstance(made["a"], StrictFraction)
    assert made["b"] is True and made["c"] is None and made["d"] == 3  # noqa: PT018
