"""Turning user columns (lists, numpy arrays, DataFrame columns) into checked batch columns."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit.expressions import BatchValue
from assesskit.metrics import Metric, MetricKind, ValueRejected, is_missing

__all__ = ["CheckedColumn", "as_array", "check_column"]

_EXACT_FLOAT_INT = 2.0**53


def as_array(raw: Any) -> npt.NDArray[Any]:
    """A 1-d numpy array from a list, tuple, numpy array or a pandas/polars column."""
    if isinstance(raw, np.ndarray):
        return raw.ravel()
    to_numpy = getattr(raw, "to_numpy", None)
    if callable(to_numpy):
        return np.asarray(to_numpy()).ravel()
    values = list(raw)
    if values and all(isinstance(v, float | int) and not isinstance(v, bool) for v in values):
        return np.asarray(values, dtype=float)
    return np.asarray(values, dtype=object)


@attrs.frozen
class CheckedColumn:
    """A column ready for the batch path, with the rows that broke a rule."""

    value: BatchValue
    bad_rows: npt.NDArray[np.intp]
    bad_rules: tuple[str, ...]


def _bad(mask: npt.NDArray[np.bool_], rule: str) -> tuple[npt.NDArray[np.intp], list[str]]:
    rows = np.flatnonzero(mask)
    return rows, [rule] * len(rows)


def check_column(metric: Metric, raw: npt.NDArray[Any]) -> CheckedColumn:
    """Parse and validate one column vectorised where possible (float and int arrays)."""
    kind = metric.kind
    numeric = kind.is_numeric or kind is MetricKind.YEAR
    if numeric and raw.dtype.kind in "fiu":
        return _numeric_fast(metric, raw)
    if kind is MetricKind.FLAG and raw.dtype == bool:
        return CheckedColumn(
            BatchValue(raw, missing=np.zeros(raw.shape, bool), faithful=True),
            np.empty(0, np.intp),
            (),
        )
    return _elementwise(metric, raw, numeric)


def _numeric_fast(metric: Metric, raw: npt.NDArray[Any]) -> CheckedColumn:
    data = raw.astype(np.float64, copy=False)
    missing = np.isnan(data)
    present = ~missing
    bad_rows: list[npt.NDArray[np.intp]] = []
    bad_rules: list[str] = []

    def flag(mask: npt.NDArray[np.bool_], rule: str) -> None:
        rows, rules = _bad(mask, rule)
        if len(rows):
            bad_rows.append(rows)
            bad_rules.extend(rules)

    flag(np.isinf(data), f"must be {metric.expected()}")
    finite = present & ~np.isinf(data)
    if metric.kind in (MetricKind.COUNT, MetricKind.YEAR):
        flag(finite & (data != np.floor(data)), f"must be {metric.expected()}")
    if metric.max_decimals is not None:
        scale = 10.0**metric.max_decimals
        with np.errstate(invalid="ignore", over="ignore"):
            back = np.rint(data * scale) / scale
        flag(finite & (back != data), f"must have at most {metric.max_decimals} decimals")
    if metric.domain is not None:
        inside = np.ones(data.shape, dtype=bool)
        lo, hi = metric.domain.lower, metric.domain.upper
        with np.errstate(invalid="ignore"):
            if lo is not None:
                inside &= (data >= float(lo)) if metric.domain.lower_closed else (data > float(lo))
            if hi is not None:
                inside &= (data <= float(hi)) if metric.domain.upper_closed else (data < float(hi))
        hint = ' (a ratio: 0.07 or "7%")' if metric.kind is MetricKind.RATIO else ""
        flag(finite & ~inside, f"must be within {metric.domain.notation()}{hint}")
    # Whole numbers beyond 2**53 are not exact in float64: let the exact path decide.
    doubt = np.abs(data) >= _EXACT_FLOAT_INT if raw.dtype.kind in "iu" else None
    rows = np.concatenate(bad_rows) if bad_rows else np.empty(0, np.intp)
    return CheckedColumn(
        BatchValue(data, missing=missing, doubt=doubt, faithful=True), rows, tuple(bad_rules)
    )


def _faithful(value: Fraction) -> bool:
    return Fraction(Decimal(float.__repr__(float(value)))) == value


def _elementwise(metric: Metric, raw: npt.NDArray[Any], numeric: bool) -> CheckedColumn:
    size = raw.shape[0]
    missing = np.zeros(size, dtype=bool)
    doubt = np.zeros(size, dtype=bool)
    data: npt.NDArray[Any] = np.empty(size, dtype=np.float64 if numeric else object)
    if metric.kind is MetricKind.FLAG:
        data = np.zeros(size, dtype=bool)
    rows: list[int] = []
    rules: list[str] = []
    for index, item in enumerate(raw):
        if is_missing(item):
            missing[index] = True
            if numeric:
                data[index] = np.nan
            elif metric.kind is not MetricKind.FLAG:
                data[index] = None
            continue
        try:
            value = metric.parse(item)
        except ValueRejected as exc:
            rows.append(index)
            rules.append(str(exc))
            missing[index] = True
            if numeric:
                data[index] = np.nan
            continue
        if numeric:
            number = Fraction(value)  # type: ignore[arg-type]
            data[index] = float(number)
            if not _faithful(number):
                doubt[index] = True
        else:
            data[index] = value
    return CheckedColumn(
        BatchValue(data, missing=missing, doubt=doubt if doubt.any() else None, faithful=True),
        np.asarray(rows, dtype=np.intp),
        tuple(rules),
    )
