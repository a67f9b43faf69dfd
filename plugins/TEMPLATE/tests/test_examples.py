"""``examples/clerk.csv`` scores as ``examples/README.md`` works it out, on both paths."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from assesskit import Scheme

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

#: (entity, period) → (total, band, pay), from the table of examples/README.md.
EXPECTED = {
    ("CK-001", "2026-07"): ("100.00", "good", "4000.00"),
    ("CK-001", "2026-08"): ("84.00", "good", "4000.00"),
    ("CK-001", "2026-09"): ("80.00", "good", "4000.00"),
    ("CK-002", "2026-07"): ("65.00", "fair", "2880.00"),
    ("CK-002", "2026-08"): ("57.00", "poor", "2160.00"),
    ("CK-003", "2026-07"): ("0.00", "poor", "2280.00"),
    ("CK-003", "2026-08"): ("59.60", "poor", None),
}


def rows() -> list[dict[str, str]]:
    with (EXAMPLES / "clerk.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_row_gives_its_worked_result(clerk: Scheme) -> None:
    got = {}
    for row in rows():
        result = clerk.score(row)
        pay = result.outcome["pay"]
        got[row["entity_id"], row["period"]] = (
            str(result.total),
            result.band_id,
            None if pay is None else str(pay),
        )
    assert got == EXPECTED


def test_the_batch_path_gives_the_same_totals(clerk: Scheme) -> None:
    data = rows()
    columns = {name: [row[name] for row in data] for name in data[0]}
    batch = clerk.score_batch(columns)
    expected = [Decimal(EXPECTED[r["entity_id"], r["period"]][0]) for r in data]
    assert [Decimal(str(total)).quantize(Decimal("0.01")) for total in batch.total] == expected
