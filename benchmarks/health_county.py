"""Generated county-quota records for ``health.county`` (issue 14's target benchmark).

One row per county and year with a quota and a figure for each numeric
target of the Gansu table: most quotas given (a target without one is not
due and the others are rescaled to 100), figures around their quotas, some
met and some behind, written with the decimals of their kind. Quotas are
round numbers, as real quotas are, so a share of the rows end exactly on a
half-hundredth (x.xx5) and a few figures lie within a hair of their quota.
The milestone's date columns are left out (a target without its quota is
not due).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: (target id, decimals of its figures, typical quota, upper limit of a value)
TARGETS: tuple[tuple[str, int, float, float], ...] = (
    ("village_clinics", 0, 120.0, 1e6),
    ("village_doctor_subsidy", 2, 400.0, 1e6),
    ("village_doctors_qualified", 3, 1.0, 1.0),
    ("township_gps", 1, 3.0, 1e6),
    ("general_practitioners_added", 0, 40.0, 1e6),
    ("health_technicians", 0, 25.0, 1e6),
    ("key_specialties", 0, 2.0, 1e6),
    ("senior_doctors_dispatched", 0, 100.0, 1e6),
    ("county_doctors_dispatched", 0, 200.0, 1e6),
    ("support_doctors", 0, 40.0, 1e6),
    ("inpatient_reimbursement_uplift", 1, 5.0, 1e6),
    ("critical_illness_deductible", 2, 3000.0, 1e6),
    ("critical_illness_uplift", 1, 3.0, 1e6),
    ("free_medical_students", 0, 20.0, 1e6),
)


def generate(size: int, seed: int = 20261203) -> dict[str, FloatArray]:
    """*size* county-years as float64 columns (NaN where a target has no quota)."""
    rng = np.random.default_rng(seed)
    out: dict[str, FloatArray] = {"year": rng.integers(2015, 2026, size).astype(np.float64)}
    for target, places, typical, limit in TARGETS:
        scale = 10.0**places
        # round quotas: multiples of a tenth of the typical quota (at least one unit)
        step = max(1.0, np.floor(typical * scale / 10.0))
        required = rng.integers(5, 16, size) * step
        met = rng.random(size) < 0.6
        short = np.floor(required * rng.uniform(0.5, 1.0, size))
        over = np.floor(required * rng.uniform(1.0, 1.3, size))
        actual = np.where(met, over, short)
        if target == "critical_illness_deductible":  # at most: met when below the quota
            actual = np.where(met, np.floor(required * rng.uniform(0.7, 1.0, size)), over + 1)
        actual = np.minimum(actual, limit * scale)
        required = np.minimum(required, limit * scale)
        given = rng.random(size) < 0.8
        out[f"{target}_required"] = np.where(given, required / scale, np.nan)
        out[f"{target}_actual"] = np.where(given, actual / scale, np.nan)
    return out
