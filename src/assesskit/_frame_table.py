"""Columns of results as a pandas or a polars DataFrame, with one choice of dtypes.

The frames of :mod:`assesskit.frames`, :meth:`BatchResult.to_frame
<assesskit.results.BatchResult.to_frame>` and :meth:`Run.to_frame
<assesskit.pipeline.Run.to_frame>` are built here from a list of
:class:`FrameColumn` (a name, a kind and one value per row), so that every
path gives the same dtypes:

========  ==========================================  ====================
kind      values                                      pandas / polars
========  ==========================================  ====================
text      ids, periods (``2026-07``), bands, notes    ``string`` / String
number    totals, points, money, numbers              ``float64`` / Float64
bool      ``vetoed``                                  ``bool`` / Boolean
flag      flag outcomes (may have no value)           ``boolean`` / Boolean
list      lists of ids (the triggers that fired)      ``object`` / List(String)
kept      a column of the input, as it was            its own dtype
========  ==========================================  ====================

Numbers are float64 holding the float nearest to the published decimal (a
total of 74.73 is ``74.73``; ``Decimal(repr(x))`` gives the exact value
back), as :class:`~assesskit.results.BatchResult` holds them; a missing
value is NaN (number), ``<NA>`` (text, flag) or ``None`` (list). pandas and
polars are imported only here and only when a frame is made.

This module imports nothing of assesskit: :mod:`assesskit.results` uses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol

import attrs
import numpy as np
import numpy.typing as npt

__all__ = [
    "BatchArrays",
    "ColumnKind",
    "FrameColumn",
    "batch_columns",
    "frame_kind",
    "make_frame",
    "prefixed",
]

#: What a column holds (see the module docstring).
ColumnKind = Literal["text", "number", "bool", "flag", "list", "kept"]
#: The kinds of frame assesskit reads and writes.
FrameKind = Literal["pandas", "polars"]


@attrs.frozen
class FrameColumn:
    """One output column: its name, its kind and its values (an array or a Series)."""

    name: str
    kind: ColumnKind
    values: Any


def frame_kind(frame: object) -> FrameKind | None:
    """``"pandas"`` or ``"polars"`` for a DataFrame of either library, else ``None``."""
    kind = type(frame)
    if kind.__name__ != "DataFrame":
        return None
    module = kind.__module__
    if module.startswith("pandas"):
        return "pandas"
    if module.startswith("polars"):
        return "polars"
    return None


def make_frame(columns: Sequence[FrameColumn], size: int, kind: FrameKind = "pandas") -> Any:
    """The columns as a DataFrame of *kind* with the dtypes of the module docstring."""
    if kind == "polars":
        return _polars(columns, size)
    return _pandas(columns, size)


def _pandas(columns: Sequence[FrameColumn], size: int) -> Any:
    import pandas as pd

    data: dict[str, Any] = {}
    for column in columns:
        values = column.values
        if column.kind == "kept":
            series = values if isinstance(values, pd.Series) else pd.Series(values)
            data[column.name] = series.reset_index(drop=True)
            continue
        array = np.asarray(values) if not isinstance(values, np.ndarray) else values
        if column.kind == "number":
            data[column.name] = pd.Series(array.astype(np.float64, copy=False))
        elif column.kind == "bool":
            data[column.name] = pd.Series(array.astype(bool, copy=False))
        elif column.kind == "flag":
            data[column.name] = pd.Series(_objects(array, size), dtype="boolean")
        elif column.kind == "text":
            data[column.name] = pd.Series(_objects(array, size), dtype="string")
        else:
            data[column.name] = pd.Series(_objects(array, size), dtype=object)
    return pd.DataFrame(data, index=pd.RangeIndex(size))


def _objects(array: npt.NDArray[Any], size: int) -> npt.NDArray[np.object_]:
    """*array* as an object array of Python values (``None`` where missing)."""
    out = np.empty(size, dtype=object)
    if array.dtype == object:
        out[:] = array
    else:
        out[:] = array.tolist()
    return out


def _polars(columns: Sequence[FrameColumn], size: int) -> Any:
    import polars as pl

    series = []
    for column in columns:
        values = column.values
        if column.kind == "kept":
            kept = values if isinstance(values, pl.Series) else pl.Series(list(values))
            series.append(kept.alias(column.name))
            continue
        array = np.asarray(values)
        if column.kind == "number":
            floats = array.astype(np.float64, copy=False)
            series.append(pl.Series(column.name, floats, dtype=pl.Float64))
        elif column.kind in ("bool", "flag"):
            series.append(pl.Series(column.name, _objects(array, size).tolist(), dtype=pl.Boolean))
        elif column.kind == "text":
            series.append(pl.Series(column.name, _objects(array, size).tolist(), dtype=pl.String))
        else:
            lists = [None if v is None else [str(i) for i in v] for v in array.tolist()]
            series.append(pl.Series(column.name, lists, dtype=pl.List(pl.String)))
    return pl.DataFrame(series)


# -- the columns of a BatchResult ------------------------------------------------------------


class BatchArrays(Protocol):
    """What :func:`batch_columns` reads of a :class:`~assesskit.results.BatchResult`."""

    @property
    def size(self) -> int: ...
    @property
    def total(self) -> npt.NDArray[np.float64]: ...
    @property
    def band(self) -> npt.NDArray[np.object_]: ...
    @property
    def vetoed(self) -> npt.NDArray[np.bool_]: ...
    @property
    def components(self) -> Mapping[str, npt.NDArray[np.float64]]: ...
    @property
    def outcomes(self) -> Mapping[str, npt.NDArray[Any]]: ...


def prefixed(components: Iterable[str], outcomes: Iterable[str]) -> tuple[list[str], list[str]]:
    """Column names of components and outcomes, as the CSV output names them.

    An id that is both a component's and an outcome's becomes ``points.<id>``
    and ``outcome.<id>``; any other id is its own name.

    >>> prefixed(["a", "b"], ["b", "c"])
    (['a', 'points.b'], ['outcome.b', 'c'])
    """
    comps, outs = list(components), list(outcomes)
    clash = set(comps) & set(outs)
    return (
        [f"points.{c}" if c in clash else c for c in comps],
        [f"outcome.{o}" if o in clash else o for o in outs],
    )


def batch_columns(result: BatchArrays) -> list[FrameColumn]:
    """``total``, ``band``, ``vetoed``, each component's points and each outcome, in CSV order.

    An outcome's kind is read from its array: float64 is a number, bool a
    flag, an object array holding lists a list, any other object array text.
    """
    columns = [
        FrameColumn("total", "number", result.total),
        FrameColumn("band", "text", result.band),
        FrameColumn("vetoed", "bool", result.vetoed),
    ]
    comp_names, out_names = prefixed(result.components, result.outcomes)
    columns += [
        FrameColumn(name, "number", points)
        for name, points in zip(comp_names, result.components.values(), strict=True)
    ]
    for name, values in zip(out_names, result.outcomes.values(), strict=True):
        columns.append(FrameColumn(name, _array_kind(values), values))
    return columns


def _array_kind(values: npt.NDArray[Any]) -> ColumnKind:
    if values.dtype == bool:
        return "flag"
    if values.dtype.kind in "fiu":
        return "number"
    if any(isinstance(v, list | tuple) for v in values.tolist()):
        return "list"
    return "text"
