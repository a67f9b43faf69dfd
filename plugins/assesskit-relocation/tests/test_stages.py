"""The three stages: deadlines at each edge, the required self-check, the inflation flag."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme
from assesskit.pipeline import score_records
from assesskit_relocation.schemes import COUNTY_A_SELF_CHECK

Record = Callable[..., dict[str, Any]]


@pytest.mark.parametrize(
    ("stage", "year", "assessed_on", "late"),
    [
        # self_check: "2月中旬前", on or before 20 February of year + 1
        ("self_check", 2024, "2025-02-20", False),
        ("self_check", 2024, "2025-02-21", True),
        # prefecture: "2月底前", the last day of February: 28 in 2025...
        ("prefecture", 2024, "2025-02-28", False),
        ("prefecture", 2024, "2025-03-01", True),
        # ...29 in 2024, when the assessed year is 2023
        ("prefecture", 2023, "2024-02-29", False),
        ("prefecture", 2023, "2024-03-01", True),
    ],
)
def test_county_deadlines(
    county_scheme: Scheme,
    make_county_a: Record,
    stage: str,
    year: int,
    assessed_on: str,
    late: bool,
) -> None:
    record = make_county_a(stage=stage, year=year, assessed_on=assessed_on)
    result = score_records(county_scheme, [record]).results[0]
    assert result.fields["late"] is late
    assert result.fields["early"] is False  # the county stages have no opening date
    assert str(result.total) == "87.56"  # a late record is scored all the same


@pytest.mark.parametrize(
    ("year", "assessed_on", "late", "early"),
    [
        # province: "3月", 1–31 March of year + 1
        (2024, "2025-02-28", False, True),
        (2024, "2025-03-01", False, False),
        (2024, "2025-03-31", False, False),
        (2024, "2025-04-01", True, False),
        (2023, "2024-02-29", False, True),
        (2023, "2024-03-01", False, False),
    ],
)
def test_province_window(
    prefecture_scheme: Scheme,
    make_county_a: Record,
    year: int,
    assessed_on: str,
    late: bool,
    early: bool,
) -> None:
    record = make_county_a(
        entity_id="prefecture-x",
        parent_id="guizhou",
        stage="province",
        year=year,
        assessed_on=assessed_on,
    )
    result = score_records(prefecture_scheme, [record]).results[0]
    assert (result.fields["late"], result.fields["early"]) == (late, early)


def test_prefecture_result_without_self_check(county_scheme: Scheme, make_county_a: Record) -> None:
    result = score_records(county_scheme, [make_county_a()]).results[0]
    assert result.outcome == {
        "self_check_missing": True,
        "self_check_gap": None,
        "inflated_self_check": None,
    }
    assert result.notes[-1].en == "the self_check record of county-a 2024 is missing from the input"
    assert result.notes[-1].zh == "输入中缺少 county-a 2024 的自查记录"


def test_self_check_of_another_year_does_not_count(
    county_scheme: Scheme, make_county_a: Record
) -> None:
    records = [
        make_county_a(stage="self_check", year=2023, assessed_on="2024-02-10"),
        make_county_a(),
    ]
    prefecture = score_records(county_scheme, records).results[1]
    assert prefecture.outcome["self_check_missing"] is True


@pytest.mark.parametrize(
    ("prefecture_changes", "gap", "inflated"),
    [
        # self-check: County A's 99.00; prefecture: County A with archives rated a instead of 70,
        # total 100/9 × (7.88 − 0.7 + a/100). a = 84.4: 100/9 × 8.024 = 89.155… → 89.16, gap 9.84
        ({"archives_rating": "84.4"}, "9.84", False),
        # prefecture 89.00 exactly: 100/9 × 8.01 = 89.00 (archives 0.83): gap 10.00, not above 10
        ({"archives_rating": 83}, "10.00", False),
        # prefecture 88.99: 100/9 × 8.0091 = 88.99 (archives 82.91): gap 10.01, above 10
        ({"archives_rating": "82.91"}, "10.01", True),
    ],
)
def test_inflation_threshold_of_10_at_its_edge(
    county_scheme: Scheme,
    make_county_a: Record,
    prefecture_changes: dict[str, Any],
    gap: str,
    inflated: bool,
) -> None:
    records = [COUNTY_A_SELF_CHECK, make_county_a(**prefecture_changes)]
    results = score_records(county_scheme, records).results
    assert str(results[0].total) == "99.00"
    for result in results:
        assert str(result.outcome["self_check_gap"]) == gap
        assert result.outcome["inflated_self_check"] is inflated


def test_unknown_stage_lists_the_schemes_stages(
    county_scheme: Scheme, prefecture_scheme: Scheme, make_county_a: Record
) -> None:
    with pytest.raises(InvalidInputError) as info:
        score_records(county_scheme, [make_county_a(stage="province")])
    assert [str(p) for p in info.value.problems] == [
        "record county-a (row 1): field 'stage' = 'province': is not a stage of "
        "relocation.county: one of self_check, prefecture"
    ]
    with pytest.raises(InvalidInputError) as info:
        score_records(prefecture_scheme, [make_county_a()])
    assert [str(p) for p in info.value.problems] == [
        "record county-a (row 1): field 'stage' = 'prefecture': is not a stage of "
        "relocation.prefecture: one of province"
    ]


def test_bad_date_is_an_error(county_scheme: Scheme, make_county_a: Record) -> None:
    with pytest.raises(InvalidInputError) as info:
        score_records(county_scheme, [make_county_a(assessed_on="2025-02-29")])
    assert [str(p) for p in info.value.problems] == [
        "record county-a (row 1): field 'assessed_on' = '2025-02-29': must be a date YYYY-MM-DD"
    ]
