"""What the expressions of a scheme read on the batch path: one chunk of rows as columns."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from assesskit._scaled import PROBE_PLACES, Scaled, read_decimals
from assesskit.expressions import BatchValue

__all__ = ["NONE", "ChunkDecimals", "ChunkEnv", "none_column"]

#: ``None`` as a 0-d object array, broadcast to a read-only column of ``None``.
NONE = np.array(None, dtype=object)


@functools.lru_cache(maxsize=16)
def _constant_column(kind: str, size: int) -> npt.NDArray[Any]:
    values: dict[str, npt.NDArray[Any]] = {
        "none": NONE,
        "nan": np.array(np.nan),
        "false": np.array(False),
    }
    return np.broadcast_to(values[kind], (size,))  # read-only: safe to share between chunks


def none_column(size: int) -> npt.NDArray[Any]:
    """A read-only column of *size* ``None``, shared by the chunks of that size."""
    return _constant_column("none", size)


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


class ChunkEnv:
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
        self.total_value = BatchValue(_constant_column("nan", size))
        self.total_scaled: Scaled | None = None
        self.band_value = BatchValue(none_column(size))
        self.vetoed_value = BatchValue(_constant_column("false", size), faithful=True)
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
                none_column(self.size),
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
