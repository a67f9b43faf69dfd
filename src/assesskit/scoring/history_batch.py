"""History rules on the batch path: "three consecutive months at 60 or below" for every row at once.

The exact path (:func:`~assesskit.scoring.exact.apply_history`) looks each
record's earlier periods up one by one. Here the same rule is decided for a
whole batch with a few numpy passes:

1. every row's entity and period become integer keys (``entity code ×
   stride + period index``; a month's index is ``year × 12 + month − 1``, a
   year's is the year), and the batch's rows together with the relevant
   entries of an earlier :class:`~assesskit.history.History` are sorted by
   that key: one entity's periods are then consecutive, in order;
2. each trigger's condition is evaluated on the batch
   (:meth:`~assesskit.expressions.Expr.batch`) over what a history rule may
   read of a period (inputs, published total, band, vetoed); rows where float
   noise could change the answer, and the entries of the earlier history, are
   evaluated exactly;
3. for each row, the ``periods − 1`` periods before it form a key range;
   two binary searches give how many of them are known, and a cumulative sum
   of "the trigger does not hold" gives how many of those break the run.

A trigger fires when it holds now and in every earlier period of the window;
when it holds now, nothing known breaks the run but some periods are
missing, the row gets a note naming them ("history for 2026-06 missing")
unless another trigger fired: exactly the exact path's answer and notes.

>>> from assesskit.scoring.history_batch import period_index
>>> from assesskit.periods import Period
>>> period_index(Period(2026, 1)) - period_index(Period(2025, 12))
1
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._columns import as_array, check_column
from assesskit.components import HistoryRule, Trigger
from assesskit.errors import HistoryError, InvalidInputError, Problem
from assesskit.expressions import BatchValue
from assesskit.history import EntryEnv, History, HistoryEntry
from assesskit.metrics import MetricValue, ValueRejected, is_missing
from assesskit.periods import Period
from assesskit.results import BatchResult
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = [
    "BatchIdentity",
    "Factors",
    "HistoryBatch",
    "apply_history_batch",
    "history_note",
    "period_index",
]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
ObjectArray = npt.NDArray[np.object_]

_ENTITY_FIELD = "entity_id"
_EMPTY_LISTS = np.frompyfunc(lambda _: [], 1, 1)


def _new_lists(size: int) -> ObjectArray:
    """A new empty list per row (outcome lists are not shared between rows).

    The cyclic garbage collector is paused meanwhile: a million new lists
    would otherwise make it walk every live object of a large batch, again
    and again, for nothing (empty lists hold no cycle).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        lists: ObjectArray = _EMPTY_LISTS(np.empty(size, dtype=object))
    finally:
        if enabled:
            gc.enable()
    return lists


def period_index(period: Period) -> int:
    """Consecutive periods have consecutive indices: months count from year 0, years are years."""
    return period.year if period.month is None else period.year * 12 + period.month - 1


def history_note(rule: HistoryRule, missing: Sequence[Period]) -> Text:
    """The note of a row whose *rule* could not be checked, as the exact path words it.

    *missing* are the earlier periods that were missing (sorted); empty when
    the row had no period at all.
    """
    if not missing:
        return Text(
            f"no period given: the {rule.id} rule could not be checked",
            f"未給出考核期:無法判斷“{rule.label.zh}”",
        )
    shown = ", ".join(str(p) for p in missing)
    return Text(
        f"history for {shown} missing: the {rule.id} rule could not be checked",
        f"缺少 {shown} 的考核結果:無法判斷“{rule.label.zh}”",
    )


@attrs.frozen
class HistoryBatch:
    """A batch's results with the outcomes of the history rules, and where history was missing.

    ``result`` is the :class:`~assesskit.results.BatchResult` with, for each
    history rule, the outcome ``rule.id`` (a bool per row) and, when the rule
    names one, ``rule.triggers_outcome`` (a list of trigger ids per row, in
    trigger order) added to its ``outcomes``: what
    :func:`~assesskit.scoring.exact.apply_history` adds to a result.
    ``missing`` maps each rule id to the rows whose result carries a note
    that the rule could not be checked; ``missing_periods`` maps each rule id
    to the earlier periods missing for each row (a tuple of
    :class:`~assesskit.periods.Period`, empty for a row without a period
    and for rows without a note).
    """

    result: BatchResult
    rules: tuple[HistoryRule, ...]
    missing: Mapping[str, BoolArray]
    missing_periods: Mapping[str, ObjectArray]

    def notes(self, row: int) -> list[Text]:
        """The notes the exact path adds to the result of *row*, in rule order."""
        return [
            history_note(rule, self.missing_periods[rule.id][row])
            for rule in self.rules
            if self.missing[rule.id][row]
        ]


# -- reading the batch's identity columns ---------------------------------------------------


#: Codes per row into a list of distinct values.
Factors = tuple[npt.NDArray[np.intp], list[Any]]


def _factorise(column: npt.NDArray[Any]) -> Factors:
    """Codes into the distinct values of *column* (first seen first): each distinct read once."""
    codes_of: dict[Any, int] = {}
    values = column.tolist()
    try:
        codes = np.fromiter(
            (codes_of.setdefault(v, len(codes_of)) for v in values),
            dtype=np.intp,
            count=len(values),
        )
    except TypeError:  # an unhashable value: every row on its own
        return np.arange(len(values), dtype=np.intp), values
    return codes, list(codes_of)


@attrs.frozen
class BatchIdentity:
    """Whom and when each row of a batch assesses, read once per distinct value.

    ``entities`` holds each row's entity id as text (``None`` when missing)
    and ``entity_codes`` a code per row, equal for equal ids (a row without
    an entity has the code of ``""``: it looks up only earlier history
    filed under no entity, as the exact path does); ``codes_of`` maps each
    id to its code. ``periods`` holds each row's
    :class:`~assesskit.periods.Period` (``None`` when missing),
    ``period_codes`` a code per row into ``period_table`` (the distinct
    periods), ``period_index`` the :func:`period_index` of each row (0 where
    missing), ``dated`` the rows with a period and ``known`` the rows with
    an entity and a period (the rows other rows may see as history).
    """

    entities: ObjectArray
    entity_codes: IntArray
    codes_of: Mapping[str, int]
    periods: ObjectArray
    period_codes: npt.NDArray[np.intp]
    period_table: tuple[Period | None, ...]
    period_index: IntArray
    dated: BoolArray
    known: BoolArray

    @classmethod
    def of(
        cls,
        scheme: Scheme,
        columns: Mapping[str, Any],
        size: int,
        *,
        factors: Mapping[str, Factors] | None = None,
    ) -> BatchIdentity:
        """Read ``entity_id`` and the period field of *columns*.

        *factors* may give, for either field, its codes per row and distinct
        values when the caller has them already (Arrow's dictionary
        encoding of a text column, say); otherwise each column is factorised
        here.

        Raises :class:`~assesskit.errors.InvalidInputError` naming every row
        with a period that is not one (as both scoring paths do).
        """
        given = factors or {}
        from assesskit.scoring.exact import read_period

        entity_column = columns.get(_ENTITY_FIELD)
        codes_of: dict[str, int] = {}
        if entity_column is None:
            entities = np.full(size, None, dtype=object)
            entity_codes = np.zeros(size, dtype=np.int64)
            codes_of[""] = 0
        else:
            raw_codes, distinct = given.get(_ENTITY_FIELD) or _factorise(as_array(entity_column))
            texts = [None if is_missing(v) else str(v) for v in distinct]
            table = np.array([codes_of.setdefault(t or "", len(codes_of)) for t in texts])
            entity_codes = (
                table[raw_codes].astype(np.int64) if len(table) else np.zeros(0, np.int64)
            )
            entities = np.empty(size, dtype=object)
            entities[:] = np.array(texts, dtype=object)[raw_codes] if texts else []
        missing_entity = entities == None  # noqa: E711 - elementwise on an object array
        period_column = columns.get(scheme.period_field)
        if period_column is None:
            period_codes = np.zeros(size, dtype=np.intp)
            period_table: tuple[Period | None, ...] = (None,)
        else:
            raw_codes, distinct = given.get(scheme.period_field) or _factorise(
                as_array(period_column)
            )
            read = [read_period(scheme, v) for v in distinct]
            broken = [i for i, (_, rule) in enumerate(read) if rule is not None]
            if broken:
                bad = np.isin(raw_codes, broken)
                raise InvalidInputError(
                    Problem(scheme.period_field, distinct[raw_codes[row]], rule, row=row)
                    for row in np.flatnonzero(bad).tolist()
                    for rule in [read[raw_codes[row]][1]]
                    if rule is not None
                )
            period_codes = raw_codes
            period_table = tuple(period for period, _ in read)
        lookup = np.array(period_table, dtype=object)
        periods = lookup[period_codes] if size else np.empty(0, dtype=object)
        index_table = np.array(
            [0 if p is None else period_index(p) for p in period_table], dtype=np.int64
        )
        dated_table = np.array([p is not None for p in period_table], dtype=bool)
        dated = dated_table[period_codes] if size else np.zeros(0, dtype=bool)
        return cls(
            entities,
            entity_codes,
            codes_of,
            periods,
            period_codes,
            period_table,
            index_table[period_codes] if size else np.zeros(0, dtype=np.int64),
            dated,
            dated & ~missing_entity,
        )

    def duplicates(self) -> list[tuple[int, int]]:
        """(later row, first row) for each row repeating an entity and period of an earlier row."""
        rows = np.flatnonzero(self.known)
        if not len(rows):
            return []
        stride = int(self.period_index[rows].max()) + 1
        keys = self.entity_codes[rows] * stride + self.period_index[rows]
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        repeats = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
        if not len(repeats):
            return []
        first_of = np.searchsorted(ordered, ordered[repeats], side="left")
        pairs = [
            (int(rows[order[r]]), int(rows[order[f]]))
            for r, f in zip(repeats.tolist(), first_of.tolist(), strict=True)
        ]
        return sorted(pairs)


# -- evaluating triggers -------------------------------------------------------------------


class _PeriodEnv:
    """What a history trigger reads of the batch's own rows: inputs and the published result.

    Like :class:`~assesskit.history.EntryEnv` (the exact path's view of a
    period), outcomes and component statuses are not visible to triggers.
    """

    def __init__(
        self,
        scheme: Scheme,
        raw: Mapping[str, npt.NDArray[Any]],
        result: BatchResult,
        periods: ObjectArray,
        dated: BoolArray,
    ) -> None:
        self.size = result.size
        self._scheme = scheme
        self._raw = raw
        self._params = scheme.params()
        self._inputs: dict[str, BatchValue] = {}
        total = result.total
        nothing = np.isnan(total)
        self._total = BatchValue(total, missing=nothing if nothing.any() else None, faithful=True)
        self._band = BatchValue(result.band, faithful=True)
        self._vetoed = BatchValue(result.vetoed, faithful=True)
        self._periods = BatchValue(periods, missing=~dated, faithful=True)

    def input(self, name: str) -> BatchValue:
        value = self._inputs.get(name)
        if value is None:
            metric = self._scheme.metric_map.get(name)
            column = self._raw.get(name)
            if metric is None or column is None:
                value = _nothing(self.size)
            else:
                value = check_column(metric, column).value
            self._inputs[name] = value
        return value

    def param(self, name: str) -> Any:
        return self._params[name]

    def total(self) -> BatchValue:
        return self._total

    def band(self) -> BatchValue:
        return self._band

    def vetoed(self) -> BatchValue:
        return self._vetoed

    def outcome(self, name: str) -> BatchValue:
        return _nothing(self.size)

    def period(self) -> BatchValue:
        return self._periods

    def component_status(self, component_id: str) -> BatchValue:
        return BatchValue(np.full(self.size, None, dtype=object), faithful=True)

    def component_ids(self) -> list[str]:
        return []


def _nothing(size: int) -> BatchValue:
    return BatchValue(
        np.full(size, None, dtype=object), missing=np.ones(size, dtype=bool), faithful=True
    )


def _holds(trigger: Trigger, env: _PeriodEnv) -> tuple[BoolArray, BoolArray | None]:
    """Where *trigger* holds on the batch, and the rows float noise leaves in doubt."""
    value = trigger.condition.batch(env)
    data = np.broadcast_to(np.asarray(value.data, dtype=bool), (env.size,)).copy()
    if value.missing is not None:
        data &= ~np.broadcast_to(value.missing, (env.size,))
    doubt = None
    if value.doubt is not None:
        doubt = np.broadcast_to(value.doubt, (env.size,))
        if not doubt.any():
            doubt = None
    return data, doubt


def _row_entry(
    scheme: Scheme,
    raw: Mapping[str, npt.NDArray[Any]],
    result: BatchResult,
    row: int,
    entity: str | None,
    period: Period | None,
    names: Iterable[str],
) -> HistoryEntry:
    """The exact view of one row of the batch, with the inputs a trigger reads."""
    inputs: dict[str, MetricValue] = {}
    for name in names:
        metric, column = scheme.metric_map.get(name), raw.get(name)
        if metric is None or column is None:
            continue
        item = column[row]
        try:
            inputs[name] = metric.parse(item.item() if hasattr(item, "item") else item)
        except ValueRejected:
            inputs[name] = None
    total = float(result.total[row])
    band = result.band[row]
    return HistoryEntry(
        entity or "",
        period,  # type: ignore[arg-type]
        None if total != total else Decimal(repr(total)),
        band,
        bool(result.vetoed[row]),
        inputs,
    )


# -- the rule over consecutive periods -----------------------------------------------------


@attrs.frozen
class _Keys:
    """Sorted keys of every known period (the batch's and the earlier history's)."""

    sorted_keys: IntArray
    order: npt.NDArray[np.intp]
    base: int
    stride: int


def _duplicate_problems(scheme: Scheme, identity: BatchIdentity) -> list[Problem]:
    """The same entity and period twice in the batch: a problem on the later row."""
    return [
        Problem(
            scheme.period_field,
            str(identity.periods[row]),
            f"the same entity and period appear twice (also row {first + 1})",
            entity=identity.entities[row],
            row=row,
        )
        for row, first in identity.duplicates()
    ]


def apply_history_batch(
    scheme: Scheme,
    batch_result: BatchResult,
    columns: Mapping[str, Any],
    history: History | Iterable[HistoryEntry] | None = None,
    *,
    identity: BatchIdentity | None = None,
) -> HistoryBatch:
    """Decide the scheme's history rules for every row of a scored batch.

    *batch_result* is what :meth:`Scheme.score_batch <assesskit.scheme.Scheme.score_batch>`
    returned for *columns* (which must include ``entity_id`` and the
    scheme's period field for the rules to see earlier periods). Earlier
    periods come from the batch itself and from *history* (results of
    earlier runs). The answers, including which rows get a "history
    missing" note, equal :func:`~assesskit.pipeline.score_records` on the
    same records.

    *identity* may give the batch's :class:`BatchIdentity` when the caller
    has read it already.

    Raises :class:`~assesskit.errors.InvalidInputError` when the same entity
    and period appear twice in the batch (every such row named), and
    :class:`~assesskit.errors.HistoryError` when an entity and period are
    both in the batch and in *history*.
    """
    rules = tuple(scheme.history_rules)
    size = batch_result.size
    if not rules:
        return HistoryBatch(batch_result, rules, {}, {})
    raw = {name: as_array(col) for name, col in columns.items()}
    if identity is None:
        identity = BatchIdentity.of(scheme, raw, size)
    problems = _duplicate_problems(scheme, identity)
    if problems:
        raise InvalidInputError(problems)
    entities, periods = identity.entities, identity.periods
    dated, known = identity.dated, identity.known
    codes_of = identity.codes_of
    row_codes, row_index = identity.entity_codes, identity.period_index
    earlier = _earlier_entries(scheme, history, codes_of, entities, periods, known)
    params = scheme.params()
    env = _PeriodEnv(scheme, raw, batch_result, periods, dated)

    widest = max(rule.periods for rule in rules) - 1
    past_codes = np.array([codes_of[e.entity_id] for e in earlier], dtype=np.int64)
    past_index = np.array([period_index(e.period) for e in earlier], dtype=np.int64)
    keys = _sorted_keys(
        row_codes[known], row_index[known], past_codes, past_index, row_index[dated], widest
    )

    outcomes: dict[str, npt.NDArray[Any]] = dict(batch_result.outcomes)
    missing_out: dict[str, BoolArray] = {}
    periods_out: dict[str, ObjectArray] = {}
    for rule in rules:
        back = rule.periods - 1
        lo, hi = _windows(keys, row_codes, row_index, known, back)
        present = hi - lo
        fired_by: list[BoolArray] = []
        lacking = np.zeros(size, dtype=bool)
        for trigger in rule.triggers:
            now = _holds_now(scheme, trigger, env, raw, batch_result, entities, periods, params)
            now &= dated
            past = np.concatenate(
                [
                    now[known],
                    np.array(
                        [bool(trigger.condition.exact(EntryEnv(e, params))) for e in earlier],
                        dtype=bool,
                    ),
                ]
            )
            broken = np.concatenate([[0], np.cumsum(~past[keys.order], dtype=np.int64)])
            clean = broken[hi] == broken[lo]
            fired_by.append(now & clean & (present == back))
            lacking |= now & clean & (present < back)
        fired = np.logical_or.reduce(fired_by) if fired_by else np.zeros(size, dtype=bool)
        outcomes[rule.id] = fired
        if rule.triggers_outcome:
            lists = np.empty(size, dtype=object)
            ids = [t.id for t in rule.triggers]
            lists[:] = _new_lists(size)
            for row in np.flatnonzero(fired).tolist():
                lists[row] = [tid for tid, hit in zip(ids, fired_by, strict=True) if hit[row]]
            outcomes[rule.triggers_outcome] = lists
        noted = lacking & ~fired
        missing_out[rule.id] = noted | ~dated
        periods_out[rule.id] = _missing_periods(keys, row_codes, row_index, periods, noted, back)
    return HistoryBatch(
        attrs.evolve(batch_result, outcomes=outcomes), rules, missing_out, periods_out
    )


def _holds_now(
    scheme: Scheme,
    trigger: Trigger,
    env: _PeriodEnv,
    raw: Mapping[str, npt.NDArray[Any]],
    result: BatchResult,
    entities: ObjectArray,
    periods: ObjectArray,
    params: Mapping[str, Any],
) -> BoolArray:
    """Where *trigger* holds on each row of the batch; rows in doubt decided exactly."""
    holds, doubt = _holds(trigger, env)
    if doubt is not None:
        names = trigger.condition.inputs()
        for row in np.flatnonzero(doubt).tolist():
            entry = _row_entry(scheme, raw, result, row, entities[row], periods[row], names)
            holds[row] = bool(trigger.condition.exact(EntryEnv(entry, params)))
    return holds


def _earlier_entries(
    scheme: Scheme,
    history: History | Iterable[HistoryEntry] | None,
    codes_of: Mapping[str, int],
    entities: ObjectArray,
    periods: ObjectArray,
    known: BoolArray,
) -> list[HistoryEntry]:
    """The entries of *history* a row of the batch may look at; a clash is an error."""
    if history is None:
        return []
    entries = history.entries() if isinstance(history, History) else list(history)
    wanted: list[HistoryEntry] = []
    seen: set[tuple[str, Period]] = set()
    for entry in entries:
        key = (entry.entity_id, entry.period)
        if key in seen:
            raise HistoryError(f"{entry.entity_id} {entry.period} appears twice in the history")
        seen.add(key)
        if entry.entity_id in codes_of and entry.period.kind is scheme.period:
            wanted.append(entry)
    for entity, period, row_known in zip(
        entities.tolist(), periods.tolist(), known.tolist(), strict=True
    ):
        if row_known and (entity, period) in seen:
            raise HistoryError(f"{entity} {period} is both in the input and in the history")
    return wanted


def _sorted_keys(
    row_codes: IntArray,
    row_index: IntArray,
    past_codes: IntArray,
    past_index: IntArray,
    asked: IntArray,
    widest: int,
) -> _Keys:
    """Sort the known periods by entity then period.

    Every period a row may ask about (*asked*, back to *widest* periods
    before it) maps into one entity's key range, so no probe can reach
    another entity's periods.
    """
    index = np.concatenate([row_index, past_index])
    every = np.concatenate([index, asked])
    if len(every):
        base = int(every.min()) - widest - 1
        stride = int(every.max()) - base + 2
    else:
        base, stride = 0, 1
    codes = np.concatenate([row_codes, past_codes])
    keys = codes * stride + (index - base)
    order = np.argsort(keys, kind="stable")
    return _Keys(keys[order], order, base, stride)


def _search(keys: _Keys, codes: IntArray, index: IntArray) -> npt.NDArray[np.intp]:
    """How many known periods sort before (entity, period) for each row."""
    probe = codes * keys.stride + np.clip(index - keys.base, 0, keys.stride - 1)
    found: npt.NDArray[np.intp] = np.searchsorted(keys.sorted_keys, probe, side="left")
    return found


def _windows(
    keys: _Keys, codes: IntArray, index: IntArray, known: BoolArray, back: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """For each row, the range of sorted positions holding the *back* periods before it.

    A row that is itself a known period sits in the sorted keys: its own
    position ends its window, and the window's start is searched for with
    probes in sorted order (fast: each search starts near the last one).
    Other rows (without an entity) are searched for one by one.
    """
    size = len(codes)
    lo = np.zeros(size, dtype=np.intp)
    hi = np.zeros(size, dtype=np.intp)
    rows = np.flatnonzero(known)
    # known rows come first in the keys, in row order: their sorted positions
    position = np.empty(len(keys.order), dtype=np.intp)
    position[keys.order] = np.arange(len(keys.order), dtype=np.intp)
    own = position[: len(rows)]
    starts = np.searchsorted(keys.sorted_keys, keys.sorted_keys - back, side="left")
    hi[rows] = own
    lo[rows] = starts[own]
    others = np.flatnonzero(~known)
    if len(others):
        hi[others] = _search(keys, codes[others], index[others])
        lo[others] = _search(keys, codes[others], index[others] - back)
    return lo, hi


def _missing_periods(
    keys: _Keys,
    codes: IntArray,
    index: IntArray,
    periods: ObjectArray,
    noted: BoolArray,
    back: int,
) -> ObjectArray:
    """For each noted row, the earlier periods of its window that are not known (ascending)."""
    out = np.empty(len(codes), dtype=object)
    out.fill(())
    rows = np.flatnonzero(noted)
    if not len(rows):
        return out
    absent: list[BoolArray] = []
    count = len(keys.sorted_keys)
    for step in range(1, back + 1):
        probe = codes[rows] * keys.stride + (index[rows] - step - keys.base)
        at = np.minimum(np.searchsorted(keys.sorted_keys, probe), max(count - 1, 0))
        hit = keys.sorted_keys[at] == probe if count else np.zeros(len(rows), dtype=bool)
        absent.append(~hit)
    # rows of one period missing the same earlier periods share one tuple
    pattern = np.zeros(len(rows), dtype=np.int64)
    for step in range(1, back + 1):
        pattern |= absent[step - 1].astype(np.int64) << (step - 1)
    shared: dict[tuple[Period, int], tuple[Period, ...]] = {}
    for row, bits in zip(rows.tolist(), pattern.tolist(), strict=True):
        period: Period = periods[row]
        found = shared.get((period, bits))
        if found is None:
            found = tuple(
                period.previous(step) for step in range(back, 0, -1) if bits >> (step - 1) & 1
            )
            shared[(period, bits)] = found
        out[row] = found
    return out
