"""Reading numbers exactly, rounding half up and formatting, at the edges of each rule.

The conventions of the specs (README): a float means its shortest decimal, text
is read as a decimal (commas only between thousands), totals round half away
from zero to hundredths, and explanations show short decimals exactly.
"""

from __future__ import annotations

import numbers
import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from assesskit._exact import (
    decimal_places,
    format_exact,
    format_number,
    format_percent,
    round_half_up,
    to_fraction,
)

F = Fraction


class TestToFraction:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (F(1, 3), F(1, 3)),
            (7, F(7)),
            (-7, F(-7)),
            (0.1, F(1, 10)),  # the shortest decimal of the float, not its binary value
            (0.06, F(6, 100)),
            (-2.5, F(-5, 2)),
            (Decimal("0.125"), F(1, 8)),
            ("7.5", F(15, 2)),
            (" 7.5 ", F(15, 2)),
            ("-0.05", F(-1, 20)),
            ("+3", F(3)),
            ("1e2", F(100)),
            ("12,345.67", F(1234567, 100)),
            ("-1,000", F(-1000)),
            ("1,000,000.5", F(2000001, 2)),
            ("1_000", F(1000)),
            (np.int64(5), F(5)),
            (np.float64(0.07), F(7, 100)),
            (np.float32(0.5), F(1, 2)),
        ],
    )
    def test_reads_exactly(self, value: object, expected: Fraction) -> None:
        got = to_fraction(value)  # type: ignore[arg-type]
        assert got == expected
        assert type(got) is Fraction

    def test_any_rational_number_is_read_exactly(self) -> None:
        class Ratio:
            """A number type of some other library: numerator and denominator only."""

            def __init__(self, numerator: int, denominator: int) -> None:
                self.numerator, self.denominator = numerator, denominator

        numbers.Rational.register(Ratio)
        assert to_fraction(Ratio(3, 8)) == F(3, 8)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (True, "True is a truth value, not a number"),
            (False, "False is a truth value, not a number"),
            (float("nan"), "nan is not a finite number"),
            (float("inf"), "inf is not a finite number"),
            (float("-inf"), "-inf is not a finite number"),
            (Decimal("NaN"), "Decimal('NaN') is not a finite number"),
            (Decimal("Infinity"), "Decimal('Infinity') is not a finite number"),
            ("1,5", "'1,5' is not a number (commas only between thousands)"),
            ("12,34", "'12,34' is not a number (commas only between thousands)"),
            ("1,0000", "'1,0000' is not a number (commas only between thousands)"),
            ("abc", "'abc' is not a number"),
            ("", "'' is not a number"),
            ("inf", "'inf' is not a finite number"),
            ("NaN", "'NaN' is not a finite number"),
            (None, "None is not a number"),
            ([1], "[1] is not a number"),
        ],
    )
    def test_refuses_what_is_not_a_finite_number(self, value: object, message: str) -> None:
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            to_fraction(value)  # type: ignore[arg-type]


class TestRoundHalfUp:
    @pytest.mark.parametrize(
        ("value", "places", "expected"),
        [
            (F(74725, 1000), 2, "74.73"),  # a real tie: half away from zero
            (F(74724999, 1000000), 2, "74.72"),  # just below the tie
            (F(-74725, 1000), 2, "-74.73"),
            (F(-5, 1000), 2, "-0.01"),
            (F(-4, 1000), 2, "0.00"),  # no negative zero
            (F(5, 1000), 2, "0.01"),
            (F(0), 2, "0.00"),
            (F(1, 3), 4, "0.3333"),
            (F(2, 3), 4, "0.6667"),
            (F(5, 2), 0, "3"),
            (F(-5, 2), 0, "-3"),
            (F(10**30 + 1, 2), 0, str(10**30 // 2 + 1)),  # exact whatever the size
            (F(1234567, 100), 2, "12345.67"),
        ],
    )
    def test_half_away_from_zero(self, value: Fraction, places: int, expected: str) -> None:
        got = round_half_up(value, places)
        assert str(got) == expected
        assert got == Decimal(expected)

    def test_default_places_are_hundredths(self) -> None:
        assert str(round_half_up(F(12345, 1000))) == "12.35"


class TestDecimalPlaces:
    @pytest.mark.parametrize(
        ("value", "places"),
        [
            (F(5), 0),
            (F(1, 2), 1),
            (F(1, 4), 2),
            (F(1, 5), 1),
            (F(1, 8), 3),
            (F(1, 25), 2),
            (F(1, 16), 4),
            (F(3, 40), 3),
            (F(1234, 100), 2),
            (F(1, 3), None),
            (F(1, 6), None),
            (F(7, 30), None),
        ],
    )
    def test_places(self, value: Fraction, places: int | None) -> None:
        assert decimal_places(value) == places

    def test_places_of_very_long_decimals(self) -> None:
        # exact on whole numbers: no float could hold 2**1100
        assert decimal_places(F(1, 2**1100)) == 1100
        assert decimal_places(F(3, 5**500)) == 500
        assert decimal_places(F(1, 3 * 2**1100)) is None


class TestFormat:
    @pytest.mark.parametrize(
        ("value", "places", "shown"),
        [
            (F(48), 4, "48"),
            (F(1, 2), 4, "0.5"),
            (F(1234, 100), 4, "12.34"),
            (F(1, 3), 4, "≈0.3333"),
            (F(2, 3), 4, "≈0.6667"),
            (F(1, 3), 2, "≈0.33"),
            (F(12345, 10**5), 4, "≈0.1235"),  # five places needed, four shown
            (F(1234, 10**4), 4, "0.1234"),  # four places: exact
            (F(-1, 10**6), 4, "≈0"),  # rounds to zero: no minus sign
            (F(-1, 2), 4, "-0.5"),
            (F(100), 0, "100"),
            (Decimal("2.50"), 4, "2.5"),
            (F(1, 10**7), 8, "0.0000001"),  # never "1E-7"
            (F(1, 3 * 10**6), 7, "≈0.0000003"),
            (3, 4, "3"),
        ],
    )
    def test_format_number(self, value: object, places: int, shown: str) -> None:
        assert format_number(value, places) == shown  # type: ignore[arg-type]

    def test_format_number_defaults_to_four_places(self) -> None:
        assert format_number(F(1, 7)) == "≈0.1429"
        assert format_number(F(-0)) == "0"

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            (F(3, 2), "1.5"),
            (F(15, 11), "15/11"),
            (F(1, 10**6), "0.000001"),  # six places: still a decimal
            (F(1, 10**7), "1/10000000"),  # seven: the fraction
            (F(-7, 4), "-1.75"),
            (F(4), "4"),
        ],
    )
    def test_format_exact(self, value: Fraction, shown: str) -> None:
        assert format_exact(value) == shown

    @pytest.mark.parametrize(
        ("value", "places", "shown"),
        [
            (F(7, 100), 4, "7%"),
            (F(1329, 10000), 4, "13.29%"),
            (F(1, 3), 4, "≈33.3333%"),
            (F(1, 3), 1, "≈33.3%"),
            (F(-1, 20), 4, "-5%"),
        ],
    )
    def test_format_percent(self, value: Fraction, places: int, shown: str) -> None:
        assert format_percent(value, places) == shown

    def test_format_percent_defaults_to_four_places(self) -> None:
        assert format_percent(F(1, 7)) == "≈14.2857%"
