"""Small schemes for the tests of expressions: one flag component worth 100 and some outcomes.

Each test builds the scheme it needs from an expression, scores records on
the exact path and as one batch, and compares what both publish.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from assesskit import (
    BandTable,
    Component,
    Metric,
    MetricKind,
    Outcome,
    PeriodKind,
    Scheme,
    Text,
)
from assesskit.expressions import Expr
from assesskit.parameters import Parameter
from assesskit.results import BatchResult
from assesskit.rules import Boolean

LABEL = Text("x", "某")

#: A plain number of any sign and any number of decimals.
X = Metric("x", MetricKind.NUMBER, Text("x", "甲")).unbounded()
#: A second one.
Y = Metric("y", MetricKind.NUMBER, Text("y", "乙")).unbounded()
#: A number that may be missing.
OPTIONAL = Metric("opt", MetricKind.NUMBER, Text("optional", "可缺"), required=False).unbounded()
#: Money (2 decimals) and a ratio.
SALARY = Metric("salary", MetricKind.MONEY, Text("salary", "工资"))
RATE = Metric("rate", MetricKind.RATIO, Text("rate", "比率"))
#: The flag of the only component: set, the total is 100; not set, 0.
OK = Metric("ok", MetricKind.FLAG, Text("ok", "达标"))


def outcome_scheme(
    outcomes: Sequence[Outcome],
    metrics: Sequence[Metric] = (X,),
    params: Sequence[Parameter] = (),
    bands: BandTable | None = None,
    **extra: Any,
) -> Scheme:
    """A scheme whose total is 100 when ``ok`` is set (else 0), with *outcomes*.

    ``components=[...]`` replaces the flag component (``ok`` stays an input).
    """
    default = [Component("c", Text("component", "考核项"), 100, Boolean("ok"))]
    components = extra.pop("components", default)
    return Scheme(
        id="test.outcomes",
        version="1",
        title=Text("outcomes", "结果"),
        period=PeriodKind.MONTHLY,
        metrics=[OK, *metrics],
        components=components,
        outcomes=list(outcomes),
        parameters=list(params),
        bands=bands,
        **extra,
    )


def one_outcome(
    expr: Expr,
    kind: str = "number",
    places: int = 6,
    metrics: Sequence[Metric] = (X,),
    params: Sequence[Parameter] = (),
    **extra: Any,
) -> Scheme:
    """A scheme with the one outcome ``o`` = *expr*."""
    outcome = Outcome("o", LABEL, expr, kind, places=places)  # type: ignore[arg-type]
    return outcome_scheme([outcome], metrics, params, **extra)


def exact_values(scheme: Scheme, rows: Sequence[Mapping[str, Any]], name: str = "o") -> list[Any]:
    """Outcome *name* of each row scored on the exact path (``ok`` set unless given)."""
    return [scheme.score({"ok": True, **row}).outcome[name] for row in rows]


def batch_of(scheme: Scheme, columns: Mapping[str, Any]) -> BatchResult:
    """*columns* scored as one batch (``ok`` set on every row unless given)."""
    size = len(next(iter(columns.values())))
    return scheme.score_batch({"ok": np.ones(size, dtype=bool), **columns})


def as_floats(values: Sequence[Decimal | None]) -> list[float]:
    """What the batch path publishes for exact numbers: their floats, NaN for none."""
    return [float("nan") if v is None else float(v) for v in values]


def same(batch: Sequence[float], expected: Sequence[float]) -> bool:
    """Equal element by element, NaN equal to NaN, and -0.0 not equal to 0.0."""
    return len(batch) == len(expected) and all(
        (a != a and b != b) or (a == b and np.signbit(a) == np.signbit(b))
        for a, b in zip(batch, expected, strict=True)
    )
