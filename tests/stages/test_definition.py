"""A scheme's stages are checked when it is built."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assesskit import (
    HistoryRule,
    Outcome,
    Scheme,
    SchemeDefinitionError,
    Text,
    Total,
    Trigger,
)
from assesskit.expressions import Const
from assesskit.hierarchy import Rollup
from assesskit.stages import DayOf, LastDayOf, Stage, StageComparison

Build = Callable[..., Scheme]


def _stage(stage_id: str, **kwargs: object) -> Stage:
    fields: dict[str, object] = {"deadline": LastDayOf(2)}
    fields.update(kwargs)
    return Stage(stage_id, Text(stage_id), Text("someone"), Text("someone else"), **fields)  # type: ignore[arg-type]


def _problems(build: Build, **overrides: object) -> list[str]:
    with pytest.raises(SchemeDefinitionError) as info:
        build(**overrides)
    return list(info.value.problems)


def test_stage_declared_twice(make_staged_scheme: Build) -> None:
    problems = _problems(
        make_staged_scheme, stages=[_stage("a"), _stage("a")], stage_comparisons=(), rollups=()
    )
    assert problems == ["stage 'a' is declared twice"]


@pytest.mark.parametrize("requires", ["b", "nothing", "a"])
def test_requires_a_stage_listed_before(make_staged_scheme: Build, requires: str) -> None:
    stages = [_stage("a", requires=requires), _stage("b")]
    problems = _problems(make_staged_scheme, stages=stages, stage_comparisons=(), rollups=())
    assert problems == [f"stage 'a' requires {requires!r}, which is not a stage listed before it"]


def test_window_opening_after_its_deadline(make_staged_scheme: Build) -> None:
    stages = [_stage("a", opens=DayOf(3, 1))]
    problems = _problems(make_staged_scheme, stages=stages, stage_comparisons=(), rollups=())
    assert problems == [
        "stage 'a': opens 2024-03-01 after its deadline 2024-02-29 (assessed year 2023)",
        "stage 'a': opens 2025-03-01 after its deadline 2025-02-28 (assessed year 2024)",
    ]


def test_comparison_of_unknown_stages_and_parameters(make_staged_scheme: Build) -> None:
    comparison = StageComparison("x", "x", "gap", Text("gap"), flag="big", threshold="limit")
    problems = _problems(make_staged_scheme, stage_comparisons=[comparison])
    assert problems == [
        "stage comparison 'gap': 'x' is not a stage (stages: self_check, prefecture, province)",
        "stage comparison 'gap': compares stage 'x' with itself",
        "stage comparison 'gap': threshold 'limit' is not a parameter of the scheme",
    ]


def test_flag_needs_a_threshold(make_staged_scheme: Build) -> None:
    comparison = StageComparison("self_check", "prefecture", "gap", Text("gap"), flag="big")
    assert _problems(make_staged_scheme, stage_comparisons=[comparison]) == [
        "stage comparison 'gap': a flag needs a threshold parameter and vice versa"
    ]


def test_stage_outcome_clashing_with_a_declared_outcome(make_staged_scheme: Build) -> None:
    outcome = Outcome("self_check_gap", Text("clash"), Const(1))
    assert _problems(make_staged_scheme, outcomes=[outcome]) == [
        "outcome 'self_check_gap' is declared and also published by the stages"
    ]


def test_roll_up_of_an_unknown_stage(make_staged_scheme: Build) -> None:
    rollup = Rollup("prefecture", Text("p"), "mean", stage="county")
    assert _problems(make_staged_scheme, rollups=[rollup]) == [
        "roll-up to 'prefecture': stage 'county' is not a stage of the scheme "
        "(self_check, prefecture, province)"
    ]


def test_roll_up_of_a_staged_scheme_names_its_stage(make_staged_scheme: Build) -> None:
    rollup = Rollup("prefecture", Text("p"), "mean")
    assert _problems(make_staged_scheme, rollups=[rollup]) == [
        "roll-up to 'prefecture': the scheme has stages; say which stage's results roll up "
        "(one of self_check, prefecture, province)"
    ]


def test_roll_up_by_stage_without_stages(make_staged_scheme: Build) -> None:
    problems = _problems(make_staged_scheme, stages=(), stage_comparisons=())
    assert problems == [
        "roll-up to 'prefecture': stage 'prefecture' is not a stage of the scheme (it has none)"
    ]


def test_history_rules_are_not_defined_for_stages(make_staged_scheme: Build) -> None:
    rule = HistoryRule("low", Text("low"), 2, [Trigger("t", Text("t"), Total() < 60)])
    assert _problems(make_staged_scheme, history_rules=[rule]) == [
        "a scheme with stages cannot have history rules yet: which stage's result an "
        "earlier period contributes is not defined"
    ]


def test_stages_are_part_of_the_fingerprint(make_staged_scheme: Build) -> None:
    earlier = make_staged_scheme()
    later = make_staged_scheme(
        stages=[_stage("self_check", deadline=DayOf(2, 15)), *earlier.stages[1:]]
    )
    assert earlier.fingerprint != later.fingerprint
    assert make_staged_scheme().fingerprint == earlier.fingerprint
