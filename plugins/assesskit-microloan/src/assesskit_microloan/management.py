"""``microloan.management`` (管理層): annual, 資本回報率 45 + 貸款損失率 45 + 逾期貸款 10.

Source: seed 篇五, 一、管理層. The total is the bonus coefficient
("三項相加總分為年度考核得分做為獎金系數,乘以應發獎金為被考核人的實際獎金"); a return on
capital above 15% feeds a company bonus pool ("按超出部分的20%提取獎金獎勵全公司").
"""

from __future__ import annotations

from assesskit import (
    Component,
    Const,
    Example,
    Input,
    Metric,
    MetricKind,
    NoValue,
    Outcome,
    PeriodKind,
    Review,
    Scheme,
    Text,
    Total,
    Where,
)
from assesskit.rules import Plateau
from assesskit_microloan import loan_quality
from assesskit_microloan.shared import SCHEME_VERSION

__all__ = ["POOL_SHARE", "POOL_THRESHOLD", "ROC_TARGET", "management"]

#: The return-on-capital target (指標): the lower end of "資本回報率13%-15%".
ROC_TARGET = "0.13"
#: Above this return on capital the excess feeds the company pool.
POOL_THRESHOLD = "0.15"
#: Share of the excess drawn into the pool ("超出部分的20%").
POOL_SHARE = "0.2"

_ROC = Input("return_on_capital")
_ABOVE_POOL_THRESHOLD = Const(POOL_THRESHOLD) < _ROC
_POOL_RATE = Const(POOL_SHARE) * (_ROC - Const(POOL_THRESHOLD))


def management() -> Scheme:
    """The annual scheme of the management (管理層)."""
    return Scheme(
        id="microloan.management",
        version=SCHEME_VERSION,
        title=Text("Micro-loan company: management", "小额贷款公司绩效考核:管理层"),
        period=PeriodKind.ANNUAL,
        # The family's input files name the period column ``period`` (``2025``).
        period_field="period",
        metrics=[
            Metric(
                "return_on_capital",
                MetricKind.RATIO,
                Text("return on capital", "资本回报率"),
                description=Text("for the year; may be negative", "年度资本回报率,可为负"),
            ).unbounded(),
            loan_quality.loan_loss_rate(),
            loan_quality.overdue_ratio(),
            Metric(
                "bonus_base",
                MetricKind.MONEY,
                Text("bonus base", "应发奖金"),
                required=False,
                unit="元",
            ),
            Metric(
                "capital",
                MetricKind.MONEY,
                Text("paid-in capital", "实收资本"),
                required=False,
                unit="元",
            ),
        ],
        components=[
            Component(
                "return_on_capital",
                Text("return on capital", "资本回报率"),
                45,
                Plateau("return_on_capital", ROC_TARGET),
                note=Text(
                    "source: 不到13% proportional to the target, 超过13%不到15% 45; "
                    "resolved: the target is 13%, and 13% and above (15% included) earn 45",
                    "原文未覆盖恰好13%及15%以上;按指标13%计:13%及以上均得45分",
                ),
            ),
            loan_quality.loan_loss(45),
            loan_quality.overdue(),
        ],
        vetoes=loan_quality.vetoes(),
        # the coefficient says why the bonus is what it is; the pool is the company's
        summary=("vetoed", "bonus_coefficient", "bonus", "pool"),
        outcomes=[
            Outcome(
                "bonus_coefficient",
                Text("bonus coefficient", "奖金系数"),
                Total() / 100,
                kind="number",
                places=4,
            ),
            Outcome(
                "bonus",
                Text("bonus", "实际奖金"),
                Input("bonus_base") * Total() / 100,
                kind="money",
                note=Text("only when bonus_base is given", "给出应发奖金时计算"),
            ),
            Outcome(
                "pool_rate",
                Text("company bonus pool rate", "全公司奖金提取比例"),
                Where(_ABOVE_POOL_THRESHOLD, _POOL_RATE, NoValue()),
                kind="number",
                places=10,
                note=Text(
                    "only when the return on capital is above 15%; otherwise null (no pool)",
                    "资本回报率超过15%时计算,否则为空(不提取)",
                ),
            ),
            Outcome(
                "pool",
                Text("company bonus pool", "全公司奖金"),
                # From the exact rate, not the published one: no double rounding.
                Where(_ABOVE_POOL_THRESHOLD, _POOL_RATE * Input("capital"), NoValue()),
                kind="money",
                note=Text(
                    "pool_rate × capital, when both apply; reported, not split",
                    "提取比例 × 实收资本;只报告总额,不分配",
                ),
            ),
        ],
        review=Review(
            initial=Text("admin dept", "综合管理部"),
            final=Text("the board", "董事会"),
        ),
        source=Text("seed 篇五, part 1 (management)", "篇五 一、管理层的绩效考核"),
        examples=[
            Example(
                "spec worked example: return on capital 19%",
                {
                    "return_on_capital": "0.19",
                    "loan_loss_rate": "0",
                    "overdue_ratio": "0.04",
                    "bonus_base": "20000",
                    "capital": "50000000",
                },
                {
                    # 45 (19% >= 13%) + 45 (no loss) + 10 (4% <= 5%) = 100
                    "total": "100.00",
                    "vetoed": False,
                    "components": {"return_on_capital": "45", "loan_loss": "45", "overdue": "10"},
                    # 0.2 × (0.19 − 0.15) = 0.008; 0.008 × 50 000 000 = 400 000
                    "outcome": {
                        "bonus_coefficient": "1",
                        "bonus": "20000.00",
                        "pool_rate": "0.008",
                        "pool": "400000.00",
                    },
                },
            ),
        ],
    )
