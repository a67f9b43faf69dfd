"""A small staged scheme: the total is the one rating, so stage totals are chosen directly."""

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
    Parameter,
    PeriodKind,
    Scheme,
    Text,
)
from assesskit.hierarchy import Rollup
from assesskit.rules import RaterMean
from assesskit.stages import DayOf, LastDayOf, Stage, StageComparison

SELF_CHECK = Stage(
    "self_check",
    Text("self-check", "自查"),
    Text("each county", "各县"),
    Text("itself", "本县"),
    deadline=DayOf(2, 20),
)
PREFECTURE = Stage(
    "prefecture",
    Text("prefecture assessment", "市州考核"),
    Text("each prefecture", "各市州"),
    Text("its counties", "所辖县"),
    deadline=LastDayOf(2),
    requires="self_check",
)
PROVINCE = Stage(
    "province",
    Text("province assessment", "省考核"),
    Text("the province", "省"),
    Text("the prefectures", "各市州"),
    deadline=LastDayOf(3),
    opens=DayOf(3, 1),
)
GAP = StageComparison(
    "self_check",
    "prefecture",
    "self_check_gap",
    Text("inflated self-check", "自查虚高"),
    flag="inflated_self_check",
    threshold="inflation_threshold",
)


def build_staged_scheme(**overrides: Any) -> Scheme:
    """Annual; one component of 100 points = ``quality_rating``, so the total is the rating.

    Stages: self_check (by 20 Feb), prefecture (by the last day of Feb,
    requires self_check), province (1–31 March); gap self_check − prefecture
    flagged above ``inflation_threshold`` (default 10); prefecture-stage
    totals roll up per ``parent_id`` weighted by ``households``.
    """
    fields: dict[str, Any] = {
        "id": "test.staged",
        "version": "1",
        "title": Text("staged test scheme", "分阶段测试方案"),
        "period": PeriodKind.ANNUAL,
        "metrics": [
            Metric("quality_rating", MetricKind.RATING, Text("quality", "质量")),
            Metric("households", MetricKind.COUNT, Text("households", "户数"), required=False),
        ],
        "components": [
            Component("quality", Text("quality", "质量"), 100, RaterMean("quality_rating"))
        ],
        "bands": BandTable(
            (
                Band("good", Text("good", "好"), Interval.at_least(90)),
                Band("fair", Text("fair", "一般"), Interval.closed_open(60, 90)),
                Band("poor", Text("poor", "差"), Interval.below(60)),
            )
        ),
        "parameters": [Parameter("inflation_threshold", Text("threshold", "阈值"), 10)],
        "stages": [SELF_CHECK, PREFECTURE, PROVINCE],
        "stage_comparisons": [GAP],
        "rollups": [
            Rollup(
                "prefecture",
                Text("prefecture", "市州"),
                "weighted_mean",
                weight="households",
                stage="prefecture",
            )
        ],
    }
    fields.update(overrides)
    return Scheme(**fields)


def staged_record(**changes: Any) -> dict[str, Any]:
    """A valid self-check record of county C1 (parent P), year 2024, on time, total 90."""
    record: dict[str, Any] = {
        "entity_id": "C1",
        "parent_id": "P",
        "year": 2024,
        "stage": "self_check",
        "assessed_on": "2025-02-15",
        "quality_rating": 90,
        "households": 10,
    }
    record.update(changes)
    return record


@pytest.fixture
def staged_scheme() -> Scheme:
    """The staged test scheme."""
    return build_staged_scheme()


@pytest.fixture
def make_record() -> Callable[..., dict[str, Any]]:
    """Build a record of the staged test scheme with some fields changed."""
    return staged_record


@pytest.fixture
def make_staged_scheme() -> Callable[..., Scheme]:
    """Build the staged test scheme with some fields changed."""
    return build_staged_scheme
