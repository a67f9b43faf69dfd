"""The loan officer: income against the target, pay, the 3% bonus, withheld bonuses."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import assesskit
from assesskit import InvalidInputError, ParameterError, Result

Score = Callable[..., Result]

OFFICER = "microloan.loan-officer"


def officer(**changes: Any) -> dict[str, Any]:
    """A loan officer's month: full marks on the target, with *changes*."""
    record: dict[str, Any] = {
        "entity_id": "LO-T",
        "period": "2026-08",
        "business_income": "100000",
        "loan_loss_rate": "0",
        "overdue_ratio": "0.05",
        "discipline_score": "90",
        "standard_salary": "6000",
    }
    record.update(changes)
    return record


def test_spec_worked_example(score: Score) -> None:
    # income 80 000, loss 0, overdue 7%, discipline 85, salary 5 000:
    # 60 × 0.8 = 48; 20; 10 − 2 = 8; 10 → 86; pay 5 000 × 0.86 = 4 300; no bonus
    result = score(
        OFFICER,
        officer(business_income=80000, overdue_ratio="0.07", discipline_score=85,
                standard_salary=5000),
    )  # fmt: skip
    assert {k: c.points for k, c in result.components.items()} == {
        "business_income": Decimal(48),
        "loan_loss": Decimal(20),
        "overdue": Decimal(8),
        "discipline": Decimal(10),
    }
    assert result.total == Decimal("86.00")
    assert result.band is None
    assert result.outcome["pay"] == Decimal("4300.00")
    assert result.outcome["bonus"] == Decimal("0.00")
    assert result.outcome["bonus_status"] == "payable"
    assert result.outcome["income"] == Decimal("4300.00")


@pytest.mark.parametrize("as_float", [False, True])
def test_the_half_up_tie_of_the_conventions(score: Score, as_float: bool) -> None:
    # LO-003 2026-09: 60 × 0.87875 = 52.725; + 20 + 2 (13.29%: 8 full points above 5%) + 0
    # (discipline 55) = 74.725 exactly → 74.73; pay 6 150 × 74.73 / 100 = 4 595.895 → 4 595.90
    values: dict[str, Any] = {
        "business_income": 87875,
        "loan_loss_rate": 0,
        "overdue_ratio": 0.1329,
        "discipline_score": 55,
        "standard_salary": 6150,
    }
    if not as_float:
        values = {k: str(v) for k, v in values.items()}
    result = score(OFFICER, officer(**values))
    assert result.components["business_income"].exact_points == Decimal("52.725")
    assert result.components["business_income"].points == Decimal("52.73")
    assert result.components["overdue"].points == 2
    assert result.components["discipline"].points == 0
    assert result.exact_total == Decimal("74.725")
    assert result.total == Decimal("74.73")
    assert result.outcome["pay"] == Decimal("4595.90")


@pytest.mark.parametrize(
    ("income", "exact_points", "total", "bonus"),
    [
        ("0", "0", "40.00", "0.00"),
        ("50000", "30", "70.00", "0.00"),
        # 60 × 99 999.99 / 100 000 = 59.999994; the total 99.999994 rounds to 100.00
        ("99999.99", "59.999994", "100.00", "0.00"),
        ("100000", "60", "100.00", "0.00"),  # the target itself: full points, no bonus
        # 3% × 0.01 = 0.0003 → 0.00
        ("100000.01", "60", "100.00", "0.00"),
        # 3% × 0.50 = 0.015 → 0.02 (half-up)
        ("100000.50", "60", "100.00", "0.02"),
        # 3% × 0.49 = 0.0147 → 0.01
        ("100000.49", "60", "100.00", "0.01"),
        # LO-013 2026-08: 3% × 2 340.50 = 70.215 → 70.22
        ("102340.50", "60", "100.00", "70.22"),
        # LO-001 2026-07: 3% × 26 600 = 798
        ("126600", "60", "100.00", "798.00"),
    ],
)
def test_income_and_bonus(
    score: Score, income: str, exact_points: str, total: str, bonus: str
) -> None:
    result = score(OFFICER, officer(business_income=income))
    assert result.components["business_income"].exact_points == Decimal(exact_points)
    assert result.total == Decimal(total)
    assert result.outcome["bonus"] == Decimal(bonus)
    assert result.outcome["bonus_status"] == "payable"
    # income = pay + bonus: 6 000 × total / 100 + bonus
    pay = (Decimal(6000) * Decimal(total) / 100).quantize(Decimal("0.01"))
    assert result.outcome["pay"] == pay
    assert result.outcome["income"] == pay + Decimal(bonus)
    assert result.outcome["bonus_paid_in"] == "2026-09"


def test_pay_is_the_salary_times_the_total(score: Score) -> None:
    # 60 × 93 788.13 / 100 000 = 56.272878 → total 56.272878 + 20 + 10 + 10 = 96.272878 → 96.27;
    # pay 7 200 × 0.9627 = 6 931.44
    result = score(OFFICER, officer(business_income="93788.13", standard_salary=7200))
    assert result.total == Decimal("96.27")
    assert result.outcome["pay"] == Decimal("6931.44")


def test_a_veto_withholds_the_bonus(score: Score) -> None:
    # LO-016 2026-08: income 112 600, overdue 15.02% → the total is 0; bonus 3% × 12 600 = 378
    # is still computed, but withheld: income is the pay alone (0), no payment month.
    record = officer(business_income=112600, overdue_ratio="0.1502", discipline_score=60,
                     standard_salary=6150)  # fmt: skip
    result = score(OFFICER, record)
    assert result.vetoed
    assert result.total == 0
    assert result.outcome["pay"] == Decimal("0.00")
    assert result.outcome["bonus"] == Decimal("378.00")
    assert result.outcome["bonus_status"] == "withheld"
    assert result.outcome["income"] == Decimal("0.00")
    assert result.outcome["bonus_paid_in"] is None
    assert result.to_dict()["outcome"]["bonus"] == "378.00"


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"loan_loss_rate": "0.01"}, "payable"),
        ({"loan_loss_rate": "0.0101"}, "withheld"),
        ({"overdue_ratio": "0.15"}, "payable"),
        ({"overdue_ratio": "0.1501"}, "withheld"),
    ],
)
def test_bonus_status_at_the_veto_thresholds(
    score: Score, changes: dict[str, Any], status: str
) -> None:
    result = score(OFFICER, officer(business_income=110000, **changes))
    assert result.outcome["bonus"] == Decimal("300.00")  # 3% × 10 000
    assert result.outcome["bonus_status"] == status


def test_the_bonus_is_paid_the_next_month(score: Score) -> None:
    result = score(OFFICER, officer(period="2026-12"))
    assert result.outcome["bonus_paid_in"] == "2027-01"
    undated = officer()
    del undated["period"]
    assert score(OFFICER, undated).outcome["bonus_paid_in"] is None


def test_without_salary_there_is_no_pay_but_a_bonus(score: Score) -> None:
    result = score(OFFICER, officer(business_income=120000, standard_salary=""))
    assert result.outcome["pay"] is None
    assert result.outcome["bonus"] == Decimal("600.00")
    assert result.outcome["income"] is None


def test_income_target_parameter() -> None:
    # A dept manager on the dept's figures: target 300 000.
    manager = assesskit.get_scheme(OFFICER, income_target=300000)
    # 60 × 240 000 / 300 000 = 48; 20; 10; 10 → 88; no bonus below the target
    result = manager.score(officer(business_income=240000))
    assert result.components["business_income"].points == 48
    assert result.total == Decimal("88.00")
    assert result.outcome["bonus"] == Decimal("0.00")
    # 3% × (350 000 − 300 000) = 1 500
    assert manager.score(officer(business_income=350000)).outcome["bonus"] == Decimal("1500.00")
    default = assesskit.get_scheme(OFFICER)
    assert default.params()["income_target"] == 100000
    assert manager.fingerprint != default.fingerprint


@pytest.mark.parametrize("target", [0, "-1", "abc", "100000.001"])
def test_income_target_must_be_a_positive_amount(target: Any) -> None:
    with pytest.raises(ParameterError, match="income_target"):
        assesskit.get_scheme(OFFICER, income_target=target)


def test_negative_income_is_an_error(score: Score) -> None:
    with pytest.raises(InvalidInputError) as info:
        score(OFFICER, officer(business_income="-1", discipline_score="101"))
    assert [(p.field, p.value) for p in info.value.problems] == [
        ("business_income", "-1"),
        ("discipline_score", "101"),
    ]


def test_explanation_reads_in_both_languages(score: Score) -> None:
    result = score(OFFICER, officer(business_income=87875, overdue_ratio="0.1329",
                                    discipline_score=55))  # fmt: skip
    assert "60 × 87875 / 100000 = 52.725" in result.explain("en")
    assert "74.73 (exactly 74.725, rounded half-up)" in result.explain("en")
    assert "业务收入 87875,指标 100000" in result.explain("zh")
