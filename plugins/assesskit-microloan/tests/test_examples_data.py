"""The bundled ``examples/`` files: batch equals exact, and the edge rows of its README."""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assesskit import MetricKind, Result, Scheme
from microloan_cases import EXAMPLES, SCHEME_IDS, assert_batch_equals_exact

FILES = {scheme_id: EXAMPLES / f"{scheme_id.split('.')[1]}.csv" for scheme_id in SCHEME_IDS}


def read_rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    """The rows of a CSV file, as the stdlib reads them (every value a string)."""
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def as_columns(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """Rows → columns of strings."""
    return {name: [row[name] for row in rows] for name in rows[0]}


def as_typed_columns(scheme: Scheme, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Columns as a program would pass them: float64 numbers (NaN for empty), bool flags.

    A column with a percent string stays text (the batch path parses it).
    """
    columns: dict[str, Any] = as_columns(rows)
    for metric in scheme.metrics:
        values = columns.get(metric.name)
        if values is None:
            continue
        if metric.kind is MetricKind.FLAG:
            columns[metric.name] = np.array([v == "true" for v in values])
        elif metric.kind.is_numeric and not any("%" in v for v in values):
            columns[metric.name] = np.array([float(v) if v else math.nan for v in values])
    return columns


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_batch_equals_exact_on_text_columns(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    rows = read_rows(FILES[scheme_id])
    assert_batch_equals_exact(schemes[scheme_id], rows, as_columns(rows))


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_batch_equals_exact_on_typed_columns(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    rows = read_rows(FILES[scheme_id])
    scheme = schemes[scheme_id]
    assert_batch_equals_exact(scheme, rows, as_typed_columns(scheme, rows))


def test_the_gb18030_file_holds_the_same_september_rows() -> None:
    utf8 = [r for r in read_rows(FILES["microloan.loan-officer"]) if r["period"] == "2026-09"]
    gbk = read_rows(EXAMPLES / "loan-officer-2026-09-gb18030.csv", encoding="gb18030")
    assert gbk == utf8


# -- the edge rows listed in examples/README.md -------------------------------------------


def score_file(scheme: Scheme, path: Path) -> dict[tuple[str, str], Result]:
    """Score a file period by period, each month with the earlier months as history."""
    rows = sorted(read_rows(path), key=lambda r: r["period"])
    done: dict[tuple[str, str], Result] = {}
    for row in rows:
        earlier = [r for (entity, _), r in done.items() if entity == row["entity_id"]]
        done[(row["entity_id"], row["period"])] = scheme.score(row, history=earlier)
    return done


@pytest.fixture(scope="module")
def scored(schemes: Mapping[str, Scheme]) -> dict[tuple[str, str], Result]:
    """Every row of every file, scored with history."""
    out: dict[tuple[str, str], Result] = {}
    for scheme_id, path in FILES.items():
        out.update(score_file(schemes[scheme_id], path))
    return out


@pytest.mark.parametrize(
    ("entity", "period", "total", "components"),
    [
        # 52.725 + 20 + 2 + 0 = 74.725 → 74.73
        ("LO-003", "2026-09", "74.73", {"overdue": "2", "discipline": "0"}),
        ("LO-002", "2026-07", "100.00", {"business_income": "60"}),
        ("LO-002", "2026-08", None, {"discipline": "10"}),  # discipline exactly 80
        ("LO-004", "2026-07", None, {"overdue": "10"}),  # 5%
        ("LO-004", "2026-09", None, {"overdue": "10"}),  # 5.99%
        ("LO-006", "2026-08", None, {"overdue": "9"}),  # 6%
        # 60 × 0.66124 = 39.6744 + 20 + 0 (15%, no veto) + 10
        ("LO-008", "2026-09", "69.67", {"overdue": "0"}),
        # 60 × 0.77094 = 46.2564 + 0 (loss exactly 1%, no veto) + 10 + 10
        ("LO-010", "2026-08", "66.26", {"loan_loss": "0"}),
        ("LO-005", "2026-07", None, {"overdue": "8"}),  # "7.13%"
        ("LO-005", "2026-08", None, {"overdue": "9"}),  # "6.48%"
        ("LO-005", "2026-09", None, {"loan_loss": "0"}),  # "0.35%"
        # 60 × 0.93264 = 55.9584 + 20 + 5 ("10.2%") + 10
        ("LO-012", "2026-09", "90.96", {"overdue": "5"}),
        ("LO-011", "2026-07", None, {"discipline": "5"}),  # discipline exactly 60
        ("RO-002", "2026-07", None, {"discipline": "10"}),
        ("CS-002", "2026-08", "55.00", {"confidentiality": "0"}),
        # 20 + 19 + 0 + 17 + 10 + 5 + 8.995 = 79.995 → 80.00
        ("AC-002", "2026-07", "80.00", {"bookkeeping": "19"}),
        # 0 + 16.25 + 10 + 19 + 10 + 10 + 8.2
        ("AC-003", "2026-07", "73.45", {"audit": "0"}),
        # 17 + 6 + 10 + 19 + 10 + 10 + 8
        ("AC-003", "2026-09", "80.00", {"bookkeeping": "6"}),
        ("CK-001", "2026-07", "80.00", {}),
        ("CK-001", "2026-08", "79.90", {}),
        # personnel (78 + 89 + 81) / 3 × 0.3 = 24.8; service (92 + 76 + 85) / 3 × 0.3 = 25.3
        ("AM-001", "2026-08", "90.10", {"personnel": "24.8", "service": "25.3"}),
        # 45 + 45 + 8
        ("MG-001", "2025", "98.00", {"overdue": "8"}),
    ],
)
def test_edge_rows(
    scored: dict[tuple[str, str], Result],
    entity: str,
    period: str,
    total: str | None,
    components: dict[str, str],
) -> None:
    result = scored[(entity, period)]
    if total is not None:
        assert result.total == Decimal(total)
    for component_id, points in components.items():
        assert result.components[component_id].points == Decimal(points), component_id


def test_edge_row_outcomes(scored: dict[tuple[str, str], Result]) -> None:
    assert scored[("LO-003", "2026-09")].outcome["pay"] == Decimal("4595.90")
    lo13 = scored[("LO-013", "2026-08")].outcome
    assert (lo13["bonus"], lo13["bonus_status"]) == (Decimal("70.22"), "payable")
    lo16 = scored[("LO-016", "2026-08")].outcome
    assert (lo16["bonus"], lo16["bonus_status"]) == (Decimal("378.00"), "withheld")
    assert scored[("CS-002", "2026-07")].band_id == "reduced"
    assert scored[("AC-002", "2026-07")].band_id == "full"
    assert scored[("CK-001", "2026-08")].band_id == "reduced"
    mg1 = scored[("MG-001", "2025")].outcome
    assert (mg1["bonus_coefficient"], mg1["pool_rate"], mg1["pool"]) == (
        Decimal("0.98"),
        Decimal("0.00136"),
        Decimal("136000.00"),
    )
    assert scored[("MG-002", "2025")].outcome["pool"] is None


def test_vetoes_in_the_example_files(scored: dict[tuple[str, str], Result]) -> None:
    vetoed = sorted(
        (period, entity)
        for (entity, period), result in scored.items()
        if entity.startswith("LO-") and result.vetoed
    )
    assert vetoed == [
        ("2026-07", "LO-009"),
        ("2026-07", "LO-014"),
        ("2026-08", "LO-009"),
        ("2026-08", "LO-016"),
        ("2026-09", "LO-014"),
        ("2026-09", "LO-017"),
    ]
    assert [v.id for v in scored[("LO-017", "2026-09")].vetoes] == [
        "loan_loss_over_1pct",
        "overdue_over_15pct",
    ]


def test_dismissals_in_the_example_files(scored: dict[tuple[str, str], Result]) -> None:
    dismissed = {
        key: result.outcome["dismissal_trigger"]
        for key, result in scored.items()
        if result.outcome.get("dismissal")
    }
    assert dismissed == {
        ("LO-011", "2026-09"): ["discipline"],
        ("RO-004", "2026-09"): ["discipline"],
        ("CS-002", "2026-09"): ["total"],
    }
    # LO-018 joined in 2026-08: in 2026-09 the rule cannot be checked only if it could fire;
    # its discipline is 82, so no note.
    assert scored[("LO-018", "2026-09")].outcome["dismissal"] is False
