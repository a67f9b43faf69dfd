"""What the expressions of a scheme read on the batch path: one chunk of rows as columns."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._scaled import PROBE_PLACES, Scaled, read_decimals
from assesskit.expressions import BatchValue

__all__ = ["NONE", "UNDECIDED", "ChunkDecimals", "ChunkEnv", "Decided", "none_column"]

#: What reading the total, band or vetoes of a chunk before they are decided raises.
UNDECIDED = "the total, band and vetoes of a chunk are read before they are decided"

#: ``None`` as a 0-d object array, broadcast to a read-only column of ``None``.
NONE = np.array(None, dtype=object)


@functools.lru_cache(maxsize=16)
def none_column(size: int) -> npt.NDArray[Any]:
    """A read-only column of *size* ``None``, shared by the chunks of that size."""
    return np.broadcast_to(NONE, (size,))  # read-only: safe to share between chunks


class ChunkDecimals(Mapping[str, Scaled | None]):
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


@attrs.frozen
class Decided:
    """What the engine decides after the vetoes, for the outcomes to read."""

    total: BatchValue
    total_scaled: Scaled | None
    band: BatchValue
    vetoed: BatchValue


class ChunkEnv:
    """Expression environment over one chunk of a batch.

    The vetoes read it as made: inputs, parameters, periods and the
    components' statuses. The total, its band and whether a veto fired
    exist only once :meth:`decide` has been given them; the outcomes read
    them then (a scheme whose veto reads them is refused when built).
    """

    def __init__(
        self,
        size: int,
        columns: Mapping[str, BatchValue],
        params: Mapping[str, Any],
        periods: BatchValue | None,
        decimals: Mapping[str, Scaled | None],
        statuses: Mapping[str, npt.NDArray[Any]],
    ) -> None:
        self.size = size
        self.columns = columns
        self.params = params
        self._periods = periods
        self._decimals = decimals
        self._statuses = statuses
        self._decided: Decided | None = None
        self.outcomes: dict[str, BatchValue] = {}
        self.outcomes_scaled: dict[str, Scaled] = {}

    def decide(self, decided: Decided) -> None:
        """Give the outcomes the chunk's total, band and vetoes."""
        self._decided = decided

    def decided(self) -> Decided:
        """The total, band and vetoes; an error before :meth:`decide`."""
        if self._decided is None:
            raise RuntimeError(UNDECIDED)
        return self._decided

    def component_status(self, component_id: str) -> BatchValue:
        return BatchValue(self._statuses[component_id], faithful=True)

    def component_ids(self) -> list[str]:
        return list(self._statuses)

    def input(self, name: str) -> BatchValue:
        return self.columns[name]

    def param(self, name: str) -> Any:
        return self.params[name]

    def total(self) -> BatchValue:
        return self.decided().total

    def band(self) -> BatchValue:
        return self.decided().band

    def vetoed(self) -> BatchValue:
        return self.decided().vetoed

    def outcome(self, name: str) -> BatchValue:
        return self.outcomes[name]

    def period(self) -> BatchValue:
        if self._periods is None:
            return BatchValue(
                none_column(self.size),
                missing=np.ones(self.size, dtype=bool),
                faithful=True,
            )
        return self._periods

    def decimal(self, name: str) -> Scaled | None:
        return self._decimals.get(name)

    def scaled_total(self) -> Scaled | None:
        return self.decided().total_scaled

    def scaled_outcome(self, name: str) -> Scaled | None:
        return self.outcomes_scaled.get(name)
