"""Outcomes the batch path cannot compute on exact decimals: floats, rows in doubt re-scored.

A number outcome is computed on exact decimals while its magnitudes fit
(``assesskit._scaled``); past that it falls back to floats and re-scores,
exactly, the rows whose float result may round the other way.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from tests.conftest import build_sample_scheme, sample_record

from assesskit import Input, Max, Metric, MetricKind, Outcome, Scheme, Text

SAMPLE = build_sample_scheme()


def difference_scheme(constant: str) -> Scheme:
    """The sample scheme with ``gap = x − constant`` to six places, x a number of six decimals."""
    x = Metric("x", MetricKind.NUMBER, Text("x"), required=False, max_decimals=6)
    gap = Outcome("gap", Text("gap"), Input("x") - Decimal(constant), places=6)
    return build_sample_scheme(metrics=[*SAMPLE.metrics, x], outcomes=[*SAMPLE.outcomes, gap])


def both_paths(scheme: Scheme, x: Any) -> tuple[Decimal, float]:
    record = {**sample_record(), "x": x}
    batch = scheme.score_batch({name: [value] for name, value in record.items()})
    return scheme.score(record).outcome["gap"], float(batch.outcomes["gap"][0])


def test_fifteen_digits_are_exact_on_both_paths() -> None:
    scheme = difference_scheme("937625594.003196")
    assert both_paths(scheme, "937625594.003197") == (Decimal("0.000001"), 0.000001)


def test_sixteen_digits_that_cancel_in_floats_are_re_scored_exactly() -> None:
    # 9376255949.003197 and 9376255949.003196 are one float: their float difference is 0
    scheme = difference_scheme("9376255949.003196")
    assert both_paths(scheme, "9376255949.003197") == (Decimal("0.000001"), 0.000001)


def test_a_difference_one_float_step_too_large_is_re_scored_exactly() -> None:
    # 9376255949.003191 − 9376255949.003190 is 0.0000019073… in floats: 0.000002, not 0.000001
    scheme = difference_scheme("9376255949.003190")
    assert both_paths(scheme, "9376255949.003191") == (Decimal("0.000001"), 0.000001)


def test_a_comparison_of_a_difference_that_cancels_is_decided_exactly() -> None:
    # 0.000001 is not above 0.0000015; the float difference 0.0000019 is
    x = Metric("x", MetricKind.NUMBER, Text("x"), required=False, max_decimals=6)
    above = Input("x") - Decimal("9376255949.003190") > Decimal("0.0000015")
    flag = Outcome("above", Text("above"), above, kind="flag")
    scheme = build_sample_scheme(metrics=[*SAMPLE.metrics, x], outcomes=[*SAMPLE.outcomes, flag])
    record = {**sample_record(), "x": "9376255949.003191"}
    batch = scheme.score_batch({name: [value] for name, value in record.items()})
    assert scheme.score(record).outcome["above"] is False
    assert batch.outcomes["above"].tolist() == [False]
    assert batch.exact_rows == 1


def test_a_product_and_a_quotient_carry_the_noise_of_a_difference() -> None:
    # (x − c) × 2 and (x − c) / 4 to six places: 0.000002 and 0.00000025 → 0.000000 (half up: 0)
    x = Metric("x", MetricKind.NUMBER, Text("x"), required=False, max_decimals=6)
    gap = Input("x") - Decimal("9376255949.003190")
    outcomes = [
        Outcome("twice", Text("twice"), gap * 2, places=6),
        Outcome("quarter", Text("quarter"), gap / 4, places=6),
        Outcome("larger", Text("larger"), Max(gap, Decimal("0.0000005")), places=6),
    ]
    scheme = build_sample_scheme(
        metrics=[*SAMPLE.metrics, x], outcomes=[*SAMPLE.outcomes, *outcomes]
    )
    record = {**sample_record(), "x": "9376255949.003191"}
    exact = scheme.score(record).outcome
    batch = scheme.score_batch({name: [value] for name, value in record.items()})
    assert (exact["twice"], exact["quarter"], exact["larger"]) == (
        Decimal("0.000002"),
        Decimal("0"),
        Decimal("0.000001"),
    )
    assert [batch.outcomes[k].tolist() for k in ("twice", "quarter", "larger")] == [
        [0.000002],
        [0.0],
        [0.000001],
    ]


def test_a_difference_that_does_not_cancel_is_decided_in_floats() -> None:
    # x − 1/3 is no decimal: computed in floats; 2.5 − 1/3 = 2.1666666… → 2.166667, far from a tie
    x = Metric("x", MetricKind.NUMBER, Text("x"), required=False, max_decimals=6)
    third = Outcome("third", Text("third"), Input("x") - Fraction(1, 3), places=6)
    scheme = build_sample_scheme(metrics=[*SAMPLE.metrics, x], outcomes=[*SAMPLE.outcomes, third])
    record = {**sample_record(), "x": "2.5"}
    batch = scheme.score_batch({name: [value] for name, value in record.items()})
    assert scheme.score(record).outcome["third"] == Decimal("2.166667")
    assert batch.outcomes["third"].tolist() == [2.166667]
    assert batch.exact_rows == 0
