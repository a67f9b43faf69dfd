"""The batch path of the target model gives the exact path's answers (property test)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assesskit import Scheme
from assesskit.results import Result
from assesskit.targets import TargetSpec

YEARS = st.integers(2014, 2020)
DATES = st.dates(dt.date(2014, 1, 1), dt.date(2021, 12, 31))


def _due(spec: TargetSpec, year: int) -> bool:
    schedule = spec.schedule()
    if schedule is not None:
        return schedule.required_in(year) is not None
    assert spec.deadline is not None
    return year >= spec.deadline.year


@st.composite
def records(draw: st.DrawFn, all_kinds: tuple[TargetSpec, ...]) -> dict[str, Any]:
    year = draw(YEARS)
    cents = st.integers(0, 600_000).map(lambda c: f"{c / 100:.2f}")
    # milestone dates at the edges (the deadline, the day after, the year's last and next day)
    edges = [dt.date(2016, 6, 30), dt.date(2016, 7, 1), dt.date(year, 12, 31)]
    edges.append(dt.date(year + 1, 1, 1))
    figures: dict[str, Any] = {
        "built": draw(st.integers(0, 400)),
        "trained": draw(st.integers(0, 80)),
        "subsidy": draw(cents),
        "deductible": draw(cents),
        "coverage": draw(st.integers(0, 10_000).map(lambda n: f"{n / 100:.2f}%")),
        "issued_on": draw(st.sampled_from(edges) | DATES).isoformat(),
        "dispatched": draw(st.integers(4000, 7000)),
        "failed_audits": draw(st.none() | st.integers(0, 2)),
    }
    for spec in all_kinds:
        # a target not due may go without its figure (a milestone after its deadline year too)
        droppable = not _due(spec, year) or (
            spec.deadline is not None and year > spec.deadline.year
        )
        if droppable and draw(st.booleans()):
            figures[spec.input] = None
    return {"year": year, **figures}


def _published(result: Result) -> dict[str, Any]:
    return {
        "total": math.nan if result.total is None else float(result.total),
        "status": {k: c.status for k, c in result.components.items()},
        "points": {
            k: math.nan if c.points is None else float(c.points)
            for k, c in result.components.items()
        },
        "outcome": dict(result.outcome),
    }


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@settings(max_examples=60, deadline=None)
@given(data=st.data(), tolerance=st.sampled_from(["0", "0.1", "0.0333", "12.5%"]))
def test_batch_equals_exact(
    plan: Scheme, all_kinds: tuple[TargetSpec, ...], data: st.DataObject, tolerance: str
) -> None:
    scheme = plan.with_params(about_tolerance=tolerance)
    rows = data.draw(st.lists(records(all_kinds), min_size=1, max_size=12))
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    batch = scheme.score_batch(columns)
    for index, row in enumerate(rows):
        exact = _published(scheme.score(row))
        assert _same(batch.total[index], exact["total"]), (row, exact["total"])
        for cid, status in exact["status"].items():
            assert batch.component_status[cid][index] == status, (cid, row)
            assert _same(batch.components[cid][index], exact["points"][cid]), (cid, row)
        for oid, value in exact["outcome"].items():
            got = batch.outcomes[oid][index]
            assert (list(got) if isinstance(value, list) else bool(got)) == value, (oid, row)
