"""Checking a batch's columns: whether the quick screen can do it, else every problem named."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from assesskit._columns import check_column, missing_column, without_values
from assesskit.controls import has_control, identifier_problem
from assesskit.errors import InvalidInputError, Problem
from assesskit.expressions import BatchValue
from assesskit.metrics import Metric, MetricKind, is_missing
from assesskit.rules.base import BatchRuleContext

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = [
    "any_bad_id",
    "cell_value",
    "exact_value",
    "screenable",
    "unwrapped",
    "validate_columns",
    "without_input",
]


def without_input(column: npt.NDArray[Any] | None) -> bool:
    """Whether a batch gives no value of an input: no column, or no value in any of its cells.

    Such an optional input costs the batch path nothing: every chunk reads
    it as a column without values (:func:`~assesskit._columns.missing_column`).
    """
    return column is None or without_values(column)


def screenable(metric: Metric, column: npt.NDArray[Any] | None) -> bool:
    """Whether a column can be validated chunk by chunk (a typed numeric or flag column)."""
    if column is None:
        return False
    if metric.kind is MetricKind.FLAG:
        return column.dtype == bool
    numeric = metric.kind.is_numeric or metric.kind is MetricKind.YEAR
    return numeric and column.dtype.kind in "fiu"


def any_bad_id(column: npt.NDArray[Any]) -> bool:
    """Whether some entity id of *column* breaks the identifier rule (texts in one pass)."""
    if column.dtype != object:
        return False  # numbers
    texts = column.tolist()
    if set(map(type, texts)) - {str}:
        return True  # other kinds: checked one by one
    return has_control("".join(texts))


def validate_columns(
    scheme: SchemeDefinition,
    raw: Mapping[str, npt.NDArray[Any]],
    size: int,
    params: Mapping[str, Any],
    period_problems: list[tuple[int, Problem]],
) -> dict[str, BatchValue]:
    """Check every column in full; raise :class:`InvalidInputError` naming every problem."""
    entity_raw = raw.get("entity_id")
    problems: list[tuple[int, Problem]] = []
    if entity_raw is not None and any_bad_id(entity_raw):
        for index, value in enumerate(entity_raw.tolist()):
            wrong = None if is_missing(value) else identifier_problem(value)
            if wrong is not None:
                problems.append((index, Problem("entity_id", value, wrong)))
    checked: dict[str, BatchValue] = {}
    for metric in scheme.metrics:
        column = raw.get(metric.name)
        if column is None:
            if metric.required:
                # one problem for the whole input, not for a record (row -1)
                problems.append((-1, Problem(metric.name, None, "is required (no such column)")))
            checked[metric.name] = missing_column(metric, size)
            continue
        checked_column = check_column(metric, column)
        checked[metric.name] = checked_column.value
        problems.extend(
            (int(row), Problem(metric.name, cell_value(column, row), rule))
            for row, rule in zip(checked_column.bad_rows, checked_column.bad_rules, strict=True)
        )
        if metric.required and metric.name in raw:
            missing = checked_column.value.missing
            if missing is not None and missing.any():
                bad = {int(r) for r in checked_column.bad_rows}
                problems.extend(
                    (int(row), Problem(metric.name, None, "is required"))
                    for row in np.flatnonzero(missing)
                    if int(row) not in bad
                )
    ctx = BatchRuleContext(checked, params, size)
    refused = {(row, p.field) for row, p in problems}
    for constraint in scheme.all_constraints():
        for row in np.flatnonzero(constraint.violations(ctx)):
            if any((int(row), f) in refused for f in constraint.fields()):
                continue  # its value is refused already, as on the exact path
            values = {f: exact_value(scheme, f, raw, int(row)) for f in constraint.fields()}
            found = constraint.check(values)
            if found is not None:
                problems.append((int(row), found))
    problems += period_problems
    if problems:
        problems.sort(key=lambda rp: rp[0])
        raise InvalidInputError(
            p if row < 0 else p.located(None if entity_raw is None else str(entity_raw[row]), row)
            for row, p in problems
        )
    return checked


def cell_value(column: npt.NDArray[Any], row: int) -> Any:
    """The cell of *column* in *row* as a Python value (numpy scalars unwrapped)."""
    return unwrapped(column[row])


def unwrapped(value: Any) -> Any:
    """*value* as a Python value: a numpy scalar unwrapped, anything else as it is."""
    return value.item() if hasattr(value, "item") else value


def exact_value(
    scheme: SchemeDefinition, name: str, raw: Mapping[str, npt.NDArray[Any]], row: int
) -> Any:
    """Input *name* of *row* as the exact path parses it; ``None`` if absent or refused."""
    column = raw.get(name)
    if column is None:
        return None
    try:
        return scheme.metric_map[name].parse(cell_value(column, row))
    except ValueError:
        return None
