"""Shared rules of every role: discipline band, pay band, deductions, rater means."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from assesskit import InvalidInputError, Result
from microloan_cases import DISCIPLINE_ROLES, full_marks

Score = Callable[..., Result]


# -- discipline band: >= 80 → 10, [60, 80) → 5, < 60 → 0 -------------------------


@pytest.mark.parametrize("scheme_id", DISCIPLINE_ROLES)
@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (0, "0"),
        ("59.99", "0"),  # below 60
        (60, "5"),  # "60分以上" and "60分以下" both hold: the higher band wins
        ("60.01", "5"),
        ("79.99", "5"),
        (80, "10"),  # "80分以上" and "80分以下" both hold: the higher band wins
        ("80.01", "10"),
        (100, "10"),
    ],
)
def test_discipline_band(score: Score, scheme_id: str, rating: Any, expected: str) -> None:
    result = score(scheme_id, full_marks(scheme_id, discipline_score=rating))
    assert result.components["discipline"].points == Decimal(expected)


def test_discipline_explanation_names_the_band(score: Score) -> None:
    result = score("microloan.cashier", full_marks("microloan.cashier", discipline_score=60))
    explanation = result.components["discipline"].explanation
    assert explanation.en == "discipline rating 60: 60 <= 60 < 80 → 5"
    assert explanation.zh == "劳动纪律评分 60:60 <= 60 < 80 → 5"


@pytest.mark.parametrize("scheme_id", DISCIPLINE_ROLES)
@pytest.mark.parametrize("rating", ["-0.01", "100.01", "eighty"])
def test_discipline_rating_outside_0_100_is_an_error(
    score: Score, scheme_id: str, rating: str
) -> None:
    record = full_marks(scheme_id, entity_id="X-1", discipline_score=rating)
    with pytest.raises(InvalidInputError) as info:
        score(scheme_id, record)
    (problem,) = info.value.problems
    assert (problem.entity, problem.field, problem.value) == ("X-1", "discipline_score", rating)
    assert "rating from 0 to 100" in problem.rule or "[0, 100]" in problem.rule


# -- pay band on the published total: full >= 80, reduced [60, 80), low < 60 ----------

SALARY = {"standard_salary": 5000}

#: (role, changes to the full-marks record, total, band, pay at a salary of 5000)
PAY_BAND_CASES = [
    # risk officer: 27 + 27 + 30 × 70 / 100 + 5 = 80
    ("microloan.risk-officer", {"missed_risks_own": 1, "control_failures": 1,
                                "evaluation_score": 70, "discipline_score": 70},
     "80.00", "full", "5000.00"),
    # 27 + 27 + 30 × 69.97 / 100 (20.991) + 5 = 79.991
    ("microloan.risk-officer", {"missed_risks_own": 1, "control_failures": 1,
                                "evaluation_score": "69.97", "discipline_score": 70},
     "79.99", "reduced", "4000.00"),
    # 27 + 27 + 30 × 20 / 100 + 0 = 60: "低于60分" does not hold, so 80%
    ("microloan.risk-officer", {"missed_risks_own": 1, "control_failures": 1,
                                "evaluation_score": 20, "discipline_score": 0},
     "60.00", "reduced", "4000.00"),
    # 27 + 27 + 5.991 + 0 = 59.991
    ("microloan.risk-officer", {"missed_risks_own": 1, "control_failures": 1,
                                "evaluation_score": "19.97", "discipline_score": 0},
     "59.99", "low", "3000.00"),
    # risk manager (whole points only): 20 + 20 + 30 + 10 = 80
    ("microloan.risk-manager", {"missed_risks_department": 5, "department_control_failures": 5},
     "80.00", "full", "5000.00"),
    # 18 + 20 + 30 + 10 = 78
    ("microloan.risk-manager", {"missed_risks_department": 6, "department_control_failures": 5},
     "78.00", "reduced", "4000.00"),
    # 10 + 10 + 30 + 10 = 60
    ("microloan.risk-manager", {"missed_risks_department": 10, "department_control_failures": 10},
     "60.00", "reduced", "4000.00"),
    # 8 + 10 + 30 + 10 = 58
    ("microloan.risk-manager", {"missed_risks_department": 11, "department_control_failures": 10},
     "58.00", "low", "3000.00"),
    # cashier: custody 20 − 20 = 0, the rest full: 80
    ("microloan.cashier", {"custody_incidents": 1, "custody_deduction": 20},
     "80.00", "full", "5000.00"),
    # 0 + 70 + 10 × 99.9 / 100 (9.99) = 79.99
    ("microloan.cashier", {"custody_incidents": 1, "custody_deduction": 20,
                           "evaluation_score": "99.9"},
     "79.99", "reduced", "4000.00"),
    # custody 0, bank procedures 20 − 20 = 0: 60
    ("microloan.cashier", {"custody_incidents": 1, "custody_deduction": 20, "bank_errors": 20},
     "60.00", "reduced", "4000.00"),
    ("microloan.cashier", {"custody_incidents": 1, "custody_deduction": 20, "bank_errors": 20,
                           "evaluation_score": "99.9"},
     "59.99", "low", "3000.00"),
    # accountant: audit 20 − 20 = 0: 80
    ("microloan.accountant", {"audit_incidents": 1, "audit_deduction": 20},
     "80.00", "full", "5000.00"),
    ("microloan.accountant", {"audit_incidents": 1, "audit_deduction": 20,
                              "evaluation_score": "99.9"},
     "79.99", "reduced", "4000.00"),
    # audit 0, bookkeeping 0: 60
    ("microloan.accountant", {"audit_incidents": 1, "audit_deduction": 20,
                              "bookkeeping_incidents": 1, "bookkeeping_deduction": 20},
     "60.00", "reduced", "4000.00"),
    ("microloan.accountant", {"audit_incidents": 1, "audit_deduction": 20,
                              "bookkeeping_incidents": 1, "bookkeeping_deduction": 20,
                              "evaluation_score": "99.9"},
     "59.99", "low", "3000.00"),
    # examples/accountant.csv AC-002 2026-07: 20 + 19 + 0 + 17 + 10 + 5 + 8.995 = 79.995 → 80.00
    ("microloan.accountant", {"bookkeeping_incidents": 1, "bookkeeping_deduction": 1,
                              "tax_errors": 2, "interest_errors": 3, "discipline_score": 78,
                              "evaluation_score": "89.95"},
     "80.00", "full", "5000.00"),
    # admin manager: archives 30 − 2 × 10 = 10: 80
    ("microloan.admin-manager", {"archive_incidents": 10}, "80.00", "full", "5000.00"),
    # personnel 30 × 99.97 / 100 = 29.991: 79.991
    ("microloan.admin-manager", {"archive_incidents": 10,
                                 "personnel_rating_general_manager": "99.97",
                                 "personnel_rating_finance_director": "99.97",
                                 "personnel_rating_business_head": "99.97",
                                 "personnel_rating_risk_manager": "99.97"},
     "79.99", "reduced", "4000.00"),
    # archives 0, discipline 0: 60
    ("microloan.admin-manager", {"archive_incidents": 15, "discipline_score": 0},
     "60.00", "reduced", "4000.00"),
    ("microloan.admin-manager", {"archive_incidents": 15, "discipline_score": 0,
                                 "service_rating_general_manager": "99.97",
                                 "service_rating_finance_director": "99.97",
                                 "service_rating_business_head": "99.97",
                                 "service_rating_risk_manager": "99.97"},
     "59.99", "low", "3000.00"),
    # admin clerk: 30 × 50 / 100 + 30 + 30 + 5 = 80
    ("microloan.admin-clerk", {"personnel_rating": 50, "discipline_score": 70},
     "80.00", "full", "5000.00"),
    # 14.991 + 30 + 30 + 5 = 79.991
    ("microloan.admin-clerk", {"personnel_rating": "49.97", "discipline_score": 70},
     "79.99", "reduced", "4000.00"),
    # 0 + 30 + 30 + 0 = 60
    ("microloan.admin-clerk", {"personnel_rating": 0, "discipline_score": 0},
     "60.00", "reduced", "4000.00"),
    # 0 + 29.991 + 30 + 0 = 59.991
    ("microloan.admin-clerk", {"personnel_rating": 0, "service_rating": "99.97",
                               "discipline_score": 0},
     "59.99", "low", "3000.00"),
]  # fmt: skip


@pytest.mark.parametrize(("scheme_id", "changes", "total", "band", "pay"), PAY_BAND_CASES)
def test_pay_band(
    score: Score, scheme_id: str, changes: dict[str, Any], total: str, band: str, pay: str
) -> None:
    result = score(scheme_id, full_marks(scheme_id, **changes, **SALARY))
    assert result.total == Decimal(total)
    assert result.band_id == band
    factor = {"full": Decimal(1), "reduced": Decimal("0.8"), "low": Decimal("0.6")}[band]
    assert result.outcome["pay_factor"] == factor
    assert result.outcome["pay"] == Decimal(pay)


def test_pay_is_rounded_half_up_to_the_fen(score: Score) -> None:
    # 4 999.99 × 0.8 = 3 999.992 → 3 999.99; 4 999.99 × 0.6 = 2 999.994 → 2 999.99;
    # 3 333.33 × 0.8 = 2 666.664; 1 234.57 × 0.6 = 740.742; 0.05 × 0.8 = 0.04 exactly.
    record = full_marks("microloan.risk-manager", missed_risks_department=6,
                        department_control_failures=5)  # 78, reduced  # fmt: skip
    for salary, pay in [("4999.99", "3999.99"), ("3333.33", "2666.66"), ("0.05", "0.04")]:
        result = score("microloan.risk-manager", {**record, "standard_salary": salary})
        assert result.outcome["pay"] == Decimal(pay)
    low = {**record, "missed_risks_department": 11, "department_control_failures": 10}  # 58
    # 1 234.57 × 0.6 = 740.742 → 740.74; 1 234.58 × 0.6 = 740.748 → 740.75
    assert score("microloan.risk-manager", {**low, "standard_salary": "1234.57"}).outcome[
        "pay"
    ] == Decimal("740.74")
    assert score("microloan.risk-manager", {**low, "standard_salary": "1234.58"}).outcome[
        "pay"
    ] == Decimal("740.75")


def test_no_salary_means_no_pay(score: Score) -> None:
    result = score("microloan.admin-clerk", full_marks("microloan.admin-clerk"))
    assert result.outcome["pay_factor"] == Decimal(1)
    assert result.outcome["pay"] is None
    assert result.to_dict()["outcome"]["pay"] is None


@pytest.mark.parametrize("salary", ["-1", "5000.001", "abc"])
def test_bad_salary_is_an_error(score: Score, salary: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        score("microloan.cashier", full_marks("microloan.cashier", standard_salary=salary))
    assert [p.field for p in info.value.problems] == ["standard_salary"]


# -- graded deduction: incidents <= deduction <= 20 × incidents ------------------------

GRADED = [
    ("microloan.cashier", "custody"),
    ("microloan.accountant", "audit"),
    ("microloan.accountant", "bookkeeping"),
]


@pytest.mark.parametrize(("scheme_id", "prefix"), GRADED)
@pytest.mark.parametrize(
    ("incidents", "deduction", "points"),
    [
        (0, 0, "20"),
        (1, 1, "19"),  # the lowest: 1 point per incident
        (1, "1.25", "18.75"),
        (1, 20, "0"),  # the highest: 20 points per incident
        (2, 2, "18"),
        (2, 40, "0"),  # 20 − 40, not below 0
        (3, "16.5", "3.5"),
    ],
)
def test_graded_deduction(
    score: Score, scheme_id: str, prefix: str, incidents: int, deduction: Any, points: str
) -> None:
    record = full_marks(
        scheme_id, **{f"{prefix}_incidents": incidents, f"{prefix}_deduction": deduction}
    )
    assert score(scheme_id, record).components[prefix].points == Decimal(points)


@pytest.mark.parametrize(("scheme_id", "prefix"), GRADED)
@pytest.mark.parametrize(
    ("incidents", "deduction", "shown", "allowed"),
    [
        (0, "0.01", "0.01", "0..0"),  # no incidents, no deduction
        (0, 1, "1", "0..0"),
        (1, "0.99", "0.99", "1..20"),  # below 1 per incident
        (1, "20.01", "20.01", "1..20"),  # above 20 per incident
        (2, "1.5", "1.5", "2..40"),
        (2, "40.01", "40.01", "2..40"),
    ],
)
def test_graded_deduction_outside_its_range_is_an_error(
    score: Score,
    scheme_id: str,
    prefix: str,
    incidents: int,
    deduction: Any,
    shown: str,
    allowed: str,
) -> None:
    record = full_marks(
        scheme_id,
        entity_id="E-7",
        **{f"{prefix}_incidents": incidents, f"{prefix}_deduction": deduction},
    )
    with pytest.raises(InvalidInputError) as info:
        score(scheme_id, record)
    (problem,) = info.value.problems
    assert (problem.entity, problem.field) == ("E-7", f"{prefix}_deduction")
    message = str(problem)
    assert message.startswith(f"record E-7: field '{prefix}_deduction' = {shown}: ")
    assert "between 1 and 20 points per incident" in message
    assert f"{allowed} for {prefix}_incidents = {incidents}" in message


def test_graded_deduction_has_at_most_two_decimals(score: Score) -> None:
    record = full_marks("microloan.cashier", custody_incidents=1, custody_deduction="1.005")
    with pytest.raises(InvalidInputError) as info:
        score("microloan.cashier", record)
    assert [(p.field, p.rule) for p in info.value.problems] == [
        ("custody_deduction", "must have at most 2 decimals")
    ]


def test_every_bad_deduction_is_reported_at_once(score: Score) -> None:
    record = full_marks(
        "microloan.accountant",
        audit_incidents=0,
        audit_deduction=3,
        bookkeeping_incidents=1,
        bookkeeping_deduction=25,
        tax_errors=-1,
    )
    with pytest.raises(InvalidInputError) as info:
        score("microloan.accountant", record)
    assert sorted(p.field for p in info.value.problems) == [
        "audit_deduction",
        "bookkeeping_deduction",
        "tax_errors",
    ]


# -- per-incident deductions -----------------------------------------------------------

#: (role, component, count field, points per incident, weight)
PER_INCIDENT = [
    ("microloan.risk-officer", "risk_identification", "missed_risks_own", 3, 30),
    ("microloan.risk-officer", "risk_identification", "missed_risks_department", 3, 30),
    ("microloan.risk-officer", "risk_control", "control_failures", 3, 30),
    ("microloan.risk-manager", "risk_identification", "missed_risks_department", 2, 30),
    ("microloan.risk-manager", "risk_control", "department_control_failures", 2, 30),
    ("microloan.risk-manager", "loan_approval", "approval_failures", 3, 30),
    ("microloan.cashier", "payroll", "payroll_errors", 1, 10),
    ("microloan.cashier", "vouchers", "voucher_errors", 1, 10),
    ("microloan.cashier", "interest", "interest_errors", 1, 10),
    ("microloan.cashier", "bank_procedures", "bank_errors", 1, 20),
    ("microloan.accountant", "tax", "tax_errors", 5, 10),
    ("microloan.accountant", "interest", "interest_errors", 1, 20),
    ("microloan.admin-manager", "archives", "archive_incidents", 2, 30),
    ("microloan.admin-clerk", "archives", "archive_incidents", 3, 30),
]


@pytest.mark.parametrize(("scheme_id", "component", "field", "per", "weight"), PER_INCIDENT)
def test_per_incident_deduction(
    score: Score, scheme_id: str, component: str, field: str, per: int, weight: int
) -> None:
    def pts(n: int) -> Decimal | None:
        return score(scheme_id, full_marks(scheme_id, **{field: n})).components[component].points

    last_positive = (weight - 1) // per  # the last count that leaves some points
    assert pts(0) == weight
    assert pts(1) == weight - per
    assert pts(last_positive) == weight - per * last_positive
    assert pts(weight // per) == weight - per * (weight // per)
    assert pts(weight // per + 1) == 0  # not below 0
    assert pts(1000) == 0


def test_risk_officer_adds_own_and_department_misses(score: Score) -> None:
    # 30 − 3 × (2 + 3) = 15
    record = full_marks("microloan.risk-officer", missed_risks_own=2, missed_risks_department=3)
    result = score("microloan.risk-officer", record)
    assert result.components["risk_identification"].points == 15


@pytest.mark.parametrize("count", ["-1", "1.5", "two"])
def test_counts_are_whole_numbers(score: Score, count: str) -> None:
    record = full_marks("microloan.risk-manager", entity_id="RM-9", approval_failures=count)
    with pytest.raises(InvalidInputError) as info:
        score("microloan.risk-manager", record)
    (problem,) = info.value.problems
    assert (problem.field, problem.value) == ("approval_failures", count)


@pytest.mark.parametrize("scheme_id", ["microloan.cashier", "microloan.accountant"])
@pytest.mark.parametrize(("breach", "points"), [(False, 10), ("false", 10), (True, 0), ("是", 0)])
def test_confidentiality(score: Score, scheme_id: str, breach: Any, points: int) -> None:
    result = score(scheme_id, full_marks(scheme_id, confidentiality_breach=breach))
    assert result.components["confidentiality"].points == points


# -- rater score × weight ------------------------------------------------------------

RATED = [
    ("microloan.risk-officer", "evaluation", "evaluation_score", 30),
    ("microloan.cashier", "work_evaluation", "evaluation_score", 10),
    ("microloan.accountant", "work_evaluation", "evaluation_score", 10),
    ("microloan.admin-clerk", "personnel", "personnel_rating", 30),
    ("microloan.admin-clerk", "service", "service_rating", 30),
]


@pytest.mark.parametrize(("scheme_id", "component", "field", "weight"), RATED)
@pytest.mark.parametrize("rating", ["0", "45", "89.95", "100"])
def test_rater_score_times_weight(
    score: Score, scheme_id: str, component: str, field: str, weight: int, rating: str
) -> None:
    result = score(scheme_id, full_marks(scheme_id, **{field: rating}))
    exact = result.components[component].exact_points
    assert exact == weight * Decimal(rating) / 100


def test_admin_manager_mean_of_the_ratings_given(score: Score) -> None:
    # examples/admin-manager.csv AM-001 2026-07: all four rated.
    # personnel (85 + 95 + 87 + 81) / 4 = 87 → 26.1; service (76 + 92 + 87 + 89) / 4 = 86 → 25.8
    record = {
        "personnel_rating_general_manager": 85,
        "personnel_rating_finance_director": 95,
        "personnel_rating_business_head": 87,
        "personnel_rating_risk_manager": 81,
        "service_rating_general_manager": 76,
        "service_rating_finance_director": 92,
        "service_rating_business_head": 87,
        "service_rating_risk_manager": 89,
        "archive_incidents": 0,
        "discipline_score": 85,
    }
    result = score("microloan.admin-manager", record)
    assert result.components["personnel"].points == Decimal("26.10")
    assert result.components["service"].points == Decimal("25.80")
    assert result.total == Decimal("91.90")  # 26.1 + 25.8 + 30 + 10


@pytest.mark.parametrize(
    ("given", "points", "note"),
    [
        # one rater only: 30 × 90 / 100
        ({"personnel_rating_risk_manager": 90}, "27", "3 rater(s) did not rate"),
        # (80 + 91) / 2 = 85.5 → 25.65
        (
            {"personnel_rating_general_manager": 80, "personnel_rating_finance_director": 91},
            "25.65",
            "2 rater(s) did not rate",
        ),
        # (70 + 80 + 90) / 3 = 80 → 24; a missing rater is not a rating of 0 (that would be 18)
        (
            {
                "personnel_rating_general_manager": 70,
                "personnel_rating_finance_director": 80,
                "personnel_rating_business_head": "",
                "personnel_rating_risk_manager": 90,
            },
            "24",
            "1 rater(s) did not rate",
        ),
        # (100 + 100 + 0 + 100) / 4 = 75 → 22.5: a rating of 0 is a rating
        (
            {
                "personnel_rating_general_manager": 100,
                "personnel_rating_finance_director": 100,
                "personnel_rating_business_head": 0,
                "personnel_rating_risk_manager": 100,
            },
            "22.5",
            None,
        ),
    ],
)
def test_admin_manager_raters_who_did_not_rate_are_left_out(
    score: Score, given: dict[str, Any], points: str, note: str | None
) -> None:
    record = full_marks("microloan.admin-manager")
    for suffix in ("general_manager", "finance_director", "business_head", "risk_manager"):
        record.pop(f"personnel_rating_{suffix}")
    record.update(given)
    component = score("microloan.admin-manager", record).components["personnel"]
    assert component.points == Decimal(points)
    if note is not None:
        assert note in component.explanation.en


def test_admin_manager_without_any_rating_is_an_error(score: Score) -> None:
    record = full_marks("microloan.admin-manager", entity_id="AM-001", period="2026-08")
    for suffix in ("general_manager", "finance_director", "business_head", "risk_manager"):
        record[f"service_rating_{suffix}"] = ""
    with pytest.raises(InvalidInputError) as info:
        score("microloan.admin-manager", record)
    (problem,) = info.value.problems
    assert problem.entity == "AM-001"
    assert problem.field == "service_rating_general_manager"
    assert problem.rule == (
        "at least one of service_rating_general_manager, service_rating_finance_director, "
        "service_rating_business_head, service_rating_risk_manager must be given"
    )


def test_a_rating_above_100_is_an_error(score: Score) -> None:
    record = full_marks("microloan.admin-manager", personnel_rating_business_head=130)
    with pytest.raises(InvalidInputError) as info:
        score("microloan.admin-manager", record)
    (problem,) = info.value.problems
    assert (problem.field, problem.value) == ("personnel_rating_business_head", 130)
    assert "[0, 100]" in problem.rule
