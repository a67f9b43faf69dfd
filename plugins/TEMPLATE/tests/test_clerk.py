"""``myfamily.clerk`` at each threshold of its rules, with values worked out by hand."""

from __future__ import annotations

import importlib.metadata
from decimal import Decimal
from typing import Any

import pytest

from assesskit import Scheme, list_schemes
from assesskit.plugins import ENTRY_POINT_GROUP


def record(**changes: Any) -> dict[str, Any]:
    """A clean month: no filing error, service 100, nothing leaked, salary 4000."""
    base = {"filing_errors": 0, "service_rating": 100, "leaked": False, "standard_salary": 4000}
    return {**base, **changes}


def test_the_entry_point_and_the_registration(clerk: Scheme) -> None:
    points = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}
    assert points["myfamily"] == "assesskit_myfamily"
    registered = {entry.id: entry.plugin for entry in list_schemes()}
    assert registered["myfamily.clerk"] == "myfamily"
    assert clerk.lint() == []  # no band gap or overlap, examples hold, every input read


@pytest.mark.parametrize(
    ("errors", "filing"),
    [(0, "40"), (1, "35"), (7, "5"), (8, "0"), (9, "0")],  # 5 off per error, not below 0
)
def test_filing_loses_five_points_per_error(clerk: Scheme, errors: int, filing: str) -> None:
    result = clerk.score(record(filing_errors=errors))
    assert result.components["filing"].points == Decimal(filing)


@pytest.mark.parametrize(
    ("rating", "total", "band", "pay"),
    [
        (100, "100.00", "good", "4000.00"),
        (67, "80.20", "good", "4000.00"),
        # 40 + 60 × 66.67 / 100 = 80.002 → 80.00: still "80 and above"
        ("66.67", "80.00", "good", "4000.00"),
        (66, "79.60", "fair", "3200.00"),  # 4000 × 0.8
        (34, "60.40", "fair", "3200.00"),
        (0, "40.00", "poor", "2400.00"),  # 4000 × 0.6
    ],
)
def test_service_and_the_pay_bands(
    clerk: Scheme, rating: Any, total: str, band: str, pay: str
) -> None:
    result = clerk.score(record(service_rating=rating))
    assert result.total == Decimal(total)
    assert result.band_id == band
    assert result.outcome["pay"] == Decimal(pay)


def test_a_total_of_exactly_sixty_is_fair(clerk: Scheme) -> None:
    # 40 − 5 × 4 = 20; 60 × 66.67 / 100 = 40.002; 60.002 → 60.00, in [60, 80)
    result = clerk.score(record(filing_errors=4, service_rating="66.67"))
    assert result.total == Decimal("60.00")
    assert result.band_id == "fair"


def test_a_leak_vetoes_the_month(clerk: Scheme) -> None:
    result = clerk.score(record(leaked=True))
    assert result.vetoed
    assert result.total == Decimal("0.00")
    assert result.band_id == "poor"
    assert result.outcome["pay"] == Decimal("2400.00")


def test_without_a_salary_there_is_no_pay(clerk: Scheme) -> None:
    result = clerk.score(record(standard_salary=None))
    assert result.total == Decimal("100.00")
    assert result.outcome["pay"] is None
