"""A target (``Target``) as a rule kind, at its edges: points, statuses, words, refusals.

Hand-computed from the plans spec (``/work/shared/specs/plans.md``): when due,
``w × min(actual / required, 1)`` (``at_most``: ``w`` when met, else ``w ×
required / actual``; a milestone ``w`` when met, else 0); "about N" requires
``N × (1 − tolerance)``; a target not due takes no part (its points are
``None``). Each scheme is one target worth 60 points next to a flag worth 40,
in an annual scheme of the years 2014–2020; ``score_both`` checks the batch
path, its statuses and its points against the exact path.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pytest
from tests.core._helpers import FILLER, score_both

from assesskit import (
    Component,
    Interval,
    InvalidInputError,
    Metric,
    MetricKind,
    Param,
    Parameter,
    PeriodKind,
    Scheme,
    Text,
)
from assesskit.errors import ParameterError
from assesskit.rules import Boolean
from assesskit.rules.base import PointsRange, RuleExample
from assesskit.targets import MissingInput, Schedule, Target, TargetInputsGiven, Verdict

F = Fraction
D = dt.date
YEAR = Metric("year", MetricKind.YEAR, Text("year", "年度"), domain=Interval(2014, 2020))
BUILT = Text("clinics built", "建成卫生室")
COST = Text("cost per patient", "次均费用")
ISSUED = Text("rules issued", "出台办法")
ABOUT = Parameter(
    "about",
    Text("tolerance", "容差"),
    default="0.1",
    kind=MetricKind.RATIO,
    domain=Interval(0, 1, upper_closed=False),
)

#: cumulative: 100 by 2016, 300 by 2018, due until 2019
CLINICS = Target(
    "cumulative", "built", schedule=Schedule({2016: 100, 2018: 300}, until=2019), label=BUILT
)
#: a quota given per record: the cost at most the quota
QUOTA = Target("at_most", "cost", required_input="cost_quota", name="cost", label=COST)
#: a milestone: on or before 30 June 2016
MILESTONE = Target("milestone", "issued_on", deadline=D(2016, 6, 30), label=ISSUED)


def scheme_of(target: Target, *metrics: Metric, parameters: tuple[Parameter, ...] = ()) -> Scheme:
    """*target* as component ``c`` (60 points) and a flag worth 40, by year 2014–2020."""
    return Scheme(
        id="test.target",
        version="1",
        title=Text("one target", "单个目标"),
        period=PeriodKind.ANNUAL,
        period_field="year",
        metrics=[YEAR, *metrics, Metric(FILLER, MetricKind.FLAG, Text("filler", "其他"))],
        components=[
            Component("c", Text("target", "目标"), 60, target),
            Component("fill", Text("filler", "其他"), 40, Boolean(FILLER)),
        ],
        parameters=parameters,
    )


def count(name: str, label: Text = BUILT, **extra: Any) -> Metric:
    return Metric(name, MetricKind.COUNT, label, required=False, **extra)


def money(name: str) -> Metric:
    return Metric(name, MetricKind.MONEY, COST, required=False)


def date(name: str) -> Metric:
    return Metric(name, MetricKind.DATE, ISSUED, required=False)


def scored(scheme: Scheme, rows: list[dict[str, Any]]) -> list[tuple[str | None, str | None]]:
    """Points (text) and status of ``c`` per row, the batch's statuses checked too."""
    rows = [{FILLER: True, **row} for row in rows]
    results = score_both(scheme, rows)
    names = sorted({k for r in rows for k in r})
    batch = scheme.score_batch({n: [r.get(n) for r in rows] for n in names})
    statuses = [r.components["c"].status for r in results]
    assert list(batch.component_status["c"]) == statuses
    points = [r.components["c"].points for r in results]
    return [(None if p is None else str(p), s) for p, s in zip(points, statuses, strict=True)]


def explained(scheme: Scheme, **row: Any) -> Text:
    return scheme.score({FILLER: True, **row}).components["c"].explanation


def refused(scheme: Scheme, **row: Any) -> list[str]:
    """The problems of a record both paths refuse, as ``field: rule``."""
    row = {FILLER: True, **row}
    with pytest.raises(InvalidInputError) as exact:
        scheme.score(row)
    with pytest.raises(InvalidInputError) as batch:
        scheme.score_batch({k: [v] for k, v in row.items()})
    found = [f"{p.field}: {p.rule}" for p in exact.value.problems]
    assert [f"{p.field}: {p.rule}" for p in batch.value.problems] == found
    return found


def rescored(scheme: Scheme, rows: list[dict[str, Any]]) -> int:
    """How many rows of the batch the engine had to re-score exactly."""
    names = sorted({k for r in rows for k in r})
    columns = {n: [r.get(n) for r in rows] for n in names}
    return scheme.score_batch({**columns, FILLER: [True] * len(rows)}).exact_rows


class TestSchedule:
    scheme = scheme_of(CLINICS, count("built"))

    def test_points_and_statuses(self) -> None:
        rows = [
            {"year": 2015},  # before the first checkpoint
            {"year": 2016, "built": 90},  # 60 × 90/100 = 54
            {"year": 2017, "built": 100},  # 100 still in force: met
            {"year": 2018, "built": 299},  # 60 × 299/300 = 59.8
            {"year": 2018, "built": 301},  # above: met, 60
            {"year": 2019, "built": 0},  # nothing done: 0
            {"year": 2020, "built": 400},  # after "until": not due
            {"year": 2014, "built": 50},  # a figure given while not due changes nothing
        ]
        assert scored(self.scheme, rows) == [
            (None, "not_due"),
            ("54.00", "behind"),
            ("60.00", "met"),
            ("59.80", "behind"),
            ("60.00", "met"),
            ("0.00", "behind"),
            (None, "not_due"),
            (None, "not_due"),
        ]

    def test_a_figure_past_the_exact_form(self) -> None:
        # 13 decimals: no exact batch form. Near a requirement that is no float
        # (100/3) the batch marks the row and the engine re-scores it exactly;
        # near one that is (100) the float comparison is exact.
        thirds = Target("cumulative", "built", schedule=Schedule({2016: F(100, 3), 2018: 100}))
        figure = Metric("built", MetricKind.NUMBER, BUILT, required=False, domain=None)
        scheme = scheme_of(thirds, figure)
        rows = [
            {"year": 2016, "built": "33.3333333333333"},  # 60 × 0.999999999999999 → 60.00
            {"year": 2016, "built": "33.3333333333334"},  # above 100/3: met
            {"year": 2016, "built": "33.3333333333332"},  # 60.00, behind
            {"year": 2016, "built": "10.0000000000001"},  # 60 × 0.3000000000000003 → 18.00
            {"year": 2018, "built": "99.9999999999999"},  # → 60.00, behind
            {"year": 2015, "built": None},
        ]
        assert scored(scheme, rows) == [
            ("60.00", "behind"),
            ("60.00", "met"),
            ("60.00", "behind"),
            ("18.00", "behind"),
            ("60.00", "behind"),
            (None, "not_due"),
        ]
        assert rescored(scheme, rows) == 3  # the three rows within float noise of 100/3

    def test_explanations(self) -> None:
        assert explained(self.scheme, year=2015) == Text(
            "clinics built: not due in 2015 (due from 2016)",
            "建成卫生室:2015年未到考核期(2016年起考核)",
        )
        assert explained(self.scheme, year=2020) == Text(
            "clinics built: not due in 2020 (due until 2019)",
            "建成卫生室:2020年不在考核期内(考核至2019年)",
        )
        assert explained(self.scheme, year=2016, built=90) == Text(
            "clinics built 90 of 100 due by 2016: behind: 60 × 90/100 = 54",
            "建成卫生室:2016年底应累计完成 100,实际 90:未达标:60 × 90/100 = 54",
        )
        assert explained(self.scheme, year=2018, built=300) == Text(
            "clinics built 300 of 300 due by 2018: met: 60",
            "建成卫生室:2018年底应累计完成 300,实际 300:达标:60",
        )
        assert explained(self.scheme, year=2019, built=0) == Text(
            "clinics built 0 of 300 due by 2019: behind: 0",
            "建成卫生室:2019年底应累计完成 300,实际 0:未达标:0",
        )

    def test_a_due_target_without_its_figure_is_refused(self) -> None:
        assert refused(self.scheme, entity_id="u1", year=2016) == [
            "built: is required: target built (建成卫生室) is due in 2016 (required 100)"
        ]
        named = attrs.evolve(CLINICS, name="clinics", label=None)
        assert refused(scheme_of(named, count("built")), year=2019) == [
            "built: is required: target clinics is due in 2019 (required 300)"
        ]


class TestAbout:
    target = attrs.evolve(CLINICS, tolerance=Param("about"), name="clinics")

    def scheme(self) -> Scheme:
        return scheme_of(self.target, count("built"), parameters=(ABOUT,))

    def test_points(self) -> None:
        # about 100 less 10%: 90 required in 2016, 270 from 2018
        rows = [
            {"year": 2016, "built": 81},  # 60 × 81/90 = 54
            {"year": 2016, "built": 90},  # met
            {"year": 2018, "built": 269},  # 60 × 269/270 = 59.777… → 59.78
            {"year": 2017, "built": 89},  # 60 × 89/90 = 59.333… → 59.33
        ]
        assert scored(self.scheme(), rows) == [
            ("54.00", "behind"),
            ("60.00", "met"),
            ("59.78", "behind"),
            ("59.33", "behind"),
        ]

    def test_a_tolerance_of_a_third(self) -> None:
        # about 300 less 1/3: 200 required from 2018; 100 of it gives 30
        scheme = self.scheme().with_params(about=F(1, 3))
        rows = [{"year": 2018, "built": 100}, {"year": 2018, "built": 200}]
        assert scored(scheme, rows) == [("30.00", "behind"), ("60.00", "met")]

    def test_explanations(self) -> None:
        assert explained(self.scheme(), year=2016, built=81) == Text(
            "clinics built 81 of 90 (about 100 less 10%) due by 2016: behind: 60 × 81/90 = 54",
            "建成卫生室:2016年底应累计完成 90(约 100,容差 10%),实际 81:未达标:60 × 81/90 = 54",
        )
        exact = self.scheme().with_params(about=0)
        assert explained(exact, year=2016, built=100) == Text(
            "clinics built 100 of about 100 due by 2016: met: 60",
            "建成卫生室:2016年底应累计完成 约 100,实际 100:达标:60",
        )

    def test_model(self) -> None:
        assert self.target.tolerance_in({"about": "0.1"}) == F(1, 10)
        assert CLINICS.tolerance_in({"about": "0.1"}) == 0
        assert self.target.required_in(2018, {"about": "0.1"}) == 270
        assert self.target.required_in(2015, {"about": "0.1"}) is None
        assert MILESTONE.required_in(2016) is None
        assert QUOTA.required_in(2016) is None

    def test_a_tolerance_without_its_parameter_is_named(self) -> None:
        # the tolerance is the scheme's parameter: the target alone cannot know it
        with pytest.raises(ParameterError, match="target 'clinics' reads the parameter 'about'"):
            self.target.required_in(2018)

    def test_words(self) -> None:
        assert self.target.requirement_words() == Text(
            "about 2016: 100; 2018: 300 (until 2019), × (1 − about)",
            "约 2016年 100;2018年 300(至2019年),× (1 − about)",
        )
        assert self.target.requirement_words({"about": "0.1"}).en == (
            "about 2016: 100; 2018: 300 (until 2019), × (1 − 10%)"
        )
        assert self.target.edges({"about": "0.1"}) == {
            "built": (0, 90, 270),
            "year": (2015, 2016, 2018, 2019, 2020),
        }

    def test_a_tolerance_of_100_percent_is_refused(self) -> None:
        metrics = {"year": YEAR, "built": count("built")}
        assert self.target.definition_problems(metrics, {"about": 1}) == [
            "parameter 'about' must be below 1 (100%)"
        ]
        assert self.target.definition_problems(metrics, {"about": "0.99"}) == []


class TestQuota:
    scheme = scheme_of(QUOTA, money("cost_quota"), money("cost"))

    def test_points_and_statuses(self) -> None:
        rows = [
            {"year": 2016},  # no quota: not due
            {"year": 2016, "cost_quota": 3000, "cost": 2500},  # met
            {"year": 2016, "cost_quota": 3000, "cost": 3000},  # met at the quota
            {"year": 2016, "cost_quota": 3000, "cost": 4000},  # 60 × 3000/4000 = 45
            {"year": 2016, "cost_quota": "2999.99", "cost": 3000},  # 59.9998 → 60.00, behind
            {"year": 2016, "cost_quota": 0, "cost": 10},  # a quota of 0 exceeded: 0
            {"year": 2016, "cost_quota": "0.01", "cost": "0.03"},  # 60 × 1/3 = 20
        ]
        assert scored(self.scheme, rows) == [
            (None, "not_due"),
            ("60.00", "met"),
            ("60.00", "met"),
            ("45.00", "behind"),
            ("60.00", "behind"),
            ("0.00", "behind"),
            ("20.00", "behind"),
        ]

    def test_explanations(self) -> None:
        assert explained(self.scheme, year=2016) == Text(
            "cost per patient: no quota for 2016, not due", "次均费用:2016年无任务,不考核"
        )
        assert explained(self.scheme, year=2017, cost_quota=3000, cost=4000) == Text(
            "cost per patient 4000, at most the quota 3000 in 2017: behind: 60 × 3000/4000 = 45",
            "次均费用:2017年应不高于 3000,实际 4000:未达标:60 × 3000/4000 = 45",
        )

    def test_half_a_quota_is_refused(self) -> None:
        assert refused(self.scheme, year=2016, cost_quota=3000) == [
            "cost: is required when cost_quota is given "
            "(target cost (次均费用) needs both its required and actual figures)"
        ]
        assert refused(self.scheme, year=2016, cost=3000) == [
            "cost_quota: is required when cost is given "
            "(target cost (次均费用) needs both its required and actual figures)"
        ]

    def test_an_at_least_quota(self) -> None:
        target = Target("at_least", "done", required_input="quota", name="homes")
        scheme = scheme_of(target, count("quota"), count("done"))
        rows = [
            {"year": 2016, "quota": 40, "done": 30},  # 60 × 30/40 = 45
            {"year": 2016, "quota": 40, "done": 50},  # met
            {"year": 2016, "quota": 0, "done": 0},  # nothing required: met
        ]
        assert scored(scheme, rows) == [("45.00", "behind"), ("60.00", "met"), ("60.00", "met")]
        assert explained(scheme, year=2016, quota=40, done=30) == Text(
            "clinics built 30 of the quota 40 for 2016: behind: 60 × 30/40 = 45",
            "建成卫生室:2016年任务 40,实际 30:未达标:60 × 30/40 = 45",
        )


class TestMilestone:
    scheme = scheme_of(MILESTONE, date("issued_on"))

    def test_points_and_statuses(self) -> None:
        rows = [
            {"year": 2015},  # before the deadline's year
            {"year": 2015, "issued_on": "2015-01-01"},  # done early: still not due in 2015
            {"year": 2016, "issued_on": "2016-06-30"},  # on the deadline: met
            {"year": 2016, "issued_on": "2016-07-01"},  # late: behind, 0
            {"year": 2017},  # not done: behind
            {"year": 2017, "issued_on": "2018-01-01"},  # done only after the year: behind
            {"year": 2017, "issued_on": "2017-12-31"},  # done late, within the year: not due
            {"year": 2018, "issued_on": "2016-05-01"},  # done on time long ago: not due
        ]
        assert scored(self.scheme, rows) == [
            (None, "not_due"),
            (None, "not_due"),
            ("60.00", "met"),
            ("0.00", "behind"),
            ("0.00", "behind"),
            ("0.00", "behind"),
            (None, "not_due"),
            (None, "not_due"),
        ]

    def test_explanations(self) -> None:
        assert explained(self.scheme, year=2015) == Text(
            "rules issued: not due in 2015 (deadline 2016-06-30)",
            "出台办法:2015年未到期限(2016-06-30)",
        )
        assert explained(self.scheme, year=2016, issued_on="2016-06-30") == Text(
            "rules issued: done on 2016-06-30, on or before the deadline 2016-06-30: met, 60",
            "出台办法:2016-06-30完成,期限2016-06-30:达标,60",
        )
        assert explained(self.scheme, year=2016, issued_on="2016-07-01") == Text(
            "rules issued: done on 2016-07-01, after the deadline 2016-06-30: late, 0",
            "出台办法:2016-07-01完成,超过期限2016-06-30:逾期,0",
        )
        assert explained(self.scheme, year=2017) == Text(
            "rules issued: not done by the end of 2017 (deadline 2016-06-30): behind, 0",
            "出台办法:截至2017年底未完成(期限2016-06-30):未达标,0",
        )
        assert explained(self.scheme, year=2017, issued_on="2018-01-01") == Text(
            "rules issued: not done by the end of 2017 (deadline 2016-06-30; "
            "done only on 2018-01-01): behind, 0",
            "出台办法:截至2017年底未完成(期限2016-06-30;2018-01-01方完成):未达标,0",
        )
        assert explained(self.scheme, year=2017, issued_on="2017-03-01") == Text(
            "rules issued: done on 2017-03-01 (late: the deadline was 2016-06-30), not due in 2017",
            "出台办法:已于2017-03-01完成(逾期:期限2016-06-30),2017年不再考核",
        )
        assert explained(self.scheme, year=2017, issued_on="2016-06-30") == Text(
            "rules issued: done on 2016-06-30, not due in 2017",
            "出台办法:已于2016-06-30完成,2017年不再考核",
        )

    def test_no_date_in_the_deadline_year_is_refused(self) -> None:
        assert refused(self.scheme, year=2016) == [
            "issued_on: is required: the milestone is due on or before 2016-06-30 and 2016 "
            "is its deadline year (milestone issued_on (出台办法))"
        ]

    def test_a_deadline_given_per_record(self) -> None:
        target = Target("milestone", "done_on", required_input="due_on", name="plan")
        scheme = scheme_of(target, date("due_on"), date("done_on"))
        rows = [
            {"year": 2016},  # no deadline: not due
            {"year": 2016, "due_on": "2016-03-31", "done_on": "2016-03-31"},  # met
            {"year": 2016, "due_on": "2016-03-31", "done_on": "2016-04-01"},  # late
            {"year": 2016, "due_on": "2017-03-31"},  # before its year
            {"year": 2017, "due_on": "2016-03-31"},  # not done
        ]
        assert scored(scheme, rows) == [
            (None, "not_due"),
            ("60.00", "met"),
            ("0.00", "behind"),
            (None, "not_due"),
            ("0.00", "behind"),
        ]
        assert explained(scheme, year=2016) == Text(
            "rules issued: no quota for 2016, not due", "出台办法:2016年无任务,不考核"
        )
        assert explained(scheme, year=2016, due_on="2017-03-31").en == (
            "rules issued: not due in 2016 (deadline 2017-03-31)"
        )
        assert refused(scheme, year=2016, done_on="2016-03-31") == [
            "due_on: is required when done_on is given (milestone plan needs its deadline)"
        ]
        assert refused(scheme, year=2016, due_on="2016-03-31") == [
            "done_on: is required: the milestone is due on or before 2016-03-31 and 2016 "
            "is its deadline year (milestone plan)"
        ]


class TestOtherKinds:
    def test_annual_at_least_and_share(self) -> None:
        annual = Target("annual", "trained", schedule=Schedule({2016: 50}, until=2018))
        at_least = Target("at_least", "subsidy", schedule=Schedule({2015: 200, 2017: 400}))
        share = Target("share", "coverage", schedule=Schedule({2016: "0.9"}))
        coverage = Metric("coverage", MetricKind.RATIO, Text("coverage", "覆盖率"), required=False)
        assert scored(
            scheme_of(annual, count("trained")),
            [{"year": 2016, "trained": 25}, {"year": 2019}, {"year": 2018, "trained": 50}],
        ) == [("30.00", "behind"), (None, "not_due"), ("60.00", "met")]
        assert scored(
            scheme_of(at_least, count("subsidy")),
            [{"year": 2016, "subsidy": 300}, {"year": 2017, "subsidy": 300}],
        ) == [("60.00", "met"), ("45.00", "behind")]
        assert scored(
            scheme_of(share, coverage),
            [{"year": 2016, "coverage": "0.6"}, {"year": 2020, "coverage": "0.95"}],
        ) == [("40.00", "behind"), ("60.00", "met")]
        assert explained(scheme_of(share, coverage), year=2016, coverage="0.6") == Text(
            "coverage 60%, at least 90% in 2016: behind: 60 × 0.6/0.9 = 40",
            "覆盖率:2016年应不低于 90%,实际 60%:未达标:60 × 0.6/0.9 = 40",
        )
        assert explained(scheme_of(annual, count("trained")), year=2016, trained=25) == Text(
            "clinics built 25 of 50 due in 2016: behind: 60 × 25/50 = 30",
            "建成卫生室:2016年应完成 50,实际 25:未达标:60 × 25/50 = 30",
        )
        assert explained(scheme_of(at_least, count("subsidy")), year=2017, subsidy=300) == Text(
            "clinics built 300, at least 400 in 2017: behind: 60 × 300/400 = 45",
            "建成卫生室:2017年应不低于 400,实际 300:未达标:60 × 300/400 = 45",
        )
        at_most = Target("at_most", "cost", schedule=Schedule({2016: 3000}))
        assert explained(scheme_of(at_most, money("cost")), year=2016, cost=4000) == Text(
            "cost per patient 4000, at most 3000 in 2016: behind: 60 × 3000/4000 = 45",
            "次均费用:2016年应不高于 3000,实际 4000:未达标:60 × 3000/4000 = 45",
        )

    def test_ratios_of_six_decimals_in_words(self) -> None:
        # the figure as its metric shows it (4 decimals), the ratio with up to 6:
        # 60 × 0.123456 / 0.9 = 8.2304; 60 × 0.1234567 / 0.9 = 8.23044666… (≈)
        share = Target("share", "coverage", schedule=Schedule({2016: "0.9", 2017: "0.9000005"}))
        coverage = Metric("coverage", MetricKind.NUMBER, Text("coverage", "覆盖率"), required=False)
        scheme = scheme_of(share, coverage)
        assert explained(scheme, year=2016, coverage="0.123456").en == (
            "coverage ≈0.1235, at least 0.9 in 2016: behind: 60 × 0.123456/0.9 = 8.2304"
        )
        assert explained(scheme, year=2016, coverage="0.1234567").en == (
            "coverage ≈0.1235, at least 0.9 in 2016: behind: 60 × ≈0.123457/0.9 = ≈8.2304"
        )
        assert explained(scheme, year=2017, coverage="0.1").en == (
            "coverage 0.1, at least ≈0.9 in 2017: behind: 60 × 0.1/≈0.900001 = ≈6.6667"
        )

    def test_about_a_share(self) -> None:
        # about 90% less 10%: 81% required
        share = Target(
            "share", "coverage", schedule=Schedule({2016: "0.9"}), tolerance=Param("about")
        )
        coverage = Metric("coverage", MetricKind.RATIO, Text("coverage", "覆盖率"), required=False)
        scheme = scheme_of(share, coverage, parameters=(ABOUT,))
        assert explained(scheme, year=2016, coverage="0.81") == Text(
            "coverage 81%, at least 81% (about 90% less 10%) in 2016: met: 60",
            "覆盖率:2016年应不低于 81%(约 90%,容差 10%),实际 81%:达标:60",
        )

    def test_a_negative_figure_earns_nothing(self) -> None:
        uplift = Target("at_least", "uplift", schedule=Schedule({2016: 5}))
        points = Metric("uplift", MetricKind.POINTS, Text("uplift", "提升"), required=False)
        rows = [{"year": 2016, "uplift": -2}, {"year": 2016, "uplift": 2}]
        assert scored(scheme_of(uplift, points), rows) == [("0.00", "behind"), ("24.00", "behind")]

    def test_a_requirement_of_zero(self) -> None:
        # nothing required: met by any figure at or above 0, behind (0 points) below
        zero = Target("at_least", "uplift", schedule=Schedule({2016: 0}))
        points = Metric("uplift", MetricKind.POINTS, Text("uplift", "提升"), required=False)
        rows = [{"year": 2016, "uplift": 0}, {"year": 2016, "uplift": "-0.5"}]
        assert scored(scheme_of(zero, points), rows) == [("60.00", "met"), ("0.00", "behind")]
        at_most = Target("at_most", "uplift", schedule=Schedule({2016: 0}))
        rows = [{"year": 2016, "uplift": "-0.5"}, {"year": 2016, "uplift": "0.5"}]
        assert scored(scheme_of(at_most, points), rows) == [("60.00", "met"), ("0.00", "behind")]


def number(name: str) -> Metric:
    return Metric(name, MetricKind.NUMBER, BUILT, required=False, domain=None)


class TestBatchForms:
    """Rows past the exact batch form (13 decimals) go through floats; 7 to 12 do not."""

    def test_at_most_in_floats(self) -> None:
        # at most 100/3: behind, 60 × (100/3) / figure
        cap = Target("at_most", "built", schedule=Schedule({2016: F(100, 3)}))
        rows = [
            {"year": 2016, "built": "50.0000000000001"},  # 60 × 0.6666… → 40.00
            {"year": 2016, "built": "33.3333333333334"},  # just above: 60.00, behind
            {"year": 2016, "built": "33.3333333333333"},  # just below: met
            {"year": 2016, "built": "20"},  # met
            {"year": 2015},
            {"year": 2017, "built": "20"},  # at the requirement 20: met
            {"year": 2017, "built": "25.0000000000001"},  # 60 × 20/25 → 48.00
        ]
        cap = Target("at_most", "built", schedule=Schedule({2016: F(100, 3), 2017: 20}))
        assert scored(scheme_of(cap, number("built")), rows) == [
            ("40.00", "behind"),
            ("60.00", "behind"),
            ("60.00", "met"),
            ("60.00", "met"),
            (None, "not_due"),
            ("60.00", "met"),
            ("48.00", "behind"),
        ]

    def test_at_least_and_share_in_floats(self) -> None:
        # at least 5 in 2016 (2 from 2017), a share of 90% from 2018
        level = Target("at_least", "built", schedule=Schedule({2016: 5, 2017: 2}))
        rows = [
            {"year": 2016, "built": "-2.0000000000001"},  # below 0: 0
            {"year": 2016, "built": "7.0000000000001"},  # above: 60, not more
            {"year": 2016, "built": "2.5000000000001"},  # 60 × 0.5 → 30.00
            {"year": 2017, "built": "3.0000000000001"},  # 1.5 times the requirement: 60
        ]
        assert scored(scheme_of(level, number("built")), rows) == [
            ("0.00", "behind"),
            ("60.00", "met"),
            ("30.00", "behind"),
            ("60.00", "met"),
        ]
        share = Target("share", "coverage", schedule=Schedule({2016: "0.9"}))
        coverage = Metric("coverage", MetricKind.RATIO, Text("coverage", "覆盖率"), required=False)
        rows = [
            {"year": 2016, "coverage": "0.6000000000001"},  # 60 × 0.6/0.9 → 40.00
            {"year": 2016, "coverage": "0.9500000000001"},  # met
        ]
        assert scored(scheme_of(share, coverage), rows) == [("40.00", "behind"), ("60.00", "met")]

    def test_about_in_floats(self) -> None:
        # about 100 less 10%: 90 required; 60 × 81/90 = 54
        about = attrs.evolve(CLINICS, tolerance=Param("about"))
        scheme = scheme_of(about, number("built"), parameters=(ABOUT,))
        rows = [{"year": 2016, "built": "81.0000000000001"}, {"year": 2016, "built": "90.5"}]
        assert scored(scheme, rows) == [("54.00", "behind"), ("60.00", "met")]

    def test_near_ties_are_decided_without_re_scoring(self) -> None:
        # Figures of up to 12 decimals are read exactly (the engine reads up to 6):
        # near 100/3 they need no exact re-scoring, as floats would.
        thirds = Target("cumulative", "built", schedule=Schedule({2016: F(100, 3)}))
        scheme = scheme_of(thirds, number("built"))
        rows = [
            {"year": 2016, "built": "33.333333333333"},  # 12 decimals: behind, → 60.00
            {"year": 2016, "built": "33.3333334"},  # 7 decimals: met
            {"year": 2016, "built": "33.33333333"},  # behind
            {"year": 2015, "built": None},
        ]
        expected = [("60.00", "behind"), ("60.00", "met"), ("60.00", "behind"), (None, "not_due")]
        assert scored(scheme, rows) == expected
        assert rescored(scheme, rows) == 0

    def test_a_half_hundredth_is_decided_without_re_scoring(self) -> None:
        # 60 × 67/4000 = 1.005 exactly: published 1.01 (half up), from exact rationals
        level = Target("at_least", "built", schedule=Schedule({2016: 4000}))
        scheme = scheme_of(level, count("built"))
        rows = [{"year": 2016, "built": 67}, {"year": 2016, "built": 1}]
        assert scored(scheme, rows) == [("1.01", "behind"), ("0.02", "behind")]
        assert rescored(scheme, rows) == 0

    def test_quota_near_ties_with_a_tolerance(self) -> None:
        # about the quota less a third: 100 × 2/3 = 66.666… required
        about = Target("at_least", "built", required_input="quota", tolerance=Param("about"))
        scheme = scheme_of(about, number("quota"), number("built"), parameters=(ABOUT,))
        thirds = scheme.with_params(about=F(1, 3))
        near = [
            {"year": 2016, "quota": 100, "built": "66.6666666667"},  # met
            {"year": 2016, "quota": 100, "built": "66.666666666"},  # behind: 59.9999… → 60.00
            {"year": 2016},
        ]
        expected = [("60.00", "met"), ("60.00", "behind"), (None, "not_due")]
        assert scored(thirds, near) == expected
        assert rescored(thirds, near) == 0
        # past the exact form (13 decimals) the float comparison is in doubt
        far = [{"year": 2016, "quota": 100, "built": "66.6666666666667"}]
        assert scored(thirds, far) == [("60.00", "met")]
        assert rescored(thirds, far) == 1
        # less a half: 50 required, 60 × 40/50 = 48
        half = scheme.with_params(about="0.5")
        assert scored(half, [{"year": 2016, "quota": 100, "built": 40}]) == [("48.00", "behind")]

    def test_a_requirement_of_zero_in_floats(self) -> None:
        zero = Target("at_least", "built", schedule=Schedule({2016: 0}))
        rows = [
            {"year": 2016, "built": "-0.0000000000001"},
            {"year": 2016, "built": "0.0000000000001"},
            {"year": 2016, "built": "0"},
        ]
        assert scored(scheme_of(zero, number("built")), rows) == [
            ("0.00", "behind"),
            ("60.00", "met"),
            ("60.00", "met"),
        ]
        negative = Target("at_most", "built", required_input="quota")
        rows = [
            {"year": 2016, "quota": "-1", "built": "-0.5000000000001"},  # above: 0
            {"year": 2016, "quota": "-1", "built": "-1.0000000000001"},  # met
        ]
        assert scored(scheme_of(negative, number("quota"), number("built")), rows) == [
            ("0.00", "behind"),
            ("60.00", "met"),
        ]

    def test_quota_in_floats_with_a_tolerance(self) -> None:
        # about the quota less 10%
        about = Target("at_least", "built", required_input="quota", tolerance=Param("about"))
        scheme = scheme_of(about, number("quota"), number("built"), parameters=(ABOUT,))
        rows = [
            {"year": 2016, "quota": 100, "built": "45.0000000000001"},  # 60 × 45/90 → 30.00
            {"year": 2016, "quota": 100, "built": "90.0000000000001"},  # met
            {"year": 2016, "quota": "33.3333333333333", "built": 30},  # 30 ≥ 29.99…: met
            {"year": 2016},
        ]
        expected = [("30.00", "behind"), ("60.00", "met"), ("60.00", "met"), (None, "not_due")]
        assert scored(scheme, rows) == expected
        exact = [{**r, "built": "45", "quota": "100"} for r in rows[:1]]
        assert scored(scheme, exact) == [("30.00", "behind")]
        thirds = scheme.with_params(about=F(1, 3))
        # 100 less a third: 200/3 required; 60 × 50 / (200/3) = 45
        assert scored(thirds, [{"year": 2016, "quota": 100, "built": 50}]) == [("45.00", "behind")]
        assert scored(thirds, [{"year": 2016, "quota": 100, "built": "50.0000000000001"}]) == [
            ("45.00", "behind")
        ]

    def test_quota_and_figure_of_different_places(self) -> None:
        # 60 × 2999.25 / 3000.5 = 59.97500… → 59.98 (at least); at most: 60 × 3000.5/3001.125
        at_least = Target("at_least", "built", required_input="quota")
        scheme = scheme_of(at_least, number("quota"), number("built"))
        rows = [
            {"year": 2016, "quota": "3000.5", "built": "2999.25"},
            {"year": 2016, "quota": "0.125", "built": "0.1"},  # 60 × 0.8 = 48
        ]
        assert scored(scheme, rows) == [("59.98", "behind"), ("48.00", "behind")]
        at_most = Target("at_most", "built", required_input="quota")
        scheme = scheme_of(at_most, number("quota"), number("built"))
        rows = [
            {"year": 2016, "quota": "0.1", "built": "0.125"},  # 60 × 0.8 = 48
            {"year": 2016, "quota": "3", "built": "3.75"},  # 48
        ]
        assert scored(scheme, rows) == [("48.00", "behind"), ("48.00", "behind")]

    def test_figures_of_seven_to_twelve_decimals_stay_exact(self) -> None:
        # 60 × 99.9999999 / 100 = 59.99999994 → 60.00; 60 × 50.0000001 / 100 → 30.00
        scheme = scheme_of(CLINICS, number("built"))
        rows = [
            {"year": 2016, "built": "99.9999999"},
            {"year": 2016, "built": "50.0000001"},
            {"year": 2018, "built": "299.999999999999"},  # 12 decimals: 60 × 0.99999… → 60.00
            {"year": 2018, "built": "150.000000000001"},  # 30.00
        ]
        assert scored(scheme, rows) == [
            ("60.00", "behind"),
            ("30.00", "behind"),
            ("60.00", "behind"),
            ("30.00", "behind"),
        ]
        rows = [{FILLER: True, **r} for r in rows]
        batch = scheme.score_batch({k: [r[k] for r in rows] for k in rows[0]})
        assert batch.exact_rows == 0  # exact rationals: nothing to re-score

    def test_a_milestone_never_done(self) -> None:
        scheme = scheme_of(MILESTONE, date("issued_on"))
        rows = [{"year": 2015}, {"year": 2017}, {"year": 2018}]
        assert scored(scheme, rows) == [(None, "not_due"), ("0.00", "behind"), ("0.00", "behind")]
        quota = Target("milestone", "done_on", required_input="due_on")
        scheme = scheme_of(quota, date("due_on"), date("done_on"))
        rows = [{"year": 2016, "due_on": "2015-12-31"}, {"year": 2016}]
        assert scored(scheme, rows) == [("0.00", "behind"), (None, "not_due")]

    def test_next_to_a_rule_without_an_exact_form(self) -> None:
        # a ratio of nine decimals has no exact batch form: the batch adds floats
        from assesskit.rules import RatioToTarget

        scheme = Scheme(
            id="test.target-and-ratio",
            version="1",
            title=Text("target and ratio", "目标与比率"),
            period=PeriodKind.ANNUAL,
            period_field="year",
            metrics=[
                YEAR,
                count("built"),
                Metric("r", MetricKind.RATIO, Text("r", "比率"), max_decimals=9),
            ],
            components=[
                Component("c", Text("target", "目标"), 60, CLINICS),
                Component("r", Text("ratio", "比率"), 40, RatioToTarget("r", "0.5")),
            ],
        )
        rows = [
            {"year": 2016, "built": 90, "r": "0.250000001"},  # 54 + 20.00000004 → 74.00
            {"year": 2015, "r": "0.5"},  # the target not due: 40 scaled to 100
        ]
        results = score_both(scheme, rows)
        assert [str(r.components["c"].points) for r in results] == ["54.00", "None"]
        assert [str(r.total) for r in results] == ["74.00", "100.00"]


class TestScheduleModel:
    def test_requirements_by_year(self) -> None:
        schedule = Schedule([(2017, "300"), (2015, 100)], until=2019)
        assert schedule.checkpoints == ((2015, 100), (2017, 300))
        assert schedule.first_year == 2015
        assert [schedule.required_in(y) for y in range(2014, 2021)] == [
            None,
            100,
            100,
            300,
            300,
            300,
            None,
        ]
        assert [schedule.in_force_since(y) for y in (2014, 2015, 2016, 2017, 2019, 2020)] == [
            None,
            2015,
            2015,
            2017,
            2017,
            None,
        ]
        assert Schedule({2015: 1}, until=2015).required_in(2015) == 1

    def test_refused_schedules(self) -> None:
        with pytest.raises(ValueError, match=r"^a schedule needs at least one checkpoint$"):
            Schedule({})
        with pytest.raises(ValueError, match=r"^checkpoint years \[2015, 2015\] repeat a year$"):
            Schedule([(2015, 1), (2015, 2)])
        with pytest.raises(
            ValueError, match=r"^schedule ends in 2014, before its first checkpoint 2015$"
        ):
            Schedule({2015: 1}, until=2014)

    def test_words(self) -> None:
        two = Schedule({2015: 100, 2017: 300})
        assert two.words("annual") == Text("2015: 100; 2017: 300", "2015年 100;2017年 300")
        assert two.words("at_most", lambda v: f"<{v}>") == Text(
            "<100> from 2015; <300> from 2017", "2015年起 <100>;2017年起 <300>"
        )
        assert Schedule({2016: 5}).words("cumulative") == Text("2016: 5", "2016年 5")
        assert Schedule({2016: 5}, until=2018).words("at_least") == Text(
            "5 from 2016 (until 2018)", "2016年起 5(至2018年)"
        )

    def test_judgements(self) -> None:
        from assesskit.targets import judge_level, judge_milestone

        assert judge_level("at_most", F(4000), F(3000)) == Verdict(
            "behind", F(3000), F(4000), F(3, 4), "behind"
        )
        assert judge_level("at_most", F(3000), F(3000)).status == "met"
        assert judge_level("at_most", F(1), F(-1)).attainment == 0
        assert judge_level("share", F(-1), F(2)).attainment == 0
        assert judge_level("annual", F(3), F(2)).attainment == 1
        assert judge_level("annual", F(-1), F(0)) == Verdict("behind", F(0), F(-1), F(0), "behind")
        assert judge_level("annual", F(0), F(0)) == Verdict("met", F(0), F(0), F(1), "met")
        deadline = D(2016, 6, 30)
        assert judge_milestone(2017, deadline, D(2017, 12, 31), "f") == Verdict(
            "not_due", None, D(2017, 12, 31), F(0), "done"
        )
        assert judge_milestone(2017, deadline, D(2018, 1, 1), "f") == Verdict(
            "behind", deadline, D(2018, 1, 1), F(0), "not_done"
        )
        assert judge_milestone(2016, deadline, None, "f") == MissingInput(
            "f",
            "is required: the milestone is due on or before 2016-06-30 and 2016 is its "
            "deadline year",
        )
        assert judge_milestone(2016, deadline, D(2016, 7, 1), "f") == Verdict(
            "behind", deadline, D(2016, 7, 1), F(0), "late"
        )
        assert judge_milestone(2015, deadline, None, "f") == Verdict(
            "not_due", None, None, F(0), "before"
        )

    def test_constants(self) -> None:
        from assesskit.targets import KIND_LABELS, STATUSES, SUMMABLE_KINDS, TARGET_KINDS

        assert TARGET_KINDS == ("cumulative", "annual", "at_least", "at_most", "share", "milestone")
        assert STATUSES == ("met", "behind", "not_due")
        assert frozenset({"cumulative", "annual"}) == SUMMABLE_KINDS
        assert [KIND_LABELS[k] for k in TARGET_KINDS] == [
            Text("cumulative", "累计"),
            Text("annual", "每年"),
            Text("at least", "不低于"),
            Text("at most", "不高于"),
            Text("share", "比例"),
            Text("milestone", "节点"),
        ]


class TestDefinition:
    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {},
                "target 'built': give exactly one of schedule, deadline or required_input "
                "(got none)",
            ),
            (
                {"schedule": Schedule({2016: 1}), "required_input": "q", "name": "b"},
                "target 'b': give exactly one of schedule, deadline or required_input "
                "(got schedule, required_input)",
            ),
            (
                {"deadline": D(2016, 1, 1), "name": "b"},
                "target 'b': only a milestone has a deadline",
            ),
            (
                {"schedule": Schedule({2016: 1}), "deadline": D(2016, 1, 1)},
                "target 'built': give exactly one of schedule, deadline or required_input "
                "(got schedule, deadline)",
            ),
            (
                {"schedule": Schedule({2016: -1}), "name": "b"},
                "target 'b': a required value is negative",
            ),
        ],
    )
    def test_refused_targets(self, fields: dict[str, Any], message: str) -> None:
        with pytest.raises(ValueError, match=r"^target '") as refusal:
            Target("cumulative", "built", **fields)
        assert str(refusal.value) == message

    def test_refused_milestones_and_shares(self) -> None:
        with pytest.raises(ValueError, match=r"^target 'm': a milestone has a deadline, not"):
            Target("milestone", "on", schedule=Schedule({2016: 1}), name="m")
        with pytest.raises(ValueError, match=r"^target 'm': a milestone cannot be 'about'$"):
            Target("milestone", "on", deadline=D(2016, 1, 1), tolerance=Param("a"), name="m")
        with pytest.raises(ValueError, match=r"^target 's': a share is at most 1 \(100%\)$"):
            Target("share", "c", schedule=Schedule({2016: "0.5", 2017: "1.01"}), name="s")
        with pytest.raises(ValueError, match="must be in"):
            Target("sometimes", "c", schedule=Schedule({2016: 1}))  # type: ignore[arg-type]
        assert Target("share", "c", schedule=Schedule({2016: 1})).target_kind == "share"
        assert Target("at_least", "c", schedule=Schedule({2016: 0})).schedule is not None

    def test_definition_problems(self) -> None:
        metrics = {
            "year": YEAR,
            "built": count("built"),
            "on": date("on"),
            "label": Metric("label", MetricKind.FLAG, BUILT, required=False),
        }
        assert CLINICS.definition_problems(metrics, {}) == []
        assert MILESTONE.definition_problems({**metrics, "issued_on": date("on")}, {}) == []
        by_date = Target("annual", "on", schedule=Schedule({2016: 1}))
        assert by_date.definition_problems(metrics, {}) == [
            "target input 'on' is a date; a annual target needs a number"
        ]
        by_flag = Target("at_most", "built", required_input="label")
        assert by_flag.definition_problems(metrics, {}) == [
            "target input 'label' is a flag; a at_most target needs a number"
        ]
        by_count = Target("milestone", "built", deadline=D(2016, 1, 1))
        assert by_count.definition_problems(metrics, {}) == [
            "target input 'built' is a count; a milestone target needs a date"
        ]
        optional_year = {**metrics, "year": Metric("year", MetricKind.YEAR, YEAR.label, False)}
        number_year = {**metrics, "year": Metric("year", MetricKind.NUMBER, YEAR.label)}
        for years in (optional_year, number_year):
            assert CLINICS.definition_problems(years, {}) == [
                "the year input 'year' must be a required metric of kind year"
            ]

    def test_describe(self) -> None:
        labels = {"built": Text("built", "建成"), "cost": COST}
        assert CLINICS.describe(F(60), labels) == Text(
            "cumulative target clinics built: 2016: 100; 2018: 300 (until 2019); due 2016–2019; "
            "when due: 60 × min(built / required, 1)",
            "累计目标 建成卫生室:2016年 100;2018年 300(至2019年);2016–2019年考核;"
            "考核时:60 × 实际 / 要求(至多为 1)",
        )
        open_ended = Target("cumulative", "built", schedule=Schedule({2016: 100}))
        assert open_ended.describe(F(100, 11), labels) == Text(
            "cumulative target built: 2016: 100; due from 2016; after the last checkpoint the "
            "final value stays due; when due: 100/11 × min(built / required, 1)",
            "累计目标 建成:2016年 100;2016年起考核;最后节点之后按最终数考核;"
            "考核时:100/11 × 实际 / 要求(至多为 1)",
        )
        assert QUOTA.describe(F("12.5"), labels) == Text(
            "at most target cost per patient: the quota given in cost_quota; not due when "
            "neither cost_quota nor cost is given; when due: 12.5 when cost <= required, "
            "else 12.5 × required / cost",
            "不高于目标 次均费用:按 cost_quota 给出的任务;两项都未给出时不考核;"
            "考核时:不高于要求得 12.5 分,否则 12.5 × 要求 / 实际",
        )
        assert MILESTONE.describe(F(5), labels) == Text(
            "milestone target rules issued: on or before 2016-06-30; not due before the "
            "deadline's year; when due: 5 when issued_on is on or before the deadline (in the "
            "deadline's year); in later years behind (0) while not done, not due once done",
            "节点目标 出台办法:2016-06-30前完成;期限所在年度之前不考核;"
            "考核时:期限当年按期完成得 5 分,否则 0 分;此后未完成为未达标(0 分),完成后不再考核",
        )
        share = Target("share", "coverage", schedule=Schedule({2016: "0.9", 2018: "0.95"}))
        assert share.describe(F(1, 3), {}) == Text(
            "share target coverage: 90% from 2016; 95% from 2018; due from 2016; "
            "when due: 1/3 × min(coverage / required, 1)",
            "比例目标 coverage:2016年起 90%;2018年起 95%;2016年起考核;"
            "考核时:1/3 × 实际 / 要求(至多为 1)",
        )
        annual = Target("annual", "trained", schedule=Schedule({2016: 50}, until=2018))
        assert annual.requirement_words() == Text("50 each year 2016–2018", "2016年至2018年每年 50")
        assert attrs.evolve(annual, schedule=Schedule({2016: 50})).requirement_words() == Text(
            "50 each year 2016", "2016年每年 50"
        )
        milestone_quota = Target("milestone", "done_on", required_input="due_on")
        assert milestone_quota.requirement_words() == Text(
            "the deadline given in due_on", "按 due_on 给出的期限"
        )

    def test_weight_words(self) -> None:
        from assesskit.targets.rule import weight_words

        assert weight_words(F("12.3456")) == "12.3456"
        assert weight_words(F("12.34567")) == "1234567/100000"
        assert weight_words(F(100, 3)) == "100/3"
        assert weight_words(F(20)) == "20"

    def test_reach_directions_and_edges(self) -> None:
        assert CLINICS.bounds(F(60)) == (0, 60)
        assert CLINICS.reachable(F(60)) is None
        assert MILESTONE.reachable(F(60)) == (0, 60)
        assert CLINICS.points_range(F(60), {}, {}) == PointsRange(F(0), F(60))
        assert MILESTONE.points_range(F(60), {}, {}) == PointsRange(F(0), F(60), (0, 60))
        assert CLINICS.may_be_not_applicable()
        assert CLINICS.directions() == {"built": "higher_is_better"}
        assert MILESTONE.directions() == {}
        assert QUOTA.directions() == {"cost": "lower_is_better", "cost_quota": "higher_is_better"}
        at_least = Target("at_least", "done", required_input="quota")
        assert at_least.directions() == {"done": "higher_is_better", "quota": "lower_is_better"}
        assert CLINICS.edges({}) == {
            "built": (0, 100, 300),
            "year": (2015, 2016, 2018, 2019, 2020),
        }
        assert MILESTONE.edges({}) == {"year": (2015, 2016, 2017)}
        assert QUOTA.edges({}) == {}
        open_ended = Target("annual", "n", schedule=Schedule({2017: 5}))
        assert open_ended.edges({}) == {"n": (0, 5), "year": (2016, 2017)}

    def test_inputs_and_constraint(self) -> None:
        assert CLINICS.inputs() == ("year", "built")
        assert QUOTA.inputs() == ("year", "cost", "cost_quota")
        assert CLINICS.optional_inputs() == frozenset({"built"})
        assert QUOTA.optional_inputs() == frozenset({"cost", "cost_quota"})
        assert CLINICS.constraints() == (TargetInputsGiven(CLINICS),)
        assert not CLINICS.from_input
        assert QUOTA.from_input
        given = TargetInputsGiven(QUOTA)
        assert given.fields() == ("cost", "cost_quota", "year")
        assert given.words() == "cost_quota and cost are given together"
        assert TargetInputsGiven(CLINICS).fields() == ("built", "year")
        assert (
            TargetInputsGiven(CLINICS).words() == "built is given when target built is due in year"
        )
        named = attrs.evolve(CLINICS, name="clinics")
        assert TargetInputsGiven(named).words() == (
            "built is given when target clinics is due in year"
        )
        assert given.check({"year": 2016, "cost": F(1)}) is not None
        assert given.check({"year": 2016, "cost": F(1), "cost_quota": F(2)}) is None
        assert given.check({"year": None, "cost": F(1)}) is None  # the year is reported
        assert given.check({"year": True, "cost": F(1)}) is None

    def test_assess(self) -> None:
        assert CLINICS.assess(2016, F(90), None) == Verdict(
            "behind", F(100), F(90), F(9, 10), "behind"
        )
        assert CLINICS.assess(2016, F(90), None, F(1, 10)) == Verdict(
            "met", F(90), F(90), F(1), "met"
        )
        assert CLINICS.assess(2015, F(90), None) == Verdict("not_due", None, F(90), F(0), "before")
        assert CLINICS.assess(2020, None, None) == Verdict("not_due", None, None, F(0), "after")
        assert QUOTA.assess(2016, None, None) == Verdict("not_due", None, None, F(0), "no_quota")
        assert isinstance(QUOTA.assess(2016, F(1), None), MissingInput)
        by_date = Target("milestone", "done_on", required_input="due_on")
        assert by_date.assess(2016, None, None) == Verdict("not_due", None, None, F(0), "no_quota")
        assert MILESTONE.assess(2015, D(2015, 1, 1), None) == Verdict(
            "not_due", None, D(2015, 1, 1), F(0), "before"
        )
        assert MILESTONE.assess(2016, D(2016, 1, 1), None) == Verdict(
            "met", D(2016, 6, 30), D(2016, 1, 1), F(1), "met"
        )

    def test_score_refuses_what_validation_reports(self) -> None:
        from assesskit.rules.base import RuleContext

        metrics = {"year": YEAR, "built": count("built")}
        with pytest.raises(TypeError, match=r"the year True is not a year"):
            CLINICS.score(RuleContext({"year": True, "built": F(1)}, metrics, {}), F(60))
        with pytest.raises(TypeError, match=r"target built \(建成卫生室\): the year '2016'"):
            CLINICS.score(RuleContext({"year": "2016", "built": F(1)}, metrics, {}), F(60))
        with pytest.raises(ValueError, match=r"^built is required: target built"):
            CLINICS.score(RuleContext({"year": 2016}, metrics, {}), F(60))

    def test_score_details(self) -> None:
        result = scheme_of(CLINICS, count("built")).score({FILLER: True, "year": 2016, "built": 90})
        assert result.components["c"].details == {"required": 100, "attained": 90}
        assert result.components["c"].exact_points == 54

    def test_examples(self) -> None:
        schedule, quota, milestone = Target.examples()
        assert repr(Target.example()) == repr(schedule)
        year = Metric("year", MetricKind.YEAR, Text("year", "年度"), domain=Interval(2014, 2020))
        built = Text("clinics built", "建成卫生室")
        cost = Text("cost per patient", "次均费用")
        annual = {"period": PeriodKind.ANNUAL, "period_field": "year"}
        # a Param compares as an expression (==): the tolerance is compared by its name
        assert isinstance(schedule.rule, Target)
        assert schedule.rule.tolerance is not None
        assert schedule.rule.tolerance.name == "about_tolerance"
        assert attrs.evolve(
            schedule, rule=attrs.evolve(schedule.rule, tolerance=None)
        ) == RuleExample(
            Target(
                "cumulative",
                "built",
                schedule=Schedule({2016: 100, 2018: 300}, until=2019),
                name="clinics",
                label=built,
            ),
            [year, Metric("built", MetricKind.COUNT, built, required=False)],
            weight=60,
            parameters=[
                Parameter(
                    "about_tolerance",
                    Text("tolerance of 'about N'", "“约数”目标的容差"),
                    default="0.1",
                    kind=MetricKind.RATIO,
                    domain=Interval(0, 1, upper_closed=False),
                )
            ],
            name="schedule",
            **annual,  # type: ignore[arg-type]
        )
        assert quota == RuleExample(
            Target("at_most", "cost", required_input="cost_quota", name="cost", label=cost),
            [
                year,
                Metric("cost_quota", MetricKind.MONEY, cost, required=False),
                Metric("cost", MetricKind.MONEY, cost, required=False),
            ],
            weight=40,
            name="quota",
            **annual,  # type: ignore[arg-type]
        )
        assert milestone == RuleExample(
            Target(
                "milestone",
                "issued_on",
                deadline=D(2016, 6, 30),
                label=Text("rules issued", "出台办法"),
            ),
            [year, Metric("issued_on", MetricKind.DATE, Text("rules issued", "出台办法"), False)],
            weight=50,
            name="milestone",
            **annual,  # type: ignore[arg-type]
        )


def batch_context(columns: dict[str, list[Any]], params: dict[str, Any] | None = None) -> Any:
    """A batch as the engine hands it to a rule: numbers as floats, dates as objects.

    ``None`` is a missing value; a date column given as a tuple has no missing
    mask (every row holds a date).
    """
    from assesskit.expressions import BatchValue
    from assesskit.rules.base import BatchRuleContext

    values: dict[str, BatchValue] = {}
    size = len(next(iter(columns.values())))
    for name, column in columns.items():
        if isinstance(column, tuple):
            values[name] = BatchValue(np.array(column, dtype=object), faithful=True)
            continue
        missing = np.array([v is None for v in column])
        if any(isinstance(v, dt.date) for v in column):
            values[name] = BatchValue(np.array(column, dtype=object), missing=missing)
            continue
        data = np.array([np.nan if v is None else float(v) for v in column])
        values[name] = BatchValue(data, missing=missing, faithful=True)
    return BatchRuleContext(values, params or {}, size)


class TestEvaluateBatch:
    """``Target.evaluate_batch``: due, met, attainment, error and doubt per row.

    Called the way a caller of the rule protocol would, also on rows the
    engine would refuse (no year, half a quota): the verdicts still say which
    rows are in error.
    """

    def verdicts(self, target: Target, columns: dict[str, list[Any]], **params: Any) -> Any:
        found = target.evaluate_batch(batch_context(columns, params))
        for mask in (found.due, found.met, found.error, found.doubt):
            assert mask.dtype == bool
        return found

    def test_a_schedule(self) -> None:
        # 2016: 100 due; a row without its year, one before, one without its figure
        found = self.verdicts(
            CLINICS,
            {"year": [2016, None, 2015, 2016, 2016], "built": [50, 50, None, None, 100]},
        )
        assert found.due.tolist() == [True, False, False, False, True]
        assert found.met.tolist() == [False, False, False, False, True]
        assert found.error.tolist() == [False, False, False, True, False]
        assert found.attainment.tolist() == [0.5, 0.0, 0.0, 0.0, 1.0]
        assert not found.doubt.any()
        assert found.exact is not None
        assert TargetInputsGiven(CLINICS).violations(
            batch_context({"year": [2016, None, 2015, 2016], "built": [50, None, None, None]})
        ).tolist() == [False, False, False, True]

    def test_a_schedule_in_floats(self) -> None:
        found = self.verdicts(
            CLINICS,
            {"year": [2016, 2015, 2016, None], "built": ["50.0000000000001", None, None, 5]},
        )
        assert found.exact is None
        assert found.due.tolist() == [True, False, False, False]
        assert found.error.tolist() == [False, False, True, False]
        assert found.attainment.tolist() == [0.500000000000001, 0.0, 0.0, 0.0]

    def test_a_quota(self) -> None:
        at_least = Target("at_least", "done", required_input="quota")
        columns = {
            "year": [2016, 2016, 2016, 2016, None],
            "quota": [40, 40, None, None, 40],
            "done": [30, None, 30, None, None],
        }
        found = self.verdicts(at_least, columns)
        assert found.due.tolist() == [True, False, False, False, False]
        assert found.error.tolist() == [False, True, True, False, False]
        assert found.attainment.tolist() == [0.75, 0.0, 0.0, 0.0, 0.0]
        assert found.exact is not None
        assert TargetInputsGiven(at_least).violations(batch_context(columns)).tolist() == [
            False,
            True,
            True,
            False,
            False,
        ]
        floats = {**columns, "done": ["30.0000000000001", None, 30, None, None]}
        found = self.verdicts(at_least, floats)
        assert found.exact is None
        assert found.due.tolist() == [True, False, False, False, False]
        assert found.error.tolist() == [False, True, True, False, False]

    def test_a_quota_near_its_figure_in_floats(self) -> None:
        # no tolerance: figure and quota compared as the floats of two inputs, exactly
        at_least = Target("at_least", "done", required_input="quota")
        scheme = scheme_of(at_least, number("quota"), number("done"))
        rows = [{"year": 2016, "quota": "0.3", "done": "0.2999999999999"}]
        assert scored(scheme, rows) == [("60.00", "behind")]
        assert rescored(scheme, rows) == 0

    def test_a_milestone(self) -> None:
        columns = {
            "year": [2016, 2016, None, 2017, 2015],
            "issued_on": [D(2016, 6, 30), None, D(2016, 1, 1), None, None],
        }
        found = self.verdicts(MILESTONE, columns)
        assert found.due.tolist() == [True, False, False, True, False]
        assert found.met.tolist() == [True, False, False, False, False]
        assert found.error.tolist() == [False, True, False, False, False]
        assert found.attainment.tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
        assert found.exact is not None
        assert found.exact.as_float().tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
        by_date = Target("milestone", "done_on", required_input="due_on")
        columns = {
            "year": [2016, 2016, None, 2016],
            "due_on": [None, None, None, D(2016, 3, 1)],
            "done_on": [D(2016, 1, 1), None, D(2016, 1, 1), D(2016, 2, 1)],
        }
        found = self.verdicts(by_date, columns)
        assert found.error.tolist() == [True, False, False, False]
        assert found.due.tolist() == [False, False, False, True]
        assert found.met.tolist() == [False, False, False, True]

    def test_a_date_column_without_a_missing_mask(self) -> None:
        columns = {
            "year": [2016, 2016, 2017],
            "issued_on": (D(2016, 1, 1), D(2016, 7, 1), D(2018, 1, 1)),
        }
        found = self.verdicts(MILESTONE, columns)
        assert found.due.tolist() == [True, True, True]
        assert found.met.tolist() == [True, False, False]
        assert found.error.tolist() == [False, False, False]
