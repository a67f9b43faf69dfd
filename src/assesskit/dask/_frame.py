"""A pandas partition of input records as the columns :meth:`Scheme.score_batch` reads.

Files read as text (CSV) give text cells. They are read as the command line
reads them: cells are stripped, an empty cell is a value not given. A
numeric column whose every cell is a plain decimal of at most 15 characters
becomes float64 (Arrow's exactly rounded parser): such a decimal is the
shortest ``repr`` of its float, so the batch path sees the very value the
exact path would. Any other column (percent strings ``7%``, thousands
separators, long decimals, bad values) is passed as text, and
``score_batch`` reads each cell exactly. Typed columns (Parquet) pass as
they are: a float means its shortest ``repr``, as everywhere in assesskit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from assesskit.metrics import Metric, MetricKind, ValueRejected, is_missing
from assesskit.periods import PeriodKind

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["TAG_COLUMNS", "factors", "input_columns", "kept_rows", "text_values"]

#: Columns the engine adds to locate records in their files: the file, the
#: partition the record was read in and its position there.
TAG_COLUMNS = ("__source__", "__part__", "__local__")

#: Longest plain decimal read as float64: at most 15 significant digits round-trip.
_PLAIN_LENGTH = 15


def _is_text(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.StringDtype) or series.dtype == object


def _arrow_text(series: pd.Series) -> pa.Array:
    """Stripped text cells as an Arrow array, null where empty."""
    array = pa.array(series.astype(pd.StringDtype("pyarrow")), from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    stripped = pc.utf8_trim_whitespace(array)
    return pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped)


def text_values(series: pd.Series) -> npt.NDArray[np.object_]:
    """Cells as Python values, text stripped, ``None`` where empty or missing."""
    if _is_text(series) and _all_text(series):
        out: npt.NDArray[np.object_] = _arrow_text(series).to_numpy(zero_copy_only=False)
        return out
    values = series.to_numpy(dtype=object, na_value=None)
    result = np.empty(len(values), dtype=object)
    result[:] = [
        None if is_missing(v) else (v.strip() if isinstance(v, str) else v) for v in values
    ]
    return result


def _all_text(series: pd.Series) -> bool:
    if isinstance(series.dtype, pd.StringDtype):
        return True
    return all(isinstance(v, str) or is_missing(v) for v in series.tolist())


def _numeric(series: pd.Series) -> npt.NDArray[Any]:
    """A numeric metric's column: float64 where that is exact, else the cells themselves."""
    dtype = series.dtype
    if dtype.kind in "fiu" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        out: npt.NDArray[Any] = series.to_numpy()
        return out
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "fiu":
        if not series.isna().any():
            typed: npt.NDArray[Any] = series.to_numpy(dtype=np.dtype(dtype.numpy_dtype))
            return typed
        return text_values(series)
    if not (_is_text(series) and _all_text(series)):
        return text_values(series)
    cells = _arrow_text(series)
    present = pc.is_valid(cells)
    longest = pc.max(pc.utf8_length(cells)).as_py()
    if longest is not None and longest <= _PLAIN_LENGTH:
        exponent = pc.any(pc.match_substring(cells, "e", ignore_case=True)).as_py()
        if not exponent:
            try:
                numbers = pc.cast(cells, pa.float64())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                numbers = None
            if numbers is not None:
                floats: npt.NDArray[np.float64] = numbers.to_numpy(zero_copy_only=False)
                finite = np.isfinite(floats)
                given = present.to_numpy(zero_copy_only=False)
                if np.array_equal(finite, given):
                    return floats
    text: npt.NDArray[np.object_] = cells.to_numpy(zero_copy_only=False)
    return text


def _flag(series: pd.Series, metric: Metric) -> npt.NDArray[Any]:
    """A flag column: bool where every distinct cell is a valid flag, else the cells."""
    if series.dtype == bool:
        out: npt.NDArray[Any] = series.to_numpy()
        return out
    values = text_values(series)
    distinct: dict[Any, bool] = {}
    try:
        for value in set(values.tolist()):
            if value is None:
                return values
            parsed = metric.parse(value)
            if not isinstance(parsed, bool):
                return values
            distinct[value] = parsed
    except (ValueRejected, TypeError):
        return values
    return np.fromiter((distinct[v] for v in values.tolist()), dtype=bool, count=len(values))


def _period(series: pd.Series, scheme: Scheme) -> npt.NDArray[Any]:
    """The period column; a spreadsheet date on the 1st of a month means the month."""
    if series.dtype.kind in "iu" and not isinstance(series.dtype, pd.api.extensions.ExtensionDtype):
        out: npt.NDArray[Any] = series.to_numpy()
        return out
    values = text_values(series)
    dated = series.dtype == object or series.dtype.kind == "M"
    if dated and scheme.period is PeriodKind.MONTHLY:
        for row, value in enumerate(values.tolist()):
            if isinstance(value, pd.Timestamp):
                value = value.to_pydatetime()
            if (
                isinstance(value, dt.date)
                and value.day == 1
                and (not isinstance(value, dt.datetime) or value.time() == dt.time())
            ):
                values[row] = f"{value.year:04d}-{value.month:02d}"
    return values


def input_columns(scheme: Scheme, frame: pd.DataFrame, extra: Iterable[str] = ()) -> dict[str, Any]:
    """The columns of *frame* that *scheme* reads, ready for ``score_batch``.

    ``entity_id``, the period field, every metric given, and the *extra*
    fields (stage, dates, parent ids) as text.
    """
    columns: dict[str, Any] = {}
    metrics: Mapping[str, Metric] = scheme.metric_map
    for name in frame.columns:
        if name in TAG_COLUMNS:
            continue
        series = frame[name]
        metric = metrics.get(name)
        if name == scheme.period_field:
            columns[name] = _period(series, scheme)
        elif metric is not None and (metric.kind.is_numeric or metric.kind is MetricKind.YEAR):
            columns[name] = _numeric(series)
        elif metric is not None and metric.kind is MetricKind.FLAG:
            columns[name] = _flag(series, metric)
        elif metric is not None or name == "entity_id" or name in extra:
            columns[name] = text_values(series)
    return columns


def factors(series: pd.Series) -> tuple[npt.NDArray[np.intp], list[Any]] | None:
    """A text column's codes per row and distinct stripped values (``None`` for missing).

    Arrow's dictionary encoding, in C; ``None`` for a column that is not
    all text (it is then factorised value by value).
    """
    if not (isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow"):
        return None
    encoded = pc.dictionary_encode(_arrow_text(series), null_encoding="encode")
    codes: npt.NDArray[np.intp] = encoded.indices.to_numpy(zero_copy_only=False).astype(np.intp)
    return codes, encoded.dictionary.to_pylist()


def kept_rows(frame: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """Rows with at least one non-empty cell: a CSV row of empty cells is no record."""
    keep = np.zeros(len(frame), dtype=bool)
    for name in frame.columns:
        if name in TAG_COLUMNS:
            continue
        series = frame[name]
        if _is_text(series) and isinstance(series.dtype, pd.StringDtype):
            cells = _arrow_text(series)
            keep |= pc.is_valid(cells).to_numpy(zero_copy_only=False)
        else:
            keep |= ~np.fromiter((is_missing(v) for v in series.tolist()), bool, len(series))
    return keep
