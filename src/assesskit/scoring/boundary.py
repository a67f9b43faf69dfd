"""What the Python API accepts, checked before any work: one record, columns, history.

``scheme.score(None)`` or ``scheme.score_batch({"income": 5})`` must not fail
deep inside with an ``AttributeError``: each entry point checks the shape of
what it was given and raises :class:`~assesskit.errors.InputTypeError` (a
``TypeError``) saying what it expected and what it got. Values inside a
record or a column are the metrics' business, checked with the usual
located messages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from assesskit._columns import as_array, every_cell_none
from assesskit.errors import InputTypeError, InvalidInputError, Problem, clip
from assesskit.history import History

if TYPE_CHECKING:
    from assesskit.results import Result

__all__ = ["columns_of", "history_of", "record_of"]

_SCALARS = (str, bytes, int, float, Decimal, Fraction)


def _kind(value: object) -> str:
    """What *value* is, in words: ``None``, ``a list``, ``a str ('abc')``."""
    if value is None:
        return "None"
    name = type(value).__name__
    if isinstance(value, _SCALARS):
        return f"a {name} ({clip(repr(value), 40)})"
    return f"a {name}"


def _is_pandas(value: object, name: str) -> bool:
    kind = type(value)
    return kind.__name__ == name and kind.__module__.startswith("pandas")


def record_of(record: object) -> Mapping[str, Any]:
    """*record* as a mapping of input names to values (a dict, or a pandas row as a dict).

    >>> record_of([])
    Traceback (most recent call last):
    ...
    assesskit.errors.InputTypeError: score() takes one record: a mapping of input names to \
values (a dict, a pandas Series), not a list
    """
    if isinstance(record, Mapping):
        return record
    items = getattr(record, "items", None)
    if callable(items) and not isinstance(record, str | bytes):
        try:
            return dict(items())
        except (TypeError, ValueError):
            pass
    raise InputTypeError(
        "score() takes one record: a mapping of input names to values (a dict, a pandas "
        f"Series), not {_kind(record)}"
    )


def history_of(history: object) -> History | None:
    """*history* as :class:`~assesskit.History` (``None`` stays ``None``).

    Accepts a ``History`` or an iterable of :class:`~assesskit.Result`.
    """
    from assesskit.results import Result

    if history is None or isinstance(history, History):
        return history
    if isinstance(history, Iterable) and not isinstance(history, str | bytes | Mapping):
        results: list[Result] = list(history)
        wrong = [item for item in results if not isinstance(item, Result)]
        if not wrong:
            return History.from_results(results)
        shown = _kind(wrong[0])
        raise InputTypeError(
            f"history takes earlier results (a History, or Result objects), not {shown}"
        )
    raise InputTypeError(
        f"history takes earlier results (a History, or Result objects), not {_kind(history)}"
    )


_NESTED = (list, tuple, dict, set, frozenset, bytes, bytearray, memoryview, np.ndarray, range)


# Cells of exactly these types are single values: a column of them needs no look at each cell.
_PLAIN = frozenset({str, float, int, bool, type(None), Decimal, Fraction})


def _plain_cells(cells: Iterable[Any]) -> bool:
    """Whether every cell is a text, a number or ``None`` (types gathered in C, not per cell)."""
    if isinstance(cells, list) and cells and cells[0] is None:
        try:
            if cells.count(None) == len(cells):
                return True  # a column without values: counted in C, faster still
        except (ValueError, TypeError):  # a cell whose ``== None`` is no truth value (an array)
            return False
    return all(t in _PLAIN or issubclass(t, np.generic) for t in set(map(type, cells)))


def _column(name: str, column: Any) -> tuple[npt.NDArray[Any] | None, str | None]:
    """*column* as a 1-d array, or what is wrong with it."""
    if isinstance(column, Iterator):
        column = list(column)  # a generator: read it once
    try:
        dimensions = np.ndim(column)
    except ValueError:  # ragged: a list in some row
        dimensions = None
    if dimensions == 0:  # None and every single value, a 0-d array too
        return None, (
            f"column {name!r} is a single value ({clip(repr(column), 40)}), not a column: "
            "give a list or an array with one value per record"
        )
    if dimensions is not None and dimensions > 1 and isinstance(column, np.ndarray):
        return None, f"column {name!r} has the shape {np.shape(column)}: give one value per record"
    cells = column if isinstance(column, list | tuple) else None
    if isinstance(column, np.ndarray) and column.dtype == object and not every_cell_none(column):
        cells = column.tolist()
    if cells is not None and not _plain_cells(cells):
        nested = [row for row, cell in enumerate(cells) if isinstance(cell, _NESTED)]
        if nested:
            return None, (
                f"column {name!r} holds {_kind(cells[nested[0]])} in row {nested[0] + 1}, "
                "not one value: give one value per record"
            )
    try:
        return as_array(column), None
    except (TypeError, ValueError) as exc:
        return None, f"column {name!r} cannot be read as a column: {exc}"


def columns_of(columns: Any) -> tuple[dict[str, npt.NDArray[Any]], int]:
    """*columns* as 1-d arrays of one length, and that length.

    Raises :class:`~assesskit.errors.InputTypeError` for anything but a
    mapping of column names to array-likes (a dict, a pandas or polars
    DataFrame), naming every column that is not one; columns of different
    lengths are an :class:`~assesskit.errors.InvalidInputError`, as before.

    >>> columns_of({"income": 80000})
    Traceback (most recent call last):
    ...
    assesskit.errors.InputTypeError: score_batch(): column 'income' is a single value \
(80000), not a column: give a list or an array with one value per record
    """
    if _is_pandas(columns, "Series"):
        raise InputTypeError(
            "score_batch() takes columns: a mapping of input names to arrays (a dict of lists, "
            "a DataFrame), not a pandas Series; for one record, use score()"
        )
    if isinstance(columns, Mapping):
        pairs: Iterable[tuple[object, object]] = columns.items()
    elif hasattr(columns, "columns") and callable(getattr(columns, "items", None)):
        pairs = columns.items()  # a DataFrame: (name, column) pairs
    elif hasattr(columns, "columns") and callable(getattr(columns, "get_column", None)):
        pairs = [(name, columns.get_column(name)) for name in columns.columns]  # polars
    else:
        raise InputTypeError(
            "score_batch() takes columns: a mapping of input names to arrays (a dict of "
            f"lists, a DataFrame), not {_kind(columns)}"
        )
    arrays: dict[str, npt.NDArray[Any]] = {}
    problems: list[str] = []
    for name, column in pairs:
        if not isinstance(name, str):
            problems.append(f"column names are text, not {_kind(name)}")
            continue
        array, problem = _column(name, column)
        if problem is not None:
            problems.append(problem)
        elif array is not None:
            arrays[name] = array
    if problems:
        raise InputTypeError("score_batch(): " + "; ".join(problems))
    sizes = {name: len(array) for name, array in arrays.items()}
    if len(set(sizes.values())) > 1:
        counts = Counter(sizes.values())
        common = max(counts, key=lambda size: (counts[size], size))
        raise InvalidInputError(
            [
                Problem(
                    name,
                    f"{size} values",
                    f"columns must all have the same length ({common} values, as the others)",
                )
                for name, size in sizes.items()
                if size != common
            ]
        )
    return arrays, next(iter(sizes.values()), 0)
