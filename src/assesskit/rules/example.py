"""A rule kind's own example: what the testing kit needs to check the kind on its own.

Each rule kind gives one (or a few) through :meth:`Rule.example
<assesskit.rules.Rule.example>`: a rule of the kind, its weight, the metrics
it reads (with their domains and declared directions) and the scheme
parameters it reads. :func:`assesskit.testing.check_rule_kind` builds a
small scheme around it and runs the invariants that apply to one rule
(batch equals exact, monotone in the declared directions, points within
the weight, every tier reachable...), as scikit-learn's ``check_estimator``
does for an estimator.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from assesskit._exact import ExactNumber, to_fraction
from assesskit.metrics import Metric
from assesskit.periods import PeriodKind

if TYPE_CHECKING:
    from assesskit.components import Parameter
    from assesskit.rules.base import Rule

__all__ = ["RuleExample"]


def _metrics(values: Iterable[Metric]) -> tuple[Metric, ...]:
    return tuple(values)


def _parameters(values: Iterable[Parameter]) -> tuple[Parameter, ...]:
    return tuple(values)


def _weight(value: ExactNumber) -> Fraction:
    fraction = to_fraction(value)
    if not 0 < fraction <= 100:
        raise ValueError(f"an example's weight is in (0, 100], not {value!r}")
    return fraction


@attrs.frozen
class RuleExample:
    """A rule of one kind with what a scheme around it needs.

    ``weight`` is the rule's component weight; below 100 the testing kit adds
    a second component (a flag worth the rest), so that the scheme's total
    is not the rule's points alone. ``metrics`` are the inputs the rule reads,
    as a scheme would declare them; ``parameters`` the scheme parameters it
    reads, with their defaults. ``period`` (and ``period_field``, when the
    rule reads the period as an input, as a target reads its year) set the
    scheme's period. ``name`` tells apart several examples of one kind.

    >>> from assesskit import Metric, MetricKind, Text
    >>> from assesskit.rules import Boolean
    >>> RuleExample(Boolean("ok"), [Metric("ok", MetricKind.FLAG, Text("ok"))], 30).weight
    Fraction(30, 1)
    """

    rule: Rule
    metrics: tuple[Metric, ...] = attrs.field(converter=_metrics)
    weight: Fraction = attrs.field(default=Fraction(100), converter=_weight)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_parameters)
    period: PeriodKind = PeriodKind.MONTHLY
    period_field: str | None = None
    name: str = ""
