"""Rules that award points in proportion to an attainment."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit._batchmath import EXACT_LIMIT, Rationals
from assesskit._exact import format_number, to_fraction
from assesskit.constraints import NotAbove
from assesskit.expressions import Param
from assesskit.metrics import Direction, Metric, MetricKind
from assesskit.rules._domains import domain_of
from assesskit.rules.base import (
    BatchRuleContext,
    BatchScored,
    Constraint,
    Number,
    PointsRange,
    Rule,
    RuleContext,
    RuleExample,
    Scored,
    number,
    number_words,
)
from assesskit.text import Text

__all__ = ["Plateau", "RatioToTarget", "Share"]


def _fmt(value: Fraction) -> str:
    return format_number(value)


def _resolve(value: Number, params: Mapping[str, Any]) -> Fraction:
    return to_fraction(params[value.name]) if isinstance(value, Param) else value


def _named(value: Number) -> str:
    return f"{value.name} = " if isinstance(value, Param) else ""


@attrs.frozen
class RatioToTarget(Rule):
    """``weight × clamp(value / target, 0, cap)``: proportional to the target, capped.

    With ``cap = 1`` the component earns full points from the target up (see
    :class:`Plateau`); a negative value earns 0.
    """

    kind: ClassVar[str] = "ratio_to_target"

    metric: str
    target: Number = attrs.field(converter=number)
    cap: Fraction = attrs.field(default=Fraction(1), converter=number)

    @classmethod
    def example(cls) -> RuleExample:
        """A return on capital (a loss earns 0) against 13%, 30 points."""
        label = Text("return on capital", "资本回报率")
        return RuleExample(
            cls("return_on_capital", "0.13"),
            [Metric("return_on_capital", MetricKind.RATIO, label).unbounded()],
            weight=30,
        )

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def _attainment(self, value: Fraction, target: Fraction) -> Fraction:
        return min(max(value / target, Fraction(0)), self.cap)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        value = ctx.fraction(self.metric)
        target = ctx.number(self.target)
        attained = self._attainment(value, target)
        points = weight * attained
        label = ctx.label(self.metric)
        shown, goal = ctx.show(self.metric), ctx.show(self.metric, target)
        ratio = value / target
        if ratio >= self.cap:
            tail_en = f"{_fmt(weight)} × {_fmt(self.cap)} (capped) = {_fmt(points)}"
            tail_zh = f"{_fmt(weight)} × {_fmt(self.cap)}(封顶)= {_fmt(points)}"
        elif ratio <= 0:
            tail_en, tail_zh = "not below 0: 0", "不低于0:0"
        else:
            tail_en = tail_zh = f"{_fmt(weight)} × {shown} / {goal} = {_fmt(points)}"
        return Scored(
            points,
            Text(
                f"{label.en} {shown} against the target {goal}: {tail_en}",
                f"{label.zh} {shown},指标 {goal}:{tail_zh}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        exact = self._exact_batch(ctx, weight)
        if exact is not None:
            return BatchScored(exact.as_float(), exact=exact)
        value = ctx.column(self.metric)
        target = ctx.number(self.target)
        attained = np.clip(value / target, 0.0, float(self.cap))
        return BatchScored(float(weight) * attained)

    def _exact_batch(self, ctx: BatchRuleContext, weight: Fraction) -> Rationals | None:
        """``clip(units × W / (10**p × target), 0, W × cap)`` over one common denominator."""
        value = ctx.decimal(self.metric)
        if value is None:
            return None
        per_unit = weight / (ctx.exact_number(self.target) * 10**value.places)
        highest = weight * self.cap
        den = lcm(per_unit.denominator, highest.denominator)
        factor = per_unit * den  # a whole number
        top = float(highest * den)
        if value.bound * abs(factor) >= EXACT_LIMIT:
            return None
        num = value.units * float(factor)
        np.clip(num, 0.0, top, out=num)
        return Rationals.of(num, den, top)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        goal = number_words(self.target)
        w = _fmt(weight)
        cap = "" if self.cap == 1 else f" × at most {_fmt(self.cap)}"
        return Text(
            f"{w} × {self.metric} / {goal}, not below 0 and at most {w}{cap}",
            f"{w} × {labels[self.metric].zh} / 指标 {goal},不低于0,最高 {w}",
        )

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return Fraction(0), weight * self.cap

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        target = _resolve(self.target, params)
        if target <= 0:
            return super().points_range(weight, metrics, params)
        domain = domain_of(metrics.get(self.metric))
        # weight × clamp(value / target, 0, cap) grows with the value
        low = Fraction(0) if domain.lower is None else self._attainment(domain.lower, target)
        high = self.cap if domain.upper is None else self._attainment(domain.upper, target)
        if self.cap < 0:
            low = high = self.cap
        return PointsRange(weight * low, weight * high)

    def definition_problems(
        self, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> list[str]:
        target = _resolve(self.target, params)
        if target <= 0:
            return [f"the target {_named(self.target)}{_fmt(target)} must be above 0"]
        return []

    def directions(self) -> Mapping[str, Direction]:
        return {self.metric: "higher_is_better"}

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        target = self.target if isinstance(self.target, Fraction) else params[self.target.name]
        return {self.metric: (Fraction(0), Fraction(target), Fraction(target) * self.cap)}


@attrs.frozen
class Plateau(RatioToTarget):
    """Proportional below a target, full points from the target up (cap 1)."""

    kind: ClassVar[str] = "plateau"

    cap: Fraction = attrs.field(default=Fraction(1), init=False)

    @classmethod
    def example(cls) -> RuleExample:
        """Income against the target parameter ``income_target``, 40 points."""
        from assesskit.components import Parameter

        income = Text("income", "业务收入")
        return RuleExample(
            cls("income", Param("income_target")),
            [Metric("income", MetricKind.MONEY, income, direction="higher_is_better")],
            weight=40,
            parameters=[
                Parameter(
                    "income_target",
                    Text("income target", "业务收入指标"),
                    100000,
                    kind=MetricKind.MONEY,
                )
            ],
        )

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        goal = number_words(self.target)
        w = _fmt(weight)
        return Text(
            f"{w} × {self.metric} / {goal} below the target; {w} from {goal} up",
            f"未达指标 {goal}:{w} × {labels[self.metric].zh} / {goal};达到即得 {w}",
        )


@attrs.frozen
class Share(Rule):
    """``weight × numerator / denominator``; not applicable when the denominator is 0.

    Adds the constraint ``numerator <= denominator``.
    """

    kind: ClassVar[str] = "share"

    numerator: str
    denominator: str

    @classmethod
    def example(cls) -> RuleExample:
        """Households eligible among those relocated, 20 points (not applicable to none)."""
        return RuleExample(
            cls("eligible", "relocated"),
            [
                Metric("eligible", MetricKind.COUNT, Text("eligible households", "符合条件户数")),
                Metric("relocated", MetricKind.COUNT, Text("relocated households", "搬迁户数")),
            ],
            weight=20,
        )

    def inputs(self) -> tuple[str, ...]:
        return (self.numerator, self.denominator)

    def constraints(self) -> tuple[Constraint, ...]:
        return (NotAbove(self.numerator, self.denominator),)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        num, den = ctx.fraction(self.numerator), ctx.fraction(self.denominator)
        nl, dl = ctx.label(self.numerator), ctx.label(self.denominator)
        if den == 0:
            return Scored(
                None,
                Text(
                    f"{dl.en} is 0: not applicable, the other weights are rescaled",
                    f"{dl.zh}为0:本项不适用,其余权重按比例放大",
                ),
            )
        points = weight * num / den
        return Scored(
            points,
            Text(
                f"{nl.en} {_fmt(num)} of {dl.en} {_fmt(den)}: "
                f"{_fmt(weight)} × {_fmt(num)} / {_fmt(den)} = {_fmt(points)}",
                f"{nl.zh} {_fmt(num)} / {dl.zh} {_fmt(den)}:"
                f"{_fmt(weight)} × {_fmt(num)} / {_fmt(den)} = {_fmt(points)}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        num, den = ctx.column(self.numerator), ctx.column(self.denominator)
        exact = self._exact_batch(ctx, weight)
        if exact is not None:
            applicable = den != 0
            points = np.where(applicable, exact.as_float(), np.nan)
            return BatchScored(points, applicable=applicable, exact=exact)
        applicable = den != 0
        with np.errstate(divide="ignore", invalid="ignore"):
            share = num / np.where(applicable, den, 1.0)
            points = np.where(applicable, float(weight) * share, np.nan)
        return BatchScored(points, applicable=applicable)

    def _exact_batch(self, ctx: BatchRuleContext, weight: Fraction) -> Rationals | None:
        """``W × n / d`` with a denominator per row (1 where ``d`` is 0: not applicable)."""
        n, d = ctx.decimal(self.numerator), ctx.decimal(self.denominator)
        if n is None or d is None:
            return None
        # (un / 10**pn) / (ud / 10**pd) × wn / wd = un·10**pd·wn / (ud·10**pn·wd)
        top = weight.numerator * 10**d.places
        bottom = weight.denominator * 10**n.places
        bound, den_bound = n.bound * top, d.bound * bottom
        if bound >= EXACT_LIMIT or den_bound >= EXACT_LIMIT:
            return None
        num = n.units * float(top)
        den = np.abs(d.units)
        np.copysign(num, num * d.units, out=num)
        den[den == 0] = 1.0
        den *= float(bottom)
        return Rationals(num, den, bound, max(den_bound, 1.0))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        w = _fmt(weight)
        return Text(
            f"{w} × {self.numerator} / {self.denominator}; not applicable when "
            f"{self.denominator} is 0",
            f"{w} × {labels[self.numerator].zh} / {labels[self.denominator].zh};"
            f"分母为0时本项不适用",
        )

    def directions(self) -> Mapping[str, Direction]:
        return {self.numerator: "higher_is_better"}

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        lows = [domain_of(metrics.get(m)).lower for m in self.inputs()]
        if any(low is None or low < 0 for low in lows):
            # a negative numerator or denominator takes n / d anywhere (-3 / -2 = 1.5)
            return PointsRange(None, None)
        # 0 <= numerator <= denominator (a constraint): the share is within [0, 1]
        return PointsRange(min(Fraction(0), weight), max(Fraction(0), weight))

    def may_be_not_applicable(self) -> bool:
        return True
