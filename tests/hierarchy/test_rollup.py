"""Roll-ups per parent unit and period: weighted mean, fallbacks, band counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assesskit import Scheme, SchemeDefinitionError, Text
from assesskit.hierarchy import Member, Rollup, RollupResult, roll_up, sum_inputs
from assesskit.pipeline import score_records

Unit = Callable[..., dict[str, Any]]
Build = Callable[..., Scheme]


def _rollups(scheme: Scheme, records: list[dict[str, Any]]) -> list[RollupResult]:
    return score_records(scheme, records).rollups


def test_weighted_mean_and_band_counts(unit_scheme: Scheme, make_unit: Unit) -> None:
    # (90 × 300 + 80 × 100 + 60 × 0) / (300 + 100 + 0) = 35000 / 400 = 87.50 → fair
    records = [
        make_unit("A", "90.00", 300),
        make_unit("B", "80.00", 100),
        make_unit("C", "60.00", 0),
    ]
    (rollup,) = _rollups(unit_scheme, records)
    assert str(rollup.total) == "87.50"
    assert rollup.band == "fair"
    assert rollup.members == 3
    assert rollup.member_ids == ("A", "B", "C")
    # C weighs nothing but is still a member and is counted in its band (60 is fair)
    assert rollup.band_counts == {"good": 1, "fair": 2, "poor": 0}
    assert rollup.to_dict() == {
        "unit_id": "P",
        "level": "region",
        "year": 2024,
        "total": 87.5,
        "band": "fair",
        "members": 3,
        "band_counts": {"good": 1, "fair": 2, "poor": 0},
        "member_ids": ["A", "B", "C"],
        "method": "per parent_id (region) and period: mean of the members' totals weighted by "
        "households (plain mean when every weight is 0), rounded half-up",
    }


def test_weighted_mean_rounds_half_up(unit_scheme: Scheme, make_unit: Unit) -> None:
    # (90.01 × 1 + 80.00 × 1) / 2 = 85.005 exactly → 85.01 (half up)
    (rollup,) = _rollups(unit_scheme, [make_unit("A", "90.01", 1), make_unit("B", "80.00", 1)])
    assert str(rollup.total) == "85.01"
    # (90.01 + 2 × 80) / 3 = 83.33666… → 83.34
    (rollup,) = _rollups(unit_scheme, [make_unit("A", "90.01", 1), make_unit("B", "80.00", 2)])
    assert str(rollup.total) == "83.34"


def test_all_weights_zero_gives_the_plain_mean(unit_scheme: Scheme, make_unit: Unit) -> None:
    # (90 + 81) / 2 = 85.50
    (rollup,) = _rollups(unit_scheme, [make_unit("A", "90.00", 0), make_unit("B", "81.00", 0)])
    assert str(rollup.total) == "85.50"


def test_one_nonzero_weight_takes_it_all(unit_scheme: Scheme, make_unit: Unit) -> None:
    # A weighs 0, B weighs 1: the total is B's 81 (the plain mean would be 85.50)
    (rollup,) = _rollups(unit_scheme, [make_unit("A", "90.00", 0), make_unit("B", "81.00", 1)])
    assert str(rollup.total) == "81.00"


def test_missing_weight_weighs_nothing(unit_scheme: Scheme, make_unit: Unit) -> None:
    # A gives no households: only B's 80 counts
    (rollup,) = _rollups(unit_scheme, [make_unit("A", "90.00"), make_unit("B", "80.00", 5)])
    assert str(rollup.total) == "80.00"


def test_member_without_a_total(
    unit_scheme: Scheme, make_unit: Unit, make_unit_without_total: Unit
) -> None:
    # B has no total: it is a member, in no band, and not in the mean: 90 × 1 / 1
    records = [make_unit("A", "90.00", 1), make_unit_without_total("B", 100)]
    (rollup,) = _rollups(unit_scheme, records)
    assert (str(rollup.total), rollup.band, rollup.members) == ("90.00", "good", 2)
    assert rollup.band_counts == {"good": 1, "fair": 0, "poor": 0}
    (none,) = _rollups(unit_scheme, [make_unit_without_total("B", 100)])
    assert (none.total, none.band, none.members) == (None, None, 1)
    assert none.to_dict()["total"] is None


def test_groups_by_parent_and_period(unit_scheme: Scheme, make_unit: Unit) -> None:
    records = [
        make_unit("A", "90.00", 1, parent="Q"),
        make_unit("B", "70.00", 1, parent="P", year=2024),
        make_unit("B", "50.00", 1, parent="P", year=2023),
        make_unit("C", "80.00", 1, parent="P", year=2024),
    ]
    rollups = _rollups(unit_scheme, records)
    assert [(r.unit_id, r.to_dict()["year"], str(r.total), r.members) for r in rollups] == [
        ("P", 2023, "50.00", 1),
        ("P", 2024, "75.00", 2),  # (70 + 80) / 2
        ("Q", 2024, "90.00", 1),
    ]
    assert rollups[0].band_counts == {"good": 0, "fair": 0, "poor": 1}


def test_sum_and_mean(make_unit_scheme: Build, make_unit: Unit) -> None:
    records = [make_unit("A", "90.00", 3), make_unit("B", "80.01", 1)]
    summed = make_unit_scheme(rollups=[Rollup("region", Text("region"), "sum")])
    (rollup,) = _rollups(summed, records)
    assert str(rollup.total) == "170.01"  # 90 + 80.01; above every band's end: still good
    meaned = make_unit_scheme(rollups=[Rollup("region", Text("region"), "mean")])
    (rollup,) = _rollups(meaned, records)
    assert str(rollup.total) == "85.01"  # 170.01 / 2 = 85.005 → 85.01, weights ignored


def test_weight_must_be_a_metric(make_unit_scheme: Build) -> None:
    rollup = Rollup("region", Text("region"), "weighted_mean", weight="population")
    with pytest.raises(SchemeDefinitionError, match="weight 'population' is not a metric"):
        make_unit_scheme(rollups=[rollup])


def test_roll_up_directly_skips_members_without_a_parent(
    unit_scheme: Scheme, make_unit: Unit
) -> None:
    a = unit_scheme.score(make_unit("A", "90.00", 1))
    b = unit_scheme.score(make_unit("B", "70.00", 1))
    rollup = Rollup("region", Text("region"), "mean")
    (result,) = roll_up(rollup, [Member(a, "P"), Member(b, None)], unit_scheme.bands, "year")
    assert (result.unit_id, str(result.total), result.members) == ("P", "90.00", 1)


def test_roll_up_of_a_monthly_scheme_names_the_period() -> None:
    rollup = RollupResult("P", "region", None, "period", None, None, 0, {}, "mean")
    assert rollup.to_dict()["period"] is None


def test_sum_inputs_per_parent_and_period() -> None:
    rows: list[dict[str, Any]] = [
        {"parent_id": "P", "year": 2024, "done": "3", "due": 4},
        {"parent_id": "P", "year": 2024, "done": 5},
        {"parent_id": "P", "year": 2023, "done": 1, "due": ""},
        {"parent_id": None, "year": 2024, "done": 100},
    ]
    sums = sum_inputs(rows, ["done", "due"])
    assert sums == {("P", "2024"): {"done": 8, "due": 4}, ("P", "2023"): {"done": 1}}
