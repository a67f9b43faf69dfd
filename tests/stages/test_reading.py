"""Validating ``stage`` and ``assessed_on``: clear errors, all at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme
from assesskit.pipeline import score_records

Record = Callable[..., dict[str, Any]]


def _problems(scheme: Scheme, records: list[dict[str, Any]]) -> list[str]:
    with pytest.raises(InvalidInputError) as info:
        score_records(scheme, records)
    return [str(p) for p in info.value.problems]


def test_unknown_stage_names_the_field_the_value_and_the_stages(
    staged_scheme: Scheme, make_record: Record
) -> None:
    assert _problems(staged_scheme, [make_record(stage="selfcheck")]) == [
        "record C1 (row 1): field 'stage' = 'selfcheck': is not a stage of test.staged: "
        "one of self_check, prefecture, province"
    ]


def test_missing_stage_is_an_error(staged_scheme: Scheme, make_record: Record) -> None:
    assert _problems(staged_scheme, [make_record(stage="")]) == [
        "record C1 (row 1): field 'stage' = missing: is required: "
        "one of self_check, prefecture, province"
    ]


@pytest.mark.parametrize("bad", ["2025-02-30", "20/02/2025", "soon", 20250220])
def test_bad_date_is_an_error(staged_scheme: Scheme, make_record: Record, bad: object) -> None:
    assert _problems(staged_scheme, [make_record(assessed_on=bad)]) == [
        f"record C1 (row 1): field 'assessed_on' = {bad!r}: must be a date YYYY-MM-DD"
    ]


def test_missing_date_is_an_error(staged_scheme: Scheme, make_record: Record) -> None:
    assert _problems(staged_scheme, [make_record(assessed_on=None)]) == [
        "record C1 (row 1): field 'assessed_on' = missing: is required: "
        "the date the record was made, YYYY-MM-DD"
    ]


def test_stage_with_surrounding_spaces_is_read(staged_scheme: Scheme, make_record: Record) -> None:
    result = score_records(staged_scheme, [make_record(stage=" prefecture ")]).results[0]
    assert result.fields["stage"] == "prefecture"


def test_every_problem_of_every_record_at_once(staged_scheme: Scheme, make_record: Record) -> None:
    records = [
        make_record(stage="nope", assessed_on="2025-13-01", quality_rating=130),
        make_record(entity_id="C2", stage="prefecture"),
        make_record(entity_id="C3", assessed_on="yesterday"),
    ]
    problems = _problems(staged_scheme, records)
    assert len(problems) == 4
    assert problems[0].startswith("record C1 (row 1): field 'quality_rating' = 130")
    assert problems[1].startswith("record C1 (row 1): field 'stage' = 'nope'")
    assert problems[2].startswith("record C1 (row 1): field 'assessed_on' = '2025-13-01'")
    assert problems[3].startswith("record C3 (row 3): field 'assessed_on' = 'yesterday'")


def test_same_unit_year_and_stage_twice_is_an_error(
    staged_scheme: Scheme, make_record: Record
) -> None:
    assert _problems(staged_scheme, [make_record(), make_record(quality_rating=80)]) == [
        "record C1 (row 2): field 'year' = 2024: C1 2024 stage self_check appears twice "
        "(also row 1); give each entity and period once"
    ]


def test_results_are_identified_by_unit_year_and_stage(
    staged_scheme: Scheme, make_record: Record
) -> None:
    records = [
        make_record(),
        make_record(stage="prefecture", assessed_on="2025-02-25", quality_rating=80),
        make_record(year=2023, assessed_on="2024-02-15", quality_rating=70),
    ]
    results = score_records(staged_scheme, records).results
    assert [(r.entity_id, str(r.period), r.fields["stage"], str(r.total)) for r in results] == [
        ("C1", "2024", "self_check", "90.00"),
        ("C1", "2024", "prefecture", "80.00"),
        ("C1", "2023", "self_check", "70.00"),
    ]


def test_scheme_without_stages_ignores_a_stage_column(
    make_staged_scheme: Callable[..., Scheme], make_record: Record
) -> None:
    plain = make_staged_scheme(stages=(), stage_comparisons=(), rollups=())
    result = score_records(plain, [make_record(stage="anything")]).results[0]
    assert result.fields == {}
    assert "stage" not in result.to_dict()
    # without stages a unit is scored once per period, whatever a stage column says
    records = [make_record(stage="a"), make_record(stage="b")]
    assert _problems(plain, records) == [
        "record C1 (row 2): field 'year' = 2024: C1 2024 appears twice "
        "(also row 1); give each entity and period once"
    ]
