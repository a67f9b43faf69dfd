"""Metric kinds: parsing of user values, domains, and what counts as missing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from assesskit import Interval, Metric, MetricKind, Text
from assesskit.metrics import ValueRejected, is_missing
from assesskit.periods import Period


def metric(kind: MetricKind, **options: object) -> Metric:
    return Metric("x", kind, Text("x", "某項"), **options)  # type: ignore[arg-type]


class TestRatio:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("7%", Fraction(7, 100)),
            ("7.5 %", Fraction(75, 1000)),  # a space before the sign is fine
            ("7.5％", Fraction(75, 1000)),  # full-width percent sign
            ("13.29%", Fraction(1329, 10000)),
            ("0%", Fraction(0)),
            ("100%", Fraction(1)),
            (0.07, Fraction(7, 100)),  # float read as its shortest decimal
            ("0.07", Fraction(7, 100)),
            (0, Fraction(0)),
            (1, Fraction(1)),
            (Decimal("0.0599"), Fraction(599, 10000)),
        ],
    )
    def test_accepted(self, raw: object, expected: Fraction) -> None:
        assert metric(MetricKind.RATIO).parse(raw) == expected

    @pytest.mark.parametrize("raw", [1.0001, "100.01%", "150%", -0.01, "-1%", "-0.0001"])
    def test_outside_zero_one_is_rejected_with_a_hint(self, raw: object) -> None:
        with pytest.raises(ValueRejected, match=r'within \[0, 1\] \(a ratio: 0.07 or "7%"\)'):
            metric(MetricKind.RATIO).parse(raw)

    def test_unbounded_ratio_may_be_negative(self) -> None:
        m = metric(MetricKind.RATIO).unbounded()
        assert m.parse("-5%") == Fraction(-5, 100)
        assert m.parse(1.5) == Fraction(3, 2)

    def test_text_is_rejected(self) -> None:
        with pytest.raises(ValueRejected, match="must be a ratio"):
            metric(MetricKind.RATIO).parse("seven percent")


class TestPercentSignOnlyForRatios:
    @pytest.mark.parametrize(
        "kind",
        [
            MetricKind.POINTS,
            MetricKind.COUNT,
            MetricKind.MONEY,
            MetricKind.RATING,
            MetricKind.NUMBER,
        ],
    )
    def test_percent_sign_rejected(self, kind: MetricKind) -> None:
        with pytest.raises(ValueRejected, match="percent sign is accepted for ratios only"):
            metric(kind).parse("5%")

    def test_points_are_plain_numbers(self) -> None:
        m = metric(MetricKind.POINTS)
        assert m.parse(5) == Fraction(5)  # five percentage points, not 0.05
        assert m.parse("7.5") == Fraction(15, 2)
        assert m.parse("-3") == Fraction(-3)  # points have no default domain


class TestDomains:
    @pytest.mark.parametrize(
        ("kind", "raw", "rule"),
        [
            (MetricKind.RATING, 130, r"within \[0, 100\]"),
            (MetricKind.RATING, 100.01, r"within \[0, 100\]"),
            (MetricKind.RATING, -0.01, r"within \[0, 100\]"),
            (MetricKind.COUNT, -1, r"within \[0, ∞\)"),
            (MetricKind.COUNT, 1.5, "a whole number >= 0"),
            (MetricKind.COUNT, "0.5", "a whole number >= 0"),
            (MetricKind.MONEY, 1.234, "at most 2 decimals"),
            (MetricKind.MONEY, "0.001", "at most 2 decimals"),
            (MetricKind.MONEY, -0.01, r"within \[0, ∞\)"),
            (MetricKind.COUNT, True, "not a truth value"),
            (MetricKind.MONEY, "abc", "must be an amount of money"),
        ],
    )
    def test_rejected(self, kind: MetricKind, raw: object, rule: str) -> None:
        with pytest.raises(ValueRejected, match=rule):
            metric(kind).parse(raw)

    @pytest.mark.parametrize(
        ("kind", "raw", "expected"),
        [
            (MetricKind.RATING, 100, Fraction(100)),  # both ends of [0, 100] are included
            (MetricKind.RATING, 0, Fraction(0)),
            (MetricKind.RATING, "85.5", Fraction(171, 2)),
            (MetricKind.COUNT, 0, Fraction(0)),
            (MetricKind.COUNT, 3.0, Fraction(3)),
            (MetricKind.COUNT, "3", Fraction(3)),
            (MetricKind.MONEY, 0, Fraction(0)),
            (MetricKind.MONEY, "1.23", Fraction(123, 100)),
            (MetricKind.MONEY, 0.1, Fraction(1, 10)),  # the float 0.1 is the decimal 0.1
            (MetricKind.MONEY, "12,345.67", Fraction(1234567, 100)),
            (MetricKind.NUMBER, -1e9, Fraction(-(10**9))),
        ],
    )
    def test_accepted(self, kind: MetricKind, raw: object, expected: Fraction) -> None:
        assert metric(kind).parse(raw) == expected

    def test_declared_domain_and_decimals(self) -> None:
        m = metric(MetricKind.NUMBER, domain=Interval(0, 20, upper_closed=False), max_decimals=2)
        assert m.parse("19.99") == Fraction(1999, 100)
        with pytest.raises(ValueRejected, match=r"within \[0, 20\)"):
            m.parse(20)
        with pytest.raises(ValueRejected, match="at most 2 decimals"):
            m.parse("1.005")


class TestFlags:
    @pytest.mark.parametrize(
        "raw", [True, "true", "TRUE", " True ", "yes", "1", 1, 1.0, "是", np.bool_(True)]
    )
    def test_true(self, raw: object) -> None:
        assert metric(MetricKind.FLAG).parse(raw) is True

    @pytest.mark.parametrize(
        "raw", [False, "false", "False", "no", "0", 0, 0.0, "否", np.bool_(False), np.int64(0)]
    )
    def test_false(self, raw: object) -> None:
        assert metric(MetricKind.FLAG).parse(raw) is False

    @pytest.mark.parametrize("raw", [2, -1, 0.5, "maybe", "是的"])
    def test_rejected(self, raw: object) -> None:
        with pytest.raises(ValueRejected, match="must be true or false"):
            metric(MetricKind.FLAG).parse(raw)


class TestDatesYearsPeriods:
    def test_dates(self) -> None:
        m = metric(MetricKind.DATE)
        assert m.parse("2026-08-31") == dt.date(2026, 8, 31)
        assert m.parse(dt.date(2026, 8, 31)) == dt.date(2026, 8, 31)
        for bad in ["2026-08-32", "2026-13-01", "31/08/2026", 20260831]:
            with pytest.raises(ValueRejected, match="must be a date YYYY-MM-DD"):
                m.parse(bad)

    def test_years(self) -> None:
        m = metric(MetricKind.YEAR)
        assert m.parse(2026) == 2026
        assert m.parse("2026") == 2026
        assert m.parse(1900) == 1900  # both ends of [1900, 2200] included
        assert m.parse(2200) == 2200
        with pytest.raises(ValueRejected, match="must be a year"):
            m.parse(2026.5)
        with pytest.raises(ValueRejected, match=r"within \[1900, 2200\]"):
            m.parse(1899)
        with pytest.raises(ValueRejected, match=r"within \[1900, 2200\]"):
            m.parse(2201)

    def test_periods(self) -> None:
        m = metric(MetricKind.PERIOD)
        assert m.parse("2026-08") == Period(2026, 8)
        assert m.parse("2026") == Period(2026)
        assert m.parse(2026) == Period(2026)
        for bad in ["2026-13", "2026-00", "Aug 2026"]:
            with pytest.raises(ValueRejected, match="must be a period, YYYY-MM or YYYY"):
                m.parse(bad)

    def test_period_arithmetic_crosses_years(self) -> None:
        assert Period(2026, 1).previous() == Period(2025, 12)
        assert Period(2026, 1).previous(3) == Period(2025, 10)
        assert Period(2026, 12).next() == Period(2027, 1)
        assert Period(2026).previous() == Period(2025)


class TestMissing:
    @pytest.mark.parametrize(
        "raw", [None, "", "   ", float("nan"), np.nan, np.float64("nan"), Decimal("NaN")]
    )
    def test_missing_values_parse_to_none(self, raw: object) -> None:
        assert is_missing(raw)
        for kind in MetricKind:
            assert metric(kind).parse(raw) is None

    @pytest.mark.parametrize("raw", [0, "0", False, 0.0, "none"])
    def test_zero_and_false_are_values(self, raw: object) -> None:
        assert not is_missing(raw)

    def test_a_missing_marker_like_pandas_na(self) -> None:
        # pandas.NA compares to anything as NA itself, and refuses a truth value
        class NotAvailable:
            def __ne__(self, other: object) -> NotAvailable:  # type: ignore[override]
                return self

            def __eq__(self, other: object) -> NotAvailable:  # type: ignore[override]
                return self

            def __bool__(self) -> bool:
                raise TypeError("boolean value of NA is ambiguous")

            __hash__ = object.__hash__

        marker = NotAvailable()
        assert is_missing(marker)
        assert metric(MetricKind.RATING).parse(marker) is None

    def test_pandas_missing_values(self) -> None:
        pandas = pytest.importorskip("pandas")
        for raw in (pandas.NA, pandas.NaT, np.datetime64("NaT")):
            assert is_missing(raw), raw
            assert metric(MetricKind.RATING).parse(raw) is None

    def test_an_array_is_not_a_missing_value(self) -> None:
        assert not is_missing(np.array([1.0, np.nan]))


class TestShowingValues:
    def test_format_value(self) -> None:
        assert metric(MetricKind.RATIO).format_value(Fraction(1329, 10000)) == "13.29%"
        assert metric(MetricKind.MONEY).format_value(Fraction(80000)) == "80000"
        assert metric(MetricKind.FLAG).format_value(True) == "true"
        assert metric(MetricKind.COUNT).format_value(None) == "missing"

    def test_domain_words(self) -> None:
        assert metric(MetricKind.RATIO).domain_words() == "ratio in [0, 1]"
        assert metric(MetricKind.MONEY, required=False).domain_words() == (
            "money in [0, ∞), optional"
        )
