"""The batch and order invariants: ``score_batch`` equals ``score``, in any order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st

from assesskit.metrics import MetricValue
from assesskit.scheme import Scheme
from assesskit.testing._compare import batch_rows_differ, exact_and_batch_differ
from assesskit.testing._probes import probe_values
from assesskit.testing._profiles import get_profile
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    Compact,
    ProfileArg,
    run_check,
    score_batch_or_fail,
    score_or_fail,
    show,
)
from assesskit.testing.strategies import (
    SchemeInputs,
    _drawn,
    draw_columns,
    raw_forms,
)

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn


# -- batch == exact --------------------------------------------------------------------------


@attrs.frozen(repr=False)
class _Batch(Compact):
    rows: list[dict[str, Any]]
    columns: dict[str, Any]
    permutation: list[int]

    def __repr__(self) -> str:
        return f"<batch of {len(self.rows)} record(s), order {self.permutation}>"


@st.composite
def _batches(draw: _DrawFn, ctx: SchemeInputs, max_size: int) -> _Batch:
    size = draw(st.integers(1, max_size))
    rows = [draw(_drawn(ctx, 0.5, f"E-{i + 1}", None)).record for i in range(size)]
    cols = draw_columns(draw, rows)
    permutation = draw(st.permutations(range(size)))
    return _Batch(rows, cols, list(permutation))


@attrs.frozen(repr=False)
class _ProbeBatch(Compact):
    """A base record, then copies of it with one input at one probe value each."""

    rows: list[dict[str, Any]]
    columns: dict[str, Any]
    moved: list[str]

    def __repr__(self) -> str:
        return f"<a record and {len(self.rows) - 1} copies at probe values>"


@st.composite
def _probe_batches(
    draw: _DrawFn, ctx: SchemeInputs, probes: Mapping[str, tuple[MetricValue, ...]]
) -> _ProbeBatch:
    scheme = ctx.scheme
    drawn = draw(_drawn(ctx, 0.5, "E-0", None))
    constraints = scheme.all_constraints()
    metrics = scheme.metric_map
    rows, moved = [drawn.record], ["none"]
    for name, values in probes.items():
        for value in values:
            if value == drawn.values.get(name) and type(value) is type(drawn.values.get(name)):
                continue
            if any(c.check({**drawn.values, name: value}) is not None for c in constraints):
                continue
            row = {**drawn.record, "entity_id": f"E-{len(rows)}"}
            row[name] = draw(st.sampled_from(raw_forms(metrics[name], value)))
            rows.append(row)
            moved.append(f"{name} = {show(value)}")
    return _ProbeBatch(rows, draw_columns(draw, rows), moved)


def _compare_rows(
    scheme: Scheme,
    rows: Sequence[dict[str, Any]],
    columns: Mapping[str, Any],
    labels: Sequence[str] | None = None,
) -> None:
    """Score *rows* exactly and as one batch; a difference is a violation naming its part."""
    exact = [score_or_fail(scheme, "batch", row) for row in rows]
    batch = score_batch_or_fail(scheme, "batch", columns, rows)
    for row, result in enumerate(exact):
        diffs = exact_and_batch_differ(scheme, result, batch, row)
        if diffs:
            parts = [d.part for d in diffs if d.part is not None]
            where = f"row {row + 1} of {len(exact)}"
            if labels is not None:
                where += f" ({labels[row]})"
            raise InvariantViolation(
                "batch",
                scheme.id,
                f"score_batch and score disagree on {where}: " + ", ".join(d.what for d in diffs),
                component=parts[0] if parts else None,
                details=[d.words("batch", "exact") for d in diffs],
                record=rows[row],
                record_label=where,
            )


def _batch_body(scheme: Scheme) -> Callable[[_Batch], None]:
    def body(case: _Batch) -> None:
        _compare_rows(scheme, case.rows, case.columns)

    return body


def _probe_body(scheme: Scheme) -> Callable[[_ProbeBatch], None]:
    def body(case: _ProbeBatch) -> None:
        labels = ["the base record", *(f"with {m}" for m in case.moved[1:])]
        _compare_rows(scheme, case.rows, case.columns, labels)

    return body


def check_batch(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """``score_batch`` gives what ``score`` gives, row by row.

    First a record and its copies with one input at each probe value —
    every number a rule holds or an expression compares with, each declared
    edge, and one step either side
    (:func:`~assesskit.testing._probes.probe_values`) — scored as one batch,
    so that a ``>`` against ``>=`` at a threshold no rule declares is found
    every time; then random batches.

    Totals, bands, vetoed, each veto, component points and outcomes (history
    outcomes aside: the batch path does not apply history rules). Columns mix
    numpy arrays and lists of raw values.
    """
    prof = get_profile(profile)
    ctx = SchemeInputs.of(scheme)
    probes = probe_values(scheme)
    # probes first: a disagreement at a threshold is then always reported there, with the
    # input that sits on it, whichever record the random batches would have met first
    if probes:
        strategy = _probe_batches(ctx, probes)
        body = _probe_body(scheme)
        run_check(
            scheme,
            "batch",
            strategy,
            body,
            profile,
            settings,
            key="probes",
            budget=prof.probe_examples,
        )
    run_check(
        scheme, "batch", _batches(ctx, prof.batch_size), _batch_body(scheme), profile, settings
    )


def _permuted(columns: Mapping[str, Any], order: Sequence[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, column in columns.items():
        out[name] = column[list(order)] if hasattr(column, "dtype") else [column[i] for i in order]
    return out


def _order_body(scheme: Scheme) -> Callable[[_Batch], None]:
    def body(case: _Batch) -> None:
        first = score_batch_or_fail(scheme, "order", case.columns, case.rows)
        moved = score_batch_or_fail(
            scheme, "order", _permuted(case.columns, case.permutation), case.rows
        )
        for new_row, old_row in enumerate(case.permutation):
            diffs = batch_rows_differ(moved, new_row, first, old_row)
            if diffs:
                parts = [d.part for d in diffs if d.part is not None]
                raise InvariantViolation(
                    "order",
                    scheme.id,
                    f"moving row {old_row + 1} of {len(case.rows)} to position {new_row + 1} "
                    f"changed its result: " + ", ".join(d.what for d in diffs),
                    component=parts[0] if parts else None,
                    details=[d.words("moved", "in place") for d in diffs],
                    record=case.rows[old_row],
                    record_label=f"row {old_row + 1} of {len(case.rows)}",
                )

    return body


def check_order(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """Results do not depend on the order of the records in a batch."""
    prof = get_profile(profile)
    strategy = _batches(SchemeInputs.of(scheme), max(2, prof.batch_size))
    run_check(scheme, "order", strategy, _order_body(scheme), profile, settings)
