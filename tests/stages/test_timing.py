"""Late and early flags at each deadline edge, through the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assesskit import Scheme
from assesskit.pipeline import score_records

Record = Callable[..., dict[str, Any]]


@pytest.mark.parametrize(
    ("stage", "year", "assessed_on", "late", "early"),
    [
        # self_check: on or before 20 February of year + 1
        ("self_check", 2024, "2025-02-20", False, False),
        ("self_check", 2024, "2025-02-21", True, False),
        # prefecture: the last day of February, 28th in 2025...
        ("prefecture", 2024, "2025-02-28", False, False),
        ("prefecture", 2024, "2025-03-01", True, False),
        # ...and 29th in the leap year 2024 (assessed year 2023)
        ("prefecture", 2023, "2024-02-29", False, False),
        ("prefecture", 2023, "2024-03-01", True, False),
        # province: 1–31 March; February is early
        ("province", 2024, "2025-02-28", False, True),
        ("province", 2024, "2025-03-01", False, False),
        ("province", 2024, "2025-03-31", False, False),
        ("province", 2024, "2025-04-01", True, False),
        ("province", 2023, "2024-02-29", False, True),
        ("province", 2023, "2024-03-01", False, False),
    ],
)
def test_late_and_early_at_each_edge(
    staged_scheme: Scheme,
    make_record: Record,
    stage: str,
    year: int,
    assessed_on: str,
    late: bool,
    early: bool,
) -> None:
    record = make_record(stage=stage, year=year, assessed_on=assessed_on)
    result = score_records(staged_scheme, [record]).results[0]
    assert result.fields["late"] is late
    assert result.fields["early"] is early
    data = result.to_dict()
    assert (data["stage"], data["assessed_on"], data["late"], data["early"]) == (
        stage,
        assessed_on,
        late,
        early,
    )


def test_late_record_is_scored_and_says_why(staged_scheme: Scheme, make_record: Record) -> None:
    result = score_records(staged_scheme, [make_record(assessed_on="2025-02-21")]).results[0]
    assert str(result.total) == "90.00"
    assert result.band_id == "good"
    assert [n.en for n in result.notes] == [
        "late: assessed on 2025-02-21, after the self_check deadline 2025-02-20"
    ]
    assert result.notes[0].zh == "逾期:2025-02-21 考核,晚于自查截止日期 2025-02-20"


def test_early_record_says_when_the_window_opens(
    staged_scheme: Scheme, make_record: Record
) -> None:
    record = make_record(stage="province", assessed_on="2025-02-28")
    result = score_records(staged_scheme, [record]).results[0]
    assert [n.en for n in result.notes] == [
        "early: assessed on 2025-02-28, before the province window opens on 2025-03-01"
    ]


def test_on_time_record_has_no_note(staged_scheme: Scheme, make_record: Record) -> None:
    result = score_records(staged_scheme, [make_record()]).results[0]
    assert result.notes == ()


def test_without_a_year_the_deadline_is_not_checked(
    staged_scheme: Scheme, make_record: Record
) -> None:
    result = score_records(staged_scheme, [make_record(year=None)]).results[0]
    assert result.fields["late"] is None
    assert result.fields["early"] is None
    assert result.notes[0].en == "no year given: the self_check deadline could not be checked"


def test_stage_fields_follow_the_period_in_the_output(
    staged_scheme: Scheme, make_record: Record
) -> None:
    data = score_records(staged_scheme, [make_record()]).results[0].to_dict()
    keys = list(data)
    assert keys[:6] == ["entity_id", "year", "stage", "assessed_on", "late", "early"]
