"""Interval arithmetic of expressions (``expressions/ranges``): the values an expression can
take when its inputs range over their domains, which the reach check reports from.

Each range is worked out by hand; ``None`` is an unbounded end.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from assesskit.expressions.ranges import (
    ANY,
    BOTH,
    Range,
    arith_range,
    compare_range,
    constant_range,
    extreme_range,
    logic_range,
    number_range,
)

F = Fraction


def rng(low: float | None, high: float | None, missing: bool = False) -> Range:
    return number_range(
        None if low is None else F(str(low)), None if high is None else F(str(high)), missing
    )


def ends(found: Range) -> tuple[Fraction | None, Fraction | None, bool, bool]:
    return found.low, found.high, found.numeric, found.missing


def test_constants() -> None:
    assert constant_range(True) == Range(truths=frozenset({True}))
    assert constant_range(False) == Range(truths=frozenset({False}))
    assert ends(constant_range(F(3, 2))) == (F(3, 2), F(3, 2), True, False)
    assert ends(constant_range(2)) == (2, 2, True, False)
    assert ends(constant_range(Decimal("0.5"))) == (F(1, 2), F(1, 2), True, False)
    assert constant_range("text") is ANY
    assert Range(None, None, None, False, False) == ANY
    assert frozenset({True, False}) == BOTH


@pytest.mark.parametrize(
    ("op", "a", "b", "expected"),
    [
        ("+", rng(1, 2), rng(10, 20), (11, 22)),
        ("+", rng(None, 2), rng(10, 20), (None, 22)),
        ("+", rng(1, None), rng(10, 20), (11, None)),
        ("-", rng(1, 2), rng(10, 20), (-19, -8)),
        ("-", rng(1, 2), rng(None, 20), (-19, None)),
        ("-", rng(1, 2), rng(10, None), (None, -8)),
        ("*", rng(-1, 2), rng(3, 4), (-4, 8)),
        ("*", rng(-1, 2), rng(-3, 4), (-6, 8)),
        ("*", rng(1, 2), rng(3, None), (None, None)),
        ("*", rng(None, 2), rng(3, 4), (None, None)),
        ("/", rng(1, 2), rng(4, 8), ("1/8", "1/2")),
        ("/", rng(-1, 2), rng(-4, -2), (-1, "1/2")),
    ],
)
def test_arithmetic(op: str, a: Range, b: Range, expected: tuple[object, object]) -> None:
    found = arith_range(op, a, b)
    want = tuple(None if e is None else F(str(e)) for e in expected)
    assert (found.low, found.high) == want
    assert found.numeric
    assert not found.missing


@pytest.mark.parametrize("divisor", [rng(0, 1), rng(-1, 0), rng(-1, 1), rng(None, 1), rng(1, None)])
def test_a_division_by_a_range_near_zero_can_give_anything_or_nothing(divisor: Range) -> None:
    assert ends(arith_range("/", rng(1, 2), divisor)) == (None, None, True, True)


@pytest.mark.parametrize("op", ["+", "-", "*", "/"])
def test_arithmetic_on_a_missing_side_may_be_missing(op: str) -> None:
    assert arith_range(op, rng(1, 2, missing=True), rng(1, 2)).missing
    assert arith_range(op, rng(1, 2), rng(1, 2, missing=True)).missing
    assert not arith_range(op, rng(1, 2), rng(1, 2)).missing


def test_a_product_with_an_unbounded_side_is_unbounded_and_may_be_missing() -> None:
    # [1, 2] × [3, ∞): any number; missing when a side may be
    assert arith_range("*", rng(1, 2), rng(3, None)) == number_range(None, None)
    assert arith_range("*", rng(1, 2, missing=True), rng(3, None)) == number_range(
        None, None, missing=True
    )
    assert arith_range("*", rng(1, 2), rng(None, 4, missing=True)).missing


def test_arithmetic_on_something_else_than_numbers_is_anything() -> None:
    assert arith_range("+", ANY, rng(1, 2)) is ANY
    assert arith_range("+", rng(1, 2), Range(truths=BOTH)) is ANY


@pytest.mark.parametrize(
    ("op", "a", "b", "truths"),
    [
        # a in [1, 2] against b in [3, 4]: always below
        ("<", rng(1, 2), rng(3, 4), {True}),
        ("<=", rng(1, 2), rng(3, 4), {True}),
        (">", rng(1, 2), rng(3, 4), {False}),
        (">=", rng(1, 2), rng(3, 4), {False}),
        ("==", rng(1, 2), rng(3, 4), {False}),
        ("!=", rng(1, 2), rng(3, 4), {True}),
        # touching at 2: [1, 2] against [2, 3]
        ("<", rng(1, 2), rng(2, 3), {True, False}),
        ("<=", rng(1, 2), rng(2, 3), {True}),
        (">", rng(1, 2), rng(2, 3), {False}),
        (">=", rng(1, 2), rng(2, 3), {True, False}),
        ("==", rng(1, 2), rng(2, 3), {True, False}),
        # [2, 3] against [1, 2]
        ("<", rng(2, 3), rng(1, 2), {False}),
        ("<=", rng(2, 3), rng(1, 2), {True, False}),
        (">", rng(2, 3), rng(1, 2), {True, False}),
        (">=", rng(2, 3), rng(1, 2), {True}),
        # [3, 4] against [1, 2]: always above, never equal
        ("<=", rng(3, 4), rng(1, 2), {False}),
        ("==", rng(3, 4), rng(1, 2), {False}),
        ("!=", rng(3, 4), rng(1, 2), {True}),
        # one fixed value on both sides
        ("==", rng(2, 2), rng(2, 2), {True}),
        ("!=", rng(2, 2), rng(2, 2), {False}),
        ("<", rng(2, 2), rng(2, 2), {False}),
        ("<=", rng(2, 2), rng(2, 2), {True}),
        # unbounded ends can be anything
        ("<", rng(None, None), rng(3, 4), {True, False}),
        ("==", rng(None, 2), rng(3, None), {False}),
        ("==", rng(None, 3), rng(3, None), {True, False}),
        ("!=", rng(None, None), rng(None, None), {True, False}),
        ("<", rng(5, None), rng(None, 4), {False}),
        (">", rng(5, None), rng(None, 4), {True}),
    ],
)
def test_comparisons(op: str, a: Range, b: Range, truths: set[bool]) -> None:
    found = compare_range(op, a, b)
    assert found.truths == frozenset(truths)
    assert not found.missing


def test_comparisons_of_truth_values() -> None:
    true, false = Range(truths=frozenset({True})), Range(truths=frozenset({False}))
    both = Range(truths=BOTH)
    assert compare_range("==", true, true).truths == frozenset({True})
    assert compare_range("==", true, false).truths == frozenset({False})
    assert compare_range("!=", true, false).truths == frozenset({True})
    assert compare_range("!=", true, true).truths == frozenset({False})
    assert compare_range("==", true, both).truths == BOTH
    # ordering truth values, or comparing a number with a truth value: anything
    assert compare_range("<", true, false).truths == BOTH
    assert compare_range("==", rng(1, 1), true).truths == BOTH
    assert compare_range("==", ANY, rng(1, 1)).truths == BOTH


def test_a_comparison_with_a_missing_side_may_be_missing() -> None:
    assert compare_range("<", rng(1, 2, True), rng(3, 4)).missing
    assert compare_range("<", rng(1, 2), rng(3, 4, True)).missing
    assert compare_range("==", Range(truths=BOTH, missing=True), Range(truths=BOTH)).missing
    assert compare_range("==", ANY, Range(missing=True)).missing


@pytest.mark.parametrize(
    ("op", "parts", "truths"),
    [
        ("and", [{True}, {True}], {True}),
        ("and", [{True}, {True, False}], {True, False}),
        ("and", [{True}, {False}], {False}),
        ("and", [{True, False}, {True, False}], {True, False}),
        ("and", [{False}, {True, False}], {False}),
        ("or", [{False}, {False}], {False}),
        ("or", [{False}, {True, False}], {True, False}),
        ("or", [{True}, {False}], {True}),
        ("or", [{True}, {True, False}], {True}),
        ("or", [{True, False}, {True, False}], {True, False}),
    ],
)
def test_and_or(op: str, parts: list[set[bool]], truths: set[bool]) -> None:
    found = logic_range(op, [frozenset(p) for p in parts])
    assert found.truths == frozenset(truths)


@pytest.mark.parametrize(
    ("larger", "a", "b", "expected"),
    [
        (True, rng(1, 5), rng(3, 4), (3, 5)),
        (False, rng(1, 5), rng(3, 4), (1, 4)),
        # the larger low end on the left, the smaller high end on the left
        (True, rng(3, 5), rng(1, 4), (3, 5)),
        (False, rng(1, 4), rng(3, 5), (1, 4)),
        # an unbounded low end: the larger of two is at least the other's low end
        (True, rng(None, 5), rng(3, 4), (3, 5)),
        (True, rng(1, 5), rng(None, 4), (1, 5)),
        (True, rng(1, None), rng(3, 4), (3, None)),
        (True, rng(None, None), rng(None, 4), (None, None)),
        # an unbounded high end: the smaller of two is at most the other's high end
        (False, rng(1, None), rng(3, 4), (1, 4)),
        (False, rng(1, 5), rng(3, None), (1, 5)),
        (False, rng(None, 5), rng(3, 4), (None, 4)),
        (False, rng(None, None), rng(3, None), (None, None)),
    ],
)
def test_max_and_min(
    larger: bool, a: Range, b: Range, expected: tuple[float | None, float | None]
) -> None:
    found = extreme_range(larger, a, b)
    want = tuple(None if e is None else F(e) for e in expected)
    assert (found.low, found.high) == want
    assert found.numeric


def test_max_and_min_of_something_else_or_a_missing_value() -> None:
    assert extreme_range(True, ANY, rng(1, 2)) is ANY
    assert extreme_range(False, rng(1, 2), ANY) is ANY
    assert extreme_range(True, rng(1, 2, True), rng(1, 2)).missing
    assert extreme_range(False, rng(1, 2), rng(1, 2, True)).missing
    assert not extreme_range(True, rng(1, 2), rng(1, 2)).missing
