"""``score_records`` returns a complete :class:`Run`: results, roll-ups, notes and parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assesskit import Scheme
from assesskit.pipeline import score_records

Record = Callable[..., dict[str, Any]]


def test_run_records_the_scheme_and_its_parameters(
    staged_scheme: Scheme, make_record: Record
) -> None:
    tuned = staged_scheme.with_params(inflation_threshold=5)
    run = score_records(tuned, [make_record()])
    assert (run.scheme_id, run.scheme_version) == ("test.staged", "1")
    assert run.fingerprint == tuned.fingerprint != staged_scheme.fingerprint
    assert run.params == {"inflation_threshold": 5}


def test_run_as_json(staged_scheme: Scheme, make_record: Record) -> None:
    records = [
        make_record(),
        make_record(stage="prefecture", assessed_on="2025-03-01", quality_rating=80),
    ]
    data = score_records(staged_scheme, records).to_dict("zh")
    assert list(data) == [
        "scheme",
        "scheme_version",
        "fingerprint",
        "params",
        "results",
        "rollups",
        "notes",
    ]
    assert data["params"] == {"inflation_threshold": 10.0}
    assert [r["stage"] for r in data["results"]] == ["self_check", "prefecture"]
    assert data["results"][1]["notes"] == ["逾期:2025-03-01 考核,晚于市州考核截止日期 2025-02-28"]
    # the late prefecture record still counts in the roll-up: one member, total 80
    assert data["rollups"] == [
        {
            "unit_id": "P",
            "level": "prefecture",
            "year": 2024,
            "total": 80.0,
            "band": "fair",
            "members": 1,
            "band_counts": {"good": 0, "fair": 1, "poor": 0},
            "member_ids": ["C1"],
            "method": "per parent_id (prefecture) and period: mean of the members' totals "
            "weighted by households (plain mean when every weight is 0), prefecture stage "
            "only, rounded half-up",
        }
    ]
    assert data["notes"] == []


def test_roll_up_takes_only_its_stage(staged_scheme: Scheme, make_record: Record) -> None:
    # self-check 90 and prefecture 70 of the same county: only the prefecture's 70 rolls up
    records = [
        make_record(),
        make_record(stage="prefecture", assessed_on="2025-02-25", quality_rating=70),
    ]
    (rollup,) = score_records(staged_scheme, records).rollups
    assert (str(rollup.total), rollup.members) == ("70.00", 1)


def test_results_without_a_parent_are_named_in_the_run_notes(
    staged_scheme: Scheme, make_record: Record
) -> None:
    records = [
        make_record(stage="prefecture", parent_id=None),
        make_record(entity_id="C2", stage="prefecture", parent_id=""),
        make_record(entity_id="C3", parent_id=None),  # a self-check: not rolled up anyway
    ]
    run = score_records(staged_scheme, records)
    assert run.rollups == []
    assert [n.en for n in run.notes] == [
        "2 result(s) without parent_id are left out of the prefecture roll-up"
    ]
