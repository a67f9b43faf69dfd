"""Text outcomes with few distinct values, kept as a code per row into a table of texts.

The table is found once per batch (:func:`text_table`), each chunk computes
its codes (:func:`chunk_text_codes`), and the texts become Python strings
only when the outcome is read (:class:`BatchOutcomes`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray
from assesskit.expressions import Expr
from assesskit.expressions.node import text_codes_of, text_table_of
from assesskit.results import BatchResult

if TYPE_CHECKING:
    from assesskit.scoring._batch_env import ChunkEnv
    from assesskit.scoring._batch_periods import BatchPeriods

__all__ = ["BatchOutcomes", "chunk_text_codes", "text_codes", "text_table"]


def text_table(expr: Expr, periods: BatchPeriods | None) -> tuple[str | None, ...] | None:
    """The texts an outcome with few distinct values can take (its node's ``text_table``).

    Such outcomes (``withheld`` / ``payable``, the month a bonus is paid in:
    constants, ``NextPeriod``, ``NoValue`` and ``Where`` of them) take few
    distinct values: each is computed once, and every row carries a code into
    this table. ``None`` for any other expression.
    """
    return text_table_of(expr, periods)


def chunk_text_codes(
    expr: Expr, env: ChunkEnv, periods: BatchPeriods | None, part: slice
) -> tuple[npt.NDArray[np.intp] | int, BoolArray | None]:
    """The codes into :func:`text_table` of every row of a chunk (one ``int`` for all)."""
    return text_codes_of(expr, env, periods, part)


class BatchOutcomes(Mapping[str, npt.NDArray[Any]]):
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
    return outcomes.codes(name) if isinstance(outcomes, BatchOutcomes) else None


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
