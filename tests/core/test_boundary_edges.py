"""What ``score`` and ``score_batch`` accept, at the edges: the words of each refusal.

The sample scheme of ``tests/conftest.py``; ``test_api_boundary.py`` has
the common refusals, these are the details of their wording and the
shapes that are accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import History, InputTypeError, InvalidInputError
from assesskit.scoring.boundary import columns_of

SAMPLE = build_sample_scheme()
HISTORY_WORDS = "history takes earlier results (a History, or Result objects), not "
RECORD_WORDS = (
    "score() takes one record: a mapping of input names to values (a dict, a pandas Series), "
)


def columns(rows: int = 2) -> dict[str, Any]:
    return {k: [v] * rows for k, v in sample_record().items()}


def refusal(given: Any) -> str:
    with pytest.raises(InputTypeError) as caught:
        SAMPLE.score_batch(given)
    return str(caught.value)


# -- one record ------------------------------------------------------------------------------


class Pairs:
    """Not a mapping, but with ``items()``: read as one."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self._pairs = pairs

    def items(self) -> list[tuple[str, Any]]:
        return self._pairs


class BrokenPairs:
    """``items()`` that gives no pairs."""

    def items(self) -> list[int]:
        return [1, 2]


def test_a_record_with_items_is_a_record() -> None:
    assert SAMPLE.score(Pairs(list(sample_record().items()))).total == Decimal("74.00")


def test_items_that_are_no_pairs_are_no_record() -> None:
    with pytest.raises(InputTypeError) as caught:
        SAMPLE.score(BrokenPairs())
    assert str(caught.value) == RECORD_WORDS + "not a BrokenPairs"


def test_a_long_text_is_shown_cut_short() -> None:
    with pytest.raises(InputTypeError) as caught:
        SAMPLE.score("x" * 50)
    shown = "'" + "x" * 39 + "… (52 characters)"
    assert str(caught.value) == RECORD_WORDS + f"not a str ({shown})"
    with pytest.raises(InputTypeError) as caught:
        SAMPLE.score("x" * 38)
    assert str(caught.value) == RECORD_WORDS + "not a str ('" + "x" * 38 + "')"


# -- history ---------------------------------------------------------------------------------


def test_history_of_results_in_a_list_a_generator_or_a_history() -> None:
    months = [sample_record(period=f"2026-{m:02d}", discipline_score=55) for m in (6, 7)]
    earlier = [SAMPLE.score(r) for r in months]
    august = sample_record(discipline_score=55)
    # three months in a row at 55 or below: dismissal in August
    assert SAMPLE.score(august, earlier).outcome["dismissal"] is True
    assert SAMPLE.score(august, iter(earlier)).outcome["dismissal"] is True
    assert SAMPLE.score(august, History.from_results(earlier)).outcome["dismissal"] is True
    assert SAMPLE.score(august, []).outcome["dismissal"] is False


@pytest.mark.parametrize(
    ("history", "what"),
    [
        (5, "a int (5)"),
        ("2026-07", "a str ('2026-07')"),
        (b"x", "a bytes (b'x')"),
        ({"E-1": 60}, "a dict"),
        ([1, 2], "a int (1)"),
        (["2026-07"], "a str ('2026-07')"),
        ([None], "None"),
    ],
)
def test_history_refusals_name_what_was_given(history: Any, what: str) -> None:
    with pytest.raises(InputTypeError) as caught:
        SAMPLE.score(sample_record(), history)
    assert str(caught.value) == HISTORY_WORDS + what


def test_history_of_results_and_something_else_names_the_first_other() -> None:
    result = SAMPLE.score(sample_record(period="2026-07"))
    with pytest.raises(InputTypeError) as caught:
        SAMPLE.score(sample_record(), [result, 3.5, "x"])
    assert str(caught.value) == HISTORY_WORDS + "a float (3.5)"


# -- columns ---------------------------------------------------------------------------------


def test_column_names_are_text() -> None:
    given: dict[Any, Any] = columns()
    given[7] = [1, 2]
    assert refusal(given) == "score_batch(): column names are text, not a int (7)"


def test_every_problem_is_named_at_once() -> None:
    given: dict[Any, Any] = columns()
    given[7] = [1, 2]
    given["income"] = Decimal("80000")
    given["errors_a"] = [[1], 2]
    assert refusal(given) == (
        "score_batch(): column 'income' is a single value (Decimal('80000')), not a column: "
        "give a list or an array with one value per record; column 'errors_a' holds a list "
        "in row 1, not one value: give one value per record; column names are text, not a "
        "int (7)"
    )


@pytest.mark.parametrize(
    ("column", "shown"),
    [
        (np.float64(80000), "np.float64(80000.0)"),
        (np.array(80000), "array(80000)"),
        (b"80000", "b'80000'"),
        (80000.5, "80000.5"),
    ],
)
def test_single_values_are_no_columns(column: Any, shown: str) -> None:
    given = columns()
    given["income"] = column
    assert refusal(given) == (
        f"score_batch(): column 'income' is a single value ({shown}), not a column: give a "
        "list or an array with one value per record"
    )


def test_a_long_single_value_is_shown_cut_short() -> None:
    given = columns()
    given["entity_id"] = "E" * 60
    shown = "'" + "E" * 39 + "… (62 characters)"
    assert refusal(given).startswith(
        f"score_batch(): column 'entity_id' is a single value ({shown}), not a column"
    )


def test_nested_cells_in_an_object_array_and_in_a_tuple() -> None:
    given = columns()
    given["discipline_score"] = np.array([72, None, {"a": 1}], dtype=object)[[0, 2]]
    assert refusal(given) == (
        "score_batch(): column 'discipline_score' holds a dict in row 2, not one value: give "
        "one value per record"
    )
    given["discipline_score"] = (72, frozenset({1}))
    assert "holds a frozenset in row 2" in refusal(given)
    given["discipline_score"] = (range(3), 72)
    assert "holds a range in row 1" in refusal(given)


def test_a_nested_cell_after_an_empty_one_is_refused() -> None:
    given = columns()
    given["discipline_score"] = [None, [72]]
    assert refusal(given) == (
        "score_batch(): column 'discipline_score' holds a list in row 2, not one value: give "
        "one value per record"
    )


class Odd:
    """A cell of a type of its own: not one of the plain types, and not nested either."""

    def __repr__(self) -> str:
        return "Odd()"


def test_cells_of_other_types_are_the_inputs_business() -> None:
    given = columns()
    given["discipline_score"] = [72, Odd()]
    with pytest.raises(InvalidInputError) as caught:
        SAMPLE.score_batch(given)
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "discipline_score")]


def test_columns_of_numpy_scalars_and_of_none_are_columns() -> None:
    given = columns()
    given["income"] = [np.float64(80000), np.int64(80000)]
    given["rating_b"] = [None, None]
    given["salary"] = np.array([None, None], dtype=object)
    batch = SAMPLE.score_batch(given)
    assert batch.total.tolist() == [74.0, 74.0]


def test_a_two_dimensional_list_is_refused_by_its_cells() -> None:
    given = columns()
    given["income"] = [[80000], [80000]]
    assert refusal(given) == (
        "score_batch(): column 'income' holds a list in row 1, not one value: give one value "
        "per record"
    )


def test_an_iterator_is_read_once() -> None:
    def incomes() -> Iterator[int]:
        yield from (80000, 90000)

    given = columns()
    given["income"] = incomes()
    # income 90,000 of 100,000: 18 points instead of 16
    assert SAMPLE.score_batch(given).total.tolist() == [74.0, 76.0]


def test_lengths_most_common_first_then_longest() -> None:
    given = columns()
    given["income"] = [80000] * 3
    given["loss_rate"] = [0.0]
    with pytest.raises(InvalidInputError) as caught:
        SAMPLE.score_batch(given)
    assert [(p.field, p.value, p.rule) for p in caught.value.problems] == [
        ("income", "3 values", "columns must all have the same length (2 values, as the others)"),
        (
            "loss_rate",
            "1 values",
            "columns must all have the same length (2 values, as the others)",
        ),
    ]
    # as many columns of 2 as of 3 values: the longer length is the common one
    with pytest.raises(InvalidInputError) as caught:
        SAMPLE.score_batch({"income": [1, 2], "loss_rate": [0, 0, 0]})
    assert [(p.field, p.value, p.rule) for p in caught.value.problems] == [
        ("income", "2 values", "columns must all have the same length (3 values, as the others)")
    ]


def test_lists_in_a_dataframe_column_are_bad_values_of_their_rows() -> None:
    # a DataFrame column is read as it is: each cell is the metric's business, located
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([sample_record(), sample_record(entity_id="E-2")])
    frame["discipline_score"] = pd.Series([[72], [50]], dtype=object)
    with pytest.raises(InvalidInputError) as caught:
        SAMPLE.score_batch(frame)
    assert [(p.row, p.field, p.value) for p in caught.value.problems] == [
        (0, "discipline_score", [72]),
        (1, "discipline_score", [50]),
    ]


def test_a_series_is_refused_word_for_word() -> None:
    pd = pytest.importorskip("pandas")
    assert refusal(pd.Series(sample_record())) == (
        "score_batch() takes columns: a mapping of input names to arrays (a dict of lists, "
        "a DataFrame), not a pandas Series; for one record, use score()"
    )


class Columnar:
    """A table that is no mapping: named ``columns`` and ``get_column(name)``, as polars has."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.columns = list(data)
        self._data = data

    def get_column(self, name: str) -> Any:
        return self._data[name]


class OnlyColumns:
    """Named ``columns``, but no way to read one."""

    columns = ("income",)


def test_a_table_with_get_column_is_read_by_its_columns() -> None:
    assert SAMPLE.score_batch(Columnar(columns())).total.tolist() == [74.0, 74.0]


def test_what_only_looks_like_a_table_is_refused() -> None:
    words = "score_batch() takes columns: a mapping of input names to arrays (a dict of lists, "
    assert refusal(OnlyColumns()) == words + "a DataFrame), not a OnlyColumns"
    # items() without columns: a record, not columns
    assert refusal(Pairs(list(columns().items()))) == words + "a DataFrame), not a Pairs"


def test_a_bad_name_first_does_not_hide_the_columns_after_it() -> None:
    assert refusal({7: [1, 2], "income": 80000}) == (
        "score_batch(): column names are text, not a int (7); column 'income' is a single "
        "value (80000), not a column: give a list or an array with one value per record"
    )


def test_no_columns_are_columns_of_no_rows() -> None:
    assert columns_of({}) == ({}, 0)
    arrays, size = columns_of({"income": [80000, 90000]})
    assert (list(arrays), arrays["income"].tolist(), size) == (["income"], [80000, 90000], 2)
