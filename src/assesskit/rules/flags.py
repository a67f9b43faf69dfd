"""Yes/no rules: full points or none by a flag."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit._batchmath import Rationals
from assesskit._exact import format_number
from assesskit.metrics import Direction, Metric, MetricKind
from assesskit.rules.base import (
    BatchRuleContext,
    BatchScored,
    PointsRange,
    Rule,
    RuleContext,
    RuleExample,
    Scored,
)
from assesskit.text import Text

__all__ = ["Boolean"]


@attrs.frozen
class Boolean(Rule):
    """Full weight when the flag equals ``award_when``, else 0.

    ``Boolean("confidentiality_breach", award_when=False)``: a breach takes
    every point of the component.
    """

    kind: ClassVar[str] = "boolean"

    metric: str
    award_when: bool = True

    @classmethod
    def example(cls) -> RuleExample:
        """A confidentiality breach takes all 10 points."""
        label = Text("confidentiality breach", "泄密")
        return RuleExample(
            cls("breach", award_when=False),
            [Metric("breach", MetricKind.FLAG, label, direction="lower_is_better")],
            weight=10,
        )

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        value = ctx.value(self.metric)
        points = weight if value is self.award_when else Fraction(0)
        label = ctx.label(self.metric)
        yes_no = "yes" if value else "no"
        return Scored(
            points,
            Text(
                f"{label.en}: {yes_no} → {format_number(points)}",
                f"{label.zh}:{'是' if value else '否'} → {format_number(points)}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        value = np.asarray(ctx.raw(self.metric).data, dtype=bool)
        awarded = value if self.award_when else ~value
        num = np.where(awarded, float(weight.numerator), 0.0)
        exact = Rationals.of(num, weight.denominator, abs(weight.numerator))
        return BatchScored(num / weight.denominator, exact=exact)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        w = format_number(weight)
        when = "true" if self.award_when else "false"
        other = "false" if self.award_when else "true"
        zh_when = "是" if self.award_when else "否"
        return Text(
            f"{w} when {self.metric} is {when}; 0 when {other}",
            f"{labels[self.metric].zh}为“{zh_when}”得 {w} 分,否则 0 分",
        )

    def reachable(self, weight: Fraction) -> tuple[Fraction, ...] | None:
        return (Fraction(0), weight)

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        return PointsRange.of_values({Fraction(0), weight})

    def directions(self) -> Mapping[str, Direction]:
        return {}
