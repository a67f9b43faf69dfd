"""Plans as data (``plan_scheme``) and their schedule table, at their edges.

Hand-computed from the plans spec (``/work/shared/specs/plans.md``): one
component per target (relative weight 1, scaled to 100 over the targets due),
the year an input whose domain is the plan's range, outcomes ``on_schedule``,
``behind`` and one flag per consequence; "about N" requires ``N × (1 −
about_tolerance)``. The plan below runs 2014–2018 with a target of every kind.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
import pytest

from assesskit import (
    Component,
    Input,
    Interval,
    Metric,
    MetricKind,
    Parameter,
    PeriodKind,
    Scheme,
    SchemeDefinitionError,
    Text,
)
from assesskit.rules import Boolean
from assesskit.targets import (
    Consequence,
    Schedule,
    Target,
    TargetSpec,
    plan_scheme,
    quota_targets,
    schedule_table,
    sum_member_figures,
)

F = Fraction
LAGGING = Consequence("lagging", Text("lagging", "滞后"))
AUDIT = Consequence(
    "audit_failed",
    Text("audit failed", "审计不合格"),
    when=Input("failed_audits") > 0,
    metrics=(Metric("failed_audits", MetricKind.COUNT, Text("failed audits"), required=False),),
)
SPECS = (
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
        until=2017,
        consequences=(AUDIT, LAGGING),
    ),
    TargetSpec(
        "cost",
        Text("cost", "费用"),
        "at_most",
        "cost",
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
        "issued",
        Text("rules issued", "办法出台"),
        "milestone",
        "issued_on",
        deadline=dt.date(2016, 6, 30),
    ),
    TargetSpec(
        "doctors",
        Text("doctors", "医师"),
        "at_least",
        "doctors",
        checkpoints={2015: 60},
        about=True,
    ),
)
#: figures meeting every target in every year
MET: dict[str, Any] = {
    "built": 300,
    "trained": 50,
    "cost": 3000,
    "coverage": "0.9",
    "issued_on": "2016-06-30",
    "doctors": 60,
}


def plan(**options: Any) -> Scheme:
    return plan_scheme("test.plan", Text("a plan", "规划"), SPECS, (2014, 2018), **options)


class TestPlanScheme:
    def test_the_scheme(self) -> None:
        scheme = plan(about_tolerance="0.1")
        assert (scheme.version, scheme.weights, scheme.not_applicable) == (
            "1",
            "relative",
            "rescale",
        )
        assert (scheme.period, scheme.period_field) == (PeriodKind.ANNUAL, "year")
        assert [(c.id, c.weight) for c in scheme.components] == [(s.id, 1) for s in SPECS]
        assert scheme.components[0].label == Text("clinics built", "建成卫生室")
        assert scheme.components[0].rule == SPECS[0].rule()
        assert scheme.metric_map["year"] == Metric(
            "year",
            MetricKind.YEAR,
            Text("year", "年度"),
            domain=Interval(2014, 2018),
            description=Text(
                "the assessed year; the plan runs 2014–2018", "考核年度;规划期 2014–2018 年"
            ),
        )
        assert [m.name for m in scheme.metrics] == [
            "year",
            "built",
            "trained",
            "failed_audits",
            "cost",
            "coverage",
            "issued_on",
            "doctors",
        ]
        assert scheme.parameters == (
            Parameter(
                "about_tolerance",
                Text("tolerance of 'about N' targets", "“约数、左右”目标的容差"),
                default="0.1",
                kind=MetricKind.RATIO,
                domain=Interval(0, 1, upper_closed=False),
                description=Text(
                    "an 'about N' target requires N × (1 − tolerance)",
                    "“约数”目标要求达到 目标数 × (1 − 容差)",
                ),
            ),
        )
        outcomes = [(o.id, o.label, o.kind, o.note, o.expr.words()) for o in scheme.outcomes]
        assert outcomes == [
            (
                "on_schedule",
                Text("on schedule: every due target met", "按期完成:到期目标全部达标"),
                "flag",
                None,
                scheme.outcomes[0].expr.words(),
            ),
            ("behind", Text("targets behind", "未按期完成的目标"), "list", None, outcomes[1][4]),
            ("lagging", LAGGING.label, "flag", None, "built is behind or trained is behind"),
            ("audit_failed", AUDIT.label, "flag", None, "failed_audits > 0"),
        ]
        assert plan().parameters[0].default == 0
        without_about = plan_scheme("test.p", Text("p"), SPECS[:1], (2015, 2017))
        assert without_about.parameters == ()
        assert without_about.metric_map["year"].domain == Interval(2015, 2017)

    def test_outcomes_of_a_record(self) -> None:
        scheme = plan()
        met = scheme.score({"year": 2016, **MET})
        assert met.outcome == {
            "on_schedule": True,
            "behind": [],
            "lagging": False,
            "audit_failed": False,
        }
        # built 200 of 100 (met); trained 25 of 50 (behind); one failed audit
        behind = scheme.score({"year": 2016, **MET, "trained": 25, "failed_audits": 1})
        assert behind.outcome == {
            "on_schedule": False,
            "behind": ["trained"],
            "lagging": True,
            "audit_failed": True,
        }
        # six targets due in 2016, weight 100/6 each; trained 25/50 → 100/6 × 1/2
        assert str(behind.total) == "91.67"
        # 2014: nothing due
        assert scheme.score({"year": 2014}).total is None

    def test_about_tolerance(self) -> None:
        scheme = plan(about_tolerance="0.1")
        # doctors about 60 less 10%: 54 required; 45 of it is 100/6 × 45/54 of the total
        result = scheme.score({"year": 2015, "built": 100, "doctors": 45})
        assert result.components["doctors"].status == "behind"
        # built (met) 50 + doctors 50 × 45/54 = 41.666… → 91.67
        assert str(result.total) == "91.67"
        assert scheme.score({"year": 2015, "built": 100, "doctors": 54}).outcome["on_schedule"]

    @pytest.mark.parametrize(
        ("targets", "years", "problems"),
        [
            (
                SPECS[:1],
                (2016, 2015),
                [
                    "the plan's years 2016–2015 are in the wrong order",
                    "target 'built': a checkpoint lies outside 2016–2015",
                ],
            ),
            (SPECS[:1], (2016, 2018), ["target 'built': a checkpoint lies outside 2016–2018"]),
            (SPECS[:1], (2014, 2016), ["target 'built': a checkpoint lies outside 2014–2016"]),
            (SPECS[4:5], (2017, 2018), ["target 'issued': the deadline lies outside 2017–2018"]),
            (SPECS[4:5], (2014, 2015), ["target 'issued': the deadline lies outside 2014–2015"]),
            (
                (
                    SPECS[0],
                    TargetSpec("b2", Text("b2"), "annual", "built", checkpoints={2016: 1}),
                    TargetSpec(
                        "b3",
                        Text("b3"),
                        "at_least",
                        "built",
                        checkpoints={2016: 1},
                        measure=MetricKind.MONEY,
                    ),
                ),
                (2014, 2018),
                ["input 'built' is declared twice, as count and as money"],
            ),
            (
                (
                    SPECS[0],
                    TargetSpec(
                        "b2",
                        Text("b2"),
                        "annual",
                        "b2",
                        checkpoints={2016: 1},
                        consequences=(Consequence("lagging", Text("late", "迟")),),
                    ),
                ),
                (2014, 2018),
                ["consequence 'lagging' is declared with two labels"],
            ),
        ],
    )
    def test_refused_plans(self, targets: Any, years: Any, problems: list[str]) -> None:
        with pytest.raises(SchemeDefinitionError) as refusal:
            plan_scheme("test.bad", Text("bad"), targets, years)
        assert list(refusal.value.problems) == problems
        assert refusal.value.scheme_id == "test.bad"

    def test_a_reversed_plan_has_a_year_without_a_domain(self) -> None:
        with pytest.raises(SchemeDefinitionError) as refusal:
            plan_scheme("test.bad", Text("bad"), (), (2016, 2015))
        assert "the plan's years 2016–2015 are in the wrong order" in str(refusal.value)

    def test_the_same_input_declared_alike_twice_is_one_input(self) -> None:
        twice = (SPECS[0], TargetSpec("b2", Text("b2"), "annual", "built", checkpoints={2016: 1}))
        scheme = plan_scheme("test.twice", Text("twice"), twice, (2015, 2017))
        assert [m.name for m in scheme.metrics] == ["year", "built"]

    def test_options(self) -> None:
        scheme = plan_scheme(
            "test.plan",
            Text("p"),
            SPECS[:1],
            (2015, 2017),
            version="3",
            description=Text("d", "说明"),
            source=Text("s", "来源"),
            year_field="yr",
        )
        assert (scheme.version, scheme.description, scheme.source) == (
            "3",
            Text("d", "说明"),
            Text("s", "来源"),
        )
        assert scheme.period_field == "yr"
        assert scheme.review == plan_scheme("t", Text("t"), SPECS[:1], (2015, 2017)).review
        assert scheme.components[0].rule == SPECS[0].rule("yr")
        assert scheme.score({"yr": 2015, "built": 50}).components["built"].status == "behind"

    def test_review_examples_and_notes(self) -> None:
        from assesskit.components import Example, Review

        review = Review(initial=Text("county", "县"), final=Text("province", "省"))
        example = Example("met", {"year": 2016, "b": 1}, {"total": "100.00"})
        noted = TargetSpec(
            "b",
            Text("b"),
            "annual",
            "b",
            checkpoints={2016: 1},
            note=Text("a note", "备注"),
            consequences=(attrs.evolve(LAGGING, note=Text("cut", "削减")),),
        )
        scheme = plan_scheme(
            "test.n", Text("n"), (noted,), (2016, 2016), review=review, examples=[example]
        )
        assert scheme.review == review
        assert scheme.examples == (example,)
        assert scheme.components[0].note == Text("a note", "备注")
        assert scheme.outcomes[2].note == Text("cut", "削减")
        # a plan of one year
        assert scheme.metric_map["year"].domain == Interval(2016, 2016)

    def test_deadlines_in_the_first_and_the_last_year(self) -> None:
        for years in ((2016, 2018), (2014, 2016)):
            scheme = plan_scheme("test.d", Text("d"), SPECS[4:5], years)
            assert scheme.components[0].id == "issued"


class TestTargetSpec:
    def test_defaults(self) -> None:
        built, issued = SPECS[0], SPECS[4]
        assert built.measure is MetricKind.COUNT
        assert issued.measure is MetricKind.DATE
        assert built.summable
        assert SPECS[1].summable
        assert not SPECS[2].summable
        assert built.schedule() == Schedule({2015: 100, 2017: 300})
        assert SPECS[1].schedule() == Schedule({2016: 50}, until=2017)
        assert issued.schedule() is None
        assert built.weight == 1
        assert built.requirement_words() == Text("2015: 100; 2017: 300", "2015年 100;2017年 300")
        assert SPECS[5].rule().tolerance is not None
        assert SPECS[5].rule().tolerance.name == "about_tolerance"  # type: ignore[union-attr]
        assert built.rule().tolerance is None
        assert built.rule() == Target(
            "cumulative",
            "built",
            schedule=Schedule({2015: 100, 2017: 300}),
            name="built",
            label=Text("clinics built", "建成卫生室"),
        )
        assert issued.rule("yr").year_field == "yr"
        assert issued.rule().deadline == dt.date(2016, 6, 30)

    def test_a_row_that_cannot_be_a_target_fails_when_written(self) -> None:
        with pytest.raises(ValueError, match="give exactly one of schedule, deadline"):
            TargetSpec("x", Text("x"), "annual", "x")

    def test_metrics(self) -> None:
        assert SPECS[0].metrics() == (
            Metric(
                "built",
                MetricKind.COUNT,
                Text("clinics built", "建成卫生室"),
                required=False,
                description=Text("required when built is due", "“建成卫生室”考核时必填"),
            ),
        )
        number = TargetSpec(
            "uplift",
            Text("uplift", "提升"),
            "at_least",
            "pp",
            checkpoints={2016: 5},
            measure=MetricKind.NUMBER,
            unit="pp",
        )
        (metric,) = number.metrics()
        assert (metric.kind, metric.domain, metric.unit) == (
            MetricKind.NUMBER,
            Interval(0, None),
            "pp",
        )
        points = TargetSpec(
            "gap", Text("gap"), "at_most", "gap", checkpoints={2016: 5}, measure=MetricKind.POINTS
        )
        assert points.metrics()[0].domain is None
        narrow = TargetSpec(
            "n", Text("n"), "at_least", "n", checkpoints={2016: 5}, domain=Interval(0, 10)
        )
        assert narrow.metrics()[0].domain == Interval(0, 10)

    def test_quota_metrics(self) -> None:
        (quota,) = quota_targets(SPECS[:1])
        assert (quota.input, quota.required_input) == ("built_actual", "built_required")
        assert quota.checkpoints == ()
        assert quota.consequences == (LAGGING,)
        assert quota.metrics() == (
            Metric(
                "built_required",
                MetricKind.COUNT,
                Text("clinics built (quota)", "建成卫生室(任务)"),
                required=False,
                description=Text(
                    "the quota due in the year; with built_actual, or neither (not due)",
                    "本年度应完成的任务;与实际数同时给出,或都不给出(不考核)",
                ),
            ),
            Metric(
                "built_actual",
                MetricKind.COUNT,
                Text("clinics built (actual)", "建成卫生室(实际)"),
                required=False,
                description=Text(
                    "the actual figure; with built_required", "实际完成数;与任务数同时给出"
                ),
            ),
        )
        (issued,) = quota_targets(SPECS[4:5], required_suffix="_due", actual_suffix="_done")
        assert (issued.input, issued.required_input, issued.deadline) == (
            "issued_done",
            "issued_due",
            None,
        )
        assert issued.metrics()[0].kind is MetricKind.DATE
        (trained,) = quota_targets(SPECS[1:2])
        assert trained.until is None
        number = TargetSpec(
            "pp",
            Text("pp"),
            "at_least",
            "pp",
            checkpoints={2016: 5},
            measure=MetricKind.NUMBER,
            unit="pp",
        )
        for metric in quota_targets([number])[0].metrics():
            assert (metric.unit, metric.domain) == ("pp", Interval(0, None))
        money = quota_targets(SPECS[2:3])[0].metrics()
        assert [m.kind for m in money] == [MetricKind.MONEY, MetricKind.MONEY]
        assert money[0].domain == Interval(0, None)

    def test_consequences(self) -> None:
        assert LAGGING.words("built") == Text("when built is behind", "built 未达标时")
        assert AUDIT.words("trained") == Text("when failed_audits > 0", "当 failed_audits > 0 时")
        assert LAGGING.condition("built").words() == "built is behind"
        assert AUDIT.condition("built").words() == "failed_audits > 0"


class TestSumMemberFigures:
    def test_sums(self) -> None:
        rows = [
            {
                "parent_id": "p",
                "year": 2016,
                "built_actual": 30,
                "trained_actual": "20",
                "cost_actual": 1,
            },
            {"parent_id": "p", "year": 2016, "built_actual": 45, "trained_actual": None},
            {"parent_id": "p", "year": 2017, "built_actual": 80},
            {"parent_id": "a", "year": 2016, "trained_actual": 7},
        ]
        assert sum_member_figures(rows, SPECS) == [
            {"entity_id": "a", "year": 2016, "trained": 7},
            {"entity_id": "p", "year": 2016, "built": 75, "trained": 20},
            {"entity_id": "p", "year": 2017, "built": 80},
        ]

    def test_names_and_periods(self) -> None:
        rows = [
            {"county_of": "p", "period": "2016-H1", "built_done": 3},
            {"county_of": "p", "period": "2016-H1", "built_done": 4},
        ]
        figures = sum_member_figures(
            rows, SPECS, parent_field="county_of", year_field="period", actual_suffix="_done"
        )
        assert figures == [{"entity_id": "p", "period": "2016-H1", "built": 7}]


class TestScheduleTable:
    def test_render_in_chinese(self) -> None:
        table = schedule_table(plan(about_tolerance="0.1"))
        assert table is not None
        assert table.render() == "\n".join(
            [
                "规划 (test.plan):考核进度表",
                "目标      名称        类型    2014  2015    2016   2017   2018",
                "built     建成卫生室  累计       —   100     100    300    300",
                "trained   培训人员    每年       —     —      50     50      —",
                "cost      费用        不高于     —     —   ≤3000  ≤3000  ≤3000",
                "coverage  覆盖率      比例       —     —    ≥90%   ≥90%   ≥90%",
                "issued    办法出台    节点       —     —  ≤06-30      *      *",
                "doctors   医师        不低于     —  ~≥54    ~≥54   ~≥54   ~≥54",
                "注:—:不考核(不计分,其余目标权重按比例放大到100)",
                "注:~:约数目标,要求 = 目标数 × (1 − about_tolerance),about_tolerance 现为 10%",
                "注:≤日期:期限当年按期完成为达标;*:此后未完成则为未达标,完成后不再考核",
                "后果 lagging(滞后):built 未达标或trained 未达标",
                "后果 audit_failed(审计不合格):failed_audits > 0",
            ]
        )

    def test_render_in_english(self) -> None:
        table = schedule_table(plan(about_tolerance="0.1"))
        assert table is not None
        assert table.render("en") == "\n".join(
            [
                "a plan (test.plan): schedule of targets",
                "target    label          kind        2014  2015    2016   2017   2018",
                "built     clinics built  cumulative     —   100     100    300    300",
                "trained   staff trained  annual         —     —      50     50      —",
                "cost      cost           at most        —     —   ≤3000  ≤3000  ≤3000",
                "coverage  coverage       share          —     —    ≥90%   ≥90%   ≥90%",
                "issued    rules issued   milestone      —     —  ≤06-30      *      *",
                "doctors   doctors        at least       —  ~≥54    ~≥54   ~≥54   ~≥54",
                "note: —: not due (takes no part; the other weights are scaled to 100)",
                "note: ~: an 'about N' target requires N × (1 − about_tolerance); "
                "about_tolerance is 10%",
                "note: ≤date: met in the deadline's year when done by then; "
                "*: later, behind while not done, not due once done",
                "consequence lagging (lagging): when built is behind or trained is behind",
                "consequence audit_failed (audit failed): when failed_audits > 0",
            ]
        )

    def test_quotas(self) -> None:
        quotas = plan_scheme(
            "test.q", Text("quotas", "任务"), quota_targets(SPECS[:1] + SPECS[4:5]), (2016, 2017)
        )
        table = schedule_table(quotas)
        assert table is not None
        assert table.render("en").splitlines()[1:] == [
            "target  label          kind         2016   2017",
            "built   clinics built  cumulative  quota  quota",
            "issued  rules issued   milestone   quota  quota",
            "note: —: not due (takes no part; the other weights are scaled to 100)",
            "note: ≤date: met in the deadline's year when done by then; "
            "*: later, behind while not done, not due once done",
            "note: quota: the requirement comes with each record (<target>_required)",
            "consequence lagging (lagging): when built is behind",
        ]
        assert table.render("zh").splitlines() == [
            "任务 (test.q):考核进度表",
            "目标    名称        类型  2016  2017",
            "built   建成卫生室  累计  任务  任务",
            "issued  办法出台    节点  任务  任务",
            "注:—:不考核(不计分,其余目标权重按比例放大到100)",
            "注:≤日期:期限当年按期完成为达标;*:此后未完成则为未达标,完成后不再考核",
            "注:任务:要求随每条记录给出(<目标>_required)",
            "后果 lagging(滞后):built 未达标",
        ]
        assert table.tolerance is None
        assert table.rows[0].due_years() == (2016, 2017)
        assert table.rows[0].cells[0].required is None

    def test_data(self) -> None:
        table = schedule_table(plan(about_tolerance="0.1"))
        assert table is not None
        assert table.tolerance == F(1, 10)
        assert [r.about for r in table.rows] == [False] * 5 + [True]
        assert table.rows[4].cells[3].state == "until_done"
        assert table.rows[4].cells[2].required == dt.date(2016, 6, 30)
        assert table.rows[4].cells[1].text == Text("—", "—")
        assert table.rows[1].due_years() == (2016, 2017)
        assert [r.target_id for r in table.due_in(2015)] == ["built", "doctors"]
        assert [r.target_id for r in table.due_in(2018)] == [
            "built",
            "cost",
            "coverage",
            "issued",
            "doctors",
        ]
        data = table.to_dict()
        assert data["scheme_id"] == "test.plan"
        assert data["years"] == [2014, 2015, 2016, 2017, 2018]
        assert data["targets"][5] == {
            "id": "doctors",
            "label": "doctors",
            "kind": "at_least",
            "input": "doctors",
            "requirement": "about 60 from 2015, × (1 − 10%)",
            "years": {
                "2014": {"state": "not_due", "required": None},
                "2015": {"state": "due", "required": 54},
                "2016": {"state": "due", "required": 54},
                "2017": {"state": "due", "required": 54},
                "2018": {"state": "due", "required": 54},
            },
        }
        assert data["targets"][4]["years"] == {
            "2014": {"state": "not_due", "required": None},
            "2015": {"state": "not_due", "required": None},
            "2016": {"state": "due", "required": "2016-06-30"},
            "2017": {"state": "until_done", "required": "2016-06-30"},
            "2018": {"state": "until_done", "required": "2016-06-30"},
        }
        assert table.to_dict("zh")["targets"][0]["requirement"] == "2015年 100;2017年 300"
        assert data["consequences"] == [
            {
                "id": "lagging",
                "label": "lagging",
                "when": "when built is behind or trained is behind",
            },
            {"id": "audit_failed", "label": "audit failed", "when": "when failed_audits > 0"},
        ]
        assert table.to_dict("zh")["targets"][0]["label"] == "建成卫生室"
        assert table.to_dict("zh")["consequences"][0] == {
            "id": "lagging",
            "label": "滞后",
            "when": "built 未达标或trained 未达标",
        }

    def test_an_about_tolerance_of_zero(self) -> None:
        table = schedule_table(plan())
        assert table is not None
        assert table.tolerance == 0
        assert "注:~:约数目标,要求 = 目标数 × (1 − about_tolerance),about_tolerance 现为 0%" in (
            table.render().splitlines()
        )

    def test_chosen_years(self) -> None:
        table = schedule_table(plan(), years=[2016, 2019])
        assert table is not None
        assert table.years == (2016, 2019)
        assert [c.text.en for c in table.rows[0].cells] == ["100", "300"]
        assert [c.text.en for c in table.rows[5].cells] == ["~≥60", "~≥60"]

    def test_years_from_the_schedules(self) -> None:
        # a scheme of one's own, its year without a domain: the years the schedules mention
        year = Metric("year", MetricKind.YEAR, Text("year", "年度")).unbounded()
        targets = [
            Target("annual", "a", schedule=Schedule({2016: 1}, until=2018)),
            Target("at_least", "b", schedule=Schedule({2015: 2, 2017: 3})),
            Target("milestone", "m", deadline=dt.date(2020, 1, 1)),
        ]
        scheme = Scheme(
            id="test.own",
            version="1",
            title=Text("own", "自定"),
            period=PeriodKind.ANNUAL,
            period_field="year",
            metrics=[
                year,
                Metric("a", MetricKind.COUNT, Text("a"), required=False),
                Metric("b", MetricKind.COUNT, Text("b"), required=False),
                Metric("m", MetricKind.DATE, Text("m"), required=False),
            ],
            components=[
                Component(t.input, Text(t.input), w, t)
                for t, w in zip(targets, (30, 30, 40), strict=True)
            ],
        )
        table = schedule_table(scheme)
        assert table is not None
        assert table.years == tuple(range(2015, 2022))  # 2015 … the deadline's year + 1
        assert [c.text.en for c in table.rows[2].cells] == ["—"] * 5 + ["≤01-01", "*"]

    def test_a_table_without_year_columns(self) -> None:
        # a scheme whose only target is a quota and whose year has no domain
        year = Metric("year", MetricKind.YEAR, Text("year", "年度")).unbounded()
        only_quota = Scheme(
            id="test.q",
            version="1",
            title=Text("q"),
            period=PeriodKind.ANNUAL,
            period_field="year",
            metrics=[
                year,
                Metric("q", MetricKind.COUNT, Text("q"), required=False),
                Metric("a", MetricKind.COUNT, Text("a"), required=False),
            ],
            components=[Component("a", Text("a"), 100, Target("annual", "a", required_input="q"))],
        )
        empty = schedule_table(only_quota)
        assert empty is not None
        assert empty.years == ()
        # no year columns: the kind column is the last, its header padded and trimmed
        assert empty.render("en").splitlines()[1:3] == [
            "target  label  kind",
            "a       a      annual",
        ]

    def test_a_scheme_without_targets(self) -> None:
        scheme = Scheme(
            id="test.none",
            version="1",
            title=Text("none"),
            period=PeriodKind.MONTHLY,
            metrics=[Metric("ok", MetricKind.FLAG, Text("ok"))],
            components=[Component("c", Text("c"), 100, Boolean("ok"))],
        )
        assert schedule_table(scheme) is None
