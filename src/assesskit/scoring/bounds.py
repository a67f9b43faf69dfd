"""Which totals a scheme can produce, for the band linter."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from assesskit._exact import round_half_up
from assesskit.bands import Reachable
from assesskit.intervals import Interval

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = ["reachable_totals"]

_MAX_POINTS = 20_000
_HUNDRED = Fraction(100)


def reachable_totals(scheme: SchemeDefinition) -> Reachable:
    """The published totals *scheme* can produce.

    Each component's points are worked out from its rule and the domains
    of the metrics it reads (:meth:`Rule.points_range
    <assesskit.rules.Rule.points_range>`). When every component gives one
    of few values, the exact set of sums is computed; otherwise the interval
    from the lowest to the highest sum (within [0, 100]). Vetoes add 0. A
    scheme whose components may be not applicable and rescaled is taken to
    reach all of [0, 100].
    """
    extra = {Fraction(0)} if scheme.vetoes else set()
    rescales = scheme.not_applicable == "rescale" and any(
        c.rule.may_be_not_applicable() for c in scheme.components
    )
    if rescales:
        return Reachable((Interval(0, 100),), frozenset(extra))
    weights = scheme.effective_weights()
    metrics, params = scheme.metric_map, scheme.params()
    sums: set[Fraction] | None = {Fraction(0)}
    low: Fraction | None = Fraction(0)
    high: Fraction | None = Fraction(0)
    for component in scheme.components:
        w = weights[component.id]
        points = component.rule.points_range(w, metrics, params)
        low = None if low is None or points.low is None else low + points.low
        high = None if high is None or points.high is None else high + points.high
        values = points.values
        if sums is not None and values is not None:
            sums = {s + v for s in sums for v in values}
            if len(sums) > _MAX_POINTS:
                sums = None
        else:
            sums = None
    if sums is not None:
        published = {Fraction(round_half_up(s)) for s in sums}
        return Reachable((), frozenset(published | extra))
    lowest = Fraction(0) if low is None else max(Fraction(0), Fraction(round_half_up(low)))
    highest = _HUNDRED if high is None else min(_HUNDRED, Fraction(round_half_up(high)))
    span = Interval(lowest, max(lowest, highest))
    return Reachable((span,), frozenset(extra))
