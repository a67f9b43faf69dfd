"""Defects planted in a plugin of our own are caught: at definition, by lint or by the fast profile.

The plugin (``tests/testing/planted``) has one correct scheme, a shop
assistant's monthly appraisal, and variants with one defect each, of every
kind of issue 13. Each test says which mechanism catches the defect and
checks what the report says; the correct scheme raises no false alarm.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from fractions import Fraction

import pytest
from tests.testing.planted.plugin import PlantedPlugin
from tests.testing.planted.schemes import VARIANTS, Planted, correct, variant

from assesskit import SchemeDefinitionError, list_schemes
from assesskit.cli.lint import lint_scheme
from assesskit.errors import RuleError
from assesskit.plugins import PluginWarning, get_registry
from assesskit.testing import INVARIANTS, InvariantViolation, check_scheme

Register = Callable[[object, str], None]
BY_NAME = {inv.name: inv for inv in INVARIANTS}


def planted(caught_by: Callable[[str], bool]) -> list[Planted]:
    return [v for v in VARIANTS if caught_by(v.caught_by)]


def names(found: list[Planted]) -> list[str]:
    return [v.name for v in found]


# -- the correct scheme: no false alarm --------------------------------------------------------


def test_the_correct_scheme_passes_every_invariant_and_lints_clean() -> None:
    report = check_scheme(correct())
    assert report.passed == tuple(inv.name for inv in INVARIANTS)
    assert lint_scheme(correct()) == []


def test_more_variants_than_the_issue_lists_and_every_kind_is_planted() -> None:
    # the issue's own plugin had 21 broken variants; every kind it lists is planted here
    assert len(VARIANTS) > 21
    kinds = {v.issue_kind for v in VARIANTS}
    assert kinds == {
        "unreachable",
        "above weight",
        "float",
        "batch edge",
        "division",
        "weights",
        "messages",
    }
    # each is caught by the definition, lint or an invariant of the fast profile
    assert {v.caught_by for v in VARIANTS} <= {"definition", "lint", *BY_NAME}


# -- caught when the scheme is defined ---------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    planted(lambda by: by == "definition"),
    ids=names(planted(lambda by: by == "definition")),
)
def test_caught_when_defined(case: Planted) -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        case.build()
    matching = [p for p in caught.value.problems if all(s in p for s in case.says)]
    assert matching, caught.value.problems


# -- caught by lint ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", planted(lambda by: by == "lint"), ids=names(planted(lambda by: by == "lint"))
)
def test_caught_by_lint(case: Planted) -> None:
    findings = [str(f) for f in lint_scheme(case.build())]
    assert [f for f in findings if all(s in f for s in case.says)], findings


# -- caught by the fast profile ----------------------------------------------------------------

KIT = planted(lambda by: by in BY_NAME)


@pytest.mark.parametrize("case", KIT, ids=names(KIT))
def test_caught_by_the_fast_profile(case: Planted) -> None:
    scheme = case.build()
    with pytest.raises(InvariantViolation) as caught:
        BY_NAME[case.caught_by].run(scheme, profile="fast")
    report = str(caught.value)
    assert all(s in report for s in case.says), report
    assert caught.value.component == case.part


def rating_of(violation: InvariantViolation) -> Fraction:
    assert violation.record is not None
    return Fraction(str(violation.record["shopper_rating"]))


@pytest.mark.parametrize(
    ("name", "rating", "points"),
    [
        # 10 points from the top rating on the exact path, half of them on the batch path
        ("greater-in-batch", 90, "batch 5.0, exact 10.00"),
        ("greater-in-batch-param", 85, "batch 5.0, exact 10.00"),
        # 10 points from 87.5 on the exact path, none on the batch path
        ("greater-in-batch-constant", "87.5", "batch 0.0, exact 10.00"),
    ],
)
def test_a_batch_disagreement_is_shown_at_the_threshold_itself(
    name: str, rating: object, points: str
) -> None:
    # the thresholds are not declared as edges: the kit found them in the rule's fields, its
    # parameters and its class constants
    with pytest.raises(InvariantViolation) as caught:
        BY_NAME["batch"].run(variant(name).build(), profile="fast")
    assert rating_of(caught.value) == Fraction(str(rating))
    assert f"component 'shopper': {points}" in str(caught.value)


def test_float_points_are_refused_by_the_exact_path_naming_the_rule_kind() -> None:
    scheme = variant("float-points").build()
    record = {**correct().examples[1].record}
    with pytest.raises(RuleError) as caught:
        scheme.score(record)
    assert str(caught.value) == (
        "component 'sales' (rule kind 'shop_floating_points'): score() returned float points "
        "32.0; the exact path takes exact numbers only (Fraction): compute with Fraction, "
        "never with float"
    )
    assert (caught.value.component, caught.value.rule_kind) == ("sales", "shop_floating_points")


def test_the_exact_check_sees_the_conversion_behind_float_points() -> None:
    with pytest.raises(InvariantViolation) as caught:
        BY_NAME["exact"].run(variant("float-points").build(), profile="fast")
    assert (
        "component 'sales' (rule kind 'shop_floating_points') let an exact number escape into "
        "binary floating point in score(): converted the exact number "
    ) in str(caught.value)
    assert caught.value.component == "sales"


def test_a_float_sum_is_shown_with_its_operation() -> None:
    with pytest.raises(InvariantViolation) as caught:
        BY_NAME["exact"].run(variant("float-sum").build(), profile="fast")
    # 0.1 × late days: the float literal and the exact number it met
    assert "computed 0.1 × 0 with the float 0.1" in str(caught.value)


# -- through the plugin registry ---------------------------------------------------------------


@pytest.fixture
def installed(register_plugin: Register) -> None:
    """The planted plugin, registered; the variants that fail to define warn once."""
    register_plugin(PlantedPlugin(), "planted")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        list_schemes()
    failing = planted(lambda by: by == "definition")
    assert len([w for w in caught if issubclass(w.category, PluginWarning)]) == len(failing)


def test_the_registry_keeps_the_problems_of_schemes_that_failed_to_define(installed: None) -> None:
    failed = get_registry().failed()
    expected = {f"shop.{v.name}" for v in planted(lambda by: by == "definition")}
    assert set(failed) == expected
    failure = failed["shop.fraud-is-text"]
    assert failure.plugin == "planted"
    assert failure.problems[0].startswith("veto 'fraud': fraud == 'true': compares flag 'fraud'")
    registered = {e.id for e in list_schemes()}
    assert "shop.assistant" in registered
    assert not expected & registered


def test_lint_of_a_scheme_that_failed_to_define_shows_its_problems(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from assesskit.cli import main

    capsys.readouterr()
    code = main(["lint", "shop.fraud-is-text"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        "shop.fraud-is-text: definition: failed to define (plugin 'planted'): veto 'fraud': "
        "fraud == 'true': compares flag 'fraud' with text 'true'; a flag is parsed as true or "
        "false, never as text: write fraud (true when set) or ~fraud",
        "1 problem(s) found",
    ]
    assert "unknown scheme" not in out


def test_lint_of_every_scheme_lists_those_that_failed_to_define(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from assesskit.cli import main

    capsys.readouterr()
    assert main(["lint"]) == 1
    out = capsys.readouterr().out
    for case in planted(lambda by: by == "definition"):
        assert f"shop.{case.name}: definition: failed to define (plugin 'planted'): " in out
    assert "shop.assistant: no problems found" in out
    assert "shop.weights-99: weights: relative weights sum to 99" in out


def test_an_unknown_scheme_is_still_unknown(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from assesskit.cli import main

    assert main(["lint", "shop.no-such"]) == 2
    assert "unknown scheme 'shop.no-such'" in capsys.readouterr().err
