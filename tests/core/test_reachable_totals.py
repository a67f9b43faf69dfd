"""The published totals a scheme can produce (``reachable_totals``), worked out by hand.

Each scheme here has two components of 50 points whose rule (``Given``)
declares the points it can give; the totals are their sums, published to
the hundredth (half up), or the span from the lowest to the highest sum
when there are too many sums to list.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
from tests.core._helpers import one_rule_scheme

from assesskit import (
    Component,
    Const,
    Input,
    Interval,
    Metric,
    MetricKind,
    Param,
    Parameter,
    PeriodKind,
    Scheme,
    Text,
    Veto,
)
from assesskit.bands import Reachable
from assesskit.rules import BatchRuleContext, BatchScored, RatioToTarget, Rule, RuleContext, Scored
from assesskit.rules.base import PointsRange
from assesskit.scoring.bounds import reachable_totals

F = Fraction


@attrs.frozen
class Given(Rule):
    """A rule kind of one's own that declares the points it can give."""

    kind: ClassVar[str] = "test_given"
    low: Fraction | None
    high: Fraction | None
    values: tuple[Fraction, ...] | None = None
    not_applicable: bool = False

    def inputs(self) -> tuple[str, ...]:
        return ("x",)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        return Scored(weight, Text("given"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        # never scored here: these tests read only the points the rule declares it can give
        raise NotImplementedError("Given is a test double of points_range only")

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("given")

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        return PointsRange(self.low, self.high, self.values)

    def may_be_not_applicable(self) -> bool:
        return self.not_applicable


def values(*points: Fraction | int) -> Given:
    ordered = tuple(sorted(F(p) for p in points))
    return Given(ordered[0], ordered[-1], ordered)


def scheme(a: Given, b: Given, *, vetoed: bool = False, **extra: Any) -> Scheme:
    vetoes = [Veto("v", Text("veto"), Input("x") > Const(1))] if vetoed else []
    return Scheme(
        id="test.reach",
        version="1",
        title=Text("reach"),
        period=PeriodKind.MONTHLY,
        metrics=[Metric("x", MetricKind.NUMBER, Text("x"))],
        components=[Component("a", Text("a"), 50, a), Component("b", Text("b"), 50, b)],
        vetoes=vetoes,
        **extra,
    )


def published(*totals: str) -> frozenset[Fraction]:
    return frozenset(F(t) for t in totals)


def test_few_values_give_every_sum_rounded_half_up() -> None:
    # a ∈ {0, 50/3, 50}, b ∈ {0, 0.005, 50}: 50/3 + 0.005 = 16.6716… → 16.67,
    # 50 + 0.005 = 50.005 → 50.01, 50/3 + 50 = 66.666… → 66.67
    reach = reachable_totals(scheme(values(0, F(50, 3), 50), values(0, F(5, 1000), 50)))
    assert reach == Reachable((), published("0", "0.01", "16.67", "50", "50.01", "66.67", "100"))


def test_a_veto_adds_a_total_of_0() -> None:
    a, b = values(10, 50), values(20, 50)
    assert reachable_totals(scheme(a, b)) == Reachable((), published("30", "60", "70", "100"))
    assert reachable_totals(scheme(a, b, vetoed=True)) == Reachable(
        (), published("0", "30", "60", "70", "100")
    )


def test_a_component_without_listed_values_gives_the_span() -> None:
    # a between 0.005 and 10.004, b one of {20, 39.99}: sums from 20.005 to 49.994,
    # published 20.01 to 49.99
    span = Given(F(5, 1000), F(10004, 1000))
    expected = Reachable((Interval(F("20.01"), F("49.99")),))
    assert reachable_totals(scheme(span, values(20, F("39.99")))) == expected
    assert reachable_totals(scheme(values(20, F("39.99")), span)) == expected
    # with a veto, 0 besides the span
    with_veto = reachable_totals(scheme(span, values(20, F("39.99")), vetoed=True))
    assert with_veto == Reachable((Interval(F("20.01"), F("49.99")),), published("0"))


def test_twenty_thousand_sums_are_listed_one_more_gives_the_span() -> None:
    # a = i/4 and b = j/1000 (j < 250): every pair a distinct sum
    quarters = values(*(F(i, 4) for i in range(200)))
    thousandths = values(*(F(j, 1000) for j in range(100)))
    listed = reachable_totals(scheme(quarters, thousandths))
    assert listed.intervals == ()
    # sums to the hundredth: each quarter with 0.00 … 0.10 (0.005 and up round up)
    assert listed.points == frozenset(F(i, 4) + F(h, 100) for i in range(200) for h in range(11))
    # 177 × 113 = 20,001 sums: from 0 to 44 + 0.112, published 0 to 44.11
    many = reachable_totals(
        scheme(values(*(F(i, 4) for i in range(177))), values(*(F(j, 1000) for j in range(113))))
    )
    assert many == Reachable((Interval(F(0), F("44.11")),))


def test_rescaled_components_that_may_not_apply_reach_anything() -> None:
    maybe = Given(F(10), F(20), (F(10), F(20)), not_applicable=True)
    surely = values(30, 40)
    anything = Reachable((Interval(0, 100),))
    assert reachable_totals(scheme(maybe, surely)) == anything
    assert reachable_totals(scheme(surely, maybe)) == anything
    assert reachable_totals(scheme(maybe, surely, vetoed=True)) == Reachable(
        (Interval(0, 100),), published("0")
    )
    # counted as 0 instead of rescaled: only the sums
    zero = scheme(maybe, surely, not_applicable="zero")
    assert reachable_totals(zero) == Reachable((), published("40", "50", "60"))
    # rescaling, but no component that may not apply: only the sums
    assert reachable_totals(scheme(values(10, 20), surely)) == Reachable(
        (), published("40", "50", "60")
    )


def test_a_rule_reads_the_schemes_parameters() -> None:
    # 100 × r / t for a ratio r ≤ 1: with the target t = 2 at most 50, with t = 4 at most 25
    rule = RatioToTarget("r", Param("t"))
    ratio = Metric("r", MetricKind.RATIO, Text("r"))
    target = Parameter("t", Text("target"), 2)
    made = one_rule_scheme(rule, [ratio], weight=100, parameters=[target])
    assert reachable_totals(made) == Reachable((Interval(F(0), F(50)),))
    assert reachable_totals(made.with_params({"t": 4})) == Reachable((Interval(F(0), F(25)),))
