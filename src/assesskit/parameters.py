"""A scheme parameter: a named, validated value a scheme's rules and outcomes may read."""

from __future__ import annotations

from typing import Any

import attrs

from assesskit.intervals import Interval
from assesskit.metrics import Metric, MetricKind, ValueRejected
from assesskit.text import Text

__all__ = ["Parameter"]


@attrs.frozen
class Parameter:
    """A scheme parameter: validated, recorded in results and the fingerprint.

    Values are read like a metric of ``kind``; without a ``domain`` the
    kind's own applies (money and counts >= 0, ratios in [0, 1]...).
    """

    name: str
    label: Text
    default: Any
    kind: MetricKind = MetricKind.NUMBER
    domain: Interval | None = None
    description: Text | None = None

    def parse(self, raw: object) -> Any:
        """Validate *raw*; raise :class:`ValueRejected` with the rule broken."""
        metric = Metric(self.name, self.kind, self.label)
        if self.domain is not None:
            metric = attrs.evolve(metric, domain=self.domain)
        value = metric.parse(raw)
        if value is None:
            raise ValueRejected(f"must be {metric.expected()}; the value is empty")
        return value
