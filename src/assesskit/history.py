"""History: earlier published results, for rules over consecutive periods."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from assesskit.errors import HistoryError, clip
from assesskit.metrics import MetricValue, ValueRejected
from assesskit.periods import Period

if TYPE_CHECKING:
    from assesskit.bands import BandTable
    from assesskit.metrics import Metric
    from assesskit.results import Result


class EntryScheme(Protocol):
    """What reading a history entry needs of a scheme (a ``SchemeDefinition``)."""

    @property
    def period_field(self) -> str: ...
    @property
    def bands(self) -> BandTable | None: ...
    @property
    def metric_map(self) -> dict[str, Metric]: ...


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
    def from_json(cls, data: Mapping[str, Any], scheme: EntryScheme) -> HistoryEntry:
        """The entry of one result of an earlier ``assesskit score`` JSON output.

        The result is checked as strictly as an input record: ``total`` is
        ``null`` or a published total (a number from 0 to 100 with at most
        2 decimals), ``band`` ``null`` or a band of *scheme*, ``vetoed``
        ``true`` or ``false``, each input valid for its metric. Raises
        :class:`~assesskit.errors.HistoryError` listing every problem,
        each naming the entity, the period and the field.
        """
        field = scheme.period_field
        try:
            period = Period.parse(data[field])
            entity = data["entity_id"]
            if not isinstance(entity, str) or not entity.strip():
                raise ValueError(f"entity_id {entity!r} is not a text")
        except KeyError as exc:
            raise HistoryError(
                f"history result without a valid entity_id/{field}: {exc.args[0]!r} is missing"
            ) from None
        except (ValueError, TypeError) as exc:
            raise HistoryError(
                f"history result without a valid entity_id/{field}: {clip(str(exc))}"
            ) from None
        where = f"history {entity} {period}"
        problems: list[str] = []
        total = _published_total(data.get("total"))
        if total is _INVALID:
            problems.append(
                f"{where}: field 'total' = {_shown(data.get('total'))}: must be null or a "
                "published total, a number from 0 to 100 with at most 2 decimals"
            )
        band = data.get("band")
        bands = scheme.bands.ids() if scheme.bands is not None else []
        if band is not None and band not in bands:
            known = ", ".join(bands) if bands else "the scheme has no bands"
            problems.append(
                f"{where}: field 'band' = {_shown(band)}: must be null or a band ({known})"
            )
        vetoed = data.get("vetoed", False)
        if not isinstance(vetoed, bool):
            problems.append(f"{where}: field 'vetoed' = {_shown(vetoed)}: must be true or false")
        metrics = scheme.metric_map
        inputs: dict[str, MetricValue] = {}
        given = data.get("inputs") or {}
        if not isinstance(given, Mapping):
            problems.append(f"{where}: field 'inputs' = {_shown(given)}: must be an object")
            given = {}
        for name, raw in given.items():
            metric = metrics.get(name)
            if metric is None:
                continue
            try:
                inputs[name] = metric.parse(raw)
            except ValueRejected as exc:
                problems.append(f"{where}: input {name}={_shown(raw)} {exc}")
        if problems:
            raise HistoryError("\n".join(problems))
        return cls(
            entity,
            period,
            total if isinstance(total, Decimal) else None,
            band,
            bool(vetoed),
            inputs,
        )


def _shown(value: object) -> str:
    """A value from a JSON file as JSON writes it, cut short when long: ``50.123``, ``true``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return clip(str(value))
    return clip(repr(value))


_INVALID = object()
_HUNDRED = Decimal(100)


def _published_total(raw: object) -> Decimal | object | None:
    """A published total from JSON: ``None``, a decimal in [0, 100] with 2 places, or invalid."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        return _INVALID
    value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    if not value.is_finite() or not 0 <= value <= _HUNDRED:
        return _INVALID
    if value != value.quantize(Decimal("0.01"), rounding="ROUND_DOWN"):
        return _INVALID
    return value


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
