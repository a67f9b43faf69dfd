"""Expressions that choose between values (``Where``, ``Max``, ``Min``): their values on both
paths, their words, the types they refuse and their ranges. Values computed by hand.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from tests.core._outcome_schemes import (
    OPTIONAL,
    RATE,
    SALARY,
    X,
    Y,
    batch_of,
    exact_values,
    one_outcome,
    outcome_scheme,
    same,
)

from assesskit import (
    Const,
    Input,
    Max,
    Min,
    NextPeriod,
    NoValue,
    Scheme,
    SchemeDefinitionError,
    Text,
    Veto,
    Where,
)
from assesskit.expressions import Expr
from assesskit.scoring.batch import score_columns, score_columns_detail
from assesskit.testing._reach import unreached_parts

LABEL = Text("x", "某")
NAN = float("nan")


def problems(expr: Expr, kind: str = "number") -> list[str]:
    try:
        one_outcome(expr, kind, metrics=(X, SALARY, RATE))
    except SchemeDefinitionError as exc:
        return list(exc.problems)
    return []


def test_words() -> None:
    assert Where(Input("x") > 1, Input("y"), 0).words() == "y if x > 1, else 0"
    assert Max(Input("x"), 0).words() == "max(x, 0)"
    assert Min(Input("x") + 1, Input("y")).words() == "min(x + 1, y)"


def test_words_of_a_choice_inside_another_expression() -> None:
    # without the parentheses, "y if x > 1, else 0 × 2" reads as 0 × 2 on the else path
    choice = Where(Input("x") > 1, Input("y"), 0)
    assert (choice * 2).words() == "(y if x > 1, else 0) × 2"
    assert (Input("z") - choice).words() == "z - (y if x > 1, else 0)"
    inner = Where(Input("x") > 1, Input("y"), Input("z"))
    assert Where(Input("x") > 0, inner, 0).words() == "(y if x > 1, else z) if x > 0, else 0"
    # an else-if chain reads as it is meant without them
    assert Where(Input("x") > 2, 2, inner).words() == "2 if x > 2, else y if x > 1, else z"


def test_where_on_both_paths() -> None:
    # x > 1: y × 0.5, else x × 0.25; rows (x, y) = (2, 3), (1, 3), (3, 0.01)
    expr = Where(Input("x") > 1, Input("y") * Const("0.5"), Input("x") * Const("0.25"))
    scheme = one_outcome(expr, places=2, metrics=(X, Y))
    rows = [{"x": "2", "y": "3"}, {"x": "1", "y": "3"}, {"x": "3", "y": "0.01"}]
    # 1.5; 0.25; 0.005 → 0.01 (a tie, decided exactly)
    assert exact_values(scheme, rows) == [Decimal("1.50"), Decimal("0.25"), Decimal("0.01")]
    batch = batch_of(scheme, {"x": [2.0, 1.0, 3.0], "y": [3.0, 3.0, 0.01]})
    assert batch.outcomes["o"].tolist() == [1.5, 0.25, 0.01]
    assert batch.exact_rows == 0


@pytest.mark.parametrize(
    ("then", "otherwise", "expected"),
    [
        # rows: x = 2 (then), x = 0 (otherwise); opt missing on both
        (Input("opt"), Input("x"), [NAN, 0.0]),
        (Input("x"), Input("opt"), [2.0, NAN]),
        (Input("opt"), NoValue(), [NAN, NAN]),
        (Input("x") * 1, Input("opt") * 1, [2.0, NAN]),
        (Input("opt") * 1, Input("x") * 1, [NAN, 0.0]),
    ],
)
def test_where_is_missing_where_the_branch_taken_is(
    then: Expr, otherwise: Expr, expected: list[float]
) -> None:
    scheme = one_outcome(Where(Input("x") > 1, then, otherwise), metrics=(X, OPTIONAL))
    exact = exact_values(scheme, [{"x": "2"}, {"x": "0"}])
    assert [NAN if v is None else float(v) for v in exact] == pytest.approx(expected, nan_ok=True)
    batch = batch_of(scheme, {"x": [2.0, 0.0], "opt": [None, None]})
    assert same(batch.outcomes["o"].tolist(), expected)


def test_where_with_a_missing_condition_takes_the_other_branch() -> None:
    scheme = one_outcome(Where(Input("opt") > 1, 1, 2), metrics=(X, OPTIONAL))
    assert exact_values(scheme, [{"x": "0"}, {"x": "0", "opt": "5"}]) == [2, 1]
    batch = batch_of(scheme, {"x": [0.0, 0.0], "opt": [None, 5.0]})
    assert batch.outcomes["o"].tolist() == [2.0, 1.0]
    assert batch.exact_rows == 0


def test_where_with_a_condition_in_doubt_is_decided_exactly() -> None:
    # 3 × 0.1 <= 0.3 holds exactly, not in floats: the row is re-scored
    near = Input("x") * Const("0.1") <= Const("0.3")
    scheme = one_outcome(Where(near, Input("x"), 0))
    assert exact_values(scheme, [{"x": "3"}, {"x": "4"}]) == [3, 0]
    batch = batch_of(scheme, {"x": [3.0, 4.0]})
    assert batch.outcomes["o"].tolist() == [3.0, 0.0]
    assert batch.exact_rows == 1


@pytest.mark.parametrize("branch", ["then", "otherwise"])
def test_where_with_a_branch_in_doubt_is_decided_exactly(branch: str) -> None:
    # a branch computed in floats (x / 3 leaves the decimals) that rounds near a tie:
    # 0.015 / 3 × 3 = 0.015 → 0.02; the doubt of the branch taken sends the row to the exact path
    doubtful = Input("x") / 3 * 3
    then, otherwise = (doubtful, Const(5)) if branch == "then" else (Const(5), doubtful)
    scheme = one_outcome(Where(Input("y") > 0, then, otherwise), places=2, metrics=(X, Y))
    rows = [{"x": "0.015", "y": "1"}, {"x": "0.015", "y": "-1"}]
    expected = [0.02, 5.0] if branch == "then" else [5.0, 0.02]
    assert [float(v) for v in exact_values(scheme, rows)] == expected
    batch = batch_of(scheme, {"x": [0.015, 0.015], "y": [1.0, -1.0]})
    assert batch.outcomes["o"].tolist() == expected
    # the row taking the doubtful branch is re-scored; the other one (5) is not
    assert batch.exact_rows == 1


def test_where_of_texts_and_numbers_mixed_with_no_value() -> None:
    scheme = one_outcome(Where(Input("x") > 1, NextPeriod(), "none"), "text")
    record = {"ok": True, "x": "2", "period": "2026-12"}
    assert scheme.score(record).outcome["o"] == "2027-01"
    batch = scheme.score_batch({"ok": [True, True], "x": [2.0, 0.0], "period": ["2026-12"] * 2})
    assert batch.outcomes["o"].tolist() == ["2027-01", "none"]


def test_where_of_constants_everywhere() -> None:
    scheme = one_outcome(Where(Input("x") > 1, Const("0.125"), Const("-0.5")), places=2)
    # 0.125 → 0.13; -0.5
    assert exact_values(scheme, [{"x": "2"}, {"x": "0"}]) == [Decimal("0.13"), Decimal("-0.50")]
    batch = batch_of(scheme, {"x": [2.0, 0.0]})
    assert batch.outcomes["o"].tolist() == [0.13, -0.5]
    assert batch.exact_rows == 0


def test_where_with_branches_past_the_exact_range() -> None:
    # x read with no decimals, 10**11; y with 6; aligned, x would pass 2**52 units: floats
    scheme = one_outcome(Where(Input("x") > 0, Input("x"), Input("y")), places=6, metrics=(X, Y))
    batch = batch_of(scheme, {"x": [1e11, -1.0], "y": [0.000001, 0.000001]})
    assert batch.outcomes["o"].tolist() == [1e11, 0.000001]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        # rows (x, y) = (2, 3), (3, 2), (-1.5, -1.5)
        (Max, [3.0, 3.0, -1.5]),
        (Min, [2.0, 2.0, -1.5]),
    ],
)
def test_max_and_min_on_both_paths(make: Any, expected: list[float]) -> None:
    scheme = one_outcome(make(Input("x"), Input("y")), metrics=(X, Y))
    rows = [{"x": "2", "y": "3"}, {"x": "3", "y": "2"}, {"x": "-1.5", "y": "-1.5"}]
    assert [float(v) for v in exact_values(scheme, rows)] == expected
    batch = batch_of(scheme, {"x": [2.0, 3.0, -1.5], "y": [3.0, 2.0, -1.5]})
    assert batch.outcomes["o"].tolist() == expected
    assert batch.exact_rows == 0


@pytest.mark.parametrize("make", [Max, Min])
def test_max_and_min_of_a_missing_value_are_missing(make: Any) -> None:
    for expr in (make(Input("opt"), Input("x")), make(Input("x"), Input("opt"))):
        scheme = one_outcome(expr, metrics=(X, OPTIONAL))
        assert exact_values(scheme, [{"x": "1"}]) == [None]
        batch = batch_of(scheme, {"x": [1.0, 1.0], "opt": [None, 1.0]})
        assert same(batch.outcomes["o"].tolist(), [NAN, 1.0])


def test_max_with_different_decimals_is_aligned_and_rounded_exactly() -> None:
    # max(x, 0.125) to 2 places: x = 0.1 → 0.125 → 0.13 (a tie); x = 0.135 → 0.14
    scheme = one_outcome(Max(Input("x"), Const("0.125")), places=2)
    assert exact_values(scheme, [{"x": "0.1"}, {"x": "0.135"}]) == [
        Decimal("0.13"),
        Decimal("0.14"),
    ]
    batch = batch_of(scheme, {"x": [0.1, 0.135]})
    assert batch.outcomes["o"].tolist() == [0.13, 0.14]
    assert batch.exact_rows == 0
    # min(x, 0.125) to 2 places: -0.005 → -0.01
    scheme = one_outcome(Min(Input("x"), Const("0.125")), places=2)
    batch = batch_of(scheme, {"x": [-0.005, 1.0]})
    assert batch.outcomes["o"].tolist() == [-0.01, 0.13]
    assert batch.exact_rows == 0


def test_max_of_values_without_exact_decimals() -> None:
    # a third of x has no decimals: max is taken in floats; max(1/3, 0.25) → 0.33
    scheme = one_outcome(Max(Input("x") / 3, Const("0.25")), places=2)
    assert exact_values(scheme, [{"x": "1"}, {"x": "0.3"}]) == [Decimal("0.33"), Decimal("0.25")]
    batch = batch_of(scheme, {"x": [1.0, 0.3]})
    assert batch.outcomes["o"].tolist() == [0.33, 0.25]
    # max(x, 10**11 read with no decimals) with x of 6 decimals: past the exact range, floats
    scheme = one_outcome(Max(Input("x"), Input("y")), places=6, metrics=(X, Y))
    batch = batch_of(scheme, {"x": [0.000001], "y": [1e11]})
    assert batch.outcomes["o"].tolist() == [1e11]


# -- types ---------------------------------------------------------------------------------


def test_where_has_one_type_on_both_branches() -> None:
    assert problems(Where(Input("x") > 1, 1, "none")) == [
        "outcome 'o': 1 if x > 1, else 'none': gives number 1 on one branch and text 'none' on "
        "the other; give one type on both"
    ]
    assert problems(Where(Input("x") > 1, Input("salary"), Input("rate"))) == [
        "outcome 'o': salary if x > 1, else rate: gives money 'salary' or ratio 'rate', which "
        "measure different things"
    ]
    assert problems(Where(Input("x"), 1, 2)) == [
        "outcome 'o': x: the condition of a Where must be a flag (true/false), but this is a "
        "number; compare it with something (> < == ...) to make a condition"
    ]
    # no value goes with any type, on either branch; texts go with texts
    assert problems(Where(Input("x") > 1, NoValue(), Input("salary")), "money") == []
    assert problems(Where(Input("x") > 1, Input("salary"), NoValue()), "money") == []
    assert problems(Where(Input("x") > 1, "a", "b"), "text") == []
    assert problems(Where(Input("x") > 1, Input("salary"), 0), "money") == []


def test_a_text_outcome_needs_text() -> None:
    # a number published as text read "5" on the exact path and "5.0" on the batch path
    assert problems(Const(5), "text") == [
        "outcome 'o': 5: an outcome of kind 'text' needs text, but this is a number"
    ]
    assert problems(Input("x") * 2, "text")[0].startswith("outcome 'o': x × 2: an outcome of")


def test_where_of_money_is_money() -> None:
    # money on both branches is money: compared with a ratio it is refused
    money = Where(Input("x") > 1, Input("salary"), 0)
    assert problems(Where(money > Input("rate"), 1, 0)) == [
        "outcome 'o': (salary if x > 1, else 0) > rate: compares money (salary if x > 1, else 0) "
        "with ratio 'rate', which measure different things"
    ]
    # no value on one branch: the type of the other
    money = Where(Input("x") > 1, NoValue(), Input("salary"))
    assert len(problems(Where(money > Input("rate"), 1, 0))) == 1
    money = Where(Input("x") > 1, Input("salary"), NoValue())
    assert len(problems(Where(money > Input("rate"), 1, 0))) == 1


@pytest.mark.parametrize(("make", "name"), [(Max, "max"), (Min, "min")])
def test_max_and_min_need_numbers_of_one_quantity(make: Any, name: str) -> None:
    assert problems(make(Input("salary"), Input("rate"))) == [
        f"outcome 'o': {name}(salary, rate): takes the {name} of money 'salary' and ratio 'rate', "
        "which measure different things"
    ]
    assert problems(make(Input("x") > 1, 1)) == [
        f"outcome 'o': {name}(x > 1, 1): {name} needs numbers, but a flag (true/false) (x > 1) "
        "is not a number"
    ]
    assert problems(make(1, Const("a"))) == [
        f"outcome 'o': {name}(1, 'a'): {name} needs numbers, but text 'a' is not a number"
    ]
    # the max of money is money
    assert problems(make(Input("salary"), 0) > Input("rate"), "flag") == [
        f"outcome 'o': {name}(salary, 0) > rate: compares money ({name}(salary, 0)) with ratio "
        "'rate', which measure different things"
    ]


# -- ranges --------------------------------------------------------------------------------


def never_fires(condition: Expr) -> list[str]:
    scheme = outcome_scheme([], (X, RATE), vetoes=[Veto("v", LABEL, condition)])
    return [u.message for u in unreached_parts(scheme)]


def _never(words: str, domains: str = "rate is ratio in [0, 1]") -> list[str]:
    return [
        f"veto 'v' ({words}) never fires: over the domains of its inputs it can never hold "
        f"({domains})"
    ]


def test_the_reach_check_bounds_max_and_min() -> None:
    # rate in [0, 1]: max(rate, 0.5) in [0.5, 1]; min(rate, 0.5) in [0, 0.5]
    half = Const("0.5")
    assert never_fires(Max(Input("rate"), half) < Const("0.5")) == _never("max(rate, 0.5) < 0.5")
    assert never_fires(Max(Input("rate"), half) > 1) == _never("max(rate, 0.5) > 1")
    assert never_fires(Max(Input("rate"), half) <= Const("0.5")) == []
    assert never_fires(Min(Input("rate"), half) > Const("0.5")) == _never("min(rate, 0.5) > 0.5")
    assert never_fires(Min(Input("rate"), half) < 0) == _never("min(rate, 0.5) < 0")
    assert never_fires(Min(Input("rate"), half) >= Const("0.5")) == []
    # with x unbounded: max(x, rate) is at least rate's low end, min(x, rate) at most its high
    assert never_fires(Max(Input("x"), Input("rate")) < 0) == _never(
        "max(x, rate) < 0", "rate is ratio in [0, 1]; x is number"
    )
    assert never_fires(Max(Input("rate"), Input("x")) < 0) == _never(
        "max(rate, x) < 0", "rate is ratio in [0, 1]; x is number"
    )
    assert never_fires(Min(Input("x"), Input("rate")) > 1) == _never(
        "min(x, rate) > 1", "rate is ratio in [0, 1]; x is number"
    )
    assert never_fires(Min(Input("rate"), Input("x")) > 1) == _never(
        "min(rate, x) > 1", "rate is ratio in [0, 1]; x is number"
    )
    assert never_fires(Max(Input("x"), Input("rate")) > 1) == []
    assert never_fires(Min(Input("x"), Input("rate")) < 0) == []


def test_the_reach_check_tries_both_branches_of_where() -> None:
    # Where of inputs and constants is tried at the edges of its inputs
    scheme = one_outcome(Where((Input("rate") > 1) & (Input("x") > 0), 1, 0), metrics=(X, RATE))
    (found,) = [u.message for u in unreached_parts(scheme)]
    assert found.startswith("outcome 'o': its value 1 (when rate > 1 and x > 0)")
    scheme = one_outcome(Where(Input("rate") >= 1, 1, 0), metrics=(X, RATE))
    assert unreached_parts(scheme) == []


def test_the_batch_of_an_empty_where() -> None:
    scheme = one_outcome(Where(Input("x") > 1, Input("x"), 0))
    batch = scheme.score_batch({"ok": np.zeros(0, dtype=bool), "x": np.zeros(0)})
    assert batch.outcomes["o"].tolist() == []


# -- choices read by a comparison (their batch form) -----------------------------------------


def flags_without_value(scheme: Scheme, columns: dict[str, Any]) -> list[bool]:
    """The rows flag outcome ``o`` has no value on, on the batch path (``None`` in a frame
    and in the CSV of the command line)."""
    size = len(next(iter(columns.values())))
    _, missing = score_columns_detail(scheme, {"ok": np.ones(size, dtype=bool), **columns})
    return list(missing["o"].tolist())


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        # rows (x, opt) = (2, none), (0, none), (2, 5): x > 1 takes the first branch
        (Where(Input("x") > 1, Input("opt"), Input("x")) > 1, [None, False, True]),
        (Where(Input("x") > 1, Input("x"), Input("opt")) > 1, [True, None, True]),
        (Max(Input("opt"), Input("x")) > 1, [None, None, True]),
        (Max(Input("x"), Input("opt")) > 1, [None, None, True]),
        (Min(Input("opt"), Input("x")) > 1, [None, None, True]),
    ],
)
def test_a_choice_compared_is_missing_where_its_value_is(expr: Expr, expected: list[Any]) -> None:
    scheme = one_outcome(expr, "flag", metrics=(X, OPTIONAL))
    rows = [{"x": "2"}, {"x": "0"}, {"x": "2", "opt": "5"}]
    assert exact_values(scheme, rows) == expected
    columns = {"x": [2.0, 0.0, 2.0], "opt": [None, None, 5.0]}
    assert flags_without_value(scheme, columns) == [e is None for e in expected]


def test_a_choice_of_texts_compared() -> None:
    scheme = one_outcome(Where(Input("x") > 1, "a", "b").equals(Const("b")), "flag")
    assert exact_values(scheme, [{"x": "2"}, {"x": "0"}]) == [False, True]
    assert batch_of(scheme, {"x": [2.0, 0.0]}).outcomes["o"].tolist() == [False, True]


# 3 × 0.1 <= 0.3 holds exactly, not in floats (0.30000000000000004): a condition in doubt
NEAR = Input("x") * Const("0.1") <= Const("0.3")


@pytest.mark.parametrize("branch", ["then", "otherwise"])
def test_a_branch_in_doubt_is_decided_exactly_where_it_is_taken(branch: str) -> None:
    # the branch is x where 0.1 x <= 0.3, else 0: exactly 3 for x = 3, 0 in floats
    doubtful = Where(NEAR, Input("x"), 0)
    then, otherwise = (doubtful, Const(5)) if branch == "then" else (Const(5), doubtful)
    taken = 1 if branch == "then" else -1
    scheme = one_outcome(Where(Input("y") * taken > 0, then, otherwise), metrics=(X, Y))
    # rows (x, y): the doubtful branch at x = 3 and x = 4, then the other branch at x = 3
    rows = [{"x": "3", "y": "1"}, {"x": "4", "y": "1"}, {"x": "3", "y": "-1"}]
    assert [float(v) for v in exact_values(scheme, rows)] == [3.0, 0.0, 5.0]
    batch = batch_of(scheme, {"x": [3.0, 4.0, 3.0], "y": [1.0, 1.0, -1.0]})
    assert batch.outcomes["o"].tolist() == [3.0, 0.0, 5.0]
    # only the row taking the branch at its near tie is re-scored
    assert batch.exact_rows == 1


@pytest.mark.parametrize("make", [Max, Min])
@pytest.mark.parametrize("side", ["left", "right"])
def test_max_and_min_of_a_value_in_doubt_are_decided_exactly(make: Any, side: str) -> None:
    # the doubtful value is exactly 3 for x = 3 (0 in floats); against 1: max 3, min 1
    doubtful, other = Where(NEAR, Input("x"), 0), Const(1)
    expr = make(doubtful, other) if side == "left" else make(other, doubtful)
    scheme = one_outcome(expr)
    expected = [3.0, 1.0] if make is Max else [1.0, 0.0]
    # x = 3: exactly 3; x = 4: 0 (0.4 > 0.3, no doubt)
    assert [float(v) for v in exact_values(scheme, [{"x": "3"}, {"x": "4"}])] == expected
    batch = batch_of(scheme, {"x": [3.0, 4.0]})
    assert batch.outcomes["o"].tolist() == expected
    assert batch.exact_rows == 1


@pytest.mark.parametrize(
    ("expr", "expected", "exact_rows"),
    [
        # of inputs only: their floats are the decimals, a row equal to 1 is decided in floats
        (Max(Input("x"), Input("y")) >= 1, [1.0, 1.0, 0.0], 0),
        (Where(Input("y") > 0, Input("x"), Input("y")) >= 1, [1.0, 1.0, 0.0], 0),
        # a third of x is computed in floats: the row where it is 1 is re-scored
        (Max(Input("x") / 3, Input("y")) >= 1, [1.0, 0.0, 0.0], 1),
        (Max(Input("y"), Input("x") / 3) >= 1, [1.0, 0.0, 0.0], 1),
        (Where(Input("y") > 0, Input("x") / 3, Input("y")) >= 1, [1.0, 0.0, 0.0], 1),
        (Where(Input("y") < 0, Input("y"), Input("x") / 3) >= 1, [1.0, 0.0, 0.0], 1),
    ],
)
def test_comparing_a_choice_near_a_tie(expr: Expr, expected: list[float], exact_rows: int) -> None:
    # rows (x, y) = (3, 0.5), (1, 0.5), (0.5, 0.25): x / 3 is 1, 1/3, 1/6
    scheme = one_outcome(Where(expr, 1, 0), metrics=(X, Y))
    rows = [{"x": "3", "y": "0.5"}, {"x": "1", "y": "0.5"}, {"x": "0.5", "y": "0.25"}]
    assert [float(v) for v in exact_values(scheme, rows)] == expected
    batch = batch_of(scheme, {"x": [3.0, 1.0, 0.5], "y": [0.5, 0.5, 0.25]})
    assert batch.outcomes["o"].tolist() == expected
    assert batch.exact_rows == exact_rows


def test_a_choice_with_an_unknown_input_is_not_typed_further() -> None:
    # only the unknown input is reported, not the comparison of what it would give
    for expr in (
        Max(Input("nope"), Input("salary")),
        Max(Input("salary"), Input("nope")),
        Where(Input("x") > 1, Input("nope"), Input("salary")),
    ):
        assert problems(expr > Input("rate"), "flag") == [
            "outcome 'o': reads unknown metric 'nope'"
        ]


def test_a_choice_of_texts_inside_a_choice_of_texts() -> None:
    expr = Where(Input("x") > 1, Where(Input("x") > 2, NextPeriod(), "b"), "c")
    scheme = one_outcome(expr, "text")
    rows = [{"x": v, "period": "2026-08"} for v in ("3", "2", "0")]
    assert exact_values(scheme, rows) == ["2026-09", "b", "c"]
    batch = batch_of(scheme, {"x": [3.0, 2.0, 0.0], "period": ["2026-08"] * 3})
    assert batch.outcomes["o"].tolist() == ["2026-09", "b", "c"]


# -- choices of texts (their text codes) -------------------------------------------------------


def texts_both(
    expr: Expr, xs: list[str], periods: list[str], chunk_rows: int | None = None
) -> tuple[list[Any], list[Any], int]:
    """Text outcome ``o`` = *expr* on rows of *xs* and *periods*: exact, batch, exact rows."""
    scheme = one_outcome(expr, "text")
    rows = [{"x": x, "period": p} for x, p in zip(xs, periods, strict=True)]
    columns = {"ok": [True] * len(xs), "x": [float(x) for x in xs], "period": periods}
    batch = (
        scheme.score_batch(columns)
        if chunk_rows is None
        else score_columns(scheme, columns, chunk_rows=chunk_rows)
    )
    return exact_values(scheme, rows), batch.outcomes["o"].tolist(), batch.exact_rows


def test_texts_chosen_on_a_condition_in_doubt_are_decided_exactly() -> None:
    # x = 3: 0.1 x <= 0.3 exactly (not in floats), re-scored; x = 4: decided in floats
    exact, batch, exact_rows = texts_both(Where(NEAR, "a", "b"), ["3", "4"], ["2026-08"] * 2)
    assert exact == batch == ["a", "b"]
    assert exact_rows == 1


@pytest.mark.parametrize("branch", ["then", "otherwise"])
def test_texts_of_a_branch_in_doubt_are_decided_exactly(branch: str) -> None:
    inner = Where(NEAR, "a", "b")
    expr = (
        Where(Input("x") > 0, inner, "c") if branch == "then" else Where(Input("x") < 0, "c", inner)
    )
    exact, batch, exact_rows = texts_both(expr, ["3", "4"], ["2026-08"] * 2)
    assert exact == batch == ["a", "b"]
    assert exact_rows == 1


def test_texts_chosen_among_three() -> None:
    # x = 3: a; 2: b; 0: c, the second branch's own choice
    expr = Where(Input("x") > 2, "a", Where(Input("x") > 1, "b", "c"))
    exact, batch, _ = texts_both(expr, ["3", "2", "0"], ["2026-08"] * 3)
    assert exact == batch == ["a", "b", "c"]
    expr = Where(Input("x") > 2, Where(Input("x") > 3, "a", "b"), "c")
    exact, batch, _ = texts_both(expr, ["4", "3", "0"], ["2026-08"] * 3)
    assert exact == batch == ["a", "b", "c"]


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_the_next_period_chosen_on_either_branch(chunk_rows: int | None) -> None:
    periods = ["2026-08", "2026-12", "2026-08", "2026-12"]
    # the next period where x > 1, else "none"; and the other way round
    exact, batch, _ = texts_both(
        Where(Input("x") > 1, NextPeriod(), "none"), ["2", "2", "0", "3"], periods, chunk_rows
    )
    assert exact == batch == ["2026-09", "2027-01", "none", "2027-01"]
    exact, batch, _ = texts_both(
        Where(Input("x") > 1, "none", NextPeriod()), ["2", "0", "0", "3"], periods, chunk_rows
    )
    assert exact == batch == ["none", "2027-01", "2026-09", "none"]
