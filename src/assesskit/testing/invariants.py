"""Invariants every scheme must keep, each checked with generated records.

Each ``check_*`` function runs one invariant against a scheme with
Hypothesis: when it finds a record that breaks the invariant, Hypothesis
shrinks it to a minimal one and the check raises
:class:`~assesskit.testing.InvariantViolation` naming the component (or
veto, band, outcome, example) that broke it, with the record to paste into
``scheme.score(...)``. :func:`check_scheme` runs them all.

Monotonicity is defined as follows. A metric's direction is declared by
``Metric(direction=...)`` and by the rules that read it
(:meth:`Rule.directions <assesskit.rules.Rule.directions>`); all
declarations must agree. For two valid records that differ only in such a
metric, the one with the better value (higher for ``higher_is_better``,
lower for ``lower_is_better``) must get a published total at least as high
— vetoes included, so a veto reading the metric may only fire further in the
worse direction — and every component whose rule declares the direction
must get at least as many points. Records where no component applies (no
total) are left out. Flags count ``True`` above ``False``; metrics of other
kinds (dates, periods) are not checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st
from hypothesis import given, reject

from assesskit._exact import round_half_up, to_fraction
from assesskit.bands import Band
from assesskit.constraints import AtLeastOneGiven
from assesskit.errors import InvalidInputError, Problem, SchemeDefinitionError
from assesskit.history import EntryEnv, History, HistoryEntry
from assesskit.intervals import Interval
from assesskit.metrics import Direction, MetricKind, MetricValue
from assesskit.periods import PeriodKind
from assesskit.results import BatchResult, Result
from assesskit.scheme import Scheme
from assesskit.testing._compare import batch_rows_differ, exact_and_batch_differ
from assesskit.testing._profiles import Profile, get_profile
from assesskit.testing._report import InvariantViolation, SchemeCheckError
from assesskit.testing.strategies import (
    DrawnRecord,
    SchemeInputs,
    _bounds_from,
    _draw_number,
    _draw_value,
    _drawn,
    bad_values,
    draw_columns,
    histories,
    raw_forms,
)

if TYPE_CHECKING:
    import hypothesis

__all__ = [
    "INVARIANTS",
    "CheckReport",
    "Invariant",
    "check_bands",
    "check_batch",
    "check_bounds",
    "check_examples",
    "check_history",
    "check_invalid",
    "check_monotone",
    "check_order",
    "check_scheme",
    "check_veto",
    "declared_directions",
]

_DrawFn = st.DrawFn
ProfileArg = str | Profile


# -- running --------------------------------------------------------------------------------


def _run(
    scheme: Scheme,
    invariant: str,
    strategy: st.SearchStrategy[Any],
    body: Callable[[Any], None],
    profile: ProfileArg,
    settings: hypothesis.settings | None,
    *,
    share: int = 1,
    key: str = "",
) -> None:
    """Run *body* on examples of *strategy* until it fails (shrunk) or the budget is spent.

    *share* divides the profile's example budget (a check made of several
    runs); explicit *settings* are used as they are. *key* tells the runs of
    one check apart in Hypothesis' example database.
    """
    if settings is not None:
        conf = settings
    else:
        prof = get_profile(profile)
        conf = attrs.evolve(prof, max_examples=max(5, prof.max_examples // share)).settings()

    def run(case: Any) -> None:
        body(case)

    run.__name__ = run.__qualname__ = f"check_{invariant}"
    # Hypothesis keys its example database by the function's source; every
    # scheme and invariant shares this one, so tell them apart.
    run._hypothesis_internal_add_digest = (  # type: ignore[attr-defined]
        f"assesskit:{scheme.id}:{scheme.fingerprint}:{invariant}:{key}".encode()
    )
    test = given(case=strategy)(conf(run))
    try:
        test()
    except InvariantViolation as exc:
        # The message already shows the shrunk record; Hypothesis' own repr of the
        # internal test case would repeat it, less readably.
        notes: list[str] = getattr(exc, "__notes__", [])
        notes[:] = [n for n in notes if not n.startswith(_CASE_NOTES)]
        raise


_CASE_NOTES = ("Falsifying example", "Failing test case")


def _score(
    scheme: Scheme, invariant: str, record: Mapping[str, Any], history: History | None = None
) -> Result:
    try:
        return scheme.score(record, history=history)
    except InvalidInputError as exc:
        raise InvariantViolation(
            invariant,
            scheme.id,
            "a valid record was rejected",
            details=[str(p) for p in exc.problems],
            record=record,
        ) from exc
    except Exception as exc:
        raise InvariantViolation(
            invariant,
            scheme.id,
            f"scoring raised {type(exc).__name__}: {exc}",
            record=record,
        ) from exc


def _score_batch(
    scheme: Scheme, invariant: str, columns: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]
) -> BatchResult:
    try:
        return scheme.score_batch(columns)
    except Exception as exc:
        details = [str(p) for p in exc.problems] if isinstance(exc, InvalidInputError) else []
        raise InvariantViolation(
            invariant,
            scheme.id,
            f"score_batch raised {type(exc).__name__} on {len(rows)} valid record(s)"
            + (f": {exc}" if not details else ""),
            details=details,
            record=rows[0] if len(rows) == 1 else {"records": list(rows)},
        ) from exc


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, Fraction):
        return format(round_half_up(value, 6).normalize(), "f")
    return str(value)


class _Compact:
    """A test case that Hypothesis shows in one line (the violation shows the record)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__.strip('_').lower()}>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))


# -- bounds ----------------------------------------------------------------------------------


def _bounds_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    weights = scheme.effective_weights()
    rules = {c.id: c.rule for c in scheme.components}

    def body(drawn: DrawnRecord) -> None:
        record = drawn.record
        result = _score(scheme, "bounds", record)
        total = result.total
        if total is not None and not 0 <= total <= 100:
            raise InvariantViolation(
                "bounds", scheme.id, f"total {total} is outside [0, 100]", record=record
            )
        exact_sum = Fraction(0)
        for cid, comp in result.components.items():
            points = comp.exact_points
            if points is None:
                continue
            exact_sum += points
            factor = comp.weight / weights[cid] if weights[cid] else Fraction(1)
            lo, hi = (b * factor for b in rules[cid].bounds(weights[cid]))
            where = f"component {cid!r} ({comp.explanation.en})"
            if points < 0 or points > max(comp.weight, hi):
                raise InvariantViolation(
                    "bounds",
                    scheme.id,
                    f"component {cid!r} earned {_show(points)} points, outside "
                    f"[0, {_show(comp.weight)}] (its weight)",
                    component=cid,
                    details=[where],
                    record=record,
                )
            if not lo <= points <= hi:
                raise InvariantViolation(
                    "bounds",
                    scheme.id,
                    f"component {cid!r} earned {_show(points)} points, outside the bounds "
                    f"[{_show(lo)}, {_show(hi)}] its rule declares",
                    component=cid,
                    details=[where],
                    record=record,
                )
            if comp.points != round_half_up(points):
                raise InvariantViolation(
                    "bounds",
                    scheme.id,
                    f"component {cid!r} shows {comp.points}, not its exact points "
                    f"{_show(points)} rounded half-up",
                    component=cid,
                    record=record,
                )
        if total is not None and not result.vetoed and total != round_half_up(exact_sum):
            raise InvariantViolation(
                "bounds",
                scheme.id,
                f"total {total} is not the rounded sum of the exact component points "
                f"({_show(exact_sum)} → {round_half_up(exact_sum)})",
                record=record,
            )

    return body


def check_bounds(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """Total within [0, 100]; each component within [0, its effective weight].

    A component may exceed its weight only when its rule's ``bounds()`` say
    so (a ratio with a cap above 1), and never leaves those declared bounds,
    which the band linter relies on. Also: the shown component points are the
    exact ones rounded half-up, and the total is the rounded sum of the exact
    points (when no veto fired).
    """
    strategy = _drawn(SchemeInputs.of(scheme), 0.5, "E-1", None)
    _run(scheme, "bounds", strategy, _bounds_body(scheme), profile, settings)


# -- vetoes ----------------------------------------------------------------------------------


def _veto_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    try:
        unvetoed: Scheme | None = attrs.evolve(scheme, vetoes=())
    except SchemeDefinitionError:
        unvetoed = None  # something refers to the vetoes: compare no components
    zero_band = scheme.bands.classify(Fraction(0)) if scheme.bands is not None else None

    def body(drawn: DrawnRecord) -> None:
        record = drawn.record
        result = _score(scheme, "veto", record)
        fired = [v.id for v in result.vetoes]
        if bool(fired) != result.vetoed:
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"vetoed is {result.vetoed} but the vetoes that fired are {fired or 'none'}",
                record=record,
            )
        if fired:
            exact_path_holds(result, fired, record)
        batch = _score_batch(scheme, "veto", _single_columns(record), [record])
        batch_total = float(batch.total[0])
        if bool(batch.vetoed[0]) and not math.isnan(batch_total) and batch_total != 0:
            batch_fired = [k for k, mask in batch.veto_fired.items() if mask[0]]
            culprit = batch_fired[0] if batch_fired else None
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"veto {culprit!r} fired on the batch path but the batch total is "
                f"{batch_total}, not 0",
                component=culprit,
                record=record,
            )

    def exact_path_holds(result: Result, fired: list[str], record: dict[str, Any]) -> None:
        if result.total is not None and result.total != 0:
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"veto {fired[0]!r} fired but the total is {result.total}, not 0",
                component=fired[0],
                details=[v.explanation.en for v in result.vetoes],
                record=record,
            )
        if result.total is not None and result.band != zero_band:
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"veto {fired[0]!r} fired: the band is {result.band_id!r}, not the band of 0 "
                f"({None if zero_band is None else zero_band.id!r})",
                component=fired[0],
                record=record,
            )
        if unvetoed is None:
            return
        free = _score(unvetoed, "veto", record)
        for cid, comp in result.components.items():
            would = free.components[cid].exact_points
            if comp.exact_points != would:
                raise InvariantViolation(
                    "veto",
                    scheme.id,
                    f"veto {fired[0]!r} fired and component {cid!r} shows "
                    f"{_show(comp.exact_points)} instead of the {_show(would)} points it would "
                    f"have earned",
                    component=cid,
                    record=record,
                )

    return body


def _single_columns(record: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {k: [v] for k, v in record.items()}


def check_veto(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """A fired veto (一票否決) gives a total of 0, on the exact and the batch path.

    Its band is the band of 0, and each component still shows the points it
    would have earned. (When no component applies there is no total at all,
    veto or not.)
    """
    if not scheme.vetoes:
        return
    strategy = _drawn(SchemeInputs.of(scheme), 0.6, "E-1", None)
    _run(scheme, "veto", strategy, _veto_body(scheme), profile, settings)


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
class _Sweep(_Compact):
    """One directed metric stepped through its edges, all else as in the base record."""

    metric: str
    direction: Direction
    values: tuple[MetricValue, ...]  # ascending
    records: tuple[dict[str, Any], ...]

    def __repr__(self) -> str:
        shown = ", ".join(_show(v) for v in self.values)
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
            f"{verb} {sweep.metric!r} from {_show(worse_value)} to "
            f"{_show(better_value)} ({sweep.direction.replace('_', ' ')})"
        )
        label = f"counterexample (with {sweep.metric} = {_show(worse_value)})"
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
                    f"component {cid!r}: {_show(before)} → {_show(after)} points "
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
        results = [_score(scheme, "monotone", r) for r in sweep.records]
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
        _run(scheme, "monotone", strategy, body, profile, settings, share=len(checked), key=name)


# -- bands -----------------------------------------------------------------------------------


def _bands_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    table = scheme.bands
    assert table is not None

    def body(drawn: DrawnRecord) -> None:
        result = _score(scheme, "bands", drawn.record)
        if result.total is None:
            return
        total = Fraction(result.total)
        holders = [b.id for b in table.bands if b.interval.contains(total)]
        if not holders:
            raise InvariantViolation(
                "bands", scheme.id, f"total {result.total} falls in no band", record=drawn.record
            )
        if len(holders) > 1 and table.on_overlap == "forbid":
            raise InvariantViolation(
                "bands",
                scheme.id,
                f"total {result.total} falls in bands {holders}",
                component=holders[0],
                record=drawn.record,
            )
        if result.band_id != holders[0]:
            raise InvariantViolation(
                "bands",
                scheme.id,
                f"total {result.total} is in band {holders[0]!r} but the result says "
                f"{result.band_id!r}",
                component=holders[0],
                record=drawn.record,
            )

    return body


def _touching(bands: Sequence[Band], where: Interval) -> tuple[str, ...]:
    """Bands that end where a gap begins or begin where it ends (the ones to fix)."""
    return tuple(
        b.id
        for b in bands
        if (b.interval.upper is not None and b.interval.upper == where.lower)
        or (b.interval.lower is not None and b.interval.lower == where.upper)
    )


def check_bands(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """The band table covers every reachable total exactly once.

    First :meth:`Scheme.lint` (gaps and overlaps over [0, 100] at 0.01, bands
    no total can reach), then generated records: each published total lies in
    exactly one band (the first listed, if the table lets the first win) and
    the result names it.
    """
    if scheme.bands is None:
        return
    table = scheme.bands
    findings = scheme.lint()
    if findings:
        details: list[str] = []
        names: list[str] = []
        for finding in findings:
            involved = finding.bands or _touching(table.bands, finding.where)
            names += involved
            near = f" (next to {' and '.join(map(repr, involved))})" if not finding.bands else ""
            details.append(f"{finding.message}{near}")
        details.append(
            "bands: " + ", ".join(f"{b.id} {b.interval.notation()}" for b in table.bands)
        )
        raise InvariantViolation(
            "bands",
            scheme.id,
            f"the band table has {len(findings)} problem(s)",
            component=names[0] if names else None,
            details=details,
        )
    strategy = _drawn(SchemeInputs.of(scheme), 0.5, "E-1", None)
    _run(scheme, "bands", strategy, _bands_body(scheme), profile, settings)


# -- batch == exact --------------------------------------------------------------------------


@attrs.frozen(repr=False)
class _Batch(_Compact):
    rows: list[dict[str, Any]]
    columns: dict[str, Any]
    permutation: list[int]

    def __repr__(self) -> str:
        return f"<batch of {len(self.rows)} record(s), order {self.permutation}>"


@st.composite
def _batches(draw: _DrawFn, ctx: SchemeInputs, max_size: int) -> _Batch:
    size = draw(st.integers(1, max_size))
    rows = [draw(_drawn(ctx, 0.5, f"E-{i + 1}", None)).record for i in range(size)]
    cols = draw_columns(draw, rows)
    permutation = draw(st.permutations(range(size)))
    return _Batch(rows, cols, list(permutation))


def _batch_body(scheme: Scheme) -> Callable[[_Batch], None]:
    def body(case: _Batch) -> None:
        exact = [_score(scheme, "batch", row) for row in case.rows]
        batch = _score_batch(scheme, "batch", case.columns, case.rows)
        for row, result in enumerate(exact):
            diffs = exact_and_batch_differ(scheme, result, batch, row)
            if diffs:
                parts = [d.part for d in diffs if d.part is not None]
                raise InvariantViolation(
                    "batch",
                    scheme.id,
                    f"score_batch and score disagree on row {row + 1} of {len(exact)}: "
                    + ", ".join(d.what for d in diffs),
                    component=parts[0] if parts else None,
                    details=[d.words("batch", "exact") for d in diffs],
                    record=case.rows[row],
                    record_label=f"row {row + 1} of {len(exact)}",
                )

    return body


def check_batch(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """``score_batch`` gives what ``score`` gives, row by row.

    Totals, bands, vetoed, each veto, component points and outcomes (history
    outcomes aside: the batch path does not apply history rules). Columns mix
    numpy arrays and lists of raw values.
    """
    prof = get_profile(profile)
    strategy = _batches(SchemeInputs.of(scheme), prof.batch_size)
    _run(scheme, "batch", strategy, _batch_body(scheme), profile, settings)


def _permuted(columns: Mapping[str, Any], order: Sequence[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, column in columns.items():
        out[name] = column[list(order)] if hasattr(column, "dtype") else [column[i] for i in order]
    return out


def _order_body(scheme: Scheme) -> Callable[[_Batch], None]:
    def body(case: _Batch) -> None:
        first = _score_batch(scheme, "order", case.columns, case.rows)
        moved = _score_batch(scheme, "order", _permuted(case.columns, case.permutation), case.rows)
        for new_row, old_row in enumerate(case.permutation):
            diffs = batch_rows_differ(moved, new_row, first, old_row)
            if diffs:
                parts = [d.part for d in diffs if d.part is not None]
                raise InvariantViolation(
                    "order",
                    scheme.id,
                    f"moving row {old_row + 1} of {len(case.rows)} to position {new_row + 1} "
                    f"changed its result: " + ", ".join(d.what for d in diffs),
                    component=parts[0] if parts else None,
                    details=[d.words("moved", "in place") for d in diffs],
                    record=case.rows[old_row],
                    record_label=f"row {old_row + 1} of {len(case.rows)}",
                )

    return body


def check_order(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """Results do not depend on the order of the records in a batch."""
    prof = get_profile(profile)
    strategy = _batches(SchemeInputs.of(scheme), max(2, prof.batch_size))
    _run(scheme, "order", strategy, _order_body(scheme), profile, settings)


# -- invalid input ---------------------------------------------------------------------------


@attrs.frozen
class _BadRecord:
    record: dict[str, Any]
    field: str
    value: Any


@attrs.frozen(repr=False)
class _InvalidSuite(_Compact):
    valid: dict[str, Any]
    bad: list[_BadRecord]

    def __repr__(self) -> str:
        return f"<a valid record and {len(self.bad)} copies with one bad field each>"


@st.composite
def _invalid_suites(draw: _DrawFn, ctx: SchemeInputs) -> _InvalidSuite:
    """A valid record, and one copy of it per field and bad value of that field."""
    scheme, spaces = ctx.scheme, ctx.spaces
    drawn = draw(_drawn(ctx, 0.5, "E-0", None))
    suite: list[_BadRecord] = []
    for metric in scheme.metrics:
        for bad in bad_values(metric, spaces.get(metric.name)):
            record = dict(drawn.record)
            record["entity_id"] = f"E-{len(suite) + 1}"
            record[metric.name] = bad
            # The bad field counts as missing: keep "at least one of ..." met by another field.
            for c in scheme.all_constraints():
                if isinstance(c, AtLeastOneGiven) and metric.name in c.names:
                    others = [n for n in c.names if n != metric.name]
                    if all(drawn.values.get(n) is None for n in others):
                        other = scheme.metric_map[others[0]]
                        value = _draw_value(draw, scheme, other, spaces, 0.5)
                        record[other.name] = draw(st.sampled_from(raw_forms(other, value)))
            suite.append(_BadRecord(record, metric.name, bad))
    # The period field: not a period at all, or a period of the other kind.
    monthly = scheme.period is PeriodKind.MONTHLY
    for bad in ("2026-13" if monthly else "20x6", "2026" if monthly else "2026-08"):
        record = {**drawn.record, "entity_id": f"E-{len(suite) + 1}", scheme.period_field: bad}
        suite.append(_BadRecord(record, scheme.period_field, bad))
    return _InvalidSuite(drawn.record, suite)


def _related(scheme: Scheme, field: str) -> set[str]:
    out = {field}
    for c in scheme.all_constraints():
        if field in c.fields():
            out.update(c.fields())
    return out


def _invalid_body(scheme: Scheme) -> Callable[[_InvalidSuite], None]:
    def exact(case: _BadRecord) -> None:
        field, bad = case.field, case.value
        try:
            scheme.score(case.record)
        except InvalidInputError as exc:
            _check_problems(
                "exact path", exc.problems, field, _related(scheme, field), scheme, case.record, bad
            )
        except Exception as exc:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"a bad {field!r} ({bad!r}) made scoring raise {type(exc).__name__}: {exc}, "
                f"not InvalidInputError",
                component=field,
                record=case.record,
            ) from exc
        else:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"a record with a bad {field!r} ({bad!r}) was scored instead of rejected",
                component=field,
                record=case.record,
            )

    def body(case: _InvalidSuite) -> None:
        valid, suite = case.valid, case.bad
        for bad in suite:
            exact(bad)
        rows = [valid, *(b.record for b in suite)]
        columns = {k: [row.get(k) for row in rows] for k in rows[0]}
        try:
            scheme.score_batch(columns)
        except InvalidInputError as exc:
            by_row: dict[int | None, list[Problem]] = {}
            for p in exc.problems:
                by_row.setdefault(p.row, []).append(p)
            if by_row.get(0):
                raise InvariantViolation(
                    "invalid",
                    scheme.id,
                    "score_batch rejected row 1, a valid record, of a batch with bad rows",
                    details=[str(p) for p in by_row[0]],
                    record=valid,
                ) from exc
            for index, bad in enumerate(suite, start=1):
                _check_problems(
                    f"batch path (row {index + 1} of {len(rows)})",
                    by_row.get(index, []),
                    bad.field,
                    _related(scheme, bad.field),
                    scheme,
                    bad.record,
                    bad.value,
                )
        except Exception as exc:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"score_batch raised {type(exc).__name__}: {exc} on a batch with bad rows, "
                f"not InvalidInputError",
                record=valid,
            ) from exc
        else:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"score_batch scored {len(suite)} bad records instead of rejecting them",
                record=valid,
                record_label="the valid record the bad ones were made from",
            )

    return body


def _same_raw(a: Any, b: Any) -> bool:
    from assesskit.metrics import is_missing

    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    try:
        return bool(a == b) or str(a) == str(b)
    except Exception:
        return False


def _check_problems(
    path: str,
    problems: Sequence[Problem],
    field: str,
    allowed: set[str],
    scheme: Scheme,
    record: Mapping[str, Any],
    bad: Any,
) -> None:
    where = f"on the {path}"
    listed = [str(p) for p in problems]
    if not problems:
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"a record with a bad {field!r} ({bad!r}) was not rejected {where}",
            component=field,
            record=record,
        )
    named = [p for p in problems if p.field == field]
    if not named:
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"a bad {field!r} ({bad!r}) was rejected {where} without naming {field!r}",
            component=field,
            details=listed,
            record=record,
        )
    stray = [p for p in problems if p.field not in allowed]
    if stray:
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"only {field!r} is bad ({bad!r}), but {where} the error also names "
            + ", ".join(repr(p.field) for p in stray),
            component=field,
            details=listed,
            record=record,
        )
    if not any(_same_raw(p.value, bad) for p in named):
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"the error {where} names {field!r} but not the value given ({bad!r})",
            component=field,
            details=listed,
            record=record,
        )


def check_invalid(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """A record with one bad field is rejected, naming that field and its value.

    Every field is tried with every kind of bad value it can take
    (:func:`~assesskit.testing.strategies.bad_values`), each in a copy of a
    generated valid record: on the exact path the record is rejected with
    :class:`~assesskit.InvalidInputError` (never another exception); on the
    batch path, all of them in one batch after the valid record, each row's
    problems name its bad field and the valid row has none. A problem may
    also name a field tied to the bad one by a constraint. Each example tries
    every field, so the profile's budget is divided by 3.
    """
    strategy = _invalid_suites(SchemeInputs.of(scheme))
    _run(scheme, "invalid", strategy, _invalid_body(scheme), profile, settings, share=3)


# -- worked examples -------------------------------------------------------------------------

_EXPECTATIONS = ("total", "band", "vetoed", "vetoes", "components", "outcome")


def _same_expected(actual: Any, expected: Any) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return bool(actual) == bool(expected) and isinstance(actual, bool) == isinstance(
            expected, bool
        )
    if isinstance(expected, list | tuple):
        return isinstance(actual, list | tuple) and list(actual) == list(expected)
    try:
        return to_fraction(actual) == to_fraction(expected)
    except (TypeError, ValueError):
        return str(actual) == str(expected)


def _example_mismatches(result: Result, expected: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(part, sentence)`` for each expectation the result does not meet."""
    out: list[tuple[str, str]] = []
    for key, want in expected.items():
        if key == "total" and not _same_expected(result.total, want):
            out.append(("total", f"total: expected {want}, got {result.total}"))
        elif key == "band" and result.band_id != want:
            out.append(("band", f"band: expected {want!r}, got {result.band_id!r}"))
        elif key == "vetoed" and result.vetoed != bool(want):
            out.append(("vetoed", f"vetoed: expected {want}, got {result.vetoed}"))
        elif key == "vetoes":
            got = sorted(v.id for v in result.vetoes)
            if got != sorted(want):
                out.append(("vetoes", f"vetoes: expected {sorted(want)}, got {got}"))
        elif key == "components":
            for cid, points in want.items():
                comp = result.components.get(cid)
                if comp is None:
                    out.append((cid, f"component {cid!r}: no such component"))
                elif not _same_expected(comp.points, points):
                    out.append((cid, f"component {cid!r}: expected {points}, got {comp.points}"))
        elif key == "outcome":
            for oid, value in want.items():
                if oid not in result.outcome:
                    out.append((oid, f"outcome {oid!r}: no such outcome"))
                elif not _same_expected(result.outcome[oid], value):
                    out.append(
                        (oid, f"outcome {oid!r}: expected {value!r}, got {result.outcome[oid]!r}")
                    )
        elif key not in _EXPECTATIONS:
            out.append((key, f"unknown expectation {key!r} (known: {', '.join(_EXPECTATIONS)})"))
    return out


def check_examples(scheme: Scheme, **_: Any) -> None:
    """The scheme's own worked examples give the results they declare, on both paths.

    Each :class:`~assesskit.Example` may expect ``total``, ``band``,
    ``vetoed``, ``vetoes`` (ids), ``components`` (id → points) and
    ``outcome`` (id → value); numbers compare exactly (``"74.73"`` equals
    ``74.73``). Every failing example is listed.
    """
    failures: list[str] = []
    first: str | None = None
    record: Mapping[str, Any] | None = None
    for example in scheme.examples:
        configured = scheme.with_params(example.params) if example.params else scheme
        try:
            result = configured.score(example.record)
        except InvalidInputError as exc:
            failures.append(f"example {example.name!r} is rejected: {exc}")
            first, record = first or example.name, record or example.record
            continue
        problems = _example_mismatches(result, example.expected)
        try:
            batch = configured.score_batch(_single_columns(example.record))
        except Exception as exc:
            problems.append(("batch", f"score_batch raised {type(exc).__name__}: {exc}"))
        else:
            problems += [
                (d.part or d.what, "batch path: " + d.words("batch", "exact"))
                for d in exact_and_batch_differ(configured, result, batch, 0)
            ]
        if problems:
            failures += [f"example {example.name!r}: {sentence}" for _, sentence in problems]
            first = first or f"{example.name}: {problems[0][0]}"
            record = record or example.record
    if failures:
        raise InvariantViolation(
            "examples",
            scheme.id,
            f"{len(failures)} expectation(s) of the worked examples not met",
            component=first,
            details=failures,
            record=record,
            record_label="first failing example",
        )


# -- history ---------------------------------------------------------------------------------


def _history_body(scheme: Scheme) -> Callable[[list[dict[str, Any]]], None]:
    params = scheme.params()

    def body(records: list[dict[str, Any]]) -> None:
        plain = [_score(scheme, "history", r) for r in records]
        chained: list[Result] = []
        for k, record in enumerate(records):
            result = _score(scheme, "history", record, History.from_results(chained))
            chained.append(result)
            if (result.total, result.band_id, result.vetoed) != (
                plain[k].total,
                plain[k].band_id,
                plain[k].vetoed,
            ):
                raise InvariantViolation(
                    "history",
                    scheme.id,
                    f"period {k + 1}: history changed the total or band "
                    f"({plain[k].total} {plain[k].band_id} → {result.total} {result.band_id})",
                    record=record,
                )
            for rule in scheme.history_rules:
                start = k - rule.periods + 1
                expected: list[str] = []
                if start >= 0:
                    window = [HistoryEntry.from_result(r) for r in plain[start : k + 1]]
                    expected = [
                        t.id
                        for t in rule.triggers
                        if all(t.condition.exact(EntryEnv(e, params)) for e in window)
                    ]
                fired = result.outcome.get(rule.id)
                triggers = (
                    result.outcome.get(rule.triggers_outcome) if rule.triggers_outcome else None
                )
                wrong = fired != bool(expected) or (
                    rule.triggers_outcome is not None and list(triggers or []) != expected
                )
                if wrong:
                    raise InvariantViolation(
                        "history",
                        scheme.id,
                        f"period {k + 1} of {len(records)}: history rule {rule.id!r} gave "
                        f"{fired!r} (triggers {triggers!r}); over the last {rule.periods} "
                        f"period(s) the triggers that held throughout are {expected}",
                        component=rule.id,
                        details=[
                            f"period {i + 1}: total {r.total}, band {r.band_id}"
                            for i, r in enumerate(plain[: k + 1])
                        ],
                        record={"records": records[: k + 1]},
                        record_label="history (oldest first)",
                    )

    return body


def check_history(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """History rules over consecutive periods fire exactly when they should.

    For generated histories of one entity (each period scored with the
    results of the periods before it): a rule over *n* periods fires when
    one of its triggers held in each of the last *n* periods, never with less
    history, and history never changes the total or the band.
    """
    if not scheme.history_rules:
        return
    longest = max(rule.periods for rule in scheme.history_rules)
    strategy = histories(scheme, longest + 1)
    _run(scheme, "history", strategy, _history_body(scheme), profile, settings)


# -- all together ----------------------------------------------------------------------------


@attrs.frozen
class Invariant:
    """One invariant: its name, a one-line title, the check and when it applies."""

    name: str
    title: str
    check: Callable[..., None]
    not_applicable: Callable[[Scheme], str | None] = attrs.field(default=lambda _: None)

    def run(
        self,
        scheme: Scheme,
        *,
        profile: ProfileArg = "fast",
        settings: hypothesis.settings | None = None,
    ) -> None:
        """Run the check; raises :class:`InvariantViolation` on a counterexample."""
        self.check(scheme, profile=profile, settings=settings)


def _no_directions(scheme: Scheme) -> str | None:
    directions, conflicts = declared_directions(scheme)
    return None if directions or conflicts else "no metric declares a direction"


#: Every invariant, in the order :func:`check_scheme` runs them.
INVARIANTS: tuple[Invariant, ...] = (
    Invariant("bounds", "total in [0, 100], each component in [0, its weight]", check_bounds),
    Invariant(
        "veto",
        "a fired veto gives a total of 0",
        check_veto,
        lambda s: None if s.vetoes else "the scheme has no vetoes",
    ),
    Invariant(
        "monotone",
        "a better value of a metric with a declared direction never lowers the total",
        check_monotone,
        _no_directions,
    ),
    Invariant(
        "bands",
        "the band table covers every reachable total exactly once",
        check_bands,
        lambda s: None if s.bands is not None else "the scheme has no bands",
    ),
    Invariant("batch", "score_batch equals score", check_batch),
    Invariant("order", "results do not depend on the order of records", check_order),
    Invariant(
        "invalid", "a record with one bad field is rejected naming that field", check_invalid
    ),
    Invariant(
        "examples",
        "the scheme's worked examples give their declared results",
        check_examples,
        lambda s: None if s.examples else "the scheme declares no worked examples",
    ),
    Invariant(
        "history",
        "history rules fire exactly over consecutive periods",
        check_history,
        lambda s: None if s.history_rules else "the scheme has no history rules",
    ),
)


@attrs.frozen
class CheckReport:
    """What :func:`check_scheme` ran: invariants passed, and those not applicable (with why)."""

    scheme_id: str
    passed: tuple[str, ...]
    not_applicable: Mapping[str, str]


def check_scheme(
    scheme: Scheme,
    profile: ProfileArg = "fast",
    *,
    only: Sequence[str] | None = None,
    settings: hypothesis.settings | None = None,
) -> CheckReport:
    """Run every invariant (or those named in *only*) against *scheme*.

    :param scheme: the scheme to check, configured as it will be used.
    :param profile: ``"fast"`` (default, a few seconds) or ``"thorough"``.
    :param only: names of the invariants to run (see :data:`INVARIANTS`).
    :param settings: Hypothesis settings replacing the profile's.
    :returns: a :class:`CheckReport` when every invariant holds.
    :raises SchemeCheckError: listing each broken invariant with its
        counterexample.
    """
    known = {inv.name: inv for inv in INVARIANTS}
    unknown = sorted(set(only or ()) - set(known))
    if unknown:
        raise ValueError(f"unknown invariant(s) {unknown} (known: {', '.join(known)})")
    selected = [inv for inv in INVARIANTS if only is None or inv.name in only]
    passed: list[str] = []
    skipped: dict[str, str] = {}
    failures: list[AssertionError] = []
    for inv in selected:
        reason = inv.not_applicable(scheme)
        if reason is not None:
            skipped[inv.name] = reason
            continue
        try:
            inv.run(scheme, profile=profile, settings=settings)
        except InvariantViolation as exc:
            failures.append(exc)
        else:
            passed.append(inv.name)
    if failures:
        raise SchemeCheckError(scheme.id, failures)
    return CheckReport(scheme.id, tuple(passed), skipped)
