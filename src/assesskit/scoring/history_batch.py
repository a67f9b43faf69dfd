"""History rules for a scored batch: the outcome columns the exact path would add.

The deciding is :mod:`assesskit.scoring.history_stage` (shared with the
streaming command line); this module reads a batch's identity columns,
evaluates the triggers on the batch and on the relevant entries of an
earlier :class:`~assesskit.history.History`, and turns the decision into
what :func:`~assesskit.scoring.exact.apply_history` adds to a result: an
outcome per rule, the triggers that fired, and which rows get a "history …
missing" note.

>>> from assesskit.scoring.history_batch import period_index
>>> from assesskit.periods import Period, PeriodKind
>>> period_index(Period(2026, 1)) - period_index(Period(2025, 12))
1
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._columns import as_array
from assesskit.components import HistoryRule
from assesskit.errors import HistoryError, InvalidInputError, Problem
from assesskit.history import History, HistoryEntry
from assesskit.periods import Period, PeriodKind
from assesskit.results import BatchResult
from assesskit.scoring.history_stage import (
    RuleDecision,
    Timeline,
    batch_bits,
    decide,
    entry_bits,
    history_note,
    period_index,
    row_entry,
)
from assesskit.scoring.identity import BatchIdentity, Factors, duplicate_problem
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

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


# -- the history stage over the batch -------------------------------------------------------


def _duplicate_problems(scheme: SchemeDefinition, identity: BatchIdentity) -> list[Problem]:
    """The same entity and period twice in the batch: a problem on the later row."""
    return [
        duplicate_problem(
            scheme,
            identity.entities[row],
            identity.periods[row],
            None,
            str(identity.periods[row]),
            f"row {first + 1}",
        ).located(identity.entities[row], row)
        for row, first in identity.duplicates()
    ]


def apply_history_batch(
    scheme: SchemeDefinition,
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
    earlier = _earlier_entries(scheme, history, codes_of, entities, periods, known)
    timeline = Timeline.of(
        identity.entity_codes,
        identity.period_index,
        dated,
        known,
        np.array([codes_of[e.entity_id] for e in earlier], dtype=np.int64),
        np.array([period_index(e.period) for e in earlier], dtype=np.int64),
    )

    def exact_entry(row: int) -> HistoryEntry:
        return row_entry(scheme, raw, batch_result, row, entities[row], periods[row])

    bits = np.concatenate(
        [
            batch_bits(scheme, raw, batch_result, periods, dated, exact_entry),
            entry_bits(scheme, earlier),
        ]
    )
    outcomes: dict[str, npt.NDArray[Any]] = dict(batch_result.outcomes)
    missing_out: dict[str, BoolArray] = {}
    periods_out: dict[str, ObjectArray] = {}
    for decision in decide(rules, timeline, bits):
        rule = decision.rule
        fired = decision.any_fired
        outcomes[rule.id] = fired
        if rule.triggers_outcome:
            lists = np.empty(size, dtype=object)
            ids = [t.id for t in rule.triggers]
            lists[:] = _new_lists(size)
            rows = np.flatnonzero(fired)
            for row, hits in zip(rows.tolist(), decision.fired[rows].tolist(), strict=True):
                lists[row] = [tid for tid, hit in zip(ids, hits, strict=True) if hit]
            outcomes[rule.triggers_outcome] = lists
        missing_out[rule.id] = decision.noted
        periods_out[rule.id] = _missing_periods(decision, identity, scheme.period)
    return HistoryBatch(
        attrs.evolve(batch_result, outcomes=outcomes), rules, missing_out, periods_out
    )


def _earlier_entries(
    scheme: SchemeDefinition,
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


def _missing_periods(
    decision: RuleDecision, identity: BatchIdentity, kind: PeriodKind
) -> ObjectArray:
    """For each noted row, the earlier periods missing (ascending); rows alike share a tuple."""
    out = np.empty(len(identity.period_index), dtype=object)
    out.fill(())
    rows, groups, missing = decision.missing_groups(identity.period_index, kind)
    shared = np.empty(len(missing), dtype=object)
    for number, periods in enumerate(missing):
        shared[number] = periods
    out[rows] = shared[groups]
    return out
