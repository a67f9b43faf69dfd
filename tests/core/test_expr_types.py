"""Expressions are typed when a scheme is defined: a condition that can never hold is refused."""

from __future__ import annotations

import pytest
from tests.conftest import build_sample_scheme

from assesskit import (
    BandIs,
    BandLookup,
    Const,
    HistoryRule,
    Input,
    Max,
    NextPeriod,
    NoValue,
    Outcome,
    OutcomeRef,
    Param,
    SchemeDefinitionError,
    Text,
    Total,
    Trigger,
    Veto,
    Vetoed,
    Where,
)
from assesskit.expr_types import TypeEnv, ValueType, infer_type
from assesskit.expressions import Expr

LABEL = Text("x", "某")


def veto_problems(condition: Expr) -> list[str]:
    """The definition problems of the sample scheme with *condition* as its only veto."""
    try:
        build_sample_scheme(vetoes=[Veto("v", LABEL, condition)])
    except SchemeDefinitionError as exc:
        return list(exc.problems)
    return []


def outcome_problems(expr: Expr, kind: str = "number") -> list[str]:
    outcome = Outcome("o", LABEL, expr, kind)  # type: ignore[arg-type]
    try:
        build_sample_scheme(outcomes=[outcome])
    except SchemeDefinitionError as exc:
        return list(exc.problems)
    return []


def test_a_flag_compared_with_text_is_refused_with_the_fix() -> None:
    # the veto of the issue: 'breach' is parsed as True/False, never as the text "true"
    assert veto_problems(Input("breach").equals(Const("true"))) == [
        "veto 'v': breach == 'true': compares flag 'breach' with text 'true'; a flag is "
        "parsed as true or false, never as text: write breach (true when set) or ~breach"
    ]
    # the fix it proposes is accepted, and so is the comparison with a truth value
    assert veto_problems(Input("breach")) == []
    assert veto_problems(~Input("breach")) == []
    assert veto_problems(Input("breach").equals(Const(True))) == []


def test_a_flag_compared_with_a_number_is_refused() -> None:
    assert veto_problems(Input("breach").equals(Const(1))) == [
        "veto 'v': breach == 1: compares flag 'breach' with number 1; a flag is parsed as "
        "true or false, never as a number: write breach (true when set) or ~breach"
    ]


def test_money_compared_with_a_ratio_is_refused() -> None:
    assert veto_problems(Input("income") > Input("loss_rate")) == [
        "veto 'v': income > loss_rate: compares money 'income' with ratio 'loss_rate', "
        "which measure different things"
    ]
    # money with a money parameter, or with a plain number, is fine
    assert veto_problems(Input("income") > Param("income_target")) == []
    assert veto_problems(Input("income") > 5000) == []


def test_arithmetic_on_different_quantities_is_refused() -> None:
    assert veto_problems(Input("income") - Input("loss_rate") > 0) == [
        "veto 'v': income - loss_rate: subtracts ratio 'loss_rate' from money 'income', "
        "which measure different things"
    ]
    assert veto_problems(Max(Input("overdue_ratio"), Input("errors_a")) > 1) == [
        "veto 'v': max(overdue_ratio, errors_a): takes the max of ratio 'overdue_ratio' and "
        "count 'errors_a', which measure different things"
    ]
    # a ratio of money is money: income × loss rate compared with money is fine
    assert veto_problems(Input("income") * Input("loss_rate") > Param("income_target")) == []


def test_arithmetic_on_a_flag_is_refused() -> None:
    assert outcome_problems(Input("breach") + 1) == [
        "outcome 'o': breach + 1: adding needs numbers, but flag 'breach' is not a number"
    ]


def test_a_condition_must_be_a_flag() -> None:
    assert veto_problems(Input("errors_a")) == [
        "veto 'v': errors_a: a condition must be a flag (true/false), but this is a count; "
        "compare it with something (> < == ...) to make a condition"
    ]
    assert veto_problems((Input("errors_a") > 0) & Input("errors_b")) == [
        "veto 'v': errors_b: each part of 'errors_a > 0 and errors_b' must be a flag "
        "(true/false), but this is a count; compare it with something (> < == ...) to make a "
        "condition"
    ]
    assert veto_problems((Input("errors_a") > 0) & Input("breach")) == []


def test_a_comparison_with_no_value_never_holds() -> None:
    assert veto_problems(Input("income") > NoValue()) == [
        "veto 'v': income > no value: a comparison with no value never holds"
    ]


def test_branches_of_where_have_one_type() -> None:
    assert outcome_problems(Where(Vetoed(), 1, "withheld"), "text") == [
        "outcome 'o': 1 if a veto fired, else 'withheld': gives number 1 on one branch and "
        "text 'withheld' on the other; give one type on both"
    ]
    # no value goes with any type
    assert outcome_problems(Where(Vetoed(), NoValue(), NextPeriod()), "text") == []


def test_a_band_lookup_gives_one_type() -> None:
    assert outcome_problems(BandLookup({"full": 1, "reduced": "half", "low": 0})) == [
        "outcome 'o': by band: full → 1, reduced → half, low → 0: gives numbers for bands "
        "full, low but text for reduced; give one type for every band"
    ]


def test_an_outcome_needs_a_value_of_its_kind() -> None:
    assert outcome_problems(BandIs("full"), "money") == [
        "outcome 'o': band is full: an outcome of kind 'money' needs a number, but this is a "
        "flag (true/false)"
    ]
    assert outcome_problems(Total() / 100, "flag") == [
        "outcome 'o': total / 100: an outcome of kind 'flag' needs a flag (true/false), but "
        "this is the total (points)"
    ]
    assert outcome_problems(Total() / 100, "number") == []
    # a text outcome holds text: a number in it read "5" exactly and "5.0" on the batch path
    assert outcome_problems(Total() > 60, "text") == [
        "outcome 'o': total > 60: an outcome of kind 'text' needs text, but this is a flag "
        "(true/false)"
    ]


def test_an_outcome_read_by_a_later_one_has_its_kind() -> None:
    status = Outcome("status", LABEL, Where(Vetoed(), "withheld", "payable"), "text")
    paid = Outcome("paid", LABEL, OutcomeRef("status") > 5, "flag")
    with pytest.raises(SchemeDefinitionError) as caught:
        build_sample_scheme(outcomes=[status, paid])
    assert caught.value.problems == (
        "outcome 'paid': status > 5: compares outcome 'status' (text) with number 5; values of "
        "different types are never equal nor ordered",
    )


def test_history_triggers_are_conditions() -> None:
    rule = HistoryRule("r", LABEL, 2, [Trigger("t", LABEL, Total() - 60)])
    with pytest.raises(SchemeDefinitionError) as caught:
        build_sample_scheme(history_rules=[rule])
    assert caught.value.problems == (
        "history rule 'r' trigger 't': total - 60: a condition must be a flag (true/false), "
        "but this is the total (points); compare it with something (> < == ...) to make a "
        "condition",
    )


class Doubled(Expr):
    """A plugin expression node without a type of its own."""

    def __init__(self, part: Expr) -> None:
        self.part = part

    def exact(self, env: object) -> None:  # type: ignore[override]
        return None

    def batch(self, env: object) -> None:  # type: ignore[override]
        return None

    def words(self) -> str:
        return f"twice {self.part.words()}"

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)


def test_a_plugin_node_is_of_unknown_type_and_its_children_are_checked() -> None:
    env = TypeEnv({"fraud": ValueType("flag")}, {})
    vtype, problems = infer_type(Doubled(Input("fraud")) > 1, env)
    assert vtype == ValueType("flag")
    assert problems == []  # unknown goes with anything
    _, problems = infer_type(Doubled(Input("fraud").equals(Const("yes"))), env)
    assert len(problems) == 1
    assert problems[0].startswith("fraud == 'yes': compares flag 'fraud' with text 'yes'")


def test_a_veto_cannot_read_what_is_decided_after_it() -> None:
    assert veto_problems(Total() < 30) == [
        "veto 'v': total: reads the total, which is decided after the vetoes: a veto never sees it"
    ]
    assert veto_problems(BandIs("low")) == [
        "veto 'v': band is low: reads the band, which is decided after the vetoes: a veto never "
        "sees it"
    ]


def test_a_history_trigger_cannot_read_an_outcome() -> None:
    rule = HistoryRule("r", LABEL, 2, [Trigger("t", LABEL, OutcomeRef("pay") < 1000)])
    with pytest.raises(SchemeDefinitionError) as caught:
        build_sample_scheme(history_rules=[rule])
    assert caught.value.problems == (
        "history rule 'r' trigger 't': pay: reads an outcome, which the history of earlier "
        "periods does not keep: a trigger never sees it",
    )
    # the total, the band and the inputs of earlier periods it can read
    fine = HistoryRule("r", LABEL, 2, [Trigger("t", LABEL, (Total() < 60) & BandIs("low"))])
    build_sample_scheme(history_rules=[fine])
