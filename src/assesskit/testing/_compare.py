"""Comparing results: the exact path against a batch row, and two batch rows."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from assesskit.results import BatchResult, Result
    from assesskit.scheme import Scheme

__all__ = ["Difference", "batch_rows_differ", "exact_and_batch_differ"]


@attrs.frozen
class Difference:
    """One published value that differs: ``what`` (``total``, ``component 'x'``...), both sides."""

    what: str
    part: str | None
    left: Any
    right: Any

    def words(self, left: str, right: str) -> str:
        """``component 'x': batch 9.01, exact 9.00``."""
        return f"{self.what}: {left} {_show(self.left)}, {right} {_show(self.right)}"


def _show(value: Any) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "none (NaN)"
    if isinstance(value, Decimal):
        return format(value, "f")
    if value is None:
        return "none"
    return repr(value) if isinstance(value, str) else str(value)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _same_number(exact: Any, batch: Any) -> bool:
    if _missing(exact) or _missing(batch):
        return _missing(exact) and _missing(batch)
    return float(exact) == float(batch)


def _same_item(a: Any, b: Any) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    return bool(a == b)


def exact_and_batch_differ(
    scheme: Scheme, result: Result, batch: BatchResult, row: int
) -> list[Difference]:
    """Every published value where *result* (exact) and row *row* of *batch* disagree.

    Left is the batch path, right the exact path. History outcomes are not
    compared: the batch path does not apply history rules.
    """
    out: list[Difference] = []
    b_total = float(batch.total[row])
    if not _same_number(result.total, b_total):
        out.append(Difference("total", None, b_total, result.total))
    b_band = batch.band[row]
    if b_band != result.band_id:
        out.append(Difference("band", None, b_band, result.band_id))
    if bool(batch.vetoed[row]) != result.vetoed:
        out.append(Difference("vetoed", None, bool(batch.vetoed[row]), result.vetoed))
    fired = {v.id for v in result.vetoes}
    for veto_id, mask in batch.veto_fired.items():
        if bool(mask[row]) != (veto_id in fired):
            out.append(Difference(f"veto {veto_id!r}", veto_id, bool(mask[row]), veto_id in fired))
    for comp_id, points in batch.components.items():
        exact = result.components[comp_id].points
        if not _same_number(exact, float(points[row])):
            out.append(Difference(f"component {comp_id!r}", comp_id, float(points[row]), exact))
    for spec in scheme.outcomes:
        b_value = batch.outcomes[spec.id][row]
        exact = result.outcome.get(spec.id)
        if spec.kind in ("money", "number"):
            same = _same_number(exact, float(b_value))
            b_value = float(b_value)
        elif spec.kind == "flag":
            same = bool(b_value) == bool(exact)
            b_value = bool(b_value)
        else:
            same = _same_item(b_value, exact)
        if not same:
            out.append(Difference(f"outcome {spec.id!r}", spec.id, b_value, exact))
    return out


def batch_rows_differ(a: BatchResult, row_a: int, b: BatchResult, row_b: int) -> list[Difference]:
    """Every published value where row *row_a* of *a* and row *row_b* of *b* disagree."""
    out: list[Difference] = []
    pairs: list[tuple[str, str | None, Any, Any]] = [
        ("total", None, float(a.total[row_a]), float(b.total[row_b])),
        ("band", None, a.band[row_a], b.band[row_b]),
        ("vetoed", None, bool(a.vetoed[row_a]), bool(b.vetoed[row_b])),
    ]
    pairs += [
        (f"veto {k!r}", k, bool(v[row_a]), bool(b.veto_fired[k][row_b]))
        for k, v in a.veto_fired.items()
    ]
    pairs += [
        (f"component {k!r}", k, float(v[row_a]), float(b.components[k][row_b]))
        for k, v in a.components.items()
    ]
    pairs += [
        (f"outcome {k!r}", k, _item(v[row_a]), _item(b.outcomes[k][row_b]))
        for k, v in a.outcomes.items()
    ]
    for what, part, left, right in pairs:
        if not _same_item(left, right):
            out.append(Difference(what, part, left, right))
    return out


def _item(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value
