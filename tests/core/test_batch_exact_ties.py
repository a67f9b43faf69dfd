"""The batch path rounds from exact values, vectorised: real ties, near ties and float traps.

Every test checks the published values against the exact path *and* that no
row needed the per-row exact fallback (``exact_rows == 0``): the ties are
resolved on the vectorised exact arithmetic, not by re-scoring rows.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import build_sample_scheme, sample_record

from assesskit._batchmath import Rationals, StepLookup, round_units
from assesskit._columns import plain_decimals
from assesskit._scaled import read_decimals
from assesskit.scoring.batch import score_columns


def columns(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {key: [r[key] for r in records] for key in records[0]}


def floats(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Numbers as float64 columns (NaN where missing), flags as bools: the fast batch path."""
    out: dict[str, Any] = {}
    for key, values in columns(records).items():
        if key in ("entity_id", "period"):
            out[key] = values
        elif key == "breach":
            out[key] = np.array(values, dtype=bool)
        else:
            out[key] = np.array(
                [math.nan if v is None else float(v) for v in values], dtype=np.float64
            )
    return out


def shown(value: float) -> Decimal:
    return Decimal(float.__repr__(float(value)))


class TestRealTies:
    def test_income_tie_of_the_component_and_the_total(self) -> None:
        # 20 × 87875 / 100000 = 17.575 (a component tie); the rest of the sample record is
        # 5 + 9 + 6 + 6 + 8 + 5 + 9 + 10 = 58, so the total is 75.575 → 75.58 (half up).
        scheme = build_sample_scheme()
        records = [sample_record(income=87875)] * 3
        batch = scheme.score_batch(floats(records))
        assert [shown(v) for v in batch.components["income"]] == [Decimal("17.58")] * 3
        assert [shown(v) for v in batch.total] == [Decimal("75.58")] * 3
        assert batch.exact_rows == 0
        result = scheme.score(records[0])
        assert result.total == Decimal("75.58")
        assert result.components["income"].points == Decimal("17.58")

    def test_every_income_25_past_a_multiple_of_50_is_a_tie_rounded_up(self) -> None:
        # 20 × (50k + 25) / 100000 = k / 100 + 0.005: every total is x.xx5 exactly
        scheme = build_sample_scheme()
        incomes = [50 * k + 25 for k in range(0, 2000, 7)]
        batch = scheme.score_batch(floats([sample_record(income=i) for i in incomes]))
        assert batch.exact_rows == 0
        for income, total in zip(incomes, batch.total, strict=True):
            exact = Fraction(20 * income, 100000) + 58
            assert (exact * 1000) % 10 == 5  # a real tie
            assert shown(total) == Decimal(math.floor(exact * 100 + Fraction(1, 2))) / 100

    def test_half_fen_pay_of_a_tie_total(self) -> None:
        # total 75.58 (above); band reduced → pay factor 0.8; salary 6150.05:
        # 6150.05 × 0.8 = 4920.04 exactly; salary 0.05 × 0.8 = 0.04; 1.25 × 0.8 = 1.00
        scheme = build_sample_scheme()
        records = [sample_record(income=87875, salary=s) for s in (6150.05, 0.05, 1.25, 3.13)]
        batch = scheme.score_batch(floats(records))
        assert [shown(v) for v in batch.outcomes["pay"]] == [
            Decimal("4920.04"),
            Decimal("0.04"),
            Decimal("1.00"),
            Decimal("2.50"),  # 3.13 × 0.8 = 2.504 → 2.50
        ]
        assert batch.exact_rows == 0


class TestNearTies:
    @pytest.mark.parametrize(
        ("income", "expected"),
        [
            # 20 × 87874.99 / 100000 = 17.574998: total 75.574998 → 75.57
            ("87874.99", "75.57"),
            # 20 × 87875.01 / 100000 = 17.575002: total 75.575002 → 75.58
            ("87875.01", "75.58"),
            # 20 × 87874.75 / 100000 = 17.57495 → 75.57495 → 75.57 (a float might say .575)
            ("87874.75", "75.57"),
        ],
    )
    def test_a_hair_either_side_of_the_tie(self, income: str, expected: str) -> None:
        scheme = build_sample_scheme()
        record = sample_record(income=income)
        batch = scheme.score_batch(floats([record]))
        assert shown(batch.total[0]) == Decimal(expected)
        assert scheme.score(record).total == Decimal(expected)
        assert batch.exact_rows == 0

    def test_return_on_capital_near_a_tie_with_six_decimals(self) -> None:
        # 10 × roc / 0.13 with roc = 0.086515 → 6.655 exactly (a tie of a non-decimal rule):
        # 6.655 + 16 + 9 + 6 + 6 + 8 + 5 + 9 + 10 = 75.655 → 75.66; 0.086514 → 75.654923 → 75.65
        scheme = build_sample_scheme()
        records = [sample_record(return_on_capital=v) for v in ("0.086515", "0.086514", "0.086516")]
        batch = scheme.score_batch(floats(records))
        assert [shown(v) for v in batch.total] == [
            Decimal("75.66"),
            Decimal("75.65"),
            Decimal("75.66"),
        ]
        assert [scheme.score(r).total for r in records] == [
            Decimal("75.66"),
            Decimal("75.65"),
            Decimal("75.66"),
        ]
        assert batch.exact_rows == 0


class TestFloatTraps:
    def test_full_steps_of_float_ratios(self) -> None:
        # (0.09 − 0.05) / 0.01 is 3.9999999999999996 in floats: four full steps, 10 − 4 = 6
        scheme = build_sample_scheme()
        ratios = [0.05, 0.0599, 0.06, 0.07, 0.09, 0.11, 0.13, 0.15, 0.1501]
        batch = scheme.score_batch(floats([sample_record(overdue_ratio=r) for r in ratios]))
        assert [shown(v) for v in batch.components["overdue"]] == [
            Decimal(x) for x in ("10", "10", "9", "8", "6", "4", "2", "0", "0")
        ]
        assert batch.exact_rows == 0

    def test_a_rating_that_is_no_short_decimal_in_binary(self) -> None:
        # mean of 85.55 and 85.56 = 85.555; 10 × 85.555 / 100 = 8.5555 → 8.56; the sample
        # record's 74 has 9 from its raters: 74 − 9 + 8.5555 = 73.5555 → 73.56
        scheme = build_sample_scheme()
        record = sample_record(rating_a=85.55, rating_b=85.56)
        batch = scheme.score_batch(floats([record]))
        assert shown(batch.components["raters"][0]) == Decimal("8.56")
        assert shown(batch.total[0]) == scheme.score(record).total == Decimal("73.56")
        assert batch.exact_rows == 0


class TestFallback:
    def test_too_many_decimals_for_exact_integers_still_exact(self) -> None:
        # a ratio with 9 decimals cannot be read as scaled integers: the float path with
        # its doubt mask takes over, and the answers stay the exact ones
        scheme = build_sample_scheme()
        records = [
            sample_record(return_on_capital="0.086515001"),
            sample_record(income=87875),
        ]
        batch = scheme.score_batch(columns(records))
        for row, record in enumerate(records):
            assert shown(batch.total[row]) == scheme.score(record).total

    def test_a_row_redone_exactly_in_a_scheme_without_bands(self) -> None:
        # a ratio given as a Decimal no float holds: that row is re-scored on the exact
        # path, and a scheme without bands has no band on any row (74.00 both)
        sample = build_sample_scheme()
        outcomes = [o for o in sample.outcomes if o.id in ("bonus", "bonus_status")]
        scheme = build_sample_scheme(bands=None, outcomes=outcomes)
        records = [
            sample_record(),
            sample_record(return_on_capital=Decimal("0.0650000000000000000001")),
        ]
        batch = scheme.score_batch(columns(records))
        assert batch.exact_rows == 1
        assert [shown(t) for t in batch.total] == [Decimal("74.00"), Decimal("74.00")]
        assert batch.band.tolist() == [None, None]
        assert batch.band_index.tolist() == [-1, -1]

    def test_chunks_do_not_change_the_answers(self) -> None:
        scheme = build_sample_scheme()
        records = [
            sample_record(income=50 * k + 25, overdue_ratio=(k % 17) / 100, salary=k + 0.05)
            for k in range(101)
        ]
        whole = score_columns(scheme, floats(records))
        for rows in (1, 7, 64):
            parts = score_columns(scheme, floats(records), chunk_rows=rows)
            assert np.array_equal(parts.total, whole.total)
            assert np.array_equal(parts.outcomes["pay"], whole.outcomes["pay"], equal_nan=True)
            assert list(parts.outcomes["bonus_status"]) == list(whole.outcomes["bonus_status"])
            for key, points in whole.components.items():
                assert np.array_equal(parts.components[key], points, equal_nan=True)


class TestExactArithmetic:
    def test_round_units_half_away_from_zero(self) -> None:
        units = np.array([74725.0, 74724.0, -74725.0, -4.0, 5.0, 0.0])
        assert round_units(units, 74725, 10).tolist() == [7473, 7472, -7473, 0, 1, 0]
        # no negative zero: -0.4 rounds to 0, not -0
        assert not np.signbit(round_units(units, 74725, 10)[3])

    def test_round_units_with_an_odd_step(self) -> None:
        # over 5: 1.4 → 1, 1.6 → 2, -1.6 → -2, 3, 4.4 → 4, -4.4 → -4 (an odd step has no tie);
        # over 3: 2.33 → 2, 2.67 → 3, 5, 7.33 → 7
        units = np.array([7.0, 8.0, -8.0, 15.0, 22.0, -22.0])
        assert round_units(units, 22, 5).tolist() == [1, 2, -2, 3, 4, -4]
        assert round_units(units[units >= 0], 22, 3, nonnegative=True).tolist() == [2, 3, 5, 7]

    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=20),
        st.integers(1, 10**6),
    )
    def test_round_units_equals_exact_half_away_from_zero(
        self, values: list[int], step: int
    ) -> None:
        def exact(n: int) -> int:
            q = abs(Fraction(n, step))
            return int(math.copysign(math.floor(q + Fraction(1, 2)), n))

        units = np.array(values, dtype=np.float64)
        bound = max(abs(v) for v in values)
        assert round_units(units, bound, step).tolist() == [exact(v) for v in values]
        if min(values) >= 0:
            rounded = round_units(units, bound, step, nonnegative=True)
            assert rounded is not None
            assert rounded.tolist() == [exact(v) for v in values]

    def test_round_units_refuses_past_the_exact_range(self) -> None:
        assert round_units(np.array([1.0]), 2.0**51, 10) is None

    def test_rationals_with_a_denominator_per_row(self) -> None:
        # 1/3 → 0.33, 2/3 → 0.67, 1/8 → 0.13 (0.125 half up), -1/8 → -0.13
        value = Rationals(np.array([1.0, 2.0, 1.0, -1.0]), np.array([3.0, 3.0, 8.0, 8.0]), 2, 8)
        assert value.rounded(2).tolist() == [33, 67, 13, -13]

    def test_rationals_sum_over_a_common_denominator(self) -> None:
        a = Rationals.of(np.array([3.0, 1.0]), 500000, 3)
        b = Rationals.of(np.array([7.0, 2.0]), 1, 7)
        assert a is not None
        assert b is not None
        total = a.plus(b)
        assert total is not None
        # 3/500000 + 7 = 3500003/500000
        assert (total.num.tolist(), total.den) == ([3500003.0, 1000001.0], 500000)
        reverse = b.plus(a)
        assert reverse is not None
        assert (reverse.num.tolist(), reverse.den) == ([3500003.0, 1000001.0], 500000)
        # over 6 and 4: 5/6 + 3/4 = 19/12, and 1/6 + 1/4 = 5/12; the terms are left as they were
        c = Rationals.of(np.array([5.0, 1.0]), 6, 5)
        d = Rationals.of(np.array([3.0, 1.0]), 4, 3)
        assert c is not None
        assert d is not None
        both = c.plus(d)
        assert both is not None
        assert (both.num.tolist(), both.den) == ([19.0, 5.0], 12)
        assert (c.num.tolist(), d.num.tolist()) == ([5.0, 1.0], [3.0, 1.0])

    def test_step_lookup_closed_and_open_ends(self) -> None:
        # >= 80 → 10; [60, 80) → 5; < 60 → 0
        lookup = StepLookup.of([60.0, 80.0], [0.0, 5.0, 5.0, 10.0, 10.0])
        values = np.array([0.0, 59.99, 60.0, 79.99, 80.0, 100.0])
        assert lookup(values).tolist() == [0, 0, 5, 5, 10, 10]
        assert lookup.gap(values) is None

    def test_step_lookup_finds_gaps(self) -> None:
        # only [0, 0] → 20 and (0, 1] → 0: below 0 and above 1 are gaps
        lookup = StepLookup.of([0.0, 1.0], [math.nan, 20.0, 0.0, 0.0, math.nan])
        gap = lookup.gap(np.array([-0.5, 0.0, 0.5, 1.0, 1.5]))
        assert gap is not None
        assert gap.tolist() == [True, False, False, False, True]

    def test_read_decimals_finds_the_fewest_places(self) -> None:
        value = read_decimals(np.array([0.07, 0.1329, 1.0]), None)
        assert value is not None
        assert (value.places, value.units.tolist()) == (4, [700, 1329, 10000])
        assert read_decimals(np.array([1 / 3]), None) is None


class TestPlainDecimals:
    def test_texts_read_as_float_reads_them(self) -> None:
        texts = ["1", "0.25", "", "-3.5", "+.5", "1.", "-0", "007", "123456789012345"]
        out = plain_decimals(texts)
        assert out is not None
        expected = [float(t) if t else math.nan for t in texts]
        assert np.array_equal(out, expected, equal_nan=True)
        assert np.signbit(out[6])  # "-0" is -0.0, as float() reads it

    @pytest.mark.parametrize(
        "text", ["7%", "1e5", "1_0", " 1", "1.2.3", "-", ".", "+-1", "1-2", "nan", "四", "1\x00"]
    )
    def test_anything_else_is_left_to_the_metric(self, text: str) -> None:
        assert plain_decimals(["1", text]) is None

    def test_a_percent_sign_is_read_for_a_ratio_only(self) -> None:
        # "7.13%" is 713/10000: the float nearest it, as the exact path's 0.0713 gives
        out = plain_decimals(["7.13%", "0.5", "100%", "-7%", ".5%", ""], percent=True)
        assert out is not None
        assert out.tolist()[:5] == [0.0713, 0.5, 1.0, -0.07, 0.005]
        assert math.isnan(out[5])
        assert plain_decimals(["7.13%"]) is None  # not a ratio: left to the metric's refusal

    @pytest.mark.parametrize("text", ["%", "7%%", "%7", "7 %", "5.%", "-%", "1e2%", "7%0"])
    def test_other_percent_forms_are_left_to_the_metric(self, text: str) -> None:
        assert plain_decimals(["1%", text], percent=True) is None

    @settings(max_examples=200, deadline=None)
    @given(st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False))
    def test_any_short_percentage_means_what_the_exact_path_reads(self, value: Decimal) -> None:
        text = f"{value}%"
        out = plain_decimals([text], percent=True)
        if len(text) > 15 or "E" in text:
            assert out is None
        else:
            assert out is not None
            assert out[0] == float(Fraction(value) / 100)

    def test_more_than_fifteen_characters_is_left_to_the_metric(self) -> None:
        assert plain_decimals(["1234567890123456"]) is None
        assert plain_decimals(["0.1000000000001"]) is not None

    @settings(max_examples=200, deadline=None)
    @given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
    def test_any_short_decimal(self, value: Decimal) -> None:
        text = str(value)
        out = plain_decimals([text])
        if len(text) > 15 or "E" in text:
            assert out is None
        else:
            assert out is not None
            assert out[0] == float(text)
