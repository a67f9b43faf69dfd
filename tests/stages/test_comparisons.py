"""Required stages and comparisons between stages of the same unit and period."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from assesskit import Result, Scheme
from assesskit.pipeline import score_records

Record = Callable[..., dict[str, Any]]


def _pair(make_record: Record, self_check: object, prefecture: object) -> list[dict[str, Any]]:
    return [
        make_record(quality_rating=self_check),
        make_record(stage="prefecture", assessed_on="2025-02-25", quality_rating=prefecture),
    ]


def _by_stage(results: list[Result]) -> dict[str, Result]:
    return {r.fields["stage"]: r for r in results}


@pytest.mark.parametrize(
    ("self_check", "prefecture", "gap", "inflated"),
    [
        (90, 80, "10.00", False),  # exactly the threshold: not above it
        ("90.01", 80, "10.01", True),  # 0.01 above it
        (99, "87.56", "11.44", True),  # the relocation spec's County A
        (80, 90, "-10.00", False),  # a self-check below the assessment
    ],
)
def test_gap_and_flag_against_the_threshold_of_10(
    staged_scheme: Scheme,
    make_record: Record,
    self_check: object,
    prefecture: object,
    gap: str,
    inflated: bool,
) -> None:
    results = score_records(staged_scheme, _pair(make_record, self_check, prefecture)).results
    for result in results:  # both results of the pair carry the comparison
        assert result.outcome["self_check_gap"] == Decimal(gap)
        assert result.outcome["inflated_self_check"] is inflated
        assert result.to_dict()["outcome"]["self_check_gap"] == float(gap)


def test_flagged_gap_is_explained(staged_scheme: Scheme, make_record: Record) -> None:
    results = score_records(staged_scheme, _pair(make_record, 99, "87.56")).results
    prefecture = _by_stage(results)["prefecture"]
    assert [n.en for n in prefecture.notes] == [
        "inflated_self_check: the self_check total 99.00 is 11.44 above the prefecture total "
        "87.56, more than inflation_threshold = 10"
    ]


def test_threshold_is_a_parameter(staged_scheme: Scheme, make_record: Record) -> None:
    # gap 90 − 84 = 6: not above the default 10, above a threshold of 5, not above 6
    records = _pair(make_record, 90, 84)
    default = score_records(staged_scheme, records).results[0]
    assert default.outcome["inflated_self_check"] is False
    lower = score_records(staged_scheme.with_params(inflation_threshold=5), records).results[0]
    assert lower.outcome["inflated_self_check"] is True
    equal = score_records(staged_scheme.with_params(inflation_threshold=6), records).results[0]
    assert equal.outcome["inflated_self_check"] is False


def test_required_stage_present(staged_scheme: Scheme, make_record: Record) -> None:
    results = _by_stage(score_records(staged_scheme, _pair(make_record, 90, 80)).results)
    assert results["prefecture"].outcome["self_check_missing"] is False
    # the self-check itself requires nothing
    assert "self_check_missing" not in results["self_check"].outcome


def test_required_stage_missing(staged_scheme: Scheme, make_record: Record) -> None:
    record = make_record(stage="prefecture", assessed_on="2025-02-25", quality_rating=80)
    result = score_records(staged_scheme, [record]).results[0]
    assert result.outcome["self_check_missing"] is True
    assert result.outcome["self_check_gap"] is None
    assert result.outcome["inflated_self_check"] is None
    assert [n.en for n in result.notes] == [
        "the self_check record of C1 2024 is missing from the input"
    ]
    assert result.notes[0].zh == "输入中缺少 C1 2024 的自查记录"
    assert result.to_dict()["outcome"]["self_check_missing"] is True


@pytest.mark.parametrize(
    "self_check",
    [
        {"year": 2023, "assessed_on": "2024-02-15"},  # another year
        {"entity_id": "C2"},  # another unit
    ],
)
def test_self_check_of_another_year_or_unit_does_not_count(
    staged_scheme: Scheme, make_record: Record, self_check: dict[str, Any]
) -> None:
    records = [
        make_record(**self_check),
        make_record(stage="prefecture", assessed_on="2025-02-25", quality_rating=80),
    ]
    prefecture = _by_stage(score_records(staged_scheme, records).results)["prefecture"]
    assert prefecture.outcome["self_check_missing"] is True
    assert prefecture.outcome["self_check_gap"] is None


def test_self_check_without_its_assessment_has_no_gap(
    staged_scheme: Scheme, make_record: Record
) -> None:
    result = score_records(staged_scheme, [make_record()]).results[0]
    assert result.outcome == {"self_check_gap": None, "inflated_self_check": None}


def test_stage_outside_every_comparison_publishes_none(
    staged_scheme: Scheme, make_record: Record
) -> None:
    record = make_record(stage="province", assessed_on="2025-03-05")
    assert score_records(staged_scheme, [record]).results[0].outcome == {}


def test_late_records_are_still_compared(staged_scheme: Scheme, make_record: Record) -> None:
    records = [
        make_record(quality_rating=95, assessed_on="2025-02-21"),
        make_record(stage="prefecture", assessed_on="2025-03-01", quality_rating=80),
    ]
    results = score_records(staged_scheme, records).results
    assert [r.fields["late"] for r in results] == [True, True]
    assert [r.outcome["inflated_self_check"] for r in results] == [True, True]  # 15 > 10
