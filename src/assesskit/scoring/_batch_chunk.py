"""Scoring one chunk of rows: rules, totals, vetoes, band and outcomes, into the batch's arrays."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray, or_masks, round_half_up_with_doubt, rows_of
from assesskit._scaled import Scaled, round_scaled, scaled_value
from assesskit.expressions import BatchValue
from assesskit.rules.base import BatchRuleContext, BatchScored
from assesskit.scoring._batch_env import ChunkDecimals, ChunkEnv, Decided, none_column
from assesskit.scoring._batch_texts import chunk_text_codes
from assesskit.scoring._batch_totals import exact_totals, float_totals

if TYPE_CHECKING:
    from assesskit.scoring._batch_outputs import BatchOutputs
    from assesskit.scoring._batch_periods import BatchPeriods
    from assesskit.scoring._batch_plan import BatchPlan

__all__ = ["chunk_of", "score_chunk"]


def chunk_of(value: BatchValue, part: slice) -> BatchValue:
    """The rows *part* of a batch column, with its masks."""
    return BatchValue(
        value.data[part],
        None if value.missing is None else value.missing[part],
        None if value.doubt is None else value.doubt[part],
        value.faithful,
    )


def score_chunk(
    plan: BatchPlan,
    columns: Mapping[str, BatchValue],
    seeds: dict[str, Scaled | None],
    periods: BatchPeriods | None,
    start: int,
    stop: int,
    out: BatchOutputs,
    hints: dict[str, int],
) -> BoolArray | None:
    """Score rows ``start:stop`` (their *columns*) into *out*; return the rows to redo exactly."""
    scheme = plan.scheme
    part = slice(start, stop)
    size = stop - start
    decimals = ChunkDecimals(columns, hints, seeds)
    ctx = BatchRuleContext(columns, plan.params, size, decimals)
    doubt: BoolArray | None = None
    for value in columns.values():
        doubt = or_masks(doubt, value.doubt)

    scored: dict[str, BatchScored] = {}
    statuses: dict[str, npt.NDArray[Any]] = {}
    none = none_column(size)
    for component in scheme.components:
        result = component.rule.score_batch(ctx, plan.weights[component.id])
        scored[component.id] = result
        doubt = or_masks(doubt, result.doubt)
        if result.status is not None:
            out.status(component.id, start, stop, result.status)
            statuses[component.id] = result.status
        else:
            statuses[component.id] = none

    totals = exact_totals(plan, scored, size, out, part)
    if totals is None:
        totals, unsure = float_totals(plan, scored, size, out, part)
        doubt = or_masks(doubt, unsure)
    hundredths, nothing, near_tie, total_bound = totals

    period_value = None
    if periods is not None:
        period_value = BatchValue(periods.values[part], missing=periods.missing[part])
    env = ChunkEnv(size, columns, plan.params, period_value, decimals, statuses)
    vetoed = out.vetoed[part]
    if not scheme.vetoes:
        vetoed[:] = False
    for position, veto in enumerate(scheme.vetoes):
        value = veto.condition.batch(env)
        mask = out.veto_fired[veto.id][part]
        np.copyto(mask, value.data, casting="unsafe")
        if value.missing is not None:
            mask &= ~value.missing
        if position == 0:
            np.copyto(vetoed, mask)
        else:
            vetoed |= mask
        doubt = or_masks(doubt, value.doubt)
    if near_tie is not None:
        doubt = or_masks(doubt, near_tie & ~vetoed)

    published = hundredths
    np.putmask(published, vetoed, 0.0)
    total = out.total[part]
    np.divide(published, 100.0, out=total)
    if nothing is not None:
        total[nothing] = np.nan
    if plan.bands is not None:
        band_index = out.band_index[part]
        band_index[:] = plan.bands.classify(published)
        assert scheme.bands is not None
        lookup = np.array([*scheme.bands.ids(), None], dtype=object)
        band_value = BatchValue(lookup[band_index], faithful=True)
        if nothing is not None:
            band_index[nothing] = -1
            band_value.data[nothing] = None
    else:  # out.band_index is -1 throughout already
        band_value = BatchValue(none, faithful=True)
    env.decide(
        Decided(
            total=BatchValue(total, missing=nothing, faithful=True),
            total_scaled=Scaled(published, 2, total_bound, nothing),
            band=band_value,
            vetoed=BatchValue(vetoed, faithful=True),
        )
    )

    for spec in scheme.outcomes:
        if spec.kind in ("money", "number"):
            target = out.outcomes[spec.id][part]
            places = 2 if spec.kind == "money" else spec.places
            exact = scaled_value(spec.expr, env)
            decimal = None if exact is None else round_scaled(exact, places, target)
            if decimal is not None:
                env.outcomes_scaled[spec.id] = decimal
                missing = missing_of(decimal.missing, size)
            else:
                value = spec.expr.batch(env)
                missing = missing_of(value.missing, size)
                numbers = rows_of(value.data, size).astype(float)
                span = None if value.span is None else rows_of(value.span, size)
                data, near = round_half_up_with_doubt(numbers, places, span)
                target[:] = np.where(missing, np.nan, data)
                doubt = or_masks(doubt, value.doubt)
                doubt = or_masks(doubt, near & ~missing)
            env.outcomes[spec.id] = BatchValue(target, missing=missing, faithful=True)
            continue
        if spec.id in out.texts:
            codes, unsure = chunk_text_codes(spec.expr, env, periods, part)
            out.texts[spec.id][0][part] = codes
            doubt = or_masks(doubt, unsure)
            continue  # no later outcome reads it: no batch value needed
        target = out.outcomes[spec.id][part]
        value = spec.expr.batch(env)
        missing = missing_of(value.missing, size)
        _publish(spec.kind, value, missing, size, target)
        if spec.kind == "flag":
            out.flags_missing[spec.id][part] = missing
        doubt = or_masks(doubt, value.doubt)
        env.outcomes[spec.id] = BatchValue(target, missing=missing, faithful=True)
    return doubt


#: ``list(v)`` of every element of an object array, looped in C.
_COPY_LIST = np.frompyfunc(list, 1, 1)


def missing_of(mask: BoolArray | None, size: int) -> BoolArray:
    """A missing mask of *size* rows (none missing for ``None``)."""
    if mask is None:
        return np.zeros(size, dtype=bool)
    return rows_of(mask, size)


def _publish(
    kind: str,
    value: BatchValue,
    missing: BoolArray,
    size: int,
    target: npt.NDArray[Any],
) -> None:
    """Write a flag, text or list outcome of a chunk into *target*."""
    data = rows_of(value.data, size)
    if kind == "flag":
        target[:] = np.asarray(data, dtype=bool) & ~missing
        return
    if kind == "list":
        # a list of its own per row (the rows of a batch value may share one), copied in C
        if not missing.any():
            target[:] = _COPY_LIST(data)
            return
        for row, (item, gap) in enumerate(zip(data.tolist(), missing.tolist(), strict=True)):
            target[row] = None if gap else list(item)
        return
    target[:] = [None if m else str(v) for v, m in zip(data, missing, strict=True)]
