"""Rater scores: ``weight × mean(ratings) / 100``."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit._batchmath import EXACT_LIMIT, Rationals
from assesskit._exact import format_number
from assesskit.constraints import AtLeastOneGiven
from assesskit.metrics import Direction, Metric, MetricKind
from assesskit.rules._domains import domain_of
from assesskit.rules.base import (
    BatchRuleContext,
    BatchScored,
    Constraint,
    PointsRange,
    Rule,
    RuleContext,
    RuleExample,
    Scored,
)
from assesskit.text import Text

__all__ = ["RaterMean"]


def _names(metrics: tuple[str, ...] | str) -> tuple[str, ...]:
    return (metrics,) if isinstance(metrics, str) else tuple(metrics)


@attrs.frozen
class RaterMean(Rule):
    """``weight × mean(ratings given) / 100``; a rater who did not rate is left out.

    With several raters, at least one rating is required.
    """

    kind: ClassVar[str] = "rater_mean"

    metrics: tuple[str, ...] = attrs.field(converter=_names)

    @classmethod
    def example(cls) -> RuleExample:
        """The mean of two raters, either of whom may not rate, 30 points."""
        return RuleExample(
            cls(("rating_a", "rating_b")),
            [
                Metric(name, MetricKind.RATING, Text(f"rating by {who}", zh), required=False)
                for name, who, zh in (("rating_a", "A", "甲评分"), ("rating_b", "B", "乙评分"))
            ],
            weight=30,
        )

    def inputs(self) -> tuple[str, ...]:
        return self.metrics

    def constraints(self) -> tuple[Constraint, ...]:
        return (AtLeastOneGiven(self.metrics),) if len(self.metrics) > 1 else ()

    def optional_inputs(self) -> frozenset[str]:
        # a rater who did not rate is left out; with one rater the rating is needed
        return frozenset(self.metrics) if len(self.metrics) > 1 else frozenset()

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        given = [(m, v) for m in self.metrics if isinstance(v := ctx.value(m), Fraction)]
        mean = sum((v for _, v in given), Fraction(0)) / len(given)
        points = weight * mean / 100
        w, pts = format_number(weight), format_number(points)
        if len(self.metrics) == 1:
            label = ctx.label(self.metrics[0])
            shown = format_number(mean)
            return Scored(
                points,
                Text(
                    f"{label.en} rated {shown}: {w} × {shown} / 100 = {pts}",
                    f"{label.zh}评分 {shown}:{w} × {shown} / 100 = {pts}",
                ),
            )
        listed = ", ".join(format_number(v) for _, v in given)
        skipped = len(self.metrics) - len(given)
        note_en = f" ({skipped} rater(s) did not rate)" if skipped else ""
        note_zh = f"({skipped} 位未评分)" if skipped else ""
        shown = format_number(mean)
        return Scored(
            points,
            Text(
                f"mean of {len(given)} rating(s) {listed} is {shown}{note_en}: "
                f"{w} × {shown} / 100 = {pts}",
                f"{len(given)} 位评分 {listed},平均 {shown}{note_zh}:{w} × {shown} / 100 = {pts}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        exact = self._exact_batch(ctx, weight)
        if exact is not None:
            return BatchScored(exact.as_float(), exact=exact)
        total = np.zeros(ctx.size)
        count = np.zeros(ctx.size)
        for m in self.metrics:
            col = ctx.column(m)
            given = ~np.isnan(col)
            total += np.where(given, col, 0.0)
            count += given
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = total / count
        return BatchScored(float(weight) * mean / 100.0)

    def _exact_batch(self, ctx: BatchRuleContext, weight: Fraction) -> Rationals | None:
        """``W × Σ ratings / (100 × count)`` over the common denominator ``lcm(1 … raters)``."""
        ratings = [ctx.decimal(m) for m in self.metrics]
        if any(r is None for r in ratings):
            return None
        places = max(r.places for r in ratings if r is not None)
        total = np.zeros(ctx.size)
        count = np.zeros(ctx.size)
        bound = 0.0
        for name, rating in zip(self.metrics, ratings, strict=True):
            assert rating is not None
            units = rating.at(places)
            if units is None:
                return None
            total += units  # a rating not given holds 0
            bound += rating.bound * 10 ** (places - rating.places)
            if len(self.metrics) > 1:
                count += ~ctx.missing(name)
        common = lcm(*range(1, len(self.metrics) + 1))
        per_unit = weight / (100 * 10**places * common)
        factor = per_unit.numerator * common
        if bound * factor >= EXACT_LIMIT:
            return None
        if len(self.metrics) > 1:
            # common / count is whole for every count of raters; at least one rated
            np.maximum(count, 1.0, out=count)
            total *= float(common) / count
        total *= float(per_unit.numerator)
        return Rationals.of(total, per_unit.denominator, bound * factor)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        w = format_number(weight)
        if len(self.metrics) == 1:
            m = self.metrics[0]
            return Text(f"{w} × {m} / 100", f"{w} × {labels[m].zh} / 100")
        names = ", ".join(self.metrics)
        return Text(
            f"{w} × mean of the ratings given ({names}) / 100; a rater who did not rate is "
            f"left out, at least one rating required",
            f"{w} × 已评分者的平均分 / 100(未评分者不计,至少一人评分)",
        )

    def directions(self) -> Mapping[str, Direction]:
        return dict.fromkeys(self.metrics, "higher_is_better")

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        return dict.fromkeys(self.metrics, (Fraction(0), Fraction(100)))

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        # the mean of the ratings given lies between the lowest and the highest rating
        domains = [domain_of(metrics.get(m)) for m in self.metrics]
        lows = [d.lower for d in domains]
        highs = [d.upper for d in domains]
        low = None if None in lows else min(x for x in lows if x is not None)
        high = None if None in highs else max(x for x in highs if x is not None)
        ends = (
            None if low is None else weight * low / 100,
            None if high is None else weight * high / 100,
        )
        if weight < 0:
            ends = ends[::-1]
        return PointsRange(*ends)
