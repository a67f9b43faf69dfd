"""A pandas or polars DataFrame of input records, read as the columns assesskit scores.

Each column becomes a numpy array: numbers without missing values stay
numeric (a float means its shortest ``repr``, as everywhere in assesskit),
anything else becomes Python values with ``None`` where a cell is missing
(NaN, ``<NA>``, ``NaT``, null; an empty text means no value too, as in a
CSV file). A period given as a date on the 1st of a
month (what a spreadsheet makes of ``2026-07``) means that month in a
monthly scheme. The original columns are kept, for the columns passed
through beside the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._frame_table import FrameKind
from assesskit.errors import InputTypeError
from assesskit.periods import PeriodKind
from assesskit.scoring.identity import ENTITY_FIELD, Factors

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["InputFrame", "month_text", "read_frame"]


@attrs.frozen
class InputFrame:
    """The records of a DataFrame: its columns as arrays, and the columns as they were.

    ``factors`` holds, for ``entity_id`` and the period field of a pandas
    frame, a code per row into the distinct values (pandas' own hashing,
    in C), for :class:`~assesskit.scoring.identity.BatchIdentity`.
    """

    kind: FrameKind
    size: int
    columns: Mapping[str, npt.NDArray[Any]]
    originals: Mapping[str, Any]
    factors: Mapping[str, Factors] = attrs.field(factory=dict)

    def record(self, row: int) -> dict[str, Any]:
        """Record *row* as Python values (what :func:`~assesskit.pipeline.score_records` reads)."""
        return {name: _plain(column[row]) for name, column in self.columns.items()}

    def records(self) -> list[dict[str, Any]]:
        """Every record, in row order."""
        lists = {name: column.tolist() for name, column in self.columns.items()}
        return [{name: values[row] for name, values in lists.items()} for row in range(self.size)]


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def month_text(value: object) -> object:
    """A date on the 1st of a month (midnight) as its month ``YYYY-MM``; other values as given.

    >>> month_text(dt.date(2026, 7, 1)), month_text(dt.date(2026, 7, 2)), month_text("2026-07")
    ('2026-07', datetime.date(2026, 7, 2), '2026-07')
    """
    if (
        isinstance(value, dt.date)
        and value.day == 1
        and (not isinstance(value, dt.datetime) or value.time() == dt.time())
    ):
        return f"{value.year:04d}-{value.month:02d}"
    return value


def read_frame(frame: Any, kind: FrameKind, scheme: Scheme) -> InputFrame:
    """The columns of *frame* (a pandas or polars DataFrame) as arrays.

    Column names are text (a column named otherwise is refused); a name
    given twice is refused too.
    """
    names = list(frame.columns)
    bad = [name for name in names if not isinstance(name, str)]
    if bad:
        raise InputTypeError(f"column names must be text, not {bad[0]!r}")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InputTypeError(f"column {twice[0]!r} appears more than once in the frame")
    size = len(frame)
    columns: dict[str, npt.NDArray[Any]] = {}
    originals: dict[str, Any] = {}
    factors: dict[str, Factors] = {}
    for name in names:
        series = frame[name]
        originals[name] = series
        array = _pandas_values(series) if kind == "pandas" else _polars_values(series)
        if name in (ENTITY_FIELD, scheme.period_field) and array.dtype == object:
            array = _identity_column(name, array, kind, scheme, factors)
        columns[name] = array
    return InputFrame(kind, size, columns, originals, factors)


def _identity_column(
    name: str,
    array: npt.NDArray[Any],
    kind: FrameKind,
    scheme: Scheme,
    factors: dict[str, Factors],
) -> npt.NDArray[Any]:
    """``entity_id`` or the period: factorised by pandas (into *factors*), months as text."""
    month = name == scheme.period_field and scheme.period is PeriodKind.MONTHLY
    found: Factors | None = None
    if kind == "pandas" and len(array):
        import pandas as pd

        try:
            codes, uniques = pd.factorize(array, use_na_sentinel=False)
        except TypeError:  # an unhashable cell: read row by row
            found = None
        else:
            found = codes.astype(np.intp, copy=False), list(uniques)
    if found is None:
        return _objects([month_text(v) for v in array.tolist()]) if month else array
    codes, distinct = found
    if month:
        distinct = [month_text(v) for v in distinct]
        array = _objects(distinct)[codes]
    factors[name] = (codes, distinct)
    return array


def _objects(values: list[Any]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _pandas_values(series: Any) -> npt.NDArray[Any]:
    import pandas as pd

    dtype = series.dtype
    extension = isinstance(dtype, pd.api.extensions.ExtensionDtype)
    if not extension and dtype.kind in "fiub":
        out: npt.NDArray[Any] = series.to_numpy()
        return out
    missing = series.isna().to_numpy(dtype=bool)
    if extension and dtype.kind in "fiub" and not missing.any():
        typed: npt.NDArray[Any] = series.to_numpy(dtype=np.dtype(dtype.numpy_dtype))
        return typed
    values: npt.NDArray[Any] = series.to_numpy(dtype=object)
    if missing.any():
        values = values.copy()
        values[missing] = None
    return values


def _polars_values(series: Any) -> npt.NDArray[Any]:
    dtype = series.dtype
    if (dtype.is_numeric() or str(dtype) == "Boolean") and series.null_count() == 0:
        out: npt.NDArray[Any] = series.to_numpy()
        return out
    return _objects(series.to_list())  # null is None
