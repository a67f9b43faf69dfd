"""``health.county``: quotas per county, and county rows rolled up into provincial figures."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme, Text
from assesskit.pipeline import score_records
from assesskit.targets import plan_scheme, sum_member_figures
from assesskit_health import GANSU_TARGETS
from assesskit_health.gansu import GANSU_YEARS
from health_cases import WORKED, columns, read_rows

#: Three counties of one province in 2016: their figures add up to the worked example's
#: cumulative and annual figures (clinics 2800, technicians 850, specialties 40,
#: senior 3100, county doctors 5400, support 1000, medical students 520).
COUNTIES: list[dict[str, Any]] = [
    {
        "entity_id": "a",
        "parent_id": "gansu",
        "year": 2016,
        "village_clinics_required": 1000,
        "village_clinics_actual": 1000,
        "health_technicians_required": 300,
        "health_technicians_actual": 300,
        "key_specialties_required": 15,
        "key_specialties_actual": 15,
        "senior_doctors_dispatched_required": 1000,
        "senior_doctors_dispatched_actual": 1000,
        "county_doctors_dispatched_required": 2000,
        "county_doctors_dispatched_actual": 2000,
        "support_doctors_required": 300,
        "support_doctors_actual": 300,
        "free_medical_students_required": 170,
        "free_medical_students_actual": 170,
    },
    {
        "entity_id": "b",
        "parent_id": "gansu",
        "year": 2016,
        "village_clinics_required": 1000,
        "village_clinics_actual": 900,
        "health_technicians_required": 250,
        "health_technicians_actual": 250,
        "key_specialties_required": 12,
        "key_specialties_actual": 12,
        "senior_doctors_dispatched_required": 1000,
        "senior_doctors_dispatched_actual": 1050,
        "county_doctors_dispatched_required": 2000,
        "county_doctors_dispatched_actual": 1700,
        "support_doctors_required": 350,
        "support_doctors_actual": 350,
        "free_medical_students_required": 165,
        "free_medical_students_actual": 180,
    },
    {
        "entity_id": "c",
        "parent_id": "gansu",
        "year": 2016,
        "village_clinics_required": 965,
        "village_clinics_actual": 900,
        "health_technicians_required": 250,
        "health_technicians_actual": 300,
        "key_specialties_required": 13,
        "key_specialties_actual": 13,
        "senior_doctors_dispatched_required": 1000,
        "senior_doctors_dispatched_actual": 1050,
        "county_doctors_dispatched_required": 2000,
        "county_doctors_dispatched_actual": 1700,
        "support_doctors_required": 350,
        "support_doctors_actual": 350,
        "free_medical_students_required": 165,
        "free_medical_students_actual": 170,
        "substandard_clinic_projects": 1,
    },
]


def test_a_county_against_its_quotas(county: Scheme) -> None:
    result = county.score(COUNTIES[1])
    # 7 due, 100/7 each: clinics 900/1000, county doctors 1700/2000, the rest met:
    # 100/7 × (5 + 0.9 + 0.85) = 96.428… → 96.43
    assert str(result.total) == "96.43"
    assert dict(result.outcome) == {
        "on_schedule": False,
        "behind": ["village_clinics", "county_doctors_dispatched"],
        "funding_cut": True,
        "accountability": False,
    }
    assert result.components["village_clinics"].details == {"required": 1000, "attained": 900}
    assert result.components["overcharge_rule"].status == "not_due"  # neither input given
    third = county.score(COUNTIES[2])
    assert third.outcome["accountability"] is True


def test_a_quota_without_its_actual_figure_is_an_error(county: Scheme) -> None:
    record = {**COUNTIES[0], "support_doctors_actual": None}
    with pytest.raises(InvalidInputError) as caught:
        county.score(record)
    (problem,) = caught.value.problems
    assert (problem.entity, problem.field) == ("a", "support_doctors_actual")
    assert problem.rule.startswith("is required when support_doctors_required is given")


def test_county_rows_roll_up_into_the_provincial_scheme(gansu: Scheme) -> None:
    (province,) = sum_member_figures(COUNTIES, GANSU_TARGETS)
    assert province == {
        "entity_id": "gansu",
        "year": 2016,
        "village_clinics_built": 2800,
        "technicians_added_since_2015": 850,
        "specialty_counties_done": 40,
        "senior_doctors_dispatched": 3100,
        "county_doctors_dispatched": 5400,
        "support_doctors": 1000,
        "free_medical_students": 520,
    }
    # a province-level scheme built from the same table, summable targets only: in 2016
    # seven are due (general_practitioners_added starts in 2017), 100/7 each:
    # 100/7 × (5 + 2800/2965 + 5400/6000) = 97.7764… → 97.78
    summable = plan_scheme(
        "test.gansu-summable",
        Text("Gansu, summable targets"),
        [t for t in GANSU_TARGETS if t.summable],
        GANSU_YEARS,
    )
    result = summable.score(province)
    assert result.exact_total == Fraction(100, 7) * (5 + Fraction(2800, 2965) + Fraction(9, 10))
    assert str(result.total) == "97.78"
    assert result.outcome["behind"] == ["village_clinics", "county_doctors_dispatched"]
    assert result.outcome["funding_cut"] is True
    # with the province's own figures for the other targets: the worked example
    provincial_only = {k: v for k, v in WORKED.items() if k not in province}
    full = gansu.score({**province, **provincial_only})
    assert str(full.total) == "98.59"
    assert full.outcome["behind"] == ["village_clinics", "county_doctors_dispatched"]


def test_the_example_counties_sum_per_prefecture() -> None:
    figures = {
        f["entity_id"]: f for f in sum_member_figures(read_rows("counties.csv"), GANSU_TARGETS)
    }
    assert sorted(figures) == ["gansu.dingxi", "gansu.linxia", "gansu.pingliang"]
    pingliang = figures["gansu.pingliang"]
    # 38 + 42 + 36 + 22 + 28 + 58 + 62 = 286 clinics; specialties: 崆峒 gave none,
    # the other six 2 each = 12
    assert pingliang["village_clinics_built"] == 286
    assert pingliang["specialty_counties_done"] == 12
    assert figures["gansu.linxia"]["free_medical_students"] == 14 + 7


def test_scoring_counties_through_the_pipeline(county: Scheme) -> None:
    run = score_records(county, COUNTIES)
    # a: everything met; b: 96.43 (above); c: clinics 900/965, county doctors 1700/2000,
    # the rest met: 100/7 × (5 + 900/965 + 0.85) = 96.8949… → 96.89
    assert [str(r.total) for r in run.results] == ["100.00", "96.43", "96.89"]
    assert [r.outcome["accountability"] for r in run.results] == [False, False, True]
    batch = county.score_batch(columns(COUNTIES))
    assert batch.total.tolist() == [100.0, 96.43, 96.89]
