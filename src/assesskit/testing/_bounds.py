"""The bounds invariant: the total within [0, 100], each component within its weight.

Generated records are scored whole; besides, each component's rule scores
the record's values with each of its inputs moved to every number the rule
holds and one step either side (:mod:`assesskit.testing._probes`), so that
points above the weight at a threshold no random record hits are found all
the same, and an exception names the component that raised it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from assesskit._exact import round_half_up
from assesskit.metrics import MetricValue
from assesskit.results import Result
from assesskit.rules.base import PointsRange, RuleContext
from assesskit.scheme import Scheme
from assesskit.testing._culprit import params_words
from assesskit.testing._probes import RuleProbe, probe_values, rule_probes
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import ProfileArg, run_check, score_or_fail, show
from assesskit.testing.strategies import DrawnRecord, SchemeInputs, _drawn

if TYPE_CHECKING:
    import hypothesis

__all__ = ["check_bounds", "probe_rules"]


def _outside(points: Fraction, weight: Fraction, allowed: PointsRange) -> str | None:
    """Why *points* are out of bounds, or ``None``."""
    if points < 0 or points > weight:
        return f"outside [0, {show(weight)}] (its weight)"
    low, high = allowed.low, allowed.high
    if (low is not None and points < low) or (high is not None and points > high):
        return f"outside {allowed.words()}, the points its rule can give by its definition"
    if allowed.values is not None and points not in allowed.values:
        return f"not one of {allowed.words()}, the points its rule can give by its definition"
    return None


def probe_rules(
    scheme: Scheme,
    invariant: str,
    drawn: DrawnRecord,
    probes: Mapping[str, tuple[MetricValue, ...]],
    seen: set[tuple[Any, ...]] | None = None,
) -> None:
    """Score each rule on *drawn* with each input moved to each probe value; check its points.

    An exception, points that are not exact, or points outside [0, the
    weight] or outside the rule's :meth:`~assesskit.rules.Rule.points_range`
    are a violation of *invariant* naming the component, the value moved
    and the parameters set. *seen* holds the probes that passed before
    (see :func:`~assesskit.testing._probes.rule_probes`); new ones are added.
    """
    params = scheme.params()
    weights = scheme.effective_weights()
    metrics = scheme.metric_map
    kinds = {c.id: c.rule.kind for c in scheme.components}
    rules = {c.id: c.rule for c in scheme.components}
    ranges = {cid: rules[cid].points_range(weights[cid], metrics, params) for cid in rules}
    inputs = {cid: rules[cid].inputs() for cid in rules}
    for probe in rule_probes(scheme, drawn.values, probes, seen):
        cid = probe.component
        where = f"component {cid!r} (rule kind {kinds[cid]!r})"
        moved = f"{probe.metric} = {show(probe.value)}"
        record = {**drawn.record, probe.metric: _raw(probe)}
        label = f"record (with {moved})"
        try:
            scored = rules[cid].score(RuleContext(probe.values, metrics, params), weights[cid])
        except Exception as exc:
            raise InvariantViolation(
                invariant,
                scheme.id,
                f"{where} raised {type(exc).__name__} at {moved}{params_words(scheme)}: {exc}",
                component=cid,
                record=record,
                record_label=label,
            ) from exc
        points: Any = scored.points
        if points is None:
            if seen is not None:
                seen.add(probe.key(inputs[cid]))
            continue
        if isinstance(points, bool) or not isinstance(points, int | Fraction):
            raise InvariantViolation(
                invariant,
                scheme.id,
                f"{where} gave {type(points).__name__} points {points!r} at {moved}, not an "
                f"exact number",
                component=cid,
                record=record,
                record_label=label,
            )
        why = _outside(Fraction(points), weights[cid], ranges[cid])
        if why is not None:
            raise InvariantViolation(
                invariant,
                scheme.id,
                f"{where} gave {show(Fraction(points))} points at {moved}{params_words(scheme)}, "
                f"{why}",
                component=cid,
                details=[scored.explanation.en],
                record=record,
                record_label=label,
            )
        if seen is not None:
            seen.add(probe.key(inputs[cid]))


def _raw(probe: RuleProbe) -> Any:
    value = probe.value
    return show(value) if isinstance(value, Fraction) else value


def _component_problem(
    scheme: Scheme, result: Result, weights: Mapping[str, Fraction], ranges: Mapping[str, Any]
) -> tuple[str, str, str] | None:
    """The first component out of its bounds: ``(id, sentence, explanation)``."""
    for cid, comp in result.components.items():
        points = comp.exact_points
        if points is None:
            continue
        factor = comp.weight / weights[cid] if weights[cid] else Fraction(1)
        found: PointsRange = ranges[cid]
        scaled = PointsRange(
            None if found.low is None else found.low * factor,
            None if found.high is None else found.high * factor,
        )
        why = _outside(points, comp.weight, scaled)
        if why is not None:
            return (
                cid,
                f"component {cid!r} earned {show(points)} points, {why}",
                comp.explanation.en,
            )
    return None


def _bounds_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    weights = scheme.effective_weights()
    params, metrics = scheme.params(), scheme.metric_map
    ranges = {c.id: c.rule.points_range(weights[c.id], metrics, params) for c in scheme.components}
    probes = probe_values(scheme)
    seen: set[tuple[Any, ...]] = set()

    def body(drawn: DrawnRecord) -> None:
        record = drawn.record
        result = score_or_fail(scheme, "bounds", record)
        total = result.total
        culprit = _component_problem(scheme, result, weights, ranges)
        if total is not None and not 0 <= total <= 100:
            raise InvariantViolation(
                "bounds",
                scheme.id,
                f"total {total} is outside [0, 100]"
                + (f": {culprit[1]}" if culprit is not None else ""),
                component=None if culprit is None else culprit[0],
                details=[
                    f"component {cid!r}: {c.points} of {show(c.weight)}"
                    for cid, c in result.components.items()
                ],
                record=record,
            )
        if culprit is not None:
            cid, sentence, explanation = culprit
            raise InvariantViolation(
                "bounds",
                scheme.id,
                sentence,
                component=cid,
                details=[f"component {cid!r} ({explanation})"],
                record=record,
            )
        exact_sum = Fraction(0)
        for cid, comp in result.components.items():
            if comp.exact_points is None:
                continue
            exact_sum += comp.exact_points
            if comp.points != round_half_up(comp.exact_points):
                raise InvariantViolation(
                    "bounds",
                    scheme.id,
                    f"component {cid!r} shows {comp.points}, not its exact points "
                    f"{show(comp.exact_points)} rounded half-up",
                    component=cid,
                    record=record,
                )
        if total is not None and not result.vetoed and total != round_half_up(exact_sum):
            raise InvariantViolation(
                "bounds",
                scheme.id,
                f"total {total} is not the rounded sum of the exact component points "
                f"({show(exact_sum)} → {round_half_up(exact_sum)})",
                record=record,
            )
        probe_rules(scheme, "bounds", drawn, probes, seen)

    return body


def check_bounds(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """Total within [0, 100]; each component within [0, its effective weight].

    Each component's points also stay within the range its rule can give
    by its definition (:meth:`~assesskit.rules.Rule.points_range`), which the
    band linter relies on; the shown component points are the exact ones
    rounded half-up, and the total is the rounded sum of the exact points
    (when no veto fired). Besides the generated records, every rule is
    scored with each of its inputs at each number it holds and one step
    either side: an exception there names the component (and the
    parameters set). A total out of range names the component to blame.
    """
    strategy = _drawn(SchemeInputs.of(scheme), 0.5, "E-1", None)
    run_check(scheme, "bounds", strategy, _bounds_body(scheme), profile, settings)
