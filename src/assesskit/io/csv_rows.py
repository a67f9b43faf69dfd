"""CSV rows of results scored chunk by chunk: the very text :mod:`~assesskit.io.csv_output` writes.

The streaming front end (:mod:`assesskit.run.streaming`) scores a chunk on
the batch path (or, for a chunk with a problem, record by record) and
writes its rows at once; the cells come from :mod:`~assesskit.io.batch_csv`.
The notes cell and the history columns may wait for a second pass: the
functions here leave them out, and :func:`notes_cells` words them once
every record is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from assesskit.io.batch_csv import (
    fixed_cells,
    flag_cells,
    number_cells,
    quote,
    table_cells,
    text_cells,
)
from assesskit.io.csv_output import cell
from assesskit.io.layout import kept_headers, value_columns
from assesskit.periods import Period
from assesskit.results import BatchResult, Result
from assesskit.scheme import Scheme
from assesskit.scoring.batch import text_codes

__all__ = [
    "batch_columns",
    "exact_cells",
    "joined_rows",
    "notes_cells",
    "outcome_cells",
    "stream_header",
    "text_cell",
]


def stream_header(scheme: Scheme, kept: Sequence[str] = ()) -> list[str]:
    """The CSV header, as :func:`~assesskit.io.csv_output.header` gives it for this scheme.

    The *kept* input columns come after the period (:mod:`assesskit.run.kept`).
    """
    names = ["entity_id", scheme.period_field]
    after = ["total", "band", "vetoed", *(column.name for column in value_columns(scheme))]
    after.append("notes")
    return [*names, *kept_headers(kept, [*names, *after]), *after]


def text_cell(value: object) -> str:
    """The cell of one value (empty for ``None``), neutralised and quoted."""
    return quote(cell(value)) if value is not None else ""


def outcome_cells(
    result: BatchResult, kind: str, name: str, flags_missing: dict[str, npt.NDArray[np.bool_]]
) -> list[str]:
    """The cells of outcome *name* (of *kind*) of every row of *result*."""
    coded = text_codes(result, name) if kind == "text" else None
    if coded is not None:
        codes, table = coded
        return table_cells(codes, [text_cell(t) for t in table])
    values = result.outcomes[name]
    if kind == "money":
        return fixed_cells(values, 2)
    if kind == "number":
        return number_cells(values)
    if kind == "flag":
        return flag_cells(values, flags_missing.get(name))
    shown: dict[Any, str] = {}
    out = []
    for value in values.tolist():
        key = tuple(value) if isinstance(value, list) else value
        try:
            text = shown[key]
        except KeyError:
            text = shown[key] = text_cell(value)
        except TypeError:  # unhashable
            text = text_cell(value)
        out.append(text)
    return out


def batch_columns(
    scheme: Scheme,
    result: BatchResult,
    flags_missing: dict[str, npt.NDArray[np.bool_]],
    entities: Sequence[str],
    period_codes: npt.NDArray[np.intp],
    period_table: list[Period],
) -> list[list[str]]:
    """The cells of a scored chunk, column by column, up to the outcomes (no notes, no history)."""
    columns: list[list[str]] = [
        text_cells(entities),
        table_cells(period_codes, [text_cell(str(p)) for p in period_table]),
        fixed_cells(result.total),
        table_cells(result.band_index, [*(text_cell(b) for b in result.band_ids), ""]),
        flag_cells(result.vetoed, None),
    ]
    columns += [fixed_cells(result.components[c.id]) for c in scheme.components]
    columns += [outcome_cells(result, o.kind, o.id, flags_missing) for o in scheme.outcomes]
    return columns


def exact_cells(scheme: Scheme, result: Result) -> list[str]:
    """The cells of an exact result, up to the outcomes (no notes, no history)."""
    cells = [
        text_cell(result.entity_id),
        text_cell(None if result.period is None else str(result.period)),
        quote(cell(result.total)),
        text_cell(result.band_id),
        cell(result.vetoed),
    ]
    for component in scheme.components:
        points = result.components[component.id].points
        cells.append(quote(cell(points)))
    cells += [quote(cell(result.outcome.get(o.id))) for o in scheme.outcomes]
    return cells


def joined_rows(columns: Sequence[Sequence[str]]) -> list[str]:
    """Rows of CSV text (no line ends) from cells given column by column."""
    return list(map(",".join, zip(*columns, strict=True)))


def notes_cells(
    parts: list[tuple[npt.NDArray[np.intp], tuple[str, ...]]],
) -> tuple[npt.NDArray[np.intp], list[str]]:
    """Each row's notes joined with `` | `` as its cell: a code per row into a table of cells.

    Each part gives a code per row into its table of note texts (``""``: none).
    """
    combined = np.zeros(len(parts[0][0]), dtype=np.int64)
    for codes, table in parts:
        combined = combined * len(table) + codes
    distinct, index = np.unique(combined, return_inverse=True)
    cells = []
    for value in distinct.tolist():
        texts = []
        for _, table in reversed(parts):
            value, code = divmod(value, len(table))
            texts.append(table[code])
        cells.append(text_cell(" | ".join(t for t in reversed(texts) if t) or None))
    return index.astype(np.intp).ravel(), cells
