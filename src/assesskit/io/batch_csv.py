"""CSV cells of batch results, column by column, as :mod:`~assesskit.io.csv_output` writes them.

``assesskit score --format csv`` on a large input scores records on the batch
path (:mod:`assesskit.run.streaming`); the cells must be the very text the
exact path publishes (``74.73``, ``0.8``, ``true``, a neutralised entity id).
Columns with few distinct values (points, totals, bands, flags, texts) are
written through a table of their distinct cells; amounts of money are
formatted value by value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from assesskit.io.csv_output import FORMULA_STARTS, INVISIBLE, neutralise

__all__ = [
    "fixed_cells",
    "flag_cells",
    "number_cells",
    "quote",
    "table_cells",
    "text_cells",
]

#: Characters that make the csv module quote a cell (delimiter, quote, line ends).
_SPECIAL = (",", '"', "\r", "\n")
#: Floats below this are printed to the hundredth exactly by ``%.2f``.
_FIXED_LIMIT = 1e13


def quote(cell: str) -> str:
    """*cell* as Python's csv writer writes it (``QUOTE_MINIMAL``): quoted if it must be.

    >>> print(quote("a, b"), quote("ok"))
    "a, b" ok
    """
    if any(c in cell for c in _SPECIAL):
        return '"' + cell.replace('"', '""') + '"'
    return cell


# a value that starts with an invisible mark may hide a formula behind it
_INVISIBLE_FIRST = re.compile(
    "\x00[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in INVISIBLE) + "]"
)


def text_cells(values: Sequence[str]) -> list[str]:
    """Cells of texts (entity ids...): neutralised against formulas, quoted where needed."""
    # NUL cannot occur in a CSV cell, so it separates the values in one string to search
    joined = "\x00" + "\x00".join(values)
    risky = any(c in joined for c in _SPECIAL)
    risky = risky or any(f"\x00{c}" in joined for c in FORMULA_STARTS)
    risky = risky or _INVISIBLE_FIRST.search(joined) is not None
    if not risky:
        return list(values)
    return [quote(neutralise(v)) for v in values]


def table_cells(codes: npt.NDArray[np.integer[Any]], table: Sequence[str]) -> list[str]:
    """The cell of every row, by its code into *table* (cells already neutralised and quoted)."""
    lookup = np.array(list(table), dtype=object)
    cells: list[str] = lookup[codes].tolist()
    return cells


def fixed_cells(values: npt.NDArray[np.float64], places: int = 2) -> list[str]:
    """Numbers published with *places* decimals (totals, points, money); NaN is an empty cell.

    Each value is the float nearest a decimal with *places* decimals, so
    ``%.2f`` prints that decimal. Columns with few distinct values go through
    a table of cells.
    """
    size = len(values)
    if not size:
        return []
    missing = np.isnan(values)
    scale = 10.0**places
    units = np.rint(np.where(missing, 0.0, values) * scale)
    low, high = float(units.min()), float(units.max())
    big = max(abs(low), abs(high)) / scale >= _FIXED_LIMIT
    pattern = f"%.{places}f"
    if not big and high - low <= max(_BLOCK, size // 4):
        # tables of 4096 cells, built once per process: totals and points reuse them
        start = int(low) // _BLOCK * _BLOCK
        stop = (int(high) // _BLOCK + 1) * _BLOCK
        lookup = np.concatenate([_fixed_block(b, places) for b in range(start, stop, _BLOCK)])
        index = (units - start).astype(np.intp)
        index[missing] = -1
        cells: list[str] = np.append(lookup, "")[index].tolist()
        return cells
    if big:
        cells = [format(Decimal(repr(v)).quantize(Decimal(1).scaleb(-places)), "f")
                 for v in values.tolist()]  # fmt: skip
    else:
        cells = [pattern % v for v in values.tolist()]
    for row in np.flatnonzero(missing).tolist():
        cells[row] = ""
    return cells


_BLOCK = 4096


@functools.lru_cache(maxsize=256)
def _fixed_block(start: int, places: int) -> npt.NDArray[np.object_]:
    return np.array([_fixed(k, places) for k in range(start, start + _BLOCK)], dtype=object)


def _fixed(units: int, places: int) -> str:
    sign = "-" if units < 0 else ""
    whole, part = divmod(abs(units), 10**places)
    return f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}"


def number_cells(values: npt.NDArray[np.float64]) -> list[str]:
    """Numbers published to their outcome's places, trailing zeros dropped (``0.8``, ``1``)."""
    missing = np.isnan(values)
    distinct, index = np.unique(np.where(missing, 0.0, values), return_inverse=True)
    table = [_number(v) for v in distinct.tolist()]
    lookup = np.array([*table, ""], dtype=object)
    index = index.astype(np.intp)
    index[missing] = len(table)
    cells: list[str] = lookup[index].tolist()
    return cells


def _number(value: float) -> str:
    if value == 0:
        return "0"
    return format(Decimal(repr(value)).normalize(), "f")


def flag_cells(values: npt.NDArray[np.bool_], missing: npt.NDArray[np.bool_] | None) -> list[str]:
    """``true`` / ``false``; an empty cell where there is no value."""
    codes = values.astype(np.intp)
    if missing is not None:
        codes[missing] = 2
    return table_cells(codes, ("false", "true", ""))
