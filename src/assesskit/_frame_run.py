"""Exact results as the columns of the CSV output: the frame of :meth:`Run.to_frame`.

The columns are the CSV's (:mod:`assesskit.io.csv_output`), in its order and
with its names: ``entity_id``, the period field, the results' extra fields
(``stage``, ``assessed_on``, ``late``, ``early``), ``total``, ``band``,
``vetoed``, each component's points, each outcome (the scheme's, its history
rules', then whatever else the results publish) and ``notes``. The values
are the CSV's too, typed as :mod:`assesskit._frame_table` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from assesskit._frame_table import ColumnKind, FrameColumn
from assesskit.io.layout import field_names, value_columns
from assesskit.periods import Period
from assesskit.text import Lang

if TYPE_CHECKING:
    from assesskit.results import Result
    from assesskit.scheme import Scheme

__all__ = ["result_columns"]


def result_columns(
    scheme: Scheme, results: Sequence[Result], lang: Lang = "en"
) -> list[FrameColumn]:
    """The columns of the CSV output of *results*, scored with *scheme*; notes in *lang*."""
    size = len(results)
    columns = [
        FrameColumn("entity_id", "text", _objects(r.entity_id for r in results)),
        FrameColumn(
            scheme.period_field,
            "text",
            _objects(None if r.period is None else str(r.period) for r in results),
        ),
    ]
    for name in field_names(results):
        values = [r.fields.get(name) for r in results]
        columns.append(FrameColumn(name, _kind_of(values), _cells(values)))
    columns += [
        FrameColumn("total", "number", _floats(r.total for r in results)),
        FrameColumn("band", "text", _objects(r.band_id for r in results)),
        FrameColumn("vetoed", "bool", np.array([r.vetoed for r in results], dtype=bool)),
    ]
    kinds = {o.id: o.kind for o in scheme.outcomes}
    for rule in scheme.history_rules:
        kinds[rule.id] = "flag"
        if rule.triggers_outcome:
            kinds[rule.triggers_outcome] = "list"
    for column in value_columns(scheme, results):
        if column.kind == "component":
            points = (r.components.get(column.key) for r in results)
            floats = _floats(None if c is None else c.points for c in points)
            columns.append(FrameColumn(column.name, "number", floats))
            continue
        cells = [r.outcome.get(column.key) for r in results]
        kind = _outcome_kind(kinds.get(column.key), cells)
        columns.append(FrameColumn(column.name, kind, _cells(cells, kind)))
    notes = (" | ".join(n.get(lang) for n in r.notes) or None for r in results)
    columns.append(FrameColumn("notes", "text", _objects(notes)))
    assert all(len(c.values) == size for c in columns)
    return columns


def _objects(values: Any) -> npt.NDArray[np.object_]:
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _floats(values: Any) -> npt.NDArray[np.float64]:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _outcome_kind(declared: str | None, cells: Sequence[Any]) -> ColumnKind:
    if declared in ("money", "number"):
        return "number"
    if declared == "flag":
        return "flag"
    if declared == "list":
        return "list"
    if declared == "text":
        return "text"
    return _kind_of(cells)


def _kind_of(values: Sequence[Any]) -> ColumnKind:
    """The kind of a column the scheme does not declare, from its values."""
    given = [v for v in values if v is not None]
    if given and all(isinstance(v, bool) for v in given):
        return "flag"
    if given and all(
        isinstance(v, Decimal | Fraction | int | float) and not isinstance(v, bool) for v in given
    ):
        return "number"
    if given and all(isinstance(v, list | tuple) for v in given):
        return "list"
    return "text"


def _cells(values: Sequence[Any], kind: ColumnKind | None = None) -> npt.NDArray[Any]:
    """Values of one column as the frame holds them: floats, bools, lists or texts."""
    kind = kind or _kind_of(values)
    if kind == "number":
        return _floats(values)
    if kind == "list":
        return _objects(None if v is None else [str(i) for i in v] for v in values)
    if kind == "flag":
        return _objects(values)
    return _objects(None if v is None else _text(v) for v in values)


def _text(value: object) -> str:
    if isinstance(value, Period | dt.date):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
