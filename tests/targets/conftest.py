"""A plan with one target of every kind, for the target model's tests.

| id | kind | schedule | input |
| built | cumulative | 2015: 100; 2017: 300 | built |
| trained | annual | 50 each year 2016–2018 | trained |
| subsidy | at_least | 200 from 2015; 400 from 2017 | subsidy (money) |
| deductible | at_most | 3000 from 2016 | deductible (money) |
| coverage | share | 90% from 2016 | coverage (ratio) |
| rule_issued | milestone | on or before 2016-06-30 | issued_on (date) |
| dispatched | annual, about | 6000 each year 2015–2020 | dispatched |

The plan runs 2014–2020 (2014 is before every target), weight 1 each.
``lagging`` is attached to ``built`` (behind → true), ``audit_failed`` to
``trained`` (``failed_audits > 0``, an optional input).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from assesskit import Input, Metric, MetricKind, Scheme, Text
from assesskit.targets import Consequence, TargetSpec, plan_scheme

LAGGING = Consequence("lagging", Text("lagging", "滞后"))
AUDIT_FAILED = Consequence(
    "audit_failed",
    Text("audit failed", "审计不合格"),
    when=Input("failed_audits") > 0,
    metrics=(Metric("failed_audits", MetricKind.COUNT, Text("failed audits"), required=False),),
)

ALL_KINDS: tuple[TargetSpec, ...] = (
    TargetSpec(
        "built",
        Text("clinics built", "建成卫生室"),
        "cumulative",
        "built",
        checkpoints={2015: 100, 2017: 300},
        consequences=(LAGGING,),
    ),
    TargetSpec(
        "trained",
        Text("staff trained", "培训人员"),
        "annual",
        "trained",
        checkpoints={2016: 50},
        until=2018,
        consequences=(AUDIT_FAILED,),
    ),
    TargetSpec(
        "subsidy",
        Text("subsidy", "补助"),
        "at_least",
        "subsidy",
        checkpoints={2015: 200, 2017: 400},
        measure=MetricKind.MONEY,
    ),
    TargetSpec(
        "deductible",
        Text("deductible", "起付线"),
        "at_most",
        "deductible",
        checkpoints={2016: 3000},
        measure=MetricKind.MONEY,
    ),
    TargetSpec(
        "coverage",
        Text("coverage", "覆盖率"),
        "share",
        "coverage",
        checkpoints={2016: "0.9"},
        measure=MetricKind.RATIO,
    ),
    TargetSpec(
        "rule_issued",
        Text("rule issued", "办法出台"),
        "milestone",
        "issued_on",
        deadline=dt.date(2016, 6, 30),
    ),
    TargetSpec(
        "dispatched",
        Text("doctors dispatched (about)", "医师多点执业"),
        "annual",
        "dispatched",
        checkpoints={2015: 6000},
        until=2020,
        about=True,
    ),
)

#: Figures that meet every target in every year (the milestone done on time).
ALL_MET: dict[str, Any] = {
    "built": 300,
    "trained": 50,
    "subsidy": 400,
    "deductible": 3000,
    "coverage": "0.9",
    "issued_on": "2016-06-30",
    "dispatched": 6000,
}


def build_plan(**kwargs: Any) -> Scheme:
    """The all-kinds plan (extra keyword arguments go to ``plan_scheme``)."""
    return plan_scheme(
        "test.all-kinds", Text("all kinds", "各类目标"), ALL_KINDS, (2014, 2020), **kwargs
    )


@pytest.fixture(scope="session")
def plan() -> Scheme:
    """The all-kinds plan."""
    return build_plan()


@pytest.fixture(scope="session")
def all_kinds() -> tuple[TargetSpec, ...]:
    """The plan's table of targets."""
    return ALL_KINDS


@pytest.fixture
def met() -> dict[str, Any]:
    """A record (without its year) in which every target is met."""
    return {"entity_id": "u1", **ALL_MET}


@pytest.fixture(scope="session")
def assess(plan: Scheme) -> Callable[..., Any]:
    """``assess(year, **figures)``: the result of one record, every other target met."""

    def run(year: int, scheme: Scheme | None = None, **figures: Any) -> Any:
        record = {"entity_id": "u1", "year": year, **ALL_MET, **figures}
        return (scheme or plan).score(record)

    return run
