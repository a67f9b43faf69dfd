"""Loan loss and overdue loans, with their vetoes, for management and the loan officer."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from assesskit import InvalidInputError, Result
from microloan_cases import full_marks

Score = Callable[..., Result]

ROLES = ["microloan.management", "microloan.loan-officer"]


# -- overdue: <= 5% → 10; above, one point off per full percentage point; > 15% veto ------


@pytest.mark.parametrize("scheme_id", ROLES)
@pytest.mark.parametrize(
    ("overdue", "points", "vetoed"),
    [
        ("0", "10", False),
        ("0.05", "10", False),  # 不超過5%: 5% itself is full points
        ("0.0501", "10", False),  # above 5%, but no full point above it
        ("0.0599", "10", False),
        ("0.06", "9", False),  # one full point
        ("0.0601", "9", False),
        ("0.09", "6", False),  # four full points
        ("0.11", "4", False),
        ("0.1329", "2", False),
        ("0.14", "1", False),
        ("0.1499", "1", False),
        ("0.15", "0", False),  # 不超過15%: no veto at 15% itself
        ("0.1501", "0", True),  # 超過15%: the total is 0
        ("0.2", "0", True),
        ("1", "0", True),
    ],
)
def test_overdue(score: Score, scheme_id: str, overdue: str, points: str, vetoed: bool) -> None:
    result = score(scheme_id, full_marks(scheme_id, overdue_ratio=overdue))
    assert result.components["overdue"].points == Decimal(points)
    assert result.vetoed is vetoed
    if vetoed:
        assert [v.id for v in result.vetoes] == ["overdue_over_15pct"]
        assert result.total == 0
    else:
        # the other components are full: 90 + overdue points
        assert result.total == 90 + Decimal(points)


@pytest.mark.parametrize("scheme_id", ROLES)
@pytest.mark.parametrize(
    ("overdue", "points"),
    [
        (0.09, "6"),  # 0.09 − 0.05 is 0.03999… in binary floating point: still 4 full points
        (0.07, "8"),
        (0.06, "9"),
        (0.15, "0"),
        (0.0599, "10"),
    ],
)
def test_overdue_floats_are_read_as_their_decimals(
    score: Score, scheme_id: str, overdue: float, points: str
) -> None:
    result = score(scheme_id, full_marks(scheme_id, overdue_ratio=overdue))
    assert result.components["overdue"].points == Decimal(points)
    assert not result.vetoed


@pytest.mark.parametrize("scheme_id", ROLES)
@pytest.mark.parametrize(("overdue", "points"), [("7%", "8"), ("10.2%", "5"), ("15 %", "0")])
def test_overdue_as_a_percent_string(
    score: Score, scheme_id: str, overdue: str, points: str
) -> None:
    result = score(scheme_id, full_marks(scheme_id, overdue_ratio=overdue))
    assert result.components["overdue"].points == Decimal(points)
    assert not result.vetoed


def test_overdue_explanation(score: Score) -> None:
    result = score(
        "microloan.loan-officer", full_marks("microloan.loan-officer", overdue_ratio=0.09)
    )
    assert result.components["overdue"].explanation.en == (
        "overdue ratio (one month or more) 9% is 4 full step(s) of 1% above 5%: 10 − 4 = 6"
    )


# -- loss: exactly 0 → full points, any loss → 0; above 1% veto ---------------------------


@pytest.mark.parametrize(
    ("scheme_id", "weight"), [("microloan.management", 45), ("microloan.loan-officer", 20)]
)
@pytest.mark.parametrize(
    ("loss", "full", "vetoed"),
    [
        ("0", True, False),
        ("0.0001", False, False),  # any loss takes the points
        ("0.0035", False, False),
        ("0.01", False, False),  # 大于1%: 1% itself is no veto
        ("0.0101", False, True),
        ("0.010001", False, True),
        ("1", False, True),
    ],
)
def test_loan_loss(
    score: Score, scheme_id: str, weight: int, loss: str, full: bool, vetoed: bool
) -> None:
    result = score(scheme_id, full_marks(scheme_id, loan_loss_rate=loss))
    assert result.components["loan_loss"].points == (weight if full else 0)
    assert result.vetoed is vetoed
    if vetoed:
        assert [v.id for v in result.vetoes] == ["loan_loss_over_1pct"]
        assert result.total == 0
    else:
        assert result.total == (100 if full else 100 - weight)


def test_loan_loss_explanation(score: Score) -> None:
    def explain(loss: str) -> tuple[str, str]:
        record = full_marks("microloan.loan-officer", loan_loss_rate=loss)
        text = score("microloan.loan-officer", record).components["loan_loss"].explanation
        return text.en, text.zh

    assert explain("0") == ("loan loss rate 0%: exactly 0% → 20", "贷款损失率 0%:恰为 0% → 20")
    assert explain("0.0035") == (
        "loan loss rate 0.35%: 0% < 0.35% <= 100% → 0",
        "贷款损失率 0.35%:0% < 0.35% <= 100% → 0",
    )


@pytest.mark.parametrize("scheme_id", ROLES)
def test_both_vetoes(score: Score, scheme_id: str) -> None:
    # examples/loan-officer.csv LO-017 2026-09: loss 2.1% and overdue 16.11%
    record = full_marks(scheme_id, loan_loss_rate="0.021", overdue_ratio="0.1611")
    result = score(scheme_id, record)
    assert result.total == 0
    assert [v.id for v in result.vetoes] == ["loan_loss_over_1pct", "overdue_over_15pct"]
    # the components still show what they would have earned
    assert result.components["loan_loss"].points == 0
    assert result.components["overdue"].points == 0
    assert result.vetoes[0].explanation.zh.startswith("贷款损失率大于1%")


@pytest.mark.parametrize("scheme_id", ROLES)
@pytest.mark.parametrize(
    ("field", "value"),
    [("loan_loss_rate", "-0.01"), ("loan_loss_rate", "1.01"), ("overdue_ratio", "101%")],
)
def test_ratio_outside_0_1_is_an_error(
    score: Score, scheme_id: str, field: str, value: Any
) -> None:
    with pytest.raises(InvalidInputError) as info:
        score(scheme_id, full_marks(scheme_id, entity_id="E-1", **{field: value}))
    (problem,) = info.value.problems
    assert (problem.entity, problem.field, problem.value) == ("E-1", field, value)
    assert problem.rule.startswith("must be within [0, 1]")
