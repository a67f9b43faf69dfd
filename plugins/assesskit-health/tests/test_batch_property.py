"""Batch equals exact on generated years and figures of the Gansu plan (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assesskit import MetricKind, Scheme
from assesskit.targets import TargetSpec
from assesskit_health import GANSU_TARGETS

_CENTS = st.integers(0, 600_000).map(lambda c: f"{c / 100:.2f}")
_VALUES: dict[MetricKind, st.SearchStrategy[Any]] = {
    MetricKind.COUNT: st.integers(0, 7000),
    MetricKind.MONEY: _CENTS,
    MetricKind.RATIO: st.integers(0, 1000).map(lambda n: f"{n / 1000:.3f}"),
    MetricKind.NUMBER: st.integers(0, 80).map(lambda n: n / 10),
    MetricKind.POINTS: st.integers(-20, 100).map(lambda n: f"{n / 10:.1f}"),
    MetricKind.DATE: st.dates(dt.date(2014, 1, 1), dt.date(2026, 12, 31)).map(str),
}


def _droppable(spec: TargetSpec, year: int) -> bool:
    """Whether a record of *year* may leave the target's figure out."""
    schedule = spec.schedule()
    if schedule is not None:
        return schedule.required_in(year) is None
    assert spec.deadline is not None
    return year != spec.deadline.year  # before: not due; after: missing = not done


@st.composite
def gansu_records(draw: st.DrawFn) -> dict[str, Any]:
    year = draw(st.integers(2015, 2025))
    record: dict[str, Any] = {"year": year}
    for spec in GANSU_TARGETS:
        values = _VALUES[spec.measure]
        if spec.deadline is not None:  # the edges: the deadline, the year's end
            edges = [spec.deadline, spec.deadline + dt.timedelta(days=1)]
            edges += [dt.date(year, 12, 31), dt.date(year + 1, 1, 1)]
            values = st.sampled_from([str(d) for d in edges]) | values
        value = draw(values)
        if _droppable(spec, year) and draw(st.booleans()):
            value = None
        record[spec.input] = value
    record["substandard_clinic_projects"] = draw(st.none() | st.integers(0, 2))
    return record


def _same(a: float, b: float | None) -> bool:
    return math.isnan(a) if b is None else a == b


@settings(max_examples=50, deadline=None)
@given(
    rows=st.lists(gansu_records(), min_size=1, max_size=10),
    tolerance=st.sampled_from(["0", "0.1", "0.05", "1%"]),
)
def test_batch_equals_exact_for_the_gansu_plan(
    gansu: Scheme, rows: list[dict[str, Any]], tolerance: str
) -> None:
    scheme = gansu.with_params(about_tolerance=tolerance)
    batch = scheme.score_batch({k: [row[k] for row in rows] for k in rows[0]})
    for index, row in enumerate(rows):
        exact = scheme.score(row)
        assert _same(batch.total[index], None if exact.total is None else float(exact.total)), row
        for cid, component in exact.components.items():
            assert batch.component_status[cid][index] == component.status, (cid, row)
            points = None if component.points is None else float(component.points)
            assert _same(batch.components[cid][index], points), (cid, row)
        for oid, value in exact.outcome.items():
            got = batch.outcomes[oid][index]
            assert (list(got) if isinstance(value, list) else bool(got)) == value, (oid, row)
