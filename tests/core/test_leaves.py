"""Expressions that read one thing of a record (an input, a parameter, the total, the band, a
veto, an earlier outcome, the period, a component's status): their values on both paths, their
words, their types and what the reach check makes of them.

The scheme of most tests gives ``100 × a / b`` points (not applicable when ``b`` is 0), so the
total is a share with ties to round: 2 of 3 is 66.67 (band ``reduced``), 1 of 8 is 12.50
(``low``), 5 of 6 is 83.33 (``full``), and 0 of 0 is no total at all (no band).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np
import pytest
from tests.core._outcome_schemes import (
    OPTIONAL,
    RATE,
    SALARY,
    batch_of,
    exact_values,
    one_outcome,
    same,
)

from assesskit import (
    Band,
    BandIs,
    BandLookup,
    BandTable,
    Component,
    ComponentsWithStatus,
    Const,
    Input,
    Interval,
    Metric,
    MetricKind,
    NextPeriod,
    NoneWithStatus,
    NoValue,
    Outcome,
    OutcomeRef,
    Param,
    Parameter,
    PeriodKind,
    Present,
    Scheme,
    SchemeDefinitionError,
    StatusIs,
    Text,
    Total,
    Veto,
    Vetoed,
    Where,
)
from assesskit.expressions import Expr
from assesskit.rules import Boolean, Share
from assesskit.rules.base import BatchRuleContext, BatchScored, RuleContext, Scored
from assesskit.scoring.batch import score_columns_detail
from assesskit.testing._reach import unreached_parts

LABEL = Text("x", "某")
A = Metric("a", MetricKind.COUNT, Text("a", "甲"))
B = Metric("b", MetricKind.COUNT, Text("b", "乙"))
BREACH = Metric("breach", MetricKind.FLAG, Text("breach", "泄密"))
BANDS = BandTable(
    (
        Band("full", Text("full pay", "全額"), Interval.at_least(80)),
        Band("reduced", Text("80% pay", "八成"), Interval.closed_open(60, 80)),
        Band("low", Text("60% pay", "六成"), Interval.below(60)),
    )
)
#: (a, b) of the rows: totals 66.67, 12.50, none, 83.33
ROWS = [(2, 3), (1, 8), (0, 0), (5, 6)]


def share_scheme(
    outcomes: Sequence[Outcome],
    metrics: Sequence[Metric] = (),
    params: Sequence[Parameter] = (),
    **extra: Any,
) -> Scheme:
    """``100 × a / b`` points, the bands above, a breach veto (unless given), and *outcomes*."""
    extra.setdefault("vetoes", [Veto("breach", Text("breach", "泄密"), Input("breach"))])
    return Scheme(
        id="test.leaves",
        version="1",
        title=LABEL,
        period=PeriodKind.MONTHLY,
        metrics=[A, B, BREACH, *metrics],
        components=[Component("c", Text("share", "佔比"), 100, Share("a", "b"))],
        bands=BANDS,
        outcomes=list(outcomes),
        parameters=list(params),
        **extra,
    )


def both(
    expr: Expr,
    kind: str = "number",
    places: int = 6,
    rows: Sequence[tuple[int, int]] = ROWS,
    breach: Sequence[bool] | None = None,
    **columns: Any,
) -> tuple[list[Any], list[Any], int]:
    """Outcome ``o`` = *expr* on the exact path and the batch path, and the batch's exact rows."""
    scheme = share_scheme([Outcome("o", LABEL, expr, kind, places=places)])  # type: ignore[arg-type]
    breaches = list(breach) if breach is not None else [False] * len(rows)
    records = [
        {"a": a, "b": b, "breach": f, "period": "2026-08", **{k: v[i] for k, v in columns.items()}}
        for i, ((a, b), f) in enumerate(zip(rows, breaches, strict=True))
    ]
    exact = [scheme.score(r).outcome["o"] for r in records]
    batch = scheme.score_batch(
        {
            "a": [a for a, _ in rows],
            "b": [b for _, b in rows],
            "breach": np.array(breaches),
            "period": ["2026-08"] * len(rows),
            **columns,
        }
    )
    return exact, batch.outcomes["o"].tolist(), batch.exact_rows


def floats(values: Sequence[Any]) -> list[float]:
    return [float("nan") if v is None else float(v) for v in values]


# -- the total, the band, the veto ---------------------------------------------------------


def test_the_total_as_exact_decimals() -> None:
    # 66.67 × 0.5 = 33.335 → 33.34 and 83.33 × 0.5 = 41.665 → 41.67: ties, decided exactly
    exact, batch, exact_rows = both(Total() * Const("0.5"), places=2)
    assert exact == [Decimal("33.34"), Decimal("6.25"), None, Decimal("41.67")]
    assert same(batch, floats(exact))
    assert exact_rows == 0


def test_the_total_in_floats_where_decimals_end() -> None:
    # total / 3 leaves the decimals: 66.67 / 3 = 22.223333… → 22.22; 12.5 / 3 → 4.17
    exact, batch, _ = both(Total() / 3, places=2)
    assert exact == [Decimal("22.22"), Decimal("4.17"), None, Decimal("27.78")]
    assert same(batch, floats(exact))


def test_the_total_of_a_vetoed_record_is_zero() -> None:
    exact, batch, _ = both(Total() + 1, breach=[True, False, True, False])
    assert exact == [Decimal(1), Decimal("13.5"), None, Decimal("84.33")]
    assert same(batch, floats(exact))


def test_vetoed_and_band_is_as_flags() -> None:
    breach = [True, False, False, False]
    exact, batch, _ = both(Vetoed(), "flag", breach=breach)
    assert exact == batch == [True, False, False, False]
    exact, batch, _ = both(BandIs("low"), "flag", breach=breach)
    # vetoed: the total is 0, in band low; no total: no band
    assert exact == batch == [True, True, False, False]
    exact, batch, _ = both(BandIs("full"), "flag")
    assert exact == batch == [False, False, False, True]


def test_a_value_per_band() -> None:
    lookup = BandLookup({"full": 1, "reduced": "0.8", "low": 0})
    exact, batch, exact_rows = both(lookup * 1000, places=2)
    assert exact == [Decimal("800.00"), Decimal("0.00"), None, Decimal("1000.00")]
    assert same(batch, floats(exact))
    assert exact_rows == 0
    # a band left out of the lookup gives no value either
    exact, batch, _ = both(BandLookup({"full": "0.125"}) * Const("0.1"), places=3)
    # 0.0125 → 0.013 (a tie), decided exactly
    assert exact == [None, None, None, Decimal("0.013")]
    assert same(batch, floats(exact))


def test_a_value_per_band_without_exact_decimals() -> None:
    # a third is no decimal: the lookup is taken in floats; 1/3 × 3 = 1 exactly
    exact, batch, _ = both(BandLookup({"full": Fraction(1, 3), "reduced": 2}) * 3, places=2)
    assert exact == [Decimal("6.00"), None, None, Decimal("1.00")]
    assert same(batch, floats(exact))


def test_a_text_per_band() -> None:
    exact, batch, _ = both(BandLookup({"full": "paid", "reduced": "part", "low": "none"}), "text")
    assert exact == batch == ["part", "none", None, "paid"]


def test_words_of_the_leaves() -> None:
    assert Total().words() == "total"
    assert Vetoed().words() == "a veto fired"
    assert BandIs("full").words() == "band is full"
    assert BandLookup({"full": 1, "reduced": "0.8", "low": "none"}).words() == (
        "by band: full → 1, reduced → 0.8, low → none"
    )
    assert Input("a").words() == "a"
    assert Param("per").words() == "per"
    assert Present("a").words() == "a is given"
    assert OutcomeRef("pay").words() == "pay"
    assert NextPeriod().words() == "the next period"
    assert NoValue().words() == "no value"
    assert StatusIs("c", "met").words() == "c is met"
    assert ComponentsWithStatus("behind").words() == "the components that are behind"
    assert NoneWithStatus("behind").words() == "no component is behind"


# -- inputs and parameters ------------------------------------------------------------------


def test_present_says_whether_an_optional_input_was_given() -> None:
    scheme = share_scheme([Outcome("o", LABEL, Present("opt"), "flag")], (OPTIONAL,))
    rows = [{"a": 1, "b": 2, "breach": False, "opt": "3"}, {"a": 1, "b": 2, "breach": False}]
    assert [scheme.score(r).outcome["o"] for r in rows] == [True, False]
    batch = scheme.score_batch(
        {"a": [1, 1], "b": [2, 2], "breach": [False, False], "opt": [3, None]}
    )
    assert batch.outcomes["o"].tolist() == [True, False]
    # a column without any gap: given on every row
    batch = scheme.score_batch({"a": [1, 1], "b": [2, 2], "breach": [False, False], "opt": [3, 4]})
    assert batch.outcomes["o"].tolist() == [True, True]


def test_parameters_of_every_type() -> None:
    params = (
        Parameter("rate", LABEL, "0.125", MetricKind.RATIO),
        Parameter("strict", LABEL, True, MetricKind.FLAG),
    )
    outcomes = [
        Outcome("pay", LABEL, Input("salary") * Param("rate"), "money"),
        Outcome("strict", LABEL, Param("strict"), "flag"),
        Outcome("either", LABEL, Where(Param("strict"), Param("rate"), 1), "number"),
    ]
    scheme = share_scheme(outcomes, (SALARY,), params)
    # 1000.04 × 0.125 = 125.005 → 125.01: a tie, decided exactly
    result = scheme.score({"a": 1, "b": 2, "breach": False, "salary": "1000.04"})
    assert dict(result.outcome) == {
        "pay": Decimal("125.01"),
        "strict": True,
        "either": Decimal("0.125"),
    }
    batch = scheme.score_batch({"a": [1], "b": [2], "breach": [False], "salary": [1000.04]})
    assert batch.outcomes["pay"].tolist() == [125.01]
    assert batch.outcomes["strict"].tolist() == [True]
    assert batch.outcomes["either"].tolist() == [0.125]
    assert batch.exact_rows == 0
    lax = scheme.with_params({"strict": False})
    assert lax.score({"a": 1, "b": 2, "breach": False, "salary": "1"}).outcome["either"] == 1


def test_a_parameter_is_named_with_its_type_in_a_problem() -> None:
    params = (Parameter("rate", LABEL, "0.125", MetricKind.RATIO),)
    with pytest.raises(SchemeDefinitionError) as caught:
        share_scheme(
            [Outcome("o", LABEL, Param("rate") > Input("salary"), "flag")], (SALARY,), params
        )
    assert caught.value.problems == (
        "outcome 'o': rate > salary: compares parameter 'rate' (a ratio) with money 'salary', "
        "which measure different things",
    )


def test_earlier_outcomes_are_read_by_later_ones() -> None:
    outcomes = [
        Outcome("half", LABEL, Total() * Const("0.5"), "number", places=2),
        Outcome("o", LABEL, OutcomeRef("half") * 2, "number", places=2),
        Outcome("tag", LABEL, Where(Total() > 50, "high", "low"), "text"),
        Outcome("high", LABEL, OutcomeRef("tag").equals("high"), "flag"),
    ]
    scheme = share_scheme(outcomes)
    records = [{"a": a, "b": b, "breach": False} for a, b in ROWS]
    exact = [scheme.score(r).outcome for r in records]
    # 66.67 × 0.5 = 33.335 → 33.34, × 2 = 66.68: the rounded outcome is what is read
    assert [o["o"] for o in exact] == [Decimal("66.68"), Decimal("12.50"), None, Decimal("83.34")]
    assert [o["high"] for o in exact] == [True, False, False, True]  # no total: "low"
    batch = scheme.score_batch(
        {"a": [a for a, _ in ROWS], "b": [b for _, b in ROWS], "breach": [False] * 4}
    )
    assert same(batch.outcomes["o"].tolist(), [66.68, 12.5, float("nan"), 83.34])
    assert batch.outcomes["high"].tolist() == [True, False, False, True]
    assert batch.exact_rows == 0


def test_an_outcome_read_in_floats() -> None:
    # a third of the total has no exact decimals: the later outcome reads its rounded float
    outcomes = [
        Outcome("third", LABEL, Total() / 3, "number", places=2),
        Outcome("o", LABEL, OutcomeRef("third") * 3, "number", places=2),
    ]
    scheme = share_scheme(outcomes)
    exact = [scheme.score({"a": 2, "b": 3, "breach": False}).outcome["o"]]
    assert exact == [Decimal("66.66")]  # 22.22 × 3
    batch = scheme.score_batch({"a": [2], "b": [3], "breach": [False]})
    assert batch.outcomes["o"].tolist() == [66.66]


def test_an_outcome_is_named_with_its_type_in_a_problem() -> None:
    outcomes = [
        Outcome("pay", LABEL, Total() * 10, "money"),
        Outcome("o", LABEL, OutcomeRef("pay") > Const(True), "flag"),
    ]
    with pytest.raises(SchemeDefinitionError) as caught:
        share_scheme(outcomes)
    assert caught.value.problems == (
        "outcome 'o': pay > true: compares outcome 'pay' (money) with flag true; a flag is "
        "parsed as true or false, never as money",
    )


def test_the_total_is_named_in_a_problem() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        share_scheme([Outcome("o", LABEL, Total() > Input("salary"), "flag")], (SALARY,))
    assert caught.value.problems == (
        "outcome 'o': total > salary: compares total with money 'salary', which measure "
        "different things",
    )


# -- the period and no value ---------------------------------------------------------------


def test_the_next_period() -> None:
    exact, batch, _ = both(NextPeriod(), "text", rows=[(1, 2)])
    assert exact == batch == ["2026-09"]
    scheme = share_scheme([Outcome("o", LABEL, NextPeriod(), "text")])
    # without a period: no next one
    assert scheme.score({"a": 1, "b": 2, "breach": False}).outcome["o"] is None
    batch_result = scheme.score_batch({"a": [1], "b": [2], "breach": [False]})
    assert batch_result.outcomes["o"].tolist() == [None]
    # December is followed by January
    december = scheme.score({"a": 1, "b": 2, "breach": False, "period": "2026-12"})
    assert december.outcome["o"] == "2027-01"


def test_no_value() -> None:
    exact, batch, exact_rows = both(Where(Total() > 50, Total(), NoValue()), places=2)
    assert exact == [Decimal("66.67"), None, None, Decimal("83.33")]
    assert same(batch, floats(exact))
    assert exact_rows == 0
    exact, batch, _ = both(NoValue() + 1)
    assert exact == [None] * 4
    assert same(batch, [float("nan")] * 4)
    exact, batch, _ = both(Where(Total() > 50, "paid", NoValue()), "text")
    assert exact == batch == ["paid", None, None, "paid"]


# -- statuses ------------------------------------------------------------------------------


class Graded(Boolean):
    """A flag worth the weight that also reports a status: ``met`` when set, else ``behind``."""

    kind: ClassVar[str] = "test-graded"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        scored = super().score(ctx, weight)
        met = ctx.value(self.metric) is True
        return Scored(scored.points, scored.explanation, status="met" if met else "behind")

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        scored = super().score_batch(ctx, weight)
        met = np.asarray(ctx.raw(self.metric).data, dtype=bool)
        status = np.where(met, "met", "behind").astype(object)
        return BatchScored(scored.points, exact=scored.exact, status=status)


def status_scheme(outcomes: Sequence[Outcome], components: int = 2) -> Scheme:
    """Components ``c0``, ``c1``… each a :class:`Graded` flag ``f0``, ``f1``…"""
    weight = Fraction(100, components)
    return Scheme(
        id="test.statuses",
        version="1",
        title=LABEL,
        period=PeriodKind.MONTHLY,
        metrics=[Metric(f"f{i}", MetricKind.FLAG, LABEL) for i in range(components)],
        components=[
            Component(f"c{i}", Text(f"c{i}", f"項{i}"), weight, Graded(f"f{i}"))
            for i in range(components)
        ],
        outcomes=list(outcomes),
    )


def test_statuses_read_by_outcomes() -> None:
    outcomes = [
        Outcome("first", LABEL, StatusIs("c0", "met"), "flag"),
        Outcome("behind", LABEL, ComponentsWithStatus("behind"), "list"),
        Outcome("on_track", LABEL, NoneWithStatus("behind"), "flag"),
    ]
    scheme = status_scheme(outcomes)
    flags = [(True, True), (True, False), (False, True), (False, False), (True, False)]
    exact = [dict(scheme.score({"f0": a, "f1": b}).outcome) for a, b in flags]
    assert exact == [
        {"first": True, "behind": [], "on_track": True},
        {"first": True, "behind": ["c1"], "on_track": False},
        {"first": False, "behind": ["c0"], "on_track": False},
        {"first": False, "behind": ["c0", "c1"], "on_track": False},
        {"first": True, "behind": ["c1"], "on_track": False},
    ]
    batch = scheme.score_batch(
        {"f0": np.array([a for a, _ in flags]), "f1": np.array([b for _, b in flags])}
    )
    for name in ("first", "behind", "on_track"):
        assert batch.outcomes[name].tolist() == [e[name] for e in exact]


def test_statuses_of_many_components() -> None:
    # more components than bits in a pattern: the lists are built row by row
    scheme = status_scheme([Outcome("behind", LABEL, ComponentsWithStatus("behind"), "list")], 64)
    rows = 3
    columns = {f"f{i}": np.array([i % (r + 2) == 0 for r in range(rows)]) for i in range(64)}
    batch = scheme.score_batch(columns)
    for r in range(rows):
        record = {name: bool(column[r]) for name, column in columns.items()}
        expected = scheme.score(record).outcome["behind"]
        assert batch.outcomes["behind"][r] == expected
        assert expected == [f"c{i}" for i in range(64) if i % (r + 2) != 0]


def test_the_reach_check_tries_each_status() -> None:
    # c0 cannot be met and behind at once; each alone is possible
    both_at_once = StatusIs("c0", "met") & StatusIs("c0", "behind")
    scheme = status_scheme([Outcome("o", LABEL, Where(both_at_once, 1, 0), "number")])
    found = [u.message for u in unreached_parts(scheme)]
    assert len(found) == 1
    assert found[0].startswith("outcome 'o': its value 1 (when c0 is met and c0 is behind)")
    scheme = status_scheme([Outcome("o", LABEL, Where(StatusIs("c0", "met"), 1, 0), "number")])
    assert unreached_parts(scheme) == []
    scheme = status_scheme([Outcome("o", LABEL, Where(NoneWithStatus("met"), 1, 0), "number")])
    assert unreached_parts(scheme) == []


# -- what the reach check makes of inputs, parameters and the total ------------------------


def never_fires(condition: Expr, params: Sequence[Parameter] = ()) -> list[str]:
    scheme = share_scheme([], (RATE,), params, vetoes=[Veto("v", LABEL, condition)])
    return [u.message for u in unreached_parts(scheme)]


def test_the_reach_check_knows_the_value_of_a_parameter() -> None:
    # rate in [0, 1]: rate × 1 > per never holds for per = 1, may for per = 0.5
    above = Input("rate") * 1 > Param("per")
    assert never_fires(above, (Parameter("per", LABEL, 1),)) == [
        "veto 'v' ((rate × 1) > per) never fires: over the domains of its inputs it can never "
        "hold (rate is ratio in [0, 1])"
    ]
    assert never_fires(above, (Parameter("per", LABEL, "0.5"),)) == []
    # the total is in [0, 100]: total × 1 > 100 never holds (an outcome, where it can be read)
    scheme = share_scheme([Outcome("o", LABEL, Where(Total() * 1 > 100, 1, 0), "number")])
    (found,) = [u.message for u in unreached_parts(scheme)]
    assert found.startswith("outcome 'o': its value 1 (when (total × 1) > 100)")
    scheme = share_scheme([Outcome("o", LABEL, Where(Total() * 1 >= 100, 1, 0), "number")])
    assert unreached_parts(scheme) == []


def test_the_reach_check_proves_comparisons_with_a_parameter_or_the_total() -> None:
    # rate > per compares an input with a parameter: trying the edges tries every case
    assert never_fires(Input("rate") > Param("per"), (Parameter("per", LABEL, 1),)) == [
        "veto 'v' (rate > per) never fires: none of the 6 combination(s) of the values where it "
        "can change (each constant it compares with, one step either side, the ends of each "
        "domain) makes it hold (rate is ratio in [0, 1])"
    ]
    # total > 100: tried at every total the scheme can reach
    scheme = share_scheme([Outcome("o", LABEL, Where(Total() > 100, 1, 0), "number")])
    assert [u.message for u in unreached_parts(scheme)] == [
        "outcome 'o': its value 1 (when total > 100) is never given: the condition "
        "'total > 100' never holds: none of the 12 combination(s) of the values where it can "
        "change (each constant it compares with, one step either side, the ends of each "
        "domain, every reachable total) makes it hold"
    ]


def test_the_reach_check_proves_a_condition_with_no_value_on_a_branch() -> None:
    # breach where rate > 1 (never), else no value (false): the condition never holds
    condition = Where(Input("rate") > 1, Input("breach"), NoValue())
    scheme = share_scheme([Outcome("o", LABEL, Where(condition, 1, 0), "number")], (RATE,))
    found = [u.message for u in unreached_parts(scheme)]
    assert found[0] == (
        "outcome 'o': its value 1 (when breach if rate > 1, else no value) is never given: the "
        "condition 'breach if rate > 1, else no value' never holds: none of the 12 "
        "combination(s) of the values where it can change (each constant it compares with, one "
        "step either side, the ends of each domain) makes it hold (breach is flag; rate is "
        "ratio in [0, 1])"
    )


def test_no_value_beside_a_value_without_exact_decimals() -> None:
    # total / 3 has no exact decimals: no value is taken in floats, as missing
    exact, batch, exact_rows = both(NoValue() + Total() / 3, places=2)
    assert exact == [None] * 4
    assert same(batch, [float("nan")] * 4)
    assert exact_rows == 0
    # 66.67 / 3 = 22.2233… → 22.22; 83.33 / 3 = 27.7766… → 27.78; 12.50 is not above 50
    exact, batch, exact_rows = both(Where(Total() > 50, Total() / 3, NoValue()), places=2)
    assert exact == [Decimal("22.22"), None, None, Decimal("27.78")]
    assert same(batch, floats(exact))
    assert exact_rows == 0
    # 12.50 / 3 = 4.1666… → 4.17
    exact, batch, exact_rows = both(Where(Total() > 50, NoValue(), Total() / 3), places=2)
    assert exact == [None, Decimal("4.17"), None, None]
    assert same(batch, floats(exact))
    assert exact_rows == 0


# -- comparisons of leaves on the batch path: a leaf's floats are its exact values -----------
# Comparing two values the exact path would see (inputs, parameters, flags, band values) is
# decided in floats: no row is re-scored, not even where both sides are equal.


def test_comparing_inputs_with_parameters_needs_no_exact_rows() -> None:
    params = (
        Parameter("per", LABEL, "0.5", MetricKind.RATIO),
        Parameter("strict", LABEL, True, MetricKind.FLAG),
    )
    outcomes = [
        Outcome("at_least", LABEL, Where(Input("rate") >= Param("per"), 1, 0), "number"),
        Outcome("as_strict", LABEL, Where(Input("breach").equals(Param("strict")), 1, 0), "number"),
    ]
    scheme = share_scheme(outcomes, (RATE,), params)
    # rate 0.5 is at least 0.5 (equal), 0.4 is not; breach true equals strict, false does not
    batch = scheme.score_batch(
        {"a": [1, 1], "b": [2, 2], "breach": [True, False], "rate": [0.5, 0.4]}
    )
    assert batch.outcomes["at_least"].tolist() == [1.0, 0.0]
    assert batch.outcomes["as_strict"].tolist() == [1.0, 0.0]
    assert batch.exact_rows == 0


def test_comparing_present_with_a_flag_needs_no_exact_rows() -> None:
    expr = Where(Present("opt").equals(Input("breach")), 1, 0)
    scheme = share_scheme([Outcome("o", LABEL, expr, "number")], (OPTIONAL,))
    # given and breached; not given and not breached: equal on both rows
    batch = scheme.score_batch(
        {"a": [1, 1, 1], "b": [2, 2, 2], "breach": [True, False, True], "opt": [1.0, None, None]}
    )
    assert batch.outcomes["o"].tolist() == [1.0, 1.0, 0.0]
    assert batch.exact_rows == 0


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        # bands of the rows: reduced, low, none, full; no breach
        (BandIs("full").equals(Input("breach")), [1, 1, 1, 0]),
        (BandLookup({"full": 1, "reduced": "0.8"}).equals(Const("0.8")), [1, 0, 0, 0]),
        (Const("part").equals(BandLookup({"full": "paid", "reduced": "part"})), [1, 0, 0, 0]),
        # every period is 2026-08
        (Const("2026-09").equals(NextPeriod()), [1, 1, 1, 1]),
    ],
)
def test_comparing_bands_and_periods_needs_no_exact_rows(expr: Expr, expected: list[int]) -> None:
    exact, batch, exact_rows = both(Where(expr, 1, 0))
    assert exact == expected
    assert batch == expected
    assert exact_rows == 0


def test_comparing_statuses_with_a_flag_needs_no_exact_rows() -> None:
    outcomes = [
        Outcome("same", LABEL, Where(StatusIs("c0", "met").equals(Input("f1")), 1, 0), "number"),
        Outcome("none", LABEL, Where(NoneWithStatus("behind").equals(Input("f1")), 1, 0), "number"),
    ]
    scheme = status_scheme(outcomes)
    flags = [(True, True), (True, False), (False, True), (False, False)]
    # c0 met when f0; nothing behind only when f0 and f1
    batch = scheme.score_batch(
        {"f0": np.array([a for a, _ in flags]), "f1": np.array([b for _, b in flags])}
    )
    assert batch.outcomes["same"].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert batch.outcomes["none"].tolist() == [1.0, 1.0, 0.0, 1.0]
    assert batch.exact_rows == 0


def test_a_value_per_band_is_given_one_type() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        share_scheme(
            [Outcome("o", LABEL, BandLookup({"full": 1, "reduced": "part", "low": "none"}), "text")]
        )
    assert caught.value.problems == (
        "outcome 'o': by band: full → 1, reduced → part, low → none: gives numbers for bands "
        "full but text for reduced, low; give one type for every band",
    )
    texts = BandLookup({"full": "paid", "low": "none"})
    with pytest.raises(SchemeDefinitionError) as caught:
        share_scheme([Outcome("o", LABEL, Where(Total() > 50, texts, 0), "number")])
    assert caught.value.problems == (
        "outcome 'o': by band: full → paid, low → none if total > 50, else 0: gives text (by "
        "band: full → paid, low → none) on one branch and number 0 on the other; give one type "
        "on both",
    )


def test_a_value_per_band_of_twelve_decimals_is_exact() -> None:
    # 0.000000000005 to 11 places: a tie, rounded up on the exact decimals of the batch
    lookup = BandLookup({"full": "0.000000000001", "reduced": "0.000000000005"})
    exact, batch, exact_rows = both(lookup, places=11)
    assert exact == [Decimal("0.00000000001"), None, None, Decimal("0E-11")]
    assert same(batch, floats(exact))
    assert exact_rows == 0


def test_an_empty_lookup_gives_no_value() -> None:
    exact, batch, _ = both(BandLookup({}) * 1)
    assert exact == [None] * 4
    assert same(batch, [float("nan")] * 4)


def flags_without_value(scheme: Scheme, columns: dict[str, Any]) -> dict[str, list[bool]]:
    """The rows of each flag outcome the batch path leaves without a value (``None`` in a frame
    and in the CSV written by the command line)."""
    _, missing = score_columns_detail(scheme, columns)
    return {name: rows.tolist() for name, rows in missing.items()}


def test_a_comparison_with_a_missing_leaf_is_a_flag_without_value() -> None:
    outcomes = [
        # no value plus a third of the total: missing on every row, and so is its comparison
        Outcome("none", LABEL, (NoValue() + Total() / 3) > 1, "flag"),
        # bands reduced, low, none, full: no value by band for low and none
        Outcome(
            "band", LABEL, BandLookup({"full": 1, "reduced": "0.8"}).equals(Const("0.8")), "flag"
        ),
        # the record without a period has no next one
        Outcome("next", LABEL, NextPeriod().equals(Const("2026-09")), "flag"),
    ]
    scheme = share_scheme(outcomes)
    periods = ["2026-08", "2026-08", None, "2026-08"]
    records = [
        {"a": a, "b": b, "breach": False, **({"period": p} if p else {})}
        for (a, b), p in zip(ROWS, periods, strict=True)
    ]
    exact = [scheme.score(r).outcome for r in records]
    assert [o["none"] for o in exact] == [None] * 4
    assert [o["band"] for o in exact] == [True, None, None, False]
    assert [o["next"] for o in exact] == [True, True, None, True]
    columns = {
        "a": [a for a, _ in ROWS],
        "b": [b for _, b in ROWS],
        "breach": [False] * 4,
        "period": periods,
    }
    assert flags_without_value(scheme, columns) == {
        "none": [True] * 4,
        "band": [False, True, True, False],
        "next": [False, False, True, False],
    }


def test_comparing_a_choice_with_no_value_on_a_branch_needs_no_exact_rows() -> None:
    # rate where it is at most 0.5, else no value; compared with 0.3, equal on the first row
    choice = Where(Input("rate") > Const("0.5"), NoValue(), Input("rate"))
    scheme = share_scheme(
        [Outcome("o", LABEL, Where(choice >= Const("0.3"), 1, 0), "number")], (RATE,)
    )
    batch = scheme.score_batch(
        {"a": [1, 1, 1], "b": [2, 2, 2], "breach": [False] * 3, "rate": [0.3, 0.2, 0.9]}
    )
    assert batch.outcomes["o"].tolist() == [1.0, 0.0, 0.0]
    assert batch.exact_rows == 0


def test_the_reach_check_proves_a_condition_on_a_flag_parameter() -> None:
    params = (Parameter("strict", LABEL, True, MetricKind.FLAG),)
    condition = Param("strict") & (Input("rate") > 1)
    scheme = share_scheme([Outcome("o", LABEL, Where(condition, 1, 0), "number")], (RATE,), params)
    assert [u.message for u in unreached_parts(scheme)] == [
        "outcome 'o': its value 1 (when strict and rate > 1) is never given: the condition "
        "'strict and rate > 1' never holds: none of the 6 combination(s) of the values where it "
        "can change (each constant it compares with, one step either side, the ends of each "
        "domain) makes it hold (rate is ratio in [0, 1])"
    ]


def test_a_band_value_ordered_against_a_number_on_rows_without_one() -> None:
    # bands reduced, low, none, full: 0.8 > 0.5, no value for low and none, 1 > 0.5
    lookup = BandLookup({"full": 1, "reduced": "0.8"})
    scheme = share_scheme([Outcome("o", LABEL, lookup > Const("0.5"), "flag")])
    exact = [scheme.score({"a": a, "b": b, "breach": False}).outcome["o"] for a, b in ROWS]
    assert exact == [True, None, None, True]
    columns = {"a": [a for a, _ in ROWS], "b": [b for _, b in ROWS], "breach": [False] * 4}
    assert flags_without_value(scheme, columns) == {"o": [False, True, True, False]}
    assert scheme.score_batch(columns).outcomes["o"].tolist() == [True, False, False, True]


def test_no_value_on_a_branch_keeps_a_whole_number_exact() -> None:
    # x = 100000000000001 halved is 50000000000000.5 → 50000000000001 (a tie), decided on the
    # exact decimals of the batch: no value on the other branch adds no decimal place
    half = Where(Input("x") > 0, Input("x"), NoValue()) * Const("0.5")
    scheme = one_outcome(half, places=0)
    assert exact_values(scheme, [{"x": "100000000000001"}, {"x": "-1"}]) == [
        Decimal("50000000000001"),
        None,
    ]
    batch = batch_of(scheme, {"x": [100000000000001.0, -1.0]})
    assert same(batch.outcomes["o"].tolist(), [50000000000001.0, float("nan")])
    assert batch.exact_rows == 0
