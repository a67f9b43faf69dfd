"""``microloan.loan-officer`` (貸款業務員), monthly: 業務收入 60, 貸款損失率 20, 逾期 10, 紀律 10.

Source: seed 篇五, 二、貸款業務部. No pay band: "四項相加總分為月度得分,乘以應發工資為被考核人的
實際工資。加上獎金為業務員實際收入". Income above the target earns a 3% bonus, computed
this month and paid the next ("當月計算,次月發放"), and suspended while a veto
(loss above 1%, overdue above 15%) is being settled ("獎金暫停發放").
"""

from __future__ import annotations

from assesskit import (
    Component,
    Const,
    Example,
    Input,
    Interval,
    Max,
    Metric,
    MetricKind,
    NextPeriod,
    NoValue,
    Outcome,
    OutcomeRef,
    Param,
    Parameter,
    PeriodKind,
    Scheme,
    Text,
    Total,
    Vetoed,
    Where,
)
from assesskit.rules import Plateau
from assesskit_microloan import loan_quality
from assesskit_microloan.shared import (
    REVIEWED_BY_ADMIN_AND_SUPERVISOR,
    SCHEME_VERSION,
    discipline,
    discipline_score,
    dismissal,
    standard_salary,
)

__all__ = ["BONUS_RATE", "DEFAULT_INCOME_TARGET", "loan_officer"]

#: "業務員每月的工資發放保底業務收入考核指標為10萬元".
DEFAULT_INCOME_TARGET = 100_000
#: "超出部分按照3%提取獎金".
BONUS_RATE = "0.03"


def loan_officer() -> Scheme:
    """The monthly scheme of a loan officer (and, with ``income_target``, of the dept manager)."""
    return Scheme(
        id="microloan.loan-officer",
        version=SCHEME_VERSION,
        title=Text("Micro-loan company: loan officer", "小額貸款公司績效考核:貸款業務員"),
        period=PeriodKind.MONTHLY,
        metrics=[
            Metric(
                "business_income",
                MetricKind.MONEY,
                Text("business income", "業務收入"),
                unit="元",
                description=Text("for the month", "當月業務收入"),
            ),
            loan_quality.loan_loss_rate(),
            loan_quality.overdue_ratio(),
            discipline_score(Text("the supervisor and the admin dept", "主管領導和綜合管理部")),
            standard_salary(),
        ],
        components=[
            business_income(),
            loan_quality.loan_loss(20),
            loan_quality.overdue(),
            discipline(Text("discipline and post-loan management", "勞動紀律和貸后管理")),
        ],
        vetoes=loan_quality.vetoes(),
        outcomes=[
            Outcome(
                "pay",
                Text("pay", "實際工資"),
                Input("standard_salary") * Total() / 100,
                kind="money",
                note=Text("only when standard_salary is given", "給出應發工資時計算"),
            ),
            Outcome(
                "bonus",
                Text("bonus", "獎金"),
                Const(BONUS_RATE) * Max(0, Input("business_income") - Param("income_target")),
                kind="money",
                note=Text(
                    "computed this month, reported even when withheld", "當月計算;暫停發放時也列出"
                ),
            ),
            Outcome(
                "bonus_status",
                Text("bonus status", "獎金狀態"),
                Where(Vetoed(), "withheld", "payable"),
                kind="text",
                note=Text(
                    "withheld (暫停發放) while a veto is being settled, else payable",
                    "一票否決時暫停發放(withheld),否則可發放(payable)",
                ),
            ),
            Outcome(
                "income",
                Text("income", "實際收入"),
                Where(Vetoed(), OutcomeRef("pay"), OutcomeRef("pay") + OutcomeRef("bonus")),
                kind="money",
                note=Text(
                    "pay + bonus when payable, else pay", "獎金可發放時為工資加獎金,否則為工資"
                ),
            ),
            Outcome(
                "bonus_paid_in",
                Text("bonus paid in", "獎金發放月"),
                Where(Vetoed(), NoValue(), NextPeriod()),
                kind="text",
                note=Text(
                    "the next month; null while withheld (paid once the matter is settled)",
                    "次月發放;暫停發放時為空(處理完畢后再發放)",
                ),
            ),
        ],
        history_rules=[dismissal(on_total=False)],
        parameters=[
            Parameter(
                "income_target",
                Text("monthly income target", "業務收入考核指標"),
                DEFAULT_INCOME_TARGET,
                kind=MetricKind.MONEY,
                domain=Interval(0, None, lower_closed=False),
                description=Text(
                    "100 000 yuan for an officer; set it explicitly to assess the dept manager "
                    "on the dept's figures (部門經理參考業務員考核指標執行)",
                    "業務員為10萬元;以部門數據考核部門經理時須另行設定",
                ),
            ),
        ],
        review=REVIEWED_BY_ADMIN_AND_SUPERVISOR,
        source=Text("seed 篇五, part 2 (loan business dept)", "篇五 二、貸款業務部的績效考核"),
        examples=[
            Example(
                "spec worked example: income 80 000, overdue 7%",
                {
                    "period": "2026-08",
                    "business_income": "80000",
                    "loan_loss_rate": "0",
                    "overdue_ratio": "0.07",
                    "discipline_score": "85",
                    "standard_salary": "5000",
                },
                {
                    # 60 × 80 000 / 100 000 = 48; 20; 10 − 2 full points above 5% = 8; 10
                    "total": "86.00",
                    "vetoed": False,
                    "components": {
                        "business_income": "48",
                        "loan_loss": "20",
                        "overdue": "8",
                        "discipline": "10",
                    },
                    # 5000 × 86 / 100 = 4300; income below the target: no bonus
                    "outcome": {
                        "pay": "4300.00",
                        "bonus": "0.00",
                        "bonus_status": "payable",
                        "income": "4300.00",
                        "bonus_paid_in": "2026-09",
                    },
                },
            ),
        ],
    )


def business_income() -> Component:
    """業務收入, 60 points: ``60 × min(income / income_target, 1)``."""
    return Component(
        "business_income",
        Text("business income", "業務收入"),
        60,
        Plateau("business_income", Param("income_target")),
    )
