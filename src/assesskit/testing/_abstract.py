"""Interval arithmetic over expressions: can a condition hold, given the inputs' domains?

Each input ranges over its metric's domain (a ratio over [0, 1], a count
over [0, ∞)), flags over true and false; sums, differences, products,
quotients, maxima and minima are evaluated on closed ranges, comparisons
give the truth values they can take, and ``and``, ``or``, ``not`` combine
them. The answer over-approximates: a condition said to be never true is
never true for any valid input; one said to be possibly true may not be.

Each expression node gives its own range
(:meth:`~assesskit.expressions.Node.range`, with the operations of
:mod:`assesskit.expressions.ranges`); this module supplies what nodes read:
the domains of the inputs, the parameters, the totals. A node without a
range form of its own can take any value.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from assesskit._forms import owns_form
from assesskit.expressions import Node
from assesskit.expressions.ranges import ANY, BOTH, Range, number_range
from assesskit.metrics import MetricKind
from assesskit.rules._domains import domain_of

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["Intervals", "Phase"]

#: Where an expression is evaluated: what it can see there.
Phase = Literal["veto", "outcome", "history"]


class Intervals:
    """Evaluates an expression over the domains of the inputs, as ranges."""

    def __init__(self, scheme: Scheme, phase: Phase, totals: Sequence[Fraction | None]) -> None:
        self.scheme = scheme
        self.phase = phase
        numbers = [t for t in totals if t is not None]
        self.total = number_range(
            min(numbers, default=Fraction(0)),
            max(numbers, default=Fraction(100)),
            missing=len(numbers) < len(totals) or not numbers,
        )
        self.metrics = scheme.metric_map
        self.params = scheme.params()

    def truths(self, expr: Node) -> frozenset[bool]:
        """The truth values *expr* can take as a condition (missing counts as false)."""
        found = self.eval(expr)
        if found.truths is not None:
            return found.truths | ({False} if found.missing else frozenset())
        return BOTH

    def eval(self, expr: Node) -> Range:
        """The range of values *expr* can take (anything, for a node without a range form)."""
        return expr.range(self) if owns_form(expr, "range") else ANY

    def param_value(self, name: str) -> Any:
        """The value of parameter *name* (``None`` when the scheme has none of that name)."""
        return self.params.get(name)

    def total_range(self) -> Range:
        """The totals the scheme can publish."""
        return self.total

    def input_range(self, name: str) -> Range:
        """The values of input *name* over its metric's domain."""
        metric = self.metrics.get(name)
        if metric is None:
            return ANY
        missing = not metric.required
        if metric.kind is MetricKind.FLAG:
            return Range(truths=BOTH, missing=missing)
        if not (metric.kind.is_numeric or metric.kind is MetricKind.YEAR):
            return Range(missing=missing)
        domain = domain_of(metric)
        return number_range(domain.lower, domain.upper, missing)
