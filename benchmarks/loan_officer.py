"""``microloan.loan-officer`` for the benchmarks: generated months, the baselines, exact answers.

The baselines are what a user would write without assesskit, in plain
floats: a numpy expression of the rules, a Python loop over records, and
pandas ``DataFrame.apply``. The exact answers come from integer arithmetic
written out here by hand from the spec (``microloan.md``), independently of
the library, so that both the library and the baselines are judged against
the same reference.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "INPUTS",
    "exact_reference",
    "generate",
    "hand_numpy",
    "pandas_apply",
    "python_loop",
    "write_csv",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: The scheme's inputs, in the order of the CSV file.
INPUTS = (
    "business_income",
    "loan_loss_rate",
    "overdue_ratio",
    "discipline_score",
    "standard_salary",
)

TARGET = 100_000  # income_target, yuan


def generate(size: int, seed: int = 20260801) -> dict[str, FloatArray]:
    """*size* loan-officer months: income in whole yuan, ratios to 4 decimals, a third vetoed.

    Income is log-normal around 85 000 yuan (a tenth above the 100 000
    target); a quarter of the officers have a loss, up to 3% (a veto above
    1%); overdue ratios are uniform up to 18% (a veto above 15%); discipline
    ratings are whole numbers from 40 to 100; salaries whole yuan from 3 000
    to 12 000. Ties of the total (x.xx5) come from incomes such as 87 875.
    """
    rng = np.random.default_rng(seed)
    income = np.rint(rng.lognormal(np.log(85_000), 0.35, size))
    loss = np.where(rng.random(size) < 0.75, 0, rng.integers(1, 301, size)) / 10_000
    overdue = rng.integers(0, 1801, size) / 10_000
    discipline = rng.integers(40, 101, size).astype(np.float64)
    salary = rng.integers(3_000, 12_001, size).astype(np.float64)
    return {
        "business_income": income,
        "loan_loss_rate": loss,
        "overdue_ratio": overdue,
        "discipline_score": discipline,
        "standard_salary": salary,
    }


def write_csv(columns: dict[str, FloatArray], path: str, chunk: int = 200_000) -> None:
    """The months as a CSV file with ``entity_id`` and ``period`` (2026-08), as a user has them."""
    size = len(columns["business_income"])
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("entity_id,period," + ",".join(INPUTS) + "\r\n")
        for start in range(0, size, chunk):
            stop = min(size, start + chunk)
            cells = [
                [f"LO-{i:07d}" for i in range(start, stop)],
                ["2026-08"] * (stop - start),
                *([_decimal(v) for v in columns[name][start:stop].tolist()] for name in INPUTS),
            ]
            out.write("\r\n".join(",".join(row) for row in zip(*cells, strict=True)) + "\r\n")


def _decimal(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


# -- the baselines: plain floats, as a user writes them -------------------------------------------


def _half_up(x: FloatArray) -> FloatArray:
    """Half-up to the hundredth, as a user writes it in floats."""
    out: FloatArray = np.floor(x * 100 + 0.5) / 100
    return out


def hand_numpy(c: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """The rules in numpy (``np.where``, ``np.minimum``, ``np.select``): the best a user writes."""
    income, loss, overdue = c["business_income"], c["loan_loss_rate"], c["overdue_ratio"]
    discipline, salary = c["discipline_score"], c["standard_salary"]
    p_income = 60.0 * np.minimum(income / TARGET, 1.0)
    p_loss = np.where(loss == 0, 20.0, 0.0)
    steps = np.floor((overdue - 0.05) / 0.01)
    p_overdue = np.where(overdue <= 0.05, 10.0, np.maximum(0.0, 10.0 - steps))
    p_discipline = np.select([discipline >= 80, discipline >= 60], [10.0, 5.0], 0.0)
    vetoed = (loss > 0.01) | (overdue > 0.15)
    total = np.where(vetoed, 0.0, _half_up(p_income + p_loss + p_overdue + p_discipline))
    pay = _half_up(salary * total / 100)
    bonus = _half_up(0.03 * np.maximum(0.0, income - TARGET))
    return {
        "total": total,
        "vetoed": vetoed,
        "pay": pay,
        "bonus": bonus,
        "income": np.where(vetoed, pay, pay + bonus),
        "business_income": _half_up(p_income),
        "loan_loss": p_loss,
        "overdue": p_overdue,
        "discipline": p_discipline,
    }


def _record_total(income: float, loss: float, overdue: float, discipline: float) -> float:
    points = 60.0 * min(income / TARGET, 1.0)
    points += 20.0 if loss == 0 else 0.0
    points += 10.0 if overdue <= 0.05 else max(0.0, 10.0 - math.floor((overdue - 0.05) / 0.01))
    points += 10.0 if discipline >= 80 else (5.0 if discipline >= 60 else 0.0)
    if loss > 0.01 or overdue > 0.15:
        return 0.0
    return math.floor(points * 100 + 0.5) / 100


def python_loop(c: dict[str, FloatArray]) -> list[dict[str, Any]]:
    """A plain Python loop over records (dicts of floats), the same rules in floats."""
    rows = zip(*(c[name].tolist() for name in INPUTS), strict=True)
    records = [dict(zip(INPUTS, row, strict=True)) for row in rows]
    out = []
    for r in records:
        total = _record_total(
            r["business_income"], r["loan_loss_rate"], r["overdue_ratio"], r["discipline_score"]
        )
        pay = math.floor(r["standard_salary"] * total + 0.5) / 100
        bonus = math.floor(3 * max(0.0, r["business_income"] - TARGET) + 0.5) / 100
        out.append({"total": total, "pay": pay, "bonus": bonus})
    return out


def pandas_apply(frame: Any) -> Any:
    """``DataFrame.apply(axis=1)`` with the same rules, row by row."""

    def row_total(row: Any) -> float:
        return _record_total(
            row["business_income"],
            row["loan_loss_rate"],
            row["overdue_ratio"],
            row["discipline_score"],
        )

    return frame.apply(row_total, axis=1)


# -- the exact answers ---------------------------------------------------------------------------


def exact_reference(c: dict[str, FloatArray]) -> dict[str, IntArray]:
    """Totals in hundredths and pay in fen, exactly, in integers (inputs read as their decimals).

    Income I in yuan, ratios in units of 0.0001 (L, O), discipline D:
    ``5000 × points = 3·min(I, 100000) + 5000·(20·[L = 0] + overdue + discipline)``,
    then half-up: ``hundredths = floor((200·T + 5000) / 10000)``; the total
    is a tie exactly when ``100·T mod 5000 = 2500``. Pay is
    ``salary × total / 100`` yuan: ``fen = floor((2·S·H + 100) / 200)``.
    """
    income = np.rint(c["business_income"]).astype(np.int64)
    loss = np.rint(c["loan_loss_rate"] * 10_000).astype(np.int64)
    overdue = np.rint(c["overdue_ratio"] * 10_000).astype(np.int64)
    discipline = np.rint(c["discipline_score"]).astype(np.int64)
    salary = np.rint(c["standard_salary"]).astype(np.int64)
    steps = np.maximum(0, (overdue - 500) // 100)
    p_overdue = np.where(overdue <= 500, 10, np.maximum(0, 10 - steps))
    p_discipline = np.where(discipline >= 80, 10, np.where(discipline >= 60, 5, 0))
    p_loss = np.where(loss == 0, 20, 0)
    t5000 = 3 * np.minimum(income, TARGET) + 5000 * (p_loss + p_overdue + p_discipline)
    vetoed = (loss > 100) | (overdue > 1500)
    hundredths = np.where(vetoed, 0, (200 * t5000 + 5000) // 10_000)
    tie = ~vetoed & ((100 * t5000) % 5000 == 2500)
    pay = (2 * salary * hundredths + 100) // 200
    return {"hundredths": hundredths, "tie": tie, "pay_fen": pay, "vetoed": vetoed}
