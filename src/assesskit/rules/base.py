"""The rule protocol: how a component turns metric values into points.

A rule kind is a small frozen attrs class with two evaluations of one
meaning: :meth:`Rule.score` on one record, exactly, with an explanation, and
:meth:`Rule.score_batch` on numpy columns, with a mask of rows where float
noise could matter (those rows are re-scored exactly by the engine).

Each rule kind also gives its own example (:meth:`Rule.example`, a
:class:`RuleExample`): a rule of the kind, its weight, the metrics and
parameters it reads. :func:`assesskit.testing.check_rule_kind` builds a
small scheme around it and runs the invariants that apply to one rule
(batch equals exact, monotone in the declared directions, points within the
weight, every tier reachable...), as scikit-learn's ``check_estimator``
does for an estimator.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray, FloatArray
from assesskit._exact import ExactNumber, format_number, to_fraction
from assesskit.constraints import Constraint
from assesskit.expressions import Param
from assesskit.metrics import Direction, Metric
from assesskit.parameters import Parameter
from assesskit.periods import PeriodKind
from assesskit.rules.context import (
    BatchRuleContext,
    Number,
    RuleContext,
    number,
    number_words,
)
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit._batchmath import Rationals

__all__ = [
    "BatchRuleContext",
    "BatchScored",
    "Constraint",
    "Number",
    "PointsRange",
    "Rule",
    "RuleContext",
    "RuleExample",
    "Scored",
    "number",
    "number_words",
]


@attrs.frozen
class Scored:
    """Points of one component on one record; ``points`` is ``None`` when not applicable.

    A rule may also report a ``status`` (for targets: ``met``, ``behind``,
    ``not_due``) and ``details`` (e.g. ``required`` and ``attained``), which
    are published with the component and readable by outcomes.
    """

    points: Fraction | None
    explanation: Text
    status: str | None = None
    details: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class BatchScored:
    """Points of one component over a batch (NaN where not applicable).

    A rule that can compute its points exactly gives them as ``exact``
    (rationals held in float64, see :class:`~assesskit._batchmath.Rationals`;
    any value on rows where the component does not apply): the engine then
    rounds points and totals from exact values and needs no ``doubt``.
    """

    points: FloatArray
    applicable: BoolArray | None = None
    doubt: BoolArray | None = None
    status: npt.NDArray[np.object_] | None = None
    exact: Rationals | None = None


@attrs.frozen
class PointsRange:
    """The points a rule can give, worked out from its definition and the metrics' domains.

    ``low`` and ``high`` bound the points (``None``: no bound on that side);
    ``values`` lists every value the points can take, when there are few.
    """

    low: Fraction | None
    high: Fraction | None
    values: tuple[Fraction, ...] | None = None

    @classmethod
    def of_values(cls, values: set[Fraction]) -> PointsRange:
        """The range of a rule that gives one of *values* (at least one)."""
        ordered = tuple(sorted(values))
        return cls(ordered[0], ordered[-1], ordered)

    def words(self) -> str:
        """``[0, 15]``, ``[0, ∞)`` or ``{0, 5, 10}``."""
        if self.values is not None and len(self.values) <= 6:
            return "{" + ", ".join(format_number(v) for v in self.values) + "}"
        lo = "-∞" if self.low is None else format_number(self.low)
        hi = "∞" if self.high is None else format_number(self.high)
        return f"{'(' if self.low is None else '['}{lo}, {hi}{')' if self.high is None else ']'}"


# -- a kind's own example (what the testing kit checks the kind on) ----------------------------


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


class Rule(abc.ABC):
    """Base class of rule kinds (a component's scoring rule).

    Subclasses are frozen attrs classes; they set ``kind`` (a stable name
    used in scheme descriptions and fingerprints) and implement the methods
    below. Points are in [0, weight] unless the rule documents otherwise.
    """

    kind: ClassVar[str] = "rule"

    @classmethod
    def example(cls) -> RuleExample | None:
        """A rule of this kind with what a scheme around it needs, for the kind's own check.

        :func:`assesskit.testing.check_rule_kind` builds a scheme from it and
        runs the invariants that apply (batch equals exact, monotone where
        directions are declared, points within the weight...). Every kind
        should give one: the check of a kind without an example fails,
        saying how to add it. Build the rule with ``cls(...)``, so that a
        subclass is checked as itself.
        """
        return None

    @classmethod
    def examples(cls) -> tuple[RuleExample, ...]:
        """Every example of this kind: :meth:`example`, or several for a kind with variants."""
        example = cls.example()
        return () if example is None else (example,)

    @abc.abstractmethod
    def inputs(self) -> tuple[str, ...]:
        """Names of the inputs the rule reads."""

    def params(self) -> frozenset[str]:
        """Names of scheme parameters the rule reads."""
        cls = type(self)
        if not attrs.has(cls):
            return frozenset()
        return frozenset(
            value.name
            for field in attrs.fields(cls)
            if isinstance(value := getattr(self, field.name), Param)
        )

    def constraints(self) -> tuple[Constraint, ...]:
        """Cross-field constraints on the rule's inputs."""
        return ()

    def optional_inputs(self) -> frozenset[str]:
        """Inputs the rule can score without (a rater who did not rate).

        The scheme requires every other input of the rule to be a required
        metric: a rule cannot score a record that lacks a value it needs.
        """
        return frozenset()

    def definition_problems(
        self, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> list[str]:
        """What is wrong with the rule in a scheme with *metrics* and parameter values *params*.

        Checked when a scheme is built and when its parameters are set
        (a target of 0, a threshold table with a gap in the metric's domain...).
        """
        return []

    @abc.abstractmethod
    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        """Points for one record, exactly, with an explanation."""

    @abc.abstractmethod
    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        """Points for a batch, vectorised."""

    @abc.abstractmethod
    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        """The rule in words, for ``assesskit show``."""

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        """Lowest and highest points the rule can give."""
        return Fraction(0), weight

    def reachable(self, weight: Fraction) -> tuple[Fraction, ...] | None:
        """Every point value the rule can give, when there are few; else ``None``."""
        return None

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        """The points the rule can give to valid inputs, worked out without scoring a record.

        Built-in kinds compute it by interval arithmetic over their thresholds
        and the domains of the metrics they read (a threshold table on a ratio
        reaches only the tiers that meet [0, 1]). The scheme refuses a
        component whose range leaves [0, its weight], and the band linter
        uses the ranges to find totals no record can reach. The default, for
        a rule kind that does not override it, is what :meth:`bounds` and
        :meth:`reachable` declare.
        """
        low, high = self.bounds(weight)
        return PointsRange(low, high, self.reachable(weight))

    def directions(self) -> Mapping[str, Direction]:
        """Inputs in which the points are monotone, and which way."""
        return {}

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        """Input values where the rule changes behaviour (thresholds), for tests."""
        return {}

    def may_be_not_applicable(self) -> bool:
        """Whether the rule can find a component not applicable to a record."""
        return False


def describe_points(value: Fraction) -> str:
    """Points for an explanation: ``48`` or ``≈52.7250``."""
    return format_number(value)
