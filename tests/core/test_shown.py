"""The ``shown`` form of expression nodes: an expression written with one record's values.

The environment here is a plain stand-in for
:class:`assesskit.scoring.arithmetic.RecordShowEnv`: inputs ``rate`` (a ratio)
and ``salary``, parameter ``target``, total 74.73.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from assesskit import Const, Input, Max, Min, Param, Total, Where
from assesskit._exact import format_number
from assesskit.expressions import ExactEnv, ExactValue
from assesskit.expressions.node import judged, shown_of
from assesskit.text import Lang

INPUTS: dict[str, Any] = {"rate": Fraction(65, 10000), "salary": Fraction(6150), "a": None}
LABELS = {"rate": ("loss rate", "损失率"), "salary": ("salary", "工资")}


@attrs.frozen
class Env:
    """A record's values, written in *lang*."""

    lang: Lang = "en"

    def input(self, name: str) -> Any:
        return INPUTS.get(name)

    def param(self, name: str) -> Any:
        return Fraction(100000)

    def total(self) -> Decimal | None:
        return Decimal("74.73")

    def band(self) -> str | None:
        return None

    def vetoed(self) -> bool:
        return False

    def outcome(self, name: str) -> Any:
        return None

    def period(self) -> None:
        return None

    def component_status(self, component_id: str) -> str | None:
        return None

    def component_ids(self) -> list[str]:
        return []

    def say(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def value_text(self, value: Any) -> str:
        if value is None:
            return self.say("none", "无")
        if isinstance(value, bool):
            return self.say("yes" if value else "no", "是" if value else "否")
        return format_number(value, 6) if isinstance(value, Fraction) else str(value)

    def input_text(self, name: str) -> str:
        value = INPUTS.get(name)
        if name == "rate" and isinstance(value, Fraction):
            return f"{float(value * 100):g}%"
        return self.value_text(None if value is None else int(value))

    def input_label(self, name: str) -> str:
        en, zh = LABELS.get(name, (name, name))
        return self.say(en, zh)

    def param_text(self, name: str) -> str:
        return "100000"

    def as_percent(self, name: str) -> bool:
        return name == "rate"

    def band_text(self, band_id: str | None) -> str:
        return str(band_id)

    def component_text(self, component_id: str) -> str:
        return component_id

    def status_text(self, status: str) -> str:
        return status


def test_arithmetic_with_the_values_and_only_the_brackets_it_needs() -> None:
    env = Env()
    assert shown_of(Input("salary") * Total() / 100, env) == "6150 × 74.73 / 100"
    assert shown_of((Input("salary") + 1) * 2, env) == "(6150 + 1) × 2"
    assert shown_of(Input("salary") / (Total() * 2), env) == "6150 / (74.73 × 2)"
    assert shown_of(Input("salary") - (Total() - 1), env) == "6150 − (74.73 − 1)"
    assert (
        shown_of(Const("0.03") * Max(0, Input("salary") - Param("target")), env)
        == "0.03 × max(0, 6150 − 100000)"
    )
    assert shown_of(Min(Input("salary"), 1), Env("zh")) == "较小值(6150, 1)"


def test_a_number_beside_a_ratio_is_a_percentage_and_a_condition_names_its_input() -> None:
    veto = Input("rate") > Const("0.01")
    assert judged(veto, Env()) == "loss rate 0.65% > 1%: no"
    assert judged(veto, Env("zh")) == "损失率 0.65% > 1%:否"
    # a product keeps its factors as they are
    assert shown_of(Input("rate") * 2, Env()) == "0.65% × 2"


def test_a_choice_shows_the_branch_taken_and_why() -> None:
    expr = Where(Input("rate") > Const("0.01"), 0, Input("salary"))
    assert shown_of(expr, Env()) == "6150 (loss rate 0.65% > 1%: no)"
    assert shown_of(expr, Env("zh")) == "6150(损失率 0.65% > 1%:否)"
    both = (Input("rate") > 0) & ~(Input("salary") >= 7000)
    assert shown_of(both, Env()) == (
        "(loss rate 0.65% > 0%: yes) and (not (salary 6150 >= 7000): yes)"
    )
    assert shown_of(both, Env("zh")) == "(损失率 0.65% > 0%:是)且(并非(工资 6150 >= 7000):是)"


def test_a_node_without_the_form_is_shown_by_its_value() -> None:
    @attrs.frozen(eq=False)
    class Doubled(type(Input("x"))):  # type: ignore[misc]
        """An input doubled: a subclass that changes the meaning, not the shown form."""

        def exact(self, env: ExactEnv) -> ExactValue:
            value = env.input(self.name)
            return None if value is None else value * 2

    # Input's shown form ("6150") was written for another meaning: the value is shown
    assert shown_of(Doubled("salary"), Env()) == "12300"
    assert shown_of(Doubled("a"), Env("zh")) == "无"
