"""Rater scores (``RaterMean``) at their edges: both batch forms, explanations, ranges.

Hand-computed from the shared conventions: ``weight × mean(ratings given) /
100``, a rater who did not rate left out, at least one rating required.
Ratings with nine decimals cannot be read as scaled integers, so they send the
batch path through its float form; ``points_of`` checks the batch against the
exact path.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from tests.core._helpers import one_rule_scheme, points_of, record

from assesskit import Interval, Metric, MetricKind, Scheme, Text
from assesskit.constraints import AtLeastOneGiven
from assesskit.rules import RaterMean
from assesskit.rules.base import PointsRange, RuleExample

F = Fraction
THREE = ("a", "b", "c")
LABELS = {n: Text(f"rating {n}", f"{n}评分") for n in (*THREE, "s")}


def rating(name: str, *, required: bool = True, **extra: Any) -> Metric:
    return Metric(name, MetricKind.RATING, LABELS[name], required=required, **extra)


def three_raters(weight: int = 30) -> Scheme:
    return one_rule_scheme(RaterMean(THREE), [rating(n, required=False) for n in THREE], weight)


def one_rater(weight: int = 30) -> Scheme:
    return one_rule_scheme(RaterMean("s"), [rating("s")], weight)


class TestPoints:
    def test_exact_batch_of_three_raters(self) -> None:
        rows = [
            record(a=70, b=75, c=81),  # mean 226/3; 30 × 226 / 300 = 22.6
            record(a=70, b=75),  # mean 72.5: 21.75
            record(c=61),  # 18.3
            record(a=1, c=2),  # mean 1.5: 0.45
            record(a=100, b=100, c=100),  # 30
            record(a=0, b=0),  # 0
            record(a="0.05", b="0.05", c="0.15"),  # mean 0.25/3; 30 × 0.25 / 300 = 0.025
            record(a="0.05", b="0.05", c="1.05"),  # 30 × 1.15 / 300 = 0.115
        ]
        assert points_of(three_raters(), rows) == [
            "22.60",
            "21.75",
            "18.30",
            "0.45",
            "30.00",
            "0.00",
            "0.03",
            "0.12",
        ]

    def test_exact_batch_with_ratings_of_different_places(self) -> None:
        # mean of 80.5 and 91.25 = 85.875; 30 × 0.85875 = 25.7625 → 25.76
        # mean of 80.5, 91.25 and 90.001 = 261.751 / 3 = 87.250333…; × 0.3 = 26.1751 → 26.18
        rows = [record(a="80.5", b="91.25"), record(a="80.5", b="91.25", c="90.001")]
        assert points_of(three_raters(), rows) == ["25.76", "26.18"]

    def test_float_form(self) -> None:
        rows = [
            # mean of 80.000000001 and 91 = 85.5000000005; × 0.3 = 25.65000000015 → 25.65
            record(a="80.000000001", c=91),
            # one rating: 30 × 0.61000000001 → 18.30
            record(b="61.000000001"),
            # mean of three: (70.000000001 + 75 + 81) / 3 → 22.60
            record(a="70.000000001", b=75, c=81),
            # mean of 99.99999999 and 100 → 29.999999999… → 30.00
            record(a="99.999999999", b=100),
        ]
        assert points_of(three_raters(), rows) == ["25.65", "18.30", "22.60", "30.00"]

    def test_float_form_of_one_rater(self) -> None:
        rows = [record(s="50.000000001"), record(s="33.333333333")]
        # 30 × 0.50000000001 = 15.0000000003 → 15; 30 × 0.33333333333 = 9.9999999999 → 10
        assert points_of(one_rater(), rows) == ["15.00", "10.00"]

    def test_weight_that_is_not_whole(self) -> None:
        # 15.5 × 55 / 100 = 8.525 → 8.53 (half up); 15.5 × 55.000000001 / 100 → 8.53
        scheme = one_rule_scheme(RaterMean("s"), [rating("s")], F("15.5"))  # type: ignore[arg-type]
        assert points_of(scheme, [record(s=55), record(s="55.000000001")]) == ["8.53", "8.53"]


class TestExplanations:
    def test_one_rater(self) -> None:
        explained = one_rater().score(record(s="90.5")).components["c"].explanation
        assert explained == Text(
            "rating s rated 90.5: 30 × 90.5 / 100 = 27.15", "s评分评分 90.5:30 × 90.5 / 100 = 27.15"
        )

    def test_some_raters_did_not_rate(self) -> None:
        explained = three_raters().score(record(a=80, c=91)).components["c"].explanation
        assert explained == Text(
            "mean of 2 rating(s) 80, 91 is 85.5 (1 rater(s) did not rate): 30 × 85.5 / 100 = 25.65",
            "2 位评分 80, 91,平均 85.5(1 位未评分):30 × 85.5 / 100 = 25.65",
        )

    def test_every_rater_rated(self) -> None:
        explained = three_raters().score(record(a=70, b=75, c=81)).components["c"].explanation
        assert explained == Text(
            "mean of 3 rating(s) 70, 75, 81 is ≈75.3333: 30 × ≈75.3333 / 100 = 22.6",
            "3 位评分 70, 75, 81,平均 ≈75.3333:30 × ≈75.3333 / 100 = 22.6",
        )


class TestDefinition:
    def test_describe(self) -> None:
        assert RaterMean("s").describe(F(30), LABELS) == Text("30 × s / 100", "30 × s评分 / 100")
        assert RaterMean(THREE).describe(F("7.5"), LABELS) == Text(
            "7.5 × mean of the ratings given (a, b, c) / 100; a rater who did not rate is "
            "left out, at least one rating required",
            "7.5 × 已评分者的平均分 / 100(未评分者不计,至少一人评分)",
        )

    def test_inputs_constraints_and_optional_inputs(self) -> None:
        one, several = RaterMean("s"), RaterMean(["a", "b"])
        assert (one.metrics, one.inputs()) == (("s",), ("s",))
        assert one.constraints() == ()
        assert one.optional_inputs() == frozenset()
        assert several.inputs() == ("a", "b")
        assert several.constraints() == (AtLeastOneGiven(("a", "b")),)
        assert several.optional_inputs() == frozenset({"a", "b"})

    def test_directions_and_edges(self) -> None:
        assert RaterMean(THREE).directions() == dict.fromkeys(THREE, "higher_is_better")
        assert RaterMean(("a", "b")).edges({}) == {"a": (0, 100), "b": (0, 100)}

    def test_points_range(self) -> None:
        rule = RaterMean(("a", "b"))
        ratings = {"a": rating("a"), "b": rating("b")}
        assert rule.points_range(F(30), ratings, {}) == PointsRange(F(0), F(30))
        # the mean lies between the lowest and the highest rating any rater can give
        narrow = {
            "a": rating("a", domain=Interval(20, 80)),
            "b": rating("b", domain=Interval(10, 60)),
        }
        assert rule.points_range(F(30), narrow, {}) == PointsRange(F(3), F(24))
        assert rule.points_range(F(-30), narrow, {}) == PointsRange(F(-24), F(-3))
        assert rule.points_range(F(1, 2), narrow, {}) == PointsRange(F(1, 20), F(2, 5))
        assert rule.points_range(F(0), narrow, {}) == PointsRange(F(0), F(0))
        half_open = {"a": narrow["a"], "b": rating("b", domain=Interval(10, None))}
        assert rule.points_range(F(30), half_open, {}) == PointsRange(F(3), None)
        low_open = {"a": narrow["a"], "b": rating("b", domain=Interval(None, 90))}
        assert rule.points_range(F(30), low_open, {}) == PointsRange(None, F(27))
        assert rule.points_range(F(30), {}, {}) == PointsRange(None, None)

    def test_example(self) -> None:
        assert RaterMean.example() == RuleExample(
            RaterMean(("rating_a", "rating_b")),
            [
                Metric(
                    "rating_a", MetricKind.RATING, Text("rating by A", "甲评分"), required=False
                ),
                Metric(
                    "rating_b", MetricKind.RATING, Text("rating by B", "乙评分"), required=False
                ),
            ],
            weight=30,
        )

    @pytest.mark.parametrize("names", [("a",), "a"])
    def test_one_name_is_one_rater(self, names: Any) -> None:
        assert RaterMean(names).metrics == ("a",)
