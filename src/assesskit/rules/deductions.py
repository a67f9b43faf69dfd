"""Rules that take points off a component's weight."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit._batchmath import EXACT_LIMIT, FloatArray, Rationals, floor_with_doubt
from assesskit._exact import format_number, to_fraction
from assesskit.constraints import WithinPerIncident
from assesskit.expressions import Param
from assesskit.metrics import Direction, Metric, MetricKind
from assesskit.rules._domains import domain_of, sum_span
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

__all__ = ["GradedDeduction", "PerIncidentDeduction", "StepDeduction"]


def _fmt(value: Fraction) -> str:
    return format_number(value)


def _names(metrics: tuple[str, ...] | str) -> tuple[str, ...]:
    return (metrics,) if isinstance(metrics, str) else tuple(metrics)


def _less(weight: Fraction, per: Fraction, units: FloatArray, bound: float) -> Rationals | None:
    """``max(0, weight − per × units)`` exactly, for whole *units* with ``|units| <= bound``."""
    den = lcm(weight.denominator, per.denominator)
    full = weight * den
    factor = per * den
    top = abs(full) + abs(factor) * bound
    if top >= EXACT_LIMIT:
        return None
    if factor == 1:
        num = np.subtract(float(full), units)
    else:
        num = units * -float(factor)
        num += float(full)
    np.maximum(num, 0.0, out=num)
    return Rationals.of(num, den, top)


def _resolve(value: Number, params: Mapping[str, Any]) -> Fraction:
    return to_fraction(params[value.name]) if isinstance(value, Param) else value


def _deduction_range(
    weight: Fraction,
    per: Fraction,
    fewest: Fraction | None,
    most: Fraction | None,
    values: tuple[Fraction, ...] | None,
) -> PointsRange:
    """The range of ``max(0, weight − per × n)`` for ``n`` in ``[fewest, most]``."""

    def at(n: Fraction) -> Fraction:
        return max(Fraction(0), weight - per * n)

    if per >= 0:
        high = weight if fewest is None else at(fewest)
        low = (Fraction(0) if per > 0 else weight) if most is None else at(most)
        return PointsRange(low, high, values)
    return PointsRange(weight if fewest is None else at(fewest), None if most is None else at(most))


@attrs.frozen
class PerIncidentDeduction(Rule):
    """``max(0, weight − per_incident × incidents)``; several count inputs are added up."""

    kind: ClassVar[str] = "per_incident_deduction"

    metrics: tuple[str, ...] = attrs.field(converter=_names)
    per_incident: Number = attrs.field(converter=number)

    @classmethod
    def example(cls) -> RuleExample:
        """Two kinds of error, 2 points off for each, 10 points."""
        return RuleExample(
            cls(("errors_a", "errors_b"), 2),
            [
                Metric("errors_a", MetricKind.COUNT, Text("errors of kind a", "甲类差错")),
                Metric("errors_b", MetricKind.COUNT, Text("errors of kind b", "乙类差错")),
            ],
            weight=10,
        )

    def inputs(self) -> tuple[str, ...]:
        return self.metrics

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        count = sum((ctx.fraction(m) for m in self.metrics), Fraction(0))
        k = ctx.number(self.per_incident)
        points = max(Fraction(0), weight - k * count)
        parts = " + ".join(f"{m} {_fmt(ctx.fraction(m))}" for m in self.metrics)
        parts_zh = " + ".join(f"{ctx.label(m).zh} {_fmt(ctx.fraction(m))}" for m in self.metrics)
        floor = " (not below 0)" if weight - k * count < 0 else ""
        floor_zh = "(不低于0)" if floor else ""
        return Scored(
            points,
            Text(
                f"{parts}: {_fmt(weight)} − {_fmt(k)} × {_fmt(count)} = {_fmt(points)}{floor}",
                f"{parts_zh}:{_fmt(weight)} − {_fmt(k)} × {_fmt(count)} = {_fmt(points)}{floor_zh}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        exact = self._exact_batch(ctx, weight)
        if exact is not None:
            return BatchScored(exact.as_float(), exact=exact)
        count = ctx.column(self.metrics[0]).copy()
        for m in self.metrics[1:]:
            count += ctx.column(m)
        k = ctx.number(self.per_incident)
        return BatchScored(np.maximum(0.0, float(weight) - k * count))

    def _exact_batch(self, ctx: BatchRuleContext, weight: Fraction) -> Rationals | None:
        """``max(0, W − k × Σ counts)`` over one common denominator."""
        counts = [ctx.decimal(m) for m in self.metrics]
        if any(c is None for c in counts):
            return None
        places = max(c.places for c in counts if c is not None)
        total = np.zeros(ctx.size)
        bound = 0.0
        for c in counts:
            assert c is not None
            units = c.at(places)
            if units is None:
                return None
            total += units
            bound += c.bound * 10 ** (places - c.places)
        return _less(weight, ctx.exact_number(self.per_incident) / 10**places, total, bound)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        what = " + ".join(self.metrics)
        what_zh = " + ".join(labels[m].zh for m in self.metrics)
        k = number_words(self.per_incident)
        return Text(
            f"{_fmt(weight)} − {k} per incident ({what}), not below 0",
            f"每次扣 {k} 分({what_zh}),从 {_fmt(weight)} 分扣起,扣完为止",
        )

    def directions(self) -> Mapping[str, Direction]:
        return dict.fromkeys(self.metrics, "lower_is_better")

    def reachable(self, weight: Fraction) -> tuple[Fraction, ...] | None:
        if isinstance(self.per_incident, Fraction) and self.per_incident > 0:
            steps = int(weight / self.per_incident)
            if steps <= 1000:
                k = self.per_incident
                values = {max(Fraction(0), weight - k * i) for i in range(steps + 2)}
                return tuple(sorted(values))
        return None

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        k = _resolve(self.per_incident, params)
        fewest, most = sum_span(metrics, self.metrics)
        return _deduction_range(weight, k, fewest, most, self.reachable(weight))

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        k = self.per_incident if isinstance(self.per_incident, Fraction) else Fraction(1)
        return dict.fromkeys(self.metrics, (Fraction(0), Fraction(1), Fraction(int(100 / k) + 1)))


@attrs.frozen
class GradedDeduction(Rule):
    """The assessor takes ``low``..``high`` points per incident; ``max(0, weight − deduction)``.

    Inputs: the count of incidents and the total points taken. A deduction
    outside ``low × incidents .. high × incidents`` is invalid input (so no
    incidents means no deduction).
    """

    kind: ClassVar[str] = "graded_deduction"

    incidents: str
    deduction: str
    low: Fraction = attrs.field(default=Fraction(1), converter=number)
    high: Fraction = attrs.field(default=Fraction(20), converter=number)

    @classmethod
    def example(cls) -> RuleExample:
        """Custody incidents, 1 to 20 points taken for each, 20 points."""
        return RuleExample(
            cls("custody_incidents", "custody_deduction"),
            [
                Metric("custody_incidents", MetricKind.COUNT, Text("incidents", "保管差错次数")),
                Metric(
                    "custody_deduction",
                    MetricKind.NUMBER,
                    Text("custody deduction", "保管扣分"),
                    max_decimals=2,
                ),
            ],
            weight=20,
        )

    def inputs(self) -> tuple[str, ...]:
        return (self.incidents, self.deduction)

    def constraints(self) -> tuple[Constraint, ...]:
        return (WithinPerIncident(self.deduction, self.incidents, self.low, self.high),)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        n, d = ctx.fraction(self.incidents), ctx.fraction(self.deduction)
        points = max(Fraction(0), weight - d)
        floor = " (not below 0)" if weight - d < 0 else ""
        return Scored(
            points,
            Text(
                f"{_fmt(n)} incident(s), {_fmt(d)} points taken: "
                f"{_fmt(weight)} − {_fmt(d)} = {_fmt(points)}{floor}",
                f"差错 {_fmt(n)} 次,共扣 {_fmt(d)} 分:{_fmt(weight)} − {_fmt(d)} = {_fmt(points)}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        taken = ctx.decimal(self.deduction)
        if taken is not None:
            exact = _less(weight, Fraction(1, 10**taken.places), taken.units, taken.bound)
            if exact is not None:
                return BatchScored(exact.as_float(), exact=exact)
        return BatchScored(np.maximum(0.0, float(weight) - ctx.column(self.deduction)))

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        lo, hi = _fmt(self.low), _fmt(self.high)
        return Text(
            f"{_fmt(weight)} − {self.deduction} ({lo} to {hi} points per incident of "
            f"{self.incidents}, chosen by the assessor), not below 0",
            f"每次差错视性质和金额扣 {lo}–{hi} 分({labels[self.incidents].zh}),"
            f"从 {_fmt(weight)} 分扣起,扣完为止",
        )

    def directions(self) -> Mapping[str, Direction]:
        return {self.deduction: "lower_is_better"}

    def definition_problems(
        self, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> list[str]:
        problems: list[str] = []
        if not 0 <= self.low <= self.high:
            problems.append(
                f"from {_fmt(self.low)} to {_fmt(self.high)} points per incident: "
                f"need 0 <= low <= high"
            )
        if metrics[self.incidents].kind is not MetricKind.COUNT:
            problems.append(f"{self.incidents!r} must be a count (whole incidents)")
        # the batch path checks the bounds on hundredths, as the spec fixes them
        places = metrics[self.deduction].max_decimals
        if places is None or places > 2:
            problems.append(
                f"{self.deduction!r} must have at most 2 decimals (declare max_decimals=2)"
            )
        return problems

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        return {self.incidents: (Fraction(0), Fraction(1), Fraction(2))}

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        # the deduction lies in its domain and within low × incidents .. high × incidents
        fewest, most = sum_span(metrics, (self.incidents,))
        domain = domain_of(metrics.get(self.deduction))
        lows = [domain.lower, None if fewest is None else self.low * fewest]
        highs = [domain.upper, None if most is None else self.high * most]
        taken_low = max((x for x in lows if x is not None), default=None)
        taken_high = min((x for x in highs if x is not None), default=None)
        high = None if taken_low is None else max(Fraction(0), weight - taken_low)
        low = Fraction(0) if taken_high is None else max(Fraction(0), weight - taken_high)
        return PointsRange(low, high)


@attrs.frozen
class StepDeduction(Rule):
    """Take ``per_step`` points for each *full* ``step`` of the value above ``threshold``.

    ``overdue 9%`` with threshold 5% and step 1%: four full steps, ``10 − 4 =
    6``; 5.99% is no full step. Not below 0.
    """

    kind: ClassVar[str] = "step_deduction"

    metric: str
    threshold: Number = attrs.field(converter=number)
    step: Number = attrs.field(converter=number)
    per_step: Number = attrs.field(default=Fraction(1), converter=number)

    @classmethod
    def example(cls) -> RuleExample:
        """An overdue ratio: 1 point off per full 1% above 5%, 10 points."""
        label = Text("overdue ratio", "逾期贷款率")
        return RuleExample(
            cls("overdue_ratio", "0.05", "0.01"),
            [Metric("overdue_ratio", MetricKind.RATIO, label)],
            weight=10,
        )

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        value = ctx.fraction(self.metric)
        threshold, step = ctx.number(self.threshold), ctx.number(self.step)
        per = ctx.number(self.per_step)
        label = ctx.label(self.metric)
        shown, limit = ctx.show(self.metric), ctx.show(self.metric, threshold)
        unit = ctx.show(self.metric, step)
        if value <= threshold:
            return Scored(
                weight,
                Text(
                    f"{label.en} {shown} is not above {limit}: {_fmt(weight)}",
                    f"{label.zh} {shown},不超过 {limit}:{_fmt(weight)}",
                ),
            )
        steps = (value - threshold) // step
        points = max(Fraction(0), weight - per * steps)
        taken = f"{_fmt(per)} × {steps}" if per != 1 else f"{steps}"
        floor = " (not below 0)" if weight - per * steps < 0 else ""
        return Scored(
            points,
            Text(
                f"{label.en} {shown} is {steps} full step(s) of {unit} above {limit}: "
                f"{_fmt(weight)} − {taken} = {_fmt(points)}{floor}",
                f"{label.zh} {shown},超过 {limit} 满 {steps} 个 {unit}:"
                f"{_fmt(weight)} − {taken} = {_fmt(points)}",
            ),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        exact = self._exact_batch(ctx, weight)
        if exact is not None:
            return BatchScored(exact.as_float(), exact=exact)
        value = ctx.column(self.metric)
        threshold, step = ctx.number(self.threshold), ctx.number(self.step)
        per = ctx.number(self.per_step)
        above = value > threshold  # exact: both are the floats of decimals
        q = (value - threshold) / step
        steps, doubt = floor_with_doubt(q, (np.abs(value) + abs(threshold)) / abs(step))
        points = np.where(above, np.maximum(0.0, float(weight) - per * steps), float(weight))
        return BatchScored(points, doubt=doubt & above)

    def _exact_batch(self, ctx: BatchRuleContext, weight: Fraction) -> Rationals | None:
        """Full steps counted on whole numbers: ``floor(X / Y)`` with ``X > 0`` above the threshold.

        With ``value = u / 10**p``, ``threshold = tn / td`` and ``step = sn / sd``:
        ``(value − threshold) / step = (u·td − tn·10**p)·sd / (10**p·td·sn) = X / Y``.
        """
        value = ctx.decimal(self.metric)
        if value is None:
            return None
        threshold, step = ctx.exact_number(self.threshold), ctx.exact_number(self.step)
        if step <= 0:
            return None
        scale = 10**value.places
        a = threshold.denominator * step.denominator
        b = threshold.numerator * scale * step.denominator
        divisor = scale * threshold.denominator * step.numerator
        if value.bound * a + abs(b) + divisor >= EXACT_LIMIT:
            return None
        steps = value.units * float(a)
        steps -= float(b)
        steps /= float(divisor)
        np.floor(steps, out=steps)
        # not above the threshold (X <= 0): no step, the full weight
        np.maximum(steps, 0.0, out=steps)
        steps_bound = (value.bound * a + abs(b)) / divisor + 1.0
        return _less(weight, ctx.exact_number(self.per_step), steps, steps_bound)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        t, s = number_words(self.threshold), number_words(self.step)
        per = number_words(self.per_step)
        return Text(
            f"{_fmt(weight)} when {self.metric} <= {t}; above it, {per} point(s) off for "
            f"each full {s} above {t}, not below 0",
            f"{labels[self.metric].zh}不超过 {t} 得 {_fmt(weight)} 分;超过部分每满 {s} 扣 {per} 分,"
            f"扣完为止",
        )

    def directions(self) -> Mapping[str, Direction]:
        return {self.metric: "lower_is_better"}

    def definition_problems(
        self, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> list[str]:
        step = to_fraction(params[self.step.name]) if isinstance(self.step, Param) else self.step
        if step <= 0:
            named = f"{self.step.name} = " if isinstance(self.step, Param) else ""
            return [f"the step {named}{_fmt(step)} must be above 0"]
        return []

    def reachable(self, weight: Fraction) -> tuple[Fraction, ...] | None:
        if isinstance(self.per_step, Fraction) and self.per_step > 0:
            steps = int(weight / self.per_step)
            if steps <= 1000:
                values = {max(Fraction(0), weight - self.per_step * i) for i in range(steps + 2)}
                return tuple(sorted(values))
        return None

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        threshold, step = _resolve(self.threshold, params), _resolve(self.step, params)
        per = _resolve(self.per_step, params)
        if step <= 0:
            return super().points_range(weight, metrics, params)

        def at(value: Fraction) -> Fraction:
            steps = max(0, (value - threshold) // step)
            return max(Fraction(0), weight - per * steps) if value > threshold else weight

        domain = domain_of(metrics.get(self.metric))
        # the points fall (per >= 0) or rise (per < 0) as the value grows
        first = weight if domain.lower is None else at(domain.lower)
        last = None if domain.upper is None else at(domain.upper)
        if per >= 0:
            low = (Fraction(0) if per > 0 else weight) if last is None else last
            return PointsRange(low, first, self.reachable(weight))
        return PointsRange(first, last)

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        def resolve(x: Number) -> Fraction:
            return x if isinstance(x, Fraction) else Fraction(params[x.name])

        t, s = resolve(self.threshold), resolve(self.step)
        return {self.metric: tuple(t + s * i for i in range(0, 12))}
