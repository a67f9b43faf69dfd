"""Shared data for the Dask tests: entities, months and Hypothesis strategies of records.

Values lean on the edges of the rules (discipline 60 / 60.01, loss 1% / 1.01%,
the x.xx5 tie of a total) and include decimals no float holds exactly.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import strategies as st
from tests.with_plugins.shipped import HEALTH, MICROLOAN, RELOCATION

ENTITIES = ("E-1", "E-2", "E-3")
#: Six months across a year end, so a window of three crosses it.
MONTHS = ("2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03")

# "60.00000000000000001" is above 60 but its nearest float is 60.0.
DISCIPLINE = st.sampled_from(["40", "59.99", "60", "60.00000000000000001", "60.01", "72", "85"])
LOSS = st.sampled_from(["0", "0.01", "0.0101"])


def _maybe_float(values: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """A decimal text, or the float of it (a float means its shortest repr)."""
    return values.flatmap(lambda text: st.sampled_from([text, float(text)]))


def _pair(
    names: tuple[str, str], pairs: list[tuple[Any, Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    return st.sampled_from(pairs).map(lambda pair: dict(zip(names, pair, strict=True)))


def sample_values() -> st.SearchStrategy[dict[str, Any]]:
    """Inputs of the sample scheme of ``tests/conftest.py`` (entity and period added later).

    Fields a constraint ties together are drawn together, so every record is valid:
    eligible <= relocated, a custody deduction of 1..20 points per incident, one rating at
    least.
    """
    single = st.fixed_dictionaries(
        {
            "income": _maybe_float(st.sampled_from(["0", "30000", "60000", "87875", "100000"])),
            "return_on_capital": st.sampled_from(["0.065", "0.13", "-0.02"]),
            "errors_a": st.sampled_from([0, 1, 5]),
            "errors_b": st.just(0),
            "overdue_ratio": st.sampled_from(["0.05", "0.07", "0.2"]),
            "loss_rate": _maybe_float(LOSS),
            "discipline_score": _maybe_float(DISCIPLINE),
            "breach": st.booleans(),
            "salary": st.sampled_from([None, "5000"]),
        }
    )
    households = _pair(("eligible", "relocated"), [(0, 0), (5, 10), (9, 10), (10, 10)])
    custody = _pair(("custody_incidents", "custody_deduction"), [(0, 0), (1, 4), (2, 40)])
    ratings = _pair(("rating_a", "rating_b"), [(None, 50), (30, None), (90, 50)])
    return st.tuples(single, households, custody, ratings).map(
        lambda parts: {k: v for part in parts for k, v in part.items()}
    )


def officer_values() -> st.SearchStrategy[dict[str, Any]]:
    """Inputs of ``microloan.loan-officer`` (entity and period added later)."""
    return st.fixed_dictionaries(
        {
            "business_income": _maybe_float(st.sampled_from(["0", "50000", "87875", "100000"])),
            "loan_loss_rate": _maybe_float(LOSS),
            "overdue_ratio": st.sampled_from(["0.05", "0.1329", "0.1501"]),
            "discipline_score": _maybe_float(DISCIPLINE),
            "standard_salary": st.sampled_from([None, "6150"]),
        }
    )


# -- data for the engine tests --------------------------------------------------------------

#: Scheme id → its example input file (every family: history, stages and roll-ups, targets).
EXAMPLE_FILES = {
    "microloan.loan-officer": MICROLOAN / "loan-officer.csv",
    "microloan.accountant": MICROLOAN / "accountant.csv",
    "microloan.admin-clerk": MICROLOAN / "admin-clerk.csv",
    "microloan.admin-manager": MICROLOAN / "admin-manager.csv",
    "microloan.cashier": MICROLOAN / "cashier.csv",
    "microloan.management": MICROLOAN / "management.csv",
    "microloan.risk-manager": MICROLOAN / "risk-manager.csv",
    "microloan.risk-officer": MICROLOAN / "risk-officer.csv",
    "health.county": HEALTH / "counties.csv",
    "health.gansu-province": HEALTH / "gansu-province.csv",
    "health.pingliang-city": HEALTH / "pingliang-city.csv",
    "relocation.county": RELOCATION / "counties.csv",
    "relocation.prefecture": RELOCATION / "prefectures.csv",
}


def officer_months(entities: int, months: int, seed: int) -> list[dict[str, str]]:
    """Loan-officer records as text, every entity in every month, in a shuffled order.

    About a third are vetoed (loss above 1% or overdue above 15%) and a
    fifth have discipline at 60 or below, so dismissals fire and break.
    """
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for entity in range(entities):
        for month in range(months):
            year, index = divmod(2025 * 12 + month, 12)
            loss = rng.choice(["0", "0", "0.004", "0.0101", "0.02"])
            overdue = rng.choice(["0.05", "0.0861", "0.1329", "0.1501"])
            rows.append(
                {
                    "entity_id": f"LO-{entity:04d}",
                    "period": f"{year:04d}-{index + 1:02d}",
                    "business_income": str(rng.randrange(40_000, 140_000)),
                    "loan_loss_rate": loss,
                    "overdue_ratio": overdue,
                    "discipline_score": rng.choice(["55", "60", "60.5", "72", "88", "97"]),
                    "standard_salary": rng.choice(["", "6150", "8500.50"]),
                }
            )
    rng.shuffle(rows)
    return rows


def write_csv(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    """Write *rows* as a CSV file with a header (the keys of the first row)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def text_columns(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Records as text columns for ``score_batch`` (empty text means not given)."""
    names = list(dict.fromkeys(k for r in records for k in r))
    return {
        name: np.array([None if r.get(name) in (None, "") else r[name] for r in records], object)
        for name in names
    }
