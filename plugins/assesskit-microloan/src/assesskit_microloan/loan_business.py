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
        title=Text("Micro-loan company: loan officer", "小额贷款公司绩效考核:贷款业务员"),
        period=PeriodKind.MONTHLY,
        metrics=[
            Metric(
                "business_income",
                MetricKind.MONEY,
                Text("business income", "业务收入"),
                unit="元",
                description=Text("for the month", "当月业务收入"),
            ),
            loan_quality.loan_loss_rate(),
            loan_quality.overdue_ratio(),
            discipline_score(Text("the supervisor and the admin dept", "主管领导和综合管理部")),
            standard_salary(),
        ],
        components=[
            business_income(),
            loan_quality.loan_loss(20),
            loan_quality.overdue(),
            discipline(Text("discipline and post-loan management", "劳动纪律和贷后管理")),
        ],
        vetoes=loan_quality.vetoes(),
        outcomes=[
            Outcome(
                "pay",
                Text("pay", "实际工资"),
                Input("standard_salary") * Total() / 100,
                kind="money",
                note=Text("only when standard_salary is given", "给出应发工资时计算"),
            ),
            Outcome(
                "bonus",
                Text("bonus", "奖金"),
                Const(BONUS_RATE) * Max(0, Input("business_income") - Param("income_target")),
                kind="money",
                note=Text(
                    "computed this month, reported even when withheld", "当月计算;暂停发放时也列出"
                ),
            ),
            Outcome(
                "bonus_status",
                Text("bonus status", "奖金状态"),
                Where(Vetoed(), "withheld", "payable"),
                kind="text",
                note=Text(
                    "withheld (暂停发放) while a veto is being settled, else payable",
                    "一票否决时暂停发放,否则可发放",
                ),
                words={
                    "withheld": Text("withheld", "暂停发放"),
                    "payable": Text("payable", "可发放"),
                },
            ),
            Outcome(
                "income",
                Text("income", "实际收入"),
                Where(Vetoed(), OutcomeRef("pay"), OutcomeRef("pay") + OutcomeRef("bonus")),
                kind="money",
                note=Text(
                    "pay + bonus when payable, else pay", "奖金可发放时为工资加奖金,否则为工资"
                ),
            ),
            Outcome(
                "bonus_paid_in",
                Text("bonus paid in", "奖金发放月"),
                Where(Vetoed(), NoValue(), NextPeriod()),
                kind="text",
                note=Text(
                    "the next month; null while withheld (paid once the matter is settled)",
                    "次月发放;暂停发放时为空(处理完毕后再发放)",
                ),
            ),
        ],
        history_rules=[dismissal(on_total=False)],
        parameters=[
            Parameter(
                "income_target",
                Text("monthly income target", "业务收入考核指标"),
                DEFAULT_INCOME_TARGET,
                kind=MetricKind.MONEY,
                domain=Interval(0, None, lower_closed=False),
                description=Text(
                    "100 000 yuan for an officer; set it explicitly to assess the dept manager "
                    "on the dept's figures (部门经理参考业务员考核指标执行)",
                    "业务员为10万元;以部门数据考核部门经理时须另行设定",
                ),
            ),
        ],
        review=REVIEWED_BY_ADMIN_AND_SUPERVISOR,
        source=Text("seed 篇五, part 2 (loan business dept)", "篇五 二、贷款业务部的绩效考核"),
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
        Text("business income", "业务收入"),
        60,
        Plateau("business_income", Param("income_target")),
    )
