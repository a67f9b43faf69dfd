"""Every target kind at the edges of its schedule, on the exact and the batch path.

The plan is ``tests/targets/conftest.py``'s (one target of each kind, plan
years 2014–2020). Each case scores one record in which every other target is
met, and checks the target's status and requirement; the batch path must
report the same status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme
from assesskit.targets import judge_level

# (year, figures, target, status, required)
CASES: list[tuple[int, dict[str, Any], str, str, Any]] = [
    # cumulative "built": 2015: 100; 2017: 300
    (2014, {"built": None}, "built", "not_due", None),  # before the first checkpoint
    (2015, {"built": 100}, "built", "met", 100),  # first year due, exactly the value
    (2015, {"built": 99}, "built", "behind", 100),  # one short
    (2016, {"built": 100}, "built", "met", 100),  # between checkpoints: 2015's value
    (2017, {"built": 299}, "built", "behind", 300),  # the second checkpoint
    (2017, {"built": 300}, "built", "met", 300),
    (2020, {"built": 299}, "built", "behind", 300),  # after the last: stays due at 300
    # annual "trained": 50 each year 2016–2018
    (2015, {"trained": None}, "trained", "not_due", None),  # before its range
    (2016, {"trained": 50}, "trained", "met", 50),  # first year of the range
    (2016, {"trained": 49}, "trained", "behind", 50),
    (2018, {"trained": 49}, "trained", "behind", 50),  # last year of the range
    (2019, {"trained": None}, "trained", "not_due", None),  # after its range
    # at_least "subsidy": 200 from 2015; 400 from 2017 (the latest in force)
    (2015, {"subsidy": 200}, "subsidy", "met", 200),
    (2015, {"subsidy": "199.99"}, "subsidy", "behind", 200),
    (2016, {"subsidy": 200}, "subsidy", "met", 200),  # 2015's level still in force
    (2017, {"subsidy": "399.99"}, "subsidy", "behind", 400),  # the raised level
    (2020, {"subsidy": 400}, "subsidy", "met", 400),
    # at_most "deductible": 3000 from 2016
    (2015, {"deductible": 5000}, "deductible", "not_due", None),  # before its first year
    (2016, {"deductible": 3000}, "deductible", "met", 3000),  # exactly the ceiling
    (2016, {"deductible": "3000.01"}, "deductible", "behind", 3000),
    (2016, {"deductible": 0}, "deductible", "met", 3000),
    # share "coverage": 90% from 2016
    (2015, {"coverage": None}, "coverage", "not_due", None),
    (2016, {"coverage": "90%"}, "coverage", "met", Fraction(9, 10)),
    (2016, {"coverage": "0.8999"}, "coverage", "behind", Fraction(9, 10)),
    # milestone "rule_issued": on or before 2016-06-30
    (2015, {"issued_on": None}, "rule_issued", "not_due", None),  # before the deadline year
    (2016, {"issued_on": "2016-06-30"}, "rule_issued", "met", dt.date(2016, 6, 30)),  # the day
    (2016, {"issued_on": "2016-07-01"}, "rule_issued", "behind", dt.date(2016, 6, 30)),  # late
    (2016, {"issued_on": "2015-01-05"}, "rule_issued", "met", dt.date(2016, 6, 30)),  # early
    (2017, {"issued_on": None}, "rule_issued", "behind", dt.date(2016, 6, 30)),  # not done
    (2017, {"issued_on": "2016-06-20"}, "rule_issued", "not_due", None),  # done on time
    (2017, {"issued_on": "2016-07-01"}, "rule_issued", "not_due", None),  # done late in 2016
    # done late in the assessed year itself: it drops out that year
    (2017, {"issued_on": "2017-03-01"}, "rule_issued", "not_due", None),
    (2017, {"issued_on": "2017-12-31"}, "rule_issued", "not_due", None),  # 31 December
    (2017, {"issued_on": "2018-01-01"}, "rule_issued", "behind", dt.date(2016, 6, 30)),
    (2018, {"issued_on": "2018-01-01"}, "rule_issued", "not_due", None),
    # annual "about" "dispatched": 6000 each year 2015–2020, tolerance 0 by default
    (2015, {"dispatched": 6000}, "dispatched", "met", 6000),
    (2015, {"dispatched": 5999}, "dispatched", "behind", 6000),
    (2020, {"dispatched": 5999}, "dispatched", "behind", 6000),
]


def _ids(case: tuple[int, dict[str, Any], str, str, Any]) -> str:
    year, figures, target, status, _ = case
    shown = ",".join(f"{k}={v}" for k, v in figures.items())
    return f"{target}-{year}-{shown}-{status}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_status_and_requirement_at_the_edges(
    plan: Scheme, met: dict[str, Any], case: tuple[int, dict[str, Any], str, str, Any]
) -> None:
    year, figures, target, status, required = case
    record = {**met, "year": year, **figures}
    result = plan.score(record)
    component = result.components[target]
    assert component.status == status
    assert component.details["required"] == required
    assert (component.points is None) == (status == "not_due")
    # the batch path reports the same status and total
    batch = plan.score_batch({k: [v] for k, v in record.items()})
    assert batch.component_status[target][0] == status
    expected_total = float("nan") if result.total is None else float(result.total)
    assert batch.total[0] == expected_total or (
        result.total is None and batch.total[0] != batch.total[0]
    )


def test_cumulative_behind_points_and_total(assess: Callable[..., Any]) -> None:
    # 2015: built (100), subsidy (200), dispatched (6000) are due: 100/3 each.
    # built 99 of 100: 100/3 × 99/100 = 33; total 33 + 2 × 100/3 = 99.666… → 99.67
    result = assess(2015, built=99)
    assert result.components["built"].exact_points == 33
    assert str(result.total) == "99.67"
    assert [c for c, r in result.components.items() if r.points is not None] == [
        "built",
        "subsidy",
        "dispatched",
    ]


def test_at_most_behind_takes_required_over_actual(assess: Callable[..., Any]) -> None:
    # 2016: all 7 due, 100/7 each; deductible 4000 over 3000: 100/7 × 3000/4000 = 75/7
    result = assess(2016, deductible=4000)
    assert result.components["deductible"].exact_points == Fraction(75, 7)
    # total 6 × 100/7 + 75/7 = 675/7 = 96.428… → 96.43
    assert str(result.total) == "96.43"


def test_share_behind_is_proportional(assess: Callable[..., Any]) -> None:
    # 2016: 100/7 × 0.45 / 0.9 = 50/7
    result = assess(2016, coverage="45%")
    assert result.components["coverage"].exact_points == Fraction(50, 7)


def test_milestone_late_and_not_done_earn_nothing(assess: Callable[..., Any]) -> None:
    late = assess(2016, issued_on="2016-07-01")
    assert late.components["rule_issued"].exact_points == 0
    # 6 of 7 targets met: 600/7 = 85.714… → 85.71
    assert str(late.total) == "85.71"
    not_done = assess(2017, issued_on=None)
    # 2017: built, trained, subsidy, deductible, coverage, milestone, dispatched: 7 due
    assert not_done.components["rule_issued"].exact_points == 0
    assert str(not_done.total) == "85.71"
    done = assess(2017, issued_on="2017-03-01")
    # done in 2017: not due, 6 targets due and met
    assert done.components["rule_issued"].points is None
    assert str(done.total) == "100.00"


def test_a_negative_figure_earns_nothing_not_less() -> None:
    # an uplift in percentage points may go down: below 0 it earns 0, not less
    verdict = judge_level("at_least", Fraction(-1), Fraction(5))
    assert verdict.status == "behind"
    assert verdict.attainment == 0


def test_nothing_due_gives_no_total(assess: Callable[..., Any]) -> None:
    result = assess(2014, **dict.fromkeys(("built", "trained", "subsidy", "coverage"), None))
    assert result.total is None
    assert result.outcome["on_schedule"] is True
    assert result.outcome["behind"] == []


def test_a_due_target_without_its_figure_is_an_error_naming_the_field(
    plan: Scheme, met: dict[str, Any]
) -> None:
    record = {**met, "year": 2017, "built": None, "subsidy": ""}
    with pytest.raises(InvalidInputError) as caught:
        plan.score(record)
    problems = {p.field: p.rule for p in caught.value.problems}
    assert set(problems) == {"built", "subsidy"}  # every problem at once
    assert "target built (建成卫生室) is due in 2017 (required 300)" in problems["built"]
    assert "is due in 2017 (required 400)" in problems["subsidy"]


def test_a_missing_date_in_the_deadline_year_is_an_error(plan: Scheme, met: dict[str, Any]) -> None:
    record = {**met, "year": 2016, "issued_on": None}
    with pytest.raises(InvalidInputError) as caught:
        plan.score(record)
    (problem,) = caught.value.problems
    assert problem.field == "issued_on"
    assert "due on or before 2016-06-30 and 2016 is its deadline year" in problem.rule


def test_the_batch_path_reports_the_same_missing_inputs(plan: Scheme, met: dict[str, Any]) -> None:
    rows = [
        {**met, "entity_id": "a", "year": 2016, "issued_on": None},
        {**met, "entity_id": "b", "year": 2017, "built": None},
        {**met, "entity_id": "c", "year": 2019, "trained": None},  # not due: fine
    ]
    columns = {k: [row[k] for row in rows] for k in rows[0]}
    with pytest.raises(InvalidInputError) as caught:
        plan.score_batch(columns)
    found = [(p.entity, p.field) for p in caught.value.problems]
    assert found == [("a", "issued_on"), ("b", "built")]


@pytest.mark.parametrize(
    ("year", "valid"), [(2013, False), (2014, True), (2020, True), (2021, False)]
)
def test_a_year_outside_the_plan_is_an_error(
    plan: Scheme, met: dict[str, Any], year: int, valid: bool
) -> None:
    record = {**met, "year": year}
    if valid:
        plan.score(record)
        return
    with pytest.raises(InvalidInputError) as caught:
        plan.score(record)
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        ("year", "must be within [2014, 2020]")
    ]


def test_the_year_is_required(plan: Scheme, met: dict[str, Any]) -> None:
    record = {k: v for k, v in met.items() if k != "year"}
    with pytest.raises(InvalidInputError) as caught:
        plan.score(record)
    assert [p.field for p in caught.value.problems] == ["year"]
