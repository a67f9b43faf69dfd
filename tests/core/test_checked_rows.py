"""The domain of a float column checked row by row, as a batch names its bad values.

A float column with a value the quick screen cannot pass (here: one outside
the metric's domain) is checked row by row (vectorised), and every value
outside the domain is named with ``must be within <interval>``, a ratio's
rule with the hint how to write one. Each end, open or closed, is tried at
the end itself, on the float just inside it and on the float just outside;
the exact path (one record) names the same rule for the same value.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from tests.core._outcome_schemes import outcome_scheme

from assesskit import (
    InvalidInputError,
    Metric,
    MetricKind,
    Scheme,
    Text,
)
from assesskit.intervals import Interval

LABEL = Text("x", "某")
FLAG = Metric("ok", MetricKind.FLAG, LABEL)

#: the floats next to the ends 2 and 10: floats lie 2**-52 apart just below 2, 2**-51 just
#: above it, and 2**-49 apart around 10 (from 8 to 16)
BELOW_2 = 2 - 2**-52  # 1.9999999999999998
ABOVE_2 = 2 + 2**-51  # 2.0000000000000004
BELOW_10 = 10 - 2**-49  # 9.999999999999998
ABOVE_10 = 10 + 2**-49  # 10.000000000000002
#: each end, then the float on either side of it
AROUND_BOTH_ENDS = [BELOW_2, 2.0, ABOVE_2, BELOW_10, 10.0, ABOVE_10]

RATIO_RULE = 'must be within [0, 1] (a ratio: 0.07 or "7%")'


def number(domain: Interval) -> Metric:
    """An optional number ``x`` taking the values of *domain*."""
    return Metric("x", MetricKind.NUMBER, LABEL, required=False, domain=domain)


def scheme(metric: Metric) -> Scheme:
    """A flag ``ok`` worth 100 points, beside *metric* as a second input."""
    return outcome_scheme([], [metric])


def batch_problems(metric: Metric, values: list[float]) -> list[tuple[int | None, str, Any, str]]:
    """The (row, field, value, rule) of every problem of a batch with *values* as *metric*."""
    column = np.array(values, dtype=np.float64)
    with pytest.raises(InvalidInputError) as caught:
        scheme(metric).score_batch({"ok": np.ones(len(values), dtype=bool), metric.name: column})
    return [(p.row, p.field, p.value, p.rule) for p in caught.value.problems]


def exact_problems(metric: Metric, value: float) -> list[tuple[str, Any, str]]:
    """The (field, value, rule) of every problem of one record with *value* as *metric*."""
    try:
        scheme(metric).score({"ok": True, metric.name: value})
    except InvalidInputError as exc:
        return [(p.field, p.value, p.rule) for p in exc.problems]
    return []


def assert_same_on_the_exact_path(metric: Metric, values: list[float], bad: dict[int, str]) -> None:
    """One record at a time, the exact path refuses the rows in *bad* with the same rule."""
    for row, value in enumerate(values):
        expected = [(metric.name, value, bad[row])] if row in bad else []
        assert exact_problems(metric, value) == expected, (row, value)


@pytest.mark.parametrize(
    ("domain", "bad"),
    [
        # open at 2: 2 itself and the float below it are refused, the float above is read
        (Interval(2, 10, lower_closed=False), {0: "(2, 10]", 1: "(2, 10]", 5: "(2, 10]"}),
        # open at 10: 10 itself and the float above it are refused, the float below is read
        (Interval(2, 10, upper_closed=False), {0: "[2, 10)", 4: "[2, 10)", 5: "[2, 10)"}),
        # both open: both ends refused
        (
            Interval(2, 10, lower_closed=False, upper_closed=False),
            {0: "(2, 10)", 1: "(2, 10)", 4: "(2, 10)", 5: "(2, 10)"},
        ),
        # both closed: both ends read, only the floats outside refused
        (Interval(2, 10), {0: "[2, 10]", 5: "[2, 10]"}),
    ],
    ids=["open-closed", "closed-open", "open-open", "closed-closed"],
)
def test_each_end_is_checked_at_the_end_and_on_either_side(
    domain: Interval, bad: dict[int, str], checked_row_by_row: list[int]
) -> None:
    metric = number(domain)
    rules = {row: f"must be within {interval}" for row, interval in bad.items()}
    expected = [(row, "x", AROUND_BOTH_ENDS[row], rule) for row, rule in sorted(rules.items())]
    assert batch_problems(metric, AROUND_BOTH_ENDS) == expected
    assert checked_row_by_row == [6]
    assert_same_on_the_exact_path(metric, AROUND_BOTH_ENDS, rules)


@pytest.mark.parametrize(
    ("domain", "values", "bad"),
    [
        # no upper end: a large value is read, and a missing one is not named
        (Interval.above(2), [2.0, ABOVE_2, 1e9, math.nan], {0: "must be within (2, ∞)"}),
        (Interval.at_least(2), [BELOW_2, 2.0, 1e9], {0: "must be within [2, ∞)"}),
        # no lower end: a large negative value is read
        (Interval.below(10), [-1e9, BELOW_10, 10.0], {2: "must be within (-∞, 10)"}),
        (Interval.at_most(10), [math.nan, 10.0, ABOVE_10], {2: "must be within (-∞, 10]"}),
    ],
    ids=["above", "at-least", "below", "at-most"],
)
def test_a_domain_with_one_end(
    domain: Interval, values: list[float], bad: dict[int, str], checked_row_by_row: list[int]
) -> None:
    metric = number(domain)
    expected = [(row, "x", values[row], rule) for row, rule in sorted(bad.items())]
    assert batch_problems(metric, values) == expected
    assert checked_row_by_row == [len(values)]
    assert_same_on_the_exact_path(metric, values, bad)


@pytest.mark.parametrize(
    ("domain", "values", "rule"),
    [
        # below the lower end, with a value under the upper end: each end is a limit of its own
        (Interval(2, 10, upper_closed=False), [1.0, 9.0], "must be within [2, 10)"),
        (Interval(2, 10), [1.0, 10.0], "must be within [2, 10]"),
        (Interval(2, 10, lower_closed=False), [2.0, 3.0], "must be within (2, 10]"),
        # above the upper end, with a value over the lower end
        (Interval(2, 10, upper_closed=False), [10.0, 3.0], "must be within [2, 10)"),
        (Interval(2, 10), [11.0, 2.0], "must be within [2, 10]"),
    ],
    ids=["below-closed-open", "below-closed", "at-open-lower", "at-open-upper", "above-closed"],
)
def test_a_value_outside_one_end_is_refused_beside_one_inside_the_other(
    domain: Interval, values: list[float], rule: str, checked_row_by_row: list[int]
) -> None:
    metric = number(domain)
    assert batch_problems(metric, values) == [(0, "x", values[0], rule)]
    assert checked_row_by_row == [2]
    assert_same_on_the_exact_path(metric, values, {0: rule})


def test_a_ratio_outside_its_domain_is_named_with_the_hint(
    checked_row_by_row: list[int],
) -> None:
    # [0, 1], both ends closed: 7 written for 7% is refused with how to write a ratio
    ratio = Metric("rate", MetricKind.RATIO, LABEL, required=False)
    values = [0.5, 7.0, -0.07, 0.0, 1.0, 1 + 2**-52]
    bad = {1: RATIO_RULE, 2: RATIO_RULE, 5: RATIO_RULE}
    assert batch_problems(ratio, values) == [
        (1, "rate", 7.0, RATIO_RULE),
        (2, "rate", -0.07, RATIO_RULE),
        (5, "rate", 1 + 2**-52, RATIO_RULE),
    ]
    assert checked_row_by_row == [6]
    assert_same_on_the_exact_path(ratio, values, bad)


def test_a_number_outside_its_domain_is_named_without_the_hint() -> None:
    # the hint is for ratios: a number on [0, 1] is refused with the interval alone
    metric = number(Interval(0, 1))
    assert batch_problems(metric, [7.0, 0.5]) == [(0, "x", 7.0, "must be within [0, 1]")]
    assert exact_problems(metric, 7.0) == [("x", 7.0, "must be within [0, 1]")]
