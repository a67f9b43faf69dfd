"""Expressions built with ``+ - * /``, comparisons and ``& | ~``: their values on both paths,
their words, the types they refuse and the ranges the reach check finds.

Values are computed by hand; ``exact_rows`` counts rows the batch re-scored one by one.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from tests.core._outcome_schemes import (
    OPTIONAL,
    RATE,
    SALARY,
    X,
    Y,
    as_floats,
    batch_of,
    exact_values,
    one_outcome,
    outcome_scheme,
    same,
)

from assesskit import (
    ComponentsWithStatus,
    Const,
    Input,
    Metric,
    MetricKind,
    NoValue,
    Outcome,
    OutcomeRef,
    SchemeDefinitionError,
    Text,
    Veto,
    Vetoed,
    Where,
)
from assesskit.expressions import Arith, Compare, Expr, Logic
from assesskit.scoring.batch import score_columns_detail
from assesskit.testing._reach import unreached_parts

LABEL = Text("x", "某")
COUNT = Metric("n", MetricKind.COUNT, Text("n", "数"))
YEAR = Metric("year", MetricKind.YEAR, Text("year", "年"))
FLAG = Metric("flagged", MetricKind.FLAG, Text("flagged", "旗"))
TYPED = (X, SALARY, RATE, COUNT, YEAR, FLAG)


def problems(expr: Expr, kind: str = "number") -> list[str]:
    """The definition problems of a scheme with the one outcome ``o`` = *expr*."""
    try:
        one_outcome(expr, kind, metrics=TYPED)
    except SchemeDefinitionError as exc:
        return list(exc.problems)
    return []


def veto_problems(condition: Expr) -> list[str]:
    try:
        outcome_scheme([], TYPED, vetoes=[Veto("v", LABEL, condition)])
    except SchemeDefinitionError as exc:
        return list(exc.problems)
    return []


# -- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        (lambda: Input("x") + 1, "x + 1"),
        (lambda: 1 + Input("x"), "1 + x"),
        (lambda: Input("x") - 2, "x - 2"),
        (lambda: 2 - Input("x"), "2 - x"),
        (lambda: Input("x") * 3, "x × 3"),
        (lambda: 3 * Input("x"), "3 × x"),
        (lambda: Input("x") / 4, "x / 4"),
        (lambda: (Input("x") + 1) * (Input("y") - 2), "(x + 1) × (y - 2)"),
        (lambda: Input("x") - (Input("y") / 2), "x - (y / 2)"),
        (lambda: Input("x") < 1, "x < 1"),
        (lambda: Input("x") <= 1, "x <= 1"),
        (lambda: Input("x") > 1, "x > 1"),
        (lambda: Input("x") >= 1, "x >= 1"),
        (lambda: Input("x").equals("a"), "x == 'a'"),
        (lambda: (Input("x") + 1) >= Input("y") * 2, "(x + 1) >= (y × 2)"),
        (lambda: (Input("x") > 1) & Input("ok"), "x > 1 and ok"),
        (lambda: Input("ok") | (Input("x") > 1), "ok or x > 1"),
        (lambda: ~Input("ok"), "not ok"),
        (lambda: ~(Input("x") > 1), "not x > 1"),
        (lambda: ~((Input("x") > 1) & Input("ok")), "not (x > 1 and ok)"),
        (lambda: Const("0.1234567"), "≈0.123457"),
        (lambda: Const(Fraction(1, 4)), "0.25"),
        (lambda: Const(True), "true"),
        (lambda: Const(False), "false"),
        (lambda: Const("abc"), "'abc'"),
    ],
)
def test_words(expr: Any, words: str) -> None:
    # built in the test, so that the operators building it count as covered by it
    assert expr().words() == words


def test_a_veto_explains_itself_in_its_words_in_english_and_by_its_label_in_chinese() -> None:
    veto = Veto("v", Text("low", "过低"), (Input("x") + 1) * 2 < Const("0.5"))
    scheme = outcome_scheme([], (X,), vetoes=[veto])
    result = scheme.score({"ok": True, "x": "-1"})
    assert result.vetoed
    (fired,) = result.vetoes
    assert fired.explanation.en == "((x + 1) × 2) < 0.5 (x = -1): the whole total is 0"
    assert fired.explanation.zh == "过低(x = -1):考核总分为0"
    # (0 + 1) × 2 = 2, not below 0.5
    assert not scheme.score({"ok": True, "x": "0"}).vetoed


# -- values on both paths ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        # rows (x, y) = (7.5, 2.5) and (7.5, 0); a division by 0 gives no value
        (Input("x") + Input("y"), [10.0, 7.5]),
        (Input("x") - Input("y"), [5.0, 7.5]),
        (Input("y") - Input("x"), [-5.0, -7.5]),
        (Input("x") * Input("y"), [18.75, 0.0]),
        (Input("x") / Input("y"), [3.0, None]),
        (Input("y") / Input("x"), [0.333333, 0.0]),  # 1/3 to 6 places
    ],
)
def test_arithmetic_on_both_paths(expr: Expr, expected: list[float | None]) -> None:
    scheme = one_outcome(expr, metrics=(X, Y))
    rows = [{"x": "7.5", "y": "2.5"}, {"x": "7.5", "y": "0"}]
    floats = [float("nan") if e is None else e for e in expected]
    assert same(as_floats(exact_values(scheme, rows)), floats)
    batch = batch_of(scheme, {"x": [7.5, 7.5], "y": [2.5, 0.0]})
    assert same(batch.outcomes["o"].tolist(), floats)


@pytest.mark.parametrize(
    ("op", "opt_right", "opt_left"),
    # x = 2, opt = 4: x op opt, and opt op x
    [("+", 6.0, 6.0), ("-", -2.0, 2.0), ("*", 8.0, 8.0), ("/", 0.5, 2.0)],
)
def test_arithmetic_with_a_missing_side_is_missing(
    op: str, opt_right: float, opt_left: float
) -> None:
    for expr, expected in [
        (Arith(op, Input("x"), Input("opt")), opt_right),
        (Arith(op, Input("opt"), Input("x")), opt_left),
    ]:
        scheme = one_outcome(expr, metrics=(X, OPTIONAL))
        assert exact_values(scheme, [{"x": "2"}, {"x": "2", "opt": "4"}]) == [
            None,
            Decimal(str(expected)).normalize(),
        ]
        batch = batch_of(scheme, {"x": [2.0, 2.0], "opt": [None, 4.0]})
        assert same(batch.outcomes["o"].tolist(), [float("nan"), expected])


def test_float_arithmetic_on_values_without_exact_decimals() -> None:
    # x with 7 decimals: no exact decimals; the sum, product and difference are taken in
    # floats, rounded to 6 places: 0.1234567 + 1 = 1.1234567 → 1.123457
    for expr, expected in [
        (Input("x") + 1, 1.123457),
        (Input("x") - 1, -0.876543),
        (Input("x") * 2, 0.246913),
    ]:
        scheme = one_outcome(expr)
        assert as_floats(exact_values(scheme, [{"x": "0.1234567"}])) == [expected]
        batch = batch_of(scheme, {"x": [0.1234567]})
        assert batch.outcomes["o"].tolist() == [expected]


def test_a_product_keeps_exact_decimals_up_to_twelve_places() -> None:
    # 6 + 6 decimals: 12 places, exact; 0.000005 × 0.000001 = 5e-12 → 1e-11 at 11 places (a tie)
    scheme = one_outcome(Input("x") * Input("y"), places=11, metrics=(X, Y))
    assert exact_values(scheme, [{"x": "0.000005", "y": "0.000001"}]) == [Decimal("1E-11")]
    batch = batch_of(scheme, {"x": [0.000005], "y": [0.000001]})
    assert batch.outcomes["o"].tolist() == [1e-11]
    assert batch.exact_rows == 0
    # 6 + 2 decimals times 6 decimals: 0.000005 × 0.000001 × 0.5 needs 13 places: floats, and
    # the tie 2.5e-12 → 3e-12 at 12 places is re-scored
    scheme = one_outcome(Input("x") * Input("y") * Const("0.5"), places=12, metrics=(X, Y))
    batch = batch_of(scheme, {"x": [0.000005], "y": [0.000001]})
    assert batch.outcomes["o"].tolist() == [3e-12]
    assert batch.exact_rows == 1


def test_a_product_past_the_exact_range_is_done_in_floats() -> None:
    # 12345678.91² = 152415787748818.7881 → 152415787748818.79: its units (1234567891²)
    # pass 2**52, so the product is taken in floats, where it is no tie
    scheme = one_outcome(Input("salary") * Input("salary"), "money", metrics=(SALARY,))
    assert exact_values(scheme, [{"salary": "12345678.91"}]) == [Decimal("152415787748818.79")]
    batch = batch_of(scheme, {"salary": [12345678.91]})
    assert batch.outcomes["o"].tolist() == [152415787748818.79]


def test_sums_and_differences_of_different_places_are_aligned() -> None:
    # 1.5 (1 place read as 2) + 0.0025 (4 places) = 1.5025 → 1.503 at 3 places (a tie)
    for expr, expected in [
        (Input("x") + Input("y"), 1.503),
        (Input("x") - Input("y"), 1.498),  # 1.4975 → 1.498
        (Input("y") - Input("x"), -1.498),
    ]:
        scheme = one_outcome(expr, places=3, metrics=(X, Y))
        assert as_floats(exact_values(scheme, [{"x": "1.5", "y": "0.0025"}])) == [expected]
        batch = batch_of(scheme, {"x": [1.5], "y": [0.0025]})
        assert batch.outcomes["o"].tolist() == [expected]
        assert batch.exact_rows == 0


def test_a_sum_that_would_leave_the_exact_range_is_done_in_floats() -> None:
    # 22517998136852.48 read with 2 decimals: units 2**51; the sum of two would reach 2**52,
    # so it is taken in floats (exactly here: twice a float is exact)
    scheme = one_outcome(Input("x") + Input("x"), places=2)
    assert exact_values(scheme, [{"x": "22517998136852.48"}]) == [Decimal("45035996273704.96")]
    batch = batch_of(scheme, {"x": [22517998136852.48]})
    assert batch.outcomes["o"].tolist() == [45035996273704.96]


def test_an_aligned_sum_past_the_exact_range_is_done_in_floats() -> None:
    # 10**11 with 0 decimals, aligned to 6 places: 10**17 units, past 2**52
    scheme = one_outcome(Input("x") + Input("y"), places=6, metrics=(X, Y))
    batch = batch_of(scheme, {"x": [1e11], "y": [0.000001]})
    assert batch.outcomes["o"].tolist() == [100000000000.0]


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        # x = 2 against y = 1, 2, 3
        ("<", [False, False, True]),
        ("<=", [False, True, True]),
        (">", [True, False, False]),
        (">=", [True, True, False]),
        ("==", [False, True, False]),
        ("!=", [True, False, True]),
    ],
)
def test_comparisons_on_both_paths(op: str, expected: list[bool]) -> None:
    scheme = one_outcome(Compare(op, Input("x"), Input("y")), "flag", metrics=(X, Y))
    ys = ["1", "2", "3"]
    assert exact_values(scheme, [{"x": "2", "y": y} for y in ys]) == expected
    batch = batch_of(scheme, {"x": [2.0, 2.0, 2.0], "y": [1.0, 2.0, 3.0]})
    assert batch.outcomes["o"].tolist() == expected
    assert batch.exact_rows == 0


def test_a_comparison_with_a_missing_side_has_no_value() -> None:
    for expr in (Input("opt") > 1, Const(1) < Input("opt")):
        scheme = one_outcome(expr, "flag", metrics=(X, OPTIONAL))
        assert exact_values(scheme, [{"x": "1"}, {"x": "1", "opt": "2"}]) == [None, True]


def test_a_comparison_of_a_computed_value_near_a_tie_is_decided_exactly() -> None:
    # 3 × 0.1 <= 0.3 holds exactly; in floats 3 × 0.1 = 0.30000000000000004 does not
    scheme = one_outcome(Input("x") * Const("0.1") <= Const("0.3"), "flag")
    assert exact_values(scheme, [{"x": "3"}, {"x": "4"}]) == [True, False]
    batch = batch_of(scheme, {"x": [3.0, 4.0]})
    assert batch.outcomes["o"].tolist() == [True, False]
    assert batch.exact_rows == 1  # the near tie only
    # the same on the right: 0.3 >= 3 × 0.1
    scheme = one_outcome(Const("0.3") >= Input("x") * Const("0.1"), "flag")
    batch = batch_of(scheme, {"x": [3.0, 4.0]})
    assert batch.outcomes["o"].tolist() == [True, False]
    assert batch.exact_rows == 1


def test_a_comparison_of_inputs_and_constants_is_exact_in_floats() -> None:
    # both sides are the floats of the decimals the exact path reads: no doubt, even at equality
    scheme = one_outcome(Input("x") >= Const("0.3"), "flag")
    batch = batch_of(scheme, {"x": [0.3, 0.29999999999999993]})
    assert batch.outcomes["o"].tolist() == [True, False]
    assert batch.exact_rows == 0


def test_a_comparison_of_texts() -> None:
    level = Outcome("level", LABEL, Where(Input("x") > 1, "high", "low"), "text")
    high = Outcome("o", LABEL, OutcomeRef("level").equals("high"), "flag")
    scheme = outcome_scheme([level, high])
    assert exact_values(scheme, [{"x": "2"}, {"x": "1"}]) == [True, False]
    batch = batch_of(scheme, {"x": [2.0, 1.0]})
    assert batch.outcomes["o"].tolist() == [True, False]
    assert batch.exact_rows == 0


def test_a_comparison_of_constants_holds_on_every_row() -> None:
    scheme = one_outcome(Where(Const(2) > Const(1), Input("x"), 0))
    batch = batch_of(scheme, {"x": [1.0, 2.0, 3.0]})
    assert batch.outcomes["o"].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        # rows: (x > 1, opt > 1) = (True, True), (True, missing), (False, True), (False, False)
        (lambda a, b: a & b, [True, False, False, False]),
        (lambda a, b: a | b, [True, True, True, False]),
        (lambda a, b: ~a, [False, False, True, True]),
        (lambda a, b: ~b, [False, True, False, True]),  # a missing condition is false: not true
        (lambda a, b: Logic("and", (a, b, a)), [True, False, False, False]),
        (lambda a, b: Logic("or", (~a, b, ~a)), [True, False, True, True]),
    ],
)
def test_conditions_combined_on_both_paths(make: Any, expected: list[bool]) -> None:
    scheme = one_outcome(make(Input("x") > 1, Input("opt") > 1), "flag", metrics=(X, OPTIONAL))
    rows: list[dict[str, str]] = [
        {"x": "2", "opt": "2"},
        {"x": "2"},
        {"x": "0", "opt": "2"},
        {"x": "0", "opt": "0"},
    ]
    assert exact_values(scheme, rows) == expected
    batch = batch_of(scheme, {"x": [2.0, 2.0, 0.0, 0.0], "opt": [2.0, None, 2.0, 0.0]})
    assert batch.outcomes["o"].tolist() == expected
    assert batch.exact_rows == 0


def test_a_condition_in_doubt_is_decided_exactly_through_and_or_not() -> None:
    near = Input("x") * Const("0.1") <= Const("0.3")  # true at 3, doubted in floats
    for expr, expected in [
        (near & (Input("x") > 0), [True, False]),
        ((Input("x") < 0) | near, [True, False]),
        (~near, [False, True]),
    ]:
        scheme = one_outcome(expr, "flag")
        assert exact_values(scheme, [{"x": "3"}, {"x": "4"}]) == expected
        batch = batch_of(scheme, {"x": [3.0, 4.0]})
        assert batch.outcomes["o"].tolist() == expected
        assert batch.exact_rows == 1


def test_text_constants_on_every_row() -> None:
    scheme = one_outcome(Where(Input("x") > 1, "high", "low"), "text")
    assert exact_values(scheme, [{"x": "2"}, {"x": "1"}]) == ["high", "low"]
    batch = batch_of(scheme, {"x": [2.0, 1.0, 3.0]})
    assert batch.outcomes["o"].tolist() == ["high", "low", "high"]


def test_a_truth_constant_as_an_outcome() -> None:
    scheme = one_outcome(Where(Input("x") > 1, True, Const(False)), "flag")
    batch = batch_of(scheme, {"x": [2.0, 1.0]})
    assert batch.outcomes["o"].tolist() == [True, False]


def test_arithmetic_needs_numbers_on_the_exact_path() -> None:
    # a node a plugin builds by hand, past the type check: the exact path names the values
    expr = Arith("+", Const("a"), Const(1))
    with pytest.raises(TypeError, match=r"^'a' \+ 1: arithmetic needs numbers, got 'a' and "):
        expr.exact(None)  # type: ignore[arg-type]


# -- types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "verb"), [("+", "adding"), ("-", "subtracting"), ("*", "multiplying"), ("/", "dividing")]
)
def test_arithmetic_on_a_flag_or_a_text_is_refused(op: str, verb: str) -> None:
    sign = op.replace("*", "×")
    assert problems(Arith(op, Input("flagged"), Const(1))) == [
        f"outcome 'o': flagged {sign} 1: {verb} needs numbers, but flag 'flagged' is not a number"
    ]
    assert problems(Arith(op, Const(1), Const("a"))) == [
        f"outcome 'o': 1 {sign} 'a': {verb} needs numbers, but text 'a' is not a number"
    ]


def test_arithmetic_on_a_year_is_refused() -> None:
    for expr in (Input("year") + 1, 1 + Input("year"), Input("year") * 2):
        assert problems(expr) == [
            f"outcome 'o': {expr.words()}: a year is a whole year, not a number to compute with"
        ]
    # compared, a year is fine
    assert problems(Input("year") > 2020, "flag") == []


def test_sums_of_different_quantities_are_refused() -> None:
    assert problems(Input("salary") + Input("rate")) == [
        "outcome 'o': salary + rate: adds money 'salary' to ratio 'rate', which measure "
        "different things"
    ]
    assert problems(Input("rate") - Input("n")) == [
        "outcome 'o': rate - n: subtracts count 'n' from ratio 'rate', which measure "
        "different things"
    ]
    # a plain number goes with any quantity
    assert problems(Input("salary") + 1, "money") == []


@pytest.mark.parametrize(
    ("expr", "refused"),
    [
        # money × ratio is money, ratio × money too: not comparable with a ratio
        (lambda: Input("salary") * Input("rate") > Input("rate"), "money (salary × rate)"),
        (lambda: Input("rate") * Input("salary") > Input("rate"), "money (rate × salary)"),
        # money / 2 is money; 2 × money is money
        (lambda: Input("salary") / 2 > Input("rate"), "money (salary / 2)"),
        (lambda: 2 * Input("salary") > Input("rate"), "money (2 × salary)"),
        # ratio × ratio is a ratio: not comparable with money
        (lambda: Input("rate") * Input("rate") > Input("salary"), "a ratio (rate × rate)"),
    ],
)
def test_what_a_product_measures(expr: Any, refused: str) -> None:
    found = problems(expr(), "flag")
    assert len(found) == 1
    assert f"compares {refused} with " in found[0]
    assert found[0].endswith("which measure different things")


@pytest.mark.parametrize(
    "expr",
    [
        # count × money and money / ratio measure nothing in particular: they go with anything
        lambda: Input("n") * Input("salary") > Input("rate"),
        lambda: Input("salary") / Input("rate") > Input("rate"),
    ],
)
def test_products_of_two_quantities_go_with_anything(expr: Any) -> None:
    assert problems(expr(), "flag") == []


def test_comparisons_that_can_never_hold_are_refused() -> None:
    assert veto_problems(Input("x") > NoValue()) == [
        "veto 'v': x > no value: a comparison with no value never holds"
    ]
    assert veto_problems(NoValue() <= Input("x")) == [
        "veto 'v': no value <= x: a comparison with no value never holds"
    ]
    assert veto_problems(Input("x").equals("a")) == [
        "veto 'v': x == 'a': compares number 'x' with text 'a'; values of different types are "
        "never equal nor ordered"
    ]
    assert veto_problems(Const("a") < Input("x")) == [
        "veto 'v': 'a' < x: compares text 'a' with number 'x'; values of different types are "
        "never equal nor ordered"
    ]
    assert veto_problems(Const(1).equals(Input("flagged"))) == [
        "veto 'v': 1 == flagged: compares number 1 with flag 'flagged'; a flag is parsed as true "
        "or false, never as a number: write flagged (true when set) or ~flagged"
    ]
    assert veto_problems(Input("salary") > Input("rate")) == [
        "veto 'v': salary > rate: compares money 'salary' with ratio 'rate', which measure "
        "different things"
    ]
    lists = ComponentsWithStatus("met")
    assert problems(Where(lists.equals(lists), 1, 0)) == [
        "outcome 'o': the components that are met == the components that are met: lists "
        "cannot be compared"
    ]


def test_a_flag_that_is_no_input_gets_no_advice() -> None:
    scheme_problems = problems(Where(Vetoed().equals(1), 1, 0))
    assert scheme_problems == [
        "outcome 'o': a veto fired == 1: compares a flag (true/false) (a veto fired) with "
        "number 1; a flag is parsed as true or false, never as a number"
    ]


def test_conditions_of_and_or_not_must_be_flags() -> None:
    assert veto_problems((Input("x") > 0) & Input("n")) == [
        "veto 'v': n: each part of 'x > 0 and n' must be a flag (true/false), but this is a "
        "count; compare it with something (> < == ...) to make a condition"
    ]
    assert veto_problems(Input("salary") | Input("flagged")) == [
        "veto 'v': salary: each part of 'salary or flagged' must be a flag (true/false), but "
        "this is money; compare it with something (> < == ...) to make a condition"
    ]
    assert veto_problems(~Input("n")) == [
        "veto 'v': n: each part of 'not n' must be a flag (true/false), but this is a count; "
        "compare it with something (> < == ...) to make a condition"
    ]
    assert veto_problems(~Input("flagged") & Input("flagged")) == []


def test_a_constant_has_the_type_of_its_value() -> None:
    assert problems(Const(True), "money") == [
        "outcome 'o': true: an outcome of kind 'money' needs a number, but this is a flag "
        "(true/false)"
    ]
    assert problems(Const("a"), "money") == [
        "outcome 'o': 'a': an outcome of kind 'money' needs a number, but this is text"
    ]
    assert problems(Const(1), "money") == []


# -- ranges: what the reach check finds ---------------------------------------------------


def never_fires(condition: Expr, *metrics: Metric) -> list[str]:
    """What the reach check says of a veto on *condition* over the domains of *metrics*."""
    scheme = outcome_scheme([], (*metrics,), vetoes=[Veto("v", LABEL, condition)])
    return [u.message for u in unreached_parts(scheme)]


RATE_DOMAIN = "rate is ratio in [0, 1]"


def _never(words: str, domains: str = RATE_DOMAIN) -> list[str]:
    """The reach check's words for a condition its ranges show can never hold."""
    return [
        f"veto 'v' ({words}) never fires: over the domains of its inputs it can never hold "
        f"({domains})"
    ]


def _searched(words: str) -> str:
    """The start of the reach check's words for a condition no value it tried makes hold."""
    return f"veto 'v' ({words}) never fires: none of the "


# rate × 1: the same values as rate, but not a node the search tries at its edges, so the
# reach check decides by the ranges
RATE_TIMES_ONE = Input("rate") * 1


def test_the_reach_check_bounds_arithmetic() -> None:
    # rate in [0, 1]: rate + 1 in [1, 2]; rate - 1 in [-1, 0]; 1 - rate in [0, 1];
    # rate × 2 in [0, 2]; rate × -2 in [-2, 0]; rate / 2 in [0, 0.5]; rate / -2 in [-0.5, 0]
    assert never_fires(Input("rate") + 1 > 2, RATE) == _never("(rate + 1) > 2")
    assert never_fires(Input("rate") + 1 >= 2, RATE) == []
    assert never_fires(Input("rate") + 1 < 1, RATE) == _never("(rate + 1) < 1")
    assert never_fires(Input("rate") + 1 <= 1, RATE) == []
    assert never_fires(Input("rate") - 1 > 0, RATE) == _never("(rate - 1) > 0")
    assert never_fires(Input("rate") - 1 < -1, RATE) == _never("(rate - 1) < -1")
    assert never_fires(Input("rate") - 1 <= -1, RATE) == []
    assert never_fires(1 - Input("rate") < 0, RATE) == _never("(1 - rate) < 0")
    assert never_fires(1 - Input("rate") > 1, RATE) == _never("(1 - rate) > 1")
    assert never_fires(1 - Input("rate") <= 0, RATE) == []
    assert never_fires(Input("rate") * 2 > 2, RATE) == _never("(rate × 2) > 2")
    assert never_fires(Input("rate") * 2 >= 2, RATE) == []
    assert never_fires(Input("rate") * -2 > 0, RATE) == _never("(rate × -2) > 0")
    assert never_fires(Input("rate") * -2 < -2, RATE) == _never("(rate × -2) < -2")
    assert never_fires(Input("rate") * -2 <= -2, RATE) == []
    assert never_fires(Input("rate") / 2 > Const("0.5"), RATE) == _never("(rate / 2) > 0.5")
    assert never_fires(Input("rate") / 2 >= Const("0.5"), RATE) == []
    assert never_fires(Input("rate") / -2 > 0, RATE) == _never("(rate / -2) > 0")
    assert never_fires(Input("rate") / -2 < Const("-0.5"), RATE) == _never("(rate / -2) < -0.5")
    # a division by a range holding 0 can give any value
    assert never_fires(Arith("/", Const(1), Input("rate")) > 1000, RATE) == []
    # (rate + 1) / (rate + 1) in [1/2, 2]
    assert never_fires((Input("rate") + 1) / (Input("rate") + 1) > 2, RATE) == _never(
        "((rate + 1) / (rate + 1)) > 2"
    )
    assert never_fires((Input("rate") + 1) / (Input("rate") + 1) >= 2, RATE) == []


def test_the_reach_check_on_unbounded_inputs() -> None:
    # x is any number: nothing about it is out of reach, whatever the arithmetic
    for expr in (Input("x") + 1 > 5, Input("x") - 1 < 5, Input("x") * 2 > 5, Input("x") / 2 > 5):
        assert never_fires(expr, X) == []
    assert never_fires(1 - Input("x") > 5, X) == []


def test_the_reach_check_bounds_comparisons() -> None:
    assert never_fires(RATE_TIMES_ONE < 0, RATE) == _never("(rate × 1) < 0")
    assert never_fires(RATE_TIMES_ONE <= 0, RATE) == []
    assert never_fires(RATE_TIMES_ONE > 1, RATE) == _never("(rate × 1) > 1")
    assert never_fires(RATE_TIMES_ONE >= 1, RATE) == []
    assert never_fires(RATE_TIMES_ONE.equals(2), RATE) == _never("(rate × 1) == 2")
    assert never_fires(RATE_TIMES_ONE.equals(1), RATE) == []
    assert never_fires(Compare("!=", RATE_TIMES_ONE, RATE_TIMES_ONE + 2), RATE) == []
    # a condition that always holds: its negation never does
    assert never_fires(~(RATE_TIMES_ONE <= 1), RATE) == _never("not (rate × 1) <= 1")
    assert never_fires(~(RATE_TIMES_ONE < 1), RATE) == []


def test_the_reach_check_combines_conditions() -> None:
    assert never_fires((RATE_TIMES_ONE > 1) & (RATE_TIMES_ONE >= 0), RATE) == _never(
        "(rate × 1) > 1 and (rate × 1) >= 0"
    )
    assert never_fires((RATE_TIMES_ONE > 1) | (RATE_TIMES_ONE >= 0), RATE) == []
    assert never_fires((RATE_TIMES_ONE > 1) | (RATE_TIMES_ONE < 0), RATE) == _never(
        "(rate × 1) > 1 or (rate × 1) < 0"
    )
    assert never_fires((RATE_TIMES_ONE <= 1) & (RATE_TIMES_ONE >= 0), RATE) == []


def test_comparisons_of_inputs_are_searched_at_their_edges() -> None:
    # an input compared with a constant: the search tries the values where it can change
    for expr, words in [
        (Input("rate") < 0, "rate < 0"),
        ((Input("rate") > 1) & Input("flagged"), "rate > 1 and flagged"),
        (~(Input("rate") <= 1), "not rate <= 1"),
    ]:
        (found,) = never_fires(expr, RATE, FLAG)
        assert found.startswith(_searched(words))
    # two inputs compared, or arithmetic on one side: decided by the ranges
    assert never_fires(Input("rate") > Input("rate") + 1, RATE) == _never("rate > (rate + 1)")


# -- the float path (values without exact decimals) ---------------------------------------


def test_float_arithmetic_with_missing_values_and_a_division_by_zero() -> None:
    # opt with 7 decimals has no exact reading: opt / y is taken in floats. Row 1: y = 0, no
    # value (not an infinity); row 2: opt missing; row 3: 1.2345678 / 2 = 0.6172839
    scheme = one_outcome(Input("opt") / Input("y"), metrics=(OPTIONAL, Y, X))
    rows = [{"x": "0", "opt": "1.2345678", "y": "0"}, {"x": "0", "y": "1"}]
    rows.append({"x": "0", "opt": "1.2345678", "y": "2"})
    exact = exact_values(scheme, rows)
    assert exact == [None, None, Decimal("0.617284")]
    batch = batch_of(
        scheme, {"x": [0.0] * 3, "opt": [1.2345678, None, 1.2345678], "y": [0.0, 1.0, 2.0]}
    )
    assert same(batch.outcomes["o"].tolist(), [float("nan"), float("nan"), 0.617284])


@pytest.mark.parametrize("side", ["left", "right"])
def test_float_arithmetic_passes_on_the_doubt_of_a_value(side: str) -> None:
    # 0.12345678901234567891 has no faithful float: its rows are re-scored exactly, through
    # any arithmetic on it (here + 1, on either side)
    x = Input("x")
    expr = x + Const(1) if side == "left" else Const(1) + x
    scheme = one_outcome(expr)
    exact = exact_values(scheme, [{"x": "0.12345678901234567891"}])
    assert exact == [Decimal("1.123457")]
    batch = batch_of(scheme, {"x": ["0.12345678901234567891", "0.5"]})
    assert batch.outcomes["o"].tolist() == [float(exact[0]), 1.5]
    assert batch.exact_rows == 1


def test_conditions_built_with_and_or_not_are_exact_values() -> None:
    # a condition compared with a truth value: no doubt, nothing re-scored
    for condition, expected in [
        (~(Input("x") > 1), [False, True]),
        ((Input("x") > 1) & (Input("x") > 0), [True, False]),
        ((Input("x") > 1) | (Input("x") > 5), [True, False]),
    ]:
        scheme = one_outcome(condition.equals(Const(True)), "flag")
        assert exact_values(scheme, [{"x": "2"}, {"x": "1"}]) == expected
        batch = batch_of(scheme, {"x": [2.0, 1.0]})
        assert batch.outcomes["o"].tolist() == expected
        assert batch.exact_rows == 0


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_comparison_passes_on_the_doubt_of_a_value(side: str) -> None:
    # 0.12345678901234567891 has no faithful float: a comparison of it is decided exactly
    x, half = Input("x"), Const("0.5")
    scheme = one_outcome(x < half if side == "left" else half > x, "flag")
    assert exact_values(scheme, [{"x": "0.12345678901234567891"}]) == [True]
    batch = batch_of(scheme, {"x": ["0.12345678901234567891", "0.75"]})
    assert batch.outcomes["o"].tolist() == [True, False]
    assert batch.exact_rows == 1


def test_a_near_tie_of_large_values_is_doubted() -> None:
    # 300000000 × 0.1, computed in floats, lands on 30000000: a computed value that close to
    # the other side is doubted and decided exactly
    scheme = one_outcome(Input("x") * Const("0.1") <= Const("30000000"), "flag")
    assert exact_values(scheme, [{"x": "300000000"}]) == [True]
    batch = batch_of(scheme, {"x": [300000000.0]})
    assert batch.outcomes["o"].tolist() == [True]
    assert batch.exact_rows == 1


@attrs.frozen(eq=False)
class Opaque(Expr):
    """A node from a plugin without a type form: its type is unknown."""

    part: Expr

    def exact(self, env: Any) -> Any:
        return self.part.exact(env)

    def batch(self, env: Any) -> Any:
        return self.part.batch(env)

    def words(self) -> str:
        return f"opaque({self.part.words()})"

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)


@pytest.mark.parametrize("side", ["left", "right"])
def test_arithmetic_with_a_value_of_unknown_type_is_unknown(side: str) -> None:
    # unknown goes with anything: even an outcome of kind flag is not refused
    unknown = Opaque(Input("x"))
    expr = unknown + Input("x") if side == "left" else Input("x") + unknown
    assert problems(expr, "flag") == []
    assert problems(Input("x") + Input("x"), "flag") == [
        "outcome 'o': x + x: an outcome of kind 'flag' needs a flag (true/false), but this is a "
        "number"
    ]


def test_the_doubt_of_a_choice_passes_through_arithmetic_and_comparisons() -> None:
    # 3 × 0.1 <= 0.3 holds exactly but not in floats: the choice (10 or 20) is in doubt, and so
    # is everything computed from it, on either side: the rows are decided exactly
    near = Where(Input("x") * Const("0.1") <= Const("0.3"), 10, 20)
    for expr, kind, expected in [
        (near + 1, "number", [11, 21]),
        (1 + near, "number", [11, 21]),
        (near > 15, "flag", [False, True]),
        (Const(15) < near, "flag", [False, True]),
    ]:
        scheme = one_outcome(expr, kind)
        assert exact_values(scheme, [{"x": "3"}, {"x": "4"}]) == expected
        batch = batch_of(scheme, {"x": [3.0, 4.0]})
        assert batch.outcomes["o"].tolist() == expected
        assert batch.exact_rows == 1


@pytest.mark.parametrize(
    ("expr", "above"),
    [
        # rows (x, opt) = (2, none), (2, 3): the second gives 5, 5, -1, 6, 1.5, 0.666…
        (Input("x") + Input("opt"), True),
        (Input("opt") + Input("x"), True),
        (Input("x") - Input("opt"), False),
        (Input("x") * Input("opt"), True),
        (Input("opt") / Input("x"), True),
        (Input("x") / Input("opt"), False),
    ],
)
def test_a_comparison_of_arithmetic_on_a_missing_input_is_a_flag_without_value(
    expr: Expr, above: bool
) -> None:
    # compared with 1: no value on the first row (on the batch path: false, marked missing)
    scheme = one_outcome(expr > 1, "flag", metrics=(X, OPTIONAL))
    assert exact_values(scheme, [{"x": "2"}, {"x": "2", "opt": "3"}]) == [None, above]
    columns = {"x": [2.0, 2.0], "opt": [None, 3.0]}
    _, missing = score_columns_detail(scheme, {"ok": [True, True], **columns})
    assert missing["o"].tolist() == [True, False]
    assert batch_of(scheme, columns).outcomes["o"].tolist() == [False, above]


def test_a_side_in_doubt_and_computed_in_floats_is_decided_exactly() -> None:
    # x where 0.1 x <= 0.3 (exactly 3 for x = 3, 0 in floats), a third of it against 1:
    # exactly 1 >= 1; in floats 0 >= 1, far from a tie, but the side is in doubt
    side = Where(Input("x") * Const("0.1") <= Const("0.3"), Input("x"), 0) / 3
    scheme = one_outcome(Where(side >= 1, 1, 0))
    assert exact_values(scheme, [{"x": "3"}, {"x": "4"}]) == [1, 0]
    batch = batch_of(scheme, {"x": [3.0, 4.0]})
    assert batch.outcomes["o"].tolist() == [1.0, 0.0]
    assert batch.exact_rows == 1


@pytest.mark.parametrize(("power", "expected"), [(Const(10), 0.5), (Const(100), 0.05)])
def test_a_missing_input_divided_by_a_power_of_ten_stays_missing(
    power: Expr, expected: float
) -> None:
    # opt = 5 divided by 10 is 0.5, by 100 is 0.05; no opt, no value
    scheme = one_outcome(Input("opt") / power, metrics=(X, OPTIONAL))
    assert as_floats(exact_values(scheme, [{"x": "1"}, {"x": "1", "opt": "5"}])) == pytest.approx(
        [float("nan"), expected], nan_ok=True
    )
    batch = batch_of(scheme, {"x": [1.0, 1.0], "opt": [None, 5.0]})
    assert same(batch.outcomes["o"].tolist(), [float("nan"), expected])
    assert batch.exact_rows == 0


def test_a_missing_right_side_makes_a_comparison_a_flag_without_value() -> None:
    # rows (x, opt) = (2, none), (2, 3): 2 < 3
    scheme = one_outcome(Input("x") < Input("opt"), "flag", metrics=(X, OPTIONAL))
    assert exact_values(scheme, [{"x": "2"}, {"x": "2", "opt": "3"}]) == [None, True]
    columns = {"x": [2.0, 2.0], "opt": [None, 3.0]}
    _, missing = score_columns_detail(scheme, {"ok": [True, True], **columns})
    assert missing["o"].tolist() == [True, False]


def test_a_comparison_compared_with_a_flag_needs_no_exact_rows() -> None:
    # (x > 1) == ok: both are flags, equal on the first row and the third
    scheme = one_outcome(Where((Input("x") > 1).equals(Input("ok")), 1, 0))
    rows = [{"x": "2"}, {"x": "0"}, {"x": "0", "ok": False}]
    assert exact_values(scheme, rows) == [1, 0, 1]
    batch = batch_of(scheme, {"x": [2.0, 0.0, 0.0], "ok": [True, True, False]})
    assert batch.outcomes["o"].tolist() == [1.0, 0.0, 1.0]
    assert batch.exact_rows == 0
