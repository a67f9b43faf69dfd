"""The rule protocol at its edges: what a new rule kind inherits, and what a rule sees.

A rule kind written outside the library (``Half`` below: half the weight
when a flag is set) gets the protocol's defaults: no parameters unless its
fields hold them, no constraints, points in ``[0, weight]``, no edges. What a
rule sees of a record (:class:`RuleContext`) and of a batch
(:class:`BatchRuleContext`) is checked on the values a scheme would give.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np
import pytest
from tests.core._helpers import one_rule_scheme, points_of, record

from assesskit import Metric, MetricKind, Param, Text
from assesskit.expressions import BatchValue
from assesskit.rules.base import (
    BatchRuleContext,
    BatchScored,
    PointsRange,
    Rule,
    RuleContext,
    RuleExample,
    Scored,
    describe_points,
    number,
    number_words,
)

F = Fraction
FLAG = Metric("set", MetricKind.FLAG, Text("set", "設定"))


@attrs.frozen
class Half(Rule):
    """Half the weight when the flag is set, else the full weight."""

    kind: ClassVar[str] = "half"

    metric: str
    share: Any = attrs.field(default=F(1, 2), converter=number)

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        points = weight * ctx.number(self.share) if ctx.value(self.metric) else weight
        return Scored(points, Text(describe_points(points)))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        share = ctx.number(self.share)
        data = np.asarray(ctx.raw(self.metric).data, dtype=bool)
        return BatchScored(np.where(data, float(weight) * share, float(weight)))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text(f"{weight} × {number_words(self.share)}")


class TestDefaults:
    def test_a_kind_of_ones_own_scores_on_both_paths(self) -> None:
        scheme = one_rule_scheme(Half("set"), [FLAG], 10)
        assert points_of(scheme, [record(set=True), record(set=False)]) == ["5.00", "10.00"]

    def test_what_a_kind_inherits(self) -> None:
        rule = Half("set")
        assert rule.params() == frozenset()
        assert Half("set", Param("share")).params() == frozenset({"share"})
        assert rule.constraints() == ()
        assert rule.optional_inputs() == frozenset()
        assert rule.definition_problems({}, {}) == []
        assert rule.bounds(F(10)) == (0, 10)
        assert rule.reachable(F(10)) is None
        assert rule.points_range(F(10), {}, {}) == PointsRange(F(0), F(10), None)
        assert rule.directions() == {}
        assert rule.edges({}) == {}
        assert not rule.may_be_not_applicable()
        assert Half.example() is None
        assert Half.examples() == ()
        assert Rule.kind == "rule"

    def test_a_rule_that_is_no_attrs_class_reads_no_parameters(self) -> None:
        class Plain(Rule):
            def inputs(self) -> tuple[str, ...]:
                return ()

            def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
                raise NotImplementedError

            def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
                raise NotImplementedError

            def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
                raise NotImplementedError

        assert Plain().params() == frozenset()


class TestPointsRange:
    def test_of_values(self) -> None:
        assert PointsRange.of_values({F(5), F(0), F(10)}) == PointsRange(
            F(0), F(10), (F(0), F(5), F(10))
        )
        assert PointsRange.of_values({F(3)}) == PointsRange(F(3), F(3), (F(3),))

    @pytest.mark.parametrize(
        ("points", "words"),
        [
            (PointsRange(F(0), F(15)), "[0, 15]"),
            (PointsRange(F(0), None), "[0, ∞)"),
            (PointsRange(None, F("2.5")), "(-∞, 2.5]"),
            (PointsRange(None, None), "(-∞, ∞)"),
            (PointsRange.of_values({F(0), F(5), F(10)}), "{0, 5, 10}"),
            (PointsRange.of_values({F(n) for n in range(6)}), "{0, 1, 2, 3, 4, 5}"),
            (PointsRange.of_values({F(n) for n in range(7)}), "[0, 6]"),
            (PointsRange.of_values({F(1, 3), F(1)}), "{≈0.3333, 1}"),
        ],
    )
    def test_words(self, points: PointsRange, words: str) -> None:
        assert points.words() == words


class TestRuleExample:
    def test_weight(self) -> None:
        assert RuleExample(Half("set"), [FLAG]).weight == 100
        assert RuleExample(Half("set"), [FLAG], "0.5").weight == F(1, 2)
        assert RuleExample(Half("set"), (m for m in [FLAG])).metrics == (FLAG,)
        assert RuleExample(Half("set"), [FLAG]).parameters == ()
        assert RuleExample(Half("set"), [FLAG]).name == ""
        assert RuleExample(Half("set"), [FLAG]).period_field is None

    @pytest.mark.parametrize("weight", [0, "-1", "100.01"])
    def test_a_weight_outside_0_100_is_refused(self, weight: Any) -> None:
        with pytest.raises(ValueError) as refusal:  # noqa: PT011 - the message is checked below
            RuleExample(Half("set"), [FLAG], weight)
        assert str(refusal.value) == f"an example's weight is in (0, 100], not {weight!r}"


class TestRuleContext:
    metrics: ClassVar[dict[str, Metric]] = {
        "r": Metric("r", MetricKind.RATIO, Text("return", "回報率")),
        "n": Metric("n", MetricKind.COUNT, Text("loans", "貸款")),
    }
    ctx = RuleContext({"r": F(7, 100), "n": F(3), "flag": True}, metrics, {"t": "0.25"})

    def test_values(self) -> None:
        assert self.ctx.value("r") == F(7, 100)
        assert self.ctx.value("absent") is None
        assert self.ctx.fraction("n") == 3
        with pytest.raises(TypeError, match=r"^input 'flag' is True, not a number$"):
            self.ctx.fraction("flag")
        with pytest.raises(TypeError, match=r"^input 'absent' is None, not a number$"):
            self.ctx.fraction("absent")

    def test_constants(self) -> None:
        assert self.ctx.number(Param("t")) == F(1, 4)
        assert self.ctx.number(F(2)) == 2
        assert number("0.5") == F(1, 2)
        assert isinstance(number(Param("t")), Param)
        assert number_words(Param("income_target")) == "income_target"
        assert number_words(F(1, 8)) == "0.125"
        assert number_words(F("0.1234567")) == "≈0.123457"  # six decimals at most

    def test_labels_and_shown_values(self) -> None:
        assert self.ctx.label("r") == Text("return", "回報率")
        assert self.ctx.label("flag") == Text("flag", "flag")
        assert self.ctx.show("r") == "7%"
        assert self.ctx.show("r", F(1, 2)) == "50%"
        assert self.ctx.show("n") == "3"
        assert self.ctx.show("flag") == "True"
        assert self.ctx.show("absent") == "None"


class TestBatchRuleContext:
    ctx = BatchRuleContext(
        {
            "x": BatchValue(np.array([1.5, np.nan]), missing=np.array([False, True])),
            "y": BatchValue(np.array([2.0, 3.0])),
        },
        {"t": "0.1"},
        2,
    )

    def test_columns(self) -> None:
        assert self.ctx.column("x")[0] == 1.5
        assert np.isnan(self.ctx.column("x")[1])
        assert self.ctx.raw("y").missing is None
        assert self.ctx.missing("x").tolist() == [False, True]
        assert self.ctx.missing("y").tolist() == [False, False]
        assert self.ctx.missing("y").dtype == bool
        assert self.ctx.decimal("x") is None
        assert self.ctx.decimals == {}

    def test_constants(self) -> None:
        assert self.ctx.exact_number(Param("t")) == F(1, 10)
        assert self.ctx.exact_number(F(3, 4)) == F(3, 4)
        assert self.ctx.number(Param("t")) == 0.1
        assert self.ctx.number(F(1, 3)) == 1 / 3
        assert isinstance(self.ctx.number(F(2)), float)
        assert isinstance(self.ctx.number(Param("t")), float)


def test_describe_points() -> None:
    assert describe_points(F(48)) == "48"
    assert describe_points(F("52.725")) == "52.725"
    assert describe_points(F(1, 3)) == "≈0.3333"


def test_scored_defaults() -> None:
    scored = Scored(F(1), Text("one"))
    assert (scored.status, scored.details) == (None, {})
    batch = BatchScored(np.zeros(1))
    assert (batch.applicable, batch.doubt, batch.status, batch.exact) == (None, None, None, None)
