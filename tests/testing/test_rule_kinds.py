"""Every registered rule kind passes its own check; broken kinds planted here fail it.

The check (:func:`assesskit.testing.check_rule_kind`) builds a scheme around
the kind's own example (``Rule.example()``) and runs the invariants that
apply to one rule. The test over ``assesskit.rule_kinds()`` checks every
kind registered, built-in ones and ``Target`` included, so a new kind is
checked without a test of its own.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar

import attrs
import numpy as np
import pytest
from hypothesis import Phase, settings
from tests.conftest import build_sample_scheme
from tests.testing._defects import (
    FirstRowBonus,
    OffByOneCentBatch,
    OverflowingPlateau,
    ShrinkingIncome,
)
from tests.testing.planted.rules import ShopperVisits

import assesskit
from assesskit import Metric, MetricKind, Text
from assesskit._builtins import BUILTIN_RULE_KINDS
from assesskit.rules import (
    BatchRuleContext,
    BatchScored,
    Boolean,
    Plateau,
    Rule,
    RuleContext,
    RuleExample,
    Scored,
    StepDeduction,
)
from assesskit.rules.base import PointsRange
from assesskit.targets import Target
from assesskit.testing import (
    KIND_INVARIANTS,
    Profile,
    RuleKindCheckError,
    check_rule_kind,
    example_scheme,
)

#: A lighter profile than ``fast`` for the default test session: every kind in a few seconds
#: in all (``check_rule_kind(cls)`` alone uses ``fast``).
QUICK = Profile("kinds", max_examples=6, batch_size=6, probe_examples=1)

#: For the planted kinds: a defect is found without shrinking it to the smallest record.
CAUGHT = settings(QUICK.settings(), phases=[Phase.explicit, Phase.reuse, Phase.generate])

KINDS = assesskit.rule_kinds()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_registered_kind_passes_its_own_check(kind: str) -> None:
    report = check_rule_kind(KINDS[kind], QUICK)
    assert report.kind == kind
    for checked in report.examples:
        # batch equals exact and points within the weight are checked on every example
        assert {"batch", "bounds", "order", "exact"} <= set(checked.passed)


def test_every_built_in_kind_is_registered_and_gives_an_example() -> None:
    assert set(BUILTIN_RULE_KINDS) <= set(KINDS)
    assert "target" in BUILTIN_RULE_KINDS
    for kind, cls in BUILTIN_RULE_KINDS.items():
        examples = cls.examples()
        assert examples, kind
        assert all(type(e.rule) is cls for e in examples), kind


def test_monotone_is_checked_where_a_kind_declares_a_direction() -> None:
    # Plateau declares income higher-is-better; its check ran the monotone invariant
    report = check_rule_kind(Plateau, QUICK, only=["monotone", "params"])
    assert report.examples[0].passed == ("monotone", "params")
    # the milestone target declares no direction: monotone does not apply to it
    target = check_rule_kind(Target, QUICK, only=["monotone"])
    assert [e.passed for e in target.examples] == [("monotone",), ("monotone",), ()]
    assert target.examples[2].not_applicable == {"monotone": "no metric declares a direction"}


def test_the_target_is_checked_on_a_schedule_a_quota_and_a_milestone() -> None:
    ids = [example_scheme(e, i).id for i, e in enumerate(Target.examples())]
    assert ids == ["rule-kind.target", "rule-kind.target.quota", "rule-kind.target.milestone"]
    kinds = [e.rule.target_kind for e in Target.examples() if isinstance(e.rule, Target)]
    assert kinds == ["cumulative", "at_most", "milestone"]


def test_the_scheme_around_an_example_adds_a_flag_worth_the_rest() -> None:
    example = Plateau.example()
    assert example is not None
    scheme = example_scheme(example)
    assert [(c.id, c.weight) for c in scheme.components] == [("example", 40), ("rest", 60)]
    # 40 × 50000 / 100000 = 20 points, and the 60 of the flag: 80
    result = scheme.score({"period": "2026-08", "income": 50000, "rest_ok": True})
    assert result.total == Fraction(80)
    alone = RuleExample(Boolean("ok"), [Metric("ok", MetricKind.FLAG, Text("ok"))])
    assert [c.id for c in example_scheme(alone).components] == ["example"]


# -- planted broken kinds: each defect is caught, by the invariant that names it ---------------


@attrs.frozen
class ShrinkingIncomeKind(ShrinkingIncome):
    """Declares income higher-is-better, gives half the weight above 100000 (the defect)."""

    kind: ClassVar[str] = "test_kind_shrinking"

    @classmethod
    def example(cls) -> RuleExample:
        income = Metric("income", MetricKind.MONEY, Text("income"))
        return RuleExample(cls(), [income], weight=20)


@attrs.frozen
class UnsortedBatch(Plateau):
    """Its batch path gives the rows' points in sorted order, not the rows' own (the defect)."""

    kind: ClassVar[str] = "test_kind_unsorted"

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        return BatchScored(np.sort(super().score_batch(ctx, weight).points))


def _broken(cls: type[Any], *only: str) -> RuleKindCheckError:
    with pytest.raises(RuleKindCheckError) as caught:
        check_rule_kind(cls, QUICK, only=only or None, settings=CAUGHT)
    assert caught.value.kind == cls.kind
    return caught.value


def _broke(error: RuleKindCheckError) -> set[str]:
    return {v.invariant for f in error.failures for v in f.violations}  # type: ignore[attr-defined]


def test_a_batch_path_that_disagrees_with_the_exact_one_is_caught() -> None:
    # Plateau's example builds cls(...): the subclass is checked as itself
    error = _broken(OffByOneCentBatch)
    # caught by the checks that compare the two paths (params scores on both too)
    assert {"batch"} <= _broke(error) <= {"batch", "params"}
    assert "rule-kind.test_off_by_one_cent" in str(error)


def test_points_above_the_weight_are_caught() -> None:
    error = _broken(OverflowingPlateau)
    assert "bounds" in _broke(error)
    assert "monotone" not in _broke(error)
    assert "component 'example'" in str(error)


def test_a_kind_non_monotone_despite_its_declared_direction_is_caught() -> None:
    error = _broken(ShrinkingIncomeKind)
    assert _broke(error) == {"monotone"}
    assert "raising 'income'" in str(error)


def test_a_batch_that_depends_on_the_rows_around_it_is_caught() -> None:
    assert _broke(_broken(FirstRowBonus, "batch", "order"))
    assert _broke(_broken(UnsortedBatch, "batch", "order"))


@attrs.frozen
class HalfOnBreach(Boolean):
    """Gives half the weight on a breach, where it declares the values {0, weight} (the defect)."""

    kind: ClassVar[str] = "test_kind_half_on_breach"

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        scored = super().score(ctx, weight)
        return Scored(scored.points or weight / 2, scored.explanation)

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        points = super().score_batch(ctx, weight).points
        return BatchScored(np.where(points == 0, float(weight) / 2, points))


@attrs.frozen
class FewerSteps(StepDeduction):
    """Declares it gives only 0 or the weight, but deducts step by step (the defect)."""

    kind: ClassVar[str] = "test_kind_fewer_steps"

    def reachable(self, weight: Fraction) -> tuple[Fraction, ...] | None:
        return (Fraction(0), weight)

    def points_range(
        self, weight: Fraction, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> PointsRange:
        return PointsRange.of_values({Fraction(0), weight})


def test_points_the_kind_does_not_declare_are_caught() -> None:
    # within [0, weight], but not among the values the kind declares (the band linter's input)
    half = _broken(HalfOnBreach)
    assert _broke(half) == {"bounds"}
    assert "gave 5 points at breach = True, not one of {0, 10}" in str(half)
    steps = _broken(FewerSteps)
    assert _broke(steps) == {"bounds"}
    assert "not one of {0, 10}, the points its rule can give by its definition" in str(steps)


@attrs.frozen
class StrictAtTheTop(ShopperVisits):
    """``>`` in the batch where the exact path has ``>=``, at an edge it declares (the defect)."""

    kind: ClassVar[str] = "test_kind_strict_at_the_top"

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        rating, w = ctx.column(self.metric), float(weight)
        top, mark = ctx.number(self.top), ctx.number(self.pass_mark)
        return BatchScored(np.where(rating > top, w, np.where(rating >= mark, w / 2, 0.0)))

    @classmethod
    def example(cls) -> RuleExample:
        rating = Metric("shopper_rating", MetricKind.RATING, Text("mystery shopper"))
        return RuleExample(cls(), [rating], weight=20)


def test_a_batch_path_wrong_only_at_a_declared_edge_is_caught() -> None:
    # a rating of exactly 90 (the top, one of the rule's edges) is probed on both paths
    error = _broken(StrictAtTheTop, "batch")
    assert _broke(error) == {"batch"}
    # the row the paths disagree on has a rating of 90, however it was written
    assert re.search(r"'shopper_rating': (Decimal\()?'?90(\.0+)?'?\)?,", str(error))


@attrs.frozen
class NoExample(Plateau):
    """A kind whose example() is inherited and builds it: a correct kind, without an example."""

    kind: ClassVar[str] = "test_kind_no_example"

    @classmethod
    def example(cls) -> RuleExample | None:
        return None


@attrs.frozen
class ParentsExample(Boolean):
    """Inherits Boolean.example(), which builds ``cls(...)``: fine, checked as itself."""

    kind: ClassVar[str] = "test_kind_parents_example"


@attrs.frozen
class ForeignExample(Boolean):
    """Its example() gives a rule of another kind (the defect)."""

    kind: ClassVar[str] = "test_kind_foreign_example"

    @classmethod
    def example(cls) -> RuleExample:
        example = Boolean.example()
        assert example is not None
        return example


def test_a_kind_without_an_example_fails_saying_how_to_add_one() -> None:
    error = _broken(NoExample)
    assert error.failures == ()
    (problem,) = error.problems
    assert "NoExample gives no example, so it cannot be checked" in problem
    assert "classmethod example() returning assesskit.rules.RuleExample(" in problem
    assert "docs/rules.md" in problem
    # a kind that never defined example() at all: Rule's default gives none
    assert ShrinkingIncome.examples() == ()
    assert "gives no example" in str(_broken(ShrinkingIncome))


def test_an_example_of_another_kind_does_not_pass_for_this_one() -> None:
    check_rule_kind(ParentsExample, QUICK, only=["bounds"])
    error = _broken(ForeignExample)
    assert "is a rule of kind 'boolean'" in error.problems[0]
    assert "build the rule with cls(...)" in error.problems[0]


@attrs.frozen
class Undeclared(Boolean):
    """Its example leaves out the metric the rule reads (the defect)."""

    kind: ClassVar[str] = "test_kind_undeclared"

    @classmethod
    def example(cls) -> RuleExample:
        return RuleExample(cls("ok"), [Metric("other", MetricKind.FLAG, Text("other"))])


def test_an_example_that_makes_no_valid_scheme_is_reported() -> None:
    error = _broken(Undeclared)
    assert "does not make a valid scheme" in error.problems[0]
    assert "'ok'" in error.problems[0]


def test_check_rule_kind_refuses_what_is_not_a_kind_and_unknown_invariants() -> None:
    with pytest.raises(TypeError, match="is not a rule kind"):
        check_rule_kind(Scored)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"unknown rule-kind invariant\(s\) \['veto'\]"):
        check_rule_kind(Boolean, only=["veto"])
    assert "veto" not in KIND_INVARIANTS
    assert {"batch", "bounds", "monotone", "reach", "order"} <= set(KIND_INVARIANTS)


def test_an_example_weight_outside_0_to_100_is_refused() -> None:
    flag = [Metric("ok", MetricKind.FLAG, Text("ok"))]
    with pytest.raises(ValueError, match=r"weight is in \(0, 100\], not 120"):
        RuleExample(Boolean("ok"), flag, weight=120)
    with pytest.raises(ValueError, match=r"not 0"):
        RuleExample(Boolean("ok"), flag, weight=0)


# -- the built-in kinds come from one list -----------------------------------------------------


def _defined_in_assesskit(cls: type[Rule]) -> set[type[Rule]]:
    found = set()
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("assesskit.") and not inspect.isabstract(sub):
            found.add(sub)
        found |= _defined_in_assesskit(sub)
    return found


def test_every_rule_class_of_assesskit_is_in_the_one_list() -> None:
    importlib.import_module("assesskit.targets")
    assert _defined_in_assesskit(Rule) == set(BUILTIN_RULE_KINDS.values())
    assert all(kind == cls.kind for kind, cls in BUILTIN_RULE_KINDS.items())
    # and the built-in plugin registers exactly that list
    assert {k: c for k, c in KINDS.items() if c.__module__.startswith("assesskit.")} == dict(
        BUILTIN_RULE_KINDS
    )


def test_the_sample_scheme_uses_every_built_in_kind_but_the_target() -> None:
    used = {type(c.rule).kind for c in build_sample_scheme().components}
    assert used == set(BUILTIN_RULE_KINDS) - {"target"}


def test_every_built_in_kind_has_a_section_in_the_rules_page() -> None:
    page = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.*)$", page, flags=re.M)
    for cls in BUILTIN_RULE_KINDS.values():
        assert any(f"`{cls.__name__}`" in h for h in headings), cls.__name__


@attrs.frozen
class TupleExample(Boolean):
    """Its example() gives a plain tuple, not a RuleExample (the defect)."""

    kind: ClassVar[str] = "test_kind_tuple_example"

    @classmethod
    def example(cls) -> Any:
        return (cls("ok"), [Metric("ok", MetricKind.FLAG, Text("ok"))])


@attrs.frozen
class RaisingExample(Boolean):
    """Its examples() raises (the defect)."""

    kind: ClassVar[str] = "test_kind_raising_example"

    @classmethod
    def examples(cls) -> tuple[RuleExample, ...]:
        raise KeyError("income_target")


def test_an_example_that_is_not_a_rule_example_or_raises_is_reported() -> None:
    (problem,) = _broken(TupleExample).problems
    assert problem.endswith("TupleExample is a builtins.tuple, not an assesskit.rules.RuleExample")
    (problem,) = _broken(RaisingExample).problems
    assert problem.endswith("RaisingExample.examples() raised KeyError: 'income_target'")
