#!/usr/bin/env python3
"""Generate the example input files of the ``health`` schemes, beside this script.

Deterministic (no random choice): the figures are
written by hand in the tables below. Running the script twice writes
byte-identical files.

    python plugins/assesskit-health/examples/generate.py [OUTPUT_DIR]

The files go beside this script unless another directory is given (the
plugin's tests regenerate them into a scratch directory and compare).

Field names are exactly the input names of the team's scheme spec
``shared/specs/health.md`` (see ``../SPEC.md``). The edge rows are listed in
``README.md`` here.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from assesskit.examples import generate_main, plain, write_csv

HERE = Path(__file__).resolve().parent

D = Decimal
RATIO_Q = D("0.0001")


# --------------------------------------------------------------------------
# formatting helpers: every number is written from a Decimal, never a float
# --------------------------------------------------------------------------


def ratio(value) -> str:
    """A ratio as a fraction with at most 4 decimals."""
    d = D(str(value)).quantize(RATIO_Q, rounding=ROUND_HALF_UP)
    assert D(0) <= d <= D(1), value
    return plain(d)


# --------------------------------------------------------------------------
# health: Gansu province, twelve counties, Pingliang city
# --------------------------------------------------------------------------

GANSU_HEADER = [
    "entity_id",
    "name",
    "year",
    "village_clinics_built",
    "village_doctor_subsidy",
    "village_doctors_qualified_share",
    "gps_per_township",
    "general_practitioners_added",
    "technicians_added_since_2015",
    "specialty_counties_done",
    "senior_doctors_dispatched",
    "county_doctors_dispatched",
    "support_doctors",
    "inpatient_reimbursement_uplift_pp",
    "critical_illness_deductible",
    "critical_illness_uplift_pp",
    "free_medical_students",
    "overcharge_rule_issued_on",
    "substandard_clinic_projects",
]

OVERCHARGE_RULE = datetime.date(2015, 6, 20).isoformat()

# Cumulative inputs are running totals; empty = target not yet due that year.
GANSU_YEARS = {
    2015: {
        "village_clinics_built": 2450,
        "village_doctor_subsidy": 200,
        "village_doctors_qualified_share": "",
        "gps_per_township": "",
        "general_practitioners_added": "",
        "technicians_added_since_2015": 430,
        "specialty_counties_done": 20,
        "senior_doctors_dispatched": 2950,
        "county_doctors_dispatched": 5800,
        "support_doctors": 960,
        "inpatient_reimbursement_uplift_pp": 5,
        "critical_illness_deductible": 5000,
        "critical_illness_uplift_pp": "",
        "free_medical_students": "",
        "substandard_clinic_projects": 0,
    },
    # the spec's worked example (98.59)
    2016: {
        "village_clinics_built": 2800,
        "village_doctor_subsidy": 400,
        "village_doctors_qualified_share": "",
        "gps_per_township": "",
        "general_practitioners_added": "",
        "technicians_added_since_2015": 850,
        "specialty_counties_done": 40,
        "senior_doctors_dispatched": 3100,
        "county_doctors_dispatched": 5400,
        "support_doctors": 1000,
        "inpatient_reimbursement_uplift_pp": 5,
        "critical_illness_deductible": 3000,
        "critical_illness_uplift_pp": "3.5",
        "free_medical_students": 520,
        "substandard_clinic_projects": 0,
    },
    2017: {
        "village_clinics_built": 2965,
        "village_doctor_subsidy": 400,
        "village_doctors_qualified_share": "0.963",
        "gps_per_township": "3.2",
        "general_practitioners_added": 1040,
        "technicians_added_since_2015": 1260,
        "specialty_counties_done": 58,
        "senior_doctors_dispatched": 3240,
        "county_doctors_dispatched": 6120,
        "support_doctors": 1050,
        "inpatient_reimbursement_uplift_pp": 6,
        "critical_illness_deductible": 3000,
        "critical_illness_uplift_pp": 4,
        "free_medical_students": 505,
        "substandard_clinic_projects": 2,
    },
    2018: {
        "village_clinics_built": 2965,
        "village_doctor_subsidy": 400,
        "village_doctors_qualified_share": "1",
        "gps_per_township": "3.6",
        "general_practitioners_added": 1420,
        "technicians_added_since_2015": 1580,
        "specialty_counties_done": 76,
        "senior_doctors_dispatched": 3180,
        "county_doctors_dispatched": 6300,
        "support_doctors": 1100,
        "inpatient_reimbursement_uplift_pp": 6,
        "critical_illness_deductible": 3000,
        "critical_illness_uplift_pp": 4,
        "free_medical_students": 498,
        "substandard_clinic_projects": 0,
    },
}

COUNTY_TARGETS = (
    "village_clinics",
    "health_technicians",
    "key_specialties",
    "senior_doctors_dispatched",
    "county_doctors_dispatched",
    "support_doctors",
    "free_medical_students",
)

# entity_id, name, then (required, actual) per target in COUNTY_TARGETS order
# (None = no quota that year, both inputs empty), substandard clinic projects
GANSU_COUNTIES = [
    (
        "gansu.pingliang.kongtong",
        "崆峒区",
        [(38, 38), (16, 17), None, (55, 58), (110, 112), (18, 18), (9, 9)],
        0,
    ),
    (
        "gansu.pingliang.jingchuan",
        "泾川县",
        [(42, 42), (14, 14), (2, 2), (50, 52), (105, 108), (16, 17), (8, 8)],
        0,
    ),
    (
        "gansu.pingliang.lingtai",
        "灵台县",
        [(36, 36), (12, 13), (2, 2), (45, 45), (95, 96), (15, 15), (7, 8)],
        0,
    ),
    (
        "gansu.pingliang.chongxin",
        "崇信县",
        [(22, 22), (8, 8), (2, 2), (30, 31), (60, 62), (10, 10), (5, 5)],
        0,
    ),
    (
        "gansu.pingliang.huating",
        "华亭县",
        [(28, 28), (10, 11), (2, 2), (35, 36), (70, 72), (12, 12), (6, 6)],
        0,
    ),
    (
        "gansu.pingliang.zhuanglang",
        "庄浪县",
        [(58, 58), (18, 18), (2, 2), (60, 61), (125, 125), (20, 20), (11, 11)],
        0,
    ),
    (
        "gansu.pingliang.jingning",
        "静宁县",
        [(62, 62), (20, 21), (2, 2), (65, 66), (130, 131), (21, 21), (12, 12)],
        0,
    ),
    (
        "gansu.dingxi.tongwei",
        "通渭县",
        [(66, 66), (20, 20), (2, 2), (62, 64), (130, 104), (22, 22), (12, 12)],
        0,
    ),
    (
        "gansu.dingxi.weiyuan",
        "渭源县",
        [(48, 48), (15, 15), (2, 2), (50, 50), (100, 103), (17, 17), (9, 9)],
        0,
    ),
    (
        "gansu.dingxi.minxian",
        "岷县",
        [(70, 70), (22, 23), (2, 2), (68, 70), (140, 141), (24, 24), (13, 13)],
        1,
    ),
    (
        "gansu.linxia.dongxiang",
        "东乡族自治县",
        [(75, 61), (24, 19), (2, 1), (70, 72), (145, 146), (25, 25), (14, 14)],
        0,
    ),
    (
        "gansu.linxia.jishishan",
        "积石山保安族东乡族撒拉族自治县",
        [(52, 52), (16, 16), (2, 2), (48, 49), (98, 100), (16, 16), (9, 7)],
        0,
    ),
]

PINGLIANG_HEADER = [
    "entity_id",
    "name",
    "parent_id",
    "year",
    "new_village_clinics_built",
    "clinic_coverage_share",
    "township_annexes_built",
    "staff_dormitories_built",
    "mch_hospitals_built",
    "icu_nicu_specialties_done",
    "ncms_subsidy_per_person",
    "ncms_participation_share",
    "senior_doctors_dispatched",
    "county_doctors_dispatched",
    "min_gps_per_township",
    "gps_per_township",
    "village_doctors_qualified_share",
    "village_doctor_subsidy",
    "critical_illness_deductible",
    "critical_illness_uplift_pp",
    "chronic_diseases_covered",
    "major_diseases_covered",
    "staff_trained",
    "external_training",
    "talents_recruited",
    "latrine_uplift_pp",
    "within_county_treatment_share",
    "toolkit_training_share",
    "fp_disability_subsidy",
    "fp_bereaved_subsidy",
]

# columns in PINGLIANG_HEADER order from new_village_clinics_built on
PINGLIANG_YEARS = {
    2015: [
        270,
        "0.92",
        14,
        13,
        1,
        4,
        380,
        "0.985",
        152,
        715,
        1,
        "1.6",
        "",
        200,
        5000,
        "",
        33,
        50,
        8350,
        612,
        305,
        "5.5",
        "0.884",
        "0.96",
        300,
        500,
    ],
    2016: [
        284,
        "1",
        14,
        15,
        2,
        4,
        420,
        "0.992",
        148,
        702,
        2,
        "2.4",
        "0.88",
        400,
        3000,
        3,
        35,
        50,
        8120,
        640,
        287,
        6,
        "0.905",
        "1",
        300,
        500,
    ],
    2017: [
        284,
        "1",
        14,
        15,
        2,
        4,
        450,
        "0.996",
        161,
        730,
        2,
        "3.1",
        "0.97",
        400,
        3000,
        "3.5",
        40,
        54,
        7900,
        655,
        320,
        "6.2",
        "0.912",
        "1",
        350,
        500,
    ],
}


def gen_health(out: Path) -> dict[str, int]:
    counts = {}
    rows = []
    for year, values in GANSU_YEARS.items():
        row = {"entity_id": "gansu", "name": "甘肃省", "year": str(year)}
        for k, v in values.items():
            if k.endswith("_share") and v != "":
                v = ratio(v)
            row[k] = str(v)
        row["overcharge_rule_issued_on"] = OVERCHARGE_RULE
        rows.append(row)
    counts["gansu-province.csv"] = write_csv(out / "gansu-province.csv", GANSU_HEADER, rows)

    header = ["entity_id", "name", "parent_id", "year"]
    for t in COUNTY_TARGETS:
        header += [f"{t}_required", f"{t}_actual"]
    header.append("substandard_clinic_projects")
    rows = []
    for eid, name, pairs, substandard in GANSU_COUNTIES:
        row = {"entity_id": eid, "name": name, "parent_id": eid.rsplit(".", 1)[0], "year": "2016"}
        for t, pair in zip(COUNTY_TARGETS, pairs, strict=False):
            req, act = pair if pair else ("", "")
            row[f"{t}_required"] = str(req)
            row[f"{t}_actual"] = str(act)
        row["substandard_clinic_projects"] = str(substandard)
        rows.append(row)
    counts["counties.csv"] = write_csv(out / "counties.csv", header, rows)

    rows = []
    for year, values in PINGLIANG_YEARS.items():
        row = {
            "entity_id": "gansu.pingliang",
            "name": "平凉市",
            "parent_id": "gansu",
            "year": str(year),
        }
        for k, v in zip(PINGLIANG_HEADER[4:], values, strict=True):
            if k.endswith("_share") and v != "":
                v = ratio(v)
            row[k] = str(v)
        rows.append(row)
    counts["pingliang-city.csv"] = write_csv(out / "pingliang-city.csv", PINGLIANG_HEADER, rows)
    return counts


FILE_SCHEMES = {
    "gansu-province.csv": "health.gansu-province",
    "counties.csv": "health.county",
    "pingliang-city.csv": "health.pingliang-city",
}


def main() -> None:
    # each file is checked by the scheme it is for: its domains and constraints decide
    generate_main(gen_health, FILE_SCHEMES, HERE)


if __name__ == "__main__":
    main()
