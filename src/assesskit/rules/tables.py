"""Threshold tables: points by the interval a value falls in."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from math import lcm
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit._batchmath import FloatArray, Rationals, StepLookup
from assesskit._exact import ExactNumber, format_number, to_fraction
from assesskit.bands import lint_intervals
from assesskit.intervals import Interval
from assesskit.metrics import Direction, Metric, MetricKind
from assesskit.rules._domains import meets_domain
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

    @classmethod
    def example(cls) -> RuleExample:
        """A discipline rating: 10 from 80, 5 from 60, else 0 (ends at a third), 10 points."""
        label = Text("discipline", "劳动纪律")
        tiers = [
            (Interval.at_least(80), 10),
            (Interval.closed_open(Fraction(181, 3), 80), 5),
            (Interval.below(Fraction(181, 3)), 0),
        ]
        return RuleExample(
            cls("discipline_score", tiers, scale=10),
            [Metric("discipline_score", MetricKind.RATING, label)],
            weight=10,
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
        shown = ctx.show(self.metric)
        interval = tier.interval
        if interval.lower is not None and interval.lower == interval.upper:
            # A one-value tier ("loss rate == 0"): say so rather than "0% = 0%".
            cond_en, cond_zh = "exactly " + shown, "恰为 " + shown
        else:
            cond_en = cond_zh = interval.words(shown, show=lambda end: ctx.show(self.metric, end))
        return Scored(
            points,
            Text(
                f"{label.en} {shown}: {cond_en} → {format_number(points)}",
                f"{label.zh} {shown}:{cond_zh} → {format_number(points)}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        table = _tier_table(self.tiers, weight / self.scale)
        value = ctx.column(self.metric)
        doubt = None
        lookup, looked_at = table.lookup, value
        if not table.faithful:
            decimals = ctx.decimal(self.metric)
            if decimals is not None:
                lookup, looked_at = _scaled_lookup(table, decimals.places), decimals.units
            else:
                # the nearest float of an end cannot tell a value equal to it from a neighbour
                doubt = np.isin(value, table.unfaithful_ends)
        num = lookup(looked_at)
        gap = lookup.gap(looked_at)
        if gap is not None and gap.any():
            # a value in no tier: the exact path says so (a table with a gap is refused)
            doubt = gap if doubt is None else doubt | gap
        else:
            gap = None
        points = num if table.den == 1 else num / table.den
        if gap is not None:
            points[gap] = np.nan
        exact = Rationals.of(num, table.den, table.bound) if doubt is None else None
        return BatchScored(points, doubt=doubt, exact=exact)

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

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        reachable = [t for t in self.tiers if meets_domain(t.interval, metrics.get(self.metric))]
        if self.scale <= 0 or not reachable:
            return super().points_range(weight, metrics, params)
        return PointsRange.of_values({t.points * weight / self.scale for t in reachable})

    def unreachable_tiers(self, metric: Metric) -> tuple[Tier, ...]:
        """Tiers no value of *metric* falls in (a threshold in percent on a ratio...)."""
        return tuple(t for t in self.tiers if not meets_domain(t.interval, metric))

    def directions(self) -> Mapping[str, Direction]:
        return {} if self.direction is None else {self.metric: self.direction}

    def definition_problems(
        self, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> list[str]:
        problems = [] if self.scale > 0 else [f"scale {format_number(self.scale)} must be above 0"]
        scale = format_number(self.scale)
        for tier in self.tiers:
            where = (
                f"the tier {tier.interval.words(self.metric)} gives {format_number(tier.points)}"
            )
            if tier.points > self.scale > 0:
                problems.append(
                    f"{where} points, more than the table's scale {scale} (the component's "
                    f"weight): a component never earns more than its weight"
                )
            elif tier.points < 0:
                problems.append(f"{where} points: a component never earns less than 0")
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


@attrs.frozen(eq=False)
class _TierTable:
    """A threshold table as a :class:`~assesskit._batchmath.StepLookup` of points numerators.

    The points of every tier are written over one common denominator ``den``.
    """

    ends: tuple[Fraction, ...]
    values: tuple[Fraction | None, ...]
    lookup: StepLookup
    den: int
    bound: float
    faithful: bool
    unfaithful_ends: FloatArray


def _segment_values(tiers: tuple[Tier, ...], ends: list[Fraction]) -> list[Tier | None]:
    """The tier of each segment ``(-inf, e1), [e1], (e1, e2), …, (ek, inf)``."""
    probes: list[Fraction] = []
    for index, end in enumerate(ends):
        below = end - 1 if index == 0 else (ends[index - 1] + end) / 2
        probes += [below, end]
    probes.append(ends[-1] + 1 if ends else Fraction(0))
    return [next((t for t in tiers if t.interval.contains(p)), None) for p in probes]


@functools.lru_cache(maxsize=256)
def _tier_table(tiers: tuple[Tier, ...], factor: Fraction) -> _TierTable:
    ends = sorted({e for t in tiers for e in (t.interval.lower, t.interval.upper) if e is not None})
    values = [None if t is None else t.points * factor for t in _segment_values(tiers, ends)]
    den = lcm(*(v.denominator for v in values if v is not None), 1)
    numerators = [math.nan if v is None else float(v * den) for v in values]
    unfaithful = [e for e in ends if not _faithful(e)]
    return _TierTable(
        tuple(ends),
        tuple(values),
        StepLookup.of([float(e) for e in ends], numerators),
        den,
        max((abs(n) for n in numerators if not math.isnan(n)), default=0.0),
        not unfaithful,
        np.array([float(e) for e in unfaithful], dtype=np.float64),
    )


@functools.lru_cache(maxsize=256)
def _scaled_lookup(table: _TierTable, places: int) -> StepLookup:
    """The table over values given as whole units of ``10**-places``, exact for any ends.

    An end between two whole numbers ``n < e < n + 1`` becomes ``n + 0.5``:
    no unit equals it, and every unit lies on the same side of it as of ``e``.
    The segment ``[e]`` then holds no unit; its value is kept for the order.
    """
    scaled = [e * 10**places for e in table.ends]
    cuts = [float(e) if e.denominator == 1 else math.floor(e) + 0.5 for e in scaled]
    numerators = [math.nan if v is None else float(v * table.den) for v in table.values]
    return StepLookup.of(cuts, numerators)


def _faithful(value: Fraction) -> bool:
    """Whether the float of *value* is read back (by its shortest repr) as *value* itself."""
    return Fraction(repr(float(value))) == value
