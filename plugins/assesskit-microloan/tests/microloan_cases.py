"""Test data shared by the test modules: scheme ids, a full-marks record per role, helpers.

Imported by name (``from microloan_cases import ...``); ``conftest.py`` puts this
directory on ``sys.path`` so that works under ``--import-mode=importlib``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from assesskit import Scheme

#: The plugin's ``examples/`` (the bundled input files).
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

SCHEME_IDS = (
    "microloan.management",
    "microloan.loan-officer",
    "microloan.risk-officer",
    "microloan.risk-manager",
    "microloan.cashier",
    "microloan.accountant",
    "microloan.admin-manager",
    "microloan.admin-clerk",
)

#: The roles with a pay band (全額 / 八成 / 六成) and both dismissal triggers.
PAY_BAND_ROLES = SCHEME_IDS[2:]

#: The roles with a discipline component (every role but management).
DISCIPLINE_ROLES = SCHEME_IDS[1:]

#: A record that earns every point of its role (100), per role.
FULL_MARKS: dict[str, dict[str, Any]] = {
    "microloan.management": {
        "return_on_capital": "0.13",
        "loan_loss_rate": "0",
        "overdue_ratio": "0.05",
    },
    "microloan.loan-officer": {
        "business_income": "100000",
        "loan_loss_rate": "0",
        "overdue_ratio": "0.05",
        "discipline_score": "100",
    },
    "microloan.risk-officer": {
        "missed_risks_own": 0,
        "missed_risks_department": 0,
        "control_failures": 0,
        "evaluation_score": 100,
        "discipline_score": 100,
    },
    "microloan.risk-manager": {
        "missed_risks_department": 0,
        "department_control_failures": 0,
        "approval_failures": 0,
        "discipline_score": 100,
    },
    "microloan.cashier": {
        "custody_incidents": 0,
        "custody_deduction": 0,
        "payroll_errors": 0,
        "voucher_errors": 0,
        "interest_errors": 0,
        "bank_errors": 0,
        "confidentiality_breach": False,
        "discipline_score": 100,
        "evaluation_score": 100,
    },
    "microloan.accountant": {
        "audit_incidents": 0,
        "audit_deduction": 0,
        "bookkeeping_incidents": 0,
        "bookkeeping_deduction": 0,
        "tax_errors": 0,
        "interest_errors": 0,
        "confidentiality_breach": False,
        "discipline_score": 100,
        "evaluation_score": 100,
    },
    "microloan.admin-manager": {
        "personnel_rating_general_manager": 100,
        "personnel_rating_finance_director": 100,
        "personnel_rating_business_head": 100,
        "personnel_rating_risk_manager": 100,
        "service_rating_general_manager": 100,
        "service_rating_finance_director": 100,
        "service_rating_business_head": 100,
        "service_rating_risk_manager": 100,
        "archive_incidents": 0,
        "discipline_score": 100,
    },
    "microloan.admin-clerk": {
        "personnel_rating": 100,
        "service_rating": 100,
        "archive_incidents": 0,
        "discipline_score": 100,
    },
}


def full_marks(scheme_id: str, **changes: Any) -> dict[str, Any]:
    """The full-marks record of *scheme_id* with *changes* applied."""
    return {**FULL_MARKS[scheme_id], **changes}


def assert_batch_equals_exact(
    scheme: Scheme, rows: Sequence[Mapping[str, Any]], columns: Any
) -> None:
    """Every published value of ``score_batch`` equals ``score`` on the same row."""
    batch = scheme.score_batch(columns)
    assert len(batch) == len(rows)
    assert set(batch.outcomes) == {o.id for o in scheme.outcomes}
    for index, row in enumerate(rows):
        exact = scheme.score(row)
        where = f"row {index + 1} ({row.get('entity_id')} {row.get('period')})"
        assert same(batch.total[index], exact.total), where
        assert batch.band[index] == exact.band_id, where
        assert bool(batch.vetoed[index]) is exact.vetoed, where
        fired = {v.id for v in exact.vetoes}
        assert {k for k, mask in batch.veto_fired.items() if mask[index]} == fired, where
        for component_id, points in batch.components.items():
            assert same(points[index], exact.components[component_id].points), where
        for outcome_id, values in batch.outcomes.items():
            assert same(values[index], exact.outcome[outcome_id]), f"{where} {outcome_id}"


def same(batch_value: Any, exact_value: Any) -> bool:
    """A batch value (float64 of a decimal, NaN for none; text; bool) equals the exact one."""
    if isinstance(exact_value, Decimal):
        return bool(batch_value == float(exact_value))
    if exact_value is None:
        return batch_value is None or (isinstance(batch_value, float) and math.isnan(batch_value))
    return bool(batch_value == exact_value)
