"""Outcomes computed on the batch path as exact decimals (``_scaled``): ties rounded half away
from zero without re-scoring a row, and a safe fall back to floats where exact decimals end.

Every value is computed by hand; ``exact_rows`` (rows the batch had to re-score one by one)
tells the exact decimals from the float path with its doubt mask.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from tests.core._outcome_schemes import (
    OPTIONAL,
    RATE,
    SALARY,
    X,
    Y,
    as_floats,
    batch_of,
    exact_values,
    one_outcome,
    outcome_scheme,
    same,
)

from assesskit import (
    Component,
    Const,
    Input,
    Metric,
    MetricKind,
    Outcome,
    OutcomeRef,
    Param,
    Parameter,
    Text,
    Total,
)
from assesskit._scaled import Scaled, power_of_ten, read_decimals, scaled_fraction
from assesskit.rules import Share

LABEL = Text("x", "某")
A = Metric("a", MetricKind.COUNT, Text("a", "甲"))
B = Metric("b", MetricKind.COUNT, Text("b", "乙"))
#: 100 × a / b points (not applicable when b is 0)
SHARE = Component("c", Text("share", "佔比"), 100, Share("a", "b"))


def test_pay_is_a_product_rounded_to_the_fen_from_its_exact_value() -> None:
    # 6150 × 0.7473 = 4595.895 → 4595.90 (a tie, half up); 3333.33 × 0.5 = 1666.665 → 1666.67;
    # 0.01 × 0.0001 = 0.000001 → 0.00
    scheme = one_outcome(Input("salary") * Input("rate"), "money", metrics=(SALARY, RATE))
    rows = [
        {"salary": "6150", "rate": "0.7473"},
        {"salary": "3333.33", "rate": "0.5"},
        {"salary": "0.01", "rate": "0.0001"},
    ]
    assert exact_values(scheme, rows) == [Decimal("4595.90"), Decimal("1666.67"), Decimal("0.00")]
    batch = batch_of(scheme, {"salary": [6150.0, 3333.33, 0.01], "rate": [0.7473, 0.5, 0.0001]})
    assert batch.outcomes["o"].tolist() == [4595.9, 1666.67, 0.0]
    assert batch.exact_rows == 0


def test_negative_ties_round_away_from_zero_and_never_to_negative_zero() -> None:
    # x × 0.005 to 2 places: -1 → -0.005 → -0.01; 1 → 0.01; -0.4 → -0.002 → 0 (not -0);
    # -3 → -0.015 → -0.02; 0 → 0
    scheme = one_outcome(Input("x") * Const("0.005"), places=2)
    xs = [-1.0, 1.0, -0.4, -3.0, 0.0]
    expected = [-0.01, 0.01, 0.0, -0.02, 0.0]
    assert as_floats(exact_values(scheme, [{"x": v} for v in xs])) == expected
    batch = batch_of(scheme, {"x": xs})
    assert same(batch.outcomes["o"].tolist(), expected)
    assert batch.exact_rows == 0


def test_ties_of_nonnegative_values_round_up() -> None:
    # every value >= 0: 0.125 → 0.13, 0.135 → 0.14, 0 → 0, 2.5 → 2.5
    scheme = one_outcome(Input("x") * 1, places=2)
    batch = batch_of(scheme, {"x": [0.125, 0.135, 0.0, 2.5]})
    assert same(batch.outcomes["o"].tolist(), [0.13, 0.14, 0.0, 2.5])
    assert batch.exact_rows == 0


@pytest.mark.parametrize(
    ("divisor", "expected"),
    [
        # 1234.5 / 1 = 1234.5; / 10 = 123.45; / 100 = 12.345 → 12.35; / 1000 = 1.2345 → 1.23
        (1, 1234.5),
        (10, 123.45),
        (100, 12.35),
        (1000, 1.23),
        (100000, 0.01),  # 0.012345
    ],
)
def test_a_division_by_a_power_of_ten_stays_exact(divisor: int, expected: float) -> None:
    scheme = one_outcome(Input("x") / divisor, places=2)
    assert exact_values(scheme, [{"x": "1234.5"}]) == [Decimal(str(expected))]
    batch = batch_of(scheme, {"x": [1234.5]})
    assert batch.outcomes["o"].tolist() == [expected]
    assert batch.exact_rows == 0


def test_a_division_by_a_parameter_that_is_a_power_of_ten_stays_exact() -> None:
    # 0.125 / 100 = 0.00125 → 0.0013 (4 places), a tie: exact without re-scoring
    scheme = one_outcome(
        Input("x") / Param("per"), places=4, params=(Parameter("per", LABEL, 100),)
    )
    batch = batch_of(scheme, {"x": [0.125, 12.5]})
    assert batch.outcomes["o"].tolist() == [0.0013, 0.125]
    assert batch.exact_rows == 0
    # with the parameter set to 20 the division leaves the decimals: 0.125 / 20 = 0.00625 →
    # 0.0063, a tie the float path doubts, so the row is re-scored exactly
    other = scheme.with_params({"per": 20})
    batch = batch_of(other, {"x": [0.125]})
    assert batch.outcomes["o"].tolist() == [0.0063]
    assert batch.exact_rows == 1


@pytest.mark.parametrize(
    ("divisor", "places", "expected"),
    [
        # 0.15 / 20 = 0.0075 → 0.008; 0.15 / 0.1 = 1.5 → 2; 0.15 / -10 = -0.015 → -0.02;
        # 0.15 / 3 = 0.05 → 0.1: each a tie, which floats doubt, so the row is re-scored
        (20, 3, 0.008),
        ("0.1", 0, 2.0),
        (-10, 2, -0.02),
        (3, 1, 0.1),
    ],
)
def test_a_division_by_anything_else_is_done_in_floats_and_ties_rescored(
    divisor: int | str, places: int, expected: float
) -> None:
    scheme = one_outcome(Input("x") / Const(divisor), places=places)
    assert as_floats(exact_values(scheme, [{"x": "0.15"}])) == [expected]
    batch = batch_of(scheme, {"x": [0.15]})
    assert batch.outcomes["o"].tolist() == [expected]
    assert batch.exact_rows == 1


def test_a_division_by_zero_gives_no_value_without_a_warning() -> None:
    # the test session turns warnings into errors: numpy's "invalid value" must not show
    scheme = one_outcome(Input("x") / Param("per"), params=(Parameter("per", LABEL, 0),))
    assert exact_values(scheme, [{"x": "1"}]) == [None]
    batch = batch_of(scheme, {"x": [1.0, 0.0]})
    assert np.isnan(batch.outcomes["o"]).all()
    # an input that is 0 on some rows: x / y is missing there only (1 / 3 → 0.33)
    scheme = one_outcome(Input("x") / Input("y"), places=2, metrics=(X, Y))
    assert exact_values(scheme, [{"x": "1", "y": "0"}, {"x": "1", "y": "3"}]) == [
        None,
        Decimal("0.33"),
    ]
    batch = batch_of(scheme, {"x": [1.0, 1.0], "y": [0.0, 3.0]})
    assert same(batch.outcomes["o"].tolist(), [float("nan"), 0.33])


def test_too_many_decimals_leave_the_exact_decimals() -> None:
    # x has 6 decimals; dividing by 10**7 would need 13 > 12: floats, the tie re-scored
    # 0.000005 / 10**7 = 5e-13 → 1e-12 at 12 places
    scheme = one_outcome(Input("x") / 10**7, places=12)
    assert exact_values(scheme, [{"x": "0.000005"}]) == [Decimal("1E-12")]
    batch = batch_of(scheme, {"x": [0.000005]})
    assert batch.outcomes["o"].tolist() == [1e-12]
    assert batch.exact_rows == 1
    # 6 decimals and 10**6: 12 places, still exact
    scheme = one_outcome(Input("x") / 10**6, places=11)
    batch = batch_of(scheme, {"x": [0.000005]})
    assert batch.outcomes["o"].tolist() == [1e-11]
    assert batch.exact_rows == 0


@pytest.mark.parametrize(
    ("values", "places", "expected"),
    [
        # whole numbers: 3 × 0.5 = 1.5 (a tie at 0 places) → 2; -3 × 0.5 = -1.5 → -2
        ([3.0, -3.0], 0, [2.0, -2.0]),
        # 2 decimals: 0.01 × 0.5 = 0.005 → 0.01
        ([0.01, 2.0], 2, [0.01, 1.0]),
        # 4 decimals: 0.0001 × 0.5 = 0.00005 → 0.0001
        ([0.0001, 0.5], 4, [0.0001, 0.25]),
        # 6 decimals: 0.000001 × 0.5 → 0.000001
        ([0.000001, 0.25], 6, [0.000001, 0.125]),
        # the most negative value is the largest in magnitude: -4000.0001 × 0.5 → -2000.0001
        ([-4000.0001, 1.0], 4, [-2000.0001, 0.5]),
    ],
)
def test_float_columns_are_read_as_the_decimals_they_show(
    values: list[float], places: int, expected: list[float]
) -> None:
    scheme = one_outcome(Input("x") * Const("0.5"), places=places)
    assert as_floats(exact_values(scheme, [{"x": repr(v)} for v in values])) == expected
    batch = batch_of(scheme, {"x": np.array(values)})
    assert batch.outcomes["o"].tolist() == expected
    assert batch.exact_rows == 0


def test_values_with_seven_decimals_are_done_in_floats() -> None:
    # 0.0000001 has 7 decimals: no exact reading; the tie 0.00000005 at 7 places is re-scored
    scheme = one_outcome(Input("x") * Const("0.5"), places=7)
    batch = batch_of(scheme, {"x": np.array([0.0000001, 1.0])})
    assert batch.outcomes["o"].tolist() == [0.0000001, 0.5]
    assert batch.exact_rows == 1


def test_missing_values_stay_missing_through_every_exact_operation() -> None:
    # opt × 0.5 + x: missing when opt is missing
    scheme = one_outcome(Input("opt") * Const("0.5") + Input("x"), places=1, metrics=(X, OPTIONAL))
    rows = [{"x": "1", "opt": "0.25"}, {"x": "1"}]
    assert exact_values(scheme, rows) == [Decimal("1.1"), None]  # 1.125 → 1.1
    batch = batch_of(scheme, {"x": [1.0, 1.0], "opt": [0.25, None]})
    assert same(batch.outcomes["o"].tolist(), [1.1, float("nan")])
    assert batch.exact_rows == 0
    # and on the other side
    scheme = one_outcome(Input("x") - Input("opt") * 1, places=1, metrics=(X, OPTIONAL))
    batch = batch_of(scheme, {"x": [0.25, 1.0], "opt": [None, 0.5]})
    assert same(batch.outcomes["o"].tolist(), [float("nan"), 0.5])


def test_an_empty_batch_has_empty_outcomes() -> None:
    scheme = one_outcome(Input("x") * Const("0.5"), places=1)
    batch = scheme.score_batch({"ok": np.zeros(0, dtype=bool), "x": np.zeros(0)})
    assert batch.outcomes["o"].tolist() == []


def test_a_sum_past_the_exact_range_is_done_in_floats() -> None:
    # x with 6 decimals and 10**9 before the point: units of 10**15; the sum of two could pass
    # 2**52 (4.5e15), so the sum is taken in floats (no tie to doubt here)
    scheme = one_outcome(Input("x") + Input("y") * 1, places=0, metrics=(X, Y))
    batch = batch_of(scheme, {"x": [4000000000.000001], "y": [4000000000.000001]})
    assert batch.outcomes["o"].tolist() == [8000000000.0]


@pytest.mark.parametrize(
    ("value", "places", "units"),
    [
        (Fraction(0), 0, 0.0),
        (Fraction(7), 0, 7.0),
        (Fraction("-0.25"), 2, -25.0),
        (Fraction(1, 10**12), 12, 1.0),
        (3, 0, 3.0),
    ],
)
def test_constants_as_exact_decimals(value: Fraction | int, places: int, units: float) -> None:
    scaled = scaled_fraction(value)
    assert scaled is not None
    assert (scaled.places, float(scaled.units), scaled.bound) == (places, units, abs(units))


@pytest.mark.parametrize("value", [Fraction(1, 3), Fraction(1, 10**13), Fraction(2**52), "1"])
def test_constants_without_exact_decimals(value: object) -> None:
    # a third, 13 decimals, 2**52 units, a text: none is exact decimals
    assert scaled_fraction(value) is None


@pytest.mark.parametrize(
    ("value", "power"),
    [
        (1, 0),
        (10, 1),
        (1000, 3),
        (10**25, 25),
        (Fraction(100), 2),
        (20, None),
        (110, None),
        (0, None),
        (-10, None),
        (Fraction(1, 10), None),
        (True, None),
        (None, None),
    ],
)
def test_powers_of_ten(value: object, power: int | None) -> None:
    assert power_of_ten(value) == power


def test_reading_a_float_column() -> None:
    # the first number of places that fits, tried in order; the bound is the largest units
    read = read_decimals(np.array([1.5, -2.25, 0.0]), None)
    assert read is not None
    assert (read.units.tolist(), read.places, read.bound) == ([150.0, -225.0, 0.0], 2, 225.0)
    # a hint tried first: 4 places even though 2 would do
    read = read_decimals(np.array([1.5]), None, (4, 0, 2))
    assert read is not None
    assert (read.units.tolist(), read.places) == ([15000.0], 4)
    # missing rows read as 0 units, whatever they hold
    missing = np.array([False, True])
    read = read_decimals(np.array([3.0, np.nan]), missing)
    assert read is not None
    assert (read.units.tolist(), read.places, read.missing) == ([3.0, 0.0], 0, missing)
    # places that would take the units past 2**52 are skipped, whatever the sign: a hint of 6
    # places (from an earlier chunk) for 1234567890123.5 gives way to 2
    for sign in (1.0, -1.0):
        read = read_decimals(np.array([sign * 1234567890123.5, 0.0]), None, (6, 0, 2))
        assert read is not None
        assert (read.places, read.units.tolist()) == (2, [sign * 123456789012350.0, 0.0])
    # no fit: 7 decimals; a magnitude whose units pass 2**52 at every number of places tried
    assert read_decimals(np.array([0.0000001]), None) is None
    assert read_decimals(np.array([2.0**52]), None) is None
    assert read_decimals(np.array([np.inf]), None) is None
    # 2**52 / 10 fits with no decimals only: 10 × it passes 2**52
    big = read_decimals(np.array([float(2**51)]), None)
    assert big is not None
    assert big.places == 0
    empty = read_decimals(np.zeros(0), None)
    assert empty is not None
    assert (empty.units.size, empty.places, empty.bound, empty.missing) == (0, 0, 0.0, None)
    none = np.zeros(0, dtype=bool)
    empty = read_decimals(np.zeros(0), none)
    assert empty is not None
    assert empty.missing is none


def test_decimals_at_more_places_while_they_stay_exact() -> None:
    value = Scaled(np.array([15.0, -2.0]), 1, 15.0)
    assert value.at(1) is value.units
    assert value.at(3).tolist() == [1500.0, -200.0]  # type: ignore[union-attr]
    # units of 2**52 / 100 at two more places reach 2**52: no longer exact
    edge = Scaled(np.asarray(1.0), 0, 2.0**52 / 100)
    assert edge.at(2) is None
    assert edge.at(1) is not None
    assert Scaled(np.asarray(1.0), 0, 10.0**15).at(1) is None


def test_an_outcome_read_by_a_later_one_stays_exact() -> None:
    # half = total × 0.5 to the fen, read exactly by the next outcome: 1 of 8 gives a total of
    # 12.50, half 6.25, and 6.25 × 1234567.5 = 7716046.875 → 7716046.88 (a tie)
    half = Outcome("half", LABEL, Total() * Const("0.5"), "money")
    big = Outcome("o", LABEL, OutcomeRef("half") * Const("1234567.5"), "money")
    scheme = outcome_scheme([half, big], (A, B), components=[SHARE])
    assert scheme.score({"ok": True, "a": 1, "b": 8}).outcome["o"] == Decimal("7716046.88")
    batch = scheme.score_batch({"ok": [True, True], "a": [1, 0], "b": [8, 0]})
    assert same(batch.outcomes["o"].tolist(), [7716046.88, float("nan")])
    assert batch.exact_rows == 0


def test_a_sum_near_the_exact_range_stays_exact() -> None:
    # 1000000000.5 at 6 places is 1e15 units: the sum (2e15) still leaves room under 2**52
    # (4.5e15) to round it, so the tie 1000000000.500005 → 1000000000.50001 (5 places) is
    # decided without re-scoring
    for expr in (Input("x") + Input("y"), Input("y") + Input("x")):
        scheme = one_outcome(expr, places=5, metrics=(X, Y))
        exact = exact_values(scheme, [{"x": "1000000000.5", "y": "0.000005"}])
        assert exact == [Decimal("1000000000.50001")]
        batch = batch_of(scheme, {"x": [1000000000.5], "y": [0.000005]})
        assert batch.outcomes["o"].tolist() == [1000000000.50001]
        assert batch.exact_rows == 0
