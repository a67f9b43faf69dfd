"""The batch path: vectorised numpy scoring with exact answers.

Inputs are validated column by column, then scored in cache-sized chunks of
rows, so that numpy's temporaries stay in the CPU cache and the extra memory
is a few chunks, not a few copies of the input.

Within a chunk, rules that can compute exactly give their points as
rationals held in float64 (see :mod:`assesskit._batchmath`): component
points and the total are then rounded half-up from exact values, and money
and number outcomes are computed on exact scaled decimals
(:mod:`assesskit._scaled`). Where that cannot be done (a rule kind without
an exact form, values with too many decimals, magnitudes past the exact
range), the chunk computes in float64 and marks the rows where float noise
could change a discrete decision; those rows, and rows whose inputs are not
exactly floats, are re-scored on the exact path. Every published value
equals the exact path's.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import (
    BoolArray,
    FloatArray,
    Rationals,
    StepLookup,
    round_half_up_with_doubt,
    sum_rationals,
)
from assesskit._columns import check_column, screen_block
from assesskit._scaled import PROBE_PLACES, Scaled, read_decimals, round_scaled, scaled_value
from assesskit.controls import has_control, identifier_problem
from assesskit.errors import InvalidInputError, Problem
from assesskit.expressions import BatchValue, Const, Expr, NextPeriod, NoValue, Where
from assesskit.metrics import Metric, MetricKind, is_missing
from assesskit.periods import Period
from assesskit.results import BatchResult, Result
from assesskit.rules.base import BatchRuleContext, BatchScored
from assesskit.scoring.boundary import columns_of

if TYPE_CHECKING:
    from assesskit.bands import BandTable
    from assesskit.scheme import Scheme

__all__ = ["CHUNK_ROWS", "factorise", "score_columns", "score_columns_detail", "text_codes"]

#: Rows scored at a time. About 32 thousand rows keep a chunk's columns and
#: temporaries (256 KiB each) in the CPU cache while the per-chunk Python
#: work stays negligible.
CHUNK_ROWS = 32768

_NONE = np.array(None, dtype=object)


class _Decimals(Mapping[str, Scaled | None]):
    """Numeric inputs of a chunk as exact decimals, read on first use."""

    def __init__(
        self,
        columns: Mapping[str, BatchValue],
        hints: dict[str, int],
        read: dict[str, Scaled | None],
    ) -> None:
        self._columns = columns
        self._hints = hints
        self._read = read

    def __getitem__(self, name: str) -> Scaled | None:
        try:
            return self._read[name]
        except KeyError:
            pass
        column = self._columns.get(name)
        value = None
        if column is not None and column.faithful and column.data.dtype.kind == "f":
            hint = self._hints.get(name)
            order = PROBE_PLACES if hint is None else (hint, *PROBE_PLACES)
            value = read_decimals(column.data, column.missing, order)
            if value is not None:
                # the next chunk most likely has as many decimals: try that first
                self._hints[name] = value.places
        self._read[name] = value
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


class _Env:
    """Expression environment over one chunk of a batch."""

    def __init__(
        self,
        size: int,
        columns: Mapping[str, BatchValue],
        params: Mapping[str, Any],
        periods: BatchValue | None,
        decimals: Mapping[str, Scaled | None],
    ) -> None:
        self.size = size
        self.columns = columns
        self.params = params
        self._periods = periods
        self._decimals = decimals
        # set by the engine before vetoes (vetoed) and outcomes (total, band) read them
        self.total_value = BatchValue(np.broadcast_to(np.nan, (size,)))
        self.total_scaled: Scaled | None = None
        self.band_value = BatchValue(np.broadcast_to(_NONE, (size,)))
        self.vetoed_value = BatchValue(np.broadcast_to(False, (size,)), faithful=True)
        self.outcomes: dict[str, BatchValue] = {}
        self.outcomes_scaled: dict[str, Scaled] = {}
        self.statuses: dict[str, npt.NDArray[Any]] = {}

    def component_status(self, component_id: str) -> BatchValue:
        return BatchValue(self.statuses[component_id], faithful=True)

    def component_ids(self) -> list[str]:
        return list(self.statuses)

    def input(self, name: str) -> BatchValue:
        return self.columns[name]

    def param(self, name: str) -> Any:
        return self.params[name]

    def total(self) -> BatchValue:
        return self.total_value

    def band(self) -> BatchValue:
        return self.band_value

    def vetoed(self) -> BatchValue:
        return self.vetoed_value

    def outcome(self, name: str) -> BatchValue:
        return self.outcomes[name]

    def period(self) -> BatchValue:
        if self._periods is None:
            return BatchValue(
                np.broadcast_to(_NONE, (self.size,)),
                missing=np.ones(self.size, dtype=bool),
                faithful=True,
            )
        return self._periods

    def decimal(self, name: str) -> Scaled | None:
        return self._decimals.get(name)

    def scaled_total(self) -> Scaled | None:
        return self.total_scaled

    def scaled_outcome(self, name: str) -> Scaled | None:
        return self.outcomes_scaled.get(name)


def _or(a: BoolArray | None, b: BoolArray | None) -> BoolArray | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


@attrs.frozen
class _Periods:
    """The period of every row: a code per row into a table of the distinct periods."""

    codes: npt.NDArray[np.intp]
    table: tuple[Period | None, ...]
    values: npt.NDArray[np.object_]
    missing: BoolArray


def score_columns(
    scheme: Scheme, columns: Mapping[str, Any], *, chunk_rows: int = CHUNK_ROWS
) -> BatchResult:
    """Score columns of records (see :meth:`Scheme.score_batch`).

    *chunk_rows* rows are scored at a time; the results do not depend on it.
    Float columns are validated chunk by chunk while they are scored (a
    quick screen on data already in the cache); any chunk that fails the
    screen sends the whole batch through :func:`_validate`, which names
    every problem of every row.
    """
    return score_columns_detail(scheme, columns, chunk_rows=chunk_rows)[0]


def score_columns_detail(
    scheme: Scheme, columns: Mapping[str, Any], *, chunk_rows: int = CHUNK_ROWS
) -> tuple[BatchResult, dict[str, BoolArray]]:
    """:func:`score_columns`, and the rows of each flag outcome that have no value.

    A flag outcome without a value (it reads an input not given) is ``False``
    in the batch result; publishing it as the exact path does needs to know.
    """
    raw, size = columns_of(columns)
    params = scheme.params()
    period_problems: list[tuple[int, Problem]] = []
    periods = _periods(scheme, raw, size, period_problems)
    plan = _Plan.of(scheme, params, periods)
    step = max(1, chunk_rows)
    entities = raw.get("entity_id")
    if (
        not period_problems
        and (entities is None or not _any_bad_id(entities))
        and all(_screenable(m, raw.get(m.name)) for m in scheme.metrics)
    ):
        floats = {
            m.name: raw[m.name].astype(np.float64, copy=False)
            if m.kind is not MetricKind.FLAG
            else raw[m.name]
            for m in scheme.metrics
        }
        screened = _score_all(plan, raw, floats, None, periods, size, step)
        if screened is not None:
            return screened
    checked = _validate(scheme, raw, size, params, period_problems)
    result = _score_all(plan, raw, None, checked, periods, size, step)
    assert result is not None
    return result


def _screenable(metric: Metric, column: npt.NDArray[Any] | None) -> bool:
    """Whether a column can be validated chunk by chunk (a typed numeric or flag column)."""
    if column is None:
        return False
    if metric.kind is MetricKind.FLAG:
        return column.dtype == bool
    numeric = metric.kind.is_numeric or metric.kind is MetricKind.YEAR
    return numeric and column.dtype.kind in "fiu"


def _any_bad_id(column: npt.NDArray[Any]) -> bool:
    """Whether some entity id of *column* breaks the identifier rule (texts in one pass)."""
    if column.dtype != object:
        return False  # numbers
    texts = [v for v in column.tolist() if type(v) is str]
    if len(texts) == len(column):
        return has_control("".join(texts))
    return True  # other kinds: checked one by one


def _validate(
    scheme: Scheme,
    raw: Mapping[str, npt.NDArray[Any]],
    size: int,
    params: Mapping[str, Any],
    period_problems: list[tuple[int, Problem]],
) -> dict[str, BatchValue]:
    """Check every column in full; raise :class:`InvalidInputError` naming every problem."""
    entity_raw = raw.get("entity_id")
    problems: list[tuple[int, Problem]] = []
    if entity_raw is not None and _any_bad_id(entity_raw):
        for index, value in enumerate(entity_raw.tolist()):
            wrong = None if is_missing(value) else identifier_problem(value)
            if wrong is not None:
                problems.append((index, Problem("entity_id", value, wrong)))
    checked: dict[str, BatchValue] = {}
    for metric in scheme.metrics:
        column = raw.get(metric.name)
        if column is None:
            if metric.required:
                # one problem for the whole input, not for a record (row -1)
                problems.append((-1, Problem(metric.name, None, "is required (no such column)")))
            column = np.full(size, None, dtype=object)
        checked_column = check_column(metric, column)
        checked[metric.name] = checked_column.value
        problems.extend(
            (int(row), Problem(metric.name, _item(column, row), rule))
            for row, rule in zip(checked_column.bad_rows, checked_column.bad_rules, strict=True)
        )
        if metric.required and metric.name in raw:
            missing = checked_column.value.missing
            if missing is not None and missing.any():
                bad = {int(r) for r in checked_column.bad_rows}
                problems.extend(
                    (int(row), Problem(metric.name, None, "is required"))
                    for row in np.flatnonzero(missing)
                    if int(row) not in bad
                )
    ctx = BatchRuleContext(checked, params, size)
    refused = {(row, p.field) for row, p in problems}
    for constraint in scheme.all_constraints():
        for row in np.flatnonzero(constraint.violations(ctx)):
            if any((int(row), f) in refused for f in constraint.fields()):
                continue  # its value is refused already, as on the exact path
            values = {f: _exact_value(scheme, f, raw, int(row)) for f in constraint.fields()}
            found = constraint.check(values)
            if found is not None:
                problems.append((int(row), found))
    problems += period_problems
    if problems:
        problems.sort(key=lambda rp: rp[0])
        raise InvalidInputError(
            p if row < 0 else p.located(None if entity_raw is None else str(entity_raw[row]), row)
            for row, p in problems
        )
    return checked


def _score_all(
    plan: _Plan,
    raw: Mapping[str, npt.NDArray[Any]],
    floats: Mapping[str, npt.NDArray[Any]] | None,
    checked: Mapping[str, BatchValue] | None,
    periods: _Periods | None,
    size: int,
    step: int,
) -> tuple[BatchResult, dict[str, BoolArray]] | None:
    """Score every chunk: *checked* columns, or *floats* screened chunk by chunk.

    Returns ``None`` as soon as a chunk of *floats* fails its screen.
    """
    scheme = plan.scheme
    out = _Outputs.allocate(plan, size)
    hints: dict[str, int] = {}
    constraints = scheme.all_constraints()
    doubt_rows: list[npt.NDArray[np.intp]] = []
    for start in range(0, size, step):
        stop = min(size, start + step)
        part = slice(start, stop)
        seeds: dict[str, Scaled | None] = {}
        if checked is not None:
            chunk = {name: _slice(value, part) for name, value in checked.items()}
        else:
            assert floats is not None
            chunk = {}
            for metric in scheme.metrics:
                block = floats[metric.name][part]
                if metric.kind is MetricKind.FLAG:
                    chunk[metric.name] = BatchValue(block, faithful=True)
                    continue
                screen = screen_block(metric, block)
                if screen is None:
                    return None
                missing, decimals = screen
                if missing is not None and metric.required:
                    return None
                chunk[metric.name] = BatchValue(block, missing=missing, faithful=True)
                if decimals is not None:
                    seeds[metric.name] = decimals
            if constraints:
                whole = BatchRuleContext(chunk, plan.params, stop - start)
                if any(c.violations(whole).any() for c in constraints):
                    return None
        doubt = _score_chunk(plan, chunk, seeds, periods, start, stop, out, hints)
        if doubt is not None and doubt.any():
            doubt_rows.append(np.flatnonzero(doubt) + start)
    result = out.result(plan)
    if not doubt_rows:
        return result, out.flags_missing
    rows = np.concatenate(doubt_rows)
    _redo_exactly(scheme, raw, rows, result, out.flags_missing)
    return attrs.evolve(result, exact_rows=len(rows)), out.flags_missing


# -- the plan: what every chunk needs, computed once per batch ---------------------------------


@attrs.frozen
class _Plan:
    """A scheme prepared for the batch path: weights, parameters, band cuts, text tables."""

    scheme: Scheme
    params: Mapping[str, Any]
    weights: Mapping[str, Fraction]
    # each component's lowest points is >= 0: rounding needs no sign
    nonnegative: Mapping[str, bool]
    total_nonnegative: bool
    weight_den: int
    bands: _BandCuts | None
    # text outcomes kept as codes: their tables of texts
    text_tables: Mapping[str, tuple[str | None, ...]]

    @classmethod
    def of(cls, scheme: Scheme, params: Mapping[str, Any], periods: _Periods | None) -> _Plan:
        weights = scheme.effective_weights()
        nonnegative = {
            c.id: c.rule.bounds(weights[c.id])[0] >= 0 and weights[c.id] >= 0
            for c in scheme.components
        }
        weight_den = lcm(*(w.denominator for w in weights.values()), 1)
        bands = None if scheme.bands is None else _BandCuts.of(scheme.bands)
        read = {name for spec in scheme.outcomes for name in spec.expr.outcomes()}
        text_tables = {}
        for spec in scheme.outcomes:
            table = _text_table(spec.expr, periods) if spec.kind == "text" else None
            if table is not None and spec.id not in read:
                text_tables[spec.id] = table
        return cls(
            scheme,
            params,
            weights,
            nonnegative,
            all(nonnegative.values()),
            weight_den,
            bands,
            text_tables,
        )


@attrs.frozen
class _BandCuts:
    """The band table as a step lookup on totals in whole hundredths."""

    lookup: StepLookup

    @classmethod
    def of(cls, table: BandTable) -> _BandCuts:
        ends = sorted(
            {
                e * 100
                for band in table.bands
                for e in (band.interval.lower, band.interval.upper)
                if e is not None
            }
        )
        probes: list[Fraction] = []
        for position, end in enumerate(ends):
            below = end - 1 if position == 0 else (ends[position - 1] + end) / 2
            probes += [below, end]
        probes.append(ends[-1] + 1 if ends else Fraction(0))
        index: list[float] = []
        for probe in probes:
            band = table.classify(probe / 100)
            index.append(-1.0 if band is None else float(table.bands.index(band)))
        # An end between two whole hundredths n < e < n + 1 becomes n + 0.5 (no total equals it).
        cuts = [float(e) if e.denominator == 1 else float(e.numerator // e.denominator) + 0.5
                for e in ends]  # fmt: skip
        return cls(StepLookup.of(cuts, index))

    def classify(self, hundredths: FloatArray) -> npt.NDArray[np.int64]:
        """Band index of every total, given in whole hundredths (-1 for none)."""
        out: npt.NDArray[np.int64] = self.lookup(hundredths).astype(np.int64)
        return out


# -- outputs ----------------------------------------------------------------------------------


@attrs.define
class _Outputs:
    """The result arrays of a whole batch, filled chunk by chunk.

    A text outcome with few distinct values (``withheld`` / ``payable``) is
    kept as a small code per row into its table of texts, and becomes an
    array of Python strings only when it is read (see :class:`_Outcomes`).
    """

    size: int
    total: FloatArray
    band_index: npt.NDArray[np.int64]
    vetoed: BoolArray
    veto_fired: dict[str, BoolArray]
    components: dict[str, FloatArray]
    outcomes: dict[str, npt.NDArray[Any]]
    texts: dict[str, tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]]]
    statuses: dict[str, npt.NDArray[Any] | None]
    # rows of each flag outcome without a value (published as False in the batch result)
    flags_missing: dict[str, BoolArray]

    @classmethod
    def allocate(cls, plan: _Plan, size: int) -> _Outputs:
        scheme = plan.scheme
        outcomes: dict[str, npt.NDArray[Any]] = {}
        texts: dict[str, tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]]] = {}
        for spec in scheme.outcomes:
            if spec.kind in ("money", "number"):
                outcomes[spec.id] = np.empty(size)
            elif spec.kind == "flag":
                outcomes[spec.id] = np.empty(size, dtype=bool)
            elif spec.id in plan.text_tables:
                table = plan.text_tables[spec.id]
                dtype = np.uint8 if len(table) <= 256 else np.intp
                texts[spec.id] = (np.empty(size, dtype=dtype), table)
            else:
                outcomes[spec.id] = np.empty(size, dtype=object)
        return cls(
            size,
            np.empty(size),
            np.empty(size, dtype=np.int64),
            np.empty(size, dtype=bool),
            {v.id: np.empty(size, dtype=bool) for v in scheme.vetoes},
            {c.id: np.empty(size) for c in scheme.components},
            outcomes,
            texts,
            dict.fromkeys((c.id for c in scheme.components), None),
            {o.id: np.zeros(size, dtype=bool) for o in scheme.outcomes if o.kind == "flag"},
        )

    def status(self, component_id: str, start: int, stop: int, value: npt.NDArray[Any]) -> None:
        """Write a chunk of the statuses a component's rule reported."""
        column = self.statuses[component_id]
        if column is None:
            column = self.statuses[component_id] = np.full(self.size, None, dtype=object)
        column[start:stop] = value

    def result(self, plan: _Plan) -> BatchResult:
        scheme = plan.scheme
        # A rule that reports no status gets one read-only column of None for the whole batch.
        none = np.broadcast_to(_NONE, (self.size,))
        statuses = {cid: none if s is None else s for cid, s in self.statuses.items()}
        order = [spec.id for spec in scheme.outcomes]
        return BatchResult(
            size=self.size,
            total=self.total,
            band_index=self.band_index,
            band_ids=() if scheme.bands is None else scheme.bands.ids(),
            vetoed=self.vetoed,
            veto_fired=self.veto_fired,
            components=self.components,
            outcomes=_Outcomes(order, self.outcomes, self.texts),
            component_status=statuses,
        )


class _Outcomes(Mapping[str, npt.NDArray[Any]]):
    """The outcome columns of a batch; coded text columns become object arrays when first read."""

    def __init__(
        self,
        order: list[str],
        arrays: dict[str, npt.NDArray[Any]],
        texts: dict[str, tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]]],
    ) -> None:
        self._order = order
        self._arrays = arrays
        self._texts = dict(texts)

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        array = self._arrays.get(name)
        if array is not None:
            return array
        codes, table = self._texts.pop(name)  # KeyError for an unknown outcome
        made: npt.NDArray[Any] = _materialise(codes, table)
        self._arrays[name] = made
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __repr__(self) -> str:
        return f"<outcomes {', '.join(self._order)}>"

    def codes(
        self, name: str
    ) -> tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]] | None:
        """A text outcome not yet read, as codes into its table of texts."""
        return self._texts.get(name)


def text_codes(
    result: BatchResult, name: str
) -> tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]] | None:
    """Text outcome *name* of *result* as a code per row into a table of texts, if kept so.

    Writers of large outputs use it to write each distinct text once.
    """
    outcomes = result.outcomes
    return outcomes.codes(name) if isinstance(outcomes, _Outcomes) else None


def _materialise(codes: npt.NDArray[np.integer[Any]], table: tuple[str | None, ...]) -> Any:
    """An object array of the texts *codes* point at (object arrays fill fastest by value)."""
    out = np.empty(len(codes), dtype=object)
    if not len(codes):
        return out
    counts = np.bincount(codes, minlength=len(table))
    first = int(np.argmax(counts))
    out[:] = table[first]
    for code, text in enumerate(table):
        if code != first and counts[code] and text != table[first]:
            out[codes == code] = text
    return out


# -- one chunk --------------------------------------------------------------------------------


def _slice(value: BatchValue, part: slice) -> BatchValue:
    return BatchValue(
        value.data[part],
        None if value.missing is None else value.missing[part],
        None if value.doubt is None else value.doubt[part],
        value.faithful,
    )


def _score_chunk(
    plan: _Plan,
    columns: Mapping[str, BatchValue],
    seeds: dict[str, Scaled | None],
    periods: _Periods | None,
    start: int,
    stop: int,
    out: _Outputs,
    hints: dict[str, int],
) -> BoolArray | None:
    """Score rows ``start:stop`` (their *columns*) into *out*; return the rows to redo exactly."""
    scheme = plan.scheme
    part = slice(start, stop)
    size = stop - start
    decimals = _Decimals(columns, hints, seeds)
    ctx = BatchRuleContext(columns, plan.params, size, decimals)
    doubt: BoolArray | None = None
    for value in columns.values():
        doubt = _or(doubt, value.doubt)

    scored: dict[str, BatchScored] = {}
    statuses: dict[str, npt.NDArray[Any]] = {}
    none = np.broadcast_to(_NONE, (size,))
    for component in scheme.components:
        result = component.rule.score_batch(ctx, plan.weights[component.id])
        scored[component.id] = result
        doubt = _or(doubt, result.doubt)
        if result.status is not None:
            out.status(component.id, start, stop, result.status)
            statuses[component.id] = result.status
        else:
            statuses[component.id] = none

    totals = _exact_totals(plan, scored, size, out, part)
    if totals is None:
        totals, unsure = _float_totals(plan, scored, size, out, part)
        doubt = _or(doubt, unsure)
    hundredths, nothing, near_tie, total_bound = totals

    period_value = None
    if periods is not None:
        period_value = BatchValue(periods.values[part], missing=periods.missing[part])
    env = _Env(size, columns, plan.params, period_value, decimals)
    env.statuses = statuses
    vetoed = out.vetoed[part]
    if not scheme.vetoes:
        vetoed[:] = False
    for position, veto in enumerate(scheme.vetoes):
        value = veto.condition.batch(env)
        mask = out.veto_fired[veto.id][part]
        np.copyto(mask, value.data, casting="unsafe")
        if value.missing is not None:
            mask &= ~value.missing
        if position == 0:
            np.copyto(vetoed, mask)
        else:
            vetoed |= mask
        doubt = _or(doubt, value.doubt)
    if near_tie is not None:
        doubt = _or(doubt, near_tie & ~vetoed)

    published = hundredths
    np.putmask(published, vetoed, 0.0)
    total = out.total[part]
    np.divide(published, 100.0, out=total)
    if nothing is not None:
        total[nothing] = np.nan
    band_index = out.band_index[part]
    if plan.bands is not None:
        band_index[:] = plan.bands.classify(published)
        assert scheme.bands is not None
        lookup = np.array([*scheme.bands.ids(), None], dtype=object)
        band_value = BatchValue(lookup[band_index], faithful=True)
    else:
        band_index[:] = -1
        band_value = BatchValue(np.broadcast_to(_NONE, (size,)), faithful=True)
    if nothing is not None:
        band_index[nothing] = -1
        if plan.bands is not None:
            band_value.data[nothing] = None
    env.total_value = BatchValue(total, missing=nothing, faithful=True)
    env.total_scaled = Scaled(published, 2, total_bound, nothing)
    env.band_value = band_value
    env.vetoed_value = BatchValue(vetoed, faithful=True)

    for spec in scheme.outcomes:
        if spec.kind in ("money", "number"):
            target = out.outcomes[spec.id][part]
            places = 2 if spec.kind == "money" else spec.places
            exact = scaled_value(spec.expr, env)
            decimal = None if exact is None else round_scaled(exact, places, target)
            if decimal is not None:
                env.outcomes_scaled[spec.id] = decimal
                missing = _missing_of(decimal.missing, size)
            else:
                value = spec.expr.batch(env)
                missing = _missing_of(value.missing, size)
                numbers = np.broadcast_to(value.data, (size,)).astype(float)
                data, near = round_half_up_with_doubt(numbers, places)
                target[:] = np.where(missing, np.nan, data)
                doubt = _or(doubt, value.doubt)
                doubt = _or(doubt, near & ~missing)
            env.outcomes[spec.id] = BatchValue(target, missing=missing, faithful=True)
            continue
        if spec.id in out.texts:
            codes, unsure = _text_codes(spec.expr, env, periods, part)
            out.texts[spec.id][0][part] = codes
            doubt = _or(doubt, unsure)
            continue  # no later outcome reads it: no batch value needed
        target = out.outcomes[spec.id][part]
        value = spec.expr.batch(env)
        missing = _missing_of(value.missing, size)
        _publish(spec.kind, value, missing, size, target)
        if spec.kind == "flag":
            out.flags_missing[spec.id][part] = missing
        doubt = _or(doubt, value.doubt)
        env.outcomes[spec.id] = BatchValue(target, missing=missing, faithful=True)
    return doubt


# hundredths of the total, rows where nothing applies, rows near a tie, a bound of |hundredths|
_Totals = tuple[FloatArray, BoolArray | None, BoolArray | None, float]


def _exact_totals(
    plan: _Plan,
    scored: Mapping[str, BatchScored],
    size: int,
    out: _Outputs,
    part: slice,
) -> _Totals | None:
    """Published component points and total hundredths from exact points; ``None`` if not exact."""
    scheme = plan.scheme
    if any(s.exact is None for s in scored.values()):
        return None
    applies = {cid: s.applicable for cid, s in scored.items() if s.applicable is not None}
    rescale = scheme.not_applicable == "rescale" and any(
        not mask.all() for mask in applies.values()
    )
    nothing: BoolArray | None = None
    applied: FloatArray | None = None
    applied_bound = 0.0
    if rescale:
        # applied weight × lcm of the weights' denominators: whole numbers
        applied = np.zeros(size)
        for component in scheme.components:
            units = float(plan.weights[component.id] * plan.weight_den)
            applied_bound += abs(units)
            mask = applies.get(component.id)
            applied += units if mask is None else np.where(mask, units, 0.0)
        nothing = applied == 0
        applied[nothing] = 1.0
    pending: dict[str, Rationals] = {}
    for cid, result in scored.items():
        exact = result.exact
        assert exact is not None
        mask = applies.get(cid)
        if mask is not None and not mask.all():
            exact = exact.where(~mask, Fraction(0))
            if exact is None:
                return None
        if rescale:
            assert applied is not None
            # points × 100 / applied weight
            exact = exact.times(Fraction(100 * plan.weight_den))
            exact = None if exact is None else exact.over(applied, applied_bound)
            if exact is None:
                return None
        pending[cid] = exact
    total = sum_rationals(list(pending.values()))
    hundredths = None if total is None else total.rounded(2, nonnegative=plan.total_nonnegative)
    if total is None or hundredths is None:
        return None
    shown: dict[str, FloatArray | None] = {}
    for cid, exact in pending.items():
        if isinstance(exact.den, int) and exact.den == 1:
            shown[cid] = None  # whole points: published as they are
            continue
        points = exact.rounded(2, nonnegative=plan.nonnegative[cid])
        if points is None:
            return None
        shown[cid] = points
    for cid, points in shown.items():
        target = out.components[cid][part]
        if points is None:
            np.copyto(target, pending[cid].num)
        else:
            np.divide(points, 100.0, out=target)
        mask = applies.get(cid)
        if mask is not None:
            target[~mask] = np.nan if scheme.not_applicable == "rescale" else 0.0
    return hundredths, nothing, None, total.bound * 100.0 / _smallest_den(total) + 1.0


def _smallest_den(value: Rationals) -> float:
    return float(value.den) if isinstance(value.den, int) else 1.0


def _float_totals(
    plan: _Plan,
    scored: Mapping[str, BatchScored],
    size: int,
    out: _Outputs,
    part: slice,
) -> tuple[_Totals, BoolArray | None]:
    """Component points and total hundredths in float64, with the rows near a tie."""
    scheme = plan.scheme
    weights = plan.weights
    applicable = {
        cid: s.applicable if s.applicable is not None else np.ones(size, dtype=bool)
        for cid, s in scored.items()
    }
    factor: FloatArray | None = None
    nothing: BoolArray | None = None
    partly = ~np.logical_and.reduce(list(applicable.values())) if applicable else None
    if scheme.not_applicable == "rescale" and partly is not None and partly.any():
        applied = np.zeros(size)
        for component in scheme.components:
            applied += np.where(applicable[component.id], float(weights[component.id]), 0.0)
        nothing = applied == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(nothing, 0.0, 100.0 / applied)
    doubt: BoolArray | None = None
    exact_sum = np.zeros(size)
    for cid, result in scored.items():
        points = np.where(applicable[cid], result.points, 0.0)
        if factor is not None:
            points = points * factor
        exact_sum += points
        rounded, near = round_half_up_with_doubt(points)
        shown = np.where(
            applicable[cid], rounded, np.nan if scheme.not_applicable == "rescale" else 0.0
        )
        out.components[cid][part] = shown
        doubt = _or(doubt, near & applicable[cid])
    rounded_total, near_tie = round_half_up_with_doubt(exact_sum)
    hundredths = np.rint(rounded_total * 100.0)
    bound = float(np.max(np.abs(hundredths), initial=0.0))
    return (hundredths, nothing, near_tie, bound), doubt


def _missing_of(mask: BoolArray | None, size: int) -> BoolArray:
    if mask is None:
        return np.zeros(size, dtype=bool)
    return np.broadcast_to(mask, (size,))


def _text_table(expr: Expr, periods: _Periods | None) -> tuple[str | None, ...] | None:
    """The texts an outcome made of constants, ``NextPeriod``, ``NoValue`` and ``Where`` can take.

    Such outcomes (``withheld`` / ``payable``, the month a bonus is paid in)
    take few distinct values: each is computed once, and every row carries a
    code into this table. ``None`` for any other expression.
    """
    if isinstance(expr, Const):
        return (expr.value,) if isinstance(expr.value, str) else None
    if isinstance(expr, NoValue):
        return (None,)
    if isinstance(expr, NextPeriod):
        if periods is None:
            return (None,)
        return tuple(None if p is None else str(p.next()) for p in periods.table)
    if isinstance(expr, Where):
        then, otherwise = _text_table(expr.then, periods), _text_table(expr.otherwise, periods)
        if then is None or otherwise is None:
            return None
        return then + otherwise
    return None


def _text_codes(
    expr: Expr, env: _Env, periods: _Periods | None, part: slice
) -> tuple[npt.NDArray[np.intp] | int, BoolArray | None]:
    """The codes into :func:`_text_table` of every row of a chunk (one ``int`` for all)."""
    if isinstance(expr, Const | NoValue):
        return 0, None
    if isinstance(expr, NextPeriod):
        return (0 if periods is None else periods.codes[part]), None
    assert isinstance(expr, Where)
    then, then_doubt = _text_codes(expr.then, env, periods, part)
    otherwise, otherwise_doubt = _text_codes(expr.otherwise, env, periods, part)
    offset = len(_text_table(expr.then, periods) or ())
    condition = expr.condition.batch(env)
    holds = np.broadcast_to(np.asarray(condition.data, dtype=bool), (env.size,))
    if condition.missing is not None:
        holds = holds & ~condition.missing
    codes: npt.NDArray[Any]
    constant = isinstance(then, int) and isinstance(otherwise, int)
    if constant and then == 0 and otherwise == 0 and offset == 1:
        codes = np.logical_not(holds).view(np.uint8)
    else:
        codes = np.where(holds, then, np.add(otherwise, offset))
    doubt = _or(condition.doubt, _or(then_doubt, otherwise_doubt))
    return codes, doubt


def _publish(
    kind: str,
    value: BatchValue,
    missing: BoolArray,
    size: int,
    target: npt.NDArray[Any],
) -> None:
    """Write a flag, text or list outcome of a chunk into *target*."""
    data = np.broadcast_to(value.data, (size,))
    if kind == "flag":
        target[:] = np.asarray(data, dtype=bool) & ~missing
        return
    if kind == "list":
        for row in range(size):
            target[row] = None if missing[row] else list(data[row])
        return
    target[:] = [None if m else str(v) for v, m in zip(data, missing, strict=True)]


# -- inputs the engine reads itself -------------------------------------------------------------


def _item(column: npt.NDArray[Any], row: int) -> Any:
    value = column[row]
    return value.item() if hasattr(value, "item") else value


def _exact_value(scheme: Scheme, name: str, raw: Mapping[str, npt.NDArray[Any]], row: int) -> Any:
    column = raw.get(name)
    if column is None:
        return None
    try:
        return scheme.metric_map[name].parse(_item(column, row))
    except ValueError:
        return None


def _periods(
    scheme: Scheme,
    raw: Mapping[str, npt.NDArray[Any]],
    size: int,
    problems: list[tuple[int, Problem]],
) -> _Periods | None:
    """The period of every row, each distinct value read once; bad ones go to *problems*."""
    column = raw.get(scheme.period_field)
    if column is None:
        return None
    from assesskit.scoring.exact import read_period

    keys: list[Any]
    if column.dtype.kind in "biufUS":
        distinct, index = np.unique(column, return_inverse=True)
        keys = distinct.tolist()
    else:
        try:
            index, seen = factorise(column)
            keys = [k.item() if hasattr(k, "item") else k for k in seen]
        except TypeError:  # an unhashable value: read every row on its own
            index = np.arange(size, dtype=np.intp)
            keys = [_item(column, row) for row in range(size)]
    table = np.empty(len(keys), dtype=object)
    absent = np.zeros(len(keys), dtype=bool)
    for code, key in enumerate(keys):
        period, rule = read_period(scheme, key)
        table[code] = period
        absent[code] = period is None
        if rule is not None:
            problems.extend(
                (int(row), Problem(scheme.period_field, key, rule))
                for row in np.flatnonzero(index == code)
            )
    return _Periods(index, tuple(table), table[index], absent[index])


def factorise(values: Any) -> tuple[npt.NDArray[np.intp], list[Any]]:
    """A code per value into the list of distinct values, in order of first appearance.

    >>> codes, distinct = factorise(["2026-08", "2026-09", "2026-08"])
    >>> codes.tolist(), distinct
    ([0, 1, 0], ['2026-08', '2026-09'])

    Raises :class:`TypeError` for an unhashable value.
    """
    first: dict[Any, int] = {}
    # each value's first position, at C speed: setdefault keeps the first one it was given
    positions = np.fromiter(
        map(first.setdefault, values, itertools.count()), dtype=np.intp, count=len(values)
    )
    dense = np.empty(len(values) + 1, dtype=np.intp)
    dense[np.fromiter(first.values(), dtype=np.intp, count=len(first))] = np.arange(len(first))
    return dense[positions], list(first)


def _row_record(raw: Mapping[str, npt.NDArray[Any]], row: int) -> dict[str, Any]:
    return {name: _item(column, row) for name, column in raw.items()}


def _redo_exactly(
    scheme: Scheme,
    raw: Mapping[str, npt.NDArray[Any]],
    rows: npt.NDArray[np.intp],
    out: BatchResult,
    flags_missing: Mapping[str, BoolArray],
) -> None:
    """Re-score *rows* on the exact path and write the exact answers into *out*."""
    from assesskit.scoring.exact import parse_record, score_parsed

    index_of = {band_id: i for i, band_id in enumerate(out.band_ids)}
    for row in rows:
        parsed = parse_record(scheme, _row_record(raw, int(row)), int(row))
        result: Result = score_parsed(scheme, parsed)
        out.total[row] = np.nan if result.total is None else float(result.total)
        out.band_index[row] = -1 if result.band is None else index_of[result.band.id]
        out.vetoed[row] = result.vetoed
        fired = {v.id for v in result.vetoes}
        for veto_id, mask in out.veto_fired.items():
            mask[row] = veto_id in fired
        for comp_id, points in out.components.items():
            value = result.components[comp_id].points
            points[row] = np.nan if value is None else float(value)
        for comp_id, status in out.component_status.items():
            if status.flags.writeable:
                status[row] = result.components[comp_id].status
        for outcome_id, column in out.outcomes.items():
            value = result.outcome[outcome_id]
            if column.dtype == object:
                column[row] = value
            elif column.dtype == bool:
                column[row] = bool(value)
                flags_missing[outcome_id][row] = value is None
            else:
                column[row] = np.nan if value is None else float(Decimal(value))
