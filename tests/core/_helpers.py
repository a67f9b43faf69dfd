"""Helpers for the core tests: one-component schemes scored on both paths."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from assesskit import Component, Metric, MetricKind, PeriodKind, Result, Scheme, Text
from assesskit.rules import Boolean, Rule

#: The flag of the filler component that tops a test component up to 100 points.
FILLER = "filler_ok"


def one_rule_scheme(
    rule: Rule, metrics: Sequence[Metric], weight: int = 10, **extra: Any
) -> Scheme:
    """A scheme with component ``c`` (``rule``, *weight* points) and a filler worth the rest.

    The filler is a :class:`Boolean` on ``filler_ok``; give ``filler_ok=True``
    in records (``record()`` does) to add ``100 − weight`` points.
    """
    components = [Component("c", Text("component", "考核项"), weight, rule)]
    all_metrics = [*metrics]
    if weight != 100:
        components.append(Component("fill", Text("filler", "其他"), 100 - weight, Boolean(FILLER)))
        all_metrics.append(Metric(FILLER, MetricKind.FLAG, Text("filler", "其他")))
    return Scheme(
        id="test.one-rule",
        version="1",
        title=Text("one rule", "单项"),
        period=PeriodKind.MONTHLY,
        metrics=all_metrics,
        components=components,
        **extra,
    )


def record(**values: Any) -> dict[str, Any]:
    """A record with the filler flag set."""
    return {FILLER: True, **values}


def float_of(value: Decimal | None) -> float:
    """What the batch path publishes for an exact value: its float, NaN for none."""
    return math.nan if value is None else float(value)


def same_float(a: float, b: float) -> bool:
    """Equal, NaN equal to NaN."""
    return (math.isnan(a) and math.isnan(b)) or a == b


def score_both(scheme: Scheme, records: Sequence[Mapping[str, Any]]) -> list[Result]:
    """Score *records* one by one and as one batch; assert both paths agree.

    Returns the exact path's results.

    The batch gets the records as columns of Python objects (lists), exactly
    as the records hold them.
    """
    results = [scheme.score(r) for r in records]
    names = sorted({k for r in records for k in r})
    batch = scheme.score_batch({n: [r.get(n) for r in records] for n in names})
    for row, result in enumerate(results):
        assert same_float(batch.total[row], float_of(result.total)), (row, result.explain())
        assert batch.band[row] == result.band_id, row
        assert bool(batch.vetoed[row]) == result.vetoed, row
        for comp_id, comp in result.components.items():
            assert same_float(batch.components[comp_id][row], float_of(comp.points)), (
                row,
                comp_id,
                batch.components[comp_id][row],
                comp.points,
            )
    return results


def points_of(
    scheme: Scheme, records: Sequence[Mapping[str, Any]], component: str = "c"
) -> list[str | None]:
    """Published points of *component* per record, as text (``"6.00"``), checked on both paths."""
    return [
        None if (p := r.components[component].points) is None else str(p)
        for r in score_both(scheme, records)
    ]


def column(values: Sequence[Any]) -> np.ndarray[Any, Any]:
    """An object column holding *values* as they are."""
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out
