"""The batch path equals the exact path on generated loan-officer months (Hypothesis)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assesskit import Scheme
from microloan_cases import assert_batch_equals_exact

OFFICER = "microloan.loan-officer"


def _decimal_text(places: int, low: int, high: int) -> st.SearchStrategy[str]:
    """Decimals with at most *places* decimals in [low, high], as text."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(
        lambda n: str(Decimal(n).scaleb(-places).normalize())
    )


# Income in yuan and fen, with the values where a rule turns (the target, the x.xx5 tie).
INCOME = st.one_of(
    st.sampled_from(["0", "87875", "99999.99", "100000", "100000.01", "100000.50", "102340.50"]),
    st.integers(0, 250_000).map(str),
    _decimal_text(2, 0, 250_000),
)
# Ratios to 4 decimals, weighted to the thresholds: loss 0 / 1%, overdue 5% / 15%.
LOSS = st.one_of(
    st.just("0"), _decimal_text(4, 0, 1).filter(lambda t: Decimal(t) <= Decimal("0.02"))
)
OVERDUE = st.one_of(
    st.sampled_from(["0.05", "0.0599", "0.06", "0.09", "0.1329", "0.15", "0.1501"]),
    st.integers(0, 2000).map(lambda n: str(Decimal(n).scaleb(-4).normalize())),
)
DISCIPLINE = st.one_of(st.sampled_from(["59.99", "60", "79.99", "80"]), _decimal_text(2, 0, 100))
SALARY = st.one_of(st.just(""), _decimal_text(2, 0, 20_000))
PERIOD = st.sampled_from(["2026-07", "2026-12", ""])

MONTH = st.fixed_dictionaries(
    {
        "period": PERIOD,
        "business_income": INCOME,
        "loan_loss_rate": LOSS,
        "overdue_ratio": OVERDUE,
        "discipline_score": DISCIPLINE,
        "standard_salary": SALARY,
    }
)

NUMERIC = ("business_income", "loan_loss_rate", "overdue_ratio", "discipline_score",
           "standard_salary")  # fmt: skip


def _float_columns(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Numbers as float64 columns (NaN where empty): the fast batch path."""
    columns: dict[str, Any] = {name: [row[name] for row in rows] for name in rows[0]}
    for name in NUMERIC:
        columns[name] = np.array([float(v) if v else np.nan for v in columns[name]])
    return columns


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(MONTH, min_size=1, max_size=25), target=st.sampled_from([None, "87875"]))
@example(
    rows=[{"period": "2026-09", "business_income": "87875", "loan_loss_rate": "0",
           "overdue_ratio": "0.1329", "discipline_score": "55", "standard_salary": "6150"}],
    target=None,
)  # fmt: skip
def test_batch_equals_exact_for_generated_loan_officers(
    schemes: Mapping[str, Scheme], rows: list[dict[str, str]], target: str | None
) -> None:
    scheme = schemes[OFFICER]
    if target is not None:
        scheme = scheme.with_params(income_target=target)
    assert_batch_equals_exact(scheme, rows, _float_columns(rows))
    assert_batch_equals_exact(scheme, rows, {name: [r[name] for r in rows] for name in rows[0]})
