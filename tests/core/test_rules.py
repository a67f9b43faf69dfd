"""Every rule kind at and around its edges, on the exact path and the batch path.

Each test scores a scheme made of the rule under test (component ``c``) and a
filler component worth the remaining points; ``points_of`` checks that the
batch path publishes the same points, total and band as the exact path for
every value, and returns the exact path's points of ``c``.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from tests.core._helpers import one_rule_scheme, points_of, record, score_both

from assesskit import (
    Component,
    Interval,
    InvalidInputError,
    Metric,
    MetricKind,
    Param,
    Parameter,
    PeriodKind,
    Scheme,
    SchemeDefinitionError,
    Text,
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

RATIO = MetricKind.RATIO
COUNT = MetricKind.COUNT


def ratio(name: str, label: str = "逾期贷款率", *, bounded: bool = True) -> Metric:
    m = Metric(name, RATIO, Text(name.replace("_", " "), label))
    return m if bounded else m.unbounded()


def count(name: str, label: str = "次数") -> Metric:
    return Metric(name, COUNT, Text(name.replace("_", " "), label))


def rating(name: str, *, required: bool = True) -> Metric:
    return Metric(name, MetricKind.RATING, Text(name.replace("_", " "), "评分"), required=required)


def expect_invalid(scheme: Scheme, rec: dict[str, object], *fragments: str) -> InvalidInputError:
    """Both paths reject *rec*; the exact path's message contains every fragment."""
    with pytest.raises(InvalidInputError) as exact:
        scheme.score(rec)
    message = str(exact.value)
    for fragment in fragments:
        assert fragment in message, message
    with pytest.raises(InvalidInputError) as batch:
        scheme.score_batch({k: [v] for k, v in rec.items()})
    assert [p.rule for p in batch.value.problems] == [p.rule for p in exact.value.problems]
    return exact.value


class TestRatioToTarget:
    # return on capital against the target 13%, worth 45 points (microloan management)
    scheme = one_rule_scheme(
        RatioToTarget("return_on_capital", "0.13"),
        [ratio("return_on_capital", "资本回报率", bounded=False)],
        weight=45,
    )

    @pytest.mark.parametrize(
        ("roc", "points"),
        [
            (-0.05, "0.00"),  # negative: 45 × −0.05/0.13 < 0 → not below 0
            (0, "0.00"),
            ("0.0001", "0.03"),  # 45 × 0.0001 / 0.13 = 0.034615… → 0.03
            (0.065, "22.50"),  # 45 × 0.065 / 0.13 = 22.5
            (0.1, "34.62"),  # 45 × 0.1 / 0.13 = 34.615384… → 34.62
            ("0.1299", "44.97"),  # 45 × 0.1299 / 0.13 = 44.965384… → 44.97
            (0.13, "45.00"),  # at the target: 45
            ("0.1301", "45.00"),  # above: capped at 45
            (0.19, "45.00"),
            ("5", "45.00"),
        ],
    )
    def test_points(self, roc: object, points: str) -> None:
        assert points_of(self.scheme, [record(return_on_capital=roc)]) == [points]

    def test_explanations(self) -> None:
        below, negative, above = (
            self.scheme.score(record(return_on_capital=v)).components["c"].explanation
            for v in ("0.065", "-0.05", "0.19")
        )
        assert below.en == ("return on capital 6.5% against the target 13%: 45 × 6.5% / 13% = 22.5")
        assert below.zh == "资本回报率 6.5%,指标 13%:45 × 6.5% / 13% = 22.5"
        assert negative.en.endswith("not below 0: 0")
        assert above.en.endswith("45 × 1 (capped) = 45")

    def test_cap_below_one(self) -> None:
        # 10 × min(value / 0.10, 0.8): the component earns at most 8 of its 10 points
        scheme = one_rule_scheme(RatioToTarget("r", "0.10", cap="0.8"), [ratio("r")], weight=10)
        # 0.07 → 10 × 0.7 = 7; 0.08 → 8 (at the cap); 0.15 → ratio 1.5, capped: 8
        assert points_of(scheme, [record(r=v) for v in ("0.07", "0.08", "0.15")]) == [
            "7.00",
            "8.00",
            "8.00",
        ]

    def test_cap_above_one_is_refused(self) -> None:
        # a cap of 1.2 would let the component earn 12 of its 10 points
        with pytest.raises(SchemeDefinitionError) as caught:
            one_rule_scheme(RatioToTarget("r", "0.10", cap="1.2"), [ratio("r")], weight=10)
        assert caught.value.problems == (
            "component 'c': its rule (ratio_to_target) can give up to 12 points, more than the "
            "component's weight 10 (points [0, 12]): a component never earns more than its "
            "weight",
        )

    def test_target_from_a_parameter(self) -> None:
        scheme = one_rule_scheme(
            Plateau("income", Param("income_target")),
            [Metric("income", MetricKind.MONEY, Text("income", "业务收入"))],
            weight=60,
            parameters=[Parameter("income_target", Text("income target", "业务收入指标"), 100000)],
        )
        # 60 × 87875 / 100000 = 52.725 → 52.73 (the tie of the spec)
        assert points_of(scheme, [record(income=87875)]) == ["52.73"]
        # with the target at 80 000 the same income is capped: 60
        assert points_of(scheme.with_params(income_target=80000), [record(income=87875)]) == [
            "60.00"
        ]


class TestPlateau:
    scheme = one_rule_scheme(
        Plateau("income", 100000),
        [Metric("income", MetricKind.MONEY, Text("income", "业务收入"))],
        weight=20,
    )

    @pytest.mark.parametrize(
        ("income", "points"),
        [
            (0, "0.00"),
            (80000, "16.00"),  # 20 × 0.8
            (99950, "19.99"),  # 20 × 0.9995 = 19.99
            ("99999.99", "20.00"),  # 20 × 0.9999999 = 19.999998 → 20.00 (rounded, not capped)
            (100000, "20.00"),  # at the target: full points
            (100000.01, "20.00"),  # from the target up: full points
            (250000, "20.00"),
        ],
    )
    def test_points(self, income: object, points: str) -> None:
        assert points_of(self.scheme, [record(income=income)]) == [points]

    def test_cap_is_fixed_at_one(self) -> None:
        assert Plateau("income", 100000).cap == 1
        with pytest.raises(TypeError):
            Plateau("income", 100000, cap=2)  # type: ignore[call-arg]


class TestShare:
    metrics = (count("eligible", "符合条件户数"), count("relocated", "搬迁户数"))

    def scheme(self) -> Scheme:
        # share 10, a flag 33, a rating 57: the rest is 90 points when the share is n/a
        return Scheme(
            id="test.share",
            version="1",
            title=Text("share", "比例"),
            period=PeriodKind.MONTHLY,
            metrics=[*self.metrics, rating("score"), Metric("ok", MetricKind.FLAG, Text("ok"))],
            components=[
                Component("share", Text("share", "精准度"), 10, Share("eligible", "relocated")),
                Component("flag", Text("flag", "标记"), 33, Boolean("ok")),
                Component("rated", Text("rated", "评分"), 57, RaterMean("score")),
            ],
        )

    @pytest.mark.parametrize(
        ("eligible", "relocated", "points"),
        [
            (0, 10, "0.00"),
            (1, 3, "3.33"),  # 10 × 1/3 = 3.333… → 3.33
            (2, 3, "6.67"),  # 10 × 2/3 = 6.666… → 6.67
            (9, 10, "9.00"),
            (10, 10, "10.00"),  # numerator = denominator is allowed
        ],
    )
    def test_points(self, eligible: int, relocated: int, points: str) -> None:
        rec = {"eligible": eligible, "relocated": relocated, "score": 55, "ok": True}
        assert points_of(self.scheme(), [rec], "share") == [points]

    def test_zero_denominator_is_not_applicable_and_rescales_the_rest(self) -> None:
        rec = {"eligible": 0, "relocated": 0, "score": 55, "ok": True}
        (result,) = score_both(self.scheme(), [rec])
        assert result.components["share"].points is None
        # the other weights 33 + 57 = 90 are scaled by 100/90:
        # flag 33 × 10/9 = 36.666… → 36.67; rated 57 × 55/100 = 31.35, × 10/9 = 34.8333… → 34.83
        # total (33 + 31.35) × 10/9 = 64.35 × 10/9 = 71.5 exactly
        assert str(result.components["flag"].points) == "36.67"
        assert str(result.components["rated"].points) == "34.83"
        assert str(result.total) == "71.50"
        assert result.components["flag"].weight == Fraction(110, 3)  # 33 × 10/9
        assert "not applicable: share" in " ".join(n.en for n in result.notes)
        assert "denominator" not in result.components["share"].explanation.en
        assert result.components["share"].explanation.en.startswith("relocated is 0")

    def test_rescaling_with_relative_weights(self) -> None:
        # relative weights 1, 1, 1: 100/3 each; with the share n/a the others are 50 each
        scheme = Scheme(
            id="test.share-relative",
            version="1",
            title=Text("share"),
            period=PeriodKind.MONTHLY,
            metrics=[*self.metrics, rating("score"), Metric("ok", MetricKind.FLAG, Text("ok"))],
            components=[
                Component("share", Text("share"), 1, Share("eligible", "relocated")),
                Component("flag", Text("flag"), 1, Boolean("ok")),
                Component("rated", Text("rated"), 1, RaterMean("score")),
            ],
            weights="relative",
        )
        na, applies = score_both(
            scheme,
            [
                {"eligible": 0, "relocated": 0, "score": 55, "ok": True},
                {"eligible": 1, "relocated": 3, "score": 55, "ok": True},
            ],
        )
        # n/a: flag 50, rated 50 × 0.55 = 27.5: total 77.5
        assert [str(c.points) for c in na.components.values()] == ["None", "50.00", "27.50"]
        assert str(na.total) == "77.50"
        # applies: 100/3 × 1/3 + 100/3 + 100/3 × 0.55 = 100/9 + 100/3 + 55/3
        #        = 11.111… + 33.333… + 18.333… = 62.777… → 62.78
        assert [str(c.points) for c in applies.components.values()] == ["11.11", "33.33", "18.33"]
        assert str(applies.total) == "62.78"

    def test_numerator_above_denominator_is_an_error_naming_both(self) -> None:
        rec = {"entity_id": "C-1", "eligible": 11, "relocated": 10, "score": 55, "ok": True}
        error = expect_invalid(self.scheme(), rec, "eligible", "relocated", "must not exceed")
        (problem,) = error.problems
        assert problem.field == "eligible"
        assert problem.entity == "C-1"
        assert str(problem) == ("record C-1: field 'eligible' = 11: must not exceed relocated (10)")


class TestPerIncidentDeduction:
    scheme = one_rule_scheme(
        PerIncidentDeduction(("errors_a", "errors_b"), 2),
        [count("errors_a", "甲类差错"), count("errors_b", "乙类差错")],
        weight=10,
    )

    @pytest.mark.parametrize(
        ("a", "b", "points"),
        [
            (0, 0, "10.00"),
            (1, 0, "8.00"),  # 10 − 2 × 1
            (0, 1, "8.00"),
            (1, 2, "4.00"),  # the fields are added up: 10 − 2 × (1 + 2)
            (4, 0, "2.00"),
            (5, 0, "0.00"),  # exactly enough to reach 0
            (3, 2, "0.00"),
            (6, 0, "0.00"),  # more: not below 0
            (100, 100, "0.00"),
        ],
    )
    def test_points(self, a: int, b: int, points: str) -> None:
        assert points_of(self.scheme, [record(errors_a=a, errors_b=b)]) == [points]

    def test_explanation(self) -> None:
        explained = self.scheme.score(record(errors_a=4, errors_b=2)).components["c"].explanation
        assert explained.en == "errors_a 4 + errors_b 2: 10 − 2 × 6 = 0 (not below 0)"
        assert explained.zh == "甲类差错 4 + 乙类差错 2:10 − 2 × 6 = 0(不低于0)"

    def test_single_field_with_fractional_rate(self) -> None:
        scheme = one_rule_scheme(PerIncidentDeduction("errors", "0.5"), [count("errors")], 10)
        # 10 − 0.5 × 3 = 8.5; 10 − 0.5 × 19 = 0.5; 10 − 0.5 × 21 < 0 → 0
        assert points_of(scheme, [record(errors=n) for n in (3, 19, 20, 21)]) == [
            "8.50",
            "0.50",
            "0.00",
            "0.00",
        ]

    def test_negative_count_is_rejected(self) -> None:
        expect_invalid(self.scheme, record(errors_a=-1, errors_b=0), "errors_a", "[0, ∞)")


class TestGradedDeduction:
    scheme = one_rule_scheme(
        GradedDeduction("custody_incidents", "custody_deduction"),
        [
            count("custody_incidents", "保管差错次数"),
            Metric(
                "custody_deduction",
                MetricKind.NUMBER,
                Text("custody deduction", "保管扣分"),
                max_decimals=2,
            ),
        ],
        weight=20,
    )

    @pytest.mark.parametrize(
        ("incidents", "deduction", "points"),
        [
            (0, 0, "20.00"),
            (1, 1, "19.00"),  # the lowest deduction for one incident
            (1, "4.5", "15.50"),
            (1, 20, "0.00"),  # the highest: 20 − 20
            (2, 2, "18.00"),  # 1 point per incident at least
            (2, "19.99", "0.01"),
            (2, 20, "0.00"),
            (2, "20.01", "0.00"),  # more than the weight: not below 0
            (2, 40, "0.00"),  # 20 points per incident at most
        ],
    )
    def test_valid(self, incidents: int, deduction: object, points: str) -> None:
        rec = record(custody_incidents=incidents, custody_deduction=deduction)
        assert points_of(self.scheme, [rec]) == [points]

    @pytest.mark.parametrize(
        ("incidents", "deduction", "allowed"),
        [
            (0, "0.01", "0..0"),  # no incident, no deduction
            (0, 1, "0..0"),
            (1, "0.99", "1..20"),  # below 1 point per incident
            (1, "20.01", "1..20"),  # above 20 points per incident
            (2, "1.99", "2..40"),
            (2, "40.01", "2..40"),
        ],
    )
    def test_invalid(self, incidents: int, deduction: object, allowed: str) -> None:
        rec = record(custody_incidents=incidents, custody_deduction=deduction)
        error = expect_invalid(
            self.scheme,
            rec,
            "custody_deduction",
            f"must be between 1 and 20 points per incident: {allowed} "
            f"for custody_incidents = {incidents}",
        )
        assert [p.field for p in error.problems] == ["custody_deduction"]

    def test_explanation(self) -> None:
        explained = self.scheme.score(record(custody_incidents=1, custody_deduction=4))
        assert explained.components["c"].explanation.en == (
            "1 incident(s), 4 points taken: 20 − 4 = 16"
        )
        assert explained.components["c"].explanation.zh == "差错 1 次,共扣 4 分:20 − 4 = 16"

    @pytest.mark.parametrize(
        ("deduction", "incidents", "rule", "problem"),
        [
            # without a 2-decimal limit, 0.005 points for 0 incidents would be judged on a
            # float rounded to hundredths by the batch path, and exactly by the other
            (
                Metric("d", MetricKind.NUMBER, Text("d")),
                count("n"),
                GradedDeduction("n", "d"),
                "'d' must have at most 2 decimals",
            ),
            (
                Metric("d", MetricKind.NUMBER, Text("d"), max_decimals=2),
                Metric("n", MetricKind.NUMBER, Text("n")),
                GradedDeduction("n", "d"),
                "'n' must be a count",
            ),
            (
                Metric("d", MetricKind.NUMBER, Text("d"), max_decimals=2),
                count("n"),
                GradedDeduction("n", "d", low=5, high=2),
                "from 5 to 2 points per incident",
            ),
        ],
    )
    def test_definition(
        self, deduction: Metric, incidents: Metric, rule: GradedDeduction, problem: str
    ) -> None:
        with pytest.raises(SchemeDefinitionError, match=problem):
            one_rule_scheme(rule, [incidents, deduction], weight=20)


class TestStepDeduction:
    # overdue: 10 points; one point per full percentage point above 5% (microloan)
    scheme = one_rule_scheme(
        StepDeduction("overdue_ratio", "0.05", "0.01"), [ratio("overdue_ratio")], weight=10
    )

    @pytest.mark.parametrize(
        ("overdue", "points"),
        [
            (0, "10.00"),
            ("4.99%", "10.00"),
            (0.05, "10.00"),  # at the threshold: not above it
            ("5.01%", "10.00"),  # above, but no full step yet
            ("5.99%", "10.00"),  # 0.99 of a step: still no full step
            ("6%", "9.00"),  # one full step
            (0.06, "9.00"),  # the float 0.06 is 0.0599999…; read as 0.06: one full step
            (0.07, "8.00"),  # 0.07 − 0.05 is 0.020000000000000004 in floats: exactly 2 steps
            ("7.5 %", "8.00"),
            (0.09, "6.00"),  # 0.09 − 0.05 is 0.039999999999999994 in floats: exactly 4 steps
            ("13.29%", "2.00"),  # 8.29 steps → 8 full steps
            (0.15, "0.00"),  # 10 full steps: 10 − 10 = 0
            ("15.01%", "0.00"),
            (0.2, "0.00"),  # 15 steps: not below 0
            (1, "0.00"),
        ],
    )
    def test_points(self, overdue: object, points: str) -> None:
        assert points_of(self.scheme, [record(overdue_ratio=overdue)]) == [points]

    def test_explanation(self) -> None:
        nine = self.scheme.score(record(overdue_ratio=0.09)).components["c"].explanation
        assert nine.en == "overdue ratio 9% is 4 full step(s) of 1% above 5%: 10 − 4 = 6"
        assert nine.zh == "逾期贷款率 9%,超过 5% 满 4 个 1%:10 − 4 = 6"
        below = self.scheme.score(record(overdue_ratio="4%")).components["c"].explanation
        assert below.en == "overdue ratio 4% is not above 5%: 10"
        floor = self.scheme.score(record(overdue_ratio="20%")).components["c"].explanation
        assert floor.en.endswith("10 − 15 = 0 (not below 0)")

    def test_points_per_step(self) -> None:
        # 3 points per full 2% above 10%, weight 10
        scheme = one_rule_scheme(StepDeduction("r", "0.10", "0.02", 3), [ratio("r")], 10)
        # 11.99%: 0 steps; 12%: 1 step → 7; 15.99%: 2 steps → 4; 16%: 3 steps → 1; 18%: 4 → 0
        values = ["11.99%", "12%", "15.99%", "16%", "18%"]
        assert points_of(scheme, [record(r=v) for v in values]) == [
            "10.00",
            "7.00",
            "4.00",
            "1.00",
            "0.00",
        ]
        explained = scheme.score(record(r="16%")).components["c"].explanation.en
        assert explained == "r 16% is 3 full step(s) of 2% above 10%: 10 − 3 × 3 = 1"

    def test_every_float_of_two_decimals_percent(self) -> None:
        # all of 0.0500 … 0.2000 in steps of 0.0001 as floats: full steps = floor(bp / 100)
        values = [round(0.05 + i / 10000, 4) for i in range(1501)]
        expected = [f"{max(0, 10 - (round(v * 10000) - 500) // 100)}.00" for v in values]
        assert points_of(self.scheme, [record(overdue_ratio=v) for v in values]) == expected


class TestBanded:
    # discipline, 10 points: >= 80 → 10; 60 <= s < 80 → 5; < 60 → 0 (the resolved table)
    rule = Banded(
        "discipline_score",
        [
            (Interval.at_least(80), 10),
            (Interval.closed_open(60, 80), 5),
            (Interval.below(60), 0),
        ],
        scale=10,
    )
    scheme = one_rule_scheme(rule, [rating("discipline_score")], weight=10)

    @pytest.mark.parametrize(
        ("score", "points"),
        [
            (0, "0.00"),
            (59.99, "0.00"),
            ("59.999", "0.00"),
            (60, "5.00"),  # 60 is in [60, 80): the higher band wins at a shared end
            (60.01, "5.00"),
            (79.99, "5.00"),
            ("79.9999", "5.00"),
            (80, "10.00"),
            (80.01, "10.00"),
            (100, "10.00"),
        ],
    )
    def test_points(self, score: object, points: str) -> None:
        assert points_of(self.scheme, [record(discipline_score=score)]) == [points]

    def test_explanation(self) -> None:
        explained = self.scheme.score(record(discipline_score=60)).components["c"].explanation
        assert explained.en == "discipline score 60: 60 <= 60 < 80 → 5"
        assert explained.zh == "评分 60:60 <= 60 < 80 → 5"

    def test_points_scale_with_the_weight(self) -> None:
        # the same table at weight 20: points × 20 / 10
        scheme = one_rule_scheme(self.rule, [rating("discipline_score")], weight=20)
        assert points_of(scheme, [record(discipline_score=s) for s in (59, 60, 80)]) == [
            "0.00",
            "10.00",
            "20.00",
        ]

    @pytest.mark.parametrize(
        ("tiers", "where"),
        [
            # the literal source: ">= 80", "60..80 both included", "<= 60"
            (
                [
                    (Interval.at_least(80), 10),
                    (Interval(60, 80), 5),
                    (Interval.at_most(60), 0),
                ],
                "overlap at 80",
            ),
            ([(Interval(0, 50), 1), (Interval(40, 100), 2)], "overlap over [40, 50]"),
        ],
    )
    def test_overlapping_tiers_rejected_at_construction(
        self, tiers: list[tuple[Interval, int]], where: str
    ) -> None:
        with pytest.raises(ValueError, match="threshold table of 'discipline_score'") as info:
            Banded("discipline_score", tiers, scale=10)
        assert where in str(info.value)

    def test_literal_table_reports_both_overlaps(self) -> None:
        with pytest.raises(ValueError, match="overlap at 80") as info:
            Banded(
                "discipline_score",
                [(Interval.at_least(80), 10), (Interval(60, 80), 5), (Interval.at_most(60), 0)],
                scale=10,
            )
        assert "overlap at 60" in str(info.value)

    def test_a_gap_in_the_metric_domain_is_a_definition_error(self) -> None:
        # the pay table read literally: 60 itself falls in no tier
        gap = Banded(
            "discipline_score",
            [
                (Interval.at_least(80), 10),
                (Interval(60, 80, lower_closed=False, upper_closed=False), 5),
                (Interval.below(60), 0),
            ],
            scale=10,
        )
        with pytest.raises(SchemeDefinitionError, match="gap at 60"):
            one_rule_scheme(gap, [rating("discipline_score")], weight=10)

    def test_tiers_need_only_cover_the_metric_domain(self) -> None:
        # ratings are in [0, 100]: tiers [0, 60) and [60, 100] cover it
        rule = Banded(
            "discipline_score",
            [(Interval(60, 100), 10), (Interval.closed_open(0, 60), 0)],
            scale=10,
        )
        scheme = one_rule_scheme(rule, [rating("discipline_score")], weight=10)
        assert points_of(scheme, [record(discipline_score=s) for s in (0, 100)]) == [
            "0.00",
            "10.00",
        ]


class TestRaterMean:
    def test_one_rater(self) -> None:
        scheme = one_rule_scheme(RaterMean("evaluation_score"), [rating("evaluation_score")], 30)
        # 30 × 90 / 100 = 27; 30 × 0 = 0; 30 × 100 / 100 = 30; 30 × 33.33 / 100 = 9.999 → 10.00
        values = [90, 0, 100, "33.33"]
        assert points_of(scheme, [record(evaluation_score=v) for v in values]) == [
            "27.00",
            "0.00",
            "30.00",
            "10.00",
        ]
        explained = scheme.score(record(evaluation_score=90)).components["c"].explanation
        assert explained.en == "evaluation score rated 90: 30 × 90 / 100 = 27"

    def test_several_raters_some_missing(self) -> None:
        names = ("rating_gm", "rating_fd", "rating_bh", "rating_rm")
        scheme = one_rule_scheme(
            RaterMean(names), [rating(n, required=False) for n in names], weight=30
        )
        records = [
            # mean of 80 and 91 = 85.5; 30 × 85.5 / 100 = 25.65
            record(rating_gm=80, rating_fd=None, rating_bh=91),
            # mean of 70, 75, 80, 85 = 77.5: 23.25
            record(rating_gm=70, rating_fd=75, rating_bh=80, rating_rm=85),
            # one rating only: 30 × 0.61 = 18.3
            record(rating_rm=61),
            # mean of 99 and 100 = 99.5 → 29.85
            record(rating_gm=99, rating_fd="", rating_rm=100),
        ]
        assert points_of(scheme, records) == ["25.65", "23.25", "18.30", "29.85"]
        explained = scheme.score(records[0]).components["c"].explanation
        assert explained.en == (
            "mean of 2 rating(s) 80, 91 is 85.5 (2 rater(s) did not rate): 30 × 85.5 / 100 = 25.65"
        )

    def test_no_rater_rated_is_an_error(self) -> None:
        names = ("rating_a", "rating_b")
        scheme = one_rule_scheme(
            RaterMean(names), [rating(n, required=False) for n in names], weight=30
        )
        expect_invalid(
            scheme, record(entity_id="A-1"), "at least one of rating_a, rating_b must be given"
        )

    def test_a_single_optional_rater_is_a_definition_error(self) -> None:
        # with one rater the mean needs that rating: declaring it optional is a mistake
        with pytest.raises(SchemeDefinitionError, match=r"'evaluation_score'.*optional"):
            one_rule_scheme(
                RaterMean("evaluation_score"),
                [rating("evaluation_score", required=False)],
                weight=30,
            )

    def test_rating_above_100_is_rejected(self) -> None:
        scheme = one_rule_scheme(RaterMean("evaluation_score"), [rating("evaluation_score")], 30)
        expect_invalid(scheme, record(evaluation_score=130), "evaluation_score", "[0, 100]")


class TestBoolean:
    def test_breach_takes_every_point(self) -> None:
        scheme = one_rule_scheme(
            Boolean("confidentiality_breach", award_when=False),
            [Metric("confidentiality_breach", MetricKind.FLAG, Text("breach", "泄密"))],
            weight=10,
        )
        values = [False, True, "否", "是", "0", "1", "false", "true"]
        assert (
            points_of(scheme, [record(confidentiality_breach=v) for v in values])
            == [
                "10.00",
                "0.00",
            ]
            * 4
        )
        explained = scheme.score(record(confidentiality_breach=True)).components["c"]
        assert explained.explanation.en == "breach: yes → 0"
        assert explained.explanation.zh == "泄密:是 → 0"

    def test_award_when_true(self) -> None:
        scheme = one_rule_scheme(
            Boolean("on_time"), [Metric("on_time", MetricKind.FLAG, Text("on time", "按时"))], 25
        )
        assert points_of(scheme, [record(on_time=True), record(on_time=False)]) == [
            "25.00",
            "0.00",
        ]

    def test_an_optional_flag_is_a_definition_error(self) -> None:
        # a missing flag is neither yes nor no: the rule needs it in every record
        with pytest.raises(SchemeDefinitionError, match=r"'on_time'.*optional"):
            one_rule_scheme(
                Boolean("on_time"),
                [Metric("on_time", MetricKind.FLAG, Text("on time"), required=False)],
                25,
            )


class TestRuleConstants:
    @pytest.mark.parametrize(
        ("rule", "metric", "problem"),
        [
            (RatioToTarget("r", 0), ratio("r"), "target"),
            (RatioToTarget("r", "-0.1"), ratio("r"), "target"),
            (StepDeduction("r", "0.05", 0), ratio("r"), "step"),
        ],
    )
    def test_nonsense_constants_are_definition_errors(
        self, rule: RatioToTarget | StepDeduction, metric: Metric, problem: str
    ) -> None:
        with pytest.raises(SchemeDefinitionError, match=problem):
            one_rule_scheme(rule, [metric], 10)
