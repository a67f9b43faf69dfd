"""Deduction rules at their edges: float fallback, explanations, ranges, reachable points, edges.

Hand-computed from the microloan spec (``points = max(0, weight − k × incidents)``,
graded deductions of ``low``..``high`` points per incident, one point per full
step above a threshold). Batch paths are checked against the exact path with
``points_of``; values with nine decimals (or past 2**52) cannot be read as
scaled integers, so they send the batch through its float fallback.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest
from tests.core._helpers import one_rule_scheme, points_of, record

from assesskit import Interval, Metric, MetricKind, Param, SchemeDefinitionError, Text
from assesskit.rules import GradedDeduction, PerIncidentDeduction, StepDeduction
from assesskit.rules.base import PointsRange

F = Fraction
COUNT = MetricKind.COUNT
NUMBER = MetricKind.NUMBER
RATIO = MetricKind.RATIO


def metric(name: str, kind: MetricKind, domain: Interval | None = None, **extra: Any) -> Metric:
    made = Metric(name, kind, Text(name, name + "数"), **extra)
    return made if domain is None else attrs.evolve(made, domain=domain)


def unbounded(name: str, kind: MetricKind) -> Metric:
    return Metric(name, kind, Text(name)).unbounded()


def by_name(*metrics: Metric) -> dict[str, Metric]:
    return {m.name: m for m in metrics}


LABELS = {"a": Text("a", "甲类"), "b": Text("b", "乙类"), "n": Text("n", "次数")}


class TestPerIncidentDeduction:
    # weight 10, 2 points per incident, two inputs added up
    two = PerIncidentDeduction(("a", "b"), 2)

    def test_float_fallback_adds_every_input(self) -> None:
        # nine decimals: no scaled-integer reading, the batch sums float columns
        scheme = one_rule_scheme(
            self.two, [metric("a", NUMBER, max_decimals=9), metric("b", NUMBER)], 10
        )
        rows = [
            record(a="0.123456789", b=1),  # 10 − 2 × 1.123456789 = 7.753086422
            record(a="1.000000001", b=0),  # 10 − 2 × 1.000000001 = 7.999999998
            record(a="4.999999999", b=1),  # 10 − 2 × 5.999999999 < 0 → 0
            record(a="0.000000001", b=3),  # 10 − 2 × 3.000000001 = 3.999999998
        ]
        assert points_of(scheme, rows) == ["7.75", "8.00", "0.00", "4.00"]

    def test_counts_past_the_exact_range(self) -> None:
        # 3 × (10**15 + 10**15) is past 2**52: the batch cannot take it off exactly and
        # falls back to floats
        rule = PerIncidentDeduction(("a", "b"), 3)
        scheme = one_rule_scheme(rule, [metric("a", COUNT), metric("b", COUNT)], 10)
        big = 10**15 - 1
        rows = [record(a=big, b=big), record(a=0, b=2), record(a=1, b=0), record(a=0, b=0)]
        assert points_of(scheme, rows) == ["0.00", "4.00", "7.00", "10.00"]

    def test_fractional_rate_on_decimal_counts(self) -> None:
        # inputs with different decimals are brought to one denominator: 10 − 0.25 × (1.5 + 2.25)
        rule = PerIncidentDeduction(("a", "b"), "0.25")
        scheme = one_rule_scheme(
            rule, [metric("a", NUMBER, max_decimals=1), metric("b", NUMBER, max_decimals=2)], 10
        )
        rows = [record(a="1.5", b="2.25"), record(a="39.9", b="0.1"), record(a="38", b="1.99")]
        # 10 − 0.9375 = 9.0625 → 9.06; 10 − 10 = 0; 10 − 9.9975 = 0.0025 → 0.00
        assert points_of(scheme, rows) == ["9.06", "0.00", "0.00"]
        rows = [record(a="0.1", b="0.02")]  # 10 − 0.25 × 0.12 = 9.97
        assert points_of(scheme, rows) == ["9.97"]

    @pytest.mark.parametrize(
        ("a", "b", "en", "zh"),
        [
            (2, 3, "a 2 + b 3: 10 − 2 × 5 = 0", "甲类 2 + 乙类 3:10 − 2 × 5 = 0"),
            (1, 1, "a 1 + b 1: 10 − 2 × 2 = 6", "甲类 1 + 乙类 1:10 − 2 × 2 = 6"),
            (
                3,
                3,
                "a 3 + b 3: 10 − 2 × 6 = 0 (not below 0)",
                "甲类 3 + 乙类 3:10 − 2 × 6 = 0(不低于0)",
            ),
        ],
    )
    def test_explanation_marks_the_floor_only_below_zero(
        self, a: int, b: int, en: str, zh: str
    ) -> None:
        scheme = one_rule_scheme(
            self.two,
            [
                Metric("a", COUNT, Text("a", "甲类")),
                Metric("b", COUNT, Text("b", "乙类")),
            ],
            10,
        )
        explained = scheme.score(record(a=a, b=b)).components["c"].explanation
        assert (explained.en, explained.zh) == (en, zh)

    def test_explanation_of_a_remainder_below_one(self) -> None:
        # 10 − 3.2 × 3 = 0.4: above 0, so no floor note
        scheme = one_rule_scheme(PerIncidentDeduction("n", "3.2"), [metric("n", COUNT)], 10)
        assert scheme.score(record(n=3)).components["c"].explanation.en == (
            "n 3: 10 − 3.2 × 3 = 0.4"
        )

    def test_describe(self) -> None:
        assert self.two.describe(F(10), LABELS) == Text(
            "10 − 2 per incident (a + b), not below 0",
            "每次扣 2 分(甲类 + 乙类),从 10 分扣起,扣完为止",
        )
        by_param = PerIncidentDeduction("n", Param("k"))
        assert by_param.describe(F(5), LABELS).en == "5 − k per incident (n), not below 0"

    def test_directions_and_edges(self) -> None:
        assert self.two.directions() == {"a": "lower_is_better", "b": "lower_is_better"}
        # 0, 1 and the first count past 100 points: 100 / 2 + 1
        assert self.two.edges({}) == {"a": (0, 1, 51), "b": (0, 1, 51)}
        assert PerIncidentDeduction("n", "0.3").edges({}) == {"n": (0, 1, 334)}
        # a parameter counts as 1 point per incident
        assert PerIncidentDeduction("n", Param("k")).edges({"k": 4}) == {"n": (0, 1, 101)}

    def test_reachable(self) -> None:
        assert self.two.reachable(F(10)) == (0, 2, 4, 6, 8, 10)
        # 10 / 3 is no whole number of incidents: 10, 7, 4, 1 and then 0
        assert PerIncidentDeduction("n", 3).reachable(F(10)) == (0, 1, 4, 7, 10)
        assert PerIncidentDeduction("n", "0.5").reachable(F(1)) == (0, F(1, 2), 1)
        # 1000 incidents to reach 0 is still few; 1001 is too many to list
        assert len(PerIncidentDeduction("n", 1).reachable(F(1000)) or ()) == 1001
        assert PerIncidentDeduction("n", 1).reachable(F(1001)) is None
        assert PerIncidentDeduction("n", 0).reachable(F(10)) is None
        assert PerIncidentDeduction("n", Param("k")).reachable(F(10)) is None

    def test_points_range(self) -> None:
        counts = by_name(metric("a", COUNT), metric("b", COUNT))
        assert self.two.points_range(F(10), counts, {}) == PointsRange(0, 10, (0, 2, 4, 6, 8, 10))
        # at least 1 + 1 and at most 2 + 1 incidents: 10 − 4 = 6 down to 10 − 6 = 4
        few = by_name(metric("a", COUNT, Interval(1, 2)), metric("b", COUNT, Interval(1, 1)))
        assert self.two.points_range(F(10), few, {}) == PointsRange(4, 6, (0, 2, 4, 6, 8, 10))
        # a parameter rate: resolved from the parameter values, no list of values
        by_param = PerIncidentDeduction("a", Param("k"))
        assert by_param.points_range(F(10), counts, {"k": 2}) == PointsRange(0, 10)
        assert by_param.points_range(F(10), counts, {"k": 0}) == PointsRange(10, 10)
        # a negative rate adds points: unbounded above without a largest count
        adds = PerIncidentDeduction("a", -1)
        assert adds.points_range(F(10), counts, {}) == PointsRange(10, None)
        bounded = by_name(metric("a", COUNT, Interval(2, 3)))
        assert adds.points_range(F(10), bounded, {}) == PointsRange(12, 13)
        # no domain at all: anything from 0 to the weight
        anything = by_name(unbounded("a", NUMBER))
        assert PerIncidentDeduction("a", 2).points_range(F(10), anything, {}) == PointsRange(
            0, 10, (0, 2, 4, 6, 8, 10)
        )
        assert adds.points_range(F(10), anything, {}) == PointsRange(10, None)
        # half a point per incident, no largest count: down to 0
        half = PerIncidentDeduction("a", "0.5")
        assert half.points_range(F(1), counts, {}) == PointsRange(0, 1, (0, F(1, 2), 1))


class TestGradedDeduction:
    rule = GradedDeduction("n", "d")  # 1..20 points per incident

    def scheme(self, weight: int = 20) -> Any:
        return one_rule_scheme(
            self.rule,
            [metric("n", COUNT), metric("d", NUMBER, max_decimals=2)],
            weight,
        )

    @pytest.mark.parametrize(
        ("n", "d", "en"),
        [
            (1, 20, "1 incident(s), 20 points taken: 20 − 20 = 0"),
            (1, "19.5", "1 incident(s), 19.5 points taken: 20 − 19.5 = 0.5"),
            (2, "20.01", "2 incident(s), 20.01 points taken: 20 − 20.01 = 0 (not below 0)"),
        ],
    )
    def test_explanation_marks_the_floor_only_below_zero(self, n: int, d: object, en: str) -> None:
        explained = self.scheme().score(record(n=n, d=d)).components["c"].explanation
        assert explained.en == en

    def test_float_fallback_past_the_exact_range(self) -> None:
        # 10**14 points in hundredths is past 2**52: no scaled integers, floats clamped at 0
        # (a float column: text that no float reads back would be re-scored exactly)
        rows = [record(n=10**13, d=99999999999999.98), record(n=1, d=2.5), record(n=0, d=0.0)]
        assert points_of(self.scheme(), rows) == ["0.00", "17.50", "20.00"]

    @pytest.mark.parametrize(
        ("low", "high", "ok"),
        [(0, 0, True), (0, 20, True), (5, 5, True), ("0.5", 3, True), (-1, 3, False)],
    )
    def test_low_and_high_per_incident(self, low: object, high: object, ok: bool) -> None:
        rule = GradedDeduction("n", "d", low=low, high=high)
        problems = rule.definition_problems(
            by_name(metric("n", COUNT), metric("d", NUMBER, max_decimals=2)), {}
        )
        assert (problems == []) is ok, problems

    @pytest.mark.parametrize(("places", "ok"), [(0, True), (2, True), (3, False)])
    def test_at_most_two_decimals_taken(self, places: int, ok: bool) -> None:
        metrics = [metric("n", COUNT), metric("d", NUMBER, max_decimals=places)]
        if ok:
            one_rule_scheme(self.rule, metrics, 20)
        else:
            with pytest.raises(SchemeDefinitionError, match="'d' must have at most 2 decimals"):
                one_rule_scheme(self.rule, metrics, 20)

    def test_describe_directions_edges(self) -> None:
        assert self.rule.describe(F(20), LABELS) == Text(
            "20 − d (1 to 20 points per incident of n, chosen by the assessor), not below 0",
            "每次差错视性质和金额扣 1–20 分(次数),从 20 分扣起,扣完为止",
        )
        assert self.rule.directions() == {"d": "lower_is_better"}
        assert self.rule.edges({}) == {"n": (0, 1, 2)}

    @pytest.mark.parametrize(
        ("incidents", "taken", "expected"),
        [
            # any count, 0..15 points taken: 20 − 15 = 5 up to 20
            (Interval.at_least(0), Interval(0, 15), PointsRange(5, 20)),
            # 1 or 2 incidents, any points: at least 1 taken (19), at most 40 (0)
            (Interval(1, 2), None, PointsRange(0, 19)),
            # 2 or 3 incidents, no more than 30 taken: 30 − 30 = 0 .. 30 − 2 = 28 at weight 30
            (Interval(2, 3), Interval(0, 30), PointsRange(0, 28)),
            # at most 1 incident: at most 20 taken of 30
            (Interval(0, 1), None, PointsRange(10, 30)),
        ],
    )
    def test_points_range(
        self, incidents: Interval, taken: Interval | None, expected: PointsRange
    ) -> None:
        weight = 30 if expected.high in (28, 30) else 20
        d = metric("d", NUMBER, taken, max_decimals=2)
        if taken is None:
            d = attrs.evolve(d, domain=Interval.at_least(0))
        got = self.rule.points_range(F(weight), by_name(metric("n", COUNT, incidents), d), {})
        assert got == expected

    def test_points_range_without_any_bound(self) -> None:
        metrics = by_name(unbounded("n", NUMBER), unbounded("d", NUMBER))
        assert self.rule.points_range(F(20), metrics, {}) == PointsRange(0, None)


class TestStepDeduction:
    # 10 points; one point per full 1% above 5% (microloan overdue ratio)
    rule = StepDeduction("r", "0.05", "0.01")

    def scheme(self, rule: StepDeduction | None = None, **extra: Any) -> Any:
        return one_rule_scheme(rule or self.rule, [metric("r", RATIO, max_decimals=9)], 10, **extra)

    def test_float_fallback_with_the_doubtful_rows_rescored(self) -> None:
        # 0.070000001 has nine decimals: the whole column goes through floats. The float
        # (0.06 − 0.05) / 0.01 is 0.999…: that row is re-scored exactly (one full step).
        rows = [
            record(r="0.070000001"),  # 2.0000001 steps → 2 → 8
            record(r=0.06),  # 1 step → 9 (a float trap)
            record(r=0.05),  # at the threshold: not above → 10
            record(r="0.049999999"),  # below → 10
            record(r="0.159999999"),  # 10.9999999 steps → 10 → 0
            record(r="0.5"),  # 45 steps → not below 0
            record(r="0.083333333"),  # 3.3333333 steps → 3 → 7
        ]
        assert points_of(self.scheme(), rows) == [
            "8.00",
            "9.00",
            "10.00",
            "10.00",
            "0.00",
            "0.00",
            "7.00",
        ]
        batch = self.scheme().score_batch({"r": [0.06, "0.070000001"], "filler_ok": [1, 1]})
        assert batch.exact_rows == 1  # only the float trap needed the exact path
        # a value at the threshold is no step, and no doubt either
        batch = self.scheme().score_batch({"r": [0.05, "0.070000001"], "filler_ok": [1, 1]})
        assert batch.exact_rows == 0

    def test_float_fallback_with_points_per_step(self) -> None:
        # 3 points per full 2% above 10%: 16.0000001% is 3 steps → 1
        rule = StepDeduction("r", "0.10", "0.02", 3)
        rows = [record(r="0.160000001"), record(r="0.119999999"), record(r="0.1")]
        assert points_of(self.scheme(rule), rows) == ["1.00", "10.00", "10.00"]

    def test_a_step_that_is_not_one_unit(self) -> None:
        # steps of 3% above 5%: 11% is 2 steps → 8; 10.99% is 1 step → 9
        rule = StepDeduction("r", "0.05", "0.03")
        rows = [record(r="0.11"), record(r="0.1099"), record(r="0.0799"), record(r="0.08")]
        assert points_of(self.scheme(rule), rows) == ["8.00", "9.00", "10.00", "9.00"]

    def test_explanations(self) -> None:
        scheme = self.scheme()
        at = scheme.score(record(r="0.05")).components["c"].explanation
        assert at.en == "r 5% is not above 5%: 10"
        assert at.zh == "r数 5%,不超过 5%:10"
        zero = scheme.score(record(r="0.15")).components["c"].explanation
        assert zero.en == "r 15% is 10 full step(s) of 1% above 5%: 10 − 10 = 0"
        # 10 − 3.2 × 3 = 0.4: no floor note
        rule = StepDeduction("r", "0.05", "0.01", "3.2")
        small = self.scheme(rule).score(record(r="0.08")).components["c"].explanation
        assert small.en == "r 8% is 3 full step(s) of 1% above 5%: 10 − 3.2 × 3 = 0.4"

    def test_describe_directions_edges(self) -> None:
        labels = {"r": Text("r", "逾期率")}
        assert self.rule.describe(F(10), labels) == Text(
            "10 when r <= 0.05; above it, 1 point(s) off for each full 0.01 above 0.05, "
            "not below 0",
            "逾期率不超过 0.05 得 10 分;超过部分每满 0.01 扣 1 分,扣完为止",
        )
        assert self.rule.directions() == {"r": "lower_is_better"}
        assert self.rule.edges({}) == {"r": tuple(F(5 + i, 100) for i in range(12))}
        by_param = StepDeduction("r", Param("t"), Param("s"))
        assert by_param.edges({"t": "0.1", "s": "0.05"}) == {
            "r": tuple(F(10 + 5 * i, 100) for i in range(12))
        }

    def test_definition_problems(self) -> None:
        metrics = by_name(metric("r", RATIO))
        assert StepDeduction("r", "0.05", 0).definition_problems(metrics, {}) == [
            "the step 0 must be above 0"
        ]
        by_param = StepDeduction("r", "0.05", Param("s"))
        assert by_param.definition_problems(metrics, {"s": 0}) == ["the step s = 0 must be above 0"]
        assert by_param.definition_problems(metrics, {"s": "0.01"}) == []
        assert self.rule.definition_problems(metrics, {}) == []

    def test_reachable(self) -> None:
        assert self.rule.reachable(F(3)) == (0, 1, 2, 3)
        assert StepDeduction("r", 0, 1, 3).reachable(F(10)) == (0, 1, 4, 7, 10)
        assert StepDeduction("r", 0, 1, "0.5").reachable(F(1)) == (0, F(1, 2), 1)
        assert len(self.rule.reachable(F(1000)) or ()) == 1001
        assert self.rule.reachable(F(1001)) is None
        assert StepDeduction("r", 0, 1, 0).reachable(F(10)) is None
        assert StepDeduction("r", 0, 1, Param("p")).reachable(F(10)) is None

    @pytest.mark.parametrize(
        ("domain", "expected_low", "expected_high"),
        [
            (Interval(0, 1), 0, 10),  # 0 → 10; 100% → 95 steps → 0
            (Interval(F(2, 100), F(85, 1000)), 7, 10),  # 8.5% → 3 full steps → 7
            (Interval(F(2, 100), F(55, 1000)), 10, 10),  # 5.5%: above, no full step
            (Interval(F(7, 100), F(8, 100)), 7, 8),  # 2 to 3 steps
            (Interval.at_least(F(1, 10)), 0, 5),  # 10% → 5 steps; unbounded above → 0
        ],
    )
    def test_points_range(self, domain: Interval, expected_low: int, expected_high: int) -> None:
        got = self.rule.points_range(F(10), by_name(metric("r", NUMBER, domain)), {})
        assert got == PointsRange(expected_low, expected_high, tuple(F(i) for i in range(11)))

    def test_points_range_other_rates(self) -> None:
        anything = by_name(unbounded("r", NUMBER))
        assert self.rule.points_range(F(10), anything, {}) == PointsRange(
            0, 10, tuple(F(i) for i in range(11))
        )
        # no points per step: always the weight
        flat = StepDeduction("r", "0.05", "0.01", 0)
        assert flat.points_range(F(10), anything, {}) == PointsRange(10, 10)
        half = StepDeduction("r", "0.05", "0.01", "0.5")
        assert half.points_range(F(1), anything, {}) == PointsRange(0, 1, (0, F(1, 2), 1))
        # points that rise with the value: the weight at the lowest value, no bound above
        rising = StepDeduction("r", "0.05", "0.01", -1)
        assert rising.points_range(F(10), anything, {}) == PointsRange(10, None)
        ratio = by_name(metric("r", RATIO))
        assert rising.points_range(F(10), ratio, {}) == PointsRange(10, 105)
        # a step of 0 is refused by the scheme; the range falls back to [0, weight]
        zero = StepDeduction("r", "0.05", 0)
        assert zero.points_range(F(10), ratio, {}) == PointsRange(0, 10, zero.reachable(F(10)))
        # parameters are resolved: threshold 10%, step 5%, 2 points a step; 100% → 18 steps
        by_param = StepDeduction("r", Param("t"), Param("s"), Param("p"))
        params = {"t": "0.1", "s": "0.05", "p": 2}
        assert by_param.points_range(F(10), ratio, params) == PointsRange(0, 10)
        narrow = by_name(metric("r", NUMBER, Interval(F(1, 10), F(2, 10))))
        assert by_param.points_range(F(10), narrow, params) == PointsRange(6, 10)
