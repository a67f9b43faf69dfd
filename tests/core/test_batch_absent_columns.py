"""An optional input absent from a batch, or present with no value, costs the batch path nothing.

The sample scheme's ``salary`` is optional and feeds ``pay``; its
``rating_a`` and ``rating_b`` are optional and feed ``raters``. Whether such
a column is left out, or given with every value missing (NaN, ``None``, empty
texts), the batch must read the same thing -- no value in any row -- and
must not fall back to reading the column value by value (the per-element
parser of :mod:`assesskit._columns`) or to validating the whole batch column
by column before scoring it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record

import assesskit._columns
import assesskit.scoring.batch
from assesskit.errors import InvalidInputError
from assesskit.results import BatchResult
from assesskit.scheme import Scheme
from assesskit.scoring.batch import CHUNK_ROWS

ROWS = CHUNK_ROWS + 4_000  # more than one chunk of rows


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return build_sample_scheme()


def typed_columns(rows: int) -> dict[str, Any]:
    """*rows* copies of the sample record as typed columns (float64, bool, texts)."""
    record = sample_record()
    out: dict[str, Any] = {}
    for name, value in record.items():
        if name in ("entity_id", "period"):
            out[name] = np.full(rows, value, dtype=object)
        elif name == "breach":
            out[name] = np.full(rows, value, dtype=bool)
        else:
            out[name] = np.full(rows, np.nan if value is None else float(value))
    return out


def text_columns(rows: int) -> dict[str, Any]:
    """The sample record as texts, as read from a CSV file ("" for an empty cell)."""
    record = sample_record()
    return {
        name: np.full(rows, "" if value is None else str(value), dtype=object)
        for name, value in record.items()
        if name != "breach"
    } | {"breach": np.full(rows, False, dtype=bool)}


#: Ways of giving a column without a single value.
NO_VALUES: dict[str, Callable[[int], Any] | None] = {
    "absent": None,
    "float NaN": lambda rows: np.full(rows, np.nan),
    "object None": lambda rows: np.full(rows, None, dtype=object),
    "list of None": lambda rows: [None] * rows,
    "object NaN": lambda rows: np.full(rows, float("nan"), dtype=object),
    "empty texts": lambda rows: np.full(rows, "", dtype=object),
    "None and NaN": lambda rows: np.array([None, float("nan")] * (rows // 2), dtype=object),
    "masked None": lambda rows: np.ma.array(np.full(rows, None, dtype=object)),
}


def without(columns: dict[str, Any], name: str, how: str) -> dict[str, Any]:
    rows = len(columns["income"])
    out = {k: v for k, v in columns.items() if k != name}
    make = NO_VALUES[how]
    if make is not None:
        out[name] = make(rows)
    return out


@pytest.fixture
def per_element_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts calls of the per-element column parser and of the whole-batch validation."""
    counts = {"elementwise": 0, "validate": 0}
    elementwise = assesskit._columns._elementwise
    validate = assesskit.scoring.batch.validate_columns

    def counting_elementwise(*args: Any, **kwargs: Any) -> Any:
        counts["elementwise"] += 1
        return elementwise(*args, **kwargs)

    def counting_validate(*args: Any, **kwargs: Any) -> Any:
        counts["validate"] += 1
        return validate(*args, **kwargs)

    # raising=True (the default): renaming either makes this test fail, not pass vacuously
    monkeypatch.setattr(assesskit._columns, "_elementwise", counting_elementwise)
    monkeypatch.setattr(assesskit.scoring.batch, "validate_columns", counting_validate)
    return counts


def assert_same(a: BatchResult, b: BatchResult) -> None:
    np.testing.assert_array_equal(a.total, b.total)
    np.testing.assert_array_equal(a.band_index, b.band_index)
    np.testing.assert_array_equal(a.vetoed, b.vetoed)
    assert a.components.keys() == b.components.keys()
    for name in a.components:
        np.testing.assert_array_equal(a.components[name], b.components[name])
    assert list(a.outcomes) == list(b.outcomes)
    for name in a.outcomes:
        np.testing.assert_array_equal(a.outcomes[name], b.outcomes[name])
    assert a.exact_rows == b.exact_rows == 0


@pytest.mark.parametrize("how", list(NO_VALUES))
def test_a_salary_without_values_leaves_pay_without_value(scheme: Scheme, how: str) -> None:
    # 16 + 5 + 9 + 6 + 6 + 8 + 5 + 9 + 10 = 74.00, band "reduced": pay factor 0.8;
    # pay = salary × 0.8 has no value when the salary has none
    batch = scheme.score_batch(without(typed_columns(ROWS), "salary", how))
    assert set(batch.total.tolist()) == {74.0}
    assert set(batch.band.tolist()) == {"reduced"}
    assert np.isnan(batch.outcomes["pay"]).all()
    assert set(batch.outcomes["bonus"].tolist()) == {0.0}
    with_salary = scheme.score_batch(typed_columns(ROWS))
    assert set(with_salary.outcomes["pay"].tolist()) == {4000.0}  # 5000 × 0.8


def test_a_masked_column_with_values_is_read_as_its_values(scheme: Scheme) -> None:
    columns = typed_columns(8)
    columns["salary"] = np.ma.array(np.full(8, 5000, dtype=object))  # masked, nothing hidden
    assert set(scheme.score_batch(columns).outcomes["pay"].tolist()) == {4000.0}


@pytest.mark.parametrize("how", list(NO_VALUES))
def test_absent_and_all_missing_give_identical_results(scheme: Scheme, how: str) -> None:
    absent = scheme.score_batch(without(typed_columns(ROWS), "salary", "absent"))
    given = scheme.score_batch(without(typed_columns(ROWS), "salary", how))
    assert_same(absent, given)


@pytest.mark.parametrize("how", list(NO_VALUES))
def test_a_constraint_on_columns_without_values_reads_them_as_missing(
    scheme: Scheme, how: str
) -> None:
    # the raters need at least one of rating_a, rating_b: every row breaks it
    columns = without(without(typed_columns(4), "rating_a", how), "rating_b", how)
    with pytest.raises(InvalidInputError) as caught:
        scheme.score_batch(columns)
    problems = [(p.row, p.field, p.rule) for p in caught.value.problems]
    assert problems == [
        (row, "rating_a", "at least one of rating_a, rating_b must be given") for row in range(4)
    ]


@pytest.mark.parametrize("how", list(NO_VALUES))
def test_a_column_without_values_takes_no_per_element_path(
    scheme: Scheme, how: str, per_element_calls: dict[str, int]
) -> None:
    scheme.score_batch(without(typed_columns(ROWS), "salary", how))
    assert per_element_calls == {"elementwise": 0, "validate": 0}


@pytest.mark.parametrize("how", ["absent", "object None", "empty texts", "None and NaN"])
def test_text_columns_stay_vectorised_beside_a_column_without_values(
    scheme: Scheme, how: str, per_element_calls: dict[str, int]
) -> None:
    texts = scheme.score_batch(without(text_columns(ROWS), "salary", how))
    assert per_element_calls["elementwise"] == 0
    assert_same(texts, scheme.score_batch(without(typed_columns(ROWS), "salary", "absent")))


def test_text_columns_with_gaps_stay_vectorised(
    scheme: Scheme, per_element_calls: dict[str, int]
) -> None:
    # decimal texts with None or NaN where a cell is empty (pandas, Dask), not only ""
    texts = text_columns(ROWS)
    typed = typed_columns(ROWS)
    for gap in (None, float("nan")):
        texts["rating_b"] = np.array(["70", gap] * (ROWS // 2), dtype=object)
        typed["rating_b"] = np.array([70.0, np.nan] * (ROWS // 2))
        assert_same(scheme.score_batch(texts), scheme.score_batch(typed))
    assert per_element_calls["elementwise"] == 0
