"""The values a metric can take, for working out the points a rule can give."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from assesskit.intervals import Interval
from assesskit.metrics import Metric, MetricKind

__all__ = ["domain_of", "grid_of", "meets_domain", "sum_span"]

_ANY = Interval(None, None)


def domain_of(metric: Metric | None) -> Interval:
    """The metric's domain; any number when it has none (or is unknown)."""
    if metric is None or metric.domain is None:
        return _ANY
    return metric.domain


def grid_of(metric: Metric | None) -> Fraction | None:
    """The step between values the metric can take: 1 for counts, ``10**-max_decimals``."""
    if metric is None:
        return None
    if metric.kind in (MetricKind.COUNT, MetricKind.YEAR):
        return Fraction(1)
    if metric.max_decimals is not None:
        return Fraction(1, 10**metric.max_decimals)
    return None


def meets_domain(interval: Interval, metric: Metric | None) -> bool:
    """Whether some value *metric* can take lies in *interval*."""
    common = domain_of(metric).intersection(interval)
    return common is not None and common.meets_grid(grid_of(metric))


def sum_span(
    metrics: Mapping[str, Metric], names: Iterable[str]
) -> tuple[Fraction | None, Fraction | None]:
    """Lowest and highest sum of the metrics *names* (``None``: unbounded on that side)."""
    low: Fraction | None = Fraction(0)
    high: Fraction | None = Fraction(0)
    for name in names:
        domain = domain_of(metrics.get(name))
        low = None if low is None or domain.lower is None else low + domain.lower
        high = None if high is None or domain.upper is None else high + domain.upper
    return low, high
