"""Who and when each record of a streamed input is: duplicates and history rules, vectorised.

A streamed input is never held whole in memory; what is kept of each record
is its entity id, its period (as a month or year number), its file and
line, and whether each trigger of the scheme's history rules held for it: a
few dozen bytes. When every record has been read, sorting those keys finds
the same entity and period given twice, and looking keys up finds, for
every record, the earlier periods a history rule needs (from the same input
or from ``--history`` files).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from assesskit.periods import Period, PeriodKind
from assesskit.text import Lang, Text

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["HistoryColumns", "RecordKeys", "ordinal", "period_of"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# entity code and period number in one int64: the period number takes the low bits
_PERIOD_BITS = 21


def ordinal(period: Period) -> int:
    """A period as a number: consecutive months (or years) are consecutive numbers."""
    return period.year if period.month is None else period.year * 12 + period.month - 1


def period_of(number: int, kind: PeriodKind) -> Period:
    """The period a number of :func:`ordinal` stands for."""
    if kind is PeriodKind.ANNUAL:
        return Period(number)
    return Period(number // 12, number % 12 + 1)


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
        """Add a chunk's records: entity ids, period numbers, triggers that held (row × trigger)."""
        self._entities.append(np.array(entities, dtype=str))
        # str hashes are computed once per string and cached: a cheap first code
        self._hashes.append(np.fromiter(map(hash, entities), dtype=np.int64, count=len(entities)))
        self._periods.append(np.asarray(periods, dtype=np.int64))
        self._bits.append(np.asarray(bits, dtype=bool).reshape(len(entities), self.triggers))
        self._count += len(entities)

    def add_history(self, entity: str, period: Period, bits: Sequence[bool]) -> None:
        """Add an entry of a ``--history`` file (once every record of the input is in)."""
        self.add([entity], np.array([ordinal(period)]), np.array([bits], dtype=bool))
        self._history += 1

    def index(self, back: int = 0) -> KeyIndex:
        """Sort the keys once every record is in; lookups will go up to *back* periods back.

        Entities are coded by a part of their hash; two entities sharing it
        would be taken for one, so the index checks every pair of keys it
        matches and, if it ever meets such a pair, codes the entities by
        sorting their ids instead (slower, always exact).
        """
        inputs = self._count - self._history
        if self._entities:
            entities = np.concatenate(self._entities)
            numbers = np.concatenate(self._periods)
            bits = np.concatenate(self._bits)
            codes = np.concatenate(self._hashes) & ((1 << (63 - _PERIOD_BITS)) - 1)
        else:
            entities = np.zeros(0, dtype=str)
            codes = numbers = np.zeros(0, dtype=np.int64)
            bits = np.zeros((0, self.triggers), dtype=bool)
        index = KeyIndex.of(inputs, codes, numbers, bits, entities)
        if index.consistent(back):
            return index
        _, exact = np.unique(entities, return_inverse=True)
        return KeyIndex.of(inputs, exact.astype(np.int64).ravel(), numbers, bits, entities)


@attrs.frozen
class KeyIndex:
    """The keys of all records (inputs first, then history entries), sorted."""

    inputs: int
    keys: IntArray
    order: npt.NDArray[np.intp]
    sorted_keys: IntArray
    periods: IntArray
    bits: BoolArray
    entities: npt.NDArray[np.str_]

    @classmethod
    def of(
        cls,
        inputs: int,
        codes: IntArray,
        numbers: IntArray,
        bits: BoolArray,
        entities: npt.NDArray[np.str_],
    ) -> KeyIndex:
        """Sort the keys made of entity *codes* and period *numbers*."""
        keys = (codes << _PERIOD_BITS) | numbers
        order = np.argsort(keys, kind="stable")
        return cls(inputs, keys, order, keys[order], numbers, bits, entities)

    def entity(self, row: int) -> str:
        """The entity id of row *row*."""
        return str(self.entities[row])

    def consistent(self, back: int) -> bool:
        """Whether keys that match (equal, or up to *back* periods apart) are of one entity."""
        same = np.flatnonzero(self.sorted_keys[1:] == self.sorted_keys[:-1]) + 1
        rows = self.order[same]
        if not np.array_equal(self.entities[rows], self.entities[self.order[same - 1]]):
            return False
        for periods in range(1, back + 1):
            found, entry = self.earlier(periods)
            wanted = np.flatnonzero(found)
            if not np.array_equal(self.entities[wanted], self.entities[entry[wanted]]):
                return False
        return True

    def duplicates(self) -> list[tuple[int, int]]:
        """``(row, first)``: input rows whose entity and period an earlier input row has."""
        same = np.flatnonzero(self.sorted_keys[1:] == self.sorted_keys[:-1]) + 1
        if not len(same):
            return []
        # the first row of each run of equal keys (the stable sort keeps input order)
        starts = np.ones(len(self.sorted_keys), dtype=bool)
        starts[same] = False
        first = np.maximum.accumulate(np.where(starts, np.arange(len(starts)), 0))
        out = []
        for position in same.tolist():
            row, head = int(self.order[position]), int(self.order[first[position]])
            if row < self.inputs and head < self.inputs:
                out.append((row, head))
        return sorted(out)

    def in_history(self) -> int | None:
        """The first input row (in input order) whose entity and period a history entry has."""
        same = np.flatnonzero(self.sorted_keys[1:] == self.sorted_keys[:-1]) + 1
        rows = [
            int(self.order[p - 1])
            for p in same.tolist()
            if self.order[p] >= self.inputs and self.order[p - 1] < self.inputs
        ]
        return min(rows) if rows else None

    def earlier(self, back: int) -> tuple[BoolArray, npt.NDArray[np.intp]]:
        """For every input row: whether the entity has a record *back* periods before, and which."""
        wanted = self.keys[: self.inputs] - back
        position = np.searchsorted(self.sorted_keys, wanted)
        position = np.minimum(position, len(self.sorted_keys) - 1)
        found = self.sorted_keys[position] == wanted if len(self.sorted_keys) else wanted < 0
        return found, self.order[position]


@attrs.frozen
class HistoryColumns:
    """Per input row: each history rule's outcome and fired triggers, and the notes it leaves."""

    fired: dict[str, BoolArray]
    triggered: dict[str, tuple[npt.NDArray[np.intp], tuple[str, ...]]]
    notes: list[tuple[npt.NDArray[np.intp], tuple[str, ...]]]

    @classmethod
    def resolve(cls, scheme: Scheme, index: KeyIndex, lang: Lang) -> HistoryColumns:
        """Evaluate every history rule of *scheme* for every input row (as ``apply_history``)."""
        fired: dict[str, BoolArray] = {}
        triggered: dict[str, tuple[npt.NDArray[np.intp], tuple[str, ...]]] = {}
        notes: list[tuple[npt.NDArray[np.intp], tuple[str, ...]]] = []
        rows = index.inputs
        column = 0
        for rule in scheme.history_rules:
            backs = list(range(1, rule.periods))
            earlier = [index.earlier(back) for back in backs]
            lacking = np.zeros((rows, len(backs)), dtype=bool)
            fired_code = np.zeros(rows, dtype=np.intp)
            for number, _trigger in enumerate(rule.triggers):
                holds = index.bits[:rows, column + number].copy()
                complete = np.ones(rows, dtype=bool)
                for found, entry in earlier:
                    holds &= ~found | index.bits[entry, column + number]
                    complete &= found
                for position, (found, _) in enumerate(earlier):
                    lacking[:, position] |= holds & ~found
                fired_code |= (holds & complete).astype(np.intp) << number
            column += len(rule.triggers)
            ids = [t.id for t in rule.triggers]
            table = tuple(
                ";".join(ids[n] for n in range(len(ids)) if code >> n & 1)
                for code in range(1 << len(ids))
            )
            fired[rule.id] = fired_code > 0
            if rule.triggers_outcome:
                triggered[rule.triggers_outcome] = (fired_code, table)
            notes.append(_notes(scheme, rule.id, rule.label, index, lacking, fired_code, lang))
        return cls(fired, triggered, notes)


def _notes(
    scheme: Scheme,
    rule_id: str,
    label: Text,
    index: KeyIndex,
    lacking: BoolArray,
    fired: npt.NDArray[np.intp],
    lang: Lang,
) -> tuple[npt.NDArray[np.intp], tuple[str, ...]]:
    """The "history … missing" note of every row (code 0: no note)."""
    rows = index.inputs
    mask = np.zeros(rows, dtype=np.int64)
    for position in range(lacking.shape[1]):
        mask |= lacking[:, position].astype(np.int64) << position
    mask[fired > 0] = 0
    noted = mask > 0
    width = lacking.shape[1]
    combined = np.where(noted, (index.periods[:rows] << width) | mask, -1)
    distinct, codes = np.unique(combined, return_inverse=True)
    table = []
    for value in distinct.tolist():
        if value < 0:
            table.append("")
            continue
        number, bits = value >> width, value & ((1 << width) - 1)
        # the missing periods, earliest first
        missing = [
            period_of(number - (p + 1), scheme.period)
            for p in range(width - 1, -1, -1)
            if bits >> p & 1
        ]
        shown = ", ".join(str(p) for p in missing)
        note = Text(
            f"history for {shown} missing: the {rule_id} rule could not be checked",
            f"缺少 {shown} 的考核結果:無法判斷“{label.zh}”",
        )
        table.append(note.get(lang))
    return codes.astype(np.intp).ravel(), tuple(table)
