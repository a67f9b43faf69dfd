"""A new expression node is one class: the engine, the type checker and the testing kit find
its forms on it; a form it lacks falls back safely, never to a parent's form of another meaning.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import Const, Input, Outcome, Present, SchemeDefinitionError, Text, Veto, Where
from assesskit._forms import owns_form
from assesskit._scaled import Scaled, scaled_value
from assesskit.expr_types import TypeEnv, ValueType, infer_type
from assesskit.expressions import (
    Arith,
    BatchEnv,
    BatchValue,
    ExactEnv,
    ExactValue,
    Expr,
    ScaledEnv,
)
from assesskit.expressions.node import RangeEnv, TypeChecker
from assesskit.expressions.ranges import Range, number_range
from assesskit.testing._reach import unreached_parts

LABEL = Text("x", "某")


@attrs.frozen(eq=False)
class Halved(Expr):
    """Half of a number, with every form written: what a plugin adds as one class."""

    part: Expr

    def exact(self, env: ExactEnv) -> ExactValue:
        value = self.part.exact(env)
        return None if value is None else Fraction(value) / 2  # type: ignore[arg-type]

    def batch(self, env: BatchEnv) -> BatchValue:
        value = self.part.batch(env)
        return BatchValue(value.data / 2, missing=value.missing, doubt=value.doubt)

    def words(self) -> str:
        return f"half of {self.part.words()}"

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        # x / 2 = 5x / 10: one more decimal, still exact
        value = scaled_value(self.part, env)
        if value is None:
            return None
        return Scaled(value.units * 5, value.places + 1, value.bound * 5, value.missing)

    def check_type(self, checker: TypeChecker) -> ValueType:
        return checker.number(self.part, self, "halving")

    def range(self, env: RangeEnv) -> Range:
        found = env.eval(self.part)
        if not found.numeric:
            return found
        low = None if found.low is None else found.low / 2
        high = None if found.high is None else found.high / 2
        return number_range(low, high, found.missing)


@attrs.frozen(eq=False)
class Bare(Expr):
    """Half of a number with only the forms every node must have."""

    part: Expr

    def exact(self, env: ExactEnv) -> ExactValue:
        return Halved(self.part).exact(env)

    def batch(self, env: BatchEnv) -> BatchValue:
        return Halved(self.part).batch(env)

    def words(self) -> str:
        return f"half of {self.part.words()}"

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)


@attrs.frozen(eq=False)
class Tripled(Halved):
    """Changes what its parent computes (three times, not half) but none of its other forms."""

    def exact(self, env: ExactEnv) -> ExactValue:
        value = self.part.exact(env)
        return None if value is None else Fraction(value) * 3  # type: ignore[arg-type]

    def batch(self, env: BatchEnv) -> BatchValue:
        value = self.part.batch(env)
        return BatchValue(value.data * 3, missing=value.missing, doubt=value.doubt)

    def words(self) -> str:
        return f"three times {self.part.words()}"


def _pay(expr: Expr, salaries: list[Any]) -> tuple[list[str], list[str], int]:
    """The outcome *expr* on sample records with *salaries*: exact, batch, rows re-done exactly."""
    scheme = build_sample_scheme(outcomes=[Outcome("o", LABEL, expr, "money")])
    records = [sample_record(salary=s) for s in salaries]
    batch = scheme.score_batch({k: [r[k] for r in records] for k in records[0]})
    exact = [str(scheme.score(r).outcome["o"]) for r in records]
    return exact, [str(Decimal(repr(float(v)))) for v in batch.outcomes["o"]], batch.exact_rows


def test_the_engine_uses_a_new_nodes_scaled_form() -> None:
    # 0.05 / 2 = 0.025 → 0.03 and 12.25 / 2 = 6.125 → 6.13 (half-fen ties, rounded up);
    # 6150 / 2 = 3075.00: on exact decimals, no row needs the exact path
    exact, batch, redone = _pay(Halved(Input("salary")), ["0.05", "12.25", 6150])
    assert exact == ["0.03", "6.13", "3075.00"]
    assert batch == ["0.03", "6.13", "3075.0"]
    assert redone == 0


def test_a_node_without_a_scaled_form_is_computed_in_float_and_checked() -> None:
    # the same values; the ties are doubted in float and re-done exactly
    exact, batch, redone = _pay(Bare(Input("salary")), ["0.05", "12.25", 6150])
    assert exact == ["0.03", "6.13", "3075.00"]
    assert batch == ["0.03", "6.13", "3075.0"]
    assert redone == 2


def test_a_subclass_that_changes_the_meaning_does_not_inherit_the_other_forms() -> None:
    # three times 1.01 is 3.03; Halved's scaled form would give 0.505 → 0.51
    exact, batch, _ = _pay(Tripled(Input("salary")), ["1.01"])
    assert exact == batch == ["3.03"]
    node = Tripled(Input("salary"))
    assert [owns_form(node, f) for f in ("scaled", "check_type", "range")] == [False] * 3
    assert [owns_form(Halved(Input("salary")), f) for f in ("scaled", "range")] == [True] * 2
    assert scaled_value(node, _NoEnv()) is None


class _NoEnv:
    """An environment nothing may be read from."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"read {name}")


def test_forms_written_on_a_shared_base_are_kept() -> None:
    # Present writes exact and batch; its type, range and search forms come from a base
    # written for every such leaf, whose own meaning is still abstract
    assert all(owns_form(Present("x"), f) for f in ("check_type", "range", "exhaustive"))
    # a node that writes no scaled form has Node's, which gives none: the float path
    assert scaled_value(Bare(Input("x")), _NoEnv()) is None
    assert owns_form(Arith("+", Input("x"), Const(1)), "scaled")


ENV = TypeEnv(
    {
        "salary": ValueType("number", "money"),
        "loss_rate": ValueType("number", "ratio"),
        "breach": ValueType("flag"),
    },
    {},
)


def test_the_type_checker_uses_a_new_nodes_type_form() -> None:
    vtype, problems = infer_type(Halved(Input("salary")) > Input("loss_rate"), ENV)
    assert vtype == ValueType("flag")
    assert problems == [
        "half of salary > loss_rate: compares money (half of salary) with ratio 'loss_rate', "
        "which measure different things"
    ]
    assert infer_type(Halved(Input("breach")), ENV) == (
        ValueType("unknown"),
        ["half of breach: halving needs numbers, but flag 'breach' is not a number"],
    )


def test_a_node_without_a_type_form_is_unknown_and_its_children_checked() -> None:
    assert infer_type(Bare(Input("salary")) > Input("loss_rate"), ENV) == (ValueType("flag"), [])
    _, problems = infer_type(Bare(Input("breach").equals(Const("yes"))), ENV)
    assert [p.split(";")[0] for p in problems] == [
        "breach == 'yes': compares flag 'breach' with text 'yes'"
    ]
    # the subclass of another meaning too: Halved's type form is not used for it
    assert infer_type(Tripled(Input("breach")), ENV) == (ValueType("unknown"), [])


def veto_never_fires(condition: Expr) -> list[str]:
    scheme = build_sample_scheme(vetoes=[Veto("v", LABEL, condition)])
    return [u.message for u in unreached_parts(scheme)]


def test_the_reach_check_uses_a_new_nodes_range_form() -> None:
    # a loss rate is in [0, 1], half of it in [0, 0.5]: never above 0.6
    assert veto_never_fires(Halved(Input("loss_rate")) > Const("0.6")) == [
        "veto 'v' (half of loss_rate > 0.6) never fires: over the domains of its inputs it can "
        "never hold (loss_rate is ratio in [0, 1])"
    ]
    assert veto_never_fires(Halved(Input("loss_rate")) >= Const("0.5")) == []
    # without a range form (or with one of another meaning) it can be anything: not reported
    assert veto_never_fires(Bare(Input("loss_rate")) > Const("0.6")) == []
    assert veto_never_fires(Tripled(Input("loss_rate")) > Const("0.6")) == []


@attrs.frozen(eq=False)
class TotalTwice(Bare):
    """Reads the total (and says so): a veto cannot read it."""

    sees = frozenset({"total"})


def test_what_a_node_sees_is_checked_where_it_is_used() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        build_sample_scheme(vetoes=[Veto("v", LABEL, TotalTwice(Input("income")) > 5)])
    assert caught.value.problems == (
        "veto 'v': half of income: reads the total, which is decided after the vetoes: a veto "
        "never sees it",
    )


def test_words_put_compound_operands_in_parentheses() -> None:
    assert (Halved(Input("a")) + 1).words() == "half of a + 1"
    assert ((Input("a") + 1) * 2).words() == "(a + 1) × 2"
    assert Where(Input("p") | Input("q"), 1, 0).words() == "1 if p or q, else 0"
    assert (~(Input("p") & Input("q"))).words() == "not (p and q)"
