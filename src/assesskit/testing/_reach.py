"""Parts of a scheme no valid input reaches: vetoes, outcome branches, triggers, tiers.

A veto ``loss_rate > 1`` (meant: 1%) on a ratio never fires; an outcome
``Where(Total() > 100, ...)`` never takes its first branch; a threshold
table on a ratio with tiers from 80 to 90 (meant: percent) never reaches
them. Random records cannot tell "not reached yet" from "never reached";
this module can, for the conditions it understands:

1. **A witness search.** Every input a condition reads is tried at each of
   its edges — every constant the scheme compares it with, one step either
   side, 0 and the ends of its domain — and, for conditions reading the
   total or the band, at each total the scheme can reach near the band ends
   and the constants compared with the total. A combination that makes the
   condition hold (or fail, for the other branch of a ``Where``) proves the
   part reachable (up to how the inputs depend on each other).
2. **A proof when the search is exhaustive.** When every comparison in the
   condition compares one input (or the total) with a constant or a
   parameter, the truth of the condition only changes at those constants,
   so trying each edge and one step either side tries every case: no
   witness means no valid input reaches the part.
3. **Interval arithmetic otherwise.** Each input ranges over its domain
   (a ratio over [0, 1]); sums, products, maxima and comparisons are
   evaluated on ranges. A condition false on the whole range never holds.

What none of the three settles is not reported: the kit cannot know (see
the testing guide).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from assesskit._exact import round_half_up
from assesskit.expressions import Expr, Node, Where
from assesskit.expressions.node import is_exhaustive
from assesskit.metrics import MetricKind
from assesskit.periods import Period, PeriodKind
from assesskit.rules.tables import Banded
from assesskit.testing._abstract import Intervals, Phase

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["Unreached", "check_reach", "nothing_to_reach", "unreached_parts"]

#: Most combinations the witness search tries for one condition.
_LIMIT = 4096
_CENT = Fraction(1, 100)


@attrs.frozen
class Unreached:
    """A part of a scheme no valid input reaches: ``part`` names it, ``message`` says why."""

    part: str
    message: str


def _walk(expr: Node) -> Iterator[Node]:
    yield expr
    for child in expr.children():
        yield from _walk(child)


# -- the witness search -------------------------------------------------------------------------


@attrs.frozen
class _State:
    """What an outcome or a trigger sees besides the inputs: total, band, veto, statuses.

    ``statuses`` holds the status of each component a condition names; every
    other component reports ``others``.
    """

    total: Decimal | None
    band: str | None
    vetoed: bool
    statuses: tuple[tuple[str, str | None], ...] = ()
    others: str | None = None


class _Env:
    """An expression environment over one candidate combination."""

    def __init__(
        self,
        search: _Search,
        values: Mapping[str, Any],
        state: _State,
        phase: Phase,
    ) -> None:
        self.search = search
        self.values = values
        self.state = state
        self.phase = phase
        self.outcomes: dict[str, Any] = {}

    def input(self, name: str) -> Any:
        return self.values.get(name)

    def param(self, name: str) -> Any:
        return self.search.params[name]

    def total(self) -> Decimal | None:
        return None if self.phase == "veto" else self.state.total

    def band(self) -> str | None:
        return None if self.phase == "veto" else self.state.band

    def vetoed(self) -> bool:
        return False if self.phase == "veto" else self.state.vetoed

    def outcome(self, name: str) -> Any:
        if self.phase != "outcome":
            return None
        if name not in self.outcomes:
            from assesskit.scoring.exact import publish

            spec = self.search.outcomes[name]
            self.outcomes[name] = publish(spec, spec.expr.exact(self))
        return self.outcomes[name]

    def period(self) -> Period | None:
        return self.search.period

    def component_status(self, component_id: str) -> str | None:
        if self.phase == "history":
            return None
        return dict(self.state.statuses).get(component_id, self.state.others)

    def component_ids(self) -> list[str]:
        return [] if self.phase == "history" else self.search.component_ids


#: What a node sees of a result that only exists once the total is worked out.
_RESULT = frozenset({"total", "band", "veto"})


class _Search:
    """Candidate values for a scheme's inputs and for what outcomes see of a result."""

    def __init__(self, scheme: Scheme) -> None:
        from assesskit.testing._spaces import value_spaces

        self.scheme = scheme
        self.params = scheme.params()
        self.outcomes = {o.id: o for o in scheme.outcomes}
        self.component_ids = [c.id for c in scheme.components]
        self.period = Period(2026, 8) if scheme.period is PeriodKind.MONTHLY else Period(2026)
        spaces = value_spaces(scheme)
        self.inputs: dict[str, tuple[Any, ...]] = {}
        self.complete: dict[str, bool] = {}
        for metric in scheme.metrics:
            missing: tuple[Any, ...] = () if metric.required else (None,)
            space = spaces.get(metric.name)
            if metric.kind is MetricKind.FLAG:
                values: tuple[Any, ...] = (False, True)
            elif space is not None:
                edges = sorted(space.edges)
                values = (
                    tuple(int(v) for v in edges) if metric.kind is MetricKind.YEAR else tuple(edges)
                )
            else:  # dates and periods: one value, not every case
                one = self.period if metric.kind is MetricKind.PERIOD else dt.date(2026, 8, 1)
                values = (one,)
                self.complete[metric.name] = False
            self.inputs[metric.name] = values + missing
            self.complete.setdefault(metric.name, True)
        self.totals = self._totals()

    def _totals(self) -> tuple[Fraction | None, ...] | None:
        """Totals (unvetoed) to try; ``None`` when they are not worked out."""
        from assesskit.scoring.bounds import reachable_totals

        try:
            reach = reachable_totals(attrs.evolve(self.scheme, vetoes=()))
        except Exception:
            return None
        found: set[Fraction | None] = set(reach.points)
        marks = {Fraction(0), Fraction(100)}
        if self.scheme.bands is not None:
            for band in self.scheme.bands.bands:
                marks.update(e for e in (band.interval.lower, band.interval.upper) if e is not None)
        for root in self._expressions():
            for node in _walk(root):
                for side in node.compared():
                    number = side.number_in(self.params.get)
                    if number is not None:
                        marks.add(number)
        for span in reach.intervals:
            ends = [e for e in (span.lower, span.upper) if e is not None]
            found.update(ends)
            for mark in marks:
                for near in (mark - _CENT, mark, mark + _CENT):
                    cent = Fraction(round_half_up(near))
                    if span.contains(cent):
                        found.add(cent)
        if any(c.rule.may_be_not_applicable() for c in self.scheme.components):
            found.add(None)
        return tuple(sorted(found, key=lambda v: (v is None, v or 0)))

    def _expressions(self) -> list[Expr]:
        exprs = [o.expr for o in self.scheme.outcomes]
        exprs += [t.condition for h in self.scheme.history_rules for t in h.triggers]
        return exprs

    def _statuses(self, expr: Expr) -> tuple[list[tuple[Any, ...]], bool]:
        """Status assignments to try: ``(statuses, others)``; and whether they cover every case.

        Each component a ``StatusIs`` names gets each status the condition
        mentions, or none; the other components report one status together
        (for ``NoneWithStatus`` and ``ComponentsWithStatus``, which then are
        not covered case by case).
        """
        reads = [pair for n in self._reads(expr) for pair in n.status_reads()]
        named = sorted({component for component, _ in reads if component is not None})
        mentioned = {status for _, status in reads}
        options: list[str | None] = [None, *sorted(mentioned)]
        every = any(component is None for component, _ in reads)
        found = []
        for picked in itertools.product(options, repeat=len(named)):
            for others in options if every else [None]:
                found.append((tuple(zip(named, picked, strict=True)), others))
        return found, not every

    def _states(self, expr: Expr, phase: Phase) -> tuple[list[_State], bool]:
        """What the condition may see of a result, and whether that covers every case."""
        seen = frozenset().union(*(n.sees for n in self._reads(expr)))
        needs_total = bool(seen & (_RESULT | {"outcome"}))
        assignments, complete = self._statuses(expr)
        # reading an outcome or a band lookup, a condition is not exhaustive (see holds)
        if phase == "veto" or not needs_total:
            return [_State(None, None, False, *a) for a in assignments], complete
        totals = self.totals
        if totals is None:
            return [_State(None, None, False, *a) for a in assignments], False
        bands = self.scheme.bands
        states = []
        for total in totals:
            published = None if total is None else round_half_up(total)
            band = bands.classify(Fraction(published)) if bands and published is not None else None
            for a in assignments:
                states.append(_State(published, None if band is None else band.id, False, *a))
        if self.scheme.vetoes:
            band = bands.classify(Fraction(0)) if bands else None
            for a in assignments:
                states.append(_State(Decimal("0.00"), None if band is None else band.id, True, *a))
        return states, complete

    def _reads(self, expr: Node) -> Iterator[Node]:
        """Every node *expr* evaluates, through the outcomes it refers to."""
        for node in _walk(expr):
            yield node
            if "outcome" in node.sees:
                for name in sorted(node.outcomes()):
                    if name in self.outcomes:
                        yield from self._reads(self.outcomes[name].expr)

    def holds(self, expr: Expr, want: bool, phase: Phase) -> tuple[bool, bool, int]:
        """Whether some combination makes *expr* true (or false, *want*), whether the search
        covered every case, and how many combinations it tried."""
        names = sorted(
            frozenset().union(*(n.inputs() for n in self._reads(expr))) & set(self.inputs)
        )
        states, complete = self._states(expr, phase)
        complete = complete and is_exhaustive(expr) and all(self.complete[n] for n in names)
        axes: list[Sequence[Any]] = [self.inputs[n] for n in names]
        size = len(states)
        for axis in axes:
            size *= max(1, len(axis))
        pairs: Iterator[tuple[tuple[Any, ...], _State]]
        if size <= _LIMIT:
            pairs = ((combo, s) for combo in itertools.product(*axes) for s in states)
        else:  # too many to try them all: a fixed sample, and no proof
            complete = False
            rng = random.Random(0)
            pairs = iter(
                [
                    (tuple(rng.choice(axis) for axis in axes), rng.choice(states))
                    for _ in range(_LIMIT)
                ]
            )
        tried = 0
        for combo, state in pairs:
            tried += 1
            env = _Env(self, dict(zip(names, combo, strict=True)), state, phase)
            try:
                if bool(expr.exact(env)) is want:
                    return True, complete, tried
            except Exception:  # a combination the expression cannot take
                continue
        return False, complete, tried


# -- what is reported ---------------------------------------------------------------------------


def _domain_words(scheme: Scheme, expr: Expr) -> str:
    metrics = scheme.metric_map
    shown = []
    for name in sorted({name for n in _walk(expr) if (name := n.input_name()) is not None}):
        metric = metrics.get(name)
        if metric is not None:
            shown.append(f"{name} is {metric.domain_words()}")
    return "; ".join(shown)


def _why(search: _Search, expr: Expr, want: bool, phase: Phase) -> str | None:
    """Why *expr* can never be *want*, or ``None`` when it can (or nothing shows it cannot)."""
    found, complete, tried = search.holds(expr, want, phase)
    if found:
        return None
    domains = _domain_words(search.scheme, expr)
    if complete:
        return (
            f"none of the {tried} combination(s) of the values where it can change "
            f"(each constant it compares with, one step either side, the ends of each domain"
            f"{', every reachable total' if phase != 'veto' and _reads_result(expr) else ''}) "
            f"makes it {'hold' if want else 'fail'}" + (f" ({domains})" if domains else "")
        )
    totals: Sequence[Fraction | None] = search.totals or (Fraction(0), Fraction(100), None)
    if search.scheme.vetoes:
        totals = (*totals, Fraction(0))
    if want not in Intervals(search.scheme, phase, totals).truths(expr):
        return (
            "over the domains of its inputs it can never "
            + ("hold" if want else "fail")
            + (f" ({domains})" if domains else "")
        )
    return None


def _reads_result(expr: Expr) -> bool:
    return any(n.sees & _RESULT for n in _walk(expr))


def _tier_hint(metric_kind: MetricKind, upper: Fraction | None, lower: Fraction | None) -> str:
    if metric_kind is MetricKind.RATIO and any(e is not None and e > 1 for e in (upper, lower)):
        return "; a ratio is a fraction (0.9 is 90%): were the thresholds written in percent?"
    return ""


def unreached_parts(scheme: Scheme) -> list[Unreached]:
    """Every veto, outcome branch, history trigger and threshold-table tier no valid input reaches.

    Bands no total reaches are found by :meth:`Scheme.lint <assesskit.Scheme.lint>`.
    """
    found: list[Unreached] = []
    metrics = scheme.metric_map
    for component in scheme.components:
        rule = component.rule
        if isinstance(rule, Banded) and rule.metric in metrics:
            metric = metrics[rule.metric]
            for tier in rule.unreachable_tiers(metric):
                interval = tier.interval
                found.append(
                    Unreached(
                        component.id,
                        f"component {component.id!r}: the tier {interval.words(rule.metric)} "
                        f"({tier.points} points) holds no value of {rule.metric}, "
                        f"{metric.domain_words()}"
                        + _tier_hint(metric.kind, interval.upper, interval.lower),
                    )
                )
    search = _Search(scheme)
    for veto in scheme.vetoes:
        why = _why(search, veto.condition, True, "veto")
        if why is not None:
            found.append(
                Unreached(
                    veto.id, f"veto {veto.id!r} ({veto.condition.words()}) never fires: {why}"
                )
            )
    for outcome in scheme.outcomes:
        for node in _walk(outcome.expr):
            if not isinstance(node, Where):
                continue
            condition = node.condition.words()
            for want, branch, when in (
                (True, node.then, condition),
                (False, node.otherwise, f"not {condition}"),
            ):
                why = _why(search, node.condition, want, "outcome")
                if why is not None:
                    found.append(
                        Unreached(
                            outcome.id,
                            f"outcome {outcome.id!r}: its value {branch.words()} (when "
                            f"{when}) is never given: the condition '{condition}' "
                            f"{'never holds' if want else 'always holds'}: {why}",
                        )
                    )
    for history in scheme.history_rules:
        for trigger in history.triggers:
            why = _why(search, trigger.condition, True, "history")
            if why is not None:
                found.append(
                    Unreached(
                        history.id,
                        f"history rule {history.id!r}: trigger {trigger.id!r} "
                        f"({trigger.condition.words()}) never holds: {why}",
                    )
                )
    return found


def nothing_to_reach(scheme: Scheme) -> str | None:
    """Why the reach check does not apply to *scheme* (``None`` when it does)."""
    conditional = (
        scheme.vetoes
        or scheme.history_rules
        or any(isinstance(n, Where) for o in scheme.outcomes for n in _walk(o.expr))
        or any(isinstance(c.rule, Banded) for c in scheme.components)
    )
    return None if conditional else "the scheme has no veto, branch, trigger or threshold table"


def check_reach(scheme: Scheme, **_: Any) -> None:
    """Every veto, outcome branch, history trigger and threshold-table tier can be reached.

    Worked out without generating records (see the module documentation):
    a part that no valid input reaches fails the check, with the reason,
    every such part listed. (Bands no total reaches fail the bands check.)
    """
    from assesskit.testing._report import InvariantViolation

    found = unreached_parts(scheme)
    if found:
        raise InvariantViolation(
            "reach",
            scheme.id,
            f"{len(found)} part(s) of the scheme can never be reached",
            component=found[0].part,
            details=[f.message for f in found],
        )
