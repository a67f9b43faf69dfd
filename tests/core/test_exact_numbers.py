"""Reading numbers exactly, rounding half-up and formatting numbers for explanations."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from assesskit._exact import format_number, format_percent, round_half_up, to_fraction


class TestToFraction:
    def test_float_means_its_shortest_decimal(self) -> None:
        # 0.09 is stored as 0.0899999999999999966693..., but repr(0.09) == "0.09".
        assert to_fraction(0.09) == Fraction(9, 100)
        assert to_fraction(0.06) == Fraction(6, 100)

    def test_float_difference_is_exact(self) -> None:
        # 0.09 − 0.05 = 0.04 exactly (in floats it is 0.039999999999999994).
        assert 0.09 - 0.05 != 0.04
        assert to_fraction(0.09) - to_fraction(0.05) == Fraction(4, 100)
        # 0.07 − 0.05 = 0.02 exactly (in floats 0.020000000000000004).
        assert to_fraction(0.07) - to_fraction(0.05) == Fraction(2, 100)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("7.5", Fraction(15, 2)),
            (" 0.065 ", Fraction(65, 1000)),
            ("-3", Fraction(-3)),
            ("1e3", Fraction(1000)),
            ("100000", Fraction(100000)),
            ("1,000", Fraction(1000)),
            ("12,345.67", Fraction(1234567, 100)),
            ("0.1234567890123456789", Fraction(1234567890123456789, 10**19)),
        ],
    )
    def test_strings_are_decimals(self, text: str, expected: Fraction) -> None:
        assert to_fraction(text) == expected

    def test_decimal_and_fraction_and_int(self) -> None:
        assert to_fraction(Decimal("74.725")) == Fraction(74725, 1000)
        assert to_fraction(Fraction(1, 3)) == Fraction(1, 3)
        assert to_fraction(7) == Fraction(7)

    def test_numpy_scalars(self) -> None:
        # numpy scalars come from batch columns; np.float64 is a float subclass
        assert to_fraction(np.float64(0.09)) == Fraction(9, 100)
        assert to_fraction(np.int64(12)) == Fraction(12)  # type: ignore[arg-type]
        assert to_fraction(np.float32(0.5)) == Fraction(1, 2)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "value",
        [
            float("nan"),
            float("inf"),
            float("-inf"),
            Decimal("NaN"),
            Decimal("Infinity"),
            "nan",
            "inf",
            "abc",
            "",
            "7%",
            "0x10",
            True,
            False,
        ],
    )
    def test_rejects_non_numbers(self, value: object) -> None:
        with pytest.raises(ValueError, match="not"):
            to_fraction(value)  # type: ignore[arg-type]

    @pytest.mark.parametrize("text", ["1,5", "1,2,3", "12,34", ",5", "1,000,00"])
    def test_a_comma_that_is_no_thousands_separator_is_rejected(self, text: str) -> None:
        # "1,5" is 1.5 in many locales and 15 with the comma dropped: never guess.
        with pytest.raises(ValueError, match="not a number"):
            to_fraction(text)


class TestRoundHalfUp:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Fraction(74725, 1000), "74.73"),  # x.xx5 goes up
            (Fraction(74724999, 1000000), "74.72"),  # just below the tie goes down
            (Fraction(79995, 1000), "80.00"),
            (Fraction(5, 1000), "0.01"),
            (Fraction(4999, 1000000), "0.00"),
            (Fraction(1, 3), "0.33"),
            (Fraction(2, 3), "0.67"),
            (Fraction(100), "100.00"),
            (Fraction(0), "0.00"),
            # negative: half away from zero, the mirror image of the positive side
            (Fraction(-5, 1000), "-0.01"),
            (Fraction(-74725, 1000), "-74.73"),
            (Fraction(-74724, 1000), "-74.72"),
        ],
    )
    def test_two_places(self, value: Fraction, expected: str) -> None:
        assert round_half_up(value) == Decimal(expected)
        assert str(round_half_up(value)) == expected

    def test_other_places(self) -> None:
        # 0.0025 to 3 places: 0.0025 is a tie at the third place → 0.003
        assert round_half_up(Fraction(25, 10000), 3) == Decimal("0.003")
        assert round_half_up(Fraction(5, 10), 0) == Decimal("1")
        assert round_half_up(Fraction(-5, 10), 0) == Decimal("-1")

    def test_rounds_from_the_exact_value_not_the_float(self) -> None:
        # 1.005 as a float is 1.00499999999999989...; read as its decimal it is a tie.
        assert round(1.005, 2) == 1.0
        assert round_half_up(to_fraction(1.005)) == Decimal("1.01")


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Fraction(48), "48"),
            (Fraction(527, 10), "52.7"),
            (Fraction(52725, 1000), "52.725"),
            (Fraction(1, 3), "≈0.3333"),
            (Fraction(-1, 3), "≈-0.3333"),
            (Fraction(100, 9), "≈11.1111"),
            (Fraction(0), "0"),
            (Fraction(-2), "-2"),
            (Decimal("74.70"), "74.7"),
            (Decimal("80.00"), "80"),
            (7, "7"),
        ],
    )
    def test_default(self, value: Fraction | Decimal | int, expected: str) -> None:
        assert format_number(value) == expected

    def test_places(self) -> None:
        # 0.123456 needs 6 decimals: exact with places=6, rounded and marked with 4.
        assert format_number(Fraction(123456, 10**6), 6) == "0.123456"
        assert format_number(Fraction(123456, 10**6), 4) == "≈0.1235"
        # a tiny negative value that rounds to zero does not print as "-0"
        assert format_number(Fraction(-1, 10**9), 2) == "≈0"

    def test_percent(self) -> None:
        assert format_percent(Fraction(1329, 10000)) == "13.29%"
        assert format_percent(Fraction(7, 100)) == "7%"
