"""Shared data of the health plugin's tests: ids, the worked example, example files."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

SCHEME_IDS = ("health.gansu-province", "health.pingliang-city", "health.county")

#: The plugin's ``examples/`` (the bundled input files).
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

#: The spec's worked example: Gansu in 2016.
WORKED: dict[str, Any] = {
    "entity_id": "gansu",
    "year": 2016,
    "village_clinics_built": 2800,
    "village_doctor_subsidy": 400,
    "technicians_added_since_2015": 850,
    "specialty_counties_done": 40,
    "senior_doctors_dispatched": 3100,
    "county_doctors_dispatched": 5400,
    "support_doctors": 1000,
    "inpatient_reimbursement_uplift_pp": 5,
    "critical_illness_deductible": 3000,
    "critical_illness_uplift_pp": 3.5,
    "free_medical_students": 520,
    "overcharge_rule_issued_on": "2015-06-20",
}


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of ``examples/<name>``, every value a string."""
    with (EXAMPLES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Rows → columns (a key missing from a row is ``None``)."""
    names = list(dict.fromkeys(k for row in rows for k in row))
    return {name: [row.get(name) for row in rows] for name in names}
