"""Parts no valid input reaches are found without generating records, and reported with why."""

from __future__ import annotations

import pytest
from tests.conftest import build_sample_scheme

from assesskit import (
    Component,
    Const,
    HistoryRule,
    Input,
    Interval,
    Outcome,
    Param,
    Text,
    Total,
    Trigger,
    Veto,
    Where,
)
from assesskit.expressions import Expr
from assesskit.rules import Banded
from assesskit.testing import InvariantViolation, check_reach
from assesskit.testing._reach import nothing_to_reach, unreached_parts

LABEL = Text("x", "某")


def veto(condition: Expr) -> list[str]:
    scheme = build_sample_scheme(vetoes=[Veto("v", LABEL, condition)])
    return [u.message for u in unreached_parts(scheme)]


def test_the_sample_scheme_reaches_everything() -> None:
    assert unreached_parts(build_sample_scheme()) == []


def test_a_threshold_beyond_the_domain_on_both_sides() -> None:
    # a loss rate is a ratio in [0, 1]: "> 1" never holds (1% written as 1), ">= 1" does at 1
    assert veto(Input("loss_rate") > 1) == [
        "veto 'v' (loss_rate > 1) never fires: none of the 6 combination(s) of the values where "
        "it can change (each constant it compares with, one step either side, the ends of each "
        "domain) makes it hold (loss_rate is ratio in [0, 1])"
    ]
    assert veto(Input("loss_rate") >= 1) == []
    assert veto(Input("loss_rate") > Const("0.01")) == []


def test_a_contradiction_is_proven_by_trying_every_case() -> None:
    found = veto((Input("errors_a") > 5) & (Input("errors_a") < 3))
    assert len(found) == 1
    assert found[0].startswith("veto 'v' (errors_a > 5 and errors_a < 3) never fires: none of")
    # one apart: 5 < errors_a < 7 holds at 6
    assert veto((Input("errors_a") > 5) & (Input("errors_a") < 7)) == []
    # nothing between two whole counts
    assert len(veto((Input("errors_a") > 5) & (Input("errors_a") < 6))) == 1


def test_arithmetic_is_settled_by_interval_arithmetic() -> None:
    assert veto(Input("loss_rate") - Input("overdue_ratio") > 2) == [
        "veto 'v' ((loss_rate - overdue_ratio) > 2) never fires: over the domains of its inputs "
        "it can never hold (loss_rate is ratio in [0, 1]; overdue_ratio is ratio in [0, 1])"
    ]
    # 1 − 0 = 1: reachable
    assert veto(Input("loss_rate") - Input("overdue_ratio") >= 1) == []


def test_what_neither_method_settles_is_not_reported() -> None:
    # income × loss rate never exceeds income, but ranges cannot see that the two incomes are
    # one and the same: the kit cannot know (and does not guess)
    assert veto(Input("income") * Input("loss_rate") > Input("income") + 1) == []


def outcome(expr: Expr, kind: str = "number") -> list[str]:
    scheme = build_sample_scheme(outcomes=[Outcome("o", LABEL, expr, kind)])  # type: ignore[arg-type]
    return [u.message for u in unreached_parts(scheme)]


def test_an_outcome_branch_never_taken() -> None:
    found = outcome(Where(Total() > 100, 1, 0))
    assert len(found) == 1
    assert found[0].startswith(
        "outcome 'o': its value 1 (when total > 100) is never given: the condition "
        "'total > 100' never holds: none of the "
    )
    assert outcome(Where(Total() >= 100, 1, 0)) == []


def test_an_outcome_branch_always_taken() -> None:
    # a total is never negative; with no total (nothing applies) the condition is not true
    scheme = build_sample_scheme(
        components=[c for c in build_sample_scheme().components if c.id not in ("accuracy",)]
        + [Component("accuracy", LABEL, 10, Banded("eligible", [(Interval.at_least(0), 10)], 10))],
        outcomes=[Outcome("o", LABEL, Where(Total() >= 0, 1, 0))],
    )
    found = [u.message for u in unreached_parts(scheme)]
    assert len(found) == 1
    assert found[0].startswith(
        "outcome 'o': its value 0 (when not total >= 0) is never given: the condition "
        "'total >= 0' always holds"
    )


def test_a_trigger_that_never_holds() -> None:
    rule = HistoryRule("r", LABEL, 2, [Trigger("t", LABEL, Input("discipline_score") > 100)])
    scheme = build_sample_scheme(history_rules=[rule])
    messages = [u.message for u in unreached_parts(scheme)]
    assert len(messages) == 1
    assert messages[0].startswith("history rule 'r': trigger 't' (discipline_score > 100) never")


def test_tiers_no_value_falls_in() -> None:
    # thresholds of a ratio written in percent: only "below 80" holds a value of [0, 1]
    table = Banded(
        "overdue_ratio",
        [
            (Interval.at_least(90), 10),
            (Interval.closed_open(80, 90), 5),
            (Interval.below(80), 0),
        ],
        scale=10,
    )
    components = [
        Component("overdue", LABEL, 10, table) if c.id == "overdue" else c
        for c in build_sample_scheme().components
    ]
    found = unreached_parts(build_sample_scheme(components=components))
    assert [u.part for u in found] == ["overdue", "overdue"]
    assert found[0].message == (
        "component 'overdue': the tier 90 <= overdue_ratio (10 points) holds no value of "
        "overdue_ratio, ratio in [0, 1]; a ratio is a fraction (0.9 is 90%): were the "
        "thresholds written in percent?"
    )


def test_a_parameter_threshold_is_read_at_its_value() -> None:
    scheme = build_sample_scheme(
        vetoes=[Veto("v", LABEL, Input("income") > Param("income_target") * 0)]
    )
    assert unreached_parts(scheme) == []


def test_check_reach_lists_every_part_and_names_the_first() -> None:
    scheme = build_sample_scheme(
        vetoes=[
            Veto("a", LABEL, Input("loss_rate") > 2),
            Veto("b", LABEL, Input("loss_rate") > Const("0.01")),
            Veto("c", LABEL, Input("errors_a") < 0),
        ]
    )
    with pytest.raises(InvariantViolation) as caught:
        check_reach(scheme)
    assert caught.value.component == "a"
    assert "2 part(s) of the scheme can never be reached" in str(caught.value)
    assert len(caught.value.details) == 2


def test_nothing_to_reach() -> None:
    scheme = build_sample_scheme(vetoes=[], outcomes=[], history_rules=[])
    assert nothing_to_reach(scheme) is None  # the discipline table
    plain = build_sample_scheme(
        vetoes=[],
        outcomes=[],
        history_rules=[],
        components=[c for c in scheme.components if not isinstance(c.rule, Banded)]
        + [Component("discipline", LABEL, 10, build_sample_scheme().components[1].rule)],
        weights="relative",
    )
    assert nothing_to_reach(plain) == "the scheme has no veto, branch, trigger or threshold table"


def test_statuses_of_two_components_are_tried_independently() -> None:
    from assesskit import StatusIs

    # one component met and another behind is possible (targets report such statuses):
    # not reported, though trying one status for all components would never see it
    condition = StatusIs("income", "met") & StatusIs("return", "behind")
    assert outcome(Where(condition, 1, 0)) == []
    # the same component cannot be both
    found = outcome(Where(StatusIs("income", "met") & StatusIs("income", "behind"), 1, 0))
    assert len(found) == 1
    assert found[0].startswith("outcome 'o': its value 1 (when income is met and income is behind)")
