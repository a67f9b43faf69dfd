"""The Python API checks what it is given and says what it expected (issue 12).

In ``tests/core`` so that the mutation session (whose selection is ``tests/core``) sees
the refusals of ``scoring/boundary.py``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from tests.conftest import sample_record

from assesskit import InputTypeError, InvalidInputError, Scheme

pd = pytest.importorskip("pandas")

RECORD_WORDS = (
    "score() takes one record: a mapping of input names to values (a dict, a pandas Series), "
)


@pytest.mark.parametrize(
    ("record", "what"),
    [
        (None, "None"),
        ([], "a list"),
        ("abc", "a str ('abc')"),
        (5, "a int (5)"),
        (b"x", "a bytes (b'x')"),
        (np.array([1, 2]), "a ndarray"),
    ],
)
def test_score_refuses_what_is_not_a_record(sample_scheme: Scheme, record: Any, what: str) -> None:
    with pytest.raises(InputTypeError) as caught:
        sample_scheme.score(record)
    assert str(caught.value) == RECORD_WORDS + f"not {what}"
    assert isinstance(caught.value, TypeError)


def test_a_pandas_row_is_a_record(sample_scheme: Scheme) -> None:
    assert sample_scheme.score(pd.Series(sample_record())).total == Decimal("74.00")
    frame = pd.DataFrame([sample_record(), sample_record(entity_id="E-2")])
    totals = frame.apply(sample_scheme.score, axis=1).map(lambda r: r.total)
    assert totals.tolist() == [Decimal("74.00"), Decimal("74.00")]


@pytest.mark.parametrize("history", [5, "2026-07", {"E-1": 60}, [1, 2]])
def test_history_must_be_results(sample_scheme: Scheme, history: Any) -> None:
    with pytest.raises(InputTypeError, match=r"^history takes earlier results"):
        sample_scheme.score(sample_record(), history)


def _columns() -> dict[str, list[Any]]:
    return {k: [v, v] for k, v in sample_record().items()}


@pytest.mark.parametrize(
    ("columns", "words"),
    [
        (None, "not None"),
        ([1, 2], "not a list"),
        ("abc", "not a str ('abc')"),
        (np.zeros(3), "not a ndarray"),
    ],
)
def test_score_batch_refuses_what_are_not_columns(
    sample_scheme: Scheme, columns: Any, words: str
) -> None:
    with pytest.raises(InputTypeError) as caught:
        sample_scheme.score_batch(columns)
    assert str(caught.value).startswith("score_batch() takes columns: a mapping of input names")
    assert str(caught.value).endswith(words)


def test_a_series_is_not_columns(sample_scheme: Scheme) -> None:
    with pytest.raises(InputTypeError, match="not a pandas Series; for one record, use score"):
        sample_scheme.score_batch(pd.Series(sample_record()))


def test_scalar_and_two_dimensional_columns_are_named_all_at_once(sample_scheme: Scheme) -> None:
    columns: dict[str, Any] = _columns()
    columns["income"] = 80000
    columns["loss_rate"] = None
    columns["errors_a"] = np.zeros((2, 2))
    with pytest.raises(InputTypeError) as caught:
        sample_scheme.score_batch(columns)
    assert str(caught.value) == (
        "score_batch(): column 'income' is a single value (80000), not a column: give a list "
        "or an array with one value per record; column 'errors_a' has the shape (2, 2): give "
        "one value per record; column 'loss_rate' is a single value (None), not a column: "
        "give a list or an array with one value per record"
    )


def test_a_dataframe_and_numpy_columns_are_columns(sample_scheme: Scheme) -> None:
    frame = pd.DataFrame([sample_record(), sample_record(entity_id="E-2")])
    assert sample_scheme.score_batch(frame).total.tolist() == [74.0, 74.0]
    columns: dict[str, Any] = _columns()
    columns["income"] = np.array([80000.0, 80000.0])
    assert sample_scheme.score_batch(columns).total.tolist() == [74.0, 74.0]


def test_columns_of_different_lengths_stay_a_value_error(sample_scheme: Scheme) -> None:
    columns: dict[str, Any] = _columns()
    columns["income"] = [80000]
    with pytest.raises(InvalidInputError, match="columns must all have the same length"):
        sample_scheme.score_batch(columns)


def test_a_signalling_nan_is_a_bad_value_not_a_crash(sample_scheme: Scheme) -> None:
    with pytest.raises(InvalidInputError) as caught:
        sample_scheme.score(sample_record(income=Decimal("sNaN")))
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        ("income", "must be an amount of money in yuan")
    ]
    columns: dict[str, Any] = _columns()
    columns["income"] = [Decimal("sNaN"), Decimal("80000")]
    with pytest.raises(InvalidInputError) as caught:
        sample_scheme.score_batch(columns)
    assert [(p.row, p.field) for p in caught.value.problems] == [(0, "income")]


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ([[72], [50]], "column 'discipline_score' holds a list in row 1, not one value"),
        ([(72,), 50], "column 'discipline_score' holds a tuple in row 1, not one value"),
        ([72, bytearray(b"9")], "column 'discipline_score' holds a bytearray in row 2"),
        ([72, memoryview(b"9")], "column 'discipline_score' holds a memoryview in row 2"),
        (["90", [1, 2]], "column 'discipline_score' holds a list in row 2"),
        ([72, np.array([1, 2])], "column 'discipline_score' holds a ndarray in row 2"),
        # after an empty cell: `array == None` has no truth value, which once escaped as such
        ([None, np.array([1, 2])], "column 'discipline_score' holds a ndarray in row 2"),
        (
            np.array([None, np.array([1, 2]), None], dtype=object),
            "column 'discipline_score' holds a ndarray in row 2",
        ),
    ],
)
def test_a_cell_that_holds_many_values_is_refused(
    sample_scheme: Scheme, cells: list[Any], words: str
) -> None:
    columns: dict[str, Any] = _columns()
    columns["discipline_score"] = cells
    with pytest.raises(InputTypeError) as caught:
        sample_scheme.score_batch(columns)
    assert words in str(caught.value)


def test_a_generator_is_a_column(sample_scheme: Scheme) -> None:
    columns: dict[str, Any] = _columns()
    columns["income"] = (value for value in [80000, 80000])
    assert sample_scheme.score_batch(columns).total.tolist() == [74.0, 74.0]


def test_a_length_mismatch_names_the_odd_column(sample_scheme: Scheme) -> None:
    columns: dict[str, Any] = _columns()
    columns["income"] = [80000, 80000, 80000]
    with pytest.raises(InvalidInputError) as caught:
        sample_scheme.score_batch(columns)
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        ("income", "columns must all have the same length (2 values, as the others)")
    ]


@pytest.mark.parametrize("value", [np.longdouble(5), np.timedelta64(5, "D"), np.array([1, 2])])
def test_odd_numpy_values_are_bad_values(sample_scheme: Scheme, value: Any) -> None:
    with pytest.raises(InvalidInputError) as caught:
        sample_scheme.score(sample_record(income=value))
    assert [p.field for p in caught.value.problems] == ["income"]


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda s: s.with_params({1: 2}), "parameter names are text"),
        (lambda s: s.with_params("a=b"), r"with_params\(\) takes a mapping"),
    ],
)
def test_with_params_checks_its_argument(sample_scheme: Scheme, call: Any, words: str) -> None:
    with pytest.raises(InputTypeError, match=words):
        call(sample_scheme)


@pytest.mark.parametrize("scheme_id", [None, 5, []])
def test_get_scheme_wants_text(scheme_id: Any) -> None:
    import assesskit

    with pytest.raises(InputTypeError, match="a scheme id is text"):
        assesskit.get_scheme(scheme_id)
