"""The exact path (``Scheme.score``): reading a record, outcomes of every kind, explanations.

Values are worked out by hand; where the batch path publishes the same
figure it is checked too.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record
from tests.core._helpers import one_rule_scheme, record

from assesskit import (
    Component,
    ComponentsWithStatus,
    Const,
    Input,
    InvalidInputError,
    Metric,
    MetricKind,
    NoneWithStatus,
    Outcome,
    OutcomeRef,
    PeriodKind,
    RuleError,
    Scheme,
    StatusIs,
    Text,
    Total,
    Vetoed,
)
from assesskit.rules import Rule, Share
from assesskit.rules.base import BatchRuleContext, BatchScored, RuleContext, Scored

SAMPLE = build_sample_scheme()
RATING = Metric("s", MetricKind.RATING, Text("score", "分"))


def problems(scheme: Scheme, data: Mapping[str, Any]) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        scheme.score(data)
    return [str(p) for p in caught.value.problems]


class TestReading:
    def test_an_entity_id_must_be_text(self) -> None:
        assert problems(SAMPLE, sample_record(entity_id=True)) == [
            "record True: field 'entity_id' = True: must be text (or a whole number)"
        ]

    def test_an_entity_id_without_control_characters(self) -> None:
        found = problems(SAMPLE, sample_record(entity_id="E\x1b1"))
        assert len(found) == 1
        assert found[0].endswith(
            "field 'entity_id' = 'E\\x1b1': must not contain control characters (such as NUL, "
            "ESC, a line break or a direction override)"
        )

    def test_a_whole_number_entity_id_is_its_text(self) -> None:
        assert SAMPLE.score(sample_record(entity_id=17)).entity_id == "17"

    def test_every_problem_at_once(self) -> None:
        found = problems(
            SAMPLE,
            sample_record(period="2026", income=-1, discipline_score=None, relocated=3),
        )
        assert found == [
            "record E-1: field 'period' = '2026': this scheme is monthly: give YYYY-MM",
            "record E-1: field 'income' = -1: must be within [0, ∞)",
            "record E-1: field 'discipline_score' = missing: is required",
            "record E-1: field 'eligible' = 9: must not exceed relocated (3)",
        ]

    def test_a_refused_value_skips_the_constraints_reading_it(self) -> None:
        found = problems(SAMPLE, sample_record(eligible="x", relocated=3))
        assert found == ["record E-1: field 'eligible' = 'x': must be a whole number >= 0"]

    def test_a_period_that_is_no_period(self) -> None:
        assert problems(SAMPLE, sample_record(period="July")) == [
            "record E-1: field 'period' = 'July': must be a period, YYYY-MM or YYYY"
        ]


@attrs.frozen
class Stated(Rule):
    """Full points, with the status ``behind`` when the flag *metric* is set (a plugin might)."""

    kind: ClassVar[str] = "test_stated"
    metric: str = "state"

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        state = "behind" if ctx.value(self.metric) else "ahead"
        return Scored(weight, Text("full", "满分"), status=state)

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        behind = np.asarray(ctx.column(self.metric), dtype=bool)
        states = np.where(behind, "behind", "ahead").astype(object)
        return BatchScored(np.full(len(states), float(weight)), status=states)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("full", "满分")

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return weight, weight

    def statuses(self) -> tuple[str, ...]:
        return ("behind", "ahead")


def stated_scheme(outcomes: list[Outcome]) -> Scheme:
    return Scheme(
        id="test.stated",
        version="1",
        title=Text("stated", "状态"),
        period=PeriodKind.MONTHLY,
        metrics=[
            Metric("state", MetricKind.FLAG, Text("state", "状态")),
            Metric("other", MetricKind.FLAG, Text("other", "其他")),
        ],
        components=[
            Component("first", Text("first", "一"), 50, Stated("state")),
            Component("second", Text("second", "二"), 50, Stated("other")),
        ],
        outcomes=outcomes,
    )


class TestOutcomes:
    def test_numbers_money_flags_texts(self) -> None:
        scheme = one_rule_scheme(
            Share("n", "m"),
            [
                Metric("n", MetricKind.COUNT, Text("n", "n")),
                Metric("m", MetricKind.COUNT, Text("m", "m")),
            ],
            outcomes=[
                Outcome("third", Text("third", "三分之一"), Input("n") / Input("m"), places=4),
                Outcome("half", Text("half", "半"), Total() / 2 - 40, places=3),
                Outcome("none", Text("none", "零"), Total() - Total()),
                Outcome("pay", Text("pay", "工资"), Total() * Const("33.335"), kind="money"),
                Outcome("vetoed", Text("vetoed", "否决"), Vetoed(), kind="flag"),
                Outcome(
                    "word",
                    Text("word", "字"),
                    Const("ok"),
                    kind="text",
                ),
                Outcome("again", Text("again", "再"), OutcomeRef("half") * 2, places=2),
            ],
        )
        # c: 10 × 1/3 = 3.33…, published 3.33; total 90 + 3.33 = 93.33
        result = scheme.score(record(n=1, m=3))
        assert str(result.total) == "93.33"
        assert result.outcome == {
            "third": Decimal("0.3333"),
            "half": Decimal("6.665"),  # 93.33 / 2 − 40
            "none": Decimal(0),
            "pay": Decimal("3111.16"),  # 93.33 × 33.335 = 3111.15555 → 3111.16
            "vetoed": False,
            "word": "ok",
            "again": Decimal("13.33"),  # 6.665 × 2
        }
        assert str(result.outcome["none"]) == "0"
        assert str(result.outcome["half"]) == "6.665"

    def test_a_whole_number_drops_trailing_zeros(self) -> None:
        scheme = one_rule_scheme(
            Share("n", "m"),
            [
                Metric("n", MetricKind.COUNT, Text("n", "n")),
                Metric("m", MetricKind.COUNT, Text("m", "m")),
            ],
            outcomes=[Outcome("t", Text("t", "t"), Total() * 10)],
        )
        assert scheme.score(record(n=1, m=2)).outcome["t"] == Decimal(950)

    def test_a_whole_number_reads_as_written(self) -> None:
        # 95 × 10 = 950, not 9.5E+2; 0.5 × 10 = 5; 1.25 × 10 = 12.5
        scheme = one_rule_scheme(
            Share("n", "m"),
            [
                Metric("n", MetricKind.COUNT, Text("n", "n")),
                Metric("m", MetricKind.COUNT, Text("m", "m")),
            ],
            outcomes=[
                Outcome("t", Text("t", "t"), Total() * 10),
                Outcome("tenth", Text("tenth", "十分之一"), Total() / 1000, places=4),
            ],
        )
        outcome = scheme.score(record(n=1, m=2)).outcome
        assert (str(outcome["t"]), str(outcome["tenth"])) == ("950", "0.095")
        assert str(scheme.score(record(n=0, m=2)).outcome["t"]) == "900"

    def test_a_year_is_published_as_a_number(self) -> None:
        # a year is not a number to compute with, but a number outcome publishes it as read
        built = Metric("built", MetricKind.YEAR, Text("year built", "建成年份"), required=False)
        scheme = build_sample_scheme(
            metrics=[*SAMPLE.metrics, built],
            outcomes=[
                *SAMPLE.outcomes,
                Outcome("built_in", Text("built in", "建成于"), Input("built"), places=0),
            ],
        )
        given = {**sample_record(), "built": 2019}
        assert scheme.score(given).outcome["built_in"] == Decimal(2019)
        batch = scheme.score_batch({name: [value] for name, value in given.items()})
        assert batch.outcomes["built_in"].tolist() == [2019.0]

    def test_statuses(self) -> None:
        scheme = stated_scheme(
            [
                Outcome("first_behind", Text("a", "a"), StatusIs("first", "behind"), kind="flag"),
                Outcome("behind", Text("b", "b"), ComponentsWithStatus("behind"), kind="list"),
                Outcome("none_behind", Text("c", "c"), NoneWithStatus("behind"), kind="flag"),
            ]
        )
        records = [
            {"state": True, "other": True},
            {"state": False, "other": True},
            {"state": False, "other": False},
        ]
        got = [scheme.score(r).outcome for r in records]
        assert got == [
            {"first_behind": True, "behind": ["first", "second"], "none_behind": False},
            {"first_behind": False, "behind": ["second"], "none_behind": False},
            {"first_behind": False, "behind": [], "none_behind": True},
        ]


@attrs.frozen
class Given(Rule):
    """Points of a plugin rule as it computed them (int, Decimal, float…)."""

    kind: ClassVar[str] = "test_given"
    points: Any = 0

    def inputs(self) -> tuple[str, ...]:
        return ("s",)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        return Scored(self.points, Text("given", "给定"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        return BatchScored(np.full(ctx.size, float(self.points)))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("given", "给定")

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return Fraction(0), weight


class TestPluginPoints:
    @pytest.mark.parametrize(
        ("points", "shown"), [(7, "7.00"), (Decimal("7.125"), "7.13"), (Fraction(22, 3), "7.33")]
    )
    def test_exact_numbers_are_taken(self, points: Any, shown: str) -> None:
        result = one_rule_scheme(Given(points), [RATING]).score(record(s=1))
        assert str(result.components["c"].points) == shown
        assert result.components["c"].exact_points == Fraction(points)

    @pytest.mark.parametrize(("points", "name"), [(7.5, "float"), (True, "bool")])
    def test_other_points_are_refused(self, points: Any, name: str) -> None:
        scheme = one_rule_scheme(Given(points), [RATING])
        with pytest.raises(RuleError) as caught:
            scheme.score(record(s=1))
        assert (
            f"score() returned {name} points {points!r}; the exact path takes exact numbers "
            "only (Fraction): compute with Fraction, never with float"
        ) in str(caught.value)


class TestExplanations:
    def test_rescaled_points_say_so(self) -> None:
        scheme = one_rule_scheme(
            Share("n", "m"),
            [
                Metric("n", MetricKind.COUNT, Text("n", "n")),
                Metric("m", MetricKind.COUNT, Text("m", "m")),
            ],
        )
        result = scheme.score(record(n=0, m=0))
        (note,) = result.notes
        assert note.en == (
            "not applicable: c; the other weights sum to 90 and are scaled by 10/9 to sum to 100"
        )
        assert note.zh == "不适用:考核项;其余权重合计 90,乘以 10/9 使总权重为100"  # by label
        filler = result.components["fill"]
        assert filler.explanation.en.endswith("; rescaled × 10/9 = 100")
        assert filler.explanation.zh.endswith(";按比例放大 × 10/9 = 100")
        assert filler.weight == 100
        assert result.components["c"].weight == 10

    def test_a_veto_names_its_inputs(self) -> None:
        result = SAMPLE.score(sample_record(loss_rate="0.02"))
        (veto,) = result.vetoes
        assert veto.explanation.en.endswith("(loss_rate = 2%): the whole total is 0")
        assert veto.explanation.zh == "贷款损失率大于1%(loss_rate = 2%):考核总分为0"
        assert str(result.total) == "0.00"
        assert result.exact_total == 0
