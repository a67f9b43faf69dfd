"""Threshold tables: points by the interval a value falls in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit._exact import ExactNumber, format_number, to_fraction
from assesskit.bands import lint_intervals
from assesskit.intervals import Interval
from assesskit.metrics import Direction, Metric, MetricKind
from assesskit.rules.base import BatchRuleContext, BatchScored, Rule, RuleContext, Scored
from assesskit.text import Text

__all__ = ["Banded", "Tier"]


@attrs.frozen
class Tier:
    """One row of a threshold table: values in ``interval`` earn ``points``."""

    interval: Interval
    points: Fraction = attrs.field(converter=to_fraction)


def _tiers(rows: Iterable[Tier | tuple[Interval, ExactNumber]]) -> tuple[Tier, ...]:
    return tuple(r if isinstance(r, Tier) else Tier(r[0], r[1]) for r in rows)


@attrs.frozen
class Banded(Rule):
    """Points by threshold table; ends are explicit and tiers must not overlap.

    ``points`` are given at the component's declared weight ``scale``; if the
    weight is changed by a parameter, they scale with it.

    >>> from assesskit.intervals import Interval
    >>> discipline = Banded("discipline_score", [
    ...     (Interval.at_least(80), 10),
    ...     (Interval.closed_open(60, 80), 5),
    ...     (Interval.below(60), 0)], scale=10)
    """

    kind: ClassVar[str] = "banded"

    metric: str
    tiers: tuple[Tier, ...] = attrs.field(converter=_tiers)
    scale: Fraction = attrs.field(converter=to_fraction)
    direction: Direction | None = "higher_is_better"

    @tiers.validator
    def _no_overlap(self, _: object, tiers: tuple[Tier, ...]) -> None:
        findings = [
            f
            for f in lint_intervals(
                [(str(i), t.interval) for i, t in enumerate(tiers)], Interval(None, None)
            )
            if f.kind == "overlap"
        ]
        if findings:
            raise ValueError(
                f"threshold table of {self.metric!r}: " + "; ".join(map(str, findings))
            )

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def _tier(self, value: Fraction) -> Tier | None:
        for tier in self.tiers:
            if tier.interval.contains(value):
                return tier
        return None

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        value = ctx.fraction(self.metric)
        tier = self._tier(value)
        label = ctx.label(self.metric)
        if tier is None:
            raise ValueError(f"{self.metric} = {value} falls in no tier of the table")
        points = tier.points * weight / self.scale
        cond = tier.interval.words(
            ctx.show(self.metric), show=lambda end: ctx.show(self.metric, end)
        )
        return Scored(
            points,
            Text(
                f"{label.en} {ctx.show(self.metric)}: {cond} → {format_number(points)}",
                f"{label.zh} {ctx.show(self.metric)}:{cond} → {format_number(points)}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        value = ctx.column(self.metric)
        points = np.full(ctx.size, np.nan)
        factor = weight / self.scale
        for tier in self.tiers:
            # Exact: the column holds the floats of decimals and so do the ends.
            hit = _contains(tier.interval, value)
            points[hit] = float(tier.points * factor)
        return BatchScored(points)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        factor = weight / self.scale
        rows = "; ".join(
            f"{t.interval.words(self.metric)} → {format_number(t.points * factor)}"
            for t in self.tiers
        )
        rows_zh = ";".join(
            f"{t.interval.words(labels[self.metric].zh)} → {format_number(t.points * factor)}"
            for t in self.tiers
        )
        return Text(rows, rows_zh)

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        values = self.reachable(weight) or (Fraction(0), weight)
        return min(values), max(values)

    def reachable(self, weight: Fraction) -> tuple[Fraction, ...] | None:
        return tuple(sorted({t.points * weight / self.scale for t in self.tiers}))

    def directions(self) -> Mapping[str, Direction]:
        return {} if self.direction is None else {self.metric: self.direction}

    def definition_problems(
        self, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> list[str]:
        problems = [] if self.scale > 0 else [f"scale {format_number(self.scale)} must be above 0"]
        metric = metrics[self.metric]
        domain = metric.domain if metric.domain is not None else Interval(None, None)
        # a value the metric cannot take (between two counts, or past its decimals) is no gap
        grid: Fraction | None = None
        if metric.kind in (MetricKind.COUNT, MetricKind.YEAR):
            grid = Fraction(1)
        elif metric.max_decimals is not None:
            grid = Fraction(1, 10**metric.max_decimals)
        entries = [(str(i), t.interval) for i, t in enumerate(self.tiers)]
        problems += [
            f"threshold table of {self.metric!r} {domain.notation()}: {finding} "
            f"(every value the metric can take must fall in a tier)"
            for finding in lint_intervals(entries, domain, grid=grid)
            if finding.kind == "gap"
        ]
        return problems

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        ends = {
            e for t in self.tiers for e in (t.interval.lower, t.interval.upper) if e is not None
        }
        return {self.metric: tuple(sorted(ends))}


def _contains(interval: Interval, value: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    mask = np.ones(value.shape, dtype=bool)
    if interval.lower is not None:
        lo = float(interval.lower)
        mask &= (value >= lo) if interval.lower_closed else (value > lo)
    if interval.upper is not None:
        hi = float(interval.upper)
        mask &= (value <= hi) if interval.upper_closed else (value < hi)
    return mask
