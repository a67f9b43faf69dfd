"""Edges of the exact path (``Scheme.score``) that the main tests leave unasserted.

Reading a record (blank ids, every constraint checked), the notes and
explanations of rescaled and vetoed records in both languages, what each
outcome kind publishes, and the notes of history rules. Values are worked
out by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import pytest
from tests.conftest import build_sample_scheme, sample_record
from tests.core._helpers import one_rule_scheme, record
from tests.core.test_scoring_exact import RATING, Given

from assesskit import (
    Component,
    Const,
    Input,
    InvalidInputError,
    Metric,
    MetricKind,
    Outcome,
    PeriodKind,
    RuleError,
    Scheme,
    Text,
    Veto,
)
from assesskit.expressions import BatchEnv, BatchValue, ExactEnv, ExactValue, Expr
from assesskit.expressions.node import TypeChecker
from assesskit.expressions.value_types import NUMBER, ValueType
from assesskit.rules import Boolean, Share

SAMPLE = build_sample_scheme()
N, M = (Metric(x, MetricKind.COUNT, Text(x, x)) for x in "nm")
P, Q = (Metric(x, MetricKind.COUNT, Text(x, x)) for x in "pq")


def problems(scheme: Scheme, data: Mapping[str, Any]) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        scheme.score(data)
    return [str(p) for p in caught.value.problems]


class TestReadingEdges:
    @pytest.mark.parametrize("blank", ["\t", " \n ", "\u3000"])
    def test_an_entity_id_of_blanks_is_no_id(self, blank: str) -> None:
        # blank text is a missing id, even where its blanks are control characters
        assert SAMPLE.score(sample_record(entity_id=blank)).entity_id is None

    def test_a_refused_value_skips_only_the_constraints_reading_it(self) -> None:
        # eligible is refused, so "eligible <= relocated" is skipped; the constraints
        # after it (custody per incident, at least one rater) are still checked
        found = problems(SAMPLE, sample_record(eligible="x", custody_deduction=30, rating_a=None))
        assert found == [
            "record E-1: field 'eligible' = 'x': must be a whole number >= 0",
            "record E-1: field 'custody_deduction' = 30: must be between 1 and 20 points "
            "per incident: 1..20 for custody_incidents = 1",
            "record E-1: field 'rating_a' = missing: at least one of rating_a, rating_b "
            "must be given",
        ]


@attrs.frozen(eq=False)
class Floated(Expr):
    """A plugin's node that says it gives a number but computes a float."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return 1.5  # type: ignore[return-value]

    def batch(self, env: BatchEnv) -> BatchValue:
        return Const(1).batch(env)

    def words(self) -> str:
        return "a float"

    def check_type(self, checker: TypeChecker) -> ValueType:
        return NUMBER


class TestPublishing:
    def test_a_year_published_as_money_is_to_the_fen(self) -> None:
        built = Metric("built", MetricKind.YEAR, Text("year built", "建成年份"), required=False)
        scheme = build_sample_scheme(
            metrics=[*SAMPLE.metrics, built],
            outcomes=[Outcome("built_in", Text("built in", "建成于"), Input("built"), "money")],
        )
        result = scheme.score({**sample_record(), "built": 2019})
        assert result.outcome["built_in"] == Decimal("2019.00")
        assert str(result.outcome["built_in"]) == "2019.00"

    def test_a_list_of_one_value_holds_that_value(self) -> None:
        built = Metric("built", MetricKind.YEAR, Text("year built", "建成年份"), required=False)
        scheme = build_sample_scheme(
            metrics=[*SAMPLE.metrics, built],
            outcomes=[
                Outcome("years", Text("years", "年份"), Input("built"), "list"),
                Outcome("words", Text("words", "字"), Const("ok"), "list"),
            ],
        )
        result = scheme.score({**sample_record(), "built": 2019})
        assert result.outcome["years"] == [2019]
        assert result.outcome["words"] == ["ok"]

    @pytest.mark.parametrize(
        ("kind", "message"),
        [
            ("money", "outcome paid: money needs a number, got 1.5"),
            ("number", "outcome paid: needs a number, got 1.5"),
        ],
    )
    def test_a_float_from_a_plugin_node_is_refused_naming_the_outcome(
        self, kind: str, message: str
    ) -> None:
        scheme = build_sample_scheme(
            outcomes=[Outcome("paid", Text("paid", "付"), Floated(), kind)]
        )
        with pytest.raises(TypeError) as caught:
            scheme.score(sample_record())
        assert str(caught.value) == message


class TestVetoExplanations:
    def test_a_veto_reading_two_inputs_names_both_in_order(self) -> None:
        either = (Input("loss_rate") > Const("0.01")) | Input("breach")
        scheme = build_sample_scheme(vetoes=[Veto("either", Text("either", "任一"), either)])
        result = scheme.score(sample_record(breach=True))
        (veto,) = result.vetoes
        assert veto.explanation.en == (
            "loss_rate > 0.01 or breach (breach = true, loss_rate = 0%): the whole total is 0"
        )
        assert veto.explanation.zh == "任一(breach = true, loss_rate = 0%):考核总分为0"
        assert str(result.total) == "0.00"


def test_float_points_are_refused_naming_the_component_and_its_rule_kind() -> None:
    scheme = one_rule_scheme(Given(7.5), [RATING])
    with pytest.raises(RuleError) as caught:
        scheme.score(record(s=1))
    assert (caught.value.component, caught.value.rule_kind) == ("c", "test_given")
    assert str(caught.value) == (
        "component 'c' (rule kind 'test_given'): score() returned float points 7.5; the exact "
        "path takes exact numbers only (Fraction): compute with Fraction, never with float"
    )


def two_shares_scheme() -> Scheme:
    """Shares n/m (30 points) and p/q (30), each not applicable when its count is 0, and a
    flag worth 40."""
    return Scheme(
        id="test.two-shares",
        version="3",
        title=Text("two shares", "两项占比"),
        period=PeriodKind.MONTHLY,
        metrics=[N, M, P, Q, Metric("ok", MetricKind.FLAG, Text("ok", "合格"))],
        components=[
            Component("first", Text("first share", "甲占比"), 30, Share("n", "m")),
            Component("second", Text("second share", "乙占比"), 30, Share("p", "q")),
            Component("flag", Text("flag", "合格"), 40, Boolean("ok")),
        ],
    )


class TestRescaling:
    def test_two_components_left_out_are_named_in_both_languages(self) -> None:
        result = two_shares_scheme().score({"n": 0, "m": 0, "p": 0, "q": 0, "ok": True})
        (note,) = result.notes
        assert note.en == (
            "not applicable: first, second; the other weights sum to 40 and are scaled by 2.5 "
            "to sum to 100"
        )
        assert note.zh == "不适用:甲占比、乙占比;其余权重合计 40,乘以 2.5 使总权重为100"
        assert str(result.total) == "100.00"  # 40 × 2.5
        assert (result.scheme_id, result.scheme_version) == ("test.two-shares", "3")

    def test_a_weight_of_one_left_is_scaled_to_a_hundred(self) -> None:
        # c (99 points) does not apply; the filler's 1 point is all the weight left
        scheme = one_rule_scheme(Share("n", "m"), [N, M], weight=99)
        result = scheme.score(record(n=0, m=0))
        (note,) = result.notes
        assert note.en == (
            "not applicable: c; the other weights sum to 1 and are scaled by 100 to sum to 100"
        )
        assert str(result.total) == "100.00"
        assert result.components["fill"].weight == 100
        assert result.components["fill"].explanation.en.endswith("; rescaled × 100 = 100")

    def test_when_no_component_applies_there_is_no_total_at_all(self) -> None:
        scheme = one_rule_scheme(Share("n", "m"), [N, M], weight=100)
        result = scheme.score({"n": 0, "m": 0})
        assert result.total is None
        assert result.exact_total is None
        assert result.band_id is None
        assert [(n.en, n.zh) for n in result.notes] == [
            ("no component applies: no total", "没有适用的考核项:无总分")
        ]


class TestWhatAResultCarries:
    def test_the_kinds_labels_and_words_of_outcomes_and_history_rules(self) -> None:
        result = SAMPLE.score(sample_record())
        assert result.outcome_kinds == {
            "pay_factor": "number",
            "pay": "money",
            "bonus": "money",
            "bonus_status": "text",
            "bonus_paid_in": "text",
            "dismissal": "flag",
            "dismissal_trigger": "list",
        }
        assert result.outcome_labels["pay"] == Text("pay", "实发工资")
        assert result.outcome_labels["dismissal_trigger"] == Text(
            "dismissal: triggers", "辞退(触发条件)"
        )
        assert result.outcome_words["dismissal_trigger"] == {
            "total": Text("total <= 60", "总分60分以下"),
            "discipline": Text("discipline <= 60", "劳动纪律60分以下"),
        }
        assert result.outcome_words["bonus_status"]["withheld"] == Text("withheld", "暂停发放")
