"""Roll-ups of published results to their parent units, computed by hand.

The unit scheme (``tests/hierarchy/conftest.py``) scores ``100 × done / due``
and bands it good >= 90, fair [60, 90), poor < 60. Roll-ups here are taken
with :func:`roll_up` on results scored one by one, so the rules of the
roll-up itself are checked: which members count, how totals combine and
round half-up, how bands are counted, how results are ordered and shown.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from tests.hierarchy.conftest import build_unit_scheme, unit, unit_without_total

from assesskit import Text
from assesskit.hierarchy import (
    Member,
    Rollup,
    RollupResult,
    RollupSums,
    describe_total,
    roll_up,
    sum_inputs,
)
from assesskit.periods import Period
from assesskit.results import Result

SCHEME = build_unit_scheme()
BANDS = SCHEME.bands


def scored(entity: str, total: str, households: int | None = None, **more: Any) -> Result:
    return SCHEME.score(unit(entity, total, households, **more))


def member(entity: str, total: str, households: int | None = None, **more: Any) -> Member:
    parent = more.pop("parent", "P")
    stage = more.pop("stage", None)
    return Member(scored(entity, total, households, **more), parent, stage)


def rolled(method: str, members: list[Member], **options: Any) -> list[RollupResult]:
    rollup = Rollup("region", Text("region", "地區"), method, **options)  # type: ignore[arg-type]
    return roll_up(rollup, members, BANDS, "year")


class TestCombine:
    def test_sum_of_totals(self) -> None:
        (result,) = rolled("sum", [member("A", "90.00"), member("B", "80.01")])
        assert str(result.total) == "170.01"
        assert result.band == "good"  # 170.01 is in "at least 90"

    def test_mean_rounds_half_up(self) -> None:
        # (90.01 + 80.00) / 2 = 85.005 → 85.01
        (result,) = rolled("mean", [member("A", "90.01"), member("B", "80.00")])
        assert str(result.total) == "85.01"
        assert result.band == "fair"

    def test_mean_ignores_weights(self) -> None:
        # weights would give (90 × 3 + 60) / 4 = 82.5; the mean is (90 + 60) / 2 = 75
        (result,) = rolled(
            "mean", [member("A", "90.00", 3), member("B", "60.00", 1)], weight="households"
        )
        assert str(result.total) == "75.00"

    def test_weighted_mean(self) -> None:
        # (90 × 3 + 60 × 1) / 4 = 330 / 4 = 82.50
        (result,) = rolled(
            "weighted_mean",
            [member("A", "90.00", 3), member("B", "60.00", 1)],
            weight="households",
        )
        assert str(result.total) == "82.50"

    def test_a_total_weight_of_1(self) -> None:
        # (90 × 1 + 60 × 0) / 1 = 90 (the plain mean would be 75)
        (result,) = rolled(
            "weighted_mean",
            [member("A", "90.00", 1), member("B", "60.00", 0)],
            weight="households",
        )
        assert str(result.total) == "90.00"

    def test_weighted_mean_with_every_weight_0_is_the_mean(self) -> None:
        (result,) = rolled(
            "weighted_mean",
            [member("A", "90.00", 0), member("B", "61.00", 0)],
            weight="households",
        )
        assert str(result.total) == "75.50"

    def test_a_member_without_its_weight_weighs_nothing(self) -> None:
        # A gives no households: (90 × 0 + 61 × 2) / 2 = 61
        (result,) = rolled(
            "weighted_mean",
            [member("A", "90.00"), member("B", "61.00", 2)],
            weight="households",
        )
        assert str(result.total) == "61.00"

    def test_members_without_a_total_are_counted_but_not_combined(self) -> None:
        no_total = Member(SCHEME.score(unit_without_total("Z", 5)), "P")
        for method, shown in [("sum", "150.00"), ("mean", "75.00"), ("weighted_mean", "82.50")]:
            (result,) = rolled(
                method,
                [member("A", "90.00", 3), no_total, member("B", "60.00", 1)],
                weight="households",
            )
            assert str(result.total) == shown, method
            assert result.members == 3
            assert result.member_ids == ("A", "B", "Z")
            assert result.band_counts == {"good": 1, "fair": 1, "poor": 0}

    def test_no_total_at_all(self) -> None:
        no_total = Member(SCHEME.score(unit_without_total("Z", 5)), "P")
        for method in ("sum", "mean", "weighted_mean"):
            (result,) = rolled(method, [no_total], weight="households")
            assert (result.total, result.band, result.members) == (None, None, 1)
            assert result.band_counts == {"good": 0, "fair": 0, "poor": 0}

    def test_sums_combine(self) -> None:
        mean = Rollup("region", Text("region"), "mean")
        weighted = Rollup("region", Text("region"), "weighted_mean", "households")
        summed = Rollup("region", Text("region"), "sum")
        sums = RollupSums(3, Fraction(240), Fraction(4), Fraction(330))
        assert sums.combine(summed) == 240
        assert sums.combine(mean) == 80
        assert sums.combine(weighted) == Fraction(330, 4)
        assert RollupSums(0, Fraction(0)).combine(summed) is None
        assert RollupSums(2, Fraction(150)).combine(weighted) == 75


class TestGroups:
    def test_members_without_a_parent_are_left_out(self) -> None:
        members = [member("B", "70.00", parent=None), member("A", "90.00"), member("C", "80.00")]
        (result,) = rolled("mean", members)
        assert (result.unit_id, str(result.total), result.members) == ("P", "85.00", 2)

    def test_a_rollup_of_one_stage_keeps_only_that_stage(self) -> None:
        members = [
            member("B", "70.00", stage="self"),
            member("A", "90.00", stage="final"),
            member("C", "80.00"),
            member("D", "60.00", stage="final"),
        ]
        (result,) = rolled("mean", members, stage="final")
        assert (str(result.total), result.member_ids) == ("75.00", ("A", "D"))
        (every,) = rolled("mean", members)
        assert (str(every.total), every.members) == ("75.00", 4)

    def test_members_without_a_period_come_last(self) -> None:
        record = unit("A", "50.00")
        del record["year"]
        members = [Member(SCHEME.score(record), "P"), member("B", "70.00"), member("C", "60.00")]
        results = rolled("mean", members)
        assert [(r.period, str(r.total)) for r in results] == [
            (Period(2024), "65.00"),
            (None, "50.00"),
        ]
        assert results[1].to_dict()["year"] is None

    def test_ordered_by_parent_then_period(self) -> None:
        members = [
            member("A", "90.00", parent="Q", year=2023),
            member("B", "70.00", parent="P", year=2024),
            member("C", "50.00", parent="P", year=2023),
            member("D", "80.00", parent="P", year=2024),
            member("E", "40.00", parent="Q", year=2024),
        ]
        results = rolled("mean", members)
        assert [(r.unit_id, r.period, str(r.total), r.member_ids) for r in results] == [
            ("P", Period(2023), "50.00", ("C",)),
            ("P", Period(2024), "75.00", ("B", "D")),
            ("Q", Period(2023), "90.00", ("A",)),
            ("Q", Period(2024), "40.00", ("E",)),
        ]
        assert results[0].band_counts == {"good": 0, "fair": 0, "poor": 1}
        assert results[1].band_counts == {"good": 0, "fair": 2, "poor": 0}

    def test_member_ids_sorted_and_without_entity_empty(self) -> None:
        record = unit("x", "65.00")
        del record["entity_id"]
        members = [member("B", "70.00"), Member(SCHEME.score(record), "P"), member("A", "60.00")]
        (result,) = rolled("mean", members)
        assert result.member_ids == ("", "A", "B")
        assert str(result.total) == "65.00"

    def test_without_bands(self) -> None:
        rollup = Rollup("region", Text("region"), "mean")
        (result,) = roll_up(rollup, [member("A", "90.00"), member("B", "70.00")], None)
        # no band for the unit; the members' own bands are still counted, as they come
        assert (str(result.total), result.band) == ("80.00", None)
        assert result.band_counts == {"good": 1, "fair": 1}
        assert result.period_field == "period"
        assert result.to_dict()["period"] == "2024"

    def test_a_member_without_a_band_is_in_no_count(self) -> None:
        a = scored("A", "90.00")
        odd = Member(
            Result(
                a.scheme_id,
                a.scheme_version,
                "O",
                a.period,
                a.period_field,
                a.total,
                a.exact_total,
                None,
                False,
                (),
                {},
                {},
                (),
                {},
            ),
            "P",
        )
        (result,) = rolled("mean", [Member(a, "P"), odd])
        assert result.band_counts == {"good": 1, "fair": 0, "poor": 0}
        assert result.members == 2


class TestShown:
    def test_to_dict_of_an_annual_scheme(self) -> None:
        (result,) = rolled(
            "weighted_mean", [member("A", "90.00", 1), member("B", "80.00", 3)], weight="households"
        )
        assert result.to_dict() == {
            "unit_id": "P",
            "level": "region",
            "year": 2024,
            "total": 82.5,
            "band": "fair",
            "members": 2,
            "band_counts": {"good": 1, "fair": 1, "poor": 0},
            "member_ids": ["A", "B"],
            "method": "per parent_id (region) and period: mean of the members' totals "
            "weighted by households (plain mean when every weight is 0), rounded half-up",
        }

    def test_to_dict_of_a_monthly_period(self) -> None:
        shown = RollupResult(
            "P", "region", Period(2026, 7), "period", None, None, 0, {}, "mean"
        ).to_dict()
        assert shown["period"] == "2026-07"
        assert shown["total"] is None
        assert shown["member_ids"] == []

    @pytest.mark.parametrize(
        ("rollup", "words"),
        [
            (
                Rollup("prefecture", Text("p"), "sum"),
                "per parent_id (prefecture) and period: sum of the members' totals, "
                "rounded half-up",
            ),
            (
                Rollup("prefecture", Text("p"), stage="final"),
                "per parent_id (prefecture) and period: mean of the members' totals, "
                "final stage only, rounded half-up",
            ),
            (
                Rollup("county", Text("c"), "mean", parent_field="county_id"),
                "per county_id (county) and period: mean of the members' totals, rounded half-up",
            ),
        ],
    )
    def test_words(self, rollup: Rollup, words: str) -> None:
        assert rollup.words() == words
        assert rollup.method in ("sum", "mean")

    def test_default_method_is_the_mean_per_parent_id(self) -> None:
        rollup = Rollup("region", Text("region"))
        assert (rollup.method, rollup.weight, rollup.stage, rollup.parent_field) == (
            "mean",
            None,
            None,
            "parent_id",
        )

    def test_describe_total(self) -> None:
        assert describe_total(Fraction(17001, 200)) == "85.005"
        assert describe_total(Fraction(80)) == "80"


class TestSumInputs:
    def test_per_parent_and_year(self) -> None:
        rows: list[dict[str, Any]] = [
            {"parent_id": None, "year": 2024, "done": 100},
            {"parent_id": "P", "year": 2024, "done": "3", "due": 4},
            {"parent_id": "P", "year": 2024, "done": 5, "due": None},
            {"parent_id": "P", "year": 2023, "done": "0.5", "due": ""},
            {"parent_id": None, "year": 2024, "done": 100},
            {"parent_id": "", "year": 2024, "done": 100},
            {"year": 2024, "done": 100},
        ]
        assert sum_inputs(rows, ["due", "done"]) == {
            ("P", "2024"): {"done": Fraction(8), "due": Fraction(4)},
            ("P", "2023"): {"done": Fraction(1, 2)},
        }

    def test_other_fields(self) -> None:
        rows = [
            {"county": "C", "month": "2026-07", "done": 2},
            {"county": "C", "month": "2026-07", "done": "1.25"},
            {"parent_id": "C", "month": "2026-07", "done": 7},
        ]
        assert sum_inputs(rows, ["done"], parent_field="county", period_field="month") == {
            ("C", "2026-07"): {"done": Fraction(13, 4)}
        }
