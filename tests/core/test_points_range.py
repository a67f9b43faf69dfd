"""The points a rule can give, worked out from its definition and the metrics' domains."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pytest
from tests.core._helpers import one_rule_scheme

from assesskit import Band, BandTable, Interval, Metric, MetricKind, SchemeDefinitionError, Text
from assesskit.rules import (
    Banded,
    BatchRuleContext,
    BatchScored,
    Boolean,
    GradedDeduction,
    PerIncidentDeduction,
    Plateau,
    RaterMean,
    RatioToTarget,
    Rule,
    RuleContext,
    Scored,
    Share,
    StepDeduction,
)
from assesskit.rules.base import PointsRange

F = Fraction


def metric(name: str, kind: MetricKind, domain: Interval | None = None, **extra: Any) -> Metric:
    made = Metric(name, kind, Text(name), **extra)
    return made if domain is None else attrs.evolve(made, domain=domain)


def points(rule: Rule, weight: int, *metrics: Metric, **params: Any) -> PointsRange:
    return rule.points_range(F(weight), {m.name: m for m in metrics}, params)


RATIO = metric("r", MetricKind.RATIO)
RATING = metric("s", MetricKind.RATING)
COUNT = metric("n", MetricKind.COUNT)


def test_a_threshold_table_reaches_only_tiers_within_the_domain() -> None:
    tiers = [
        (Interval.at_least(90), 10),
        (Interval.closed_open(80, 90), 5),
        (Interval.below(80), 0),
    ]
    assert points(Banded("s", tiers, scale=10), 10, RATING) == PointsRange(0, 10, (0, 5, 10))
    # the same thresholds on a ratio (written in percent by mistake): only "below 80" is reached
    assert points(Banded("r", tiers, scale=10), 10, RATIO) == PointsRange(0, 0, (0,))
    # a tier between two counts holds no count: (0, 1) is never reached
    between = [(Interval(0, 0), 10), (Interval(0, 1, False, False), 7), (Interval.at_least(1), 0)]
    assert points(Banded("n", between, scale=10), 10, COUNT) == PointsRange(0, 10, (0, 10))
    # points scale with the weight: 10-point tiers on a weight of 15
    assert points(Banded("s", tiers, scale=10), 15, RATING).values == (0, F(15, 2), 15)


def test_a_ratio_to_target_reaches_what_the_domain_allows() -> None:
    assert points(Plateau("r", "0.13"), 10, RATIO) == PointsRange(0, 10)
    # a ratio is at most 1: with a target of 2 the component earns at most 10 × 1/2
    assert points(RatioToTarget("r", 2), 10, RATIO) == PointsRange(0, 5)
    # a plain number without a domain: 0 below 0, the cap above the target
    number = metric("x", MetricKind.NUMBER)
    assert points(RatioToTarget("x", 5, cap="0.8"), 10, number) == PointsRange(0, 8)


def test_a_ratio_to_a_parameter_target_reads_its_value() -> None:
    from assesskit import Param

    assert points(RatioToTarget("r", Param("t")), 10, RATIO, t=F(4)) == PointsRange(0, F(5, 2))


def test_deductions_reach_what_the_counts_allow() -> None:
    # 10 − 2 per incident, any number of incidents: 0 to 10
    assert points(PerIncidentDeduction("n", 2), 10, COUNT).low == 0
    assert points(PerIncidentDeduction("n", 2), 10, COUNT).high == 10
    # at most 3 incidents: 10 − 6 = 4 at worst
    few = metric("n", MetricKind.COUNT, Interval(0, 3))
    found = points(PerIncidentDeduction("n", 2), 10, few)
    assert (found.low, found.high) == (4, 10)
    # a negative deduction adds points without limit
    assert points(PerIncidentDeduction("n", -2), 10, COUNT) == PointsRange(10, None)


def test_a_step_deduction_reaches_what_the_domain_allows() -> None:
    # 10 − 1 per full 1% above 5%: at 100%, 95 steps take everything
    found = points(StepDeduction("r", "0.05", "0.01"), 10, RATIO)
    assert (found.low, found.high) == (0, 10)
    # 0.1 per step: at 100% the component keeps 10 − 9.5 = 0.5
    found = points(StepDeduction("r", "0.05", "0.01", per_step="0.1"), 10, RATIO)
    assert (found.low, found.high) == (F(1, 2), 10)
    # a negative step adds a point per full step: 10 + 95 at 100%
    assert points(StepDeduction("r", "0.05", "0.01", per_step=-1), 10, RATIO) == PointsRange(
        10, 105
    )


def test_a_graded_deduction_keeps_within_the_weight() -> None:
    deduction = metric("d", MetricKind.NUMBER, max_decimals=2)
    assert points(GradedDeduction("n", "d"), 20, COUNT, deduction) == PointsRange(0, 20)


def test_a_rater_mean_reaches_the_range_of_the_ratings() -> None:
    assert points(RaterMean(("s",)), 30, RATING) == PointsRange(0, 30)
    strict = metric("s", MetricKind.RATING, Interval(60, 100))
    assert points(RaterMean(("s",)), 30, strict) == PointsRange(18, 30)


def test_shares_and_flags() -> None:
    share = Share("n", "m")
    assert points(share, 10, COUNT, metric("m", MetricKind.COUNT)) == PointsRange(0, 10)
    assert points(Boolean("b"), 10, metric("b", MetricKind.FLAG)) == PointsRange(0, 10, (0, 10))


@attrs.frozen
class Doubling(Rule):
    """A plugin rule kind without points_range: the default is what bounds() declares."""

    kind: ClassVar[str] = "test_doubling"
    metric: str = "s"

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        return Scored(weight, Text("full"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        raise NotImplementedError

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("full")

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return Fraction(0), 2 * weight


def test_a_plugin_rule_defaults_to_its_declared_bounds() -> None:
    assert points(Doubling(), 10, RATING) == PointsRange(0, 20)
    with pytest.raises(SchemeDefinitionError, match=r"\(test_doubling\) can give up to 20 points"):
        one_rule_scheme(Doubling(), [RATING], weight=10)


# -- refused when the scheme is defined ---------------------------------------------------------


def test_a_tier_above_the_weight_is_refused() -> None:
    # the defect: a tier of 20 on a component of 15
    tiers = [
        (Interval.at_least(90), 20),
        (Interval.closed_open(60, 90), 10),
        (Interval.below(60), 0),
    ]
    with pytest.raises(SchemeDefinitionError) as caught:
        one_rule_scheme(Banded("s", tiers, scale=15), [RATING], weight=15)
    assert caught.value.problems == (
        "component 'c': the tier 90 <= s gives 20 points, more than the table's scale 15 (the "
        "component's weight): a component never earns more than its weight",
    )
    # at the weight itself it is accepted
    fine = [
        (Interval.at_least(90), 15),
        (Interval.closed_open(60, 90), 10),
        (Interval.below(60), 0),
    ]
    one_rule_scheme(Banded("s", fine, scale=15), [RATING], weight=15)


def test_a_negative_tier_is_refused() -> None:
    tiers = [(Interval.at_least(60), 10), (Interval.below(60), -5)]
    with pytest.raises(SchemeDefinitionError, match="gives -5 points: a component never earns"):
        one_rule_scheme(Banded("s", tiers, scale=10), [RATING], weight=10)


def test_a_negative_deduction_is_refused() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        one_rule_scheme(PerIncidentDeduction("n", -2), [COUNT], weight=10)
    assert caught.value.problems == (
        "component 'c': its rule (per_incident_deduction) can give any number of points, more "
        "than the component's weight 10 (points [10, ∞)): a component never earns more than "
        "its weight",
    )


def test_a_band_reachable_only_through_an_unreachable_tier_is_found() -> None:
    # 100 needs the tier "above 100" of a rating: no rating reaches it, so neither does 100
    tiers = [
        (Interval.above(100), 10),
        (Interval(50, 100), 5),
        (Interval.below(50), 0),
    ]
    bands = BandTable(
        (
            Band("perfect", Text("perfect"), Interval(100, 100)),
            Band("rest", Text("rest"), Interval.below(100)),
        )
    )
    scheme = one_rule_scheme(Banded("s", tiers, scale=10), [RATING], weight=10, bands=bands)
    assert [str(f) for f in scheme.lint()] == [
        "band 'perfect' [100, 100] can never be reached (possible totals: {0, 5, 90, 95})"
    ]
