"""Decimal places of large floats: both paths read a float by its shortest decimal.

A float such as ``360287970189641.0`` is a whole number; times 100 it passes
2**53 and the product is rounded, so the batch path once said it had more
than 2 decimals while the exact path accepted it (found by the fuzz suite).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from assesskit import Component, Metric, MetricKind, Outcome, PeriodKind, Scheme, Text
from assesskit.errors import InvalidInputError
from assesskit.expressions import Input
from assesskit.rules import Boolean

X = Text("x", "某")
POINTS = Metric("points", MetricKind.NUMBER, Text("points", "分值"), max_decimals=2).unbounded()


def _scheme() -> Scheme:
    return Scheme(
        id="test.large-decimals",
        version="1",
        title=X,
        period=PeriodKind.MONTHLY,
        metrics=[Metric("ok", MetricKind.FLAG, X), POINTS],
        components=[Component("c", X, 100, Boolean("ok"))],
        outcomes=[Outcome("points", X, Input("points"), "number")],
    )


def _rules(values: list[Any]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(row, rule) of every problem on the batch path, then record by record."""
    scheme = _scheme()
    batch: list[tuple[int, str]] = []
    try:
        scheme.score_batch({"ok": [True] * len(values), "points": np.array(values)})
    except InvalidInputError as exc:
        batch = [(p.row, p.rule) for p in exc.problems]  # type: ignore[misc]
    exact: list[tuple[int, str]] = []
    for row, value in enumerate(values):
        try:
            scheme.score({"ok": True, "points": value})
        except InvalidInputError as exc:
            exact += [(row, p.rule) for p in exc.problems]
    return batch, exact


@pytest.mark.parametrize(
    "value",
    [
        360287970189641.0,  # whole: 0 decimals, its product by 100 past 2**53
        90071992547409.92,  # the float nearest 2**53 / 100
        123456789012345.0,
        281474976710656.5,  # 2**48 + 0.5: 1 decimal
        # 2**47 + 1/8 reads as 140737488355328.12: past 2**53 / 100 floats are more than
        # 0.01 apart, so each has a shortest decimal with at most 2 places
        140737488355328.125,
        90071992547409.015625,
    ],
)
def test_a_large_float_is_read_by_its_shortest_decimal_on_both_paths(value: float) -> None:
    assert _rules([1.0, value]) == ([], [])


def test_more_decimals_below_the_limit_are_refused_on_both_paths() -> None:
    rule = "must have at most 2 decimals"
    assert _rules([1.0, 70368744177.664]) == ([(1, rule)], [(1, rule)])
