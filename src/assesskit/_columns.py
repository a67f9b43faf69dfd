"""Turning user columns (lists, numpy arrays, DataFrame columns) into checked batch columns."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._exact import faithful_float
from assesskit._scaled import Scaled
from assesskit.expressions import BatchValue
from assesskit.metrics import Metric, MetricKind, ValueRejected, is_missing

__all__ = [
    "CheckedColumn",
    "as_array",
    "check_column",
    "every_cell_none",
    "missing_column",
    "plain_decimals",
    "screen_block",
    "without_values",
]

_EXACT_FLOAT_INT = 2.0**53


def _limit(metric: Metric) -> float:
    """The magnitude a value of *metric* must stay below (see assesskit.reading), in float64."""
    return 10.0**metric.integer_digits


def _too_large(metric: Metric) -> str:
    return f"must have at most {metric.integer_digits} digits before the decimal point"


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


# A plain decimal as text: digits with at most one point and a leading sign, nothing else.
# With at most 15 characters it has at most 15 significant digits: its float reads back as
# itself, and ``digits / 10**decimals`` (both exact in float64) is that float.
_WIDTH = 15
# up to 10**17: 15 characters of decimals, then a percent sign's two places (exact in float64)
_POWERS = 10.0 ** np.arange(_WIDTH + 3)


def plain_decimals(
    values: Sequence[object], percent: bool = False
) -> npt.NDArray[np.float64] | None:
    """Texts of plain short decimals (``"87875"``, ``"0.1329"``, ``""`` for none) as float64.

    ``None`` unless every value is such a text: then the floats are exactly
    what ``float()`` gives, and mean exactly what the exact path reads from
    the texts. With *percent* (a ratio's column), a text may end with ``%``
    right after its digits: ``"7.13%"`` is 0.0713, as the exact path reads it.
    Anything else (a thousands separator, an exponent, a space, more than 15
    characters, a non-text) is left to the parser of the metric. The texts are
    parsed all at once with numpy, not one by one.
    """
    size = len(values)
    if not size:
        return np.zeros(0)
    try:
        if "\x00" in "".join(values):  # type: ignore[arg-type]
            return None  # bytes strings end at a NUL: leave such texts to the parser
    except TypeError:  # not every value is a text
        return None
    # the texts as rows of bytes, zero-padded; a text longer than 15 characters shows in
    # the 16th column
    try:
        text = np.array(values, dtype=f"S{_WIDTH + 1}")
    except UnicodeEncodeError:
        return None
    chars = text.view(np.uint8).reshape(size, _WIDTH + 1)
    lengths = np.count_nonzero(chars, axis=1)
    width = int(lengths.max())
    if width > _WIDTH:
        return None
    # Horner's rule over the columns: digits * 10 + digit, in exact float64 integers
    mantissa = np.zeros(size)
    decimals = np.zeros(size, dtype=np.intp)
    pointed = np.zeros(size, dtype=bool)  # a point so far
    counted = np.zeros(size, dtype=bool)  # a digit so far
    marked = np.zeros(size, dtype=bool)
    misplaced = np.zeros(size, dtype=bool)
    for position in range(width):
        column = chars[:, position]
        value = column - np.uint8(48)  # wraps around below "0": digits are 0..9, nothing else
        digit = value < 10
        mantissa = np.where(digit, mantissa * 10.0 + value, mantissa)
        point = column == 46
        misplaced |= point & pointed  # a second point
        pointed |= point
        decimals += digit & pointed
        counted |= digit
        sign = (column == 43) | (column == 45)
        if position:
            misplaced |= sign  # a sign after the first character
        mark = (column == 37) if percent else np.zeros(size, dtype=bool)
        if percent:
            marked |= mark
            misplaced |= mark & (position != lengths - 1)  # "%" last, or not plain
        # any other character (or a NUL inside a text) is not plain
        misplaced |= ~(digit | point | sign | mark) & (position < lengths)
    empty = lengths == 0
    # what float() reads: a sign first, at most one point, at least one digit
    if misplaced.any() or (~counted & ~empty).any():
        return None
    if marked.any():
        # "7.13%" is 7.13 / 100: two places more, and a digit right before the sign (by now
        # each character is a digit, a point, a sign or a "%", and only digits are from "0")
        before = chars[np.arange(size), np.maximum(lengths - 2, 0)]
        if (marked & (before < 48)).any():
            return None  # "7.%" or "-%": left to the parser
        decimals += 2 * marked
    out: npt.NDArray[np.float64] = mantissa / _POWERS[decimals]
    np.negative(out, out=out, where=chars[:, 0] == 45)
    out[empty] = np.nan
    return out


@attrs.frozen
class CheckedColumn:
    """A column ready for the batch path, with the rows that broke a rule."""

    value: BatchValue
    bad_rows: npt.NDArray[np.intp]
    bad_rules: tuple[str, ...]


def _bad(mask: npt.NDArray[np.bool_], rule: str) -> tuple[npt.NDArray[np.intp], list[str]]:
    rows = np.flatnonzero(mask)
    return rows, [rule] * len(rows)


def missing_column(metric: Metric, size: int) -> BatchValue:
    """A column of *size* rows of *metric* without a value, as :func:`check_column` reads one.

    What the batch path reads for an optional input that is not given, at
    the cost of two allocations.
    """
    data: npt.NDArray[Any]
    if metric.kind.is_numeric or metric.kind is MetricKind.YEAR:
        data = np.full(size, np.nan)
    elif metric.kind is MetricKind.FLAG:
        data = np.zeros(size, dtype=bool)
    else:
        data = np.empty(size, dtype=object)  # None in every cell
    return BatchValue(data, missing=np.ones(size, dtype=bool), faithful=True)


_NONE = np.array(None, dtype=object)


def _cells_without_value(raw: npt.NDArray[Any]) -> npt.NDArray[np.bool_] | None:
    """The cells of an object column that are ``None``, a NaN or ``""``, compared in C.

    Each is a value :func:`~assesskit.metrics.is_missing` reads as none.
    ``None`` when some cell cannot be compared so (``pandas.NA``, a
    signalling NaN): such a column is read cell by cell.
    """
    try:
        gaps: npt.NDArray[np.bool_] = raw == _NONE
        if not gaps.all():
            # NaN-like values (float and numpy NaN, NaT, Decimal NaN) differ from themselves
            gaps |= np.not_equal(raw, raw)
        if not gaps.all():
            gaps |= np.equal(raw, "")
    except (TypeError, ValueError, ArithmeticError):  # e.g. a cell that is an array
        return None
    return gaps


# In CPython an object array holds the addresses of its cells, and ``id(None)`` is None's.
_NONE_ADDRESS = id(None) if sys.implementation.name == "cpython" else None


def every_cell_none(raw: npt.NDArray[Any]) -> bool:
    """Whether a non-empty object column holds ``None`` in every cell.

    In CPython the cells' addresses are compared with None's as integers,
    without touching a cell: half a millisecond for a million rows, against
    four for counting them in a list. Elsewhere, and for a column that is
    not contiguous or is a subclass (a masked array), the cells are looked at
    one by one.
    """
    if raw.dtype != object or not raw.size:
        return False
    if type(raw) is np.ndarray:
        if raw.flat[0] is not None:
            return False
        if _NONE_ADDRESS is not None and raw.flags.c_contiguous:
            addresses = np.frombuffer(raw.data.cast("B"), dtype=np.uintp)
            return bool(np.all(addresses == _NONE_ADDRESS))
    # a masked array lists its masked cells as None, as every reader of it does
    return all(cell is None for cell in raw.ravel().tolist())


def without_values(raw: npt.NDArray[Any]) -> bool:
    """Whether no cell of a non-empty object column has a value (``None``, NaN, ``""``).

    Vectorised, and at once when the first cell has a value.
    """
    if raw.dtype != object or not len(raw) or not is_missing(raw[0]):
        return False
    if raw[0] is None and every_cell_none(raw):
        return True  # faster than comparing the cells
    gaps = _cells_without_value(raw)
    return gaps is not None and bool(gaps.all())


def _decimals_with_gaps(raw: npt.NDArray[Any], percent: bool) -> npt.NDArray[np.float64] | None:
    """:func:`plain_decimals` of a column of texts with ``None`` or NaN in some cells."""
    gaps = _cells_without_value(raw)
    if gaps is None or not gaps.any():
        return None
    filled = raw.copy()
    filled[gaps] = ""
    return plain_decimals(filled.tolist(), percent)


def check_column(metric: Metric, raw: npt.NDArray[Any]) -> CheckedColumn:
    """Parse and validate one column vectorised where possible.

    Float and int arrays, texts of plain decimals (with empty cells,
    ``None`` or NaN for no value), and columns without any value are read
    with numpy; anything else is parsed cell by cell.
    """
    kind = metric.kind
    numeric = kind.is_numeric or kind is MetricKind.YEAR
    if numeric and raw.dtype.kind in "fiu":
        return _numeric_fast(metric, raw)
    if raw.dtype == object and without_values(raw):
        # before parsing: a column of None (an optional input nobody filled) costs one count
        return CheckedColumn(missing_column(metric, len(raw)), np.empty(0, np.intp), ())
    if numeric and raw.dtype == object:
        # texts read from a file, most likely; a ratio's may be percentages ("7.13%")
        percent = kind is MetricKind.RATIO
        floats = plain_decimals(raw.tolist(), percent)
        if floats is None:
            floats = _decimals_with_gaps(raw, percent)
        if floats is not None:
            return _numeric_fast(metric, floats)
    if kind is MetricKind.FLAG and raw.dtype == bool:
        return CheckedColumn(
            BatchValue(raw, missing=np.zeros(raw.shape, bool), faithful=True),
            np.empty(0, np.intp),
            (),
        )
    return _elementwise(metric, raw, numeric)


#: Rows screened at a time: small enough for the temporaries to stay in the CPU cache.
SCREEN_ROWS = 65536


def _screen(metric: Metric, data: npt.NDArray[np.float64]) -> tuple[bool, bool]:
    """Whether every value of *data* is valid for *metric*, and whether any is missing.

    A quick pass over cache-sized blocks with reductions only; a column that
    fails it is checked row by row (vectorised) to name every bad row.
    """
    domain = metric.domain
    lo = None if domain is None or domain.lower is None else float(domain.lower)
    hi = None if domain is None or domain.upper is None else float(domain.upper)
    places = metric.max_decimals
    if metric.kind in (MetricKind.COUNT, MetricKind.YEAR):
        places = 0 if places is None else min(places, 0)
    scale = None if places is None else 10.0**places
    any_missing = False
    for start in range(0, len(data), SCREEN_ROWS):
        block = data[start : start + SCREEN_ROWS]
        low, high = np.min(block), np.max(block)
        if np.isnan(low):  # some value is missing (then both are NaN)
            any_missing = True
            low, high = np.fmin.reduce(block), np.fmax.reduce(block)
            if np.isnan(low):  # every value missing
                continue
        if max(-low, high) >= _limit(metric):  # infinities included
            return False, any_missing
        if lo is not None and (low < lo or (low == lo and not domain.lower_closed)):  # type: ignore[union-attr]
            return False, any_missing
        if hi is not None and (high > hi or (high == hi and not domain.upper_closed)):  # type: ignore[union-attr]
            return False, any_missing
        if scale is not None:
            if max(abs(low), abs(high)) * scale >= _EXACT_FLOAT_INT:
                return False, any_missing
            back = block * scale
            np.rint(back, out=back)
            back /= scale
            if not np.array_equal(back, block, equal_nan=True):
                return False, any_missing
    return True, any_missing


def screen_block(
    metric: Metric, block: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.bool_] | None, Scaled | None] | None:
    """Screen a block of a float column for *metric*: ``None`` when a value may be invalid.

    Otherwise the rows without a value (``None`` when every row has one) and,
    for a metric with a fixed number of decimals (money, counts), the block
    read as exact decimals with that many places.
    """
    if not len(block):
        return None, None
    low, high = float(np.min(block)), float(np.max(block))
    missing = None
    if low != low:  # NaN: some value is missing (then both are NaN)
        missing = np.isnan(block)
        low, high = float(np.fmin.reduce(block)), float(np.fmax.reduce(block))
        if low != low:
            return missing, None  # every value missing
    if not _inside(metric, low, high):
        return None
    places = metric.max_decimals
    if metric.kind in (MetricKind.COUNT, MetricKind.YEAR):
        places = 0
    if places is None:
        return missing, None
    scale = 10.0**places
    bound = max(abs(low), abs(high)) * scale
    if bound >= _EXACT_FLOAT_INT / 2:
        return None
    present = block if missing is None else np.where(missing, 0.0, block)
    if places == 0:
        units = np.rint(present)
        exact = np.array_equal(units, present)
    else:
        units = present * scale
        np.rint(units, out=units)
        exact = np.array_equal(units / scale, present)
    if not exact:
        return None
    return missing, Scaled(units, places, float(np.rint(bound)), missing)


def _inside(metric: Metric, low: float, high: float) -> bool:
    """Whether every value from *low* to *high* is finite and inside the metric's domain."""
    if low <= -_limit(metric) or high >= _limit(metric):  # infinities included
        return False
    domain = metric.domain
    if domain is None:
        return True
    if domain.lower is not None:
        lo = float(domain.lower)
        if low < lo or (low == lo and not domain.lower_closed):
            return False
    if domain.upper is not None:
        hi = float(domain.upper)
        if high > hi or (high == hi and not domain.upper_closed):
            return False
    return True


def _numeric_fast(metric: Metric, raw: npt.NDArray[Any]) -> CheckedColumn:
    data = raw.astype(np.float64, copy=False)
    clean, any_missing = _screen(metric, data)
    if not clean:
        return _checked_rows(metric, data)
    # every value is below 10**15 < 2**53: a whole number is exact in float64, none in doubt
    return CheckedColumn(
        BatchValue(data, missing=np.isnan(data) if any_missing else None, faithful=True),
        np.empty(0, np.intp),
        (),
    )


def _checked_rows(metric: Metric, data: npt.NDArray[np.float64]) -> CheckedColumn:
    """A float column that failed :func:`_screen`, checked row by row (vectorised).

    Every bad value is named with the first rule it breaks, and reads as
    missing. No row is in doubt: a whole number of 2**53 or more (not exact in
    float64) has more than 15 digits, and is refused as too large.
    """
    missing = np.isnan(data)
    present = ~missing
    bad_rows: list[npt.NDArray[np.intp]] = []
    bad_rules: list[str] = []

    flagged = np.zeros(data.shape, dtype=bool)

    def flag(mask: npt.NDArray[np.bool_], rule: str) -> None:
        # one rule per value, the first it breaks, in the order Metric.parse checks them
        mask = mask & ~flagged
        flagged[mask] = True
        rows, rules = _bad(mask, rule)
        if len(rows):
            bad_rows.append(rows)
            bad_rules.extend(rules)

    flag(np.isinf(data), f"must be {metric.expected()}")
    with np.errstate(invalid="ignore"):
        huge = ~np.isinf(data) & (np.abs(data) >= _limit(metric))
    flag(huge, _too_large(metric))
    finite = present & ~np.isinf(data) & ~huge
    if metric.kind in (MetricKind.COUNT, MetricKind.YEAR):
        flag(finite & (data != np.floor(data)), f"must be {metric.expected()}")
    if metric.max_decimals is not None:
        scale = 10.0**metric.max_decimals
        with np.errstate(invalid="ignore", over="ignore"):
            scaled = data * scale
            back = np.rint(scaled) / scale
        # Where |value| × 10**p passes 2**53 the product is rounded, and the test with it; but
        # there floats lie more than 10**-p apart, so each one's shortest decimal (what a float
        # means here) has at most p places: nothing to refuse.
        wrong = finite & (back != data) & (np.abs(scaled) < _EXACT_FLOAT_INT)
        flag(wrong, f"must have at most {metric.max_decimals} decimals")
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
    rows = np.concatenate(bad_rows) if bad_rows else np.empty(0, np.intp)
    if len(rows):
        # a refused value reads as missing, as on the element-wise path: nothing computes on it
        data = data.copy()
        data[rows] = np.nan
        missing = missing | flagged
    return CheckedColumn(BatchValue(data, missing=missing, faithful=True), rows, tuple(bad_rules))


def _elementwise(metric: Metric, raw: npt.NDArray[Any], numeric: bool) -> CheckedColumn:
    size = raw.shape[0]
    missing = np.zeros(size, dtype=bool)
    doubt = np.zeros(size, dtype=bool)
    # a column without values (NaN, False or None in every cell), each value written in
    data = missing_column(metric, size).data
    rows: list[int] = []
    rules: list[str] = []
    for index, item in enumerate(raw):
        if is_missing(item):
            missing[index] = True
            continue
        try:
            value = metric.parse(item)
        except ValueRejected as exc:
            rows.append(index)
            rules.append(str(exc))
            missing[index] = True
            continue
        if numeric:
            number = Fraction(value)  # type: ignore[arg-type]
            data[index] = float(number)
            if not faithful_float(number):
                doubt[index] = True
        else:
            data[index] = value
    return CheckedColumn(
        BatchValue(data, missing=missing, doubt=doubt if doubt.any() else None, faithful=True),
        np.asarray(rows, dtype=np.intp),
        tuple(rules),
    )
