"""Roll-ups: counties to their prefecture, prefectures to the province."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assesskit import Scheme
from assesskit.pipeline import score_records

Record = Callable[..., dict[str, Any]]


def test_prefecture_roll_up_weighted_by_relocated_households(
    county_scheme: Scheme, make_uniform: Record
) -> None:
    records = [
        make_uniform("A", 90, 300),
        make_uniform("B", 80, 100),
        make_uniform("C", 60, 0),  # no households relocated: weighs nothing
        # a self-check does not roll up, whatever its total
        make_uniform("A", 100, 300, stage="self_check", assessed_on="2025-02-10"),
    ]
    run = score_records(county_scheme, records)
    assert [str(r.total) for r in run.results] == ["90.00", "80.00", "60.00", "100.00"]
    (rollup,) = run.rollups
    # (90 × 300 + 80 × 100 + 60 × 0) / 400 = 35000 / 400 = 87.50 → fairly_good
    assert rollup.to_dict() | {"method": None} == {
        "unit_id": "P",
        "level": "prefecture",
        "year": 2024,
        "total": 87.5,
        "band": "fairly_good",
        "members": 3,
        "band_counts": {"good": 1, "fairly_good": 1, "average": 1, "poor": 0},
        "member_ids": ["A", "B", "C"],
        "method": None,
    }


def test_all_weights_zero_falls_back_to_the_plain_mean(
    county_scheme: Scheme, make_uniform: Record
) -> None:
    records = [make_uniform("A", 90, 0), make_uniform("B", 80, 0), make_uniform("C", 59, 0)]
    (rollup,) = score_records(county_scheme, records).rollups
    # (90 + 80 + 59) / 3 = 76.333… → 76.33, average
    assert (str(rollup.total), rollup.band) == ("76.33", "average")
    assert rollup.band_counts == {"good": 1, "fairly_good": 1, "average": 0, "poor": 1}


def test_each_prefecture_and_year_rolls_up_on_its_own(
    county_scheme: Scheme, make_uniform: Record
) -> None:
    records = [
        make_uniform("A", 90, 100, parent="P"),
        make_uniform("B", 70, 100, parent="Q"),
        make_uniform("A", 50, 100, parent="P", year=2023, assessed_on="2024-02-20"),
    ]
    rollups = score_records(county_scheme, records).rollups
    assert [(r.unit_id, r.to_dict()["year"], str(r.total), r.band) for r in rollups] == [
        ("P", 2023, "50.00", "poor"),
        ("P", 2024, "90.00", "good"),
        ("Q", 2024, "70.00", "average"),
    ]


def test_province_roll_up_over_prefectures(prefecture_scheme: Scheme, make_uniform: Record) -> None:
    records = [
        make_uniform("X", 90, 1000, parent="guizhou", stage="province", assessed_on="2025-03-10"),
        make_uniform("Y", 70, 3000, parent="guizhou", stage="province", assessed_on="2025-03-20"),
    ]
    (rollup,) = score_records(prefecture_scheme, records).rollups
    # (90 × 1000 + 70 × 3000) / 4000 = 300000 / 4000 = 75.00 → average
    assert (rollup.unit_id, rollup.level, str(rollup.total), rollup.band) == (
        "guizhou",
        "province",
        "75.00",
        "average",
    )
    assert rollup.band_counts == {"good": 1, "fairly_good": 0, "average": 1, "poor": 0}


def test_roll_up_is_graded_with_tuned_bands(county_scheme: Scheme, make_uniform: Record) -> None:
    tuned = county_scheme.with_params({"bands.good": 87.5})
    records = [make_uniform("A", 90, 300), make_uniform("B", 80, 100)]
    (rollup,) = score_records(tuned, records).rollups
    assert (str(rollup.total), rollup.band) == ("87.50", "good")  # 87.50 >= 87.5
