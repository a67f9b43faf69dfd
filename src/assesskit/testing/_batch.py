"""The batch and order invariants: ``score_batch`` equals ``score``, in any order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st

from assesskit.scheme import Scheme
from assesskit.testing._compare import batch_rows_differ, exact_and_batch_differ
from assesskit.testing._profiles import get_profile
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    Compact,
    ProfileArg,
    run_check,
    score_batch_or_fail,
    score_or_fail,
)
from assesskit.testing.strategies import (
    SchemeInputs,
    _drawn,
    draw_columns,
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


def _batch_body(scheme: Scheme) -> Callable[[_Batch], None]:
    def body(case: _Batch) -> None:
        exact = [score_or_fail(scheme, "batch", row) for row in case.rows]
        batch = score_batch_or_fail(scheme, "batch", case.columns, case.rows)
        for row, result in enumerate(exact):
            diffs = exact_and_batch_differ(scheme, result, batch, row)
            if diffs:
                parts = [d.part for d in diffs if d.part is not None]
                raise InvariantViolation(
                    "batch",
                    scheme.id,
                    f"score_batch and score disagree on row {row + 1} of {len(exact)}: "
                    + ", ".join(d.what for d in diffs),
                    component=parts[0] if parts else None,
                    details=[d.words("batch", "exact") for d in diffs],
                    record=case.rows[row],
                    record_label=f"row {row + 1} of {len(exact)}",
                )

    return body


def check_batch(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """``score_batch`` gives what ``score`` gives, row by row.

    Totals, bands, vetoed, each veto, component points and outcomes (history
    outcomes aside: the batch path does not apply history rules). Columns mix
    numpy arrays and lists of raw values.
    """
    prof = get_profile(profile)
    strategy = _batches(SchemeInputs.of(scheme), prof.batch_size)
    run_check(scheme, "batch", strategy, _batch_body(scheme), profile, settings)


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
