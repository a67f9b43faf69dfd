"""The batch path's arithmetic (``_batchmath``): exact rationals held in float64, rounding half
away from zero, the doubt masks of the float helpers, the vectorised threshold lookup.

Rule kinds compute their points with these on the batch path (a plugin's rule may too); every
expected value is worked out by hand. ``EXACT_LIMIT`` is 2**52.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from assesskit._batchmath import (
    EXACT_LIMIT,
    Rationals,
    StepLookup,
    floor_with_doubt,
    or_masks,
    round_certified,
    round_half_up_with_doubt,
    round_units,
    sum_rationals,
)

LIMIT = 2**52


def array(*values: float) -> np.ndarray:
    return np.array(values, dtype=float)


def test_the_exact_limit_is_two_to_the_52() -> None:
    assert float(LIMIT) == EXACT_LIMIT


def test_or_masks() -> None:
    a, b = np.array([True, False, False]), np.array([False, False, True])
    assert or_masks(None, None) is None
    assert or_masks(a, None) is a
    assert or_masks(None, b) is b
    assert or_masks(a, b).tolist() == [True, False, True]  # type: ignore[union-attr]


def test_floor_with_doubt() -> None:
    # 2.5 → 2, no doubt; 2.9999999999 → 2, in doubt (near 3); 3 → 3, in doubt (a whole number);
    # -0.5 → -1
    whole, doubt = floor_with_doubt(array(2.5, 2.9999999999, 3.0, -0.5), 1.0)
    assert whole.tolist() == [2.0, 2.0, 3.0, -1.0]
    assert doubt.tolist() == [False, True, True, False]
    # the tolerance grows with the magnitude the value was computed from: 1e-9 × (1 + 1e6)
    _, doubt = floor_with_doubt(array(7.0001, 7.01), array(1e6, 1e6))
    assert doubt.tolist() == [True, False]
    _, doubt = floor_with_doubt(array(7.0001), -1e6)  # a magnitude counts by its size
    assert doubt.tolist() == [True]


def test_round_half_up_with_doubt() -> None:
    # to 2 places: 0.125 → 0.13 (a tie, in doubt), 0.124 → 0.12, -0.125 → -0.13 (in doubt),
    # 2.675 (its float × 100 is the tie 267.5) → 2.68, in doubt; 1.0 → 1.0
    rounded, doubt = round_half_up_with_doubt(array(0.125, 0.124, -0.125, 2.675, 1.0))
    assert rounded.tolist() == [0.13, 0.12, -0.13, 2.68, 1.0]
    assert doubt.tolist() == [True, False, True, True, False]
    # to 0 places: 2.5 → 3, -2.5 → -3; the doubt widens with the value: 1e-9 × (1 + 1e7) is
    # 0.01, so 10000000.495 is in doubt and 10000000.4 is not
    rounded, doubt = round_half_up_with_doubt(array(2.5, -2.5, 10000000.4, 10000000.495), 0)
    assert rounded.tolist() == [3.0, -3.0, 10000000.0, 10000000.0]
    assert doubt.tolist() == [True, True, False, True]
    # a missing row (NaN, or an infinity from a division by 0) stays so, without a warning
    rounded, _ = round_half_up_with_doubt(array(math.inf, math.nan, 0.5), 0)
    assert rounded[0] == math.inf
    assert math.isnan(rounded[1])
    assert rounded[2] == 1.0


def test_round_units_by_an_even_step() -> None:
    # over 10 (half = 5): 15 → 2, 14 → 1, -15 → -2, 0 → 0
    units = array(15.0, 14.0, -15.0, 0.0)
    assert round_units(units, 15, 10).tolist() == [2.0, 1.0, -2.0, 0.0]
    assert round_units(array(15.0, 14.0, 25.0), 25, 10, nonnegative=True).tolist() == [2, 1, 3]
    # over 2: 1 → 1 (0.5 up), 3 → 2, -1 → -1
    assert round_units(array(1.0, 3.0, -1.0), 3, 2).tolist() == [1.0, 2.0, -1.0]
    # the units themselves are left alone
    assert units.tolist() == [15.0, 14.0, -15.0, 0.0]


def test_round_units_by_one_is_the_units() -> None:
    units = array(3.0, -4.0)
    assert round_units(units, 2.0**60, 1) is units


def test_round_units_by_an_odd_step_without_a_sign() -> None:
    # over 3: 4 → 1.33 → 1; 5 → 1.67 → 2; 0 → 0
    units = array(4.0, 5.0, 0.0)
    assert round_units(units, 5, 3, nonnegative=True).tolist() == [1.0, 2.0, 0.0]
    assert units.tolist() == [4.0, 5.0, 0.0]


def test_round_units_at_the_edge_of_the_exact_range() -> None:
    # 2 × bound + 3 × step must stay below 2**52
    step = 10
    edge = (LIMIT - 3 * step) / 2
    assert round_units(array(15.0), edge - 1, step) is not None
    assert round_units(array(15.0), edge, step) is None
    assert round_units(array(15.0), 1, LIMIT // 3 + 1) is None
    assert round_units(array(15.0), 1, LIMIT // 3 - 10) is not None


class TestRationals:
    def test_of_refuses_what_may_not_be_exact(self) -> None:
        assert Rationals.of(array(1.0), 3, LIMIT) is None
        assert Rationals.of(array(1.0), LIMIT, 1) is None
        value = Rationals.of(array(1.0, -2.0), 3, LIMIT - 1)
        assert value is not None
        assert (value.den, value.bound, value.den_bound) == (3, float(LIMIT - 1), 3.0)
        assert value.common

    def test_constant(self) -> None:
        value = Rationals.constant(Fraction(-3, 4), 2)
        assert (value.num.tolist(), value.den, value.bound, value.den_bound) == (
            [-3.0, -3.0],
            4,
            3.0,
            4.0,
        )
        assert value.as_float().tolist() == [-0.75, -0.75]

    def test_times(self) -> None:
        value = Rationals(array(1.0, -2.0), 3, 2.0, 3.0)
        assert value.times(Fraction(1)) is value
        # × -5/7: -5/21, 10/21
        scaled = value.times(Fraction(-5, 7))
        assert scaled is not None
        assert (scaled.num.tolist(), scaled.den, scaled.bound, scaled.den_bound) == (
            [-5.0, 10.0],
            21,
            10.0,
            21.0,
        )
        # a denominator per row: 1/3 and -2/5 times 3/2: 3/6, -6/10
        rows = Rationals(array(1.0, -2.0), array(3.0, 5.0), 2.0, 5.0)
        scaled = rows.times(Fraction(3, 2))
        assert scaled is not None
        assert (scaled.num.tolist(), scaled.den.tolist(), scaled.bound, scaled.den_bound) == (  # type: ignore[union-attr]
            [3.0, -6.0],
            [6.0, 10.0],
            6.0,
            10.0,
        )
        assert not scaled.common

    def test_times_refuses_past_the_exact_range(self) -> None:
        big = Fraction(LIMIT // 2)
        value = Rationals(array(1.0), 3, 2.0, 3.0)
        assert value.times(big) is None  # bound 2 × 2**51 = 2**52
        assert value.times(Fraction(1, LIMIT // 3 + 1)) is None  # den 3 × (2**52 / 3 + 1)
        assert value.times(Fraction(1, LIMIT // 4)) is not None
        rows = Rationals(array(1.0), array(3.0), 2.0, 3.0)
        assert rows.times(big) is None
        assert rows.times(Fraction(1, LIMIT // 3 + 1)) is None
        assert rows.times(Fraction(1, LIMIT // 4)) is not None
        assert rows.times(Fraction(LIMIT // 4)) is not None

    def test_over(self) -> None:
        # 1/3 over 2 and 3: 1/6, 1/9
        value = Rationals(array(1.0, 1.0), 3, 1.0, 3.0)
        split = value.over(array(2.0, 3.0), 3.0)
        assert split is not None
        assert (split.num.tolist(), split.den.tolist(), split.den_bound) == (  # type: ignore[union-attr]
            [1.0, 1.0],
            [6.0, 9.0],
            9.0,
        )
        assert split.rounded(3).tolist() == [167.0, 111.0]  # type: ignore[union-attr]
        assert value.over(array(2.0), LIMIT / 3) is None
        assert value.over(array(2.0), LIMIT / 3 - 1) is not None

    @pytest.mark.parametrize(
        ("a", "b", "num", "den"),
        [
            # over 1 and 1: 2 + 3 = 5
            ((2.0, 1), (3.0, 1), 5.0, 1),
            # over 2 and 1: 1/2 + 3 = 7/2; over 1 and 2: 3 + 1/2 = 7/2
            ((1.0, 2), (3.0, 1), 7.0, 2),
            ((3.0, 1), (1.0, 2), 7.0, 2),
            # over 4 and 6: 1/4 + 1/6 = 5/12
            ((1.0, 4), (1.0, 6), 5.0, 12),
            # over 2 and 4: 1/2 + 1/4 = 3/4
            ((1.0, 2), (1.0, 4), 3.0, 4),
            ((1.0, 4), (1.0, 2), 3.0, 4),
        ],
    )
    def test_plus_over_common_denominators(
        self, a: tuple[float, int], b: tuple[float, int], num: float, den: int
    ) -> None:
        left = Rationals(array(a[0]), a[1], abs(a[0]), float(a[1]))
        right = Rationals(array(b[0]), b[1], abs(b[0]), float(b[1]))
        total = left.plus(right)
        assert total is not None
        assert (total.num.tolist(), total.den, total.den_bound) == ([num], den, float(den))
        assert (left.num.tolist(), right.num.tolist()) == ([a[0]], [b[0]])  # left alone
        # the bound of the sum bounds the sum: |a| × den/a.den + |b| × den/b.den
        assert total.bound == abs(a[0]) * den / a[1] + abs(b[0]) * den / b[1]

    def test_plus_refuses_past_the_exact_range(self) -> None:
        half = Rationals(array(1.0), 1, LIMIT / 2, 1.0)
        assert half.plus(half) is None
        assert half.plus(Rationals(array(1.0), 1, LIMIT / 2 - 1, 1.0)) is not None
        wide = Rationals(array(1.0), LIMIT // 2 + 1, 1.0, float(LIMIT // 2 + 1))
        assert wide.plus(Rationals(array(1.0), 2, 1.0, 2.0)) is None

    def test_plus_with_a_denominator_per_row(self) -> None:
        # 1/3 + 1/2 = 5/6; 1/5 + 1/2 = 7/10; 1/2 + 1/3 per row
        rows = Rationals(array(1.0, 1.0), array(3.0, 5.0), 1.0, 5.0)
        half = Rationals(array(1.0, 1.0), 2, 1.0, 2.0)
        for total in (rows.plus(half), half.plus(rows)):
            assert total is not None
            assert (total.num.tolist(), total.den.tolist()) == ([5.0, 7.0], [6.0, 10.0])  # type: ignore[union-attr]
            assert (total.bound, total.den_bound) == (7.0, 10.0)
        wide = Rationals(array(1.0), array(3.0), LIMIT / 2, 3.0)
        assert wide.plus(half) is None
        deep = Rationals(array(1.0), array(3.0), 1.0, LIMIT / 2)
        assert deep.plus(half) is None
        assert Rationals(array(1.0), array(3.0), 1.0, LIMIT / 2 - 1).plus(half) is not None

    def test_where(self) -> None:
        # 1/2, 3/2 with 1/3 on the second row: over 6, 3/6 and 2/6
        value = Rationals(array(1.0, 3.0), 2, 3.0, 2.0)
        mask = np.array([False, True])
        put = value.where(mask, Fraction(1, 3))
        assert put is not None
        assert (put.num.tolist(), put.den, put.bound, put.den_bound) == ([3.0, 2.0], 6, 9.0, 6.0)
        # a fill over twice the denominator: 1/2, 3/2 → 2/4, 6/4, with 1/4 on the second row
        put = value.where(mask, Fraction(1, 4))
        assert put is not None
        assert (put.num.tolist(), put.den) == ([2.0, 1.0], 4)
        # over the same denominator: the values themselves, the bound of the fill counted
        put = value.where(mask, Fraction(-7, 2))
        assert put is not None
        assert (put.num.tolist(), put.den, put.bound) == ([1.0, -7.0], 2, 7.0)
        assert value.where(mask, Fraction(LIMIT)) is None
        assert value.where(mask, Fraction(1, LIMIT // 2 + 1)) is None

    def test_where_with_a_denominator_per_row(self) -> None:
        # 1/3, 2/5 with -1/2 on the first row: -3/6, 4/10
        rows = Rationals(array(1.0, 2.0), array(3.0, 5.0), 2.0, 5.0)
        put = rows.where(np.array([True, False]), Fraction(-1, 2))
        assert put is not None
        assert (put.num.tolist(), put.den.tolist()) == ([-3.0, 4.0], [6.0, 10.0])  # type: ignore[union-attr]
        assert (put.bound, put.den_bound) == (5.0, 10.0)
        assert rows.where(np.array([True, False]), Fraction(1, LIMIT // 5 + 1)) is None
        assert rows.where(np.array([True, False]), Fraction(LIMIT // 5 + 1)) is None

    def test_rounded_over_one_denominator(self) -> None:
        # 1/8 → 0.13, 3/8 → 0.38, -1/8 → -0.13, 1/400 → 0.00 (0.0025)
        value = Rationals(array(1.0, 3.0, -1.0), 8, 3.0, 8.0)
        assert value.rounded(2).tolist() == [13.0, 38.0, -13.0]
        assert Rationals(array(1.0), 400, 1.0, 400.0).rounded(2).tolist() == [0.0]
        assert Rationals(array(1.0, 3.0), 8, 3.0, 8.0).rounded(2, nonnegative=True).tolist() == [
            13.0,
            38.0,
        ]
        # over 5 to 1 place: 3/5 = 0.6; 10 and 5 share 5: units 3 × 2 over 1
        assert Rationals(array(3.0), 5, 3.0, 5.0).rounded(1).tolist() == [6.0]
        # past the exact range
        assert Rationals(array(1.0), 3, LIMIT / 100, 3.0).rounded(2) is None
        assert Rationals(array(1.0), 3, LIMIT / 400, 3.0).rounded(2) is not None

    def test_rounded_with_a_denominator_per_row(self) -> None:
        # 1/8 → 0.13, -1/8 → -0.13, 2/3 → 0.67 (and without a sign: the same)
        rows = Rationals(array(1.0, -1.0, 2.0), array(8.0, 8.0, 3.0), 2.0, 8.0)
        assert rows.rounded(2).tolist() == [13.0, -13.0, 67.0]
        assert not np.signbit(Rationals(array(-1.0), array(300.0), 1.0, 300.0).rounded(2)).any()  # type: ignore[arg-type]
        plus = Rationals(array(1.0, 2.0), array(8.0, 3.0), 2.0, 8.0)
        assert plus.rounded(2, nonnegative=True).tolist() == [13.0, 67.0]  # type: ignore[union-attr]
        assert Rationals(array(1.0), array(3.0), LIMIT / 200, 1.0).rounded(2) is None
        assert Rationals(array(1.0), array(3.0), 1.0, LIMIT / 3).rounded(2) is None
        assert Rationals(array(1.0), array(3.0), 1.0, LIMIT / 4).rounded(2) is not None

    def test_as_float(self) -> None:
        whole = Rationals(array(3.0), 1, 3.0, 1.0)
        assert whole.as_float() is whole.num
        assert Rationals(array(3.0), 4, 3.0, 4.0).as_float().tolist() == [0.75]
        assert Rationals(array(3.0), array(4.0), 3.0, 4.0).as_float().tolist() == [0.75]


class TestStepLookup:
    def test_a_table_without_steps(self) -> None:
        lookup = StepLookup.of([1.0], [4.0, 4.0, 4.0])
        assert lookup.cuts == ()
        assert lookup(array(0.0, 1.0, 2.0)).tolist() == [4.0, 4.0, 4.0]

    def test_a_base_and_steps(self) -> None:
        # below 1: 2; at 1: 3; above 1: 5
        lookup = StepLookup.of([1.0], [2.0, 3.0, 5.0])
        assert lookup.cuts == ((1.0, False, 1.0), (1.0, True, 2.0))
        assert lookup(array(0.0, 1.0, 2.0)).tolist() == [2.0, 3.0, 5.0]
        # a base of 0 is not added
        lookup = StepLookup.of([1.0], [0.0, 0.0, 5.0])
        assert lookup(array(0.0, 1.0, 2.0)).tolist() == [0.0, 0.0, 5.0]

    def test_gaps_with_open_and_closed_ends(self) -> None:
        # values only at [1] and in (2, inf): (-inf, 1), (1, 2) and [2] are gaps
        nan = math.nan
        lookup = StepLookup.of([1.0, 2.0], [nan, 7.0, nan, nan, 9.0])
        assert lookup.gaps == (
            (None, (1.0, False)),
            ((1.0, True), (2.0, False)),
            ((2.0, False), (2.0, True)),
        )
        values = array(0.0, 1.0, 1.5, 2.0, 2.5)
        assert lookup.gap(values).tolist() == [True, False, True, True, False]  # type: ignore[union-attr]
        assert lookup(array(1.0, 2.5)).tolist() == [7.0, 9.0]
        # values that keep away from every gap: none is looked for
        assert lookup.gap(array(2.5, 3.0)) is None
        assert lookup.gap(array(1.0)) is None
        assert lookup.gap(np.zeros(0)) is None
        # NaN: every gap may hold a value
        assert lookup.gap(array(math.nan, 2.5)).tolist() == [False, False]  # type: ignore[union-attr]

    def test_gaps_between_ends_other_than_one(self) -> None:
        nan = math.nan
        # values below 2 and at or above 3; (2, 3) is a gap
        lookup = StepLookup.of([2.0, 3.0], [5.0, 7.0, nan, 9.0, 9.0])
        assert lookup.gap(array(1.5, 2.0, 2.5, 3.0)).tolist() == [False, False, True, False]  # type: ignore[union-attr]
        # a gap above 0.5: values up to 1 reach it
        lookup = StepLookup.of([0.5], [5.0, 5.0, nan])
        assert lookup.gap(array(0.0, 1.0)).tolist() == [False, True]  # type: ignore[union-attr]

    def test_gap_ends_compared_as_they_are_open_or_closed(self) -> None:
        nan = math.nan
        # a gap only at [1]: values 0 and 2 keep away from it, 1 falls in
        lookup = StepLookup.of([1.0], [5.0, nan, 5.0])
        assert lookup.gap(array(0.0, 2.0)).tolist() == [False, False]  # type: ignore[union-attr]
        assert lookup.gap(array(2.0, 3.0)) is None
        assert lookup.gap(array(-1.0, 0.0)) is None
        assert lookup.gap(array(0.0, 1.0)).tolist() == [False, True]  # type: ignore[union-attr]
        assert lookup.gap(array(1.0, 2.0)).tolist() == [True, False]  # type: ignore[union-attr]
        # a gap (1, inf): the value 1 keeps away from it, anything above falls in
        lookup = StepLookup.of([1.0], [5.0, 5.0, nan])
        assert lookup.gap(array(0.0, 1.0)) is None
        assert lookup.gap(array(1.0, 1.5)).tolist() == [False, True]  # type: ignore[union-attr]
        # a gap (-inf, 1): the value 1 keeps away from it
        lookup = StepLookup.of([1.0], [nan, 5.0, 5.0])
        assert lookup.gap(array(1.0, 2.0)) is None
        assert lookup.gap(array(0.5, 1.0)).tolist() == [True, False]  # type: ignore[union-attr]


def test_sum_rationals() -> None:
    # 1/2 + 1/4 + 3/4 + 1/3 (per row) = 11/6; the two quarters are added first
    half = Rationals(array(1.0), 2, 1.0, 2.0)
    quarter = Rationals(array(1.0), 4, 1.0, 4.0)
    three = Rationals(array(3.0), 4, 3.0, 4.0)
    third = Rationals(array(1.0), array(3.0), 1.0, 3.0)
    total = sum_rationals([half, quarter, three, third])
    assert total is not None
    assert Fraction(int(total.num[0]), int(total.den[0])) == Fraction(11, 6)  # type: ignore[index]
    assert total.rounded(2).tolist() == [183.0]  # type: ignore[union-attr]
    # three terms over one denominator, one over another
    total = sum_rationals([quarter, three, quarter, half])
    assert total is not None
    assert (total.num.tolist(), total.den, total.bound, total.den_bound) == ([7.0], 4, 7.0, 4.0)
    assert sum_rationals([third]) is third
    assert sum_rationals([]) is None
    # past the exact range, over one denominator or per row
    big = Rationals(array(1.0), 2, LIMIT / 2, 2.0)
    assert sum_rationals([big, big, quarter]) is None
    assert sum_rationals([third, Rationals(array(1.0), array(3.0), LIMIT / 2, 3.0)]) is None


class TestRoundCertified:
    def test_sums_without_a_common_denominator(self) -> None:
        # 1/3 + 1/7 = 10/21 = 0.476… → 0.48; -(1/3 + 1/7) → -0.48
        third = Rationals(array(1.0, -1.0), array(3.0, 3.0), 1.0, 3.0)
        seventh = Rationals(array(1.0, -1.0), array(7.0, 7.0), 1.0, 7.0)
        units, decided = round_certified([third, seventh], 2)
        assert (units.tolist(), decided) == ([48.0, -48.0], 0)

    def test_ties_are_decided_in_integers(self) -> None:
        # 1/8 + 1/8 = 0.25 → 0.3 at 1 place (a tie); -0.25 → -0.3; 1/200 + 0 → 0.01
        eighth = Rationals(array(1.0, -1.0, 1.0), array(8.0, 8.0, 200.0), 1.0, 200.0)
        zero = Rationals(array(0.0, 0.0, 0.0), array(1.0, 1.0, 1.0), 0.0, 1.0)
        units, decided = round_certified([eighth, eighth], 1)
        assert (units.tolist(), decided) == ([3.0, -3.0, 0.0], 2)
        units, decided = round_certified([eighth, zero], 2)
        assert (units.tolist(), decided) == ([13.0, -13.0, 1.0], 3)
        assert not np.signbit(units).any() or units.tolist()[1] < 0

    def test_a_scale_per_row(self) -> None:
        # (2/3) × 3/4 = 0.5 → 1 at 0 places, a tie decided in integers; (2/3) × 3/8 = 0.25 → 0
        thirds = Rationals(array(2.0, 2.0), array(3.0, 3.0), 2.0, 3.0)
        units, decided = round_certified([thirds], 0, (3, array(4.0, 8.0)))
        assert (units.tolist(), decided) == ([1.0, 0.0], 1)

    def test_near_a_half_but_not_on_it(self) -> None:
        # 1/2 - 1/(4·10**15) is a hair below a half: the float sum cannot tell, the integers
        # do: 0 at 0 places; and -(1/2 - 1/(4·10**15)) is 0 too, not -0
        half = Rationals(array(1.0, -1.0), 2, 1.0, 2.0)
        hair = Rationals(array(-1.0, 1.0), array(4e15, 4e15), 1.0, 4e15)
        units, decided = round_certified([half, hair], 0)
        assert (units.tolist(), decided) == ([0.0, 0.0], 2)
        assert not np.signbit(units).any()
        # and a hair above: 1 and -1
        units, decided = round_certified(
            [half, Rationals(array(1.0, -1.0), array(4e15, 4e15), 1.0, 4e15)], 0
        )
        assert (units.tolist(), decided) == ([1.0, -1.0], 2)

    def test_too_large_or_empty(self) -> None:
        big = Rationals(array(2.0**40), array(1.0), 2.0**40, 1.0)
        assert round_certified([big], 0) is None
        assert round_certified([Rationals(array(2.0**39), array(1.0), 2.0**39, 1.0)], 0) is not None
        assert round_certified([], 2) is None
        # no negative zero: -1/1000 → -0.00 is 0.0
        tiny = Rationals(array(-1.0), array(1000.0), 1.0, 1000.0)
        units, _ = round_certified([tiny], 2)
        assert units.tolist() == [0.0]
        assert not np.signbit(units[0])
