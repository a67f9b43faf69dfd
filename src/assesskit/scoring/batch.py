"""The batch path: vectorised numpy scoring with exact answers.

Inputs are validated column by column, then scored in cache-sized chunks of
rows, so that numpy's temporaries stay in the CPU cache and the extra memory
is a few chunks, not a few copies of the input.

Within a chunk, rules that can compute exactly give their points as
rationals held in float64 (see :mod:`assesskit._batchmath`): component
points and the total are then rounded half-up from exact values, and money
and number outcomes are computed on exact scaled decimals
(:mod:`assesskit._scaled`). Where that cannot be done (a rule kind without
an exact form, values with too many decimals, magnitudes past the exact
range), the chunk computes in float64 and marks the rows where float noise
could change a discrete decision; those rows, and rows whose inputs are not
exactly floats, are re-scored on the exact path. Every published value
equals the exact path's.

The work is split by job: checking the columns (:mod:`._batch_checks`),
reading periods (:mod:`._batch_periods`), preparing the scheme once
(:mod:`._batch_plan`), scoring a chunk (:mod:`._batch_chunk`, with
:mod:`._batch_totals` and the expression environment :mod:`._batch_env`),
and the result arrays (:mod:`._batch_outputs`, :mod:`._batch_texts`). This
module drives them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray
from assesskit._columns import missing_column, screen_block
from assesskit._scaled import Scaled
from assesskit.errors import Problem
from assesskit.expressions import BatchValue
from assesskit.metrics import MetricKind
from assesskit.results import BatchResult, Result
from assesskit.rules.base import BatchRuleContext
from assesskit.scoring._batch_checks import (
    any_bad_id,
    cell_value,
    screenable,
    validate_columns,
    without_input,
)
from assesskit.scoring._batch_chunk import chunk_of, score_chunk
from assesskit.scoring._batch_outputs import BatchOutputs
from assesskit.scoring._batch_periods import BatchPeriods, factorise, read_periods
from assesskit.scoring._batch_plan import BatchPlan
from assesskit.scoring._batch_texts import text_codes
from assesskit.scoring.boundary import columns_of

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = ["CHUNK_ROWS", "factorise", "score_columns", "score_columns_detail", "text_codes"]


#: Rows scored at a time. About 65 thousand rows keep a chunk's columns and
#: temporaries (512 KiB each) in the CPU's second- and third-level caches
#: while the Python work per chunk (a few hundred microseconds) stays small:
#: measured, 65,536 rows score a million 5–10% faster than 32,768 (fewer
#: chunks), and 262,144 slower (the temporaries leave the cache).
CHUNK_ROWS = 65536


def score_columns(
    scheme: SchemeDefinition, columns: Mapping[str, Any], *, chunk_rows: int = CHUNK_ROWS
) -> BatchResult:
    """Score columns of records (see :meth:`Scheme.score_batch`).

    *chunk_rows* rows are scored at a time; the results do not depend on it.
    Float columns are validated chunk by chunk while they are scored (a
    quick screen on data already in the cache); any chunk that fails the
    screen sends the whole batch through :func:`validate_columns`, which names
    every problem of every row.
    """
    return score_columns_detail(scheme, columns, chunk_rows=chunk_rows)[0]


def score_columns_detail(
    scheme: SchemeDefinition, columns: Mapping[str, Any], *, chunk_rows: int = CHUNK_ROWS
) -> tuple[BatchResult, dict[str, BoolArray]]:
    """:func:`score_columns`, and the rows of each flag outcome that have no value.

    A flag outcome without a value (it reads an input not given) is ``False``
    in the batch result; publishing it as the exact path does needs to know.
    """
    raw, size = columns_of(columns)
    params = scheme.params()
    period_problems: list[tuple[int, Problem]] = []
    periods = read_periods(scheme, raw, size, period_problems)
    plan = BatchPlan.of(scheme, params, periods)
    step = max(1, chunk_rows)
    entities = raw.get("entity_id")
    # optional inputs without a value: every chunk reads a column without values
    given = [m for m in scheme.metrics if m.required or not without_input(raw.get(m.name))]
    if (
        not period_problems
        and (entities is None or not any_bad_id(entities))
        and all(screenable(m, raw.get(m.name)) for m in given)
    ):
        floats = {
            m.name: raw[m.name].astype(np.float64, copy=False)
            if m.kind is not MetricKind.FLAG
            else raw[m.name]
            for m in given
        }
        screened = _score_all(plan, raw, floats, None, periods, size, step)
        if screened is not None:
            return screened
    checked = validate_columns(scheme, raw, size, params, period_problems)
    result = _score_all(plan, raw, None, checked, periods, size, step)
    assert result is not None
    return result


def _score_all(
    plan: BatchPlan,
    raw: Mapping[str, npt.NDArray[Any]],
    floats: Mapping[str, npt.NDArray[Any]] | None,
    checked: Mapping[str, BatchValue] | None,
    periods: BatchPeriods | None,
    size: int,
    step: int,
) -> tuple[BatchResult, dict[str, BoolArray]] | None:
    """Score every chunk: *checked* columns, or *floats* screened chunk by chunk.

    An input of the scheme missing from *floats* has no value in any row.

    Returns ``None`` as soon as a chunk of *floats* fails its screen.
    """
    scheme = plan.scheme
    out = BatchOutputs.allocate(plan, size)
    hints: dict[str, int] = {}
    constraints = scheme.all_constraints()
    doubt_rows: list[npt.NDArray[np.intp]] = []
    for start in range(0, size, step):
        stop = min(size, start + step)
        part = slice(start, stop)
        seeds: dict[str, Scaled | None] = {}
        if checked is not None:
            chunk = {name: chunk_of(value, part) for name, value in checked.items()}
        else:
            assert floats is not None
            chunk = {}
            for metric in scheme.metrics:
                if metric.name not in floats:
                    chunk[metric.name] = missing_column(metric, stop - start)
                    continue
                block = floats[metric.name][part]
                if metric.kind is MetricKind.FLAG:
                    chunk[metric.name] = BatchValue(block, faithful=True)
                    continue
                screen = screen_block(metric, block)
                if screen is None:
                    return None
                missing, decimals = screen
                if missing is not None and metric.required:
                    return None
                chunk[metric.name] = BatchValue(block, missing=missing, faithful=True)
                if decimals is not None:
                    seeds[metric.name] = decimals
            if constraints:
                whole = BatchRuleContext(chunk, plan.params, stop - start)
                if any(c.violations(whole).any() for c in constraints):
                    return None
        doubt = score_chunk(plan, chunk, seeds, periods, start, stop, out, hints)
        if doubt is not None and doubt.any():
            doubt_rows.append(np.flatnonzero(doubt) + start)
    result = out.result(plan)
    if not doubt_rows:
        return result, out.flags_missing
    rows = np.concatenate(doubt_rows)
    _redo_exactly(scheme, raw, rows, result, out.flags_missing)
    return attrs.evolve(result, exact_rows=len(rows)), out.flags_missing


def _row_record(raw: Mapping[str, npt.NDArray[Any]], row: int) -> dict[str, Any]:
    return {name: cell_value(column, row) for name, column in raw.items()}


def _redo_exactly(
    scheme: SchemeDefinition,
    raw: Mapping[str, npt.NDArray[Any]],
    rows: npt.NDArray[np.intp],
    out: BatchResult,
    flags_missing: Mapping[str, BoolArray],
) -> None:
    """Re-score *rows* on the exact path and write the exact answers into *out*."""
    from assesskit.scoring.exact import parse_record, score_parsed

    index_of = {band_id: i for i, band_id in enumerate(out.band_ids)}
    for row in rows:
        parsed = parse_record(scheme, _row_record(raw, int(row)), int(row))
        result: Result = score_parsed(scheme, parsed)
        out.total[row] = np.nan if result.total is None else float(result.total)
        if out.band_index.flags.writeable:  # read-only -1 throughout for a scheme without bands
            out.band_index[row] = -1 if result.band is None else index_of[result.band.id]
        out.vetoed[row] = result.vetoed
        fired = {v.id for v in result.vetoes}
        for veto_id, mask in out.veto_fired.items():
            mask[row] = veto_id in fired
        for comp_id, points in out.components.items():
            value = result.components[comp_id].points
            points[row] = np.nan if value is None else float(value)
        for comp_id, status in out.component_status.items():
            if status.flags.writeable:
                status[row] = result.components[comp_id].status
        for outcome_id, column in out.outcomes.items():
            value = result.outcome[outcome_id]
            if column.dtype == object:
                column[row] = value
            elif column.dtype == bool:
                column[row] = bool(value)
                flags_missing[outcome_id][row] = value is None
            else:
                column[row] = np.nan if value is None else float(Decimal(value))
