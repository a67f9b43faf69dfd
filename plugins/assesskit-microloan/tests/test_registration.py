"""The plugin as installed: entry point, labels, review, band lint, declared examples."""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest

import assesskit
from assesskit import PeriodKind, Result, Scheme, Text
from microloan_cases import DISCIPLINE_ROLES, PAY_BAND_ROLES, SCHEME_IDS

CJK = re.compile(r"[\u4e00-\u9fff]")


def has_chinese(text: Text) -> bool:
    """Whether the Chinese side of *text* is Chinese (not a copy of the English)."""
    return bool(CJK.search(text.zh))


def test_entry_point_is_declared_in_the_assesskit_group() -> None:
    found = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="assesskit")}
    assert found.get("microloan") == "assesskit_microloan"


def test_the_entry_point_registers_the_eight_schemes() -> None:
    registered = {s.id: s.plugin for s in assesskit.list_schemes() if s.id.startswith("microloan.")}
    assert registered == dict.fromkeys(SCHEME_IDS, "microloan")
    scheme = assesskit.get_scheme("microloan.loan-officer")
    assert scheme.id == "microloan.loan-officer"


def test_get_scheme_takes_the_income_target() -> None:
    scheme = assesskit.get_scheme("microloan.loan-officer", income_target=250000)
    assert scheme.params()["income_target"] == 250000


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_periods(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    scheme = schemes[scheme_id]
    expected = PeriodKind.ANNUAL if scheme_id == "microloan.management" else PeriodKind.MONTHLY
    assert scheme.period is expected
    # The family's input files name the period column "period", 2025 included.
    assert scheme.period_field == "period"


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_every_label_has_its_chinese_term(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    scheme = schemes[scheme_id]
    labels = [scheme.title]
    labels += [c.label for c in scheme.components]
    labels += [m.label for m in scheme.metrics]
    labels += [v.label for v in scheme.vetoes]
    labels += [o.label for o in scheme.outcomes]
    labels += [r.label for r in scheme.history_rules]
    labels += [t.label for r in scheme.history_rules for t in r.triggers]
    labels += [p.label for p in scheme.parameters]
    if scheme.bands is not None:
        labels += [b.label for b in scheme.bands.bands]
    missing = [label.en for label in labels if not has_chinese(label)]
    assert missing == []


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_rule_descriptions_read_in_both_languages(
    schemes: Mapping[str, Scheme], scheme_id: str
) -> None:
    scheme = schemes[scheme_id]
    labels = {m.name: m.label for m in scheme.metrics}
    weights = scheme.effective_weights()
    for component in scheme.components:
        described = component.rule.describe(weights[component.id], labels)
        assert described.en
        assert has_chinese(described), component.id


def test_component_labels_quote_the_source() -> None:
    # Spot checks against the Chinese original.
    cashier = assesskit.get_scheme("microloan.cashier")
    assert [c.label.zh for c in cashier.components] == [
        "现金及有价证券保管",
        "工资表及个税表",
        "记录凭证",
        "利息收入计算",
        "贷款发放和收回手续",
        "保守公司机密",
        "劳动纪律",
        "工作评价",
    ]
    officer = assesskit.get_scheme("microloan.loan-officer")
    assert [c.label.zh for c in officer.components] == [
        "业务收入",
        "贷款损失率",
        "逾期贷款",
        "劳动纪律和贷后管理",
    ]


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_review(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    review = schemes[scheme_id].review
    if scheme_id == "microloan.management":
        assert (review.initial, review.final) == (
            Text("admin dept", "综合管理部"),
            Text("the board", "董事会"),
        )
    elif scheme_id in ("microloan.cashier", "microloan.accountant"):
        # Assessor only, no stages.
        assert review.initial is None
        assert review.final is None
        assert review.assessor == Text("audit & finance dept", "稽核财务部")
        assert review.note is not None
        assert "no stages" in review.note.en
    else:
        assert review.initial == Text("admin dept and the supervisor", "综合管理部和主管领导")
        assert review.final == Text("general manager", "总经理")


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_weights_and_structure(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    scheme = schemes[scheme_id]
    assert sum(scheme.effective_weights().values()) == 100
    outcomes = [o.id for o in scheme.outcomes]
    if scheme_id in PAY_BAND_ROLES:
        assert scheme.bands is not None
        assert scheme.bands.ids() == ("full", "reduced", "low")
        assert outcomes == ["pay_factor", "pay"]
        assert [t.id for t in scheme.history_rules[0].triggers] == ["total", "discipline"]
    elif scheme_id == "microloan.loan-officer":
        assert scheme.bands is None
        assert outcomes == ["pay", "bonus", "bonus_status", "income", "bonus_paid_in"]
        assert [t.id for t in scheme.history_rules[0].triggers] == ["discipline"]
    else:
        assert scheme.bands is None
        assert outcomes == ["bonus_coefficient", "bonus", "pool_rate", "pool"]
        assert scheme.history_rules == ()
    if scheme_id in DISCIPLINE_ROLES:
        rule = scheme.history_rules[0]
        assert (rule.id, rule.periods, rule.triggers_outcome) == (
            "dismissal",
            3,
            "dismissal_trigger",
        )


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_lint_is_clean(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    assert schemes[scheme_id].lint() == []


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_declared_examples_hold(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    scheme = schemes[scheme_id]
    assert scheme.examples, "every scheme declares a worked example"
    for example in scheme.examples:
        result = scheme.with_params(example.params).score(example.record)
        assert_matches(result, example.expected)


def assert_matches(result: Result, expected: Mapping[str, Any]) -> None:
    """Check a result against an example's ``expected`` (decimals given as strings)."""
    if "total" in expected:
        assert result.total == Decimal(expected["total"])
    if "band" in expected:
        assert result.band_id == expected["band"]
    if "vetoed" in expected:
        assert result.vetoed is expected["vetoed"]
    for component_id, pts in expected.get("components", {}).items():
        assert result.components[component_id].points == Decimal(pts), component_id
    for outcome_id, value in expected.get("outcome", {}).items():
        got = result.outcome[outcome_id]
        if value is None or isinstance(got, str | bool):
            assert got == value, outcome_id
        else:
            assert got == Decimal(value), outcome_id


def test_the_spec_worked_examples_are_declared(schemes: Mapping[str, Scheme]) -> None:
    names = {
        scheme_id: [e.name for e in schemes[scheme_id].examples]
        for scheme_id in ("microloan.loan-officer", "microloan.accountant", "microloan.management")
    }
    assert all(any(n.startswith("spec worked example") for n in v) for v in names.values())
