"""Rule kinds of the planted plugin: one correct, the others each with one defect.

They are written as a scheme author would, from ``docs/rules.md``: a frozen
attrs class with ``score`` (exact) and ``score_batch`` (numpy).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit import Param, Text
from assesskit._exact import to_fraction
from assesskit.metrics import Direction
from assesskit.rules import BatchRuleContext, BatchScored, Rule, RuleContext, Scored
from assesskit.rules.base import Number, number

__all__ = [
    "AlwaysGenerous",
    "FloatLiteralThreshold",
    "FloatRatio",
    "FloatSum",
    "FloatingPoints",
    "GreaterInBatch",
    "GreaterInBatchByClassConstant",
    "OneMinusParameter",
    "OverDeclared",
    "PlateauByDivision",
    "ResolutionRate",
    "ShopperVisits",
    "TargetBonus",
]


@attrs.frozen
class ShopperVisits(Rule):
    """The mystery shopper's rating: the full weight from ``top``, half from ``pass_mark``.

    Correct: both paths compare with the same ends, which are exact floats.
    """

    kind: ClassVar[str] = "shop_shopper_visits"

    metric: str = "shopper_rating"
    top: Number = attrs.field(default=Fraction(90), converter=number)
    pass_mark: Number = attrs.field(default=Fraction(60), converter=number)

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def _points(
        self, rating: Fraction, weight: Fraction, top: Fraction, mark: Fraction
    ) -> Fraction:
        if rating >= top:
            return weight
        return weight / 2 if rating >= mark else Fraction(0)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        rating = ctx.fraction(self.metric)
        points = self._points(rating, weight, ctx.number(self.top), ctx.number(self.pass_mark))
        return Scored(points, Text(f"rating {rating} → {points}", f"评分 {rating} → {points}"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        rating = ctx.column(self.metric)
        w = float(weight)
        top, mark = ctx.number(self.top), ctx.number(self.pass_mark)
        return BatchScored(np.where(rating >= top, w, np.where(rating >= mark, w / 2, 0.0)))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text(f"{weight} from a rating of 90, half from 60", f"90分得{weight}分,60分得一半")

    def directions(self) -> Mapping[str, Direction]:
        return {self.metric: "higher_is_better"}

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        ends = [self.top, self.pass_mark]
        return {
            self.metric: tuple(
                to_fraction(params[e.name]) if isinstance(e, Param) else e for e in ends
            )
        }


@attrs.frozen
class GreaterInBatch(ShopperVisits):
    """Defect: ``>`` on the batch path where the exact path has ``>=`` (ends not declared)."""

    kind: ClassVar[str] = "shop_greater_in_batch"

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        rating = ctx.column(self.metric)
        w = float(weight)
        top, mark = ctx.number(self.top), ctx.number(self.pass_mark)
        return BatchScored(np.where(rating > top, w, np.where(rating >= mark, w / 2, 0.0)))

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        return {}  # the careless part: the thresholds are not declared


@attrs.frozen
class GreaterInBatchByClassConstant(Rule):
    """Defect: a threshold in a class constant, ``>=`` exact and ``>`` in the batch."""

    kind: ClassVar[str] = "shop_class_constant"
    TOP: ClassVar[Fraction] = Fraction("87.5")

    metric: str = "shopper_rating"

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        points = weight if ctx.fraction(self.metric) >= self.TOP else Fraction(0)
        return Scored(points, Text(f"→ {points}"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        return BatchScored(np.where(ctx.column(self.metric) > float(self.TOP), float(weight), 0.0))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text(f"{weight} from 87.5")


@attrs.frozen
class _SalesRule(Rule):
    """A rule on sales against the target; subclasses say how (each with a defect)."""

    kind: ClassVar[str] = "shop_sales"

    metric: str = "sales"
    target: Number = attrs.field(default=Param("sales_target"), converter=number)

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        sales = ctx.column(self.metric)
        w = float(weight)
        with np.errstate(divide="ignore", invalid="ignore"):
            return BatchScored(w * np.minimum(sales / ctx.number(self.target), 1.0))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text(f"{weight} × sales / target, at most {weight}")

    def directions(self) -> Mapping[str, Direction]:
        return {self.metric: "higher_is_better"}


@attrs.frozen
class FloatRatio(_SalesRule):
    """Defect: ``weight × (value / target)`` in binary floats on the exact path."""

    kind: ClassVar[str] = "shop_float_ratio"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        share = float(ctx.fraction(self.metric)) / float(ctx.number(self.target))
        points = Fraction(float(weight) * min(share, 1.0)).limit_denominator(10**6)
        return Scored(points, Text(f"→ {points}"))


@attrs.frozen
class FloatingPoints(_SalesRule):
    """Defect: the exact path returns float points."""

    kind: ClassVar[str] = "shop_floating_points"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        share = min(ctx.fraction(self.metric) / ctx.number(self.target), Fraction(1))
        return Scored(float(weight * share), Text("→ points"))  # type: ignore[arg-type]


@attrs.frozen
class PlateauByDivision(_SalesRule):
    """Defect: divides by the target parameter, whose domain allows 0."""

    kind: ClassVar[str] = "shop_plateau_by_division"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        share = min(ctx.fraction(self.metric) / ctx.number(self.target), Fraction(1))
        return Scored(weight * share, Text(f"→ {weight * share}"))


@attrs.frozen
class TargetBonus(_SalesRule):
    """Defect: two bonus points at exactly the target, above the component's weight."""

    kind: ClassVar[str] = "shop_target_bonus"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        sales, target = ctx.fraction(self.metric), ctx.number(self.target)
        points = weight * min(sales / target, Fraction(1)) + (2 if sales == target else 0)
        return Scored(points, Text(f"→ {points}"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        base = super().score_batch(ctx, weight).points
        return BatchScored(
            base + np.where(ctx.column(self.metric) == ctx.number(self.target), 2.0, 0.0)
        )


@attrs.frozen
class AlwaysGenerous(_SalesRule):
    """Defect: 60 points more than the weight, always (its bounds still say [0, weight])."""

    kind: ClassVar[str] = "shop_always_generous"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        return Scored(weight + 60, Text(f"→ {weight + 60}"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        return BatchScored(np.full(ctx.size, float(weight + 60)))


@attrs.frozen
class OverDeclared(_SalesRule):
    """Defect: declares bounds of twice the weight (a bonus the scheme cannot take)."""

    kind: ClassVar[str] = "shop_over_declared"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        share = min(ctx.fraction(self.metric) / ctx.number(self.target), Fraction(2))
        return Scored(weight * share, Text("→ points"))

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return Fraction(0), 2 * weight


@attrs.frozen
class FloatSum(Rule):
    """Defect: ``0.1 × late days + 0.2 × complaints <= 0.3`` in floats decides full points."""

    kind: ClassVar[str] = "shop_float_sum"

    def inputs(self) -> tuple[str, ...]:
        return ("late_days", "complaints")

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        late, complaints = ctx.fraction("late_days"), ctx.fraction("complaints")
        full = 0.1 * late + 0.2 * complaints <= 0.3
        return Scored(weight if full else Fraction(0), Text("→ points"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        full = 0.1 * ctx.column("late_days") + 0.2 * ctx.column("complaints") <= 0.3
        return BatchScored(np.where(full, float(weight), 0.0))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("full points for a clean month")


@attrs.frozen
class FloatLiteralThreshold(Rule):
    """Defect: compares the return rate with the float literal 0.3 on the exact path."""

    kind: ClassVar[str] = "shop_float_literal"

    metric: str = "return_rate"

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        ok = ctx.fraction(self.metric) <= 0.3
        return Scored(weight if ok else Fraction(0), Text("→ points"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        return BatchScored(np.where(ctx.column(self.metric) <= 0.3, float(weight), 0.0))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("full points up to 30%")


@attrs.frozen
class OneMinusParameter(Rule):
    """Defect: ``weight × (1 − rate) / (1 − tolerance)``: the tolerance may be 1."""

    kind: ClassVar[str] = "shop_one_minus_parameter"

    metric: str = "return_rate"
    tolerance: Number = attrs.field(default=Param("return_tolerance"), converter=number)

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        kept = (1 - ctx.fraction(self.metric)) / (1 - ctx.number(self.tolerance))
        return Scored(weight * min(kept, Fraction(1)), Text("→ points"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        with np.errstate(divide="ignore", invalid="ignore"):
            kept = (1 - ctx.column(self.metric)) / (1 - ctx.number(self.tolerance))
        return BatchScored(float(weight) * np.minimum(kept, 1.0))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("returns kept within the tolerance")


@attrs.frozen
class ResolutionRate(Rule):
    """Defect: ``weight × resolved / complaints``, and a month without complaints divides by 0."""

    kind: ClassVar[str] = "shop_resolution_rate"

    def inputs(self) -> tuple[str, ...]:
        return ("resolved", "complaints")

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        share = ctx.fraction("resolved") / ctx.fraction("complaints")
        return Scored(weight * min(share, Fraction(1)), Text("→ points"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        with np.errstate(divide="ignore", invalid="ignore"):
            share = ctx.column("resolved") / ctx.column("complaints")
        return BatchScored(float(weight) * np.minimum(share, 1.0))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("the share of complaints resolved")
