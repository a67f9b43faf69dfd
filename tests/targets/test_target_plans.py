"""Plans as data: outcomes, consequences, the "about" tolerance, exact totals, definitions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

import assesskit
from assesskit import (
    Component,
    Metric,
    MetricKind,
    ParameterError,
    PeriodKind,
    Scheme,
    SchemeDefinitionError,
    Text,
)
from assesskit.rules import Plateau
from assesskit.targets import Consequence, Schedule, Target, TargetSpec, plan_scheme


def test_outcomes_per_unit_and_year(assess: Callable[..., Any]) -> None:
    result = assess(2016, built=99, coverage="0.5")
    assert result.outcome == {
        "on_schedule": False,
        "behind": ["built", "coverage"],  # in plan order
        "lagging": True,  # attached to built, which is behind
        "audit_failed": False,  # failed_audits not given: false, not null
    }
    on_time = assess(2016)
    assert on_time.outcome == {
        "on_schedule": True,
        "behind": [],
        "lagging": False,
        "audit_failed": False,
    }
    data = result.to_dict()
    assert data["components"]["built"]["status"] == "behind"
    assert data["components"]["built"]["required"] == 100
    assert data["components"]["built"]["attained"] == 99
    assert data["components"]["trained"]["status"] == "met"


def test_a_conditional_consequence_reads_its_optional_input(assess: Callable[..., Any]) -> None:
    assert assess(2016, failed_audits=1).outcome["audit_failed"] is True
    assert assess(2016, failed_audits=0).outcome["audit_failed"] is False
    # attached to "trained", but it is about the audits: it fires in 2015 too,
    # when "trained" is not due
    result = assess(2015, failed_audits=2, trained=None)
    assert result.components["trained"].status == "not_due"
    assert result.outcome["audit_failed"] is True
    assert result.outcome["on_schedule"] is True


def test_consequences_on_the_batch_path(plan: Scheme, met: dict[str, Any]) -> None:
    rows = [
        {**met, "year": 2016, "built": 99, "failed_audits": None},
        {**met, "year": 2016, "failed_audits": 3},
        {**met, "year": 2017, "issued_on": None, "failed_audits": 0},
    ]
    batch = plan.score_batch({k: [row.get(k) for row in rows] for k in rows[1]})
    assert batch.outcomes["lagging"].tolist() == [True, False, False]
    assert batch.outcomes["audit_failed"].tolist() == [False, True, False]
    assert batch.outcomes["on_schedule"].tolist() == [False, True, False]
    assert batch.outcomes["behind"].tolist() == [["built"], [], ["rule_issued"]]
    assert batch.component_status["rule_issued"].tolist() == ["met", "met", "behind"]


def test_about_tolerance_lowers_the_requirement(plan: Scheme, met: dict[str, Any]) -> None:
    record = {**met, "year": 2015, "dispatched": 5400}
    assert plan.score(record).components["dispatched"].status == "behind"  # tolerance 0
    tolerant = plan.with_params(about_tolerance="0.1")
    # about 6000 with a tolerance of 10%: 6000 × (1 − 0.1) = 5400 required
    result = tolerant.score(record)
    assert result.components["dispatched"].status == "met"
    assert result.components["dispatched"].details["required"] == 5400
    short = tolerant.score({**record, "dispatched": 5399})
    # 2015: 3 due, 100/3 each: 100/3 × 5399/5400
    assert short.components["dispatched"].exact_points == Fraction(100, 3) * Fraction(5399, 5400)
    assert short.components["dispatched"].explanation.en == (
        "doctors dispatched (about) 5399 of 5400 (about 6000 less 10%) due in 2015: "
        "behind: 100/7 × 5399/5400 = ≈14.2831; rescaled × 7/3 = ≈33.3272"
    )
    assert plan.with_params(about_tolerance="10%").params()["about_tolerance"] == Fraction(1, 10)
    batch = tolerant.score_batch({k: [v] for k, v in record.items()})
    assert batch.component_status["dispatched"][0] == "met"


@pytest.mark.parametrize("bad", ["1", "100%", "-0.1", "about"])
def test_about_tolerance_is_a_fraction_below_one(plan: Scheme, bad: str) -> None:
    with pytest.raises(ParameterError, match="about_tolerance"):
        plan.with_params(about_tolerance=bad)


def _eleven_targets() -> Scheme:
    targets = [
        TargetSpec(
            f"t{i}", Text(f"target {i}", f"目标{i}"), "annual", f"f{i}", checkpoints={2020: 1}
        )
        for i in range(2, 12)
    ]
    first = TargetSpec("t1", Text("target 1", "目标1"), "annual", "f1", checkpoints={2020: 100000})
    return plan_scheme("test.eleven", Text("eleven"), [first, *targets], (2020, 2020))


def test_a_total_of_exactly_x_xx5_rounds_half_up() -> None:
    scheme = _eleven_targets()
    # 11 targets due, 100/11 points each. t1: 84435 of 100000, the ten others met:
    # 100/11 × (10 + 84435/100000) = 100/11 × 10.84435 = 98.585 exactly → 98.59
    # (half-even would give 98.58; a float sum is 98.58499999999999 or so)
    record = {"year": 2020, "f1": 84435, **{f"f{i}": 1 for i in range(2, 12)}}
    result = scheme.score(record)
    assert result.exact_total == Fraction(98585, 1000)
    assert str(result.total) == "98.59"
    batch = scheme.score_batch({k: [v, v] for k, v in record.items()})
    assert batch.total.tolist() == [98.59, 98.59]
    # one point less: 100/11 × 10.84434 = 98.58490… → 98.58
    below = scheme.score({**record, "f1": 84434})
    assert str(below.total) == "98.58"


def test_target_is_a_builtin_rule_kind() -> None:
    assert assesskit.rule_kinds()["target"] is Target
    assert assesskit.rule_kinds()["target"] is Target


def test_any_scheme_can_use_a_target_component() -> None:
    # a hand-made scheme: one target, one ordinary rule; points, not relative weights
    scheme = Scheme(
        id="test.mixed",
        version="1",
        title=Text("mixed"),
        period=PeriodKind.ANNUAL,
        metrics=[
            Metric("year", MetricKind.YEAR, Text("year", "年度")),
            Metric("built", MetricKind.COUNT, Text("built", "建成"), required=False),
            Metric("income", MetricKind.MONEY, Text("income", "收入")),
        ],
        components=[
            Component(
                "built",
                Text("built", "建成"),
                40,
                Target("cumulative", "built", schedule=Schedule({2016: 10})),
            ),
            Component("income", Text("income", "收入"), 60, Plateau("income", 1000)),
        ],
    )
    # 2015: the target is not due, income alone scaled to 100: 60 × 0.5 × 100/60 = 50
    assert str(scheme.score({"year": 2015, "income": 500}).total) == "50.00"
    # 2016: 40 × 5/10 + 60 × 1 = 80
    assert str(scheme.score({"year": 2016, "built": 5, "income": 1000}).total) == "80.00"


def test_definition_problems_are_listed_together() -> None:
    other = Consequence("lagging", Text("another label"))
    targets = [
        TargetSpec("a", Text("a"), "cumulative", "x", checkpoints={2013: 1}),
        TargetSpec(
            "b", Text("b"), "at_least", "x", checkpoints={2015: 1}, measure=MetricKind.MONEY
        ),
        TargetSpec(
            "c",
            Text("c"),
            "cumulative",
            "y",
            checkpoints={2015: 1},
            consequences=(Consequence("lagging", Text("lagging")),),
        ),
        TargetSpec("d", Text("d"), "cumulative", "z", checkpoints={2015: 1}, consequences=(other,)),
        TargetSpec("e", Text("e"), "milestone", "when", deadline=dt.date(2030, 1, 1)),
    ]
    with pytest.raises(SchemeDefinitionError) as caught:
        plan_scheme("test.broken", Text("broken"), targets, (2014, 2020))
    problems = caught.value.problems
    assert "consequence 'lagging' is declared with two labels" in problems
    assert "target 'a': a checkpoint lies outside 2014–2020" in problems
    assert "target 'e': the deadline lies outside 2014–2020" in problems
    assert "input 'x' is declared twice, as count and as money" in problems


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "milestone", "checkpoints": {2015: 1}}, "a milestone has a deadline, not"),
        ({"kind": "cumulative"}, "exactly one of"),
        ({"kind": "share", "checkpoints": {2015: 2}}, "a share is at most 1"),
        ({"kind": "annual", "checkpoints": {2015: -1}}, "negative"),
        ({"kind": "cumulative", "deadline": dt.date(2015, 1, 1)}, "only a milestone has a"),
        ({"kind": "at_least", "checkpoints": {2015: 1}, "until": 2014}, "before its first"),
        ({"kind": "monthly", "checkpoints": {2015: 1}}, "must be in"),
    ],
)
def test_a_row_that_cannot_be_a_target_fails_when_written(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        TargetSpec("t", Text("t"), input="x", **kwargs)


def test_a_milestone_input_must_be_a_date() -> None:
    with pytest.raises(SchemeDefinitionError, match="a milestone target needs a date"):
        plan_scheme(
            "test.bad-measure",
            Text("bad"),
            [
                TargetSpec(
                    "m",
                    Text("m"),
                    "milestone",
                    "when",
                    deadline=dt.date(2015, 1, 1),
                    measure=MetricKind.COUNT,
                )
            ],
            (2015, 2016),
        )


def test_explanations_in_english_and_chinese(assess: Callable[..., Any]) -> None:
    result = assess(2015, built=99)
    built = result.components["built"].explanation
    # 3 due in 2015; the rule's weight is 100/7 (of 7), rescaled by 7/3 to 100/3
    assert built.en == (
        "clinics built 99 of 100 due by 2015: behind: 100/7 × 99/100 = ≈14.1429; "
        "rescaled × 7/3 = 33"
    )
    assert built.zh == (
        "建成卫生室:2015年底应累计完成 100,实际 99:未达标:100/7 × 99/100 = ≈14.1429;"
        "按比例放大 × 7/3 = 33"
    )
    assert result.components["trained"].explanation.en == (
        "staff trained: not due in 2015 (due from 2016)"
    )
    assert result.components["trained"].explanation.zh == "培训人员:2015年未到考核期(2016年起考核)"
    late = assess(2016, issued_on="2016-07-01").components["rule_issued"].explanation
    assert late.en.startswith(
        "rule issued: done on 2016-07-01, after the deadline 2016-06-30: late, 0"
    )
    assert late.zh.startswith("办法出台:2016-07-01完成,超过期限2016-06-30:逾期,0")
    gone = assess(2017, issued_on="2017-03-01").components["rule_issued"].explanation
    assert gone.en == (
        "rule issued: done on 2017-03-01 (late: the deadline was 2016-06-30), not due in 2017"
    )
    missing = assess(2018, issued_on=None).components["rule_issued"].explanation
    assert missing.en.startswith(
        "rule issued: not done by the end of 2018 (deadline 2016-06-30): behind, 0"
    )
    after = assess(2019, trained=None).components["trained"].explanation
    assert after.en == "staff trained: not due in 2019 (due until 2018)"
    assert after.zh == "培训人员:2019年不在考核期内(考核至2018年)"


def test_describe_edges_and_directions(plan: Scheme) -> None:
    rules = {c.id: c.rule for c in plan.components}
    weight = Fraction(100, 7)
    labels = {m.name: m.label for m in plan.metrics}
    built = rules["built"].describe(weight, labels)
    assert built.en == (
        "cumulative target clinics built: 2015: 100; 2017: 300; due from 2015; after the last "
        "checkpoint the final value stays due; when due: 100/7 × min(built / required, 1)"
    )
    assert built.zh.startswith("累计目标 建成卫生室:2015年 100;2017年 300;2015年起考核")
    trained = rules["trained"].describe(weight, labels)
    assert "50 each year 2016–2018; due 2016–2018" in trained.en
    dispatched = rules["dispatched"].describe(weight, labels)
    assert "about 6000 each year 2015–2020, × (1 − about_tolerance)" in dispatched.en
    milestone = rules["rule_issued"].describe(weight, labels)
    assert milestone.en.startswith("milestone target rule issued: on or before 2016-06-30")
    # edges: checkpoint values and the years where the schedule changes
    assert rules["built"].edges({}) == {
        "built": (Fraction(0), Fraction(100), Fraction(300)),
        "year": (Fraction(2014), Fraction(2015), Fraction(2017)),
    }
    assert rules["trained"].edges({})["year"] == tuple(
        Fraction(y) for y in (2015, 2016, 2018, 2019)
    )
    assert rules["dispatched"].edges({"about_tolerance": Fraction(1, 10)})["dispatched"] == (
        Fraction(0),
        Fraction(5400),
    )
    assert rules["rule_issued"].edges({}) == {
        "year": (Fraction(2015), Fraction(2016), Fraction(2017))
    }
    assert rules["built"].directions() == {"built": "higher_is_better"}
    assert rules["deductible"].directions() == {"deductible": "lower_is_better"}
    assert rules["rule_issued"].directions() == {}
