"""``health.gansu-province``: the worked example, schedule edges of the plan, exact totals."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme
from health_cases import WORKED, columns

BEHIND = ["village_clinics", "county_doctors_dispatched"]


def test_worked_example_exact(gansu: Scheme) -> None:
    result = gansu.score(WORKED)
    # 11 due; 100/11 × (9 + 2800/2965 + 5400/6000) = 98.585006… → 98.59
    assert result.exact_total == Fraction(100, 11) * (9 + Fraction(2800, 2965) + Fraction(9, 10))
    assert str(result.total) == "98.59"
    assert dict(result.outcome) == {
        "on_schedule": False,
        "behind": BEHIND,
        "funding_cut": True,
        "accountability": False,
    }
    not_due = [cid for cid, c in result.components.items() if c.status == "not_due"]
    assert not_due == [
        "village_doctors_qualified",
        "township_gps",
        "general_practitioners_added",
        "overcharge_rule",  # done on time in 2015: not due after its deadline year
    ]
    clinics = result.components["village_clinics"]
    assert (clinics.details["required"], clinics.details["attained"]) == (2965, 2800)
    # 100/11 × 2800/2965 = 8.585… → 8.59 published, exact kept
    assert clinics.exact_points == Fraction(100, 11) * Fraction(2800, 2965)
    assert str(clinics.points) == "8.59"
    assert result.components["county_doctors_dispatched"].exact_points == Fraction(900, 110)
    data = result.to_dict("zh")
    assert data["outcome"]["behind"] == BEHIND
    assert data["components"]["village_clinics"]["status"] == "behind"
    assert data["components"]["village_clinics"]["explanation"].startswith(
        "贫困村标准化村卫生室建设:2016年底应累计完成 2965,实际 2800:未达标:20/3 × 2800/2965"
    )


def test_worked_example_batch(gansu: Scheme) -> None:
    rows = [WORKED, {**WORKED, "entity_id": "again"}]
    batch = gansu.score_batch(columns(rows))
    assert batch.total.tolist() == [98.59, 98.59]
    assert batch.outcomes["behind"].tolist() == [BEHIND, BEHIND]
    assert batch.outcomes["funding_cut"].tolist() == [True, True]
    assert batch.outcomes["accountability"].tolist() == [False, False]
    assert batch.outcomes["on_schedule"].tolist() == [False, False]
    assert batch.component_status["overcharge_rule"].tolist() == ["not_due", "not_due"]


def test_a_total_of_exactly_x_xx5_with_eleven_targets_rounds_up(gansu: Scheme) -> None:
    # clinics met, county doctors 5400/6000 = 0.9, inpatient uplift 4.72175/5 = 0.94435:
    # 100/11 × (9 + 0.9 + 0.94435) = 100/11 × 10.84435 = 98.585 exactly → 98.59
    record = {
        **WORKED,
        "village_clinics_built": 2965,
        "inpatient_reimbursement_uplift_pp": "4.72175",
    }
    result = gansu.score(record)
    assert result.exact_total == Fraction(98585, 1000)
    assert str(result.total) == "98.59"
    assert gansu.score_batch(columns([record])).total.tolist() == [98.59]


def test_a_total_of_exactly_x_xx5_with_eight_targets_rounds_up(gansu: Scheme) -> None:
    # 2015: 8 due (12.5 each). senior 2950/3000, county 5800/6000, support 960/1000:
    # 12.5 × (5 + 59/60 + 29/30 + 24/25) = 12.5 × 7.91 = 98.875 → 98.88
    record = {
        "year": 2015,
        "village_clinics_built": 2450,
        "technicians_added_since_2015": 430,
        "specialty_counties_done": 20,
        "senior_doctors_dispatched": 2950,
        "county_doctors_dispatched": 5800,
        "support_doctors": 960,
        "inpatient_reimbursement_uplift_pp": 5,
        "overcharge_rule_issued_on": "2015-06-20",
    }
    result = gansu.score(record)
    assert result.exact_total == Fraction(98875, 1000)
    assert str(result.total) == "98.88"
    assert gansu.score_batch(columns([record])).total.tolist() == [98.88]


@pytest.mark.parametrize("year", [2014, 2026])
def test_a_year_outside_the_plan_is_an_error(gansu: Scheme, year: int) -> None:
    with pytest.raises(InvalidInputError) as caught:
        gansu.score({**WORKED, "year": year})
    problems = [(p.entity, p.field, p.value, p.rule) for p in caught.value.problems]
    assert problems == [("gansu", "year", year, "must be within [2015, 2025]")]


def test_a_due_target_without_its_figure_is_an_error(gansu: Scheme) -> None:
    record = {**WORKED, "year": 2017, "gps_per_township": 3, "general_practitioners_added": 1000}
    # village_doctors_qualified_share is due from 2017 and missing
    with pytest.raises(InvalidInputError) as caught:
        gansu.score(record)
    (problem,) = caught.value.problems
    assert problem.field == "village_doctors_qualified_share"
    assert problem.rule == (
        "is required: target village_doctors_qualified (村医具备执业资格) is due in 2017 "
        "(required 1)"
    )
    with pytest.raises(InvalidInputError) as batch_caught:
        gansu.score_batch(columns([record]))
    assert [p.field for p in batch_caught.value.problems] == ["village_doctors_qualified_share"]


def test_the_rule_milestone_in_the_plan(gansu: Scheme) -> None:
    year_2015 = {
        "year": 2015,
        "village_clinics_built": 2400,
        "technicians_added_since_2015": 400,
        "specialty_counties_done": 20,
        "senior_doctors_dispatched": 3000,
        "county_doctors_dispatched": 6000,
        "support_doctors": 1000,
        "inpatient_reimbursement_uplift_pp": 5,
    }
    on_the_day = gansu.score({**year_2015, "overcharge_rule_issued_on": "2015-06-30"})
    assert on_the_day.components["overcharge_rule"].status == "met"
    assert str(on_the_day.total) == "100.00"
    late = gansu.score({**year_2015, "overcharge_rule_issued_on": "2015-07-01"})
    # 7 of 8 met: 87.5
    assert late.components["overcharge_rule"].status == "behind"
    assert str(late.total) == "87.50"
    assert late.outcome["behind"] == ["overcharge_rule"]
    with pytest.raises(InvalidInputError, match="overcharge_rule_issued_on"):
        gansu.score(year_2015)
    # 2016 without a date: not done, behind, 0 points; 12 due:
    # 100/12 × (9 + 2800/2965 + 0.9 + 0) = 90.3695… → 90.37
    not_done = gansu.score({**WORKED, "overcharge_rule_issued_on": None})
    assert not_done.components["overcharge_rule"].status == "behind"
    assert str(not_done.total) == "90.37"
    assert not_done.outcome["behind"] == [*BEHIND, "overcharge_rule"]
    # done late in 2016: not due in 2016, the year it was done
    done = gansu.score({**WORKED, "overcharge_rule_issued_on": "2016-11-02"})
    assert done.components["overcharge_rule"].status == "not_due"
    assert str(done.total) == "98.59"


def test_about_tolerance_of_ten_percent(gansu: Scheme) -> None:
    tolerant = gansu.with_params(about_tolerance="0.1")
    result = tolerant.score(WORKED)
    # county doctors 5400 of "about 6000": 6000 × 0.9 = 5400 required → met
    assert result.components["county_doctors_dispatched"].status == "met"
    assert result.components["county_doctors_dispatched"].details["required"] == 5400
    # 100/11 × (10 + 2800/2965) = 99.494… → 99.49
    assert str(result.total) == "99.49"
    assert result.outcome["behind"] == ["village_clinics"]
    # the tolerance applies to "about" targets only: free medical students stay at 500
    short = tolerant.score({**WORKED, "free_medical_students": 499})
    assert short.components["free_medical_students"].status == "behind"
    batch = tolerant.score_batch(columns([WORKED]))
    assert batch.component_status["county_doctors_dispatched"].tolist() == ["met"]
    assert batch.total.tolist() == [99.49]


def test_accountability_from_substandard_projects(gansu: Scheme) -> None:
    record: dict[str, Any] = {**WORKED, "village_clinics_built": 2965}
    assert gansu.score(record).outcome["accountability"] is False
    assert (
        gansu.score({**record, "substandard_clinic_projects": 0}).outcome["accountability"] is False
    )
    flagged = gansu.score({**record, "substandard_clinic_projects": 2}).outcome
    assert flagged["accountability"] is True
    assert flagged["funding_cut"] is False  # clinics finished on schedule


def test_after_the_last_clinic_checkpoint_the_final_value_stays_due(gansu: Scheme) -> None:
    record = {
        "year": 2025,
        "village_clinics_built": 2964,
        "village_doctor_subsidy": 400,
        "village_doctors_qualified_share": 1,
        "gps_per_township": 5,
        "general_practitioners_added": 2000,
        "technicians_added_since_2015": 2400,
        "specialty_counties_done": 75,
        "senior_doctors_dispatched": 3000,
        "county_doctors_dispatched": 6000,
        "support_doctors": 1000,
        "inpatient_reimbursement_uplift_pp": 5,
        "critical_illness_deductible": 3000,
        "critical_illness_uplift_pp": 3,
        "free_medical_students": 500,
        "overcharge_rule_issued_on": "2015-06-20",
    }
    result = gansu.score(record)
    assert result.components["village_clinics"].details["required"] == 2965
    assert result.outcome["funding_cut"] is True
    # 14 due: 100/14 × (13 + 2964/2965) = 99.99759… → 100.00
    assert str(result.total) == "100.00"
    assert result.outcome["on_schedule"] is False
