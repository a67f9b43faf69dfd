"""The monotone invariant: a better value of a directed metric never lowers the total."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st
from hypothesis import reject

from assesskit.metrics import Direction, MetricKind, MetricValue
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    Compact,
    ProfileArg,
    run_check,
    score_or_fail,
    show,
)
from assesskit.testing.strategies import (
    SchemeInputs,
    _bounds_from,
    _draw_number,
    _drawn,
    raw_forms,
)

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn


# -- monotonicity ----------------------------------------------------------------------------


def declared_directions(scheme: Scheme) -> tuple[dict[str, Direction], list[str]]:
    """The declared direction of each metric, and the conflicts between declarations.

    :returns: ``(directions, conflicts)``; a conflict is a sentence naming
        the two declarations that disagree.
    """
    declared: dict[str, list[tuple[Direction, str]]] = {}
    for metric in scheme.metrics:
        if metric.direction is not None:
            declared.setdefault(metric.name, []).append(
                (metric.direction, f"metric {metric.name!r}")
            )
    for component in scheme.components:
        for name, direction in component.rule.directions().items():
            declared.setdefault(name, []).append((direction, f"component {component.id!r}"))
    directions: dict[str, Direction] = {}
    conflicts: list[str] = []
    for name, claims in declared.items():
        first, by = claims[0]
        for direction, other in claims[1:]:
            if direction != first:
                conflicts.append(f"{name}: {by} declares {first} but {other} declares {direction}")
        directions[name] = first
    return directions, conflicts


@attrs.frozen(repr=False)
class _Sweep(Compact):
    """One directed metric stepped through its edges, all else as in the base record."""

    metric: str
    direction: Direction
    values: tuple[MetricValue, ...]  # ascending
    records: tuple[dict[str, Any], ...]

    def __repr__(self) -> str:
        shown = ", ".join(show(v) for v in self.values)
        return f"<{self.metric} through {shown}>"


@st.composite
def _sweeps(draw: _DrawFn, ctx: SchemeInputs, name: str, direction: Direction) -> _Sweep:
    scheme, spaces = ctx.scheme, ctx.spaces
    drawn = draw(_drawn(ctx, 0.5, "E-1", None))
    metric = scheme.metric_map[name]
    constraints = scheme.all_constraints()
    others = {k: v for k, v in drawn.values.items() if k != name}
    found: set[Any] = set()
    if metric.kind is MetricKind.FLAG:
        found = {False, True}
    else:
        lower, upper = _bounds_from(name, others, constraints)
        lo, hi = spaces[name].clip(lower, upper)
        found = {e for e in spaces[name].edges if lo <= e <= hi}
        # two more values anywhere in the range, for what lies between the edges
        found.update(_draw_number(draw, spaces[name], lower, upper, 0.0) for _ in range(2))
        if metric.kind is MetricKind.YEAR:
            found = {int(v) for v in found}
    values = sorted(
        v for v in found if all(c.check({**others, name: v}) is None for c in constraints)
    )
    if len(values) < 2:
        reject()
    records = []
    for value in values:
        record = dict(drawn.record)
        record[name] = draw(st.sampled_from(raw_forms(metric, value)))
        records.append(record)
    return _Sweep(name, direction, tuple(values), tuple(records))


def _monotone_body(scheme: Scheme) -> Callable[[_Sweep], None]:
    declaring = {c.id: set(c.rule.directions()) for c in scheme.components if c.rule.directions()}

    def compare(sweep: _Sweep, worse: Result, better: Result, index: tuple[int, int]) -> None:
        worse_value, better_value = sweep.values[index[0]], sweep.values[index[1]]
        worse_record = sweep.records[index[0]]
        verb = "raising" if sweep.direction == "higher_is_better" else "lowering"
        change = (
            f"{verb} {sweep.metric!r} from {show(worse_value)} to "
            f"{show(better_value)} ({sweep.direction.replace('_', ' ')})"
        )
        label = f"counterexample (with {sweep.metric} = {show(worse_value)})"
        same_applicability = all(
            (worse.components[c].points is None) == (better.components[c].points is None)
            for c in worse.components
        )
        lost: list[tuple[str, str]] = []
        for cid, comp in worse.components.items():
            before, after = comp.exact_points, better.components[cid].exact_points
            if before is None or after is None or after >= before:
                continue
            lost.append(
                (
                    cid,
                    f"component {cid!r}: {show(before)} → {show(after)} points "
                    f"({comp.explanation.en} → {better.components[cid].explanation.en})",
                )
            )
            if same_applicability and sweep.metric in declaring.get(cid, set()):
                raise InvariantViolation(
                    "monotone",
                    scheme.id,
                    f"{change} took points off component {cid!r}, whose rule declares "
                    f"{sweep.metric} {sweep.direction}",
                    component=cid,
                    details=[lost[-1][1]],
                    record=worse_record,
                    record_label=label,
                )
        if worse.total is None or better.total is None or better.total >= worse.total:
            return
        new_vetoes = [v for v in better.vetoes if v.id not in {w.id for w in worse.vetoes}]
        details = [text for _, text in lost]
        details += [f"veto {v.id!r} fired: {v.explanation.en}" for v in new_vetoes]
        culprit = new_vetoes[0].id if new_vetoes else (lost[0][0] if lost else None)
        raise InvariantViolation(
            "monotone",
            scheme.id,
            f"{change} lowered the total from {worse.total} to {better.total}",
            component=culprit,
            details=details,
            record=worse_record,
            record_label=label,
        )

    def body(sweep: _Sweep) -> None:
        results = [score_or_fail(scheme, "monotone", r) for r in sweep.records]
        up = sweep.direction == "higher_is_better"
        for i in range(len(results) - 1):
            lower, higher = results[i], results[i + 1]
            if up:
                compare(sweep, lower, higher, (i, i + 1))
            else:
                compare(sweep, higher, lower, (i + 1, i))

    return body


def check_monotone(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """The total never gets worse when a metric with a declared direction gets better.

    See the module documentation for the precise definition. Conflicting
    declarations (a metric declared ``higher_is_better`` by one component and
    ``lower_is_better`` by another) fail at once.
    """
    directions, conflicts = declared_directions(scheme)
    if conflicts:
        raise InvariantViolation(
            "monotone",
            scheme.id,
            "directions are declared both ways, so the total cannot be monotone",
            details=conflicts,
        )
    kinds = {m.name: m.kind for m in scheme.metrics}
    checked = {
        k: v
        for k, v in directions.items()
        if k in kinds and (kinds[k].is_numeric or kinds[k] in (MetricKind.FLAG, MetricKind.YEAR))
    }
    if not checked:
        return
    ctx = SchemeInputs.of(scheme)
    body = _monotone_body(scheme)
    # One run per metric, so that each gets its share of the budget: Hypothesis does not
    # spread a sampled_from evenly over few examples.
    for name in sorted(checked):
        strategy = _sweeps(ctx, name, checked[name])
        run_check(
            scheme, "monotone", strategy, body, profile, settings, share=len(checked), key=name
        )
