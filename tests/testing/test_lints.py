"""Lint findings of the kit: weights that look like points with a typo, scales unlike weights."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from tests.conftest import build_sample_scheme

from assesskit import Interval, Parameter, Text
from assesskit.cli.lint import lint_scheme
from assesskit.metrics import MetricKind
from assesskit.rules import Banded
from assesskit.testing._lints import weight_findings
from assesskit.testing._params import parameter_values


def relative(*weights: int) -> list[tuple[str, str]]:
    sample = build_sample_scheme()
    components = [
        attrs.evolve(c, weight=w) for c, w in zip(sample.components, weights, strict=True)
    ]
    found = weight_findings(build_sample_scheme(components=components, weights="relative"))
    return [f for f in found if f[0] == "weights"]  # the threshold table's scale aside


@pytest.mark.parametrize("total", [95, 99, 101, 105])
def test_relative_weights_near_100_are_a_typo(total: int) -> None:
    # 20 + 8 × 10 = 100; move the first weight to reach the total
    found = relative(total - 80, *[10] * 8)
    assert len(found) == 1
    kind, message = found[0]
    assert kind == "weights"
    assert message.startswith(f"relative weights sum to {total} ({total - 80} + 10 + 10 + ")
    assert message.endswith(
        f"not 100: they look like points with a typo, which relative weights hide by scaling "
        f"each by 100/{total}; correct the weight that is off, or declare weights='points' to "
        f"have the sum checked"
    )


@pytest.mark.parametrize("total", [94, 100, 106])
def test_relative_weights_further_from_100_are_meant(total: int) -> None:
    assert relative(total - 80, *[10] * 8) == []


def test_equal_relative_weights_are_meant() -> None:
    # nine equal areas of 11: 99, but clearly relative
    assert relative(*[11] * 9) == []


def test_a_table_on_another_scale_than_its_weight() -> None:
    tiers = [
        (Interval.at_least(80), 10),
        (Interval.closed_open(60, 80), 5),
        (Interval.below(60), 0),
    ]
    sample = build_sample_scheme()

    def with_table(scale: int, weight: int) -> list[str]:
        table = Banded("discipline_score", tiers, scale=scale)
        components = [
            attrs.evolve(c, rule=table, weight=weight) if c.id == "discipline" else c
            for c in sample.components
        ]
        if weight != 10:  # keep the points summing to 100
            components = [
                attrs.evolve(c, weight=c.weight - (weight - 10)) if c.id == "income" else c
                for c in components
            ]
        return [m for _, m in weight_findings(build_sample_scheme(components=components))]

    assert with_table(scale=10, weight=10) == []
    assert with_table(scale=10, weight=15) == [
        "component 'discipline': its threshold table has scale 10 but the component's weight is "
        "15, so the tier points (10, 5, 0) are multiplied by 1.5 (15, 7.5, 0); give the scale the "
        "component's weight unless the tiers are meant on another scale"
    ]


def test_lint_reports_the_parts_no_input_reaches() -> None:
    from assesskit import Input, Veto

    scheme = build_sample_scheme(
        vetoes=[Veto("loss", Text("loss", "損失"), Input("loss_rate") > 1)]
    )
    found = [str(f) for f in lint_scheme(scheme)]
    assert len(found) == 1
    assert found[0].startswith("unreachable: veto 'loss' (loss_rate > 1) never fires: ")


def test_parameter_values_come_from_the_domain() -> None:
    money = Parameter("target", Text("target"), 100000, kind=MetricKind.MONEY)
    assert parameter_values(money) == (
        Fraction(0),
        Fraction(1, 100),
        Fraction(50000),
        Fraction(100000),
        Fraction(200000),
    )
    # an open lower end: one step above it, never 0
    positive = attrs.evolve(money, domain=Interval(0, None, lower_closed=False))
    assert parameter_values(positive)[0] == Fraction(1, 100)
    # a ratio: 0, its default, half and twice it, and the end 1
    ratio = Parameter("tolerance", Text("tolerance"), "0.1", kind=MetricKind.RATIO)
    assert parameter_values(ratio) == (
        Fraction(0),
        Fraction(1, 10**6),
        Fraction(1, 20),
        Fraction(1, 10),
        Fraction(1, 5),
        Fraction(1),
    )
