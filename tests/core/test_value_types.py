"""Static types of expression values (``expressions/value_types``), as type problems name them."""

from __future__ import annotations

import pytest

from assesskit.expressions.value_types import (
    FLAG,
    KIND_WORDS,
    LIST,
    NONE,
    NUMBER,
    TEXT,
    UNKNOWN,
    ValueType,
    product_quantity,
)


@pytest.mark.parametrize(
    ("vtype", "words", "noun"),
    [
        (ValueType("number", "ratio"), "a ratio", "ratio"),
        (ValueType("number", "count"), "a count", "count"),
        (ValueType("number", "money"), "money", "money"),
        (ValueType("number", "rating"), "a rating", "rating"),
        (ValueType("number", "points"), "percentage points", "percentage points"),
        (ValueType("number", "year"), "a year", "year"),
        (ValueType("number", "score"), "the total (points)", "total"),
        (ValueType("number", "days"), "days", "days"),
        (NUMBER, "a number", "number"),
        (FLAG, "a flag (true/false)", "flag"),
        (TEXT, "text", "text"),
        (ValueType("date"), "a date", "date"),
        (ValueType("period"), "a period", "period"),
        (LIST, "a list", "list"),
        (NONE, "no value", "none"),
        (UNKNOWN, "a value of unknown type", "value"),
        # a quantity only counts on a number
        (ValueType("text", "money"), "text", "text"),
    ],
)
def test_words_and_nouns(vtype: ValueType, words: str, noun: str) -> None:
    assert vtype.words() == words
    assert vtype.noun() == noun


def test_every_kind_has_words() -> None:
    assert set(KIND_WORDS) == {
        "number",
        "flag",
        "text",
        "date",
        "period",
        "list",
        "none",
        "unknown",
    }


def test_loose_types_go_with_any_other() -> None:
    assert UNKNOWN.loose
    assert NONE.loose
    assert not NUMBER.loose
    assert not FLAG.loose
    assert not TEXT.loose


@pytest.mark.parametrize(
    ("left", "right", "op", "quantity"),
    [
        # a quotient measures what its dividend does, over a plain number only
        ("money", None, "/", "money"),
        ("money", "ratio", "/", None),
        (None, "money", "/", None),
        (None, None, "/", None),
        # a product: a plain number or a ratio takes the other side's quantity
        (None, "money", "*", "money"),
        ("ratio", "money", "*", "money"),
        ("money", None, "*", "money"),
        ("money", "ratio", "*", "money"),
        ("ratio", "ratio", "*", "ratio"),
        (None, None, "*", None),
        ("ratio", None, "*", "ratio"),
        (None, "ratio", "*", "ratio"),
        ("count", "money", "*", None),
        ("money", "money", "*", None),
    ],
)
def test_what_a_product_or_quotient_measures(
    left: str | None, right: str | None, op: str, quantity: str | None
) -> None:
    assert product_quantity(left, right, op) == quantity
