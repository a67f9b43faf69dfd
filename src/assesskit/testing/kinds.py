"""The check of a rule kind: the scheme invariants, on a scheme built around the kind's example.

As scikit-learn's ``check_estimator`` checks an estimator class, a rule kind
is checked on its own: :meth:`Rule.examples <assesskit.rules.Rule.examples>`
gives a rule of the kind with its weight, the metrics it reads and the
parameters it needs; :func:`example_scheme` builds a scheme of one component
(two when the weight is below 100: a flag worth the rest is added) and
:func:`check_rule_kind` runs on it every invariant of :data:`KIND_INVARIANTS`
that applies: batch equals exact, the results do not depend on the order of
records, points within the weight (and the rule's declared range), exact
numbers on the exact path, monotone in the declared directions, every tier
reachable, every parameter value scoring, invalid fields named.

A kind without an example fails its check, with a message saying how to add
one: a kind cannot pass unchecked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from assesskit.components import Component
from assesskit.errors import SchemeDefinitionError
from assesskit.metrics import Metric, MetricKind
from assesskit.rules.base import Rule, RuleExample
from assesskit.rules.flags import Boolean
from assesskit.scheme import Scheme
from assesskit.testing._report import SchemeCheckError
from assesskit.testing._running import ProfileArg
from assesskit.testing.invariants import CheckReport, check_scheme
from assesskit.text import Text

if TYPE_CHECKING:
    import hypothesis

__all__ = [
    "KIND_INVARIANTS",
    "RuleKindCheckError",
    "RuleKindReport",
    "check_rule_kind",
    "example_scheme",
]

#: The invariants a rule kind is checked with, in the order they run (see ``INVARIANTS``).
#: Left out: ``veto``, ``bands``, ``examples`` and ``history``, which check parts of a
#: scheme that no rule brings.
KIND_INVARIANTS: tuple[str, ...] = (
    "bounds",
    "exact",
    "monotone",
    "reach",
    "batch",
    "order",
    "params",
    "invalid",
)

#: The component holding the rule in the scheme built around an example, and the filler's.
EXAMPLE_COMPONENT = "example"
FILLER_COMPONENT = "rest"
FILLER_METRIC = "rest_ok"

HOW_TO_ADD = (
    "give the class a classmethod example() returning "
    "assesskit.rules.RuleExample(cls(...), metrics=[...], weight=..., parameters=[...]): "
    "a rule of the kind, the metrics it reads with their domains and directions, and the "
    "scheme parameters it reads (see 'Checking a rule kind' in docs/rules.md)"
)


class RuleKindCheckError(AssertionError):
    """A rule kind failed its check: it has no usable example, or broke invariants.

    ``kind`` is the kind's name; ``problems`` lists what is wrong with its
    examples (none given, a broken one); ``failures`` the
    :class:`SchemeCheckError` of each example whose scheme broke invariants.
    """

    def __init__(
        self,
        kind: str,
        problems: Sequence[str] = (),
        failures: Sequence[SchemeCheckError] = (),
    ) -> None:
        self.kind = kind
        self.problems = tuple(problems)
        self.failures = tuple(failures)
        lines = [f"rule kind {kind!r} failed its check:"]
        lines += [f"  - {p}" for p in self.problems]
        lines += [str(f) for f in self.failures]
        super().__init__("\n".join(lines))


@attrs.frozen
class RuleKindReport:
    """What :func:`check_rule_kind` ran: one :class:`CheckReport` per example of the kind."""

    kind: str
    examples: tuple[CheckReport, ...]


def _where(cls: type[Rule]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def example_scheme(example: RuleExample, index: int = 0) -> Scheme:
    """The scheme around *example*: its rule worth its weight, and a flag worth the rest.

    The scheme's id is ``rule-kind.<kind>`` (``.<name or index>`` after it
    for a kind's second and later examples). The filler component
    (``rest``, a :class:`~assesskit.rules.Boolean` on the flag ``rest_ok``)
    is there only when the example's weight is below 100.

    :raises SchemeDefinitionError: when the example does not make a valid
        scheme (a metric it reads is not declared...).
    """
    rule = example.rule
    suffix = "" if index == 0 else f".{example.name or index + 1}"
    kind = type(rule).kind
    label = Text(f"{kind} example", f"{kind}示例")
    components = [Component(EXAMPLE_COMPONENT, label, example.weight, rule)]
    metrics = list(example.metrics)
    if example.weight < 100:
        rest = Text("the rest", "其他")
        components.append(
            Component(FILLER_COMPONENT, rest, 100 - example.weight, Boolean(FILLER_METRIC))
        )
        metrics.append(Metric(FILLER_METRIC, MetricKind.FLAG, rest))
    extra: dict[str, Any] = {}
    if example.period_field is not None:
        extra["period_field"] = example.period_field
    return Scheme(
        id=f"rule-kind.{kind}{suffix}",
        version="1",
        title=Text(f"a scheme around an example of rule kind {kind}", f"规则类型{kind}示例方案"),
        period=example.period,
        metrics=metrics,
        components=components,
        parameters=example.parameters,
        **extra,
    )


def _schemes(cls: type[Rule]) -> tuple[list[Scheme], list[str]]:
    """The schemes around the examples of *cls*, and what is wrong with its examples."""
    where = _where(cls)
    try:
        examples = cls.examples()
    except Exception as exc:
        return [], [f"{where}.examples() raised {type(exc).__name__}: {exc}"]
    if not examples:
        return [], [f"{where} gives no example, so it cannot be checked: {HOW_TO_ADD}"]
    schemes: list[Scheme] = []
    problems: list[str] = []
    candidates: tuple[object, ...] = tuple(examples)  # a plugin's may be anything
    for index, example in enumerate(candidates):
        which = f"example {index + 1} of {where}"
        if not isinstance(example, RuleExample):
            got = type(example)
            problems.append(
                f"{which} is a {got.__module__}.{got.__qualname__}, "
                f"not an assesskit.rules.RuleExample"
            )
        elif type(example.rule) is not cls:
            problems.append(
                f"{which} is a rule of kind {type(example.rule).kind!r} "
                f"({_where(type(example.rule))}), not of this kind: a subclass inherits its "
                f"parent's example(); build the rule with cls(...) or override example()"
            )
        else:
            try:
                schemes.append(example_scheme(example, index))
            except SchemeDefinitionError as exc:
                problems.append(f"{which} does not make a valid scheme: {'; '.join(exc.problems)}")
    return schemes, problems


def check_rule_kind(
    cls: type[Rule],
    profile: ProfileArg = "fast",
    *,
    only: Sequence[str] | None = None,
    settings: hypothesis.settings | None = None,
) -> RuleKindReport:
    """Check the rule kind *cls* on its own examples (see :meth:`Rule.example`).

    Each example becomes a small scheme (:func:`example_scheme`), checked
    with the invariants of :data:`KIND_INVARIANTS` (or those named in
    *only*) that apply to it.

    >>> from assesskit.rules import Boolean
    >>> check_rule_kind(Boolean).examples[0].passed
    ('bounds', 'exact', 'monotone', 'batch', 'order', 'invalid')

    :param cls: the rule class, as registered (``assesskit.rule_kinds()[name]``).
    :param profile: ``"fast"`` (default) or ``"thorough"``.
    :param only: names of invariants to run, among :data:`KIND_INVARIANTS`.
    :param settings: Hypothesis settings replacing the profile's.
    :returns: a :class:`RuleKindReport` when every example passes.
    :raises RuleKindCheckError: when the kind gives no example, an example
        is broken, or an example's scheme breaks an invariant (each with
        its counterexample).
    """
    if not (isinstance(cls, type) and issubclass(cls, Rule)):
        raise TypeError(f"{cls!r} is not a rule kind (a subclass of assesskit.rules.Rule)")
    unknown = sorted(set(only or ()) - set(KIND_INVARIANTS))
    if unknown:
        raise ValueError(
            f"unknown rule-kind invariant(s) {unknown} (known: {', '.join(KIND_INVARIANTS)})"
        )
    names = [n for n in KIND_INVARIANTS if only is None or n in only]
    schemes, problems = _schemes(cls)
    reports: list[CheckReport] = []
    failures: list[SchemeCheckError] = []
    for scheme in schemes:
        try:
            reports.append(check_scheme(scheme, profile, only=names, settings=settings))
        except SchemeCheckError as exc:
            failures.append(exc)
    if problems or failures:
        raise RuleKindCheckError(cls.kind, problems, failures)
    return RuleKindReport(cls.kind, tuple(reports))
