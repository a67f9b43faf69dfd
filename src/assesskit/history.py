"""History: earlier published results, for rules over consecutive periods."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from assesskit.errors import HistoryError
from assesskit.metrics import MetricValue, ValueRejected
from assesskit.periods import Period

if TYPE_CHECKING:
    from assesskit.results import Result
    from assesskit.scheme import Scheme

__all__ = ["History", "HistoryEntry"]


@attrs.frozen
class HistoryEntry:
    """What a history rule may read of an earlier period: its published result."""

    entity_id: str
    period: Period
    total: Decimal | None
    band: str | None
    vetoed: bool
    inputs: Mapping[str, MetricValue]

    @classmethod
    def from_result(cls, result: Result) -> HistoryEntry:
        """The entry of a result scored in this run."""
        if result.entity_id is None or result.period is None:
            raise HistoryError("a result used as history needs an entity_id and a period")
        return cls(
            result.entity_id,
            result.period,
            result.total,
            result.band_id,
            result.vetoed,
            dict(result.inputs),
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any], scheme: Scheme) -> HistoryEntry:
        """The entry of one result of an earlier ``assesskit score`` JSON output."""
        field = scheme.period_field
        try:
            period = Period.parse(data[field])
            entity = str(data["entity_id"])
        except (KeyError, ValueError) as exc:
            raise HistoryError(f"history result without a valid entity_id/{field}: {exc}") from None
        total = data.get("total")
        metrics = scheme.metric_map
        inputs: dict[str, MetricValue] = {}
        for name, raw in (data.get("inputs") or {}).items():
            metric = metrics.get(name)
            if metric is None:
                continue
            try:
                inputs[name] = metric.parse(raw)
            except ValueRejected as exc:
                raise HistoryError(
                    f"history {entity} {period}: input {name}={raw!r} {exc}"
                ) from None
        return cls(
            entity,
            period,
            None if total is None else Decimal(str(total)),
            data.get("band"),
            bool(data.get("vetoed", False)),
            inputs,
        )


class History:
    """Earlier results by entity and period; the same entity and period twice is an error."""

    def __init__(self, entries: Iterable[HistoryEntry] = ()) -> None:
        self._entries: dict[tuple[str, Period], HistoryEntry] = {}
        for entry in entries:
            self.add(entry)

    @classmethod
    def from_results(cls, results: Iterable[Result]) -> History:
        """History made of results (for example the earlier months of the same input)."""
        return cls(HistoryEntry.from_result(r) for r in results)

    def add(self, entry: HistoryEntry) -> None:
        """Add an entry; raise :class:`HistoryError` if its entity and period are known."""
        key = (entry.entity_id, entry.period)
        if key in self._entries:
            raise HistoryError(f"{entry.entity_id} {entry.period} appears twice in the history")
        self._entries[key] = entry

    def get(self, entity_id: str, period: Period) -> HistoryEntry | None:
        """The entry of *entity_id* in *period*, if known."""
        return self._entries.get((entity_id, period))

    def entries(self) -> list[HistoryEntry]:
        """Every entry, in the order added."""
        return list(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries


class EntryEnv:
    """Expression environment over a history entry (for history-rule triggers)."""

    def __init__(self, entry: HistoryEntry, params: Mapping[str, Any]) -> None:
        self.entry = entry
        self._params = params

    def input(self, name: str) -> Any:
        return self.entry.inputs.get(name)

    def param(self, name: str) -> Any:
        return self._params[name]

    def total(self) -> Decimal | None:
        return self.entry.total

    def band(self) -> str | None:
        return self.entry.band

    def vetoed(self) -> bool:
        return self.entry.vetoed

    def outcome(self, name: str) -> Any:
        return None

    def component_status(self, component_id: str) -> str | None:
        return None

    def component_ids(self) -> list[str]:
        return []

    def period(self) -> Period | None:
        return self.entry.period


def as_fraction(value: Decimal | None) -> Fraction | None:
    """A published decimal as an exact fraction."""
    return None if value is None else Fraction(value)
