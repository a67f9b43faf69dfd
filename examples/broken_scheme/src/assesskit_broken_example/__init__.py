"""A shop assistant's monthly appraisal (店員月度考核), with two deliberate mistakes.

| component | points | rule |
| --- | --- | --- |
| sales 銷售業績 | 60 | 60 × min(sales / sales_target, 1) |
| service 服務質量 | 20 | 20 − 5 per customer complaint, not below 0 |
| punctuality 出勤 | 20 | never late: 20; late 1 to 3 days: 10; more than 3 days: 0 |

A cash shortage (現金短缺) vetoes the month. Pay bands: 80分以上 full pay;
低于80分,高于60分 80% of pay; 低于60分 60% of pay.

Mistake 1: the punctuality table does not say that fewer days late is
better, and a threshold table is ``higher_is_better`` unless told otherwise.
Mistake 2: the "fair" band copies "低于80分,高于60分" literally, open at both
ends, so a total of exactly 60 falls in no band.
"""

from __future__ import annotations

from collections.abc import Callable

from assesskit import (
    Band,
    BandLookup,
    BandTable,
    Component,
    Example,
    Input,
    Interval,
    Metric,
    MetricKind,
    Outcome,
    Param,
    Parameter,
    PeriodKind,
    Scheme,
    Text,
    Veto,
    hookimpl,
)
from assesskit.rules import Banded, PerIncidentDeduction, Plateau


def build_scheme() -> Scheme:
    """The shop-assistant scheme, mistakes included."""
    metrics = [
        Metric("sales", MetricKind.MONEY, Text("sales", "销售额")),
        Metric("complaints", MetricKind.COUNT, Text("customer complaints", "顾客投诉")),
        Metric("late_days", MetricKind.COUNT, Text("days late", "迟到天数")),
        Metric("cash_shortage", MetricKind.FLAG, Text("cash shortage", "现金短缺")),
        Metric(
            "standard_salary",
            MetricKind.MONEY,
            Text("standard salary", "标准工资"),
            required=False,
        ),
    ]
    punctuality = Banded(
        "late_days",
        [
            (Interval(0, 0), 20),
            (Interval(0, 3, lower_closed=False), 10),
            (Interval.above(3), 0),
        ],
        scale=20,
    )  # mistake 1: no direction="lower_is_better"
    components = [
        Component("sales", Text("sales", "销售业绩"), 60, Plateau("sales", Param("sales_target"))),
        Component(
            "service", Text("service", "服务质量"), 20, PerIncidentDeduction("complaints", 5)
        ),
        Component("punctuality", Text("punctuality", "出勤"), 20, punctuality),
    ]
    bands = BandTable(
        (
            Band("good", Text("full pay", "全额"), Interval.at_least(80)),
            # mistake 2: "低于80分,高于60分" read literally leaves 60 in no band
            Band("fair", Text("80% of pay", "八成"), Interval(60, 80, False, False)),
            Band("poor", Text("60% of pay", "六成"), Interval.below(60)),
        )
    )
    pay_factor = BandLookup({"good": 1, "fair": "0.8", "poor": "0.6"})
    return Scheme(
        id="example.shop-assistant",
        version="1",
        title=Text("Shop assistant, monthly", "店员月度考核"),
        period=PeriodKind.MONTHLY,
        metrics=metrics,
        components=components,
        vetoes=[Veto("cash_shortage", Text("cash shortage", "现金短缺"), Input("cash_shortage"))],
        bands=bands,
        outcomes=[
            Outcome("pay", Text("pay", "实发工资"), Input("standard_salary") * pay_factor, "money")
        ],
        parameters=[
            Parameter(
                "sales_target", Text("sales target", "月销售指标"), 50000, kind=MetricKind.MONEY
            )
        ],
        examples=[
            Example(
                "a good month",
                {
                    "sales": 50000,
                    "complaints": 0,
                    "late_days": 0,
                    "cash_shortage": False,
                    "standard_salary": 4000,
                },
                {"total": "100.00", "band": "good", "outcome": {"pay": "4000.00"}},
            )
        ],
    )


@hookimpl
def assesskit_register_schemes(register: Callable[[Scheme | Callable[[], Scheme]], None]) -> None:
    """Register the shop-assistant scheme (built on first use)."""
    register(build_scheme)
