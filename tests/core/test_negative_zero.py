"""No result is published as −0: the exact path has no negative zero, and the batch path neither.

Floats have a zero with a sign: ``-0`` read as a float, ``0 × −5`` and a
negative value rounded to 0 give −0.0, which a CSV or a frame shows as
``-0.0``. The exact path reads and computes 0.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import Input, Metric, MetricKind, Outcome, Text, Total

SAMPLE = build_sample_scheme()
X = Metric("x", MetricKind.NUMBER, Text("x"), required=False, max_decimals=2).unbounded()
SCHEME = build_sample_scheme(
    metrics=[*SAMPLE.metrics, X],
    outcomes=[
        *SAMPLE.outcomes,
        Outcome("echo", Text("echo"), Input("x"), places=2),
        Outcome("double", Text("double"), Input("x") * 2, kind="money"),
        Outcome("short", Text("short"), Input("x") * (Total() - 100) / 100, kind="money"),
        Outcome("third", Text("third"), Input("x") * Fraction(1, 3), places=2),
    ],
)
NAMES = ("echo", "double", "short", "third")


def positive_zeros(values: list[float]) -> bool:
    return all(v == 0 and math.copysign(1.0, v) == 1.0 for v in values)


@pytest.mark.parametrize("x", ["-0", "-0.00", -0.0, "0", 0.0])
def test_a_zero_with_a_sign_is_published_as_zero(x: Any) -> None:
    record = {**sample_record(), "x": x}
    exact = SCHEME.score(record).outcome
    assert [exact[name] for name in NAMES] == [Decimal(0)] * 4
    batch = SCHEME.score_batch({name: [value] for name, value in record.items()})
    assert positive_zeros([float(batch.outcomes[name][0]) for name in NAMES])


def test_a_negative_value_rounded_to_zero_is_published_as_zero() -> None:
    # −0.01 / 3 = −0.00333… → 0.00 (no exact decimals: the float path rounds it)
    record = {**sample_record(), "x": "-0.01"}
    assert SCHEME.score(record).outcome["third"] == Decimal(0)
    batch = SCHEME.score_batch({name: [value] for name, value in record.items()})
    assert positive_zeros([float(batch.outcomes["third"][0])])


def test_zero_times_a_negative_number_is_zero() -> None:
    # x × (total − 100) / 100 with x = 0 and a total of 74: 0 × −26 / 100
    record = {**sample_record(), "x": 0}
    assert SCHEME.score(record).outcome["short"] == Decimal("0.00")
    batch = SCHEME.score_batch({name: [value] for name, value in record.items()})
    assert batch.total.tolist() == [74.0]
    assert positive_zeros([float(batch.outcomes["short"][0])])
