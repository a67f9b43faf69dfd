"""``health.pingliang-city``: the city plan, 2015–2020, no consequences."""

from __future__ import annotations

from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme
from health_cases import columns

#: Pingliang in 2016, every target due that year met.
MET_2016: dict[str, Any] = {
    "entity_id": "gansu.pingliang",
    "year": 2016,
    "new_village_clinics_built": 270,
    "clinic_coverage_share": 1,
    "township_annexes_built": 14,
    "staff_dormitories_built": 15,
    "mch_hospitals_built": 2,
    "icu_nicu_specialties_done": 4,
    "ncms_subsidy_per_person": 380,
    "ncms_participation_share": "98%",
    "senior_doctors_dispatched": 150,
    "county_doctors_dispatched": 700,
    "min_gps_per_township": 2,
    "village_doctor_subsidy": 400,
    "critical_illness_deductible": 3000,
    "critical_illness_uplift_pp": 3,
    "chronic_diseases_covered": 33,
    "major_diseases_covered": 50,
    "staff_trained": 8000,
    "external_training": 600,
    "talents_recruited": 300,
    "latrine_uplift_pp": 5,
    "within_county_treatment_share": "0.9",
    "toolkit_training_share": 1,
    "fp_disability_subsidy": 300,
    "fp_bereaved_subsidy": 500,
}


def test_everything_due_met_in_2016(pingliang: Scheme) -> None:
    result = pingliang.score(MET_2016)
    assert str(result.total) == "100.00"
    assert dict(result.outcome) == {"on_schedule": True, "behind": []}
    # township_gps and village_doctors_qualified start in 2017
    not_due = [cid for cid, c in result.components.items() if c.status == "not_due"]
    assert not_due == ["township_gps", "village_doctors_qualified"]


def test_shares_and_floors_behind(pingliang: Scheme) -> None:
    record = {**MET_2016, "ncms_participation_share": "0.9799", "min_gps_per_township": 1}
    result = pingliang.score(record)
    # 24 due, 100/24 each: 22 met + 0.9799/0.98 + 1/2
    # = 100/24 × 23.4998979… = 97.9162… → 97.92
    assert str(result.total) == "97.92"
    assert result.outcome["behind"] == ["ncms_participation", "min_gps_per_township"]
    assert pingliang.score_batch(columns([record])).total.tolist() == [97.92]


@pytest.mark.parametrize("year", [2014, 2021])
def test_a_year_outside_the_plan_is_an_error(pingliang: Scheme, year: int) -> None:
    with pytest.raises(InvalidInputError) as caught:
        pingliang.score({**MET_2016, "year": year})
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        ("year", "must be within [2015, 2020]")
    ]


def test_the_annual_targets_end_with_the_plan(pingliang: Scheme) -> None:
    record = {
        **MET_2016,
        "year": 2020,
        "gps_per_township": 5,
        "village_doctors_qualified_share": 1,
        "staff_trained": 7999,
    }
    result = pingliang.score(record)
    assert result.components["staff_trained"].status == "behind"
    assert result.components["township_gps"].details["required"] == 5  # the 2020 checkpoint
