"""A one-component scheme for roll-ups: the total is ``100 × done / due`` (none when due is 0)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assesskit import (
    Band,
    BandTable,
    Component,
    Interval,
    Metric,
    MetricKind,
    PeriodKind,
    Scheme,
    Text,
)
from assesskit.hierarchy import Rollup
from assesskit.rules import Share


def build_unit_scheme(**overrides: Any) -> Scheme:
    """Annual; total ``100 × done / due``; bands good >= 90, fair [60, 90), poor < 60.

    Results roll up per ``parent_id`` and year, weighted by the optional
    input ``households``.
    """
    fields: dict[str, Any] = {
        "id": "test.units",
        "version": "1",
        "title": Text("units", "单位"),
        "period": PeriodKind.ANNUAL,
        "metrics": [
            Metric("done", MetricKind.COUNT, Text("done", "完成数")),
            Metric("due", MetricKind.COUNT, Text("due", "应完成数")),
            Metric("households", MetricKind.COUNT, Text("households", "户数"), required=False),
        ],
        "components": [Component("work", Text("work", "工作"), 100, Share("done", "due"))],
        "bands": BandTable(
            (
                Band("good", Text("good", "好"), Interval.at_least(90)),
                Band("fair", Text("fair", "一般"), Interval.closed_open(60, 90)),
                Band("poor", Text("poor", "差"), Interval.below(60)),
            )
        ),
        "rollups": [Rollup("region", Text("region", "地区"), "weighted_mean", weight="households")],
    }
    fields.update(overrides)
    return Scheme(**fields)


def unit(
    entity: str,
    total: str,
    households: int | None = None,
    parent: str | None = "P",
    year: int = 2024,
) -> dict[str, Any]:
    """A record whose total is *total* (given with 2 decimals): done / due = total / 100."""
    hundredths = int(total.replace(".", ""))
    record: dict[str, Any] = {
        "entity_id": entity,
        "parent_id": parent,
        "year": year,
        "done": hundredths,
        "due": 10000,
    }
    if households is not None:
        record["households"] = households
    return record


def unit_without_total(entity: str, households: int | None = None) -> dict[str, Any]:
    """A record for which nothing applies (due = 0): no total, no band."""
    record: dict[str, Any] = {
        "entity_id": entity,
        "parent_id": "P",
        "year": 2024,
        "done": 0,
        "due": 0,
    }
    if households is not None:
        record["households"] = households
    return record


@pytest.fixture
def make_unit_scheme() -> Callable[..., Scheme]:
    """Build the roll-up test scheme with some fields changed."""
    return build_unit_scheme


@pytest.fixture
def unit_scheme() -> Scheme:
    """The roll-up test scheme."""
    return build_unit_scheme()


@pytest.fixture
def make_unit() -> Callable[..., dict[str, Any]]:
    """Build a record with a chosen total (see :func:`unit`)."""
    return unit


@pytest.fixture
def make_unit_without_total() -> Callable[..., dict[str, Any]]:
    """Build a record with no total."""
    return unit_without_total
