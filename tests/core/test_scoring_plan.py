"""A scheme's plan: the stages every front end runs, in order, and what each must see at once.

The sample scheme (``tests/conftest.py``) has one history rule
(``dismissal``) and neither review stages nor roll-ups; the staged scheme
(``tests/stages/conftest.py``) has three review stages and a roll-up to
prefectures (``市州``) and no history rule.
"""

from __future__ import annotations

import attrs
from tests.conftest import build_sample_scheme
from tests.hierarchy.conftest import build_unit_scheme
from tests.stages.conftest import build_staged_scheme

from assesskit import Text
from assesskit.hierarchy import Rollup
from assesskit.scoring.plan import Plan, Sees, Stage, plan_of

READ = Stage(
    "read",
    Text(
        "read and check every record: values, whom and when, given twice",
        "读取并检查每条记录:数值、对象与期间、重复",
    ),
    Sees.RECORD,
)
SCORE = Stage(
    "score",
    Text("rules, vetoes, band and outcomes of each record", "每条记录的评分规则、否决、档次与结果"),
    Sees.RECORD,
)


def test_what_each_stage_sees() -> None:
    assert [(s.name, s.value) for s in Sees] == [
        ("RECORD", "record"),
        ("ENTITY", "entity"),
        ("PARENT", "parent"),
    ]


def test_a_scheme_with_a_history_rule() -> None:
    plan = plan_of(build_sample_scheme())
    history = Stage(
        "history", Text("history rules: dismissal", "连续期间规则:dismissal"), Sees.ENTITY
    )
    assert plan == Plan("sample.every-rule", (READ, SCORE, history))


def test_history_rules_are_named_in_order() -> None:
    sample = build_sample_scheme()
    (rule,) = sample.history_rules
    second = attrs.evolve(rule, id="warning", label=Text("warning", "警告"), triggers_outcome=None)
    plan = plan_of(build_sample_scheme(history_rules=[rule, second]))
    stage = plan.stage("history")
    assert stage is not None
    assert stage.label == Text(
        "history rules: dismissal, warning", "连续期间规则:dismissal, warning"
    )


def test_a_scheme_with_review_stages_and_a_roll_up() -> None:
    plan = plan_of(build_staged_scheme())
    review = Stage(
        "review",
        Text(
            "review stages: self_check, prefecture, province",
            "评审阶段:self_check, prefecture, province",
        ),
        Sees.ENTITY,
    )
    rollup = Stage("rollup:prefecture", Text("roll-up to prefecture", "汇总至市州"), Sees.PARENT)
    assert plan == Plan("test.staged", (READ, SCORE, review, rollup))
    assert plan.stage("history") is None
    assert plan.stage("review") == review
    assert plan.stage("rollup:prefecture") == rollup


def test_roll_ups_in_the_order_declared() -> None:
    unit = build_unit_scheme()
    rollups = [
        Rollup("region", Text("region", "地區"), "sum"),
        Rollup("province", Text("province", "省"), "mean"),
    ]
    plan = plan_of(build_unit_scheme(rollups=rollups))
    assert [(s.id, s.label, s.sees) for s in plan.stages[2:]] == [
        ("rollup:region", Text("roll-up to region", "汇总至地區"), Sees.PARENT),
        ("rollup:province", Text("roll-up to province", "汇总至省"), Sees.PARENT),
    ]
    assert plan.scheme_id == unit.id


def test_stages_across_what_they_see() -> None:
    sample = plan_of(build_sample_scheme())
    assert [s.id for s in sample.across(Sees.RECORD)] == ["read", "score"]
    assert [s.id for s in sample.across(Sees.ENTITY)] == ["history"]
    assert sample.across(Sees.PARENT) == ()
    staged = plan_of(build_staged_scheme())
    assert [s.id for s in staged.across(Sees.ENTITY)] == ["review"]
    assert [s.id for s in staged.across(Sees.PARENT)] == ["rollup:prefecture"]


def test_a_scheme_with_nothing_across_records() -> None:
    plan = plan_of(build_sample_scheme(history_rules=[]))
    assert plan.stages == (READ, SCORE)
    assert plan.stage("read") == READ
    assert plan.stage("score") == SCORE
    assert plan.stage("history") is None
    assert plan.across(Sees.ENTITY) == ()
