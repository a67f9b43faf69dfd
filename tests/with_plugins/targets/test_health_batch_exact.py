"""The health schemes' targets on the batch path: exact, vectorised, no row re-scored.

``health.county`` has 15 targets of weight 1, each measured against a quota
given per record; the targets without a quota take no part and the others
are rescaled to 100. Every total is then a sum of 2–15 fractions with a
denominator of their own per row. These tests give the batch path real
half-up ties (x.xx5 exactly) and figures within a hair of their
requirement, check every published value against the exact path, and check
that no row needed the per-record exact path (``exact_rows == 0``).
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assesskit import Scheme, get_scheme
from assesskit.results import BatchResult

#: The numeric targets of health.county, with the decimals their figures may carry.
COUNTS = (
    "village_clinics",
    "general_practitioners_added",
    "health_technicians",
    "key_specialties",
    "senior_doctors_dispatched",
    "county_doctors_dispatched",
    "support_doctors",
    "free_medical_students",
)
DECIMALS = {
    **dict.fromkeys(COUNTS, 0),
    "village_doctor_subsidy": 2,
    "township_gps": 1,
    "inpatient_reimbursement_uplift": 1,
    "critical_illness_deductible": 2,  # at most
    "critical_illness_uplift": 1,
}


@pytest.fixture(scope="module")
def county() -> Scheme:
    return get_scheme("health.county")


def as_columns(scheme: Scheme, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows as float64 columns (NaN for a value not given), the milestone's dates left out."""
    names = [m.name for m in scheme.metrics if m.kind.value != "date"]
    return {
        name: np.array([math.nan if r.get(name) is None else float(r[name]) for r in rows])
        for name in names
    }


def check_equal(scheme: Scheme, rows: list[dict[str, Any]], batch: BatchResult) -> None:
    """Every total, component's points and status of *batch* is the exact path's."""
    for index, row in enumerate(rows):
        exact = scheme.score({k: v for k, v in row.items() if v is not None})
        got = batch.total[index]
        assert Decimal(repr(float(got))) == exact.total, (row, got, exact.total)
        for cid, component in exact.components.items():
            assert batch.component_status[cid][index] == component.status, (cid, row)
            points = batch.components[cid][index]
            if component.points is None:
                assert math.isnan(points), (cid, row)
            else:
                assert Decimal(repr(float(points))) == component.points, (cid, row)


def tie_rows(due: int, figures: range) -> list[dict[str, Any]]:
    """*due* targets due, all met but ``village_clinics``, whose figure makes the total x.xx5.

    Each of the *due* targets weighs ``100 / due``; with the clinics' quota
    ``q = 20000 / due``, the clinics give ``(100 / due) × f / q = f / 200``,
    a half-hundredth for every odd figure ``f``.
    """
    quota = 20000 // due
    assert quota * due == 20000
    others = [t for t in DECIMALS if t != "village_clinics"][: due - 1]
    rows = []
    for figure in figures:
        row: dict[str, Any] = {"year": 2016}
        row["village_clinics_required"] = quota
        row["village_clinics_actual"] = figure
        for target in others:
            row[f"{target}_required"] = 4
            # met: at most 4 for the deductible, at least 4 for the others
            row[f"{target}_actual"] = 3 if target == "critical_illness_deductible" else 5
        rows.append(row)
    return rows


@pytest.mark.parametrize("due", [2, 4, 5, 8, 10])
def test_real_half_hundredths_are_rounded_up_without_rescoring(county: Scheme, due: int) -> None:
    rows = tie_rows(due, range(1, 20000 // due, 7))
    batch = county.score_batch(as_columns(county, rows))
    assert batch.exact_rows == 0
    for row, total in zip(rows, batch.total, strict=True):
        exact = 100 - Fraction(100, due) + Fraction(row["village_clinics_actual"], 200)
        half_up = math.floor(exact * 100 + Fraction(1, 2))
        assert Decimal(repr(float(total))) == Decimal(half_up) / 100
    ties = [r for r in rows if r["village_clinics_actual"] % 2 == 1]
    assert ties  # real ties: 87.5 + 1/200 = 87.505 → 87.51 (8 due)
    check_equal(county, rows[:40], batch)


def test_the_worked_tie(county: Scheme) -> None:
    # 8 due, clinics 1/2500 of their quota: 87.5 + 12.5 / 2500 = 87.505 → 87.51,
    # and the clinics' own points 0.005 → 0.01
    rows = tie_rows(8, range(1, 2))
    batch = county.score_batch(as_columns(county, rows))
    assert batch.total.tolist() == [87.51]
    assert batch.components["village_clinics"].tolist() == [0.01]
    assert batch.exact_rows == 0


@pytest.mark.parametrize(
    ("required", "actual", "status"),
    [
        ("2965", "2964.9999999", "behind"),
        ("2965", "2965.0000001", "met"),
        ("2965", "2965", "met"),
        ("3", "2.9999999999", "behind"),
    ],
)
def test_a_figure_within_a_hair_of_its_quota_is_judged_exactly(
    county: Scheme, required: str, actual: str, status: str
) -> None:
    row: dict[str, Any] = {
        "year": 2017,
        "township_gps_required": float(required),
        "township_gps_actual": float(actual),
        "village_clinics_required": 100,
        "village_clinics_actual": 30,
    }
    batch = county.score_batch(as_columns(county, [row] * 3))
    assert batch.exact_rows == 0
    assert batch.component_status["township_gps"].tolist() == [status] * 3
    check_equal(county, [row], batch)


def test_about_targets_against_their_tolerance(county: Scheme) -> None:
    # "about" 3000 with a tolerance of 1%: 2970 meets it, a hair below does not
    scheme = county.with_params(about_tolerance="0.01")
    rows = [
        {
            "year": 2018,
            "senior_doctors_dispatched_required": 3000,
            "senior_doctors_dispatched_actual": figure,
            "support_doctors_required": 1000,
            "support_doctors_actual": 333,
        }
        for figure in (2970, 2969, 2971, 1485)
    ]
    batch = scheme.score_batch(as_columns(scheme, rows))
    assert batch.exact_rows == 0
    assert batch.component_status["senior_doctors_dispatched"].tolist() == [
        "met",
        "behind",
        "met",
        "behind",
    ]
    # 1485 / 2970 = 1/2 of 50 points, + 333 / 990 of 50: 25 + 16.8181… = 41.82
    assert batch.total[3] == 41.82
    check_equal(scheme, rows, batch)


_QUOTA = st.integers(1, 40).map(lambda n: n * 25)


@st.composite
def county_rows(draw: st.DrawFn) -> dict[str, Any]:
    """A county-year with 2–14 quotas, round ones (many ties), figures around them."""
    targets = draw(
        st.lists(st.sampled_from(sorted(DECIMALS)), min_size=2, max_size=14, unique=True)
    )
    row: dict[str, Any] = {"year": draw(st.integers(2015, 2025))}
    for target in targets:
        quota = draw(_QUOTA)
        scale = 10 ** DECIMALS[target]
        figure = draw(st.integers(0, 2 * quota * scale)) / scale
        row[f"{target}_required"] = quota
        row[f"{target}_actual"] = figure
    return row


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(county_rows(), min_size=1, max_size=30),
    tolerance=st.sampled_from(["0", "0.1", "0.0333", "12.5%"]),
)
def test_county_batch_equals_exact_without_rescoring(
    county: Scheme, rows: list[dict[str, Any]], tolerance: str
) -> None:
    scheme = county.with_params(about_tolerance=tolerance)
    batch = scheme.score_batch(as_columns(scheme, rows))
    assert batch.exact_rows == 0
    check_equal(scheme, rows, batch)


_PER_UNIT = {"count": 1, "money": 100, "number": 10, "points": 10, "ratio": 1000}


@pytest.mark.parametrize(
    ("scheme_id", "last_year"), [("health.gansu-province", 2025), ("health.pingliang-city", 2020)]
)
def test_schedule_schemes_exact_without_rescoring(scheme_id: str, last_year: int) -> None:
    # every year after the milestones' (a missing date is "not done"), figures around the
    # schedules' values, each with the decimals of its kind
    scheme = get_scheme(scheme_id)
    numeric = [m for m in scheme.metrics if m.kind.is_numeric and m.kind.value != "year"]
    rng = np.random.default_rng(14)
    columns: dict[str, Any] = {"year": np.repeat(np.arange(2016, last_year + 1), 30) * 1.0}
    size = len(columns["year"])
    for metric in numeric:
        per_unit = _PER_UNIT[metric.kind.value]
        top = 1000 if metric.kind.value == "ratio" else 7000 * per_unit
        columns[metric.name] = rng.integers(0, top + 1, size) / per_unit
    batch = scheme.score_batch(columns)
    assert batch.exact_rows == 0
    rows = [
        {
            name: (None if math.isnan(column[i]) else _number(column[i]))
            for name, column in columns.items()
        }
        for i in range(size)
    ]
    check_equal(scheme, rows, batch)


def _number(value: float) -> Any:
    value = float(value)
    return int(value) if value == int(value) else Decimal(repr(value))


def test_the_lists_of_targets_behind_are_a_list_per_row(county: Scheme) -> None:
    # rows with the same targets behind get equal lists, each its own object
    rows = tie_rows(4, range(1, 4))
    batch = county.score_batch(as_columns(county, rows))
    behind = batch.outcomes["behind"]
    assert [list(v) for v in behind] == [["village_clinics"]] * 3
    behind[0].append("changed")
    assert behind[1] == ["village_clinics"]
