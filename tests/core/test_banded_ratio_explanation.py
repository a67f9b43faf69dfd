"""A threshold table on a ratio explains its tier ends as percentages, like the value."""

from __future__ import annotations

from fractions import Fraction

from assesskit import Interval, Metric, MetricKind, Problem, Text
from assesskit.rules import Banded
from assesskit.rules.base import RuleContext

LOSS = Metric("loan_loss_rate", MetricKind.RATIO, Text("loan loss rate", "貸款損失率"))
RULE = Banded(
    "loan_loss_rate",
    [(Interval(0, 0), 20), (Interval(0, 1, lower_closed=False), 0)],
    scale=20,
    direction="lower_is_better",
)


def _explain(value: str) -> Text:
    ctx = RuleContext({"loan_loss_rate": Fraction(value)}, {"loan_loss_rate": LOSS}, {})
    return RULE.score(ctx, Fraction(20)).explanation


def test_open_tier_ends_are_shown_as_percentages() -> None:
    # Before: "0 < 0.35% <= 1", which reads as if the tier ended at 1%.
    assert _explain("0.0035").en == "loan loss rate 0.35%: 0% < 0.35% <= 100% → 0"
    assert _explain("0.0035").zh == "貸款損失率 0.35%:0% < 0.35% <= 100% → 0"


def test_closed_point_tier_is_shown_as_a_percentage() -> None:
    assert _explain("0").en == "loan loss rate 0%: exactly 0% → 20"


def test_interval_words_without_a_formatter_are_unchanged() -> None:
    assert Interval(0, 1, lower_closed=False).words("x") == "0 < x <= 1"
    assert Interval(0, 1, lower_closed=False).words("x", show=lambda v: f"{v * 100}%") == (
        "0% < x <= 100%"
    )


def test_problem_shows_an_exact_number_as_a_decimal() -> None:
    # A constraint reports the parsed value, an exact fraction: shown as 5.25,
    # not as Fraction(21, 4).
    problem = Problem("custody_deduction", Fraction(21, 4), "must be 0 without incidents")
    assert str(problem) == "record: field 'custody_deduction' = 5.25: must be 0 without incidents"
