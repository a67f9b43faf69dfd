"""Schemes with one deliberate defect each, for proving that the kit catches it."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np
from tests.conftest import build_sample_scheme

from assesskit import Band, BandTable, Component, Interval, Scheme, Text
from assesskit.metrics import Direction
from assesskit.rules import BatchRuleContext, BatchScored, Plateau, Rule, RuleContext, Scored


@attrs.frozen
class ShrinkingIncome(Rule):
    """Declares income higher-is-better but gives fewer points above the target (the defect)."""

    kind: ClassVar[str] = "test_shrinking_income"
    metric: str = "income"

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def _points(self, income: Fraction, weight: Fraction) -> Fraction:
        # weight × income / 100000 up to the target, then half the weight above it
        return weight * min(income / 100000, Fraction(1)) if income <= 100000 else weight / 2

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        points = self._points(ctx.fraction(self.metric), weight)
        return Scored(points, Text(f"income → {points}"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        income = ctx.column(self.metric)
        w = float(weight)
        return BatchScored(np.where(income <= 100000, w * np.minimum(income / 100000, 1.0), w / 2))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("shrinking income")

    def directions(self) -> Mapping[str, Direction]:
        return {self.metric: "higher_is_better"}

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        return {self.metric: (Fraction(0), Fraction(100000))}


@attrs.frozen
class OffByOneCentBatch(Plateau):
    """A plateau whose batch path adds 0.01 points (the defect); the exact path is right."""

    kind: ClassVar[str] = "test_off_by_one_cent"

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        scored = super().score_batch(ctx, weight)
        return BatchScored(scored.points + 0.01)


@attrs.frozen
class OverflowingPlateau(Plateau):
    """A plateau that gives one point more than its weight at the target and above (the defect)."""

    kind: ClassVar[str] = "test_overflowing_plateau"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        scored = super().score(ctx, weight)
        assert scored.points is not None
        points = scored.points + 1 if scored.points == weight else scored.points
        return Scored(points, scored.explanation)

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        scored = super().score_batch(ctx, weight)
        w = float(weight)
        return BatchScored(np.where(scored.points == w, w + 1, scored.points))


@attrs.frozen
class FirstRowBonus(Plateau):
    """A plateau whose batch path gives the first row of a batch 1 point more (the defect)."""

    kind: ClassVar[str] = "test_first_row_bonus"

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        points = super().score_batch(ctx, weight).points.copy()
        points[:1] = np.minimum(points[:1] + 1, float(weight))
        return BatchScored(points)


def with_income_rule(rule: Rule) -> Scheme:
    """The sample scheme with *rule* scoring its income component (weight 20)."""
    sample = build_sample_scheme()
    components = [attrs.evolve(c, rule=rule) if c.id == "income" else c for c in sample.components]
    return attrs.evolve(sample, components=components)


def with_band_gap() -> Scheme:
    """The sample scheme with the literal reading of "低于80分,高于60分": 60 is in no band."""
    bands = BandTable(
        (
            Band("full", Text("full pay", "全额"), Interval.at_least(80)),
            Band("reduced", Text("80% pay", "八成"), Interval(60, 80, False, False)),
            Band("low", Text("60% pay", "六成"), Interval.below(60)),
        )
    )
    return build_sample_scheme(bands=bands)


def component(scheme: Scheme, component_id: str) -> Component:
    """The component *component_id* of *scheme*."""
    return next(c for c in scheme.components if c.id == component_id)
