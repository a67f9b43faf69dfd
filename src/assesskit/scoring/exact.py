"""The exact path: one record, rational arithmetic, every point explained."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from assesskit._exact import format_exact, format_number, round_half_up
from assesskit.components import Component, HistoryRule, Outcome
from assesskit.controls import identifier_problem
from assesskit.errors import InvalidInputError, Problem, RuleError
from assesskit.expressions import ExactValue
from assesskit.history import EntryEnv, History, HistoryEntry
from assesskit.metrics import MetricValue, ValueRejected, is_missing
from assesskit.periods import Period
from assesskit.results import ComponentResult, Result, VetoResult
from assesskit.rules.base import RuleContext, Scored
from assesskit.scoring.boundary import history_of, record_of
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = [
    "ParsedRecord",
    "apply_history",
    "parse_record",
    "read_period",
    "score_parsed",
    "score_record",
]


@attrs.frozen
class ParsedRecord:
    """A record read against a scheme: values, identity and every problem found."""

    values: Mapping[str, MetricValue]
    entity_id: str | None
    period: Period | None
    problems: tuple[Problem, ...]


#: The input field naming whom a record assesses.
ENTITY_FIELD = "entity_id"


def _entity(record: Mapping[str, Any]) -> str | None:
    raw = record.get(ENTITY_FIELD)
    return None if is_missing(raw) else str(raw)


def read_period(scheme: SchemeDefinition, raw: object) -> tuple[Period | None, str | None]:
    """The period *raw* names (``None`` when missing), or the rule it broke.

    Shared by both paths, so a batch reports a bad period as one record would.
    """
    if is_missing(raw):
        return None, None
    try:
        period = Period.parse(raw)
    except ValueError:
        return None, "must be a period, YYYY-MM or YYYY"
    if period.kind is not scheme.period:
        give = "YYYY-MM" if scheme.period.value == "monthly" else "a year YYYY"
        return None, f"this scheme is {scheme.period.value}: give {give}"
    return period, None


def parse_record(
    scheme: SchemeDefinition, record: Mapping[str, Any], row: int | None = None
) -> ParsedRecord:
    """Read and validate *record*; collect every problem instead of stopping at the first."""
    entity = _entity(record)
    problems: list[Problem] = []
    wrong = None if entity is None else identifier_problem(record.get(ENTITY_FIELD))
    if wrong is not None:
        problems.append(Problem(ENTITY_FIELD, record.get(ENTITY_FIELD), wrong))
    raw_period = record.get(scheme.period_field)
    period, broken = read_period(scheme, raw_period)
    if broken is not None:
        problems.append(Problem(scheme.period_field, raw_period, broken))
    values: dict[str, MetricValue] = {}
    for metric in scheme.metrics:
        raw = record.get(metric.name)
        try:
            value = metric.parse(raw)
        except ValueRejected as exc:
            problems.append(Problem(metric.name, raw, str(exc)))
            values[metric.name] = None
            continue
        if value is None and metric.required:
            problems.append(Problem(metric.name, None, "is required"))
        values[metric.name] = value
    refused = {p.field for p in problems}
    for constraint in scheme.all_constraints():
        if refused.intersection(constraint.fields()):
            continue  # its value is refused already: "at least one must be given" would mislead
        found = constraint.check(values)
        if found is not None:
            problems.append(found)
    located = tuple(p.located(entity, row) for p in problems)
    return ParsedRecord(values, entity, period, located)


class RecordEnv:
    """Expression environment of the record being scored."""

    def __init__(
        self,
        values: Mapping[str, MetricValue],
        params: Mapping[str, Any],
        period: Period | None,
    ) -> None:
        self.values = values
        self.params = params
        self._period = period
        self.total_value: Decimal | None = None
        self.band_id: str | None = None
        self.is_vetoed = False
        self.outcomes: dict[str, Any] = {}
        self.statuses: dict[str, str | None] = {}

    def component_status(self, component_id: str) -> str | None:
        return self.statuses.get(component_id)

    def component_ids(self) -> list[str]:
        return list(self.statuses)

    def input(self, name: str) -> Any:
        return self.values.get(name)

    def param(self, name: str) -> Any:
        return self.params[name]

    def total(self) -> Decimal | None:
        return self.total_value

    def band(self) -> str | None:
        return self.band_id

    def vetoed(self) -> bool:
        return self.is_vetoed

    def outcome(self, name: str) -> Any:
        return self.outcomes.get(name)

    def period(self) -> Period | None:
        return self._period


def publish(outcome: Outcome, value: ExactValue) -> Any:
    """An outcome's exact value as published (money to the fen, numbers to ``places``)."""
    if value is None:
        return None
    if type(value) is int and outcome.kind in ("money", "number"):
        value = Fraction(value)  # a whole number as read: a year
    if outcome.kind == "money":
        if not isinstance(value, Fraction):
            raise TypeError(f"outcome {outcome.id}: money needs a number, got {value!r}")
        return round_half_up(value)  # to the fen
    if outcome.kind == "number":
        if isinstance(value, bool) or not isinstance(value, Fraction):
            raise TypeError(f"outcome {outcome.id}: needs a number, got {value!r}")
        return _plain(round_half_up(value, outcome.places))
    if outcome.kind == "flag":
        return bool(value)
    if outcome.kind == "list":
        return list(value) if isinstance(value, list | tuple) else [value]
    return str(value)


def _plain(number: Decimal) -> Decimal:
    """*number* without trailing zeros, written as digits: ``950``, not ``9.5E+2``; 0, not -0."""
    trimmed = number.normalize()
    exponent = trimmed.as_tuple().exponent
    return trimmed.quantize(1) if isinstance(exponent, int) and exponent > 0 else trimmed


def _input_values(
    scheme: SchemeDefinition, names: Iterable[str], values: Mapping[str, MetricValue]
) -> str:
    metrics = scheme.metric_map
    return ", ".join(f"{n} = {metrics[n].format_value(values.get(n))}" for n in sorted(names))


def _exact_points(component: Component, scored: Scored) -> Scored:
    """*scored* with its points as a Fraction; float points are refused, naming the rule kind."""
    points: object = scored.points
    if points is None or type(points) is Fraction:
        return scored
    if isinstance(points, int | Decimal | Fraction) and not isinstance(points, bool):
        return attrs.evolve(scored, points=Fraction(points))
    raise RuleError(
        component.id,
        component.rule.kind,
        f"score() returned {type(points).__name__} points {points!r}; the exact path takes "
        f"exact numbers only (Fraction): compute with Fraction, never with float",
    )


def score_parsed(scheme: SchemeDefinition, parsed: ParsedRecord) -> Result:
    """Score a record that :func:`parse_record` found valid (history rules not applied)."""
    params = scheme.params()
    weights = scheme.effective_weights()
    values = parsed.values
    ctx = RuleContext(values, scheme.metric_map, params)
    scored = {c.id: _exact_points(c, c.rule.score(ctx, weights[c.id])) for c in scheme.components}
    applicable = [c for c in scheme.components if scored[c.id].points is not None]
    notes: list[Text] = []
    factor = Fraction(1)
    if len(applicable) < len(scheme.components) and scheme.not_applicable == "rescale":
        applied_weight = sum((weights[c.id] for c in applicable), Fraction(0))
        if applied_weight > 0:
            factor = Fraction(100) / applied_weight
            left_out = [c for c in scheme.components if scored[c.id].points is None]
            names = ", ".join(c.id for c in left_out)
            names_zh = "、".join(c.label.zh for c in left_out)
            notes.append(
                Text(
                    f"not applicable: {names}; the other weights sum to "
                    f"{format_exact(applied_weight)} and are scaled by {format_exact(factor)} "
                    "to sum to 100",
                    f"不适用:{names_zh};其余权重合计 {format_exact(applied_weight)},"
                    f"乘以 {format_exact(factor)} 使总权重为100",
                )
            )
    components: dict[str, ComponentResult] = {}
    exact_sum = Fraction(0)
    for component in scheme.components:
        result = scored[component.id]
        points = result.points
        explanation = result.explanation
        if points is None and scheme.not_applicable == "zero":
            points = Fraction(0)
        if points is not None and factor != 1:
            rescaled = points * factor
            times, gives = format_exact(factor), format_number(rescaled)
            explanation = Text(
                f"{explanation.en}; rescaled × {times} = {gives}",
                f"{explanation.zh};按比例放大 × {times} = {gives}",
            )
            points = rescaled
        if points is not None:
            exact_sum += points
        components[component.id] = ComponentResult(
            component.id,
            component.label,
            weights[component.id] * factor if points is not None else weights[component.id],
            None if points is None else round_half_up(points),
            points,
            explanation,
            result.status,
            result.details,
        )
    nothing_applies = not applicable and scheme.not_applicable == "rescale"
    env = RecordEnv(values, params, parsed.period)
    env.statuses = {cid: c.status for cid, c in components.items()}
    fired: list[VetoResult] = []
    for veto in scheme.vetoes:
        if veto.condition.exact(env):
            shown = _input_values(scheme, veto.condition.inputs(), values)
            fired.append(
                VetoResult(
                    veto.id,
                    veto.label,
                    Text(
                        f"{veto.condition.words()} ({shown}): the whole total is 0",
                        f"{veto.label.zh}({shown}):考核总分为0",
                    ),
                )
            )
    vetoed = bool(fired)
    if nothing_applies:
        total: Decimal | None = None
        exact_total: Fraction | None = None
        notes.append(Text("no component applies: no total", "没有适用的考核项:无总分"))
    elif vetoed:
        total, exact_total = round_half_up(Fraction(0)), Fraction(0)
    else:
        total, exact_total = round_half_up(exact_sum), exact_sum
    published_total = None if total is None else Fraction(total)
    band = scheme.bands.classify(published_total) if scheme.bands else None
    env.total_value, env.band_id, env.is_vetoed = total, (band.id if band else None), vetoed
    outcome: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    for spec in scheme.outcomes:
        published = publish(spec, spec.expr.exact(env))
        outcome[spec.id] = published
        env.outcomes[spec.id] = published
        kinds[spec.id] = spec.kind
    return Result(
        scheme.id,
        scheme.version,
        parsed.entity_id,
        parsed.period,
        scheme.period_field,
        total,
        exact_total,
        band,
        vetoed,
        tuple(fired),
        components,
        outcome,
        tuple(notes),
        dict(values),
        outcome_kinds=kinds,
        outcome_labels=scheme.outcome_labels(),
        outcome_words=scheme.outcome_words(),
    )


def apply_history(scheme: SchemeDefinition, result: Result, history: History | None) -> Result:
    """Evaluate the scheme's history rules for *result* against earlier periods."""
    if not scheme.history_rules:
        return result
    outcome = dict(result.outcome)
    kinds = dict(result.outcome_kinds)
    notes = list(result.notes)
    params = scheme.params()
    current = (
        HistoryEntry(
            result.entity_id or "",
            result.period,
            result.total,
            result.band_id,
            result.vetoed,
            result.inputs,
        )
        if result.period is not None
        else None
    )
    for rule in scheme.history_rules:
        fired, note = _evaluate_rule(rule, current, history, params)
        outcome[rule.id] = fired is not None and bool(fired)
        kinds[rule.id] = "flag"
        if rule.triggers_outcome:
            outcome[rule.triggers_outcome] = list(fired or [])
            kinds[rule.triggers_outcome] = "list"
        if note is not None:
            notes.append(note)
    return attrs.evolve(result, outcome=outcome, notes=tuple(notes), outcome_kinds=kinds)


def _evaluate_rule(
    rule: HistoryRule,
    current: HistoryEntry | None,
    history: History | None,
    params: Mapping[str, Any],
) -> tuple[list[str] | None, Text | None]:
    """Triggers that fired, and a note when missing history left the rule undecided."""
    if current is None:
        return None, Text(
            f"no period given: the {rule.id} rule could not be checked",
            f"未给出考核期:无法判断“{rule.label.zh}”",
        )
    fired: list[str] = []
    missing_periods: set[Period] = set()
    for trigger in rule.triggers:
        if not trigger.condition.exact(EntryEnv(current, params)):
            continue
        holds_everywhere = True
        lacking: list[Period] = []
        for back in range(1, rule.periods):
            period = current.period.previous(back)
            entry = history.get(current.entity_id, period) if history is not None else None
            if entry is None:
                lacking.append(period)
            elif not trigger.condition.exact(EntryEnv(entry, params)):
                holds_everywhere = False
                break
        if not holds_everywhere:
            continue
        if lacking:
            missing_periods.update(lacking)
        else:
            fired.append(trigger.id)
    note = None
    if missing_periods and not fired:
        shown = ", ".join(str(p) for p in sorted(missing_periods))
        note = Text(
            f"history for {shown} missing: the {rule.id} rule could not be checked",
            f"缺少 {shown} 的考核结果:无法判断“{rule.label.zh}”",
        )
    return fired, note


def score_record(
    scheme: SchemeDefinition,
    record: Mapping[str, Any],
    history: History | Iterable[Result] | None = None,
) -> Result:
    """Score one record exactly (see :meth:`Scheme.score`).

    Raises :class:`~assesskit.errors.InputTypeError` when *record* is not a
    record or *history* not earlier results, before anything is scored.
    """
    earlier = history_of(history)
    parsed = parse_record(scheme, record_of(record))
    if parsed.problems:
        raise InvalidInputError(parsed.problems)
    result = score_parsed(scheme, parsed)
    return apply_history(scheme, result, earlier)
