"""The invariant checks pass a sound scheme and catch each kind of defect, naming its culprit."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import Phase, settings
from tests.conftest import build_sample_scheme
from tests.testing._defects import (
    FirstRowBonus,
    OffByOneCentBatch,
    OverflowingPlateau,
    ShrinkingIncome,
    with_band_gap,
    with_income_rule,
)

import assesskit.scoring.exact as exact_path
from assesskit import Example, Metric, Param, Scheme
from assesskit._exact import round_half_up
from assesskit.history import History
from assesskit.metrics import ValueRejected
from assesskit.results import Result
from assesskit.scoring.exact import ParsedRecord
from assesskit.testing import (
    INVARIANTS,
    PROFILES,
    InvariantViolation,
    SchemeCheckError,
    check_bands,
    check_batch,
    check_bounds,
    check_examples,
    check_history,
    check_invalid,
    check_monotone,
    check_order,
    check_scheme,
    check_veto,
    declared_directions,
)

FAST = PROFILES["fast"].settings()
#: Find the defect, reproducibly, without the time shrinking takes.
FIND = settings(FAST, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate])
#: Find and shrink, reproducibly.
SHRINK = settings(FAST, derandomize=True, database=None)


def income_of(violation: InvariantViolation) -> Fraction:
    """The income of the violation's counterexample record, exactly."""
    assert violation.record is not None
    return Fraction(str(violation.record["income"]).replace(",", ""))


# -- a sound scheme --------------------------------------------------------------------------


def test_the_sample_scheme_passes_every_invariant() -> None:
    report = check_scheme(build_sample_scheme())
    assert report.passed == tuple(inv.name for inv in INVARIANTS)
    assert report.not_applicable == {}


def test_invariants_that_do_not_apply_are_reported_as_such() -> None:
    scheme = build_sample_scheme(vetoes=[], examples=[], history_rules=[])
    report = check_scheme(scheme, only=["veto", "examples", "history", "bands"])
    assert report.passed == ("bands",)
    assert report.not_applicable == {
        "veto": "the scheme has no vetoes",
        "examples": "the scheme declares no worked examples",
        "history": "the scheme has no history rules",
    }


def test_unknown_invariant_and_profile_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown invariant"):
        check_scheme(build_sample_scheme(), only=["monotonic"])
    with pytest.raises(ValueError, match="unknown check profile 'slow'"):
        check_bounds(build_sample_scheme(), profile="slow")


# -- each kind of defect ---------------------------------------------------------------------


def test_catches_a_scheme_made_non_monotone() -> None:
    # income earns 20 × income / 100000 up to 100000, then only 10: declared higher-is-better
    scheme = with_income_rule(ShrinkingIncome())
    with pytest.raises(InvariantViolation) as caught:
        check_monotone(scheme, settings=SHRINK)
    violation = caught.value
    assert violation.invariant == "monotone"
    assert violation.component == "income"
    assert "raising 'income' from " in str(violation)
    assert "took points off component 'income'" in str(violation)
    # the counterexample holds the lower income, at or below the target where the drop is
    assert income_of(violation) <= 100000


def test_catches_a_veto_that_leaves_points(monkeypatch: pytest.MonkeyPatch) -> None:
    original = exact_path.score_parsed

    def forgets_the_veto(scheme: Scheme, parsed: ParsedRecord) -> Result:
        result = original(scheme, parsed)
        if not result.vetoed:
            return result
        points = [c.exact_points for c in result.components.values() if c.exact_points is not None]
        exact = sum(points, Fraction(0))
        return attrs.evolve(result, total=round_half_up(exact), exact_total=exact)

    monkeypatch.setattr(exact_path, "score_parsed", forgets_the_veto)
    with pytest.raises(InvariantViolation) as caught:
        check_veto(build_sample_scheme(), settings=FIND)
    assert caught.value.component == "loss_over_1pct"
    assert "veto 'loss_over_1pct' fired but the total is" in str(caught.value)
    record = caught.value.record
    assert record is not None
    loss_rate = build_sample_scheme().metric_map["loss_rate"].parse(record["loss_rate"])
    assert isinstance(loss_rate, Fraction)
    assert loss_rate > Fraction(1, 100)  # the veto: loss rate above 1%


def test_catches_a_band_gap() -> None:
    # the literal reading "低于80分,高于60分" leaves 60 in no band
    with pytest.raises(InvariantViolation) as caught:
        check_bands(with_band_gap())
    assert "gap at 60: no band contains it" in str(caught.value)
    assert caught.value.component in ("reduced", "low")  # the bands to fix


def test_catches_a_batch_path_that_disagrees_with_the_exact_path() -> None:
    scheme = with_income_rule(OffByOneCentBatch("income", Param("income_target")))
    with pytest.raises(InvariantViolation) as caught:
        check_batch(scheme, settings=SHRINK)
    message = str(caught.value)
    assert caught.value.component == "income"
    assert "score_batch and score disagree on row 1 of 1" in message  # shrunk to one record
    assert "component 'income': batch " in message


def test_catches_a_component_above_its_weight() -> None:
    # the plateau gives 20 + 1 points from the target up
    scheme = with_income_rule(OverflowingPlateau("income", Param("income_target")))
    with pytest.raises(InvariantViolation) as caught:
        check_bounds(scheme, settings=FIND)
    assert caught.value.component == "income"
    # found by probing the rule at its target (a number it holds), whatever the records drawn
    assert (
        "component 'income' (rule kind 'test_overflowing_plateau') gave 21 points at "
        "income = 100000, outside [0, 20] (its weight)"
    ) in str(caught.value)
    assert income_of(caught.value) == 100000  # the target: the first value that overflows


def test_catches_results_that_depend_on_the_order_of_records() -> None:
    scheme = with_income_rule(FirstRowBonus("income", Param("income_target")))
    with pytest.raises(InvariantViolation) as caught:
        check_order(scheme, settings=FIND)
    assert caught.value.component == "income"
    assert "changed its result" in str(caught.value)


class ClampingRating(Metric):
    """A rating that silently clamps values above 100 (the defect: the spec forbids it)."""

    def parse(self, raw: object) -> Any:
        try:
            return super().parse(raw)
        except ValueRejected:
            if isinstance(raw, int | float) and not isinstance(raw, bool) and 100 < raw < 1e9:
                return Fraction(100)
            raise


def test_catches_bad_input_that_is_not_rejected() -> None:
    sample = build_sample_scheme()
    metrics = [
        ClampingRating(**attrs.asdict(m, recurse=False)) if m.name == "discipline_score" else m
        for m in sample.metrics
    ]
    with pytest.raises(InvariantViolation) as caught:
        check_invalid(attrs.evolve(sample, metrics=metrics), settings=FIND)
    assert caught.value.component == "discipline_score"
    # 100 + one smallest step (0.01) is the first value past the rating's domain [0, 100]
    assert "a record with a bad 'discipline_score' (100.01) was scored" in str(caught.value)


class NoZeroIncome(Metric):
    """Money that refuses 0 although its domain [0, ∞) allows it (the defect)."""

    def parse(self, raw: object) -> Any:
        value = super().parse(raw)
        if value == 0:
            raise ValueRejected("must not be 0")
        return value


def test_catches_a_valid_record_that_is_rejected() -> None:
    sample = build_sample_scheme()
    metrics = [
        NoZeroIncome(**attrs.asdict(m, recurse=False)) if m.name == "income" else m
        for m in sample.metrics
    ]
    with pytest.raises(InvariantViolation) as caught:
        check_bounds(attrs.evolve(sample, metrics=metrics), settings=FIND)
    assert "a valid record was rejected" in str(caught.value)
    assert "field 'income' = " in str(caught.value)
    assert income_of(caught.value) == 0


def test_catches_a_wrong_worked_example() -> None:
    # all components full except discipline 60 → 5 points: 95.00, not 100.00
    record = {
        **build_sample_scheme().examples[0].record,
        "discipline_score": 60,
    }
    scheme = build_sample_scheme(
        examples=[Example("discipline 60", record, {"total": "100.00", "band": "full"})]
    )
    with pytest.raises(InvariantViolation) as caught:
        check_examples(scheme)
    assert "example 'discipline 60': total: expected 100.00, got 95.00" in str(caught.value)
    assert caught.value.component == "discipline 60: total"


def test_catches_an_unknown_expectation() -> None:
    example = build_sample_scheme().examples[0]
    scheme = build_sample_scheme(examples=[attrs.evolve(example, expected={"totl": 100})])
    with pytest.raises(InvariantViolation, match="unknown expectation 'totl'"):
        check_examples(scheme)


def test_catches_a_history_rule_that_never_fires(monkeypatch: pytest.MonkeyPatch) -> None:
    original = exact_path.apply_history

    def never_dismisses(scheme: Scheme, result: Result, history: History | None) -> Result:
        result = original(scheme, result, history)
        outcome = {**result.outcome, "dismissal": False, "dismissal_trigger": []}
        return attrs.evolve(result, outcome=outcome)

    monkeypatch.setattr(exact_path, "apply_history", never_dismisses)
    with pytest.raises(InvariantViolation) as caught:
        check_history(build_sample_scheme(), settings=FIND)
    assert caught.value.component == "dismissal"
    assert "history rule 'dismissal' gave False" in str(caught.value)


def test_conflicting_directions_fail_at_once() -> None:
    sample = build_sample_scheme()
    metrics = [
        attrs.evolve(m, direction="lower_is_better") if m.name == "income" else m
        for m in sample.metrics
    ]
    scheme = attrs.evolve(sample, metrics=metrics)
    directions, conflicts = declared_directions(scheme)
    assert conflicts == [
        "income: metric 'income' declares lower_is_better but component 'income' declares "
        "higher_is_better"
    ]
    with pytest.raises(InvariantViolation, match="declared both ways"):
        check_monotone(scheme)
    assert directions["overdue_ratio"] == "lower_is_better"  # from the step deduction


def test_check_scheme_lists_every_broken_invariant() -> None:
    scheme = attrs.evolve(with_income_rule(ShrinkingIncome()), bands=with_band_gap().bands)
    with pytest.raises(SchemeCheckError) as caught:
        check_scheme(
            scheme, only=["monotone", "bands", "bounds"], settings=settings(FIND, max_examples=5)
        )
    broken = [v.invariant for v in caught.value.violations]  # type: ignore[attr-defined]
    assert broken == ["monotone", "bands"]
    assert "broke 2 invariant(s)" in str(caught.value)
