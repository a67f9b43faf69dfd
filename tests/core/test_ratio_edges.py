"""Ratio rules at their edges: float fallback, explanations, ranges, definitions, edges.

Hand-computed from the microloan spec (``weight × clamp(value / target, 0,
cap)``; a share ``weight × numerator / denominator``, not applicable when the
denominator is 0). Values with nine decimals cannot be read as scaled integers,
so they send the batch path through its float fallback; ``points_of`` checks
the batch against the exact path.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest
from tests.core._helpers import one_rule_scheme, points_of, record

from assesskit import (
    Component,
    Interval,
    Metric,
    MetricKind,
    Param,
    PeriodKind,
    Scheme,
    SchemeDefinitionError,
    Text,
)
from assesskit.constraints import NotAbove
from assesskit.rules import Boolean, Plateau, RatioToTarget, Share
from assesskit.rules.base import PointsRange

F = Fraction
NUMBER = MetricKind.NUMBER
RATIO = MetricKind.RATIO


def metric(name: str, kind: MetricKind, domain: Interval | None = None, **extra: Any) -> Metric:
    made = Metric(name, kind, Text(name, name + "率"), **extra)
    return made if domain is None else attrs.evolve(made, domain=domain)


def unbounded(name: str, kind: MetricKind = NUMBER, **extra: Any) -> Metric:
    return Metric(name, kind, Text(name, name + "率"), **extra).unbounded()


def by_name(*metrics: Metric) -> dict[str, Metric]:
    return {m.name: m for m in metrics}


LABELS = {"r": Text("r", "回报率"), "n": Text("n", "合格户"), "d": Text("d", "总户")}


class TestRatioToTarget:
    # return on capital against the target 13%, worth 45 points (microloan management)
    rule = RatioToTarget("r", "0.13")

    def scheme(self, rule: RatioToTarget | None = None) -> Any:
        return one_rule_scheme(rule or self.rule, [unbounded("r", RATIO, max_decimals=9)], 45)

    def test_float_fallback(self) -> None:
        rows = [
            record(r="0.065000001"),  # 45 × 0.065000001 / 0.13 = 22.50000035 → 22.50
            record(r="-0.050000001"),  # negative: not below 0
            record(r="0.100000001"),  # 34.6153849… → 34.62
            record(r="0.200000001"),  # above the target: capped at 45
            record(r="0"),
        ]
        assert points_of(self.scheme(), rows) == ["22.50", "0.00", "34.62", "45.00", "0.00"]

    def test_float_fallback_with_a_cap_below_one(self) -> None:
        # 45 × min(value / 0.13, 0.8): at most 36
        rule = RatioToTarget("r", "0.13", cap="0.8")
        rows = [record(r="0.200000001"), record(r="0.065000001"), record(r="-0.000000001")]
        assert points_of(self.scheme(rule), rows) == ["36.00", "22.50", "0.00"]
        rows = [record(r="0.2"), record(r="0.065"), record(r="-0.01")]  # the exact batch
        assert points_of(self.scheme(rule), rows) == ["36.00", "22.50", "0.00"]

    @pytest.mark.parametrize(
        ("value", "en", "zh"),
        [
            (
                "0.13",
                "r 13% against the target 13%: 45 × 1 (capped) = 45",
                "r率 13%,指标 13%:45 × 1(封顶)= 45",
            ),
            ("0", "r 0% against the target 13%: not below 0: 0", "r率 0%,指标 13%:不低于0:0"),
            ("-0.01", "r -1% against the target 13%: not below 0: 0", "r率 -1%,指标 13%:不低于0:0"),
            (
                "0.0065",
                "r 0.65% against the target 13%: 45 × 0.65% / 13% = 2.25",
                "r率 0.65%,指标 13%:45 × 0.65% / 13% = 2.25",
            ),
        ],
    )
    def test_explanations(self, value: str, en: str, zh: str) -> None:
        explained = self.scheme().score(record(r=value)).components["c"].explanation
        assert (explained.en, explained.zh) == (en, zh)

    def test_explanation_at_a_cap_below_one(self) -> None:
        rule = RatioToTarget("r", "0.13", cap="0.8")
        explained = self.scheme(rule).score(record(r="0.104")).components["c"].explanation
        assert explained.en == "r 10.4% against the target 13%: 45 × 0.8 (capped) = 36"

    def test_describe(self) -> None:
        assert self.rule.describe(F(45), LABELS) == Text(
            "45 × r / 0.13, not below 0 and at most 45",
            "45 × 回报率 / 指标 0.13,不低于0,最高 45",
        )
        capped = RatioToTarget("r", Param("target"), cap="0.8")
        assert capped.describe(F(10), LABELS).en == (
            "10 × r / target, not below 0 and at most 10 × at most 0.8"
        )
        assert Plateau("r", 100000).describe(F(20), LABELS) == Text(
            "20 × r / 100000 below the target; 20 from 100000 up",
            "未达指标 100000:20 × 回报率 / 100000;达到即得 20",
        )

    def test_bounds_directions_edges(self) -> None:
        assert RatioToTarget("r", "0.13", cap="0.8").bounds(F(10)) == (0, 8)
        assert self.rule.directions() == {"r": "higher_is_better"}
        assert RatioToTarget("r", "0.2", cap="0.5").edges({}) == {"r": (0, F(1, 5), F(1, 10))}
        by_param = RatioToTarget("r", Param("t"))
        assert by_param.edges({"t": "0.25"}) == {"r": (0, F(1, 4), F(1, 4))}

    @pytest.mark.parametrize(
        ("target", "params", "problems"),
        [
            ("0.13", {}, []),
            (0, {}, ["the target 0 must be above 0"]),
            ("-0.5", {}, ["the target -0.5 must be above 0"]),
            (Param("t"), {"t": 0}, ["the target t = 0 must be above 0"]),
            (Param("t"), {"t": "0.01"}, []),
        ],
    )
    def test_definition_problems(
        self, target: object, params: dict[str, object], problems: list[str]
    ) -> None:
        rule = RatioToTarget("r", target)  # type: ignore[arg-type]
        assert rule.definition_problems(by_name(unbounded("r")), params) == problems

    @pytest.mark.parametrize(
        ("domain", "cap", "expected"),
        [
            (Interval(0, 1), 1, PointsRange(0, 10)),  # 1 / 0.5 = 2, capped at 1
            (Interval(F(1, 10), F(2, 10)), 1, PointsRange(F(5, 2), 5)),  # 0.25 .. 0.5
            (Interval(F(-1), F(1, 10)), 1, PointsRange(0, F(5, 2))),  # negative: 0
            (Interval(None, None), 1, PointsRange(0, 10)),
            (Interval(None, None), "0.8", PointsRange(0, 8)),
            (Interval(F(1, 10), None), "0.8", PointsRange(F(5, 2), 8)),
            (Interval(0, 1), -1, PointsRange(-10, -10)),  # a negative cap: always the cap
        ],
    )
    def test_points_range(self, domain: Interval, cap: object, expected: PointsRange) -> None:
        rule = RatioToTarget("r", Param("t"), cap=cap)  # type: ignore[arg-type]
        metrics = by_name(metric("r", NUMBER, domain))
        assert rule.points_range(F(10), metrics, {"t": "0.4"}) == expected

    def test_points_range_of_a_target_not_above_zero(self) -> None:
        rule = RatioToTarget("r", Param("t"), cap="0.8")
        metrics = by_name(metric("r", NUMBER, Interval(0, 1)))
        assert rule.points_range(F(10), metrics, {"t": 0}) == PointsRange(0, 8)

    def test_a_target_that_is_no_decimal_against_a_weight_that_is_no_decimal(self) -> None:
        # Relative weights 1 and 2: the ratio is worth 100/3. Against the target 1/3
        # the points are 100/3 × value × 3 = 100 × value, capped at 100/3: the cap's
        # denominator 3 is not that of the points per unit of the value (1/100).
        scheme = Scheme(
            id="test.ratio-thirds",
            version="1",
            title=Text("ratio in thirds", "三分之一"),
            period=PeriodKind.MONTHLY,
            metrics=[unbounded("r"), Metric("ok", MetricKind.FLAG, Text("ok", "是否"))],
            components=[
                Component("c", Text("ratio", "比率"), 1, RatioToTarget("r", F(1, 3))),
                Component("f", Text("flag", "标志"), 2, Boolean("ok")),
            ],
            weights="relative",
        )
        rows = [{"r": v, "ok": True} for v in ("0.5", "1", "0.2", "0.01", "0")]
        # capped: 33.33 (total 100/3 + 200/3 = 100); 20; 1; 0
        assert points_of(scheme, rows) == ["33.33", "33.33", "20.00", "1.00", "0.00"]
        batch = scheme.score_batch({"r": [r["r"] for r in rows], "ok": [True] * 5})
        assert list(batch.total) == [100.0, 100.0, 86.67, 67.67, 66.67]


class TestShare:
    rule = Share("n", "d")

    def scheme(self, places: int | None = 9, lowest: int | None = 0) -> Any:
        # shares of non-negative amounts with many decimals (the float fallback); lowest=None
        # lets the amounts go negative
        domain = Interval(lowest, None)
        return one_rule_scheme(
            self.rule,
            [
                metric("n", NUMBER, domain, max_decimals=places),
                metric("d", NUMBER, domain, max_decimals=places),
            ],
            10,
        )

    def test_float_fallback(self) -> None:
        rows = [
            record(n="0.123456789", d=1),  # 10 × 0.123456789 = 1.23456789 → 1.23
            record(n=2, d="3.000000001"),  # 6.6666666644… → 6.67
            record(n=0, d=0),  # not applicable
            record(n=1, d=1),
        ]
        assert points_of(self.scheme(), rows) == ["1.23", "6.67", None, "10.00"]

    def test_a_share_of_inputs_that_can_be_negative_is_refused(self) -> None:
        # −3 <= −2 passes the constraint, and 10 × −3 / −2 = 15 of 10 points: the scheme is
        # refused when it is defined (the rule protocol: points stay within [0, weight])
        with pytest.raises(SchemeDefinitionError) as refused:
            self.scheme(2, lowest=None)
        assert (
            "component 'c': its rule (share) can give any number of points, more than the "
            "component's weight 10 (points (-∞, ∞))"
        ) in str(refused.value)
        assert "can give any negative number of points" in str(refused.value)

    def test_decimals_of_different_places(self) -> None:
        # one decimal over two: 10 × 0.5 / 2.25 = 2.22…; 10 × 1.5 / 4.75 = 3.157… → 3.16
        rows = [record(n="0.5", d="2.25"), record(n="1.5", d="4.75")]
        assert points_of(self.scheme(2), rows) == ["2.22", "3.16"]
        # and two decimals over one: 10 × 0.25 / 0.5 = 5; 10 × 1.75 / 2.5 = 7
        rows = [record(n="0.25", d="0.5"), record(n="1.75", d="2.5")]
        assert points_of(self.scheme(2), rows) == ["5.00", "7.00"]

    def test_explanations(self) -> None:
        scheme = one_rule_scheme(
            self.rule,
            [
                Metric("n", MetricKind.COUNT, Text("eligible", "合格户")),
                Metric("d", MetricKind.COUNT, Text("relocated", "总户")),
            ],
            10,
        )
        applies = scheme.score(record(n=1, d=4)).components["c"].explanation
        assert (applies.en, applies.zh) == (
            "eligible 1 of relocated 4: 10 × 1 / 4 = 2.5",
            "合格户 1 / 总户 4:10 × 1 / 4 = 2.5",
        )
        na = scheme.score(record(n=0, d=0)).components["c"].explanation
        assert (na.en, na.zh) == (
            "relocated is 0: not applicable, the other weights are rescaled",
            "总户为0:本项不适用,其余权重按比例放大",
        )

    def test_describe_directions_constraints(self) -> None:
        assert self.rule.describe(F(10), LABELS) == Text(
            "10 × n / d; not applicable when d is 0",
            "10 × 合格户 / 总户;分母为0时本项不适用",
        )
        assert self.rule.directions() == {"n": "higher_is_better"}
        assert self.rule.constraints() == (NotAbove("n", "d"),)
        assert self.rule.may_be_not_applicable() is True

    def test_points_range(self) -> None:
        counts = by_name(metric("n", MetricKind.COUNT), metric("d", MetricKind.COUNT))
        assert self.rule.points_range(F(10), counts, {}) == PointsRange(0, 10)
        # a negative weight: the share of [0, 1] gives [−10, 0]
        assert self.rule.points_range(F(-10), counts, {}) == PointsRange(-10, 0)
        # inputs that can be negative: n / d can be anything (-3 / -2 = 1.5, -1 / 4 < 0)
        anything = by_name(unbounded("n"), metric("d", MetricKind.COUNT))
        assert self.rule.points_range(F(10), anything, {}) == PointsRange(None, None)
        below = by_name(metric("n", MetricKind.COUNT), metric("d", NUMBER, Interval(-1, 5)))
        assert self.rule.points_range(F(10), below, {}) == PointsRange(None, None)
