"""The period of every row of a batch, each distinct value read once."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray
from assesskit.errors import Problem
from assesskit.periods import Period
from assesskit.scoring._batch_checks import cell_value, unwrapped

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = ["BatchPeriods", "factorise", "read_periods"]


@attrs.frozen
class BatchPeriods:
    """The period of every row: a code per row into a table of the distinct periods."""

    codes: npt.NDArray[np.intp]
    table: tuple[Period | None, ...]
    values: npt.NDArray[np.object_]
    missing: BoolArray


def read_periods(
    scheme: SchemeDefinition,
    raw: Mapping[str, npt.NDArray[Any]],
    size: int,
    problems: list[tuple[int, Problem]],
) -> BatchPeriods | None:
    """The period of every row, each distinct value read once; bad ones go to *problems*."""
    column = raw.get(scheme.period_field)
    if column is None:
        return None
    from assesskit.scoring.exact import read_period

    keys: list[Any]
    if column.dtype.kind in "biufUS":
        distinct, index = np.unique(column, return_inverse=True)
        keys = distinct.tolist()
    else:
        try:
            index, seen = factorise(column)
        except TypeError:  # an unhashable value: read every row on its own
            index = np.arange(size, dtype=np.intp)
            seen = [cell_value(column, row) for row in range(size)]
        keys = [unwrapped(k) for k in seen]
    table = np.empty(len(keys), dtype=object)
    absent = np.zeros(len(keys), dtype=bool)
    for code, key in enumerate(keys):
        period, rule = read_period(scheme, key)
        table[code] = period
        absent[code] = period is None
        if rule is not None:
            problems.extend(
                (int(row), Problem(scheme.period_field, key, rule))
                for row in np.flatnonzero(index == code)
            )
    return BatchPeriods(index, tuple(table), table[index], absent[index])


def factorise(values: Any) -> tuple[npt.NDArray[np.intp], list[Any]]:
    """A code per value into the list of distinct values, in order of first appearance.

    >>> codes, distinct = factorise(["2026-08", "2026-09", "2026-08"])
    >>> codes.tolist(), distinct
    ([0, 1, 0], ['2026-08', '2026-09'])

    Raises :class:`TypeError` for an unhashable value.
    """
    first: dict[Any, int] = {}
    # each value's first position, at C speed: setdefault keeps the first one it was given
    positions = np.fromiter(
        map(first.setdefault, values, itertools.count()), dtype=np.intp, count=len(values)
    )
    dense = np.empty(len(values), dtype=np.intp)
    dense[np.fromiter(first.values(), dtype=np.intp, count=len(first))] = np.arange(len(first))
    return dense[positions], list(first)
