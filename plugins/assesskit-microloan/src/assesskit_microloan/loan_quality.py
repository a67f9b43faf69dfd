"""Loan quality, shared by management and the loan officer (貸款損失率, 逾期貸款).

- ``loan_loss``: full points when the loss rate is exactly 0, else 0
  ("貸款損失為零,本項得分…,出現貸款損失,本項得分為零");
- ``overdue``: 10 points up to 5%, one point off per *full* percentage point
  above 5% ("超過5%不超過15%,每超過1%,本項得分降低1%");
- two vetoes (一票否決): loss rate above 1%, overdue above 15%.
"""

from __future__ import annotations

from assesskit import Component, Const, Input, Interval, Metric, MetricKind, Text, Veto
from assesskit.rules import Banded, StepDeduction

__all__ = [
    "LOSS_LIMIT",
    "OVERDUE_LIMIT",
    "loan_loss",
    "loan_loss_rate",
    "overdue",
    "overdue_ratio",
    "vetoes",
]

#: "貸款損失率大于1%,考核總分為零".
LOSS_LIMIT = "0.01"
#: "超過15%考核總分為0".
OVERDUE_LIMIT = "0.15"


def loan_loss_rate() -> Metric:
    """貸款損失率, a ratio in [0, 1]."""
    return Metric("loan_loss_rate", MetricKind.RATIO, Text("loan loss rate", "贷款损失率"))


def overdue_ratio() -> Metric:
    """Loans overdue one month or more ÷ loan balance, a ratio in [0, 1]."""
    return Metric(
        "overdue_ratio",
        MetricKind.RATIO,
        Text("overdue ratio (one month or more)", "逾期一个月以上贷款占贷款余额比例"),
    )


def loan_loss(weight: int) -> Component:
    """Full *weight* for a loss rate of exactly 0; any loss at all, 0 points.

    A threshold table with a closed tier ``[0, 0]`` and an open tier ``(0, 1]``,
    so the explanation names the tier the rate fell in.
    """
    return Component(
        "loan_loss",
        Text("loan loss rate", "贷款损失率"),
        weight,
        Banded(
            "loan_loss_rate",
            [
                (Interval(0, 0), weight),
                (Interval(0, 1, lower_closed=False), 0),
            ],
            scale=weight,
            direction="lower_is_better",
        ),
    )


def overdue() -> Component:
    """10 points up to 5%; above it one point off per full percentage point (15% → 0)."""
    return Component(
        "overdue",
        Text("overdue loans", "逾期贷款"),
        10,
        StepDeduction("overdue_ratio", threshold="0.05", step="0.01", per_step=1),
    )


def vetoes() -> tuple[Veto, ...]:
    """``loan_loss_over_1pct`` (> 1%) and ``overdue_over_15pct`` (> 15%): the total is 0."""
    return (
        Veto(
            "loan_loss_over_1pct",
            Text("loan loss rate above 1%", "贷款损失率大于1%"),
            Input("loan_loss_rate") > Const(LOSS_LIMIT),
        ),
        Veto(
            "overdue_over_15pct",
            Text("overdue loans above 15%", "逾期贷款超过15%"),
            Input("overdue_ratio") > Const(OVERDUE_LIMIT),
        ),
    )
