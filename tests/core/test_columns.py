"""Reading user columns on the batch path (``_columns``): lists, numpy arrays and texts read
vectorised, every bad value refused with the rule the exact path names, missing cells as none.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from assesskit import (
    Component,
    Input,
    InvalidInputError,
    Metric,
    MetricKind,
    Outcome,
    PeriodKind,
    Scheme,
    Text,
)
from assesskit._columns import (
    as_array,
    check_column,
    every_cell_none,
    missing_column,
    plain_decimals,
    screen_block,
    without_values,
)
from assesskit.intervals import Interval
from assesskit.rules import Boolean

LABEL = Text("x", "某")
MONEY = Metric("pay", MetricKind.MONEY, Text("pay", "工資"), required=False)
RATIO = Metric("rate", MetricKind.RATIO, Text("rate", "比率"), required=False)
COUNT = Metric("n", MetricKind.COUNT, Text("n", "數"), required=False)
YEAR = Metric("year", MetricKind.YEAR, Text("year", "年"), required=False)
FLAG = Metric("ok", MetricKind.FLAG, Text("ok", "達標"))
RATING = Metric("score", MetricKind.RATING, Text("score", "評分"), required=False)
OPEN = Metric(
    "open",
    MetricKind.NUMBER,
    Text("open", "開"),
    required=False,
    domain=Interval(0, 1, lower_closed=False, upper_closed=False),
)
DATE = Metric("day", MetricKind.DATE, Text("day", "日"), required=False)
NUMBER = Metric("num", MetricKind.NUMBER, Text("num", "數值"), required=False).unbounded()
METRICS = (MONEY, RATIO, COUNT, YEAR, RATING, OPEN, DATE, NUMBER)


def scheme() -> Scheme:
    """A flag worth 100 points, and every other metric published as an outcome (but a date or
    a year, which no outcome kind holds)."""
    outcomes = [
        Outcome(
            m.name,
            LABEL,
            Input(m.name),
            "number" if m.kind.is_numeric else "text",
        )
        for m in METRICS
        if m.kind not in (MetricKind.DATE, MetricKind.YEAR)
    ]
    return Scheme(
        id="test.columns",
        version="1",
        title=LABEL,
        period=PeriodKind.MONTHLY,
        metrics=[FLAG, *METRICS],
        components=[Component("c", LABEL, 100, Boolean("ok"))],
        outcomes=outcomes,
    )


def problems(column: str, values: Any, size: int | None = None) -> list[tuple[int, str]]:
    """The (row, rule) of every problem of the batch with *values* as column *column*."""
    rows = size if size is not None else len(values)
    try:
        scheme().score_batch({"ok": np.ones(rows, dtype=bool), column: values})
    except InvalidInputError as exc:
        # every problem is in that column: (row, rule) names it
        return [(p.row, p.rule) for p in exc.problems if p.field == column]  # type: ignore[misc]
    return []


def one_by_one(column: str, values: Sequence[Any]) -> list[tuple[int, str]]:
    """The same, record by record on the exact path."""
    found = []
    for row, value in enumerate(values):
        try:
            scheme().score({"ok": True, column: value})
        except InvalidInputError as exc:
            found += [(row, p.rule) for p in exc.problems]
    return found


def published(column: str, values: Any) -> list[Any]:
    size = len(values)
    batch = scheme().score_batch({"ok": np.ones(size, dtype=bool), column: values})
    return batch.outcomes[column].tolist()


RATIO_RULE = 'must be within [0, 1] (a ratio: 0.07 or "7%")'


@pytest.mark.parametrize(
    ("column", "values", "expected"),
    [
        (
            "pay",
            [1.5, -1.0, 1.234, math.inf, 1e13, 12.25],
            [
                (1, "must be within [0, ∞)"),
                (2, "must have at most 2 decimals"),
                (3, "must be an amount of money in yuan"),
                (4, "must have at most 13 digits before the decimal point"),
            ],
        ),
        ("rate", [0.5, 1.5, -0.25, 1.0, 0.0], [(1, RATIO_RULE), (2, RATIO_RULE)]),
        (
            "n",
            [1.0, 1.5, -1.0, 3.0],
            [(1, "must be a whole number >= 0"), (2, "must be within [0, ∞)")],
        ),
        ("year", [2026.0, 2026.5], [(1, "must be a year")]),
        (
            "score",
            [100.0, 100.5, 0.0, -0.5],
            [(1, "must be within [0, 100]"), (3, "must be within [0, 100]")],
        ),
        (
            "open",
            [0.5, 0.0, 1.0, 0.999],
            [(1, "must be within (0, 1)"), (2, "must be within (0, 1)")],
        ),
        ("pay", [-math.inf, 2.0], [(0, "must be an amount of money in yuan")]),
    ],
)
def test_every_bad_value_of_a_float_column_with_its_rule(
    column: str, values: list[float], expected: list[tuple[int, str]]
) -> None:
    assert problems(column, np.array(values)) == expected
    assert one_by_one(column, values) == expected


def test_missing_values_in_a_float_column_are_none() -> None:
    assert published("pay", np.array([1.5, math.nan, 2.25])) == pytest.approx(
        [1.5, math.nan, 2.25], nan_ok=True
    )
    # a bad value beside a missing one: only the bad one is refused
    assert problems("pay", np.array([math.nan, -1.0])) == [(1, "must be within [0, ∞)")]
    # every value missing
    assert all(math.isnan(v) for v in published("pay", np.array([math.nan, math.nan])))


def test_integer_columns() -> None:
    assert published("n", np.array([3, 0, 7])) == [3.0, 0.0, 7.0]
    assert problems("n", np.array([3, -1, 7])) == [(1, "must be within [0, ∞)")]
    assert problems("n", np.array([10**15, 1])) == [
        (0, "must have at most 15 digits before the decimal point")
    ]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["1.5", "", "-0.25", "+3", "7."], [1.5, math.nan, -0.25, 3.0, 7.0]),
        (["1", None, "2"], [1.0, math.nan, 2.0]),
        (["1", math.nan, "2"], [1.0, math.nan, 2.0]),
        ([None, None], [math.nan, math.nan]),
        (["", ""], [math.nan, math.nan]),
        (["1e3", "2"], [1000.0, 2.0]),  # an exponent: read by the metric's parser
        (["12%", "2"], None),  # a percent sign: refused for a rating (below)
    ],
)
def test_text_columns(texts: list[Any], expected: list[float] | None) -> None:
    if expected is None:
        assert problems("score", texts) == [
            (0, "must be a rating from 0 to 100; a percent sign is accepted for ratios only")
        ]
        return
    assert published("num", texts) == pytest.approx(expected, nan_ok=True)


def test_percent_texts_of_a_ratio() -> None:
    assert published("rate", ["7%", "0.5", ""]) == pytest.approx([0.07, 0.5, math.nan], nan_ok=True)
    assert problems("rate", ["7%", "150%"]) == [(1, RATIO_RULE)]


def test_texts_that_are_not_plain_decimals() -> None:
    # each is left to the parser of the metric, which reads or refuses it as one record does
    texts = ["1.2.3", "--1", "1-", ".", "-", "abc", " 1", "1 ", "1,5"]
    expected = one_by_one("score", texts)
    assert problems("score", texts) == expected
    # "1 " and " 1" are read (spaces trimmed): not among the problems
    assert {row for row, _ in expected} == {0, 1, 2, 3, 4, 5, 8}


def test_plain_decimals() -> None:
    out = plain_decimals(["1234567890123.5", "-1", "+0.5", "", "0"])
    assert out is not None
    assert out.tolist()[:3] == [1234567890123.5, -1.0, 0.5]
    assert math.isnan(out[3])
    assert out[4] == 0.0
    assert plain_decimals([]) is not None
    assert plain_decimals([]).tolist() == []  # type: ignore[union-attr]
    # 16 characters, a NUL, a non-ASCII digit, a non-text, a sign inside, two points, no digit
    for texts in (
        ["1234567890123456"],
        ["1\x00"],
        ["١"],
        ["1", 2],
        ["1+"],
        ["1.2.3"],
        ["+"],
        ["."],
        ["1e5"],
        ["1 "],
    ):
        assert plain_decimals(texts) is None, texts
    # 15 characters are read
    assert plain_decimals(["123456789012345"]).tolist() == [123456789012345.0]  # type: ignore[union-attr]
    assert plain_decimals(["-.5"]).tolist() == [-0.5]  # type: ignore[union-attr]


def test_as_array() -> None:
    assert as_array([1, 2.5]).dtype == np.float64
    assert as_array([True, 1]).dtype == object
    assert as_array(["1"]).dtype == object
    assert as_array([]).dtype == object
    matrix = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert as_array(matrix).tolist() == [1.0, 2.0, 3.0, 4.0]
    pandas = pytest.importorskip("pandas")
    assert as_array(pandas.Series([1.0, 2.0])).tolist() == [1.0, 2.0]


def test_without_values() -> None:
    assert without_values(np.array([None, None], dtype=object))
    assert without_values(np.array([None, math.nan, ""], dtype=object))
    assert without_values(np.array([math.nan, None], dtype=object))
    assert not without_values(np.array([None, 1], dtype=object))
    assert not without_values(np.array([1, None], dtype=object))
    assert not without_values(np.array([None, "a"], dtype=object))
    assert not without_values(np.array([], dtype=object))
    assert not without_values(np.array([math.nan, math.nan]))  # a float column: not this path


_CELLS = st.sampled_from([None, 0, 0.0, "", "None", False, math.nan, 1])


@given(st.lists(_CELLS, max_size=12), st.integers(1, 3))
def test_every_cell_none_matches_a_look_at_each_cell(cells: list[Any], step: int) -> None:
    column = np.empty(len(cells), dtype=object)
    column[:] = cells
    assert every_cell_none(column) == (bool(cells) and all(c is None for c in cells))
    strided = column[::step]  # not contiguous for a step above 1: looked at cell by cell
    expected = bool(len(strided)) and all(c is None for c in strided.tolist())
    assert every_cell_none(strided) == expected


def test_every_cell_none_is_false_for_typed_columns() -> None:
    assert not every_cell_none(np.array([math.nan, math.nan]))
    assert not every_cell_none(np.zeros(3, dtype=np.intp))


def test_every_cell_none_of_views_and_masked_arrays() -> None:
    column = np.array([1, None, None, None], dtype=object)
    assert every_cell_none(column[1:])  # a view that starts past the first cell
    assert not every_cell_none(column[:2])
    # a masked array is looked at through its list (masked cells listed as None)
    assert every_cell_none(np.ma.array(["a", None], dtype=object, mask=[True, False]))
    assert not every_cell_none(np.ma.array([None, "a"], dtype=object))
    assert every_cell_none(np.ma.array([None, None], dtype=object))


@pytest.mark.parametrize("metric", [MONEY, YEAR, FLAG, DATE])
def test_missing_columns(metric: Metric) -> None:
    value = missing_column(metric, 3)
    assert value.missing.tolist() == [True, True, True]  # type: ignore[union-attr]
    assert value.faithful
    if metric.kind is MetricKind.FLAG:
        assert value.data.tolist() == [False, False, False]
    elif metric.kind is MetricKind.DATE:
        assert value.data.tolist() == [None, None, None]
    else:
        assert all(math.isnan(v) for v in value.data.tolist())


def test_a_column_without_values_reads_as_missing() -> None:
    for raw in ([None, None], ["", None], [math.nan, None]):
        checked = check_column(DATE, np.array(raw, dtype=object))
        assert checked.value.missing.tolist() == [True, True]  # type: ignore[union-attr]
        assert len(checked.bad_rows) == 0


def test_flag_columns() -> None:
    checked = check_column(FLAG, np.array([True, False]))
    assert checked.value.data.tolist() == [True, False]
    assert checked.value.missing.tolist() == [False, False]  # type: ignore[union-attr]
    checked = check_column(FLAG, np.array([True, "no", None, "maybe"], dtype=object))
    assert checked.value.data.tolist() == [True, False, False, False]
    assert checked.value.missing.tolist() == [False, False, True, True]  # type: ignore[union-attr]
    assert (checked.bad_rows.tolist(), checked.bad_rules) == ([3], ("must be true or false",))


def test_a_number_without_a_faithful_float_is_in_doubt() -> None:
    # 0.1234567890123456789 has no float that reads back as it: the row is re-scored exactly
    checked = check_column(RATIO, np.array(["0.1234567890123456789", "0.5"], dtype=object))
    assert checked.value.doubt.tolist() == [True, False]  # type: ignore[union-attr]
    checked = check_column(RATIO, np.array(["0.5", "0.25"], dtype=object))
    assert checked.value.doubt is None


def test_bad_values_in_a_column_parsed_one_by_one() -> None:
    checked = check_column(MONEY, np.array(["lots", "1.5", None, "1e400"], dtype=object))
    assert checked.bad_rows.tolist() == [0, 3]
    assert checked.value.missing.tolist() == [True, False, True, True]  # type: ignore[union-attr]
    assert checked.value.data.tolist()[1] == 1.5
    assert all(math.isnan(checked.value.data[i]) for i in (0, 2, 3))


class TestScreenBlock:
    def test_a_clean_block_of_money_as_fen(self) -> None:
        missing, scaled = screen_block(MONEY, np.array([1.5, 0.25, 3.0]))  # type: ignore[misc]
        assert missing is None
        assert scaled is not None
        assert (scaled.units.tolist(), scaled.places, scaled.bound) == (
            [150.0, 25.0, 300.0],
            2,
            300.0,
        )

    def test_counts_and_years_as_whole_numbers(self) -> None:
        _, scaled = screen_block(COUNT, np.array([3.0, 0.0]))  # type: ignore[misc]
        assert scaled is not None
        assert (scaled.units.tolist(), scaled.places) == ([3.0, 0.0], 0)
        assert screen_block(COUNT, np.array([1.5])) is None
        _, scaled = screen_block(YEAR, np.array([2026.0]))  # type: ignore[misc]
        assert scaled is not None
        assert scaled.places == 0

    def test_missing_rows(self) -> None:
        missing, scaled = screen_block(MONEY, np.array([1.5, math.nan]))  # type: ignore[misc]
        assert missing.tolist() == [False, True]
        assert scaled is not None
        assert scaled.units.tolist() == [150.0, 0.0]
        missing, scaled = screen_block(MONEY, np.array([math.nan, math.nan]))  # type: ignore[misc]
        assert missing.tolist() == [True, True]
        assert scaled is None

    def test_a_metric_without_fixed_decimals(self) -> None:
        assert screen_block(RATIO, np.array([0.5, 0.125])) == (None, None)
        assert screen_block(RATIO, np.zeros(0)) == (None, None)

    @pytest.mark.parametrize(
        ("metric", "values"),
        [
            (MONEY, [-0.01]),  # below the domain
            (MONEY, [1.234]),  # three decimals
            (MONEY, [1e13]),  # 14 digits
            (MONEY, [math.inf]),
            (MONEY, [-math.inf, 1.0]),
            (RATIO, [1.5]),  # above the domain
            (OPEN, [0.0]),  # at an open end
            (OPEN, [1.0]),
            (RATING, [100.5]),
        ],
    )
    def test_a_block_that_may_hold_a_bad_value(self, metric: Metric, values: list[float]) -> None:
        assert screen_block(metric, np.array(values)) is None

    def test_a_block_inside_open_and_closed_ends(self) -> None:
        assert screen_block(OPEN, np.array([0.5, 0.999])) == (None, None)
        assert screen_block(RATING, np.array([0.0, 100.0])) == (None, None)
        assert screen_block(RATIO, np.array([0.0, 1.0])) == (None, None)

    def test_money_near_the_exact_range(self) -> None:
        # 13 digits of yuan with 2 decimals: units up to 10**15, below 2**52
        _, scaled = screen_block(MONEY, np.array([9999999999999.99]))  # type: ignore[misc]
        assert scaled is not None
        assert scaled.units.tolist() == [999999999999999.0]
