"""Probe values: every constant and parameter value a rule holds, and one step either side.

A rule that compares with ``>`` on one path and ``>=`` on the other
disagrees only at the threshold itself. When the threshold is declared in
:meth:`Rule.edges <assesskit.rules.Rule.edges>`, the strategies generate it
often; when it is not (a constant in a custom rule, a parameter), random
records rarely hit it. The kit therefore reads every number a rule holds —
its attrs fields and class attributes, tiers, intervals and schedules
included, parameters at their values in force — and probes each input of
the rule at each such number, one smallest step of the metric below and
above it, and at the declared edges.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from assesskit._exact import to_fraction
from assesskit.expressions import Param
from assesskit.metrics import MetricKind, MetricValue
from assesskit.rules.base import Constraint, Rule, RuleContext
from assesskit.testing._spaces import ValueSpace, metric_edges, value_spaces

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["RuleProbe", "held_numbers", "probe_values", "rule_probes"]

_DEPTH = 5


def _numbers(value: object, params: Mapping[str, Any], depth: int) -> Iterator[Fraction]:
    if depth > _DEPTH or value is None or isinstance(value, bool | str | bytes):
        return
    if isinstance(value, Param):
        found = params.get(value.name)
        if found is not None and not isinstance(found, bool):
            yield from _numbers(found, params, depth + 1)
        return
    if isinstance(value, int | Fraction | Decimal):
        yield to_fraction(value)
        return
    if isinstance(value, float):
        if math.isfinite(value):
            yield to_fraction(value)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _numbers(key, params, depth + 1)
            yield from _numbers(item, params, depth + 1)
        return
    if isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield from _numbers(item, params, depth + 1)
        return
    cls = type(value)
    if attrs.has(cls):
        for field in attrs.fields(cls):
            yield from _numbers(getattr(value, field.name), params, depth + 1)
        return
    fields = getattr(value, "__dict__", None)
    if isinstance(fields, dict):
        yield from _numbers(fields, params, depth + 1)


def held_numbers(rule: Rule, params: Mapping[str, Any]) -> frozenset[Fraction]:
    """Every number *rule* holds: fields, nested values, class constants, parameter values.

    >>> from assesskit.rules import StepDeduction
    >>> sorted(held_numbers(StepDeduction("overdue", "0.05", "0.01"), {}))
    [Fraction(1, 100), Fraction(1, 20), Fraction(1, 1)]
    """
    found = set(_numbers(rule, params, 0))
    for cls in type(rule).__mro__:
        if cls is Rule or not issubclass(cls, Rule):
            continue
        for name, value in vars(cls).items():
            if not name.startswith("__") and not callable(value):
                found.update(_numbers(value, params, 1))
    return frozenset(found)


def _near(value: Fraction, space: ValueSpace) -> set[Fraction]:
    """*value* on the metric's grid (rounded both ways when between two steps), ± one step."""
    step = space.step
    below, above = math.floor(value / step) * step, math.ceil(value / step) * step
    out = {below - step, below, above, above + step}
    low, high = space.domain_lower, space.domain_upper
    return {v for v in out if (low is None or v >= low) and (high is None or v <= high)}


def probe_values(scheme: Scheme) -> dict[str, tuple[MetricValue, ...]]:
    """Values to probe each input with, ± one step of the metric: numbers its rules hold,
    their declared edges, constants a veto, outcome or history trigger compares it with,
    0 and the ends of its domain.

    Flags are probed at both values; dates and periods are not probed.
    """
    params = scheme.params()
    spaces = value_spaces(scheme)
    metrics = scheme.metric_map
    numbers: dict[str, set[Fraction]] = {
        name: set(edges) for name, edges in metric_edges(scheme).items()
    }
    for component in scheme.components:
        held = held_numbers(component.rule, params)
        for name in component.rule.inputs():
            numbers.setdefault(name, set()).update(held)
    found: dict[str, set[MetricValue]] = {}
    for name, wanted in numbers.items():
        metric = metrics.get(name)
        if metric is None:
            continue
        bucket = found.setdefault(name, set())
        if metric.kind is MetricKind.FLAG:
            bucket.update((False, True))
            continue
        space = spaces.get(name)
        if space is None:
            continue
        # 0 and the ends of the domain too: a division by an input, a count of none
        ends = {e for e in (space.domain_lower, space.domain_upper) if e is not None}
        for number in wanted | ends | {Fraction(0)}:
            bucket.update(_near(number, space))
    for name, bucket in found.items():
        if metrics[name].kind is MetricKind.YEAR:
            found[name] = {int(v) for v in bucket if isinstance(v, Fraction)}
    return {name: tuple(sorted(values, key=_order)) for name, values in found.items()}


def _order(value: MetricValue) -> tuple[int, Any]:
    return (0, value) if isinstance(value, bool) else (1, value)


@attrs.frozen
class RuleProbe:
    """One component's rule on the parsed values of a record with one input moved."""

    component: str
    metric: str
    value: MetricValue
    values: Mapping[str, MetricValue]

    def context(self, scheme: Scheme, params: Mapping[str, Any]) -> RuleContext:
        """What the rule sees of these values."""
        return RuleContext(self.values, scheme.metric_map, params)

    def key(self, inputs: tuple[str, ...]) -> tuple[Any, ...]:
        """What the rule's result depends on: the component and the values of its inputs."""
        return (self.component, *(_hashable(self.values.get(name)) for name in inputs))


def _hashable(value: MetricValue) -> Any:
    # 1 == True: keep a flag apart from a number
    return (type(value).__name__, value)


def rule_probes(
    scheme: Scheme,
    base: Mapping[str, MetricValue],
    probes: Mapping[str, tuple[MetricValue, ...]],
    seen: set[tuple[Any, ...]] | None = None,
) -> Iterator[RuleProbe]:
    """Each component with each of its inputs moved to each probe value, the rest as in *base*.

    Values that break a cross-field constraint (``eligible <= relocated``)
    are left out: the rule never sees them. With *seen*, a probe whose rule
    inputs are those of an earlier probe is skipped: add the key of each
    probe that passed (:meth:`RuleProbe.key`) to it.
    """
    # the base values meet every constraint: only those on the moved field can break
    touching = constraints_by_field(scheme)
    for component in scheme.components:
        inputs = component.rule.inputs()
        for name in inputs:
            for value in probes.get(name, ()):
                values = {**base, name: value}
                probe = RuleProbe(component.id, name, value, values)
                if seen is not None and probe.key(inputs) in seen:
                    continue
                if all(c.check(values) is None for c in touching.get(name, ())):
                    yield probe


def constraints_by_field(scheme: Scheme) -> dict[str, tuple[Constraint, ...]]:
    """The scheme's constraints (its own and its rules') on each field they name."""
    found: dict[str, list[Constraint]] = {}
    for constraint in scheme.all_constraints():
        for name in constraint.fields():
            found.setdefault(name, []).append(constraint)
    return {name: tuple(items) for name, items in found.items()}
