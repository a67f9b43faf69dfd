"""A scheme's definition: its parts, immutable and validated, without the scoring.

:class:`SchemeDefinition` is everything a scheme is — metrics, components,
vetoes, bands, outcomes, history rules, parameters, stages, roll-ups — and
the checks that make it consistent. The scoring stages
(:mod:`assesskit.scoring`) read a definition; :class:`assesskit.scheme.Scheme`
is a definition that can also score itself, so the model never imports the
engine that reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal, Self

import attrs

from assesskit._exact import faithful_float
from assesskit._serialize import fingerprint, to_data
from assesskit.bands import BandTable
from assesskit.components import (
    Component,
    Example,
    HistoryRule,
    Outcome,
    Parameter,
    Review,
    Veto,
)
from assesskit.errors import InputTypeError, ParameterError, SchemeDefinitionError
from assesskit.expr_types import scheme_type_problems
from assesskit.expressions import Expr
from assesskit.hierarchy import Rollup
from assesskit.intervals import Interval
from assesskit.metrics import Metric, MetricKind, ValueRejected
from assesskit.periods import PeriodKind
from assesskit.rules.base import Constraint
from assesskit.stages import Stage, StageComparison, stage_definition_problems
from assesskit.text import Text

__all__ = [
    "BAND_PARAM_PREFIX",
    "WEIGHT_PARAM_PREFIX",
    "NotApplicableMode",
    "SchemeDefinition",
    "WeightMode",
]

#: How declared weights are read.
WeightMode = Literal["points", "relative"]
#: What a not-applicable component does to the others.
NotApplicableMode = Literal["rescale", "zero"]

_HUNDRED = Fraction(100)
WEIGHT_PARAM_PREFIX = "weights."
BAND_PARAM_PREFIX = "bands."


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _optional_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen
class SchemeDefinition:
    """What an assessment scheme is, checked when built (see :class:`assesskit.scheme.Scheme`).

    The definition is checked when the scheme is built: weights in points
    must sum to exactly 100, every rule and condition may read only declared
    metrics and parameters, band tables may not overlap unless they say which
    band wins. A broken definition raises :class:`SchemeDefinitionError`.
    """

    id: str
    version: str
    title: Text
    period: PeriodKind
    metrics: tuple[Metric, ...] = attrs.field(converter=_tuple)
    components: tuple[Component, ...] = attrs.field(converter=_tuple)
    vetoes: tuple[Veto, ...] = attrs.field(default=(), converter=_tuple)
    bands: BandTable | None = None
    outcomes: tuple[Outcome, ...] = attrs.field(default=(), converter=_tuple)
    history_rules: tuple[HistoryRule, ...] = attrs.field(default=(), converter=_tuple)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_tuple)
    constraints: tuple[Constraint, ...] = attrs.field(default=(), converter=_tuple)
    review: Review = attrs.field(factory=Review)
    weights: WeightMode = "points"
    not_applicable: NotApplicableMode = "rescale"
    tunable_weights: bool = False
    period_field: str = attrs.field()
    description: Text | None = None
    source: Text | None = None
    examples: tuple[Example, ...] = attrs.field(default=(), converter=_tuple)
    rollups: tuple[Rollup, ...] = attrs.field(default=(), converter=_tuple)
    stages: tuple[Stage, ...] = attrs.field(default=(), converter=_tuple)
    stage_comparisons: tuple[StageComparison, ...] = attrs.field(default=(), converter=_tuple)
    tunable_bands: bool = False
    param_values: Mapping[str, Any] = attrs.field(factory=dict)
    #: The outcomes (and components) a summary shows beside entity, total and band;
    #: ``None``: vetoed, the money outcomes and the history rules. Presentation only:
    #: not part of the fingerprint.
    summary: tuple[str, ...] | None = attrs.field(
        default=None,
        converter=_optional_tuple,
        metadata={"identity": False},
    )

    @period_field.default
    def _period_field_default(self) -> str:
        return "period" if self.period is PeriodKind.MONTHLY else "year"

    def __attrs_post_init__(self) -> None:
        problems = self.definition_problems()
        if problems:
            raise SchemeDefinitionError(self.id, problems)

    # -- definition ------------------------------------------------------------

    @property
    def metric_map(self) -> dict[str, Metric]:
        """Metrics by name."""
        return {m.name: m for m in self.metrics}

    def definition_problems(self) -> list[str]:
        """Everything inconsistent in the definition (empty when valid)."""
        problems: list[str] = []
        names = [m.name for m in self.metrics]
        problems += _duplicates("metric", names)
        problems += [
            f"metric {m.name!r}: its domain ends at {end}, which a float does not hold: "
            "give a decimal of at most 15 significant digits (0.3333, not 1/3)"
            for m in self.metrics
            if m.domain is not None
            for end in (m.domain.lower, m.domain.upper)
            if end is not None and not faithful_float(Fraction(end))
        ]
        problems += [
            f"metric {m.name!r}: max_decimals {m.max_decimals} is below 0 (0: whole numbers)"
            for m in self.metrics
            if m.max_decimals is not None and m.max_decimals < 0
        ]
        problems += _duplicates("component", [c.id for c in self.components])
        problems += _duplicates("veto", [v.id for v in self.vetoes])
        outcome_ids = [o.id for o in self.outcomes]
        for history_rule in self.history_rules:
            outcome_ids.append(history_rule.id)
            if history_rule.triggers_outcome:
                outcome_ids.append(history_rule.triggers_outcome)
        problems += _duplicates("outcome", outcome_ids)
        shown = {*outcome_ids, *(c.id for c in self.components), "vetoed"}
        problems += [
            f"summary names {key!r}, which is neither an outcome nor a component"
            for key in self.summary or ()
            if key not in shown
        ]
        if not self.components:
            problems.append("a scheme needs at least one component")
        known = set(names)
        known_params = {p.name for p in self.parameters}
        metric_map = self.metric_map
        for component in self.components:
            rule = component.rule
            where = f"component {component.id!r}"
            problems += [
                f"{where}: rule reads unknown metric {m!r}" for m in rule.inputs() if m not in known
            ]
            problems += [
                f"{where}: rule reads unknown parameter {p!r}"
                for p in sorted(rule.params())
                if p not in known_params
            ]
            if component.weight < 0:
                problems.append(f"{where}: weight {component.weight} is negative")
            optional = rule.optional_inputs()
            problems += [
                f"{where}: rule needs a value of {m!r} in every record, but metric {m!r} is "
                f"optional (declare it required)"
                for m in rule.inputs()
                if m in metric_map and not metric_map[m].required and m not in optional
            ]
        total_weight = sum((c.weight for c in self.components), Fraction(0))
        if self.weights == "points" and total_weight != _HUNDRED:
            problems.append(
                f"component weights sum to {_show(total_weight)} points, not 100 "
                f"(declare weights='relative' to have them scaled to 100)"
            )
        if self.weights == "relative" and total_weight <= 0:
            problems.append("relative weights must have a positive sum")
        band_ids = set(self.bands.ids()) if self.bands is not None else set()
        earlier_outcomes: set[str] = set()
        for veto in self.vetoes:
            problems += _expr_problems(
                f"veto {veto.id!r}", veto.condition, known, known_params, set(), band_ids
            )
        for outcome in self.outcomes:
            problems += _expr_problems(
                f"outcome {outcome.id!r}",
                outcome.expr,
                known,
                known_params,
                earlier_outcomes,
                band_ids,
            )
            earlier_outcomes.add(outcome.id)
        for history_rule in self.history_rules:
            if history_rule.periods < 1:
                problems.append(f"history rule {history_rule.id!r}: needs at least 1 period")
            for trigger in history_rule.triggers:
                problems += _expr_problems(
                    f"history rule {history_rule.id!r} trigger {trigger.id!r}",
                    trigger.condition,
                    known,
                    known_params,
                    earlier_outcomes,
                    band_ids,
                )
        problems += scheme_type_problems(self)
        for constraint in self.constraints:
            problems += [
                f"constraint {constraint.words()!r} names unknown metric {f!r}"
                for f in constraint.fields()
                if f not in known
            ]
        if self.bands is not None and self.bands.on_overlap == "forbid":
            problems += [
                f"bands: {f.message} (declare on_overlap='first_listed' to let the first win)"
                for f in self.bands.lint()
                if f.kind == "overlap"
            ]
        stage_ids = [s.id for s in self.stages]
        for rollup in self.rollups:
            if rollup.method == "weighted_mean" and rollup.weight not in known:
                problems.append(
                    f"roll-up to {rollup.level!r}: weight {rollup.weight!r} is not a metric"
                )
            if rollup.stage is not None and rollup.stage not in stage_ids:
                problems.append(
                    f"roll-up to {rollup.level!r}: stage {rollup.stage!r} is not a stage of "
                    f"the scheme ({', '.join(stage_ids) or 'it has none'})"
                )
            if rollup.stage is None and self.stages:
                problems.append(
                    f"roll-up to {rollup.level!r}: the scheme has stages; say which stage's "
                    f"results roll up (one of {', '.join(stage_ids)})"
                )
        problems += stage_definition_problems(self)
        if self.tunable_bands:
            if self.bands is None:
                problems.append("tunable_bands needs a band table")
            else:
                problems += [f"tunable_bands: {p}" for p in self.bands.ladder_problems()]
        for param in self.parameters:
            try:
                param.parse(param.default)
            except ValueRejected as exc:
                problems.append(f"parameter {param.name!r}: default {param.default!r} {exc}")
        for name, value in self.param_values.items():
            if name.startswith(WEIGHT_PARAM_PREFIX) and self.tunable_weights:
                continue
            if name.startswith(BAND_PARAM_PREFIX) and self.tunable_bands:
                ends = self.bands.lower_ends() if self.bands is not None else {}
                band = name[len(BAND_PARAM_PREFIX) :]
                if ends.get(band) != value:
                    problems.append(
                        f"value given for {name!r} does not match the band table "
                        f"(set band thresholds with with_params)"
                    )
                continue
            if name not in known_params:
                problems.append(f"value given for unknown parameter {name!r}")
            del value
        problems += self._rule_problems()
        return problems

    def _rule_problems(self, params: Mapping[str, Any] | None = None) -> list[str]:
        """What each rule finds wrong with itself, given the metrics and parameter values."""
        metrics = self.metric_map
        if params is None:
            try:
                params = self.params()
            except ValueRejected:
                return []  # a bad default is reported on its own
        problems: list[str] = []
        weights = self.effective_weights() if self._weights_valid() else {}
        for component in self.components:
            rule = component.rule
            if any(m not in metrics for m in rule.inputs()) or any(
                p not in params for p in rule.params()
            ):
                continue  # reported as unknown metric or parameter
            own = rule.definition_problems(metrics, params)
            problems += [f"component {component.id!r}: {problem}" for problem in own]
            if not own:
                problems += _range_problems(component, weights, metrics, params)
        return problems

    def _weights_valid(self) -> bool:
        weights = self._raw_weights(self.param_values).values()
        return all(w >= 0 for w in weights) and sum(weights, Fraction(0)) > 0

    # -- parameters ----------------------------------------------------------------

    def param_names(self) -> list[str]:
        """Every parameter this scheme accepts, weights and band lower ends included."""
        names = [p.name for p in self.parameters]
        if self.tunable_weights:
            names += [WEIGHT_PARAM_PREFIX + c.id for c in self.components]
        if self.tunable_bands and self.bands is not None:
            names += [BAND_PARAM_PREFIX + b for b in self.bands.lower_ends()]
        return names

    def params(self) -> dict[str, Any]:
        """The parameter values in force (defaults, then values given).

        With ``tunable_weights`` the (relative) weight of each component is
        included as ``weights.<component>``, and with ``tunable_bands`` the
        lower end of each band but the worst as ``bands.<band>``, so that the
        parameters recorded with a result say everything that was tuned.
        """
        values: dict[str, Any] = {p.name: p.parse(p.default) for p in self.parameters}
        if self.tunable_weights:
            weights = self._raw_weights(self.param_values)
            values.update({WEIGHT_PARAM_PREFIX + k: v for k, v in weights.items()})
        if self.tunable_bands and self.bands is not None:
            values.update({BAND_PARAM_PREFIX + k: v for k, v in self.bands.lower_ends().items()})
        values.update(self.param_values)
        return values

    def with_params(self, values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> Self:
        """A copy of the scheme with parameters set and validated.

        Raises :class:`ParameterError` naming the parameter, the value and
        the rule it broke, with every problem listed.

        Weights (``weights.<component>``) are relative weights, scaled to 100.
        Band lower ends (``bands.<band>``, with ``tunable_bands``) move the
        cuts of the band table; they must descend strictly from the best band
        to the worst.
        """
        if values is not None and not isinstance(values, Mapping):
            raise InputTypeError(
                f"with_params() takes a mapping of parameter names to values, not "
                f"{type(values).__name__}"
            )
        given = {**(values or {}), **kwargs}
        if not given:
            return self
        wrong = [name for name in given if not isinstance(name, str)]
        if wrong:
            raise InputTypeError(f"parameter names are text, not {wrong[0]!r}")
        by_name = {p.name: p for p in self.parameters}
        parsed: dict[str, Any] = dict(self.param_values)
        problems: list[str] = []
        for name, raw in given.items():
            if name.startswith(WEIGHT_PARAM_PREFIX) and self.tunable_weights:
                component = name[len(WEIGHT_PARAM_PREFIX) :]
                if component not in {c.id for c in self.components}:
                    problems.append(f"parameter {name!r}: no component {component!r}")
                    continue
                metric = Metric(name, MetricKind.NUMBER, Text(name), domain=Interval(0, None))
                try:
                    parsed[name] = _given(metric, raw)
                except ValueRejected as exc:
                    problems.append(f"parameter {name!r} = {raw!r}: {exc} (a weight is >= 0)")
                continue
            if name.startswith(BAND_PARAM_PREFIX) and self.tunable_bands and self.bands:
                band = name[len(BAND_PARAM_PREFIX) :]
                movable = self.bands.lower_ends()
                if band not in movable:
                    shown = ", ".join(BAND_PARAM_PREFIX + b for b in movable)
                    problems.append(
                        f"parameter {name!r}: no band {band!r} with a lower end to set ({shown})"
                    )
                    continue
                metric = Metric(name, MetricKind.NUMBER, Text(name), domain=Interval(0, 100))
                try:
                    parsed[name] = _given(metric, raw)
                except ValueRejected as exc:
                    problems.append(
                        f"parameter {name!r} = {raw!r}: {exc} (a band's lower end is a total)"
                    )
                continue
            param = by_name.get(name)
            if param is None:
                known = ", ".join(self.param_names()) or "none"
                problems.append(f"unknown parameter {name!r} (this scheme takes: {known})")
                continue
            try:
                parsed[name] = param.parse(raw)
            except ValueRejected as exc:
                problems.append(f"parameter {name!r} = {raw!r}: {exc}")
        if not problems and self.tunable_weights:
            weights = self._raw_weights(parsed)
            if sum(weights.values(), Fraction(0)) <= 0:
                problems.append("weights: at least one weight must be > 0")
        bands = self.bands
        if not problems and self.tunable_bands and bands is not None:
            ends = {
                k[len(BAND_PARAM_PREFIX) :]: v
                for k, v in parsed.items()
                if k.startswith(BAND_PARAM_PREFIX)
            }
            try:
                bands = bands.with_lower_ends(ends)
            except ValueError as exc:
                problems.append(f"bands: {exc}")
        if not problems:
            problems += self._rule_problems({**self.params(), **parsed})
        if problems:
            raise ParameterError(
                f"scheme {self.id!r}: " + "; ".join(problems)
                if len(problems) == 1
                else f"scheme {self.id!r}:\n" + "\n".join(f"  - {p}" for p in problems)
            )
        return attrs.evolve(self, param_values=parsed, bands=bands)

    def _raw_weights(self, values: Mapping[str, Any]) -> dict[str, Fraction]:
        return {
            c.id: Fraction(values.get(WEIGHT_PARAM_PREFIX + c.id, c.weight))
            for c in self.components
        }

    def effective_weights(self) -> dict[str, Fraction]:
        """Each component's weight in points, summing to exactly 100."""
        raw = self._raw_weights(self.param_values)
        overridden = any(k.startswith(WEIGHT_PARAM_PREFIX) for k in self.param_values)
        if self.weights == "points" and not overridden:
            return raw
        total = sum(raw.values(), Fraction(0))
        return {k: v * _HUNDRED / total for k, v in raw.items()}

    # -- identity --------------------------------------------------------------------

    def definition(self) -> dict[str, Any]:
        """The scheme as canonical JSON-able data (definition and parameter values)."""
        data: dict[str, Any] = to_data(self)
        data["param_values"] = to_data(self.params())
        return data

    @property
    def fingerprint(self) -> str:
        """A hash of the definition and the parameters in force."""
        return fingerprint(self.definition())

    def outcome_labels(self) -> dict[str, Text]:
        """Labels of everything a result publishes in ``outcome``, in the order computed.

        The scheme's outcomes, then each history rule (and the list of its
        triggers that fired).
        """
        labels = {o.id: o.label for o in self.outcomes}
        for rule in self.history_rules:
            labels[rule.id] = rule.label
            if rule.triggers_outcome:
                labels[rule.triggers_outcome] = Text(
                    f"{rule.label.en}: triggers", f"{rule.label.zh}(触发条件)"
                )
        return labels

    def outcome_words(self) -> dict[str, dict[str, Text]]:
        """The words of published values, by outcome: a text outcome's own ``words``, the
        labels of a history rule's triggers, the labels of components in a list of them."""
        components = {c.id: c.label for c in self.components}
        words = {
            o.id: {**(components if o.kind == "list" else {}), **o.word_map()}
            for o in self.outcomes
        }
        for rule in self.history_rules:
            if rule.triggers_outcome:
                words[rule.triggers_outcome] = {t.id: t.label for t in rule.triggers}
        return {key: found for key, found in words.items() if found}

    def all_constraints(self) -> tuple[Constraint, ...]:
        """The scheme's constraints and those its rules bring."""
        found: list[Constraint] = list(self.constraints)
        for component in self.components:
            found.extend(component.rule.constraints())
        return tuple(found)

    def required_inputs(self) -> frozenset[str]:
        """Metrics that must be given in every record."""
        return frozenset(m.name for m in self.metrics if m.required)


def _given(metric: Metric, raw: Any) -> Any:
    """*raw* read as a value of *metric*; an empty value is refused (a parameter needs one)."""
    value = metric.parse(raw)
    if value is None:
        raise ValueRejected(f"must be {metric.expected()}; the value is empty")
    return value


def _show(value: Fraction) -> str:
    from assesskit._exact import format_number

    return format_number(value)


def _range_problems(
    component: Component,
    weights: Mapping[str, Fraction],
    metrics: Mapping[str, Metric],
    params: Mapping[str, Any],
) -> list[str]:
    """A component whose rule can give points outside [0, its weight]: a tier or cap too high."""
    weight = weights.get(component.id)
    if weight is None:
        return []
    found = component.rule.points_range(weight, metrics, params)
    where = f"component {component.id!r}: its rule ({component.rule.kind}) can give"
    problems = []
    if found.high is None or found.high > weight:
        most = "any number of" if found.high is None else f"up to {_show(found.high)}"
        problems.append(
            f"{where} {most} points, more than the component's weight {_show(weight)} "
            f"(points {found.words()}): a component never earns more than its weight"
        )
    if found.low is None or found.low < 0:
        least = "any negative number of" if found.low is None else f"{_show(found.low)}"
        problems.append(
            f"{where} {least} points (points {found.words()}): a component never earns less than 0"
        )
    return problems


def _duplicates(what: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        if i in seen:
            out.append(f"{what} id {i!r} is used twice")
        seen.add(i)
    return out


def _walk(expr: Expr) -> Iterable[Expr]:
    yield expr
    for child in expr.children():
        yield from _walk(child)


def _expr_problems(
    where: str,
    expr: Expr,
    metrics: set[str],
    params: set[str],
    outcomes: set[str],
    bands: set[str],
) -> list[str]:
    problems = [
        f"{where}: reads unknown metric {m!r}" for m in sorted(expr.inputs()) if m not in metrics
    ]
    problems += [
        f"{where}: reads unknown parameter {p!r}" for p in sorted(expr.params()) if p not in params
    ]
    problems += [
        f"{where}: reads outcome {o!r}, which is not computed before it"
        for o in sorted(expr.outcomes())
        if o not in outcomes
    ]
    problems += [
        f"{where}: names unknown band {band_id!r}"
        for node in _walk(expr)
        for band_id in node.named_bands()
        if band_id not in bands
    ]
    return problems
