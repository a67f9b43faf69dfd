"""Management: return on capital, the bonus coefficient and bonus, the company pool."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from assesskit import InvalidInputError, Result

Score = Callable[..., Result]

MANAGEMENT = "microloan.management"


def year(**changes: Any) -> dict[str, Any]:
    """Management's year: 45 + 45 + 10 at a 13% return, with *changes*."""
    record: dict[str, Any] = {
        "entity_id": "MG-T",
        "period": "2025",
        "return_on_capital": "0.13",
        "loan_loss_rate": "0",
        "overdue_ratio": "0.05",
    }
    record.update(changes)
    return record


def test_spec_worked_example(score: Score) -> None:
    # 19%: 45; no loss: 45; 4%: 10 → 100; bonus 20 000 × 100 / 100;
    # pool rate 0.2 × (0.19 − 0.15) = 0.008; pool 0.008 × 50 000 000 = 400 000
    result = score(
        MANAGEMENT,
        year(return_on_capital="0.19", overdue_ratio="0.04", bonus_base=20000, capital=50000000),
    )
    assert [c.points for c in result.components.values()] == [45, 45, 10]
    assert result.total == Decimal("100.00")
    assert result.outcome == {
        "bonus_coefficient": Decimal(1),
        "bonus": Decimal("20000.00"),
        "pool_rate": Decimal("0.008"),
        "pool": Decimal("400000.00"),
    }


@pytest.mark.parametrize(
    ("roc", "exact_points", "published"),
    [
        ("-0.05", Fraction("0"), "0"),  # a loss-making year: not below 0
        ("0", Fraction("0"), "0"),
        ("0.065", Fraction("22.5"), "22.5"),  # 45 × 0.065 / 0.13
        # 45 × 0.1299 / 0.13 = 5845.5 / 130 = 44.96538461…
        ("0.1299", Fraction(58455, 1300), "44.97"),
        ("0.13", Fraction("45"), "45"),  # the target (指標): full points
        ("0.1301", Fraction("45"), "45"),
        ("0.1499", Fraction("45"), "45"),
        ("0.15", Fraction("45"), "45"),  # 15% and above: 45 too
        ("0.2", Fraction("45"), "45"),
        ("1.5", Fraction("45"), "45"),  # a ratio above 100% is allowed for a return on capital
    ],
)
def test_return_on_capital(score: Score, roc: str, exact_points: Fraction, published: str) -> None:
    component = score(MANAGEMENT, year(return_on_capital=roc)).components["return_on_capital"]
    assert component.exact_points == exact_points
    assert component.points == Decimal(published)


def test_bonus_coefficient_and_bonus_use_the_published_total(score: Score) -> None:
    # 44.9653846… + 45 + 10 = 99.9653846… → 99.97; coefficient 0.9997;
    # bonus 20 000 × 0.9997 = 19 994.00 (not 19 993.08 from the exact total)
    result = score(MANAGEMENT, year(return_on_capital="0.1299", bonus_base=20000))
    assert result.total == Decimal("99.97")
    assert result.outcome["bonus_coefficient"] == Decimal("0.9997")
    assert result.outcome["bonus"] == Decimal("19994.00")


def test_bonus_is_rounded_to_the_fen(score: Score) -> None:
    # MG-001 2025: 45 + 45 + 8 (7.12%) = 98; 0.98 × 120 000 = 117 600;
    # 0.98 × 333.33 = 326.6634 → 326.66; 0.98 × 333.35 = 326.683 → 326.68
    record = year(return_on_capital="0.1568", overdue_ratio="0.0712")
    for base, bonus in [("120000", "117600.00"), ("333.33", "326.66"), ("333.35", "326.68")]:
        result = score(MANAGEMENT, {**record, "bonus_base": base})
        assert result.total == Decimal("98.00")
        assert result.outcome["bonus_coefficient"] == Decimal("0.98")
        assert result.outcome["bonus"] == Decimal(bonus)


def test_without_bonus_base_or_capital(score: Score) -> None:
    result = score(MANAGEMENT, year(return_on_capital="0.1568"))
    assert result.outcome["bonus"] is None
    assert result.outcome["pool_rate"] == Decimal("0.00136")  # 0.2 × 0.0068
    assert result.outcome["pool"] is None
    assert result.to_dict()["outcome"] == {
        "bonus_coefficient": 1.0,
        "bonus": None,
        "pool_rate": 0.00136,
        "pool": None,
    }


@pytest.mark.parametrize(
    ("roc", "pool_rate", "pool"),
    [
        ("-0.1", None, None),
        ("0.13", None, None),
        ("0.15", None, None),  # 超過15%: not at 15% itself
        ("0.1501", "0.00002", "2000.00"),  # 0.2 × 0.0001 × 100 000 000
        ("0.1568", "0.00136", "136000.00"),  # MG-001 2025
        ("0.19", "0.008", "800000.00"),
        # 0.2 × 0.000037 = 0.0000074; × 100 000 000 = 740
        ("0.150037", "0.0000074", "740.00"),
    ],
)
def test_company_pool(score: Score, roc: str, pool_rate: str | None, pool: str | None) -> None:
    result = score(MANAGEMENT, year(return_on_capital=roc, capital=100000000))
    assert result.outcome["pool_rate"] == (None if pool_rate is None else Decimal(pool_rate))
    assert result.outcome["pool"] == (None if pool is None else Decimal(pool))


def test_pool_is_computed_from_the_exact_rate(score: Score) -> None:
    # 0.2 × (0.15000001 − 0.15) = 0.000000002; × 12 345 678.90 = 0.0246913578 → 0.02
    # (the rate published to 10 decimals is 0.000000002 as well; this guards the order)
    result = score(MANAGEMENT, year(return_on_capital="0.15000001", capital="12345678.90"))
    assert result.outcome["pool_rate"] == Decimal("0.000000002")
    assert result.outcome["pool"] == Decimal("0.02")


def test_a_veto_zeroes_the_bonus_but_not_the_pool(score: Score) -> None:
    # loss 2%: the total is 0, so the coefficient and the bonus are 0; the company pool
    # depends on the return on capital only and is still reported.
    record = year(return_on_capital="0.19", loan_loss_rate="0.02", bonus_base=20000,
                  capital=50000000)  # fmt: skip
    result = score(MANAGEMENT, record)
    assert result.vetoed
    assert result.total == 0
    assert result.outcome["bonus_coefficient"] == 0
    assert result.outcome["bonus"] == Decimal("0.00")
    assert result.outcome["pool"] == Decimal("400000.00")


def test_percent_strings(score: Score) -> None:
    result = score(MANAGEMENT, year(return_on_capital="6.5%", overdue_ratio="7.12%"))
    # 45 × 0.065 / 0.13 = 22.5; 45; 8 → 75.5
    assert result.total == Decimal("75.50")


def test_annual_period(score: Score) -> None:
    assert str(score(MANAGEMENT, year(period=2025)).period) == "2025"
    with pytest.raises(InvalidInputError) as info:
        score(MANAGEMENT, year(period="2025-07"))
    (problem,) = info.value.problems
    assert problem.field == "period"
    assert "annual" in problem.rule


@pytest.mark.parametrize(("field", "value"), [("bonus_base", "-1"), ("capital", "1.001")])
def test_bad_money_is_an_error(score: Score, field: str, value: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        score(MANAGEMENT, year(**{field: value}))
    assert [p.field for p in info.value.problems] == [field]


def test_pool_rule_reads_in_words(score: Score) -> None:
    result = score(MANAGEMENT, year())
    assert "company bonus pool rate: —" in result.explain()
