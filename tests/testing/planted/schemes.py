"""The planted plugin's schemes: a shop assistant's monthly appraisal, and broken variants.

``shop.assistant`` is correct. Each variant ``shop.<name>`` changes one thing
the way a careless author would, and :data:`VARIANTS` says which mechanism
must catch it (the definition, ``assesskit lint`` or an invariant of the fast
profile) and what the report must say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from tests.testing.planted import rules as planted

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
    Metric,
    MetricKind,
    Outcome,
    OutcomeRef,
    Param,
    Parameter,
    PeriodKind,
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
    PerIncidentDeduction,
    Plateau,
    RaterMean,
    RatioToTarget,
    Rule,
    StepDeduction,
)

__all__ = ["VARIANTS", "Planted", "correct", "shop"]

M = MetricKind


def _metrics() -> list[Metric]:
    return [
        Metric("sales", M.MONEY, Text("sales", "销售额")),
        Metric("complaints", M.COUNT, Text("customer complaints", "顾客投诉")),
        Metric("late_days", M.COUNT, Text("days late", "迟到天数")),
        Metric("return_rate", M.RATIO, Text("return rate", "退货率")),
        Metric("shopper_rating", M.RATING, Text("mystery shopper's rating", "神秘顾客评分")),
        Metric("cash_shortage", M.FLAG, Text("cash shortage", "现金短缺")),
        Metric("fraud", M.FLAG, Text("fraud", "舞弊")),
        Metric("standard_salary", M.MONEY, Text("standard salary", "标准工资"), required=False),
    ]


def _components() -> list[Component]:
    return [
        Component("sales", Text("sales", "销售业绩"), 40, Plateau("sales", Param("sales_target"))),
        Component(
            "service", Text("service", "服务质量"), 20, PerIncidentDeduction("complaints", 5)
        ),
        Component(
            "punctuality",
            Text("punctuality", "出勤"),
            15,
            Banded(
                "late_days",
                [(Interval(0, 0), 15), (Interval(1, 3), 8), (Interval.above(3), 0)],
                scale=15,
                direction="lower_is_better",
            ),
        ),
        Component(
            "returns",
            Text("returns", "退货"),
            15,
            StepDeduction("return_rate", "0.02", "0.01", per_step=3),
        ),
        Component("shopper", Text("mystery shopper", "神秘顾客"), 10, planted.ShopperVisits()),
    ]


PAY = BandLookup({"good": 1, "fair": "0.8", "poor": "0.6"})


def _fields() -> dict[str, Any]:
    return {
        "id": "shop.assistant",
        "version": "1",
        "title": Text("Shop assistant, monthly", "店员月度考核"),
        "period": PeriodKind.MONTHLY,
        "metrics": _metrics(),
        "components": _components(),
        "vetoes": [
            Veto("cash_shortage", Text("cash shortage", "现金短缺"), Input("cash_shortage")),
            Veto("fraud", Text("fraud", "舞弊"), Input("fraud")),
        ],
        "bands": BandTable(
            (
                Band("good", Text("full pay", "全额"), Interval.at_least(80)),
                Band("fair", Text("80% of pay", "八成"), Interval.closed_open(60, 80)),
                Band("poor", Text("60% of pay", "六成"), Interval.below(60)),
            )
        ),
        "outcomes": [
            Outcome("pay", Text("pay", "实发工资"), Input("standard_salary") * PAY, "money"),
            Outcome(
                "bonus_status",
                Text("bonus status", "奖金状态"),
                Where(Vetoed(), "withheld", "payable"),
                "text",
            ),
            Outcome(
                "star",
                Text("star of the month", "月度之星"),
                Where(Total() >= 95, True, False),
                "flag",
            ),
        ],
        "history_rules": [
            HistoryRule(
                "warning",
                Text("written warning", "书面警告"),
                3,
                [Trigger("poor", Text("total below 60", "总分低于60"), Total() < 60)],
            )
        ],
        "parameters": [
            Parameter(
                "sales_target",
                Text("monthly sales target", "月销售指标"),
                50000,
                kind=M.MONEY,
                domain=Interval(0, None, lower_closed=False),
            )
        ],
        "examples": [
            Example(
                "a perfect month",
                {
                    "sales": 50000,
                    "complaints": 0,
                    "late_days": 0,
                    "return_rate": "0.02",
                    "shopper_rating": 95,
                    "cash_shortage": False,
                    "fraud": False,
                    "standard_salary": 4000,
                },
                {"total": "100.00", "band": "good", "outcome": {"pay": "4000.00", "star": True}},
            ),
            Example(
                # 40 × 40000/50000 = 32; 20 − 5 = 15; 2 days late: 8; 3.5% is one full
                # point above 2%: 15 − 3 = 12; a rating of 75: 5. 32+15+8+12+5 = 72
                "an ordinary month",
                {
                    "sales": 40000,
                    "complaints": 1,
                    "late_days": 2,
                    "return_rate": "3.5%",
                    "shopper_rating": 75,
                    "cash_shortage": False,
                    "fraud": False,
                    "standard_salary": 4000,
                },
                {"total": "72.00", "band": "fair", "outcome": {"pay": "3200.00", "star": False}},
            ),
        ],
    }


def shop(name: str = "assistant", **changes: Any) -> Scheme:
    """The shop assistant's scheme (id ``shop.<name>``) with *changes* to its fields."""
    fields = _fields()
    fields.update(changes, id=f"shop.{name}")
    return Scheme(**fields)


def correct() -> Scheme:
    """The correct scheme, ``shop.assistant``."""
    return shop()


def _rule(component_id: str, rule: Rule, weight: int | None = None) -> list[Component]:
    return [
        attrs.evolve(c, rule=rule, weight=c.weight if weight is None else weight)
        if c.id == component_id
        else c
        for c in _components()
    ]


def _veto(condition: Any) -> list[Veto]:
    return [
        Veto("cash_shortage", Text("cash shortage", "现金短缺"), Input("cash_shortage")),
        Veto("fraud", Text("fraud", "舞弊"), condition),
    ]


def _outcome(outcome_id: str, expr: Any, kind: str = "number") -> list[Outcome]:
    kept = [o for o in _fields()["outcomes"] if o.id != outcome_id]
    return [*kept, Outcome(outcome_id, Text(outcome_id, outcome_id), expr, kind)]  # type: ignore[arg-type]


def _trigger(condition: Any) -> list[HistoryRule]:
    return [
        HistoryRule(
            "warning",
            Text("written warning", "书面警告"),
            3,
            [Trigger("poor", Text("poor", "差"), condition)],
        )
    ]


def _weights(*values: int) -> list[Component]:
    return [attrs.evolve(c, weight=w) for c, w in zip(_components(), values, strict=True)]


@attrs.frozen
class Planted:
    """One planted defect: what it is, how to build it, what catches it and what it says.

    ``caught_by`` is ``definition`` (:class:`SchemeDefinitionError` when built),
    ``lint`` (a finding of ``assesskit lint``) or the name of the invariant of
    the fast profile that fails; ``says`` are parts of the one problem,
    finding or report that catches it, ``part`` the component, veto, band or
    outcome an invariant names.
    """

    name: str
    issue_kind: str
    build: Callable[[], Scheme]
    caught_by: str
    says: tuple[str, ...]
    part: str | None = None


def _p(
    name: str,
    kind: str,
    caught_by: str,
    says: str | tuple[str, ...],
    part: str | None = None,
    **changes: Any,
) -> Planted:
    fragments = (says,) if isinstance(says, str) else says
    return Planted(name, kind, lambda: shop(name, **changes), caught_by, fragments, part)


_PERCENT_TIERS = Banded(
    "return_rate",
    [(Interval.at_least(5), 0), (Interval.closed_open(2, 5), 8), (Interval.below(2), 15)],
    scale=15,
    direction="lower_is_better",
)

#: Every planted defect, by the kind of the issue it belongs to.
VARIANTS: tuple[Planted, ...] = (
    # 1. vetoes, branches, triggers, tiers and bands that can never be reached
    _p(
        "fraud-is-text",
        "unreachable",
        "definition",
        "veto 'fraud': fraud == 'true': compares flag 'fraud' with text 'true'",
        vetoes=_veto(Input("fraud").equals(Const("true"))),
    ),
    _p(
        "fraud-is-yes",
        "unreachable",
        "definition",
        "veto 'fraud': fraud == '是': compares flag 'fraud' with text '是'",
        vetoes=_veto(Input("fraud").equals(Const("是"))),
    ),
    _p(
        "returns-above-sales",
        "unreachable",
        "definition",
        "compares ratio 'return_rate' with money 'sales', which measure different things",
        vetoes=_veto(Input("return_rate") > Input("sales")),
    ),
    _p(
        "veto-on-unknown-input",
        "unreachable",
        "definition",
        "veto 'fraud': reads unknown metric 'frauds'",
        vetoes=_veto(Input("frauds")),
    ),
    _p(
        "veto-reads-total",
        "unreachable",
        "definition",
        "veto 'fraud': total: reads the total, which is decided after the vetoes",
        vetoes=_veto(Total() < 30),
    ),
    _p(
        "veto-in-percent",
        "unreachable",
        "reach",
        "veto 'fraud' (return_rate > 30) never fires",
        "fraud",
        vetoes=_veto(Input("return_rate") > 30),
    ),
    _p(
        "veto-contradiction",
        "unreachable",
        "reach",
        "veto 'fraud' (late_days > 10 and late_days < 5) never fires",
        "fraud",
        vetoes=_veto((Input("late_days") > 10) & (Input("late_days") < 5)),
    ),
    _p(
        "veto-percent-arithmetic",
        "unreachable",
        "reach",
        "over the domains of its inputs it can never hold",
        "fraud",
        vetoes=_veto(Input("return_rate") * 100 > 150),
    ),
    _p(
        "star-above-100",
        "unreachable",
        "reach",
        "outcome 'star': its value true (when total > 100) is never given: the condition "
        "'total > 100' never holds",
        "star",
        outcomes=_outcome("star", Where(Total() > 100, True, False), "flag"),
    ),
    _p(
        "where-without-vetoes",
        "unreachable",
        "reach",
        "outcome 'bonus_status': its value 'withheld' (when a veto fired) is never given: the "
        "condition 'a veto fired' never holds",
        "bonus_status",
        vetoes=[],
    ),
    _p(
        "warning-never",
        "unreachable",
        "reach",
        "history rule 'warning': trigger 'poor' (total < 0) never holds",
        "warning",
        history_rules=_trigger(Total() < 0),
    ),
    _p(
        "trigger-reads-outcome",
        "unreachable",
        "definition",
        "reads an outcome, which the history of earlier periods does not keep",
        history_rules=_trigger(OutcomeRef("pay") < 1000),
    ),
    _p(
        "condition-is-a-count",
        "unreachable",
        "definition",
        "the condition of a Where must be a flag (true/false), but this is a count",
        outcomes=_outcome(
            "bonus_status", Where(Input("complaints"), "withheld", "payable"), "text"
        ),
    ),
    _p(
        "tiers-in-percent",
        "unreachable",
        "reach",
        "the tier 5 <= return_rate (0 points) holds no value of return_rate",
        "returns",
        components=_rule("returns", _PERCENT_TIERS),
    ),
    _p(
        "shopper-domain-too-narrow",
        "unreachable",
        "bands",
        "band 'excellent' [98, ∞) can never be reached",
        "excellent",
        metrics=[
            attrs.evolve(m, domain=Interval(0, 60)) if m.name == "shopper_rating" else m
            for m in _metrics()
        ],
        components=_rule("shopper", RaterMean(("shopper_rating",))),
        bands=BandTable(
            (
                Band("excellent", Text("excellent", "优秀"), Interval.at_least(98)),
                Band("good", Text("full pay", "全额"), Interval.closed_open(80, 98)),
                Band("fair", Text("80% of pay", "八成"), Interval.closed_open(60, 80)),
                Band("poor", Text("60% of pay", "六成"), Interval.below(60)),
            )
        ),
        outcomes=_outcome(
            "pay",
            Input("standard_salary")
            * BandLookup({"excellent": "1.2", "good": 1, "fair": "0.8", "poor": "0.6"}),
            "money",
        ),
    ),
    # 2. points above the component's weight
    _p(
        "tier-above-weight",
        "above weight",
        "definition",
        "the tier late_days = 0 gives 20 points, more than the table's scale 15",
        components=_rule(
            "punctuality",
            Banded(
                "late_days",
                [(Interval(0, 0), 20), (Interval(1, 3), 8), (Interval.above(3), 0)],
                scale=15,
                direction="lower_is_better",
            ),
        ),
    ),
    _p(
        "cap-above-one",
        "above weight",
        "definition",
        "its rule (ratio_to_target) can give up to 48 points, more than the component's weight 40",
        components=_rule("sales", RatioToTarget("sales", Param("sales_target"), cap="1.2")),
    ),
    _p(
        "deduction-adds",
        "above weight",
        "definition",
        "its rule (per_incident_deduction) can give any number of points",
        components=_rule("service", PerIncidentDeduction("complaints", -5)),
    ),
    _p(
        "bonus-declared",
        "above weight",
        "definition",
        "its rule (shop_over_declared) can give up to 80 points",
        components=_rule("sales", planted.OverDeclared()),
    ),
    _p(
        "scale-unlike-weight",
        "above weight",
        "lint",
        "component 'punctuality': its threshold table has scale 10 but the component's weight "
        "is 15",
        components=_rule(
            "punctuality",
            Banded(
                "late_days",
                [(Interval(0, 0), 10), (Interval(1, 3), 5), (Interval.above(3), 0)],
                scale=10,
                direction="lower_is_better",
            ),
        ),
    ),
    _p(
        "bonus-at-target",
        "above weight",
        "bounds",
        ("42 points", "outside [0, 40] (its weight)"),
        "sales",
        components=_rule("sales", planted.TargetBonus()),
    ),
    # 3. float arithmetic in a custom rule
    _p(
        "float-ratio",
        "float",
        "exact",
        "(rule kind 'shop_float_ratio') let an exact number escape into binary floating point "
        "in score(): converted the exact number",
        "sales",
        components=_rule("sales", planted.FloatRatio()),
    ),
    _p(
        "float-sum",
        "float",
        "exact",
        "(rule kind 'shop_float_sum') let an exact number escape into binary floating point in "
        "score(): computed 0.1 × ",
        "punctuality",
        components=_rule("punctuality", planted.FloatSum()),
    ),
    _p(
        "float-literal",
        "float",
        "exact",
        "score(): compared the exact number ",
        "returns",
        components=_rule("returns", planted.FloatLiteralThreshold()),
    ),
    _p(
        "float-points",
        "float",
        "bounds",
        "scoring raised RuleError: component 'sales' (rule kind 'shop_floating_points'): score() "
        "returned float points",
        "sales",
        components=_rule("sales", planted.FloatingPoints()),
    ),
    # 4. batch and exact disagree at a threshold no rule declares
    _p(
        "greater-in-batch",
        "batch edge",
        "batch",
        ("score_batch and score disagree", "(with shopper_rating = 90)"),
        "shopper",
        components=_rule("shopper", planted.GreaterInBatch()),
    ),
    _p(
        "greater-in-batch-param",
        "batch edge",
        "batch",
        ("score_batch and score disagree", "(with shopper_rating = 85)"),
        "shopper",
        components=_rule("shopper", planted.GreaterInBatch(top=Param("shopper_top"))),
        parameters=[
            *_fields()["parameters"],
            Parameter("shopper_top", Text("top rating", "高分"), 85, kind=M.RATING),
        ],
    ),
    _p(
        "greater-in-batch-constant",
        "batch edge",
        "batch",
        ("score_batch and score disagree", "(with shopper_rating = 87.5)"),
        "shopper",
        components=_rule("shopper", planted.GreaterInBatchByClassConstant()),
    ),
    # 5. a rule that divides by a parameter (or an input) that may be 0
    _p(
        "divide-by-target",
        "division",
        "params",
        (
            "component 'sales' (rule kind 'shop_plateau_by_division') raised ZeroDivisionError",
            "with parameters sales_target = 0",
        ),
        "sales",
        components=_rule("sales", planted.PlateauByDivision()),
        parameters=[
            Parameter(
                "sales_target", Text("monthly sales target", "月销售指标"), 50000, kind=M.MONEY
            )
        ],
    ),
    _p(
        "one-minus-tolerance",
        "division",
        "params",
        (
            "component 'returns' (rule kind 'shop_one_minus_parameter') raised ZeroDivisionError",
            "with parameters return_tolerance = 1",
        ),
        "returns",
        components=_rule("returns", planted.OneMinusParameter()),
        parameters=[
            *_fields()["parameters"],
            Parameter("return_tolerance", Text("tolerance", "容差"), "0.05", kind=M.RATIO),
        ],
    ),
    _p(
        "divide-by-complaints",
        "division",
        "bounds",
        ("ZeroDivisionError", "component 'service' (rule kind 'shop_resolution_rate')"),
        "service",
        metrics=[*_metrics(), Metric("resolved", M.COUNT, Text("resolved", "已解决"))],
        components=_rule("service", planted.ResolutionRate()),
    ),
    # 6. relative weights that look like points with a typo
    _p(
        "weights-99",
        "weights",
        "lint",
        "relative weights sum to 99 (40 + 20 + 15 + 14 + 10), not 100",
        weights="relative",
        components=_weights(40, 20, 15, 14, 10),
    ),
    _p(
        "weights-101",
        "weights",
        "lint",
        "relative weights sum to 101 (40 + 21 + 15 + 15 + 10), not 100",
        weights="relative",
        components=_weights(40, 21, 15, 15, 10),
    ),
    # 7. a total out of range names the component responsible
    _p(
        "always-generous",
        "messages",
        "bounds",
        ("is outside [0, 100]: component 'sales' earned 100 points, outside [0, 40] (its weight)"),
        "sales",
        components=_rule("sales", planted.AlwaysGenerous()),
    ),
)


def variant(name: str) -> Planted:
    """The planted defect *name*."""
    return next(v for v in VARIANTS if v.name == name)
