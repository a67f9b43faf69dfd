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

from assesskit._batchmath import BoolArray, or_masks
from assesskit.expressions import Const, Expr, NextPeriod, NoValue, Where
from assesskit.results import BatchResult

if TYPE_CHECKING:
    from assesskit.scoring._batch_env import ChunkEnv
    from assesskit.scoring._batch_periods import BatchPeriods

__all__ = ["BatchOutcomes", "chunk_text_codes", "text_codes", "text_table"]


def text_table(expr: Expr, periods: BatchPeriods | None) -> tuple[str | None, ...] | None:
    """The texts an outcome made of constants, ``NextPeriod``, ``NoValue`` and ``Where`` can take.

    Such outcomes (``withheld`` / ``payable``, the month a bonus is paid in)
    take few distinct values: each is computed once, and every row carries a
    code into this table. ``None`` for any other expression.
    """
    if isinstance(expr, Const):
        return (expr.value,) if isinstance(expr.value, str) else None
    if isinstance(expr, NoValue):
        return (None,)
    if isinstance(expr, NextPeriod):
        if periods is None:
            return (None,)
        return tuple(None if p is None else str(p.next()) for p in periods.table)
    if isinstance(expr, Where):
        then, otherwise = text_table(expr.then, periods), text_table(expr.otherwise, periods)
        if then is None or otherwise is None:
            return None
        return then + otherwise
    return None


def chunk_text_codes(
    expr: Expr, env: ChunkEnv, periods: BatchPeriods | None, part: slice
) -> tuple[npt.NDArray[np.intp] | int, BoolArray | None]:
    """The codes into :func:`text_table` of every row of a chunk (one ``int`` for all)."""
    if isinstance(expr, Const | NoValue):
        return 0, None
    if isinstance(expr, NextPeriod):
        return (0 if periods is None else periods.codes[part]), None
    assert isinstance(expr, Where)
    then, then_doubt = chunk_text_codes(expr.then, env, periods, part)
    otherwise, otherwise_doubt = chunk_text_codes(expr.otherwise, env, periods, part)
    offset = len(text_table(expr.then, periods) or ())
    condition = expr.condition.batch(env)
    holds = np.broadcast_to(np.asarray(condition.data, dtype=bool), (env.size,))
    if condition.missing is not None:
        holds = holds & ~condition.missing
    codes: npt.NDArray[Any]
    constant = isinstance(then, int) and isinstance(otherwise, int)
    if constant and then == 0 and otherwise == 0 and offset == 1:
        codes = np.logical_not(holds).view(np.uint8)
    else:
        codes = np.where(holds, then, np.add(otherwise, offset))
    doubt = or_masks(condition.doubt, or_masks(then_doubt, otherwise_doubt))
    return codes, doubt


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
