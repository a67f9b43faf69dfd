"""What every expression node reports of itself (``expressions/node``): the names it reads,
gathered from its children, and whether the reach search may trust its edges."""

from __future__ import annotations

from assesskit import Const, Input, Max, OutcomeRef, Param, Present, Total, Where
from assesskit.expressions.node import is_exhaustive


def test_the_names_an_expression_reads_are_gathered_from_its_children() -> None:
    expr = Where(
        Present("opt") & (Input("a") > Param("floor")),
        Max(Input("b") * Param("rate"), OutcomeRef("base")),
        Total() + OutcomeRef("bonus"),
    )
    assert expr.inputs() == frozenset({"opt", "a", "b"})
    assert expr.params() == frozenset({"floor", "rate"})
    assert expr.outcomes() == frozenset({"base", "bonus"})
    # a constant reads nothing
    assert Const(1).inputs() == Const(1).params() == Const(1).outcomes() == frozenset()
    assert Const(1).children() == ()


def test_exhaustive_nodes() -> None:
    # an input compared with a constant changes its truth only at the edges tried
    assert is_exhaustive(Input("a") > 1)
    assert is_exhaustive((Input("a") > 1) & ~(Input("b") <= Param("p")))
    assert is_exhaustive(Where(Input("a") > 1, Input("b"), 0))
    # two varied sides, arithmetic, an outcome: not
    assert not is_exhaustive(Input("a") > Input("b"))
    assert not is_exhaustive(Input("a") * 2 > 1)
    assert not is_exhaustive((Input("a") > 1) | (Input("a") * 2 > 1))
    assert not is_exhaustive(OutcomeRef("pay") > 1)
    assert not is_exhaustive(Where(Input("a") * 2 > 1, 1, 0))


def test_what_a_node_says_when_it_writes_no_form() -> None:
    node = OutcomeRef("pay")
    # a node that does not say it is exhaustive is not (the search does not trust its edges)
    assert node.exhaustive() is False
    assert node.number_in(lambda name: 1) is None
    assert node.input_name() is None
    assert node.status_reads() == ()
    assert node.compared() == ()
    assert Input("a").input_name() == "a"
    assert (Input("a") > 1).compared()[0].input_name() == "a"
    assert Param("p").number_in(lambda name: 100) == 100
    assert Param("p").number_in(lambda name: "text") is None
    assert Param("p").number_in(lambda name: True) is None
    assert Const(5).number_in(lambda name: 1) == 5
    assert Const("5 apples").number_in(lambda name: 1) is None
