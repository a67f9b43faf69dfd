"""Edges of the batch path's column reader (``_columns``) that the main tests leave open.

Each test pins behaviour a caller sees: the values, bad rows and rules
:func:`~assesskit._columns.check_column` hands to the engine, the floats
:func:`~assesskit._columns.plain_decimals` reads from texts (also used by the
streaming CLI), and that text and float columns stay vectorised.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from tests.core._outcome_schemes import outcome_scheme

import assesskit._columns
import assesskit.scoring.batch
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
from assesskit._columns import as_array, check_column, missing_column, plain_decimals
from assesskit.intervals import Interval
from assesskit.metrics import ValueRejected
from assesskit.rules import Boolean

LABEL = Text("x", "某")
MONEY = Metric("pay", MetricKind.MONEY, LABEL, required=False)
RATIO = Metric("rate", MetricKind.RATIO, LABEL, required=False)
FLAG = Metric("ok", MetricKind.FLAG, LABEL)
NUMBER = Metric("num", MetricKind.NUMBER, LABEL, required=False).unbounded()
MICRO = Metric("micro", MetricKind.NUMBER, LABEL, required=False, max_decimals=6).unbounded()
RATING = Metric("score", MetricKind.RATING, LABEL, required=False)
COUNT = Metric("n", MetricKind.COUNT, LABEL, required=False)
DATE = Metric("day", MetricKind.DATE, LABEL, required=False)
OPEN = Metric(
    "open",
    MetricKind.NUMBER,
    LABEL,
    required=False,
    domain=Interval(0, 1, lower_closed=False, upper_closed=False),
)
#: counts declared with a number of decimals: they still take whole numbers only
WHOLE_COUNT = Metric("n0", MetricKind.COUNT, LABEL, required=False, max_decimals=0)
COUNT_WITH_DECIMALS = Metric("n2", MetricKind.COUNT, LABEL, required=False, max_decimals=2)


def exact_rule(metric: Metric, value: object) -> str | None:
    """The rule the exact path (one record) names for *value*, ``None`` when it is read."""
    try:
        metric.parse(value)
    except ValueRejected as exc:
        return str(exc)
    return None


def refused(metric: Metric, values: Any) -> list[tuple[int, str]]:
    """The (row, rule) of every value :func:`check_column` refuses."""
    checked = check_column(metric, np.asarray(values))
    return list(zip(checked.bad_rows.tolist(), checked.bad_rules, strict=True))


@pytest.fixture
def one_by_one(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the columns read cell by cell (the per-element parser)."""
    sizes: list[int] = []
    elementwise = assesskit._columns._elementwise

    def counting(metric: Metric, raw: Any, numeric: bool) -> Any:
        sizes.append(len(raw))
        return elementwise(metric, raw, numeric)

    monkeypatch.setattr(assesskit._columns, "_elementwise", counting)
    return sizes


# -- plain decimals ------------------------------------------------------------------------


def test_a_colon_is_not_a_digit() -> None:
    # ":" is the character after "9": "1:5" is no number, and the parser refuses it
    assert plain_decimals(["1:5"]) is None
    assert plain_decimals([":"]) is None
    rule = "must be an amount of money in yuan"
    assert exact_rule(MONEY, "1:5") == rule
    assert refused(MONEY, np.array(["2", "1:5"], dtype=object)) == [(1, rule)]


def test_plain_decimals_read_percent_texts_of_a_ratio() -> None:
    # 7 / 100, 10 / 100, 5 / 1000, -2 / 100, 12.5 / 100: as float() reads "0.07", "0.1", ...
    out = plain_decimals(["7%", "10%", "0.5%", "-2%", "12.5%", ""], percent=True)
    assert out is not None
    assert out.tolist()[:5] == [0.07, 0.1, 0.005, -0.02, 0.125]
    assert math.isnan(out[5])
    # without percent (any metric but a ratio) a percent sign is not plain
    assert plain_decimals(["7%"]) is None


@pytest.mark.parametrize("text", ["7.%", "-%", "%", "%7", "7%%", "7%5", "+%", "1.5.%"])
def test_percent_texts_that_are_not_plain(text: str) -> None:
    # a point or a sign right before the percent sign, or a sign not last: left to the parser
    assert plain_decimals([text, "7%"], percent=True) is None


# -- flags ---------------------------------------------------------------------------------


def test_a_flag_column_parsed_one_by_one_holds_booleans() -> None:
    checked = check_column(FLAG, np.array(["yes", "no", None, True], dtype=object))
    data = checked.value.data
    # booleans, as a bool column hands them over: a rule can negate them
    assert data.dtype == np.bool_
    assert (~data).tolist() == [False, True, True, False]
    assert checked.value.missing.tolist() == [False, False, True, False]  # type: ignore[union-attr]


def test_a_flag_column_without_values_holds_booleans() -> None:
    data = missing_column(FLAG, 2).data
    assert data.dtype == np.bool_
    assert (~data).tolist() == [True, True]
    checked = check_column(FLAG, np.array([None, ""], dtype=object))
    assert (~checked.value.data).tolist() == [True, True]


# -- bad rows ------------------------------------------------------------------------------


def test_the_bad_rows_of_a_column_read_one_by_one_index_it() -> None:
    # texts the parser reads ("1e3" is not plain): no bad row, and the empty list indexes
    raw = np.array(["1e3", "2.5e1"], dtype=object)
    checked = check_column(MONEY, raw)
    assert checked.value.data.tolist() == [1000.0, 25.0]
    assert raw[checked.bad_rows].tolist() == []
    raw = np.array(["1e3", "lots"], dtype=object)
    checked = check_column(MONEY, raw)
    assert raw[checked.bad_rows].tolist() == ["lots"]
    # read vectorised, from floats or texts; checked row by row (10**10 × 10**6 passes 2**53,
    # which the quick screen leaves to the row-by-row check); without any value: no bad row
    for metric, raw in (
        (MONEY, np.array([1.5, 2.0])),
        (MONEY, np.array(["1.5", "2"], dtype=object)),
        (MICRO, np.array([1e10, 0.5])),
        (DATE, np.array([None, ""], dtype=object)),
        (FLAG, np.array([True, False])),
    ):
        assert raw[check_column(metric, raw).bad_rows].tolist() == []


@pytest.mark.parametrize(
    ("metric", "value"),
    [
        (MONEY, -1.234),  # three decimals, below 0
        (COUNT, -1.5),  # not whole, below 0
        (MONEY, -math.inf),  # not a number, and too large
    ],
)
def test_a_value_breaking_several_rules_is_refused_once(metric: Metric, value: float) -> None:
    # with the first rule it breaks, in the order the exact path checks them
    rule = exact_rule(metric, value)
    assert rule is not None
    assert refused(metric, np.array([value, 2.0])) == [(0, rule)]


# -- counts declared with decimals ---------------------------------------------------------


@pytest.mark.parametrize("metric", [WHOLE_COUNT, COUNT_WITH_DECIMALS])
def test_a_count_declared_with_decimals_takes_whole_numbers(metric: Metric) -> None:
    rule = "must be a whole number >= 0"
    assert exact_rule(metric, 1.5) == rule
    assert refused(metric, np.array([3.0, 1.5, 0.0])) == [(1, rule)]
    checked = check_column(metric, np.array([3.0, 0.0, math.nan]))
    assert checked.value.data.tolist()[:2] == [3.0, 0.0]
    assert checked.value.missing.tolist() == [False, False, True]  # type: ignore[union-attr]


# -- float columns -------------------------------------------------------------------------


def test_a_large_negative_value_of_an_unbounded_number_is_refused() -> None:
    # no domain: only the 15 digits before the point bound it, below 0 as above
    rule = "must have at most 15 digits before the decimal point"
    assert exact_rule(NUMBER, -1e16) == rule
    assert refused(NUMBER, np.array([-1e16, 1.0])) == [(0, rule)]
    assert refused(NUMBER, np.array([1.0, -1e15])) == [(1, rule)]


def test_a_bad_value_after_a_block_without_values_is_refused() -> None:
    # the first 65,536 rows (one screened block) have no value; the bad one is in the next
    values = np.full(assesskit._columns.SCREEN_ROWS + 2, math.nan)
    values[-1] = -1.0
    assert refused(MONEY, values) == [(len(values) - 1, "must be within [0, ∞)")]


def test_percent_texts_with_gaps_stay_vectorised(one_by_one: list[int]) -> None:
    # a ratio's column as pandas reads it from a CSV file: texts, NaN for an empty cell
    raw = np.array(["7%", math.nan, "0.5", None, "12.5%"], dtype=object)
    checked = check_column(RATIO, raw)
    assert checked.value.data.tolist()[::2] == [0.07, 0.5, 0.125]
    assert checked.value.missing.tolist() == [False, True, False, True, False]  # type: ignore[union-attr]
    assert one_by_one == []


@pytest.mark.parametrize(
    ("metric", "values"),
    [
        (MONEY, [0.0, 1.5, math.nan, 12.25]),  # at the closed lower end, fen, a gap
        (MONEY, ["0", "1.5", "", "12.25"]),  # the same as texts
        (RATING, [100.0, 0.0, 99.5]),  # at both closed ends
        (OPEN, [0.5, 0.25, 0.999]),  # inside both open ends
        (COUNT, np.array([0, 3, 12])),  # integers
        (COUNT, np.array([0, 3, 12], dtype=np.uint8)),
        (MICRO, [0.123456, -1.5]),
    ],
)
def test_a_clean_float_column_is_screened_in_one_pass(
    metric: Metric, values: Any, checked_row_by_row: list[int], one_by_one: list[int]
) -> None:
    # what the batch reads costs no more than a few reductions over the column
    raw = np.array(values, dtype=object if isinstance(values[0], str) else None)
    checked = check_column(metric, raw)
    expected = [math.nan if v == "" else float(v) for v in values]
    assert checked.value.data.tolist() == pytest.approx(expected, nan_ok=True)
    assert len(checked.bad_rows) == 0
    assert checked_row_by_row == one_by_one == []


def test_values_beside_one_too_large_to_scale_exactly_are_still_checked() -> None:
    # 10**10 × 10**6 passes 2**53: the screen leaves this column to the row-by-row check,
    # which still refuses 0.1234567 (7 decimals), on the first block as on the next
    rule = "must have at most 6 decimals"
    assert exact_rule(MICRO, 0.1234567) == rule
    assert refused(MICRO, np.array([1e10, 0.1234567])) == [(1, rule)]
    values = np.full(assesskit._columns.SCREEN_ROWS + 2, 0.5)
    values[0] = 1e10
    values[-1] = 0.1234567
    assert refused(MICRO, values) == [(len(values) - 1, rule)]


def test_a_value_too_large_to_scale_is_refused_without_a_warning() -> None:
    # 1e308 × 100 overflows float64: the check must neither warn nor fail on it
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert refused(MONEY, np.array([1e308, 1.0])) == [
            (0, "must have at most 13 digits before the decimal point")
        ]


# -- through a whole batch ----------------------------------------------------------------


def score_micro(values: Any, *, required: bool = False) -> Any:
    """*values* as the input of a scheme publishing ``micro >= 0.5`` (a flag) and ``micro``."""
    micro = Metric("micro", MetricKind.NUMBER, LABEL, required=required, max_decimals=6)
    scheme = Scheme(
        id="test.columns.micro",
        version="1",
        title=LABEL,
        period=PeriodKind.MONTHLY,
        metrics=[FLAG, micro.unbounded()],
        components=[Component("c", LABEL, 100, Boolean("ok"))],
        outcomes=[
            Outcome("half", LABEL, Input("micro") >= 0.5, "flag"),
            Outcome("micro", LABEL, Input("micro"), "number"),
        ],
    )
    return scheme.score_batch({"ok": np.ones(len(values), dtype=bool), "micro": values})


def test_a_column_checked_row_by_row_is_compared_in_float() -> None:
    # the values of a column that took the row-by-row check are as exact as floats read
    # directly: 0.5 >= 0.5 is decided in float, no row re-scored exactly
    batch = score_micro(np.array([1e10, 0.5, 0.25]))
    assert batch.outcomes["half"].tolist() == [True, True, False]
    assert batch.exact_rows == 0


def test_a_required_column_checked_row_by_row_names_each_row_without_a_value() -> None:
    # NaN in row 0 (no value), -1.5e-7 in row 1 (7 decimals): one problem each
    with pytest.raises(InvalidInputError) as caught:
        score_micro(np.array([math.nan, -1.5e-7, 2.0]), required=True)
    assert [(p.row, p.field, p.rule) for p in caught.value.problems] == [
        (0, "micro", "is required"),
        (1, "micro", "must have at most 6 decimals"),
    ]


# -- what stays vectorised ----------------------------------------------------------------


def test_percent_texts_stay_vectorised(one_by_one: list[int]) -> None:
    checked = check_column(RATIO, np.array(["7%", "0.5", "12.5%"], dtype=object))
    assert checked.value.data.tolist() == [0.07, 0.5, 0.125]
    assert one_by_one == []


@pytest.mark.parametrize("metric", [DATE, FLAG, MONEY])
def test_a_column_without_values_is_not_read_one_by_one(
    metric: Metric, one_by_one: list[int]
) -> None:
    checked = check_column(metric, np.array([None, "", math.nan], dtype=object))
    assert checked.value.missing.tolist() == [True, True, True]  # type: ignore[union-attr]
    assert one_by_one == []


def test_a_date_written_as_digits_is_refused() -> None:
    # "20260105" is a plain decimal, but no date: the parser of the date refuses it
    rule = "must be a date YYYY-MM-DD"
    assert exact_rule(DATE, "20260105") == rule
    assert refused(DATE, np.array(["2026-01-05", "20260105"], dtype=object)) == [(1, rule)]
    assert refused(DATE, np.array(["20260105", "20260106"], dtype=object)) == [(0, rule), (1, rule)]


# -- more columns ------------------------------------------------------------------------


def test_a_bool_column_of_a_flag_is_handed_over_as_it_is() -> None:
    raw = np.array([True, False])
    checked = check_column(FLAG, raw)
    assert checked.value.data is raw
    missing = checked.value.missing
    assert missing is not None
    assert (~missing).tolist() == [True, True]  # a boolean mask: every row has a value
    assert checked.value.faithful


def test_a_list_of_whole_numbers_reads_as_floats() -> None:
    # as a list of floats does: a numeric column, whatever the kinds of its numbers
    column = as_array([3, 0, 7])
    assert column.dtype == np.float64
    assert column.tolist() == [3.0, 0.0, 7.0]


# -- one metric through a whole batch ---------------------------------------------------


def score_one(metric: Metric, values: Any) -> Any:
    """*values* as the input of a scheme publishing ``4 × x`` for *metric* ``x``."""
    four = Outcome("four", LABEL, Input(metric.name) * 3 + Input(metric.name), "number")
    scheme = outcome_scheme([four], [metric])
    return scheme.score_batch({"ok": np.ones(len(values), dtype=bool), metric.name: values})


def test_whole_numbers_of_a_metric_with_one_decimal() -> None:
    # read as tenths: 3 is 30 tenths, and 4 × 3 = 12
    tenths = Metric("x", MetricKind.NUMBER, LABEL, required=False, max_decimals=1).unbounded()
    batch = score_one(tenths, np.array([3.0, 2.0, 10.0]))
    assert batch.outcomes["four"].tolist() == [12.0, 8.0, 40.0]
    batch = score_one(tenths, np.array([3.0, 2.5]))
    assert batch.outcomes["four"].tolist() == [12.0, 10.0]


def test_a_batch_refuses_a_large_negative_value_of_an_unbounded_number() -> None:
    x = Metric("x", MetricKind.NUMBER, LABEL, required=False).unbounded()
    for values in (np.array([-1e15, 1.0]), np.array([1.0, 1e15])):
        with pytest.raises(InvalidInputError) as caught:
            score_one(x, values)
        problems = [(p.field, p.rule) for p in caught.value.problems]
        assert problems == [("x", "must have at most 15 digits before the decimal point")]


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a batch was validated column by column (after failing its screen)."""
    calls: list[int] = []
    validate = assesskit.scoring.batch.validate_columns

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return validate(*args, **kwargs)

    monkeypatch.setattr(assesskit.scoring.batch, "validate_columns", counting)
    return calls


def test_a_valid_batch_is_screened_not_validated(validated: list[int]) -> None:
    # 4e9 with 6 decimals is 4e15 millionths, below 2**52: read as exact decimals at once
    micro = Metric("x", MetricKind.NUMBER, LABEL, required=False, max_decimals=6).unbounded()
    batch = score_one(micro, np.array([4e9, 0.5]))
    assert batch.outcomes["four"].tolist() == [16e9, 2.0]
    assert validated == []
