"""Column names: aliases of a metric, names two fields share, the fingerprint of aliases."""

from __future__ import annotations

import attrs
import pytest

from assesskit._serialize import to_data
from assesskit.io import hanzi
from assesskit.io.headers import FieldNames
from assesskit.metrics import Metric, MetricKind
from assesskit.text import Text

SALARY = Metric("salary", MetricKind.MONEY, Text("salary", "工资"), aliases=("底薪", "base pay"))
BONUS = Metric("bonus_base", MetricKind.MONEY, Text("base pay", "奖金基数"))


def test_declared_aliases_name_the_metric() -> None:
    names = FieldNames([SALARY], "period")
    match = names.match("a.csv", ["entity_id", "period", "Base_Pay"])
    assert match.fields == {"Base_Pay": "salary"}
    assert names.match("a.csv", ["底薪"]).fields == {"底薪": "salary"}
    assert attrs.evolve(SALARY, aliases="底薪").aliases == ("底薪",)


def test_a_label_two_metrics_share_names_neither() -> None:
    names = FieldNames([SALARY, BONUS], "period")
    assert names.field_of("Base Pay") is None  # an alias of one, the label of the other
    assert names.field_of("底薪") == "salary"
    assert names.field_of("Bonus-Base") == "bonus_base"
    assert names.field_of("奖金基数") == "bonus_base"


def test_an_id_wins_over_another_fields_label() -> None:
    pay = Metric("base_pay", MetricKind.MONEY, Text("pay", "工资"))
    names = FieldNames([SALARY, pay], "period")
    assert names.field_of("Base Pay") == "base_pay"  # also an alias of salary
    assert names.field_of("底薪") == "salary"


def test_aliases_enter_the_definition_only_when_declared() -> None:
    plain = to_data(attrs.evolve(SALARY, aliases=()))
    assert "aliases" not in plain  # definitions written before aliases keep their fingerprint
    assert to_data(SALARY)["aliases"] == ["底薪", "base pay"]


def test_without_opencc_names_match_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hanzi, "_converter", lambda: None)
    hanzi.simplified.cache_clear()
    try:
        names = FieldNames(
            [Metric("income", MetricKind.MONEY, Text("income", "業務收入"))], "period"
        )
        assert names.field_of("業務收入") == "income"
        assert names.field_of("业务收入") is None
        assert not hanzi.has_converter()
    finally:
        hanzi.simplified.cache_clear()


def test_with_opencc_either_script_matches() -> None:
    pytest.importorskip("opencc")
    names = FieldNames([Metric("income", MetricKind.MONEY, Text("income", "業務收入"))], "period")
    assert names.field_of("业务收入") == "income"
    assert names.field_of("業務收入") == "income"
