"""Probe values: numbers a rule holds, declared edges, 0 and the domain's ends, ± a step."""

from __future__ import annotations

from fractions import Fraction
from typing import ClassVar

import attrs
from tests.conftest import build_sample_scheme
from tests.testing._defects import with_income_rule

from assesskit import Interval, Param
from assesskit.rules import Banded, Plateau, StepDeduction
from assesskit.testing._probes import held_numbers, probe_values, rule_probes

F = Fraction


def test_numbers_held_in_fields_nested_values_and_parameters() -> None:
    table = Banded("s", [(Interval.at_least(80), 10), (Interval.below(80), 0)], scale=10)
    assert held_numbers(table, {}) == {F(80), F(10), F(0)}
    assert held_numbers(StepDeduction("r", "0.05", "0.01", per_step=2), {}) == {
        F(5, 100),
        F(1, 100),
        F(2),
    }
    # a parameter at its value in force (and the plateau's cap of 1)
    assert held_numbers(Plateau("income", Param("target")), {"target": F(120000)}) == {
        F(120000),
        F(1),
    }


@attrs.frozen
class WithConstant(Plateau):
    """A plateau that also keeps a threshold in a class constant."""

    BONUS_FROM: ClassVar[Fraction] = Fraction(150000)


def test_numbers_held_in_class_constants() -> None:
    assert F(150000) in held_numbers(WithConstant("income", 100000), {})


def test_probe_values_are_each_number_one_step_either_side_within_the_domain() -> None:
    probes = probe_values(build_sample_scheme())
    # income (money, 2 decimals): the target 100000 (a parameter), its cap 1, 0
    assert {F(9999999, 100), F(100000), F(10000001, 100)} <= set(probes["income"])
    assert min(probes["income"]) == 0  # never below the domain
    # the overdue ratio: 5% and each full 1% above it (declared edges), one millionth either side
    assert {F(49999, 10**6), F(5, 100), F(50001, 10**6)} <= set(probes["overdue_ratio"])
    assert max(probes["overdue_ratio"]) == 1  # the domain's end, never above it
    # the loss rate is read by a veto "> 0.01" only
    assert {F(9999, 10**6), F(1, 100), F(10001, 10**6)} <= set(probes["loss_rate"])
    # flags at both values
    assert probes["breach"] == (False, True)


def test_rule_probes_keep_to_the_constraints() -> None:
    scheme = with_income_rule(Plateau("income", Param("income_target")))
    base = {
        "eligible": F(3),
        "relocated": F(5),
        "custody_incidents": F(1),
        "custody_deduction": F(4),
    }
    probes = {"eligible": (F(0), F(5), F(6)), "relocated": (F(2), F(9))}
    moved = {(p.metric, p.value) for p in rule_probes(scheme, base, probes)}
    # eligible <= relocated: eligible 6 and relocated 2 would break it
    assert moved == {("eligible", F(0)), ("eligible", F(5)), ("relocated", F(9))}
