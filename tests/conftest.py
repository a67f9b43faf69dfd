"""Shared fixtures: a sample scheme using every built-in rule kind, and in-test plugins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import assesskit.plugins
from assesskit import (
    Band,
    BandLookup,
    BandTable,
    Component,
    Const,
    Example,
    HistoryRule,
    Input,
    Interval,
    Max,
    Metric,
    MetricKind,
    NextPeriod,
    Outcome,
    Param,
    Parameter,
    PeriodKind,
    Review,
    Scheme,
    Text,
    Total,
    Trigger,
    Veto,
    Vetoed,
    Where,
)
from assesskit.rules import (
    Banded,
    Boolean,
    GradedDeduction,
    PerIncidentDeduction,
    Plateau,
    RaterMean,
    RatioToTarget,
    Share,
    StepDeduction,
)


def build_sample_scheme(**overrides: Any) -> Scheme:
    """A monthly scheme with one component per built-in rule kind (weights sum to 100).

    | component | weight | rule |
    | income | 20 | plateau: 20 × min(income / income_target, 1) |
    | return | 10 | ratio to target 0.13 with cap 1 |
    | accuracy | 10 | share eligible / relocated (n/a when relocated = 0) |
    | errors | 10 | 10 − 2 × (errors_a + errors_b) |
    | custody | 10 | graded deduction, 1..20 points per incident |
    | overdue | 10 | 10 − 1 per full 1% above 5% |
    | discipline | 10 | >= 80: 10; [60, 80): 5; < 60: 0 |
    | raters | 10 | mean of rating_a, rating_b (either may be missing) |
    | secrecy | 10 | breach → 0 |
    """
    m = MetricKind
    metrics = [
        Metric("income", m.MONEY, Text("income", "业务收入"), direction="higher_is_better"),
        Metric("return_on_capital", m.RATIO, Text("return on capital", "资本回报率")).unbounded(),
        Metric("eligible", m.COUNT, Text("eligible households", "符合条件户数")),
        Metric("relocated", m.COUNT, Text("relocated households", "搬迁户数")),
        Metric("errors_a", m.COUNT, Text("errors of kind a", "甲类差错")),
        Metric("errors_b", m.COUNT, Text("errors of kind b", "乙类差错")),
        Metric("custody_incidents", m.COUNT, Text("custody incidents", "保管差错次数")),
        Metric(
            "custody_deduction", m.NUMBER, Text("custody deduction", "保管扣分"), max_decimals=2
        ),
        Metric("overdue_ratio", m.RATIO, Text("overdue ratio", "逾期贷款率")),
        Metric("loss_rate", m.RATIO, Text("loss rate", "贷款损失率")),
        Metric("discipline_score", m.RATING, Text("discipline", "劳动纪律")),
        Metric("rating_a", m.RATING, Text("rating by A", "甲评分"), required=False),
        Metric("rating_b", m.RATING, Text("rating by B", "乙评分"), required=False),
        Metric("breach", m.FLAG, Text("confidentiality breach", "泄密")),
        Metric("salary", m.MONEY, Text("standard salary", "应发工资"), required=False),
    ]
    components = [
        Component(
            "income", Text("income", "业务收入"), 20, Plateau("income", Param("income_target"))
        ),
        Component(
            "return", Text("return", "资本回报"), 10, RatioToTarget("return_on_capital", "0.13")
        ),
        Component("accuracy", Text("accuracy", "精准度"), 10, Share("eligible", "relocated")),
        Component(
            "errors", Text("errors", "差错"), 10, PerIncidentDeduction(("errors_a", "errors_b"), 2)
        ),
        Component(
            "custody",
            Text("custody", "保管"),
            10,
            GradedDeduction("custody_incidents", "custody_deduction"),
        ),
        Component(
            "overdue", Text("overdue", "逾期"), 10, StepDeduction("overdue_ratio", "0.05", "0.01")
        ),
        Component(
            "discipline",
            Text("discipline", "劳动纪律"),
            10,
            Banded(
                "discipline_score",
                [
                    (Interval.at_least(80), 10),
                    (Interval.closed_open(60, 80), 5),
                    (Interval.below(60), 0),
                ],
                scale=10,
            ),
        ),
        Component("raters", Text("raters", "评价"), 10, RaterMean(("rating_a", "rating_b"))),
        Component("secrecy", Text("secrecy", "保密"), 10, Boolean("breach", award_when=False)),
    ]
    bands = BandTable(
        (
            Band("full", Text("full pay", "全额"), Interval.at_least(80)),
            Band("reduced", Text("80% pay", "八成"), Interval.closed_open(60, 80)),
            Band("low", Text("60% pay", "六成"), Interval.below(60)),
        )
    )
    fields: dict[str, Any] = {
        "id": "sample.every-rule",
        "version": "1",
        "title": Text("Sample scheme with every rule kind", "示例方案"),
        "period": PeriodKind.MONTHLY,
        "metrics": metrics,
        "components": components,
        "vetoes": [
            Veto(
                "loss_over_1pct",
                Text("loss rate above 1%", "贷款损失率大于1%"),
                Input("loss_rate") > Const("0.01"),
            ),
        ],
        "bands": bands,
        "outcomes": [
            Outcome(
                "pay_factor",
                Text("pay factor", "工资系数"),
                BandLookup({"full": 1, "reduced": "0.8", "low": "0.6"}),
            ),
            Outcome(
                "pay",
                Text("pay", "实发工资"),
                Input("salary") * BandLookup({"full": 1, "reduced": "0.8", "low": "0.6"}),
                kind="money",
            ),
            Outcome(
                "bonus",
                Text("bonus", "奖金"),
                Const("0.03") * Max(Const(0), Input("income") - Param("income_target")),
                kind="money",
            ),
            Outcome(
                "bonus_status",
                Text("bonus status", "奖金状态"),
                Where(Vetoed(), "withheld", "payable"),
                kind="text",
                words={
                    "withheld": Text("withheld", "暂停发放"),
                    "payable": Text("payable", "可发放"),
                },
            ),
            Outcome(
                "bonus_paid_in", Text("bonus paid in", "奖金发放月"), NextPeriod(), kind="text"
            ),
        ],
        "history_rules": [
            HistoryRule(
                "dismissal",
                Text("dismissal", "辞退"),
                3,
                [
                    Trigger("total", Text("total <= 60", "总分60分以下"), Total() <= 60),
                    Trigger(
                        "discipline",
                        Text("discipline <= 60", "劳动纪律60分以下"),
                        Input("discipline_score") <= 60,
                    ),
                ],
                "dismissal_trigger",
            )
        ],
        "parameters": [
            Parameter(
                "income_target",
                Text("income target", "业务收入指标"),
                100000,
                kind=MetricKind.MONEY,
            ),
        ],
        "review": Review(
            initial=Text("admin dept", "综合管理部"), final=Text("general manager", "总经理")
        ),
        "examples": [
            Example(
                "all full",
                {
                    "income": 100000,
                    "return_on_capital": "0.2",
                    "eligible": 5,
                    "relocated": 5,
                    "errors_a": 0,
                    "errors_b": 0,
                    "custody_incidents": 0,
                    "custody_deduction": 0,
                    "overdue_ratio": "0.05",
                    "loss_rate": 0,
                    "discipline_score": 80,
                    "rating_a": 100,
                    "breach": False,
                    "salary": 5000,
                },
                {"total": "100.00", "band": "full", "outcome": {"pay": "5000.00"}},
            )
        ],
    }
    fields.update(overrides)
    return Scheme(**fields)


def sample_record(**changes: Any) -> dict[str, Any]:
    """A valid record for the sample scheme: 16+5+9+6+6+8+5+9+10 = 74.00, band reduced."""
    record: dict[str, Any] = {
        "entity_id": "E-1",
        "period": "2026-08",
        "income": 80000,
        "return_on_capital": "0.065",
        "eligible": 9,
        "relocated": 10,
        "errors_a": 1,
        "errors_b": 1,
        "custody_incidents": 1,
        "custody_deduction": 4,
        "overdue_ratio": "0.07",
        "loss_rate": 0,
        "discipline_score": 72,
        "rating_a": 90,
        "rating_b": None,
        "breach": False,
        "salary": 5000,
    }
    record.update(changes)
    return record


@pytest.fixture
def sample_scheme() -> Scheme:
    """The sample scheme with every rule kind."""
    return build_sample_scheme()


@pytest.fixture
def register_plugin() -> Iterator[Callable[[object, str], None]]:
    """Register in-test plugin objects with assesskit's plugin manager; removed afterwards."""
    added: list[str] = []
    assesskit.plugins.get_registry()  # load the installed plugins first

    def register(plugin: object, name: str) -> None:
        assesskit.plugins.pm.register(plugin, name=name)
        added.append(name)
        assesskit.plugins.reset()

    yield register
    for name in added:
        assesskit.plugins.pm.unregister(name=name)
    assesskit.plugins.reset()
