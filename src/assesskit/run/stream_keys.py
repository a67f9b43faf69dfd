"""Who and when each record of a streamed input is, kept in a few bytes per record.

A streamed input is never held whole in memory; what is kept of each record
is its entity id, its period index, and whether each trigger of the scheme's
history rules held for it. When every record has been read, the keys give
the same entity and period given twice
(:func:`~assesskit.scoring.identity.duplicate_rows`) and, through the one
history stage (:func:`~assesskit.scoring.history_stage.decide`), each
record's history outcomes — turned here into CSV cells and notes
(:class:`HistoryColumns`) for the streaming front end
(:mod:`assesskit.run.streaming`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from assesskit.periods import Period
from assesskit.scoring.history_stage import (
    RuleDecision,
    Timeline,
    decide,
    history_note,
    period_at,
    period_index,
    row_patterns,
)
from assesskit.scoring.identity import duplicate_rows
from assesskit.text import Lang

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["HistoryColumns", "KeyIndex", "RecordKeys"]

#: Bits of an entity's hash kept as its code (periods take the rest of an int64 key).
_CODE_BITS = 40

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
#: A code per row into a table of cell texts.
Coded = tuple[npt.NDArray[np.intp], tuple[str, ...]]


@attrs.define
class RecordKeys:
    """The keys of every record read so far, added chunk by chunk, then of history entries."""

    triggers: int
    _entities: list[npt.NDArray[np.str_]] = attrs.field(factory=list)
    _hashes: list[IntArray] = attrs.field(factory=list)
    _periods: list[IntArray] = attrs.field(factory=list)
    _bits: list[BoolArray] = attrs.field(factory=list)
    _count: int = 0
    _history: int = 0

    def add(self, entities: Sequence[str], periods: IntArray, bits: BoolArray) -> None:
        """Add a chunk's records: entity ids, period indices, triggers that held (row × trigger)."""
        self._entities.append(np.array(entities, dtype=str))
        # str hashes are computed once per string and cached: a cheap first code, cut to
        # _CODE_BITS so that entity and period make one sortable int64 key
        hashes = np.fromiter(map(hash, entities), dtype=np.int64, count=len(entities))
        self._hashes.append(hashes & ((1 << _CODE_BITS) - 1))
        self._periods.append(np.asarray(periods, dtype=np.int64))
        self._bits.append(np.asarray(bits, dtype=bool).reshape(len(entities), self.triggers))
        self._count += len(entities)

    def add_history(self, entity: str, period: Period, bits: Sequence[bool]) -> None:
        """Add an entry of a ``--history`` file (once every record of the input is in)."""
        self.add([entity], np.array([period_index(period)]), np.array([bits], dtype=bool))
        self._history += 1

    def index(self) -> KeyIndex:
        """Every record's keys, once all are in.

        Entities are coded by their hash; two entities sharing one would be
        taken for one, so the codes are checked and, if two ids ever share a
        hash, the entities are coded by sorting their ids instead (slower,
        always exact).
        """
        if self._entities:
            entities = np.concatenate(self._entities)
            numbers = np.concatenate(self._periods)
            bits = np.concatenate(self._bits)
            codes = np.concatenate(self._hashes)
        else:
            entities = np.zeros(0, dtype=str)
            codes = numbers = np.zeros(0, dtype=np.int64)
            bits = np.zeros((0, self.triggers), dtype=bool)
        if not _one_id_per_code(codes, entities):
            _, exact = np.unique(entities, return_inverse=True)
            codes = exact.astype(np.int64).ravel()
        return KeyIndex(self._count - self._history, codes, numbers, bits, entities)


def _one_id_per_code(codes: IntArray, entities: npt.NDArray[np.str_]) -> bool:
    """Whether equal codes always stand for equal ids."""
    order = np.argsort(codes, kind="stable")
    same = codes[order][1:] == codes[order][:-1]
    ids = entities[order]
    return bool(np.all(ids[1:][same] == ids[:-1][same]))


@attrs.frozen
class KeyIndex:
    """The keys of all records: the input's first (``inputs`` of them), then history entries."""

    inputs: int
    codes: IntArray
    periods: IntArray
    bits: BoolArray
    entities: npt.NDArray[np.str_]

    def entity(self, row: int) -> str:
        """The entity id of row *row*."""
        return str(self.entities[row])

    def period(self, row: int, scheme: Scheme) -> Period:
        """The period of row *row*."""
        return period_at(int(self.periods[row]), scheme.period)

    def duplicates(self) -> list[tuple[int, int]]:
        """``(row, first)``: input rows whose entity and period an earlier input row has."""
        return [(row, first) for row, first in self._repeats() if row < self.inputs]

    def in_history(self) -> int | None:
        """The first input row (in input order) whose entity and period a history entry has."""
        clashes = [
            first for row, first in self._repeats() if row >= self.inputs and first < self.inputs
        ]
        return min(clashes) if clashes else None

    def _repeats(self) -> list[tuple[int, int]]:
        every = np.ones(len(self.codes), dtype=bool)
        return duplicate_rows(self.codes, self.periods, known=every)

    def decide(self, scheme: Scheme) -> list[RuleDecision]:
        """The scheme's history rules decided for every input row (the one history stage)."""
        dated = np.ones(len(self.codes), dtype=bool)
        timeline = Timeline(self.codes, self.periods, dated, dated, self.inputs)
        return decide(scheme.history_rules, timeline, self.bits)


@attrs.frozen
class HistoryColumns:
    """Per input row: each history rule's outcome and fired triggers, and the notes it leaves."""

    fired: dict[str, BoolArray]
    triggered: dict[str, Coded]
    notes: list[Coded]

    @classmethod
    def resolve(cls, scheme: Scheme, index: KeyIndex, lang: Lang) -> HistoryColumns:
        """The CSV cells of every history rule for every input row (as ``apply_history``)."""
        fired: dict[str, BoolArray] = {}
        triggered: dict[str, Coded] = {}
        notes: list[Coded] = []
        periods = index.periods[: index.inputs]
        for decision in index.decide(scheme):
            rule = decision.rule
            fired[rule.id] = decision.any_fired
            if rule.triggers_outcome:
                triggered[rule.triggers_outcome] = _trigger_cells(decision)
            notes.append(_note_cells(scheme, decision, periods, lang))
        return cls(fired, triggered, notes)


def _trigger_cells(decision: RuleDecision) -> Coded:
    """The fired triggers of each row, ``;``-joined: a code per row into the combinations."""
    ids = [t.id for t in decision.rule.triggers]
    codes, table = row_patterns(decision.fired)
    cells = tuple(";".join(i for i, hit in zip(ids, row, strict=True) if hit) for _, row in table)
    return codes, cells


def _note_cells(scheme: Scheme, decision: RuleDecision, periods: IntArray, lang: Lang) -> Coded:
    """The "history … missing" note of every row (code 0: no note)."""
    rows, groups, missing = decision.missing_groups(periods, scheme.period)
    codes = np.zeros(len(decision.missing), dtype=np.intp)
    codes[rows] = groups + 1
    table = ["", *(history_note(decision.rule, shown).get(lang) for shown in missing)]
    return codes, tuple(table)
