"""Schemes: definition checks, parameters and fingerprints, vetoes, bands, totals, explanations."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from tests.conftest import build_sample_scheme, sample_record
from tests.core._helpers import score_both

from assesskit import (
    Band,
    BandLookup,
    BandTable,
    Component,
    Const,
    Input,
    Interval,
    Metric,
    MetricKind,
    Outcome,
    OutcomeRef,
    Param,
    Parameter,
    ParameterError,
    PeriodKind,
    Scheme,
    SchemeDefinitionError,
    Text,
    Veto,
)
from assesskit.rules import Boolean, RaterMean, RatioToTarget, Share


def ratings_scheme(points: list[Any], **fields: Any) -> Scheme:
    """One rater-score component per weight in *points*: ``c0``, ``c1``… reading ``r0``…"""
    return Scheme(
        **{
            "id": "test.ratings",
            "version": "1",
            "title": Text("ratings", "评分"),
            "period": PeriodKind.MONTHLY,
            "metrics": [
                Metric(f"r{i}", MetricKind.RATING, Text(f"rating {i}", f"评分{i}"))
                for i in range(len(points))
            ],
            "components": [
                Component(f"c{i}", Text(f"area {i}", f"领域{i}"), w, RaterMean(f"r{i}"))
                for i, w in enumerate(points)
            ],
            **fields,
        }
    )


def pay_bands(**options: Any) -> BandTable:
    return BandTable(
        (
            Band("full", Text("full pay", "全额"), Interval.at_least(80)),
            Band("reduced", Text("80% pay", "八成"), Interval.closed_open(60, 80)),
            Band("low", Text("60% pay", "六成"), Interval.below(60)),
        ),
        **options,
    )


class TestDefinition:
    @pytest.mark.parametrize(
        ("weights", "total"),
        [([50, "49.99"], "99.99"), ([50, "50.01"], "100.01"), ([60, 60], "120")],
    )
    def test_points_must_sum_to_100(self, weights: list[Any], total: str) -> None:
        with pytest.raises(SchemeDefinitionError, match=f"sum to {total} points, not 100"):
            ratings_scheme(weights)

    def test_points_summing_to_100_with_decimals(self) -> None:
        scheme = ratings_scheme(["33.33", "33.33", "33.34"])
        assert sum(scheme.effective_weights().values()) == 100

    def test_nine_relative_weights_are_exactly_100_over_9(self) -> None:
        scheme = ratings_scheme([1] * 9, weights="relative")
        weights = scheme.effective_weights()
        assert set(weights.values()) == {Fraction(100, 9)}
        assert sum(weights.values()) == 100  # exactly, not 99.99
        # every area rated 100: each shows 11.11, but the total is the exact sum 100.00
        (result,) = score_both(scheme, [{f"r{i}": 100 for i in range(9)}])
        assert {str(c.points) for c in result.components.values()} == {"11.11"}
        assert str(result.total) == "100.00"
        assert result.exact_total == 100

    def test_unequal_relative_weights(self) -> None:
        # 3 : 1 → 75 and 25 points
        scheme = ratings_scheme([3, 1], weights="relative")
        assert scheme.effective_weights() == {"c0": 75, "c1": 25}

    def test_every_problem_is_listed(self) -> None:
        metrics = [
            Metric("r", MetricKind.RATING, Text("r")),
            Metric("r", MetricKind.FLAG, Text("r")),
        ]
        with pytest.raises(SchemeDefinitionError) as info:
            Scheme(
                id="test.broken",
                version="1",
                title=Text("broken"),
                period=PeriodKind.MONTHLY,
                metrics=metrics,
                components=[
                    Component("a", Text("a"), 50, RaterMean("nope")),
                    Component("a", Text("a"), 50, RatioToTarget("r", Param("target"))),
                ],
                vetoes=[
                    Veto("v", Text("v"), Input("ghost") > 0),
                    Veto("v", Text("v"), Input("r") > Param("limit")),
                ],
                outcomes=[
                    Outcome("o", Text("o"), Input("phantom") * 2),
                    Outcome("o", Text("o"), Input("r")),
                ],
            )
        problems = info.value.problems
        assert info.value.scheme_id == "test.broken"
        for expected in [
            "metric id 'r' is used twice",
            "component id 'a' is used twice",
            "veto id 'v' is used twice",
            "outcome id 'o' is used twice",
            "component 'a': rule reads unknown metric 'nope'",
            "component 'a': rule reads unknown parameter 'target'",
            "veto 'v': reads unknown metric 'ghost'",
            "veto 'v': reads unknown parameter 'limit'",
            "outcome 'o': reads unknown metric 'phantom'",
        ]:
            assert expected in problems, (expected, problems)

    def test_outcome_may_only_read_earlier_outcomes_and_known_bands(self) -> None:
        with pytest.raises(SchemeDefinitionError) as info:
            ratings_scheme(
                [100],
                bands=pay_bands(),
                outcomes=[
                    Outcome("pay", Text("pay"), OutcomeRef("factor") * 100, kind="money"),
                    Outcome("factor", Text("factor"), BandLookup({"full": 1, "excellent": 2})),
                ],
            )
        assert "outcome 'pay': reads outcome 'factor', which is not computed before it" in (
            info.value.problems
        )
        assert "outcome 'factor': names unknown band 'excellent'" in info.value.problems

    def test_overlapping_bands_need_a_declared_winner(self) -> None:
        literal = BandTable(
            (
                Band("full", Text("full"), Interval.at_least(80)),
                Band("reduced", Text("reduced"), Interval(60, 80)),
                Band("low", Text("low"), Interval.at_most(60)),
            )
        )
        with pytest.raises(SchemeDefinitionError) as info:
            ratings_scheme([100], bands=literal)
        assert [p for p in info.value.problems if "overlap" in p] == [
            "bands: overlap at 60: 'reduced' and 'low' both contain it "
            "(declare on_overlap='first_listed' to let the first win)",
            "bands: overlap at 80: 'full' and 'reduced' both contain it "
            "(declare on_overlap='first_listed' to let the first win)",
        ]
        # declared: the band listed first wins at a shared end
        scheme = ratings_scheme([100], bands=attrs.evolve(literal, on_overlap="first_listed"))
        results = score_both(scheme, [{"r0": 80}, {"r0": 60}, {"r0": "59.99"}])
        assert [r.band_id for r in results] == ["full", "reduced", "low"]

    def test_weights_must_not_be_negative(self) -> None:
        with pytest.raises(SchemeDefinitionError, match="weight -10 is negative"):
            ratings_scheme([110, -10])

    def test_parameter_defaults_are_validated(self) -> None:
        with pytest.raises(SchemeDefinitionError, match="parameter 'target': default 'x'"):
            ratings_scheme([100], parameters=[Parameter("target", Text("target"), "x")])


class TestParameters:
    def test_unknown_parameter(self) -> None:
        scheme = build_sample_scheme()
        with pytest.raises(ParameterError, match="unknown parameter 'income_goal'") as info:
            scheme.with_params(income_goal=1)
        assert "this scheme takes: income_target" in str(info.value)

    @pytest.mark.parametrize(
        ("value", "rule"),
        [
            ("abc", "must be an amount of money"),
            ("-1", r"must be within \[0, ∞\)"),  # money is never negative
            ("100000.001", "at most 2 decimals"),
            (0, "the target income_target = 0 must be above 0"),  # 20 × income / 0
        ],
    )
    def test_bad_value(self, value: object, rule: str) -> None:
        with pytest.raises(ParameterError, match=rule) as info:
            build_sample_scheme().with_params(income_target=value)
        assert "income_target" in str(info.value)

    def test_every_problem_at_once(self) -> None:
        with pytest.raises(ParameterError) as info:
            build_sample_scheme().with_params(income_goal=1, income_target="abc")
        message = str(info.value)
        assert "unknown parameter 'income_goal'" in message
        assert "parameter 'income_target' = 'abc'" in message

    def test_valid_value_is_used(self) -> None:
        scheme = build_sample_scheme().with_params({"income_target": "80000"})
        assert scheme.params()["income_target"] == 80000
        # income 80 000 against 80 000: 20 points instead of 16: total 74 + 4 = 78
        (result,) = score_both(scheme, [sample_record()])
        assert str(result.total) == "78.00"

    def test_weights_are_parameters_only_when_tunable(self) -> None:
        with pytest.raises(ParameterError, match=r"unknown parameter 'weights\.income'"):
            build_sample_scheme().with_params({"weights.income": 40})

    def test_weight_override_is_a_relative_weight(self) -> None:
        scheme = build_sample_scheme(tunable_weights=True)
        assert "weights.income" in scheme.param_names()
        tuned = scheme.with_params({"weights.income": 40})
        weights = tuned.effective_weights()
        # 40 + 8 × 10 = 120 relative points: income 40 × 100/120 = 100/3, the others 25/3
        assert weights["income"] == Fraction(100, 3)
        assert weights["return"] == Fraction(25, 3)
        assert sum(weights.values()) == 100
        # The sample record. Proportional rules scale with their weight, deductions take
        # the same points off the new weight (in sixths of a point):
        #   income 100/3 × 0.8 = 160/6      return 25/3 × 0.5 = 25/6
        #   accuracy 25/3 × 0.9 = 45/6      errors 25/3 − 2 × 2 = 26/6
        #   custody 25/3 − 4 = 26/6         overdue 25/3 − 2 = 38/6
        #   discipline 5 × (25/3)/10 = 25/6 raters 25/3 × 0.9 = 45/6   secrecy 25/3 = 50/6
        # total 440/6 = 73.333… → 73.33
        (result,) = score_both(tuned, [sample_record()])
        assert result.exact_total == Fraction(440, 6)
        assert str(result.total) == "73.33"
        assert str(result.components["errors"].points) == "4.33"
        assert result.components["errors"].weight == Fraction(25, 3)

    @pytest.mark.parametrize(
        ("values", "rule"),
        [
            ({"weights.income": -1}, r"parameter 'weights.income' = -1: must be within \[0, ∞\)"),
            ({"weights.income": "x"}, "parameter 'weights.income' = 'x'"),
            ({"weights.nowhere": 1}, "no component 'nowhere'"),
        ],
    )
    def test_bad_weight(self, values: dict[str, Any], rule: str) -> None:
        with pytest.raises(ParameterError, match=rule):
            build_sample_scheme(tunable_weights=True).with_params(values)

    def test_all_zero_weights_are_rejected(self) -> None:
        scheme = build_sample_scheme(tunable_weights=True)
        zeros: dict[str, Any] = {
            name: 0 for name in scheme.param_names() if name.startswith("weights.")
        }
        with pytest.raises(ParameterError, match="at least one weight must be > 0"):
            scheme.with_params(zeros)
        # one weight left: it takes all 100 points
        zeros["weights.secrecy"] = "0.5"
        assert scheme.with_params(zeros).effective_weights()["secrecy"] == 100

    def test_fingerprint(self) -> None:
        scheme = build_sample_scheme()
        assert scheme.fingerprint.startswith("sha256:")
        # stable: built again, no parameters set, or the default set explicitly
        assert build_sample_scheme().fingerprint == scheme.fingerprint
        assert scheme.with_params().fingerprint == scheme.fingerprint
        assert scheme.with_params(income_target=100000).fingerprint == scheme.fingerprint
        assert scheme.with_params(income_target="100000.00").fingerprint == scheme.fingerprint
        # changes with a parameter value, and back
        other = scheme.with_params(income_target=90000)
        assert other.fingerprint != scheme.fingerprint
        assert other.with_params(income_target=100000).fingerprint == scheme.fingerprint
        # and with the definition
        assert build_sample_scheme(version="2").fingerprint != scheme.fingerprint

    def test_fingerprint_changes_with_weights(self) -> None:
        scheme = build_sample_scheme(tunable_weights=True)
        assert scheme.with_params({"weights.income": 30}).fingerprint != scheme.fingerprint


class TestVetoes:
    def test_veto_sets_total_to_zero_and_keeps_component_points(self) -> None:
        scheme = build_sample_scheme()
        (result,) = score_both(scheme, [sample_record(loss_rate="1.01%")])
        assert result.vetoed
        assert str(result.total) == "0.00"
        assert result.band_id == "low"  # the band of the published total 0
        assert [v.id for v in result.vetoes] == ["loss_over_1pct"]
        assert result.vetoes[0].explanation.en == (
            "loss_rate > 0.01 (loss_rate = 1.01%): the whole total is 0"
        )
        assert result.vetoes[0].explanation.zh == "贷款损失率大于1%(loss_rate = 1.01%):考核总分为0"
        # the components still show what they would have earned: 74 in all
        assert sum(c.points for c in result.components.values() if c.points) == 74
        assert result.outcome["bonus_status"] == "withheld"
        text = result.explain()
        assert "veto loss rate above 1%" in text
        assert "total: 0.00 (vetoed)" in text

    @pytest.mark.parametrize(
        ("loss", "vetoed"),
        [
            (0, False),
            ("0.99%", False),
            (0.01, False),  # exactly 1%: "大于1%" is > 1%, so it does not fire
            ("1%", False),
            ("0.0100", False),
            ("0.010001", True),
            ("1.01%", True),
            (1, True),
        ],
    )
    def test_threshold(self, loss: object, vetoed: bool) -> None:
        (result,) = score_both(build_sample_scheme(), [sample_record(loss_rate=loss)])
        assert result.vetoed is vetoed
        assert str(result.total) == ("0.00" if vetoed else "74.00")


class TestTotalsAndBands:
    def test_band_comes_from_the_rounded_total(self) -> None:
        scheme = build_sample_scheme()
        base = {
            "return_on_capital": "0.13",
            "eligible": 5,
            "relocated": 5,
            "errors_a": 0,
            "errors_b": 0,
            "custody_incidents": 0,
            "custody_deduction": 0,
            "overdue_ratio": "0.05",
            "discipline_score": 50,
            "rating_a": 0,
        }
        # income 20 × 99975/100000 = 19.995; + return 10 + accuracy 10 + errors 10 + custody 10
        # + overdue 10 + discipline 0 + raters 0 + secrecy 10 = 79.995 → 80.00 → full
        up, down = score_both(
            scheme,
            [
                sample_record(income=99975, **base),
                # 20 × 99974.99/100000 = 19.994998 → total 79.994998 → 79.99 → reduced
                sample_record(income="99974.99", **base),
            ],
        )
        assert up.exact_total == Fraction(79995, 1000)
        assert str(up.total) == "80.00"
        assert up.band_id == "full"
        assert up.outcome["pay"] == Decimal("5000.00")
        assert str(down.total) == "79.99"
        assert down.band_id == "reduced"
        assert down.outcome["pay"] == Decimal("4000.00")
        assert "(exactly 79.995, rounded half-up)" in up.explain()

    @pytest.mark.parametrize(
        ("r0", "band"),
        [
            (100, "full"),
            (80, "full"),
            ("79.99", "reduced"),
            (60, "reduced"),
            ("59.99", "low"),
            (0, "low"),
        ],
    )
    def test_band_ends(self, r0: object, band: str) -> None:
        scheme = ratings_scheme([100], bands=pay_bands())
        (result,) = score_both(scheme, [{"r0": r0}])
        assert result.band_id == band

    def test_total_with_fractional_weights_rounds_a_tie_up(self) -> None:
        # eleven areas with relative weight 1: 100/11 points each, worth 100/11 × ratio.
        # Ten ratios of 0.75 and one of 0.74945 sum to 8.24945, so the exact total is
        # 100/11 × 8.24945 = 824.945/11 = 74.995, a tie that rounds half-up to 75.00.
        # The components show 75/11 = 6.8181… → 6.82 (ten times) and 74.945/11 = 6.8131… →
        # 6.81: their sum 75.01 differs from the total by 0.01, as the spec allows.
        scheme = Scheme(
            id="test.eleven",
            version="1",
            title=Text("eleven areas", "十一个领域"),
            period=PeriodKind.ANNUAL,
            metrics=[Metric(f"a{i}", MetricKind.RATIO, Text(f"area {i}")) for i in range(11)],
            components=[
                Component(f"c{i}", Text(f"area {i}"), 1, RatioToTarget(f"a{i}", 1))
                for i in range(11)
            ],
            weights="relative",
            bands=BandTable(
                (
                    Band("good", Text("good", "良好"), Interval.at_least(75)),
                    Band("fair", Text("fair", "一般"), Interval.below(75)),
                )
            ),
        )
        tie = {f"a{i}": 0.75 for i in range(10)} | {"a10": 0.74945}
        below = tie | {"a10": "0.749449"}  # 100/11 × 8.249449 = 74.99499… → 74.99
        result, lower = score_both(scheme, [tie, below])
        assert result.exact_total == Fraction(74995, 1000)
        assert str(result.total) == "75.00"
        assert result.band_id == "good"
        assert [str(c.points) for c in result.components.values()] == ["6.82"] * 10 + ["6.81"]
        assert sum(c.points for c in result.components.values() if c.points) == Decimal("75.01")
        assert str(lower.total) == "74.99"
        assert lower.band_id == "fair"

    def test_nothing_applies(self) -> None:
        counts = [
            Metric(n, MetricKind.COUNT, Text(n)) for n in ("done_a", "due_a", "done_b", "due_b")
        ]
        scheme = Scheme(
            id="test.targets",
            version="1",
            title=Text("targets", "指标"),
            period=PeriodKind.ANNUAL,
            metrics=counts,
            components=[
                Component("a", Text("a"), 50, Share("done_a", "due_a")),
                Component("b", Text("b"), 50, Share("done_b", "due_b")),
            ],
            vetoes=[Veto("never", Text("never"), Input("done_a") > Const(1000))],
            bands=pay_bands(),
        )
        nothing, half = score_both(
            scheme,
            [
                {"entity_id": "X", "done_a": 0, "due_a": 0, "done_b": 0, "due_b": 0},
                # b not due: a alone is rescaled to 100 points: 100 × 1/2 = 50
                {"entity_id": "Y", "done_a": 1, "due_a": 2, "done_b": 0, "due_b": 0},
            ],
        )
        assert nothing.total is None
        assert nothing.band is None
        assert not nothing.vetoed
        assert all(c.points is None for c in nothing.components.values())
        assert [n.en for n in nothing.notes][-1] == "no component applies: no total"
        assert "total: none (nothing applies)" in nothing.explain()
        assert "总分:无(没有适用的考核项)" in nothing.explain("zh")
        assert nothing.to_dict()["total"] is None
        assert nothing.to_dict()["band"] is None
        assert str(half.total) == "50.00"
        assert half.band_id == "low"


class TestOutcomes:
    @pytest.mark.parametrize(
        ("salary", "pay"),
        [
            (5000, "4000.00"),  # 5000 × 0.8
            ("5000.05", "4000.04"),  # 4000.04 exactly
            ("3333.33", "2666.66"),  # 2666.664 → 2666.66
            ("3333.34", "2666.67"),  # 2666.672 → 2666.67
            ("0.01", "0.01"),  # 0.008 → 0.01
            ("1234.56", "987.65"),  # 987.648 → 987.65
        ],
    )
    def test_pay_exact_to_the_fen(self, salary: object, pay: str) -> None:
        (result,) = score_both(build_sample_scheme(), [sample_record(salary=salary)])
        assert result.band_id == "reduced"
        assert result.outcome["pay"] == Decimal(pay)
        assert result.to_dict()["outcome"]["pay"] == pay

    def test_bonus_tie_rounds_half_up(self) -> None:
        # 3% × (100000.50 − 100000) = 0.015 → 0.02
        (result,) = score_both(build_sample_scheme(), [sample_record(income="100000.50")])
        assert result.outcome["bonus"] == Decimal("0.02")

    def test_missing_optional_input_gives_no_money(self) -> None:
        (result,) = score_both(build_sample_scheme(), [sample_record(salary=None)])
        assert result.outcome["pay"] is None
        assert result.to_dict()["outcome"]["pay"] is None


class TestExplanations:
    def test_english(self) -> None:
        result = build_sample_scheme().score(sample_record(overdue_ratio=0.09))
        text = result.explain()
        assert text.splitlines()[0] == "E-1 2026-08"
        assert (
            "  overdue [6 / 10]: overdue ratio 9% is 4 full step(s) of 1% above 5%: 10 − 4 = 6"
            in text.splitlines()
        )
        assert "  total: 72.00 → 80% pay (reduced)" in text.splitlines()
        assert "  pay: 4000.00" in text.splitlines()

    def test_chinese(self) -> None:
        result = build_sample_scheme().score(sample_record(overdue_ratio=0.09))
        lines = result.explain("zh").splitlines()
        assert "  逾期 [6 / 10]: 逾期贷款率 9%,超过 5% 满 4 个 1%:10 − 4 = 6" in lines
        assert "  劳动纪律 [5 / 10]: 劳动纪律 72:60 <= 72 < 80 → 5" in lines
        assert "  总分: 72.00 → 八成 (reduced)" in lines
        dumped = result.to_dict("zh")
        assert dumped["components"]["secrecy"]["explanation"] == "泄密:否 → 10"

    def test_every_component_is_explained_in_both_languages(self) -> None:
        result = build_sample_scheme().score(sample_record())
        for component in result.components.values():
            assert component.explanation.en
            assert component.explanation.zh
            assert component.explanation.zh != component.explanation.en, component.id

    def test_rescaled_component_says_so(self) -> None:
        result = build_sample_scheme().score(sample_record(eligible=0, relocated=0))
        income = result.components["income"].explanation
        # 16 points × 100/90 = 16 × 10/9 = 17.777…: the factor is shown exactly.
        assert income.en.endswith("= 16; rescaled × 10/9 = ≈17.7778")
        assert "按比例放大" in income.zh


class TestLint:
    def test_sample_scheme_is_clean(self) -> None:
        assert build_sample_scheme().lint() == []

    def test_scheme_without_bands(self) -> None:
        assert ratings_scheme([100]).lint() == []


def test_boolean_rule_needs_required_flag_even_in_relative_schemes() -> None:
    with pytest.raises(SchemeDefinitionError, match="optional"):
        Scheme(
            id="test.flag",
            version="1",
            title=Text("flag"),
            period=PeriodKind.MONTHLY,
            metrics=[Metric("ok", MetricKind.FLAG, Text("ok"), required=False)],
            components=[Component("a", Text("a"), 1, Boolean("ok"))],
            weights="relative",
        )


@pytest.mark.parametrize("places", [-1, -2])
def test_a_negative_number_of_decimals_is_refused(places: int) -> None:
    # "at most -1 decimals" would take multiples of 10 on the batch path and nothing exactly
    count = Metric("n", MetricKind.COUNT, Text("n"), max_decimals=places)
    with pytest.raises(SchemeDefinitionError, match=f"metric 'n': max_decimals {places}"):
        build_sample_scheme(metrics=[*build_sample_scheme().metrics, count])


@pytest.mark.parametrize(
    ("domain", "end"),
    [
        (Interval(Fraction(1, 3), 1), "1/3"),
        (Interval(0, Fraction(2, 3), upper_closed=False), "2/3"),
        (Interval(Fraction("0.12345678901234567"), None), "12345678901234567/100000000000000000"),
    ],
)
def test_a_domain_end_a_float_does_not_hold_is_refused(domain: Interval, end: str) -> None:
    # compared in floats on the batch path, 1/3 would let in 0.3333333333333333 (below 1/3)
    # that the exact path refuses
    x = Metric("x", MetricKind.NUMBER, Text("x"), required=False, domain=domain)
    with pytest.raises(SchemeDefinitionError, match=f"metric 'x': its domain ends at {end},"):
        build_sample_scheme(metrics=[*build_sample_scheme().metrics, x])


@pytest.mark.parametrize(
    "domain", [Interval(Fraction("0.05"), 1), Interval(0, Fraction("0.123456789012345"))]
)
def test_a_domain_end_of_at_most_15_digits_is_accepted(domain: Interval) -> None:
    x = Metric("x", MetricKind.NUMBER, Text("x"), required=False, domain=domain)
    scheme = build_sample_scheme(metrics=[*build_sample_scheme().metrics, x])
    assert scheme.metric_map["x"].domain == domain


def test_no_decimals_is_a_number_of_decimals() -> None:
    count = Metric("n", MetricKind.COUNT, Text("n"), required=False, max_decimals=0)
    scheme = build_sample_scheme(metrics=[*build_sample_scheme().metrics, count])
    assert scheme.metric_map["n"].max_decimals == 0
