"""The nine areas: not-applicable areas rescale the rest; domain rules name both fields."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme
from assesskit.pipeline import score_records

Record = Callable[..., dict[str, Any]]


def test_no_houses_due_for_demolition_rescales_the_other_eight(
    county_scheme: Scheme, make_county_a: Record
) -> None:
    result = county_scheme.score(make_county_a(demolished_houses=0, demolition_due_houses=0))
    # 8 areas of 12.5 points; attainments 7.88 − 0.9 = 6.98; 12.5 × 6.98 = 87.25
    assert str(result.total) == "87.25"
    assert result.band_id == "fairly_good"
    assert result.components["demolition"].points is None
    assert result.components["funds"].weight == Fraction(25, 2)
    assert str(result.components["funds"].points) == "10.00"  # 12.5 × 0.8
    assert result.notes[0].en.startswith("not applicable: demolition;")
    assert result.to_dict()["components"]["demolition"]["points"] is None


def test_two_areas_not_applicable(county_scheme: Scheme, make_county_a: Record) -> None:
    record = make_county_a(
        demolished_houses=0,
        demolition_due_houses=0,
        moved_in_households=0,
        housing_completed_households=0,
    )
    # 7 areas of 100/7; attainments 7.88 − 0.9 − 0.9 = 6.08; 100/7 × 6.08 = 86.857… → 86.86
    assert str(county_scheme.score(record).total) == "86.86"


def test_only_the_ratings_apply(county_scheme: Scheme, make_county_a: Record) -> None:
    record = make_county_a(
        eligible_households=0,
        relocated_households=0,
        demolished_houses=0,
        demolition_due_houses=0,
        moved_in_households=0,
        housing_completed_households=0,
    )
    # 6 rated areas of 100/6: (0.9 + 0.85 + 0.8 + 0.95 + 0.9 + 0.7) × 100/6 = 5.1 × 100/6 = 85.00
    assert str(county_scheme.score(record).total) == "85.00"


@pytest.mark.parametrize(
    ("changes", "field", "value", "limit"),
    [
        ({"eligible_households": 101}, "eligible_households", "101", "relocated_households (100)"),
        (
            {"moved_in_households": 201},
            "moved_in_households",
            "201",
            "housing_completed_households (200)",
        ),
        ({"demolished_houses": 51}, "demolished_houses", "51", "demolition_due_houses (50)"),
        # a positive numerator over a zero denominator breaks the rule too
        (
            {"demolished_houses": 1, "demolition_due_houses": 0},
            "demolished_houses",
            "1",
            "demolition_due_houses (0)",
        ),
    ],
)
def test_domain_rules_name_both_fields(
    county_scheme: Scheme,
    make_county_a: Record,
    changes: dict[str, Any],
    field: str,
    value: str,
    limit: str,
) -> None:
    with pytest.raises(InvalidInputError) as info:
        county_scheme.score(make_county_a(**changes))
    assert [str(p) for p in info.value.problems] == [
        f"record county-a: field {field!r} = {value}: must not exceed {limit}"
    ]


def test_equal_counts_are_allowed(county_scheme: Scheme, make_county_a: Record) -> None:
    result = county_scheme.score(make_county_a(eligible_households=100))
    assert str(result.components["target_accuracy"].points) == "11.11"  # 100/9 × 1


def test_every_domain_problem_at_once(county_scheme: Scheme, make_county_a: Record) -> None:
    record = make_county_a(
        eligible_households=101,
        moved_in_households=201,
        demolished_houses=51,
        funds_rating=130,
        construction_rating=None,
        relocated_households=-1,
    )
    with pytest.raises(InvalidInputError) as info:
        score_records(county_scheme, [record])
    problems = {(p.field, p.rule) for p in info.value.problems}
    assert problems == {
        ("relocated_households", "must be within [0, ∞)"),
        ("construction_rating", "is required"),
        ("funds_rating", "must be within [0, 100]"),
        ("moved_in_households", "must not exceed housing_completed_households (200)"),
        ("demolished_houses", "must not exceed demolition_due_houses (50)"),
    }


def test_counts_are_whole_numbers(county_scheme: Scheme, make_county_a: Record) -> None:
    with pytest.raises(InvalidInputError, match=r"eligible_households' = '97\.5': must be a whole"):
        county_scheme.score(make_county_a(eligible_households="97.5"))
