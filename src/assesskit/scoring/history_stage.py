"""History rules over many records at once: the one vectorised history stage.

"Three consecutive months at 60 or below" is decided for every record of a
batch, a stream or a Dask partition by the same two steps:

1. **trigger bits** — for each record, whether each trigger of each history
   rule holds for it (:func:`batch_bits` over a scored batch, with rows that
   float noise leaves in doubt decided exactly; :func:`entry_bits` for the
   entries of an earlier :class:`~assesskit.history.History`, exactly);
2. **windows** — :func:`decide` looks, for every record, at the
   ``periods − 1`` periods before it among all known records (the input's
   and the history's, by entity and period) and says which triggers fired
   and which earlier periods were missing.

The exact per-record path (:func:`~assesskit.scoring.exact.apply_history`)
is the reference: the answers and the "history … missing" notes here are
its answers, and property tests hold them equal. The front ends only read
their records' keys and turn the decision into their own output (outcome
columns, CSV cells, a Dask frame).

>>> from assesskit.periods import Period
>>> period_index(Period(2026, 1)) - period_index(Period(2025, 12))
1
>>> str(period_at(period_index(Period(2026, 7)), Period(2026, 7).kind))
'2026-07'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._columns import check_column, missing_column
from assesskit.components import HistoryRule, Trigger
from assesskit.expressions import BatchValue
from assesskit.history import EntryEnv, HistoryEntry
from assesskit.metrics import MetricValue, ValueRejected
from assesskit.periods import Period, PeriodKind
from assesskit.results import BatchResult
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = [
    "ResultEnv",
    "RuleDecision",
    "Timeline",
    "batch_bits",
    "decide",
    "entry_bits",
    "history_note",
    "period_at",
    "period_index",
    "row_entry",
    "row_patterns",
    "triggers_of",
]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
ObjectArray = npt.NDArray[np.object_]


def period_index(period: Period) -> int:
    """Consecutive periods have consecutive indices: months count from year 0, years are years."""
    return period.year if period.month is None else period.year * 12 + period.month - 1


def period_at(index: int, kind: PeriodKind) -> Period:
    """The period of *kind* whose :func:`period_index` is *index*."""
    if kind is PeriodKind.ANNUAL:
        return Period(index)
    return Period(index // 12, index % 12 + 1)


def history_note(rule: HistoryRule, missing: Sequence[Period]) -> Text:
    """The note of a record whose *rule* could not be checked: the one wording of every path.

    *missing* are the earlier periods that were missing, earliest first;
    empty when the record had no period at all.
    """
    if not missing:
        return Text(
            f"no period given: the {rule.id} rule could not be checked",
            f"未给出考核期:无法判断“{rule.label.zh}”",
        )
    shown = ", ".join(str(p) for p in missing)
    return Text(
        f"history for {shown} missing: the {rule.id} rule could not be checked",
        f"缺少 {shown} 的考核结果:无法判断“{rule.label.zh}”",
    )


def triggers_of(scheme: SchemeDefinition) -> list[Trigger]:
    """Every trigger of the scheme's history rules: rule by rule, in declaration order.

    This is the order of the columns of :func:`batch_bits` and :func:`entry_bits`.
    """
    return [trigger for rule in scheme.history_rules for trigger in rule.triggers]


# -- step 1: trigger bits --------------------------------------------------------------------


def entry_bits(scheme: SchemeDefinition, entries: Sequence[HistoryEntry]) -> BoolArray:
    """Whether each trigger holds for each history entry, decided exactly (entries × triggers)."""
    triggers = triggers_of(scheme)
    params = scheme.params()
    bits = np.zeros((len(entries), len(triggers)), dtype=bool)
    for row, entry in enumerate(entries):
        env = EntryEnv(entry, params)
        for column, trigger in enumerate(triggers):
            bits[row, column] = bool(trigger.condition.exact(env))
    return bits


class ResultEnv:
    """What a history trigger reads of a scored batch: inputs, total, band, vetoed and period.

    The batch form of :class:`~assesskit.history.EntryEnv`: outcomes and
    component statuses are not part of a history entry, so they read as
    missing here too.
    """

    def __init__(
        self,
        scheme: SchemeDefinition,
        raw: Mapping[str, Any],
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
            if metric is None:
                value = _nothing(self.size)
            elif column is None:  # an optional input not given: missing, as the batch reads it
                value = missing_column(metric, self.size)
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
        return _nothing(self.size)

    def component_ids(self) -> list[str]:
        return []


def _nothing(size: int) -> BatchValue:
    return BatchValue(
        np.full(size, None, dtype=object), missing=np.ones(size, dtype=bool), faithful=True
    )


def row_entry(
    scheme: SchemeDefinition,
    raw: Mapping[str, Any],
    result: BatchResult,
    row: int,
    entity: str | None,
    period: Period | None,
) -> HistoryEntry:
    """The exact view of one row of a scored batch: what a history entry of it would hold.

    Inputs are read from the *raw* cells with the metric's exact reading
    (a float means its shortest decimal); the total is the published one.
    """
    inputs: dict[str, MetricValue] = {}
    for name, column in raw.items():
        metric = scheme.metric_map.get(name)
        if metric is None:
            continue
        item = column[row]
        try:
            inputs[name] = metric.parse(item.item() if hasattr(item, "item") else item)
        except ValueRejected:
            inputs[name] = None
    total = float(result.total[row])
    return HistoryEntry(
        entity or "",
        period,  # type: ignore[arg-type]
        None if total != total else Decimal(repr(total)),
        result.band[row],
        bool(result.vetoed[row]),
        inputs,
    )


def batch_bits(
    scheme: SchemeDefinition,
    raw: Mapping[str, Any],
    result: BatchResult,
    periods: ObjectArray,
    dated: BoolArray,
    exact_entry: Callable[[int], HistoryEntry],
) -> BoolArray:
    """Whether each trigger holds for each row of a scored batch (rows × triggers).

    *raw* are the batch's input columns, *result* its scores, *periods* each
    row's :class:`~assesskit.periods.Period` (``dated`` where there is one).
    A trigger never holds on a row without a period. Rows where float noise
    could change a comparison are decided exactly on ``exact_entry(row)``.
    """
    triggers = triggers_of(scheme)
    size = result.size
    bits = np.zeros((size, len(triggers)), dtype=bool)
    if not triggers:
        return bits
    env = ResultEnv(scheme, raw, result, periods, dated)
    unsure = np.zeros(size, dtype=bool)
    for column, trigger in enumerate(triggers):
        value = trigger.condition.batch(env)
        data = np.broadcast_to(np.asarray(value.data, dtype=bool), (size,))
        if value.missing is not None:
            data = data & ~np.broadcast_to(value.missing, (size,))
        bits[:, column] = data & dated
        if value.doubt is not None:
            unsure |= np.broadcast_to(value.doubt, (size,))
    unsure &= dated
    if unsure.any():
        params = scheme.params()
        for row in np.flatnonzero(unsure).tolist():
            env_row = EntryEnv(exact_entry(row), params)
            bits[row] = [bool(t.condition.exact(env_row)) for t in triggers]
    return bits


def row_patterns(
    matrix: BoolArray, lead: IntArray | None = None
) -> tuple[npt.NDArray[np.intp], list[tuple[int, tuple[bool, ...]]]]:
    """Each row's (lead value, row of *matrix*) as a code into the distinct pairs, in order.

    *lead* (default 0) is a small int per row, such as a period index.

    >>> codes, table = row_patterns(np.array([[True, False], [False, False], [True, False]]))
    >>> codes.tolist(), table
    ([1, 0, 1], [(0, (False, False)), (0, (True, False))])
    """
    lead = np.zeros(len(matrix), dtype=np.int64) if lead is None else lead
    width = matrix.shape[1]
    if width <= 40:  # a bit per column beside the lead value (a period index) in one int64
        bits = matrix.astype(np.int64) @ np.left_shift(1, np.arange(width, dtype=np.int64))
        distinct, inverse = np.unique((lead << width) | bits, return_inverse=True)
        table = [
            (key >> width, tuple(bool(key >> c & 1) for c in range(width)))
            for key in distinct.tolist()
        ]
    else:
        keys = np.concatenate([lead[:, None], matrix.astype(np.int64)], axis=1)
        distinct_rows, inverse = np.unique(keys, axis=0, return_inverse=True)
        table = [(row[0], tuple(bool(v) for v in row[1:])) for row in distinct_rows.tolist()]
    return inverse.astype(np.intp).ravel(), table


# -- step 2: windows over consecutive periods --------------------------------------------------


@attrs.frozen
class Timeline:
    """Whom and when each record is: the input's records first, then earlier history entries.

    ``entity`` holds a code per record (equal codes: the same entity; any
    int64), ``index`` its :func:`period_index`, ``dated`` whether it has a
    period and ``known`` whether other records may see it as an earlier
    period (its entity and period are known); ``inputs`` is how many of the
    records are the input's (the rest, history entries, are dated and
    known). Only the input's records get a decision.
    """

    entity: IntArray
    index: IntArray
    dated: BoolArray
    known: BoolArray
    inputs: int

    @classmethod
    def of(
        cls,
        entity: IntArray,
        index: IntArray,
        dated: BoolArray,
        known: BoolArray,
        past_entity: IntArray | None = None,
        past_index: IntArray | None = None,
    ) -> Timeline:
        """The input's records, then history entries (*past_entity*, *past_index*) if any."""
        inputs = len(entity)
        if past_entity is None or past_index is None or not len(past_entity):
            return cls(entity, index, dated, known, inputs)
        extra = np.ones(len(past_entity), dtype=bool)
        return cls(
            np.concatenate([entity, past_entity]),
            np.concatenate([index, past_index]),
            np.concatenate([dated, extra]),
            np.concatenate([known, extra]),
            inputs,
        )


@attrs.frozen
class RuleDecision:
    """One history rule decided for every input record.

    ``fired`` holds, per record and per trigger of the rule (in the rule's
    order), whether that trigger fired: it held now and in each of the
    earlier periods, all known. ``missing`` holds, per record and per step
    back (column ``b − 1`` for ``b`` periods back), whether that earlier
    period was missing *and* the rule is undecided for want of it (no
    trigger fired; a trigger held wherever it was known); ``undated`` the
    records without a period (the rule cannot be checked at all). Exactly
    :func:`~assesskit.scoring.exact.apply_history`'s answer and notes.
    """

    rule: HistoryRule
    fired: BoolArray
    missing: BoolArray
    undated: BoolArray

    @property
    def any_fired(self) -> BoolArray:
        """Whether the rule fired for each record (any of its triggers)."""
        out: BoolArray = np.logical_or.reduce(self.fired, axis=1, initial=False)
        return out

    @property
    def noted(self) -> BoolArray:
        """Records whose result carries a note that the rule could not be checked."""
        out: BoolArray = np.logical_or.reduce(self.missing, axis=1, initial=False)
        return out | self.undated

    def missing_groups(
        self, index: IntArray, kind: PeriodKind
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], list[tuple[Period, ...]]]:
        """Rows whose note names missing periods, a group per such row, each group's periods.

        *index* is each record's :func:`period_index`; rows of one period
        missing the same earlier periods share a group (and so a note).
        """
        rows = np.flatnonzero(np.logical_or.reduce(self.missing, axis=1, initial=False))
        groups, table = row_patterns(self.missing[rows], index[rows])
        missing = [
            tuple(
                period_at(lead, kind).previous(b) for b in range(len(steps), 0, -1) if steps[b - 1]
            )
            for lead, steps in table
        ]
        return rows, groups, missing


@attrs.frozen
class _Lookup:
    """The known records sorted by (entity, period), and how to probe them."""

    sorted_keys: IntArray
    order: npt.NDArray[np.intp]
    keys: IntArray  # every record's key (meaningful where dated)


def _lookup(timeline: Timeline, widest: int) -> _Lookup:
    """Key every record by entity then period and sort the known ones.

    A key is ``entity × stride + period``, the stride wide enough that no
    probe back from one entity's period reaches another's. Entity codes are
    used as they are when the keys fit in 63 bits, else numbered densely
    first (a sort more).
    """
    index = timeline.index
    dated = timeline.dated
    if dated.any():
        base = int(index[dated].min()) - widest - 1
        stride = int(index[dated].max()) - base + 2
    else:
        base, stride = 0, 1
    entity = timeline.entity
    low = int(entity.min()) if len(entity) else 0
    high = int(entity.max()) if len(entity) else 0
    if (high - low + 1) * stride < 1 << 62:
        dense = entity - low
    else:
        _, inverse = np.unique(entity, return_inverse=True)
        dense = inverse.astype(np.int64).ravel()
    keys = dense * stride + np.clip(index - base, 0, stride - 1)
    known = np.flatnonzero(timeline.known)
    order = known[np.argsort(keys[known], kind="stable")]
    return _Lookup(keys[order], order, keys)


def _key_order(lookup: _Lookup, known: BoolArray, inputs: int) -> npt.NDArray[np.intp]:
    """The input records in key order: the lookup's own order when it holds them alone."""
    if len(lookup.order) == inputs and len(known) == inputs:
        return lookup.order  # every record an input, every one known: sorted already
    order: npt.NDArray[np.intp] = np.argsort(lookup.keys[:inputs], kind="stable")
    return order


def decide(rules: Sequence[HistoryRule], timeline: Timeline, bits: BoolArray) -> list[RuleDecision]:
    """Decide every history rule for every input record of *timeline*.

    *bits* holds, for every record of the timeline (history entries
    included), whether each trigger holds (columns in :func:`triggers_of`
    order). The same entity and period given twice must have been refused
    before: which record would count is undefined.
    """
    decisions: list[RuleDecision] = []
    if not rules:
        return decisions
    inputs = timeline.inputs
    widest = max(rule.periods for rule in rules) - 1
    lookup = _lookup(timeline, widest)
    dated = timeline.dated[:inputs]
    count = len(lookup.sorted_keys)
    # probes in key order: a sorted search resumes where the last one ended (5x faster)
    needles = lookup.keys[:inputs]
    by_key = _key_order(lookup, timeline.known, inputs)
    earlier: list[tuple[BoolArray, npt.NDArray[np.intp]]] = []
    for back in range(1, widest + 1):
        at = np.zeros(inputs, np.intp)
        at[by_key] = np.searchsorted(lookup.sorted_keys, needles[by_key] - back)
        np.minimum(at, max(count - 1, 0), out=at)
        wanted = needles - back
        found = (lookup.sorted_keys[at] == wanted) & dated if count else np.zeros(inputs, bool)
        earlier.append((found, lookup.order[at] if count else np.zeros(inputs, np.intp)))
    column = 0
    for rule in rules:
        steps = rule.periods - 1
        fired = np.zeros((inputs, len(rule.triggers)), dtype=bool)
        missing = np.zeros((inputs, steps), dtype=bool)
        for number in range(len(rule.triggers)):
            trigger_bits = bits[:, column + number]
            holds = trigger_bits[:inputs] & dated
            complete = np.ones(inputs, dtype=bool)
            for found, entry in earlier[:steps]:
                holds &= ~found | trigger_bits[entry]
                complete &= found
            fired[:, number] = holds & complete
            for step, (found, _) in enumerate(earlier[:steps]):
                missing[:, step] |= holds & ~found
        column += len(rule.triggers)
        missing[fired.any(axis=1)] = False
        decisions.append(RuleDecision(rule, fired, missing, ~dated))
    return decisions
