"""The batch path's totals with items that do not apply to every row, and items' statuses.

A rule marks the rows where its component does not apply (``applicable``)
and may give any exact points there (``BatchScored.exact``: "any value on
rows where the component does not apply"); the engine leaves those points
out, then rescales the others (``not_applicable="rescale"``) or counts the
component as 0 (``"zero"``), and decides ties on the exact sums: no row is
re-scored. A component whose rule reports no status is read by the status
conditions as having none. Values are worked out by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs
import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record
from tests.core._helpers import one_rule_scheme
from tests.core.test_batch_engine_edges import FloatGiven, behind_scheme

from assesskit import (
    Component,
    ComponentsWithStatus,
    Input,
    Metric,
    MetricKind,
    NoneWithStatus,
    Outcome,
    OutcomeRef,
    PeriodKind,
    Scheme,
    StatusIs,
    Text,
    Total,
    Veto,
)
from assesskit._batchmath import Rationals
from assesskit.rules import Boolean, RatioToTarget, Rule
from assesskit.rules.base import BatchRuleContext, BatchScored, RuleContext, Scored
from assesskit.scoring.batch import score_columns_detail


@attrs.frozen
class Waivable(Rule):
    """Full points, except where the flag *waived* is set: there the item does not apply.

    Its exact batch form gives the full points on every row, the waived ones
    included, as a rule may.
    """

    kind: ClassVar[str] = "test_waivable"
    waived: str

    def inputs(self) -> tuple[str, ...]:
        return (self.waived,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        if ctx.value(self.waived):
            return Scored(None, Text("waived", "免考"))
        return Scored(weight, Text("full", "满分"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        waived = np.asarray(ctx.column(self.waived), dtype=bool)
        full = np.full(len(waived), float(weight))
        exact = Rationals.of(full.copy(), 1, float(weight))
        return BatchScored(np.where(waived, np.nan, full), applicable=~waived, exact=exact)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("full unless waived", "免考以外满分")

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return weight, weight

    def may_be_not_applicable(self) -> bool:
        return True


def waivable_scheme(not_applicable: Literal["rescale", "zero"]) -> Scheme:
    # income 70 points against a target of 1000 (70 × income / 1000), a waivable item of 30
    return Scheme(
        id="test.waivable",
        version="1",
        title=Text("waivable", "可免考"),
        period=PeriodKind.MONTHLY,
        metrics=[
            Metric("income", MetricKind.MONEY, Text("income", "收入")),
            Metric("waived", MetricKind.FLAG, Text("waived", "免考")),
        ],
        components=[
            Component("income", Text("income", "收入"), 70, RatioToTarget("income", 1000)),
            Component("item", Text("item", "项目"), 30, Waivable("waived")),
        ],
        not_applicable=not_applicable,
    )


def both(scheme: Scheme, rows: list[dict[str, Any]]) -> tuple[list[Decimal | None], Any]:
    exact = [scheme.score({"entity_id": f"E-{i}", **r}).total for i, r in enumerate(rows)]
    columns = {k: [r[k] for r in rows] for k in rows[0]}
    columns["entity_id"] = [f"E-{i}" for i in range(len(rows))]
    return exact, scheme.score_batch(columns)


def test_points_a_rule_gives_where_its_item_is_waived_are_left_out() -> None:
    # waived, counted as 0: 70 × 500 / 1000 = 35 (not 35 + 30)
    exact, batch = both(
        waivable_scheme("zero"),
        [{"income": 500, "waived": True}, {"income": 500, "waived": False}],
    )
    assert exact == [Decimal("35.00"), Decimal("65.00")]
    assert batch.total.tolist() == [35.0, 65.0]
    assert batch.components["item"].tolist() == [0.0, 30.0]
    assert batch.exact_rows == 0


def test_a_waived_item_rescales_the_others_and_a_tie_is_decided_exactly() -> None:
    # waived, rescaled: 35 of 70 applied is 50.00; 70 × 487.5 / 1000 = 34.125 of 70 → 48.75;
    # 70 × 500.05 / 1000 = 35.0035 → 50.005 → 50.01 (a tie, half up), no row re-scored
    exact, batch = both(
        waivable_scheme("rescale"),
        [
            {"income": 500, "waived": True},
            {"income": "487.50", "waived": True},
            {"income": "500.05", "waived": True},
            {"income": 500, "waived": False},
        ],
    )
    assert exact == [Decimal("50.00"), Decimal("48.75"), Decimal("50.01"), Decimal("65.00")]
    assert batch.total.tolist() == [50.0, 48.75, 50.01, 65.0]
    assert np.isnan(batch.components["item"][0])
    assert batch.components["income"].tolist() == [50.0, 48.75, 50.01, 35.0]
    assert batch.exact_rows == 0


@pytest.mark.parametrize("how", ["rescale", "zero"])
def test_a_tie_with_every_item_applying_needs_no_row_rescored(how: str) -> None:
    # 70 × 500.50 / 1000 + 30 = 35.035 + 30 = 65.035 → 65.04 (half up)
    scheme = waivable_scheme(how)  # type: ignore[arg-type]
    exact, batch = both(scheme, [{"income": "500.50", "waived": False}] * 2)
    assert exact == [Decimal("65.04")] * 2
    assert batch.total.tolist() == [65.04, 65.04]
    assert batch.exact_rows == 0


def test_components_without_a_status_are_read_as_having_none() -> None:
    # "first" reports behind/ahead, "second" (a flag) no status at all
    scheme = behind_scheme(
        [
            Outcome("behind", Text("behind", "落后"), ComponentsWithStatus("behind"), kind="list"),
            Outcome("none_behind", Text("none", "无落后"), NoneWithStatus("behind"), kind="flag"),
            Outcome("second_behind", Text("2", "二"), StatusIs("second", "behind"), kind="flag"),
        ]
    )
    rows = [{"late": True, "ok": True}, {"late": False, "ok": False}]
    batch = scheme.score_batch({k: [r[k] for r in rows] for k in rows[0]})
    assert batch.outcomes["behind"].tolist() == [["first"], []]
    assert batch.outcomes["none_behind"].tolist() == [False, True]
    assert batch.outcomes["second_behind"].tolist() == [False, False]
    assert [scheme.score(r).outcome["behind"] for r in rows] == [["first"], []]


SALARY_SAMPLE = build_sample_scheme()


def sample_columns(**given: Any) -> dict[str, Any]:
    rows = len(next(iter(given.values())))
    out: dict[str, Any] = {k: [v] * rows for k, v in sample_record().items()}
    out["entity_id"] = [f"E-{i}" for i in range(rows)]
    out.update(given)
    return out


def test_a_flag_reading_a_money_outcome_without_value_has_none() -> None:
    # pay = salary × 0.8 has no value without a salary; "pay above 3000" has none either
    above = Outcome("well_paid", Text("well paid", "高薪"), OutcomeRef("pay") > 3000, kind="flag")
    scheme = build_sample_scheme(outcomes=[*SALARY_SAMPLE.outcomes, above])
    record = {**sample_record(), "salary": None}
    assert scheme.score(record).outcome["well_paid"] is None
    batch, flags_missing = score_columns_detail(scheme, sample_columns(salary=[5000, None]))
    assert batch.outcomes["well_paid"].tolist() == [True, False]
    assert flags_missing["well_paid"].tolist() == [False, True]


def test_a_total_and_an_outcome_at_a_threshold_are_compared_without_doubt() -> None:
    # total 74.00 and pay 4000.00 are published decimals: "total >= 74" and "pay >= 4000" hold
    # on the floats exactly, with no row re-scored
    outcomes = [
        Outcome("at_74", Text("at 74", "74分"), Total() >= 74, kind="flag"),
        Outcome("at_4000", Text("at 4000", "4000元"), OutcomeRef("pay") >= 4000, kind="flag"),
    ]
    scheme = build_sample_scheme(outcomes=[*SALARY_SAMPLE.outcomes, *outcomes])
    batch = scheme.score_batch(sample_columns(salary=[5000, 4999.99]))
    assert batch.total.tolist() == [74.0, 74.0]
    assert batch.outcomes["at_74"].tolist() == [True, True]
    assert batch.outcomes["at_4000"].tolist() == [True, False]
    assert batch.exact_rows == 0


def test_rows_a_rule_is_unsure_of_stay_in_doubt_after_the_outcomes() -> None:
    # FloatGiven is unsure from 3 up: that row is re-scored though the outcomes after it
    # (a flag, a number in floats) are sure of themselves
    x = Metric("x", MetricKind.NUMBER, Text("x", "x"))
    outcomes = [
        Outcome("high", Text("high", "高"), Input("x") > 2, kind="flag"),
        Outcome("third", Text("third", "三分之一"), Input("x") * Fraction(1, 3), places=2),
    ]
    scheme = one_rule_scheme(FloatGiven(), [x], outcomes=outcomes)
    batch = scheme.score_batch({"x": ["2.5", "3.25"], "filler_ok": [True, True]})
    assert batch.total.tolist() == [92.5, 93.25]
    assert batch.outcomes["third"].tolist() == [0.83, 1.08]
    assert batch.exact_rows == 1


def test_a_veto_unsure_in_floats_is_decided_exactly() -> None:
    # the veto "x × 1/3 > 1": 3.000000000000001 × 1/3 is a hair above 1, within float noise
    x = Metric("x", MetricKind.NUMBER, Text("x", "x"))
    veto = Veto(
        "third_above_one", Text("third above 1", "三分之一超过1"), Input("x") * Fraction(1, 3) > 1
    )
    scheme = one_rule_scheme(Boolean("filler_ok"), [x], vetoes=[veto])
    rows = {"x": ["3", "3.000000000000001", "2.9"], "filler_ok": [True] * 3}
    batch = scheme.score_batch(rows)
    exact = [scheme.score({k: v[i] for k, v in rows.items()}).vetoed for i in range(3)]
    assert exact == [False, True, False]
    assert batch.vetoed.tolist() == [False, True, False]
    assert batch.exact_rows >= 1
