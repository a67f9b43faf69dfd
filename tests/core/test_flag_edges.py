"""A yes/no rule (``Boolean``) at its edges: explanations, descriptions, reach, its example.

Hand-computed from the shared conventions: full weight when the flag equals
``award_when``, else 0 (the microloan spec's confidentiality breach takes
every point of its component).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from tests.core._helpers import one_rule_scheme, points_of, record

from assesskit import Component, Metric, MetricKind, PeriodKind, Scheme, Text
from assesskit.rules import Boolean, RatioToTarget
from assesskit.rules.base import PointsRange, RuleExample

F = Fraction
BREACH = Metric("breach", MetricKind.FLAG, Text("breach", "泄密"))
LABELS = {"breach": Text("breach", "泄密")}


class TestScore:
    def scheme(self, award_when: bool) -> Scheme:
        return one_rule_scheme(Boolean("breach", award_when=award_when), [BREACH], 10)

    def test_points_on_both_paths(self) -> None:
        rows = [record(breach=True), record(breach=False)]
        assert points_of(self.scheme(True), rows) == ["10.00", "0.00"]
        assert points_of(self.scheme(False), rows) == ["0.00", "10.00"]

    @pytest.mark.parametrize(
        ("award_when", "value", "en", "zh"),
        [
            (False, True, "breach: yes → 0", "泄密:是 → 0"),
            (False, False, "breach: no → 10", "泄密:否 → 10"),
            (True, True, "breach: yes → 10", "泄密:是 → 10"),
            (True, False, "breach: no → 0", "泄密:否 → 0"),
        ],
    )
    def test_explanations(self, award_when: bool, value: bool, en: str, zh: str) -> None:
        explained = self.scheme(award_when).score(record(breach=value)).components["c"]
        assert (explained.explanation.en, explained.explanation.zh) == (en, zh)

    def test_a_weight_that_is_not_whole_next_to_a_float_rule(self) -> None:
        # Relative weights 1 and 2: the flag is worth 100/3, the ratio 200/3. A
        # ratio with nine decimals has no exact batch form, so the batch adds the
        # flag's float points: 33.33 (and 66.67 × 0.5 = 33.33 for the ratio).
        scheme = Scheme(
            id="test.flag-thirds",
            version="1",
            title=Text("flag and ratio", "标志与比率"),
            period=PeriodKind.MONTHLY,
            metrics=[
                BREACH,
                Metric("r", MetricKind.RATIO, Text("r", "比率"), max_decimals=9),
            ],
            components=[
                Component("c", Text("flag", "标志"), 1, Boolean("breach", award_when=False)),
                Component("r", Text("ratio", "比率"), 2, RatioToTarget("r", "0.2")),
            ],
            weights="relative",
        )
        rows = [{"breach": False, "r": "0.100000000"}, {"breach": True, "r": "0.100000001"}]
        assert points_of(scheme, rows) == ["33.33", "0.00"]
        batch = scheme.score_batch({"breach": [False, True], "r": ["0.100000000", "0.100000001"]})
        assert list(batch.total) == [66.67, 33.33]


class TestDefinition:
    def test_describe(self) -> None:
        assert Boolean("breach", award_when=False).describe(F(10), LABELS) == Text(
            "10 when breach is false; 0 when true", "泄密为“否”得 10 分,否则 0 分"
        )
        assert Boolean("breach").describe(F("2.5"), LABELS) == Text(
            "2.5 when breach is true; 0 when false", "泄密为“是”得 2.5 分,否则 0 分"
        )

    def test_reach(self) -> None:
        rule = Boolean("breach")
        assert rule.reachable(F(10)) == (0, 10)
        assert rule.points_range(F(10), {}, {}) == PointsRange(F(0), F(10), (F(0), F(10)))
        assert rule.points_range(F(10), {}, {}).words() == "{0, 10}"
        assert rule.inputs() == ("breach",)
        assert rule.directions() == {}

    def test_example(self) -> None:
        # what check_rule_kind builds its scheme around: a breach takes all 10 points
        example = Boolean.example()
        assert example == RuleExample(
            Boolean("breach", award_when=False),
            [
                Metric(
                    "breach",
                    MetricKind.FLAG,
                    Text("confidentiality breach", "泄密"),
                    direction="lower_is_better",
                )
            ],
            weight=10,
        )
        assert Boolean.examples() == (example,)
