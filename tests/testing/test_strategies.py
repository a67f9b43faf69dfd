"""The strategies: valid edge-heavy records, records with one bad field, histories, batches."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from tests.conftest import build_sample_scheme

from assesskit import Interval, InvalidInputError, Period, PeriodKind, Text
from assesskit.testing import columns, histories, invalid_records, metric_values, records
from assesskit.testing._spaces import metric_edges, value_spaces
from assesskit.testing.strategies import bad_values, drawn_records, periods, raw_forms

SAMPLE = build_sample_scheme()
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
F = Fraction


def first(strategy: st.SearchStrategy[Any], condition: Any) -> Any:
    """The first generated example meeting *condition* (not shrunk: that takes long)."""
    quick = settings(phases=[Phase.generate], database=None, max_examples=5000)
    return find(strategy, condition, settings=quick)


def test_edges_come_from_rules_and_vetoes() -> None:
    edges = metric_edges(SAMPLE)
    # step deduction: threshold 5% and each full 1% above it, 12 steps: 5%, 6%, ... 16%
    assert edges["overdue_ratio"] == tuple(F(5 + i, 100) for i in range(12))
    # banded discipline: the tier ends 60 and 80
    assert edges["discipline_score"] == (F(60), F(80))
    # plateau with the parameter income_target = 100000: 0 and the target (cap 1)
    assert edges["income"] == (F(0), F(100000))
    # the veto "loss_rate > 0.01"
    assert edges["loss_rate"] == (F(1, 100),)
    # 2 points per error: 0, 1 and int(100 / 2) + 1 = 51 errors
    assert edges["errors_a"] == (F(0), F(1), F(51))


def test_value_space_surrounds_each_edge_by_the_smallest_step() -> None:
    overdue = value_spaces(SAMPLE)["overdue_ratio"]
    # a ratio is generated with up to 6 decimals: 0.05 ± 0.000001, and ± 0.001 (coarser)
    assert overdue.places == 6
    for value in ("0.05", "0.050001", "0.049999", "0.051", "0.049", "0", "1"):
        assert F(value) in overdue.edges
    assert (overdue.lower, overdue.upper) == (F(0), F(1))  # the ratio's domain [0, 1]
    discipline = value_spaces(SAMPLE)["discipline_score"]
    # a rating has 2 decimals: 60 ± 0.01 and 80 ± 0.01 (the open end of [60, 80))
    for value in ("59.99", "60", "60.01", "79.99", "80", "80.01", "100"):
        assert F(value) in discipline.edges


def test_unbounded_metric_gets_a_span_around_its_edges() -> None:
    ret = value_spaces(SAMPLE)["return_on_capital"]  # unbounded; edges 0 and 0.13
    # half-width max(1, |edges|) = 1 on each side: [0 − 1, 0.13 + 1]
    assert (ret.lower, ret.upper) == (F(-1), F("1.13"))
    assert ret.domain_lower is None
    assert ret.domain_upper is None
    # a graded deduction (a number without domain) may go past its typical range when
    # a constraint asks: 20 points per incident × 22 incidents = 440
    deduction = value_spaces(SAMPLE)["custody_deduction"]
    assert deduction.clip(F(22), F(440)) == (F(22), F(440))


def test_edge_values_are_generated() -> None:
    for value in ("0.05", "0.050001", "0.049999"):
        found = first(metric_values(SAMPLE, "overdue_ratio"), lambda v, x=value: v == F(x))
        assert found == F(value)


@given(drawn_records(SAMPLE))
@FEW
def test_records_are_valid_and_meet_the_constraints(drawn: Any) -> None:
    SAMPLE.score(drawn.record)  # raises InvalidInputError if not valid
    v = drawn.values
    assert v["eligible"] <= v["relocated"]
    n = v["custody_incidents"]
    assert n <= v["custody_deduction"] <= 20 * n  # 1..20 points per incident
    assert v["rating_a"] is not None or v["rating_b"] is not None


def test_ratios_come_as_percent_strings_too() -> None:
    record = first(
        records(SAMPLE), lambda r: isinstance(r["overdue_ratio"], str) and "%" in r["overdue_ratio"]
    )
    assert (
        SAMPLE.score(record).inputs["overdue_ratio"] == F(record["overdue_ratio"].strip(" %")) / 100
    )


def test_raw_forms_of_one_value() -> None:
    ratio = SAMPLE.metric_map["overdue_ratio"]
    assert raw_forms(ratio, F(7, 100)) == (0.07, "0.07", Decimal("0.07"), "7%", "7 %")
    money = SAMPLE.metric_map["income"]
    assert raw_forms(money, F(80000)) == (80000, 80000.0, "80000", Decimal("80000"), "80,000")
    flag = SAMPLE.metric_map["breach"]
    assert raw_forms(flag, True) == (True, "yes", "true", "是", 1)
    for form in raw_forms(ratio, F(7, 100)):
        assert SAMPLE.metric_map["overdue_ratio"].parse(form) == F(7, 100)


def test_bad_values_of_a_count() -> None:
    errors = SAMPLE.metric_map["errors_a"]
    bad = bad_values(errors, value_spaces(SAMPLE)["errors_a"])
    # required; text; a truth value; infinity; one below the domain [0, ∞); half a count;
    # a percent sign outside ratios
    assert bad[:5] == (None, "", "n/a", True, float("inf"))
    assert bad[5:] == (-1, "0.5", "5%")


def test_bad_values_of_an_optional_money_field() -> None:
    salary = SAMPLE.metric_map["salary"]
    bad = bad_values(salary, value_spaces(SAMPLE)["salary"])
    # optional: missing is fine; -0.01 is below [0, ∞); 0.001 has a decimal too many
    assert None not in bad
    assert "" not in bad
    assert -0.01 in bad
    assert "0.001" in bad


@given(invalid_records(SAMPLE))
@FEW
def test_invalid_records_are_rejected_naming_the_field(case: tuple[dict[str, Any], str]) -> None:
    record, field = case
    with pytest.raises(InvalidInputError) as caught:
        SAMPLE.score(record)
    assert field in {p.field for p in caught.value.problems}


@given(histories(SAMPLE, 3))
@FEW
def test_histories_are_consecutive_periods_of_one_entity(history: list[dict[str, Any]]) -> None:
    months = [Period.parse(r["period"]) for r in history]
    assert months[1] == months[0].next()
    assert months[2] == months[1].next()
    assert {r["entity_id"] for r in history} == {"E-1"}


@given(columns(SAMPLE, 4))
@FEW
def test_columns_score_as_a_batch(cols: dict[str, Any]) -> None:
    assert {len(c) for c in cols.values()} == {4}
    assert list(cols["entity_id"]) == ["E-1", "E-2", "E-3", "E-4"]
    assert len(SAMPLE.score_batch(cols)) == 4


def test_columns_mix_numpy_arrays_and_lists() -> None:
    found = first(columns(SAMPLE, 2), lambda c: isinstance(c["income"], np.ndarray))
    assert found["income"].dtype == np.float64
    found = first(columns(SAMPLE, 2), lambda c: isinstance(c["income"], list))
    assert len(found["income"]) == 2


@given(st.from_type(Interval), st.from_type(Period), st.from_type(Text))
@FEW
def test_core_types_have_registered_strategies(
    interval: Interval, period: Period, text: Text
) -> None:
    # registered by the hypothesis entry point (assesskit.testing._hypothesis)
    assert isinstance(interval, Interval)
    assert isinstance(period, Period)
    assert isinstance(text, Text)
    assert text.en
    assert text.zh


@given(periods(PeriodKind.ANNUAL))
@FEW
def test_periods_of_a_kind(period: Period) -> None:
    assert period.month is None
    assert 2020 <= period.year <= 2030


def test_edge_bias_is_checked() -> None:
    with pytest.raises(ValueError, match="edge_bias"):
        records(SAMPLE, edge_bias=1.5)
