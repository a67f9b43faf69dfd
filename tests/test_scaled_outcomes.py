"""Money outcomes on the batch path round exact half-fen ties on scaled integers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
from tests.conftest import build_sample_scheme, sample_record


def columns(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {key: [r[key] for r in records] for key in records[0]}


def test_half_fen_pay_is_rounded_up_without_exact_fallback() -> None:
    scheme = build_sample_scheme()
    # The sample record totals 74.00 (band reduced, factor 0.8).
    # pay = salary × 0.8: 1234.56 × 0.8 = 987.648 → 987.65;
    # 0.05 × 0.8 = 0.04; 1000.01 × 0.8 = 800.008 → 800.01; 3.13 × 0.8 = 2.504 → 2.50.
    salaries = ["1234.56", 0.05, 1000.01, 3.13, 6150]
    records = [sample_record(salary=s) for s in salaries]
    batch = scheme.score_batch(columns(records))
    expected = ["987.65", "0.04", "800.01", "2.50", "4920.00"]
    assert [Decimal(float.__repr__(float(v))) for v in batch.outcomes["pay"]] == [
        Decimal(e) for e in expected
    ]
    assert [str(scheme.score(r).outcome["pay"]) for r in records] == expected
    assert batch.exact_rows == 0


def test_half_fen_bonus_ties_agree_with_exact_path() -> None:
    scheme = build_sample_scheme()
    # bonus = 3% × (income − 100000): income 100000.50 → 0.015 → 0.02 (a real half-fen tie);
    # income 100016.50 → 0.495 → 0.50; income 100000.49 → 0.0147 → 0.01.
    incomes = [100000.50, 100016.50, 100000.49]
    records = [sample_record(income=i) for i in incomes]
    batch = scheme.score_batch(
        {k: np.asarray(v, dtype=object) for k, v in columns(records).items()}
    )
    assert [Decimal(float.__repr__(float(v))) for v in batch.outcomes["bonus"]] == [
        Decimal("0.02"),
        Decimal("0.50"),
        Decimal("0.01"),
    ]
    assert [scheme.score(r).outcome["bonus"] for r in records] == [
        Decimal("0.02"),
        Decimal("0.50"),
        Decimal("0.01"),
    ]
