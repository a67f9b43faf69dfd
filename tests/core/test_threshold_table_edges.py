"""Threshold tables (``Banded``) at their edges: unfaithful ends, fallbacks, ranges, definitions.

A tier end such as 1/3 has no float that reads back as itself: the batch path
then looks values up as scaled integers, or, when a column has too many
decimals for that, re-scores the rows equal to the end's float exactly.
Expected points are hand-computed from the tables; ``points_of`` checks the
batch path against the exact path on every row.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest
from tests.core._helpers import one_rule_scheme, points_of, record

from assesskit import Interval, Metric, MetricKind, SchemeDefinitionError, Text
from assesskit.rules import Banded, Tier
from assesskit.rules.base import PointsRange, RuleContext

F = Fraction
NUMBER = MetricKind.NUMBER
RATING = MetricKind.RATING

THIRD = F(1, 3)
# below 1/3: 0; from 1/3 up to 2/3 (open): 5; from 2/3: 10
THIRDS = Banded(
    "x",
    [
        (Interval.below(THIRD), 0),
        (Interval.closed_open(THIRD, F(2, 3)), 5),
        (Interval.at_least(F(2, 3)), 10),
    ],
    scale=10,
)
# discipline (microloan): >= 80: 10; [60, 80): 5; < 60: 0
DISCIPLINE = Banded(
    "s",
    [
        (Interval.at_least(80), 10),
        (Interval.closed_open(60, 80), 5),
        (Interval.below(60), 0),
    ],
    scale=10,
)


def metric(name: str, kind: MetricKind, domain: Interval | None = None, **extra: Any) -> Metric:
    made = Metric(name, kind, Text(name, name + "分"), **extra)
    return made if domain is None else attrs.evolve(made, domain=domain)


def any_number(name: str = "x", **extra: Any) -> Metric:
    return Metric(name, NUMBER, Text(name, name + "分"), **extra).unbounded()


class TestUnfaithfulEnds:
    def scheme(self, **extra: Any) -> Any:
        return one_rule_scheme(THIRDS, [any_number(**extra)], 10)

    def test_scaled_lookup_of_short_decimals(self) -> None:
        # 0.33 < 1/3 <= 0.34; 0.66 < 2/3 <= 0.67
        rows = [record(x=v) for v in ("0.33", "0.34", "0.66", "0.67", "-5", "0", "1")]
        assert points_of(self.scheme(), rows) == [
            "0.00",
            "5.00",
            "5.00",
            "10.00",
            "0.00",
            "0.00",
            "10.00",
        ]
        batch = self.scheme().score_batch({"x": [0.33, 0.34], "filler_ok": [1, 1]})
        assert batch.exact_rows == 0

    def test_whole_numbers_on_whole_ends(self) -> None:
        # ends at 1/2 and 5/2 on whole values: 0 → below, 1 and 2 → middle, 3 → top
        table = Banded(
            "x",
            [
                (Interval.below(F(1, 2)), 0),
                (Interval.closed_open(F(1, 2), F(5, 2)), 5),
                (Interval.at_least(F(5, 2)), 10),
            ],
            scale=10,
        )
        scheme = one_rule_scheme(table, [any_number()], 10)
        rows = [record(x=v) for v in (0, 1, 2, 3, -1)]
        assert points_of(scheme, rows) == ["0.00", "5.00", "5.00", "10.00", "0.00"]

    def test_points_that_are_not_whole_on_the_float_path(self) -> None:
        # weight 3 on a scale of 10: 0, 1.5 and 3 points. The row at the float of 1/3 is
        # re-scored exactly; the others keep the float path's points.
        scheme = one_rule_scheme(THIRDS, [any_number()], 3)
        rows = [
            record(x="0.3333333333333333"),
            record(x="0.333333334"),
            record(x="0.9"),
            record(x="-1"),
        ]
        assert points_of(scheme, rows) == ["0.00", "1.50", "3.00", "0.00"]

    def test_too_many_decimals_rescore_the_rows_at_the_end(self) -> None:
        # sixteen decimals cannot be scaled: the float of 0.3333333333333333 is the float of
        # 1/3, yet the value is below 1/3. Only that row is re-scored exactly.
        rows = [
            record(x="0.3333333333333333"),  # below 1/3: 0
            record(x="0.333333334"),  # above: 5
            record(x="0.6666666666666666"),  # below 2/3: 5
            record(x="0.9"),
        ]
        assert points_of(self.scheme(), rows) == ["0.00", "5.00", "5.00", "10.00"]
        batch = self.scheme().score_batch(
            {"x": ["0.3333333333333333", "0.333333334", "0.9"], "filler_ok": [1, 1, 1]}
        )
        assert batch.exact_rows == 1


class TestOneTierTable:
    def test_a_table_without_ends(self) -> None:
        # one tier for every value: 7 of 10 points
        table = Banded("x", [(Interval(None, None), 7)], scale=10)
        scheme = one_rule_scheme(table, [any_number()], 10)
        assert points_of(scheme, [record(x=v) for v in (-1, 0, "2.5")]) == ["7.00"] * 3
        assert table.edges({}) == {"x": ()}

    def test_points_at_a_quarter_of_the_scale(self) -> None:
        # points given at scale 4 on a weight of 10: 1 → 2.5, 3 → 7.5
        table = Banded("x", [(Interval.below(0), 1), (Interval.at_least(0), 3)], scale=4)
        scheme = one_rule_scheme(table, [any_number()], 10)
        assert points_of(scheme, [record(x=-1), record(x=0)]) == ["2.50", "7.50"]


class TestExplanations:
    def test_a_one_value_tier_says_exactly(self) -> None:
        # loss rate == 0: 10; above 0: 0
        table = Banded(
            "loss", [(Interval(0, 0), 10), (Interval.above(0), 0)], scale=10, direction=None
        )
        scheme = one_rule_scheme(table, [metric("loss", MetricKind.RATIO)], 10)
        zero = scheme.score(record(loss=0)).components["c"].explanation
        assert (zero.en, zero.zh) == ("loss 0%: exactly 0% → 10", "loss分 0%:恰为 0% → 10")
        some = scheme.score(record(loss="0.01")).components["c"].explanation
        assert (some.en, some.zh) == ("loss 1%: 0% < 1% → 0", "loss分 1%:0% < 1% → 0")

    def test_a_tier_between_two_ends(self) -> None:
        scheme = one_rule_scheme(DISCIPLINE, [metric("s", RATING)], 20)
        explained = scheme.score(record(s=72)).components["c"].explanation
        assert explained.en == "s 72: 60 <= 72 < 80 → 10"
        assert explained.zh == "s分 72:60 <= 72 < 80 → 10"


class TestDescribeAndRange:
    def test_describe_scales_the_points(self) -> None:
        assert DISCIPLINE.describe(F(20), {"s": Text("s", "纪律")}) == Text(
            "80 <= s → 20; 60 <= s < 80 → 10; s < 60 → 0",
            "80 <= 纪律 → 20;60 <= 纪律 < 80 → 10;纪律 < 60 → 0",
        )

    def test_bounds_reachable_edges_directions(self) -> None:
        table = Banded("s", [(Interval.below(50), 2), (Interval.at_least(50), 8)], scale=10)
        assert table.reachable(F(5)) == (1, 4)
        assert table.bounds(F(5)) == (1, 4)
        assert DISCIPLINE.reachable(F(20)) == (0, 10, 20)
        assert Banded("s", [], scale=10).bounds(F(5)) == (0, 5)
        assert DISCIPLINE.edges({}) == {"s": (60, 80)}
        assert DISCIPLINE.directions() == {"s": "higher_is_better"}
        assert attrs.evolve(DISCIPLINE, direction="lower_is_better").directions() == {
            "s": "lower_is_better"
        }
        assert attrs.evolve(DISCIPLINE, direction=None).directions() == {}

    def test_points_range_of_the_tiers_in_the_domain(self) -> None:
        rating = {"s": metric("s", RATING)}
        assert DISCIPLINE.points_range(F(20), rating, {}) == PointsRange(0, 20, (0, 10, 20))
        # a rating of 60 to 100: the tier below 60 is out of reach
        high = {"s": metric("s", RATING, Interval(60, 100))}
        assert DISCIPLINE.points_range(F(20), high, {}) == PointsRange(10, 20, (10, 20))
        # no tier in reach (the metric cannot take the values): what the rule declares
        none = {"s": metric("s", RATING, Interval(200, 300))}
        table = Banded("s", [(Interval.below(200), 2), (Interval(300, 400, False), 8)], scale=10)
        assert table.points_range(F(5), none, {}) == PointsRange(1, 4, (1, 4))
        negative = attrs.evolve(table, scale=F(-10))
        assert negative.points_range(F(5), rating, {}) == PointsRange(-4, -1, (-4, -1))

    def test_points_range_on_a_scale_of_one(self) -> None:
        # points given at scale 1 (a weight of 1): only the tiers in reach count
        table = Banded("s", [(Interval.below(60), 0), (Interval.at_least(60), 1)], scale=1)
        high = {"s": metric("s", RATING, Interval(60, 100))}
        assert table.points_range(F(10), high, {}) == PointsRange(10, 10, (10,))

    def test_a_value_in_no_tier(self) -> None:
        # a scheme refuses such a table; the rule itself names the value
        table = Banded("s", [(Interval.at_least(60), 10), (Interval.below(50), 0)], scale=10)
        ctx = RuleContext({"s": F(55)}, {"s": metric("s", RATING)}, {})
        with pytest.raises(ValueError, match=r"^s = 55 falls in no tier of the table$"):
            table.score(ctx, F(10))

    def test_unreachable_tiers(self) -> None:
        high = metric("s", RATING, Interval(60, 100))
        assert DISCIPLINE.unreachable_tiers(high) == (Tier(Interval.below(60), 0),)
        assert DISCIPLINE.unreachable_tiers(metric("s", RATING)) == ()


class TestDefinitionProblems:
    def problems(self, table: Banded, metric_: Metric) -> list[str]:
        return table.definition_problems({metric_.name: metric_}, {})

    def test_scale_and_points(self) -> None:
        rating = metric("s", RATING)
        assert self.problems(DISCIPLINE, rating) == []
        # points equal to the scale, and 0, are fine; above the scale or below 0 are not
        over = Banded("s", [(Interval.below(50), -1), (Interval.at_least(50), 11)], scale=10)
        assert self.problems(over, rating) == [
            "the tier s < 50 gives -1 points: a component never earns less than 0",
            "the tier 50 <= s gives 11 points, more than the table's scale 10 (the component's "
            "weight): a component never earns more than its weight",
        ]
        zero = Banded("s", [(Interval(None, None), 5)], scale=0)
        assert self.problems(zero, rating) == ["scale 0 must be above 0"]
        negative = Banded("s", [(Interval(None, None), 5)], scale=-10)
        assert self.problems(negative, rating) == ["scale -10 must be above 0"]
        half = Banded("s", [(Interval.below(50), "0.5"), (Interval.at_least(50), 1)], scale="0.5")
        assert self.problems(half, rating) == [
            "the tier 50 <= s gives 1 points, more than the table's scale 0.5 (the component's "
            "weight): a component never earns more than its weight"
        ]

    def test_gaps_on_the_metric_grid(self) -> None:
        # (0, 1) open holds no count; for a number with 2 decimals, (0, 0.01) holds none either
        table = Banded(
            "n", [(Interval(0, 0), 10), (Interval.at_least(1), 0)], scale=10, direction=None
        )
        assert self.problems(table, metric("n", MetricKind.COUNT)) == []
        assert self.problems(table, metric("n", MetricKind.YEAR, Interval(0, 3000))) == []
        two = metric("n", NUMBER, Interval(0, 100), max_decimals=2)
        assert self.problems(table, two) == [
            "threshold table of 'n' [0, 100]: gap over (0, 1): no band contains it "
            "(every value the metric can take must fall in a tier)"
        ]
        cents = Banded(
            "n",
            [(Interval(0, 0), 10), (Interval.at_least(F(1, 100)), 0)],
            scale=10,
            direction=None,
        )
        assert self.problems(cents, two) == []
        # a gap that holds one count (1) or one hundredth (0.01) is a gap
        skip_one = Banded(
            "n", [(Interval(0, 0), 10), (Interval.at_least(2), 0)], scale=10, direction=None
        )
        assert len(self.problems(skip_one, metric("n", MetricKind.COUNT))) == 1
        skip_cent = Banded(
            "n",
            [(Interval(0, 0), 10), (Interval.at_least(F(2, 100)), 0)],
            scale=10,
            direction=None,
        )
        assert self.problems(skip_cent, two) == [
            "threshold table of 'n' [0, 100]: gap over (0, 0.02): no band contains it "
            "(every value the metric can take must fall in a tier)"
        ]
        assert len(self.problems(cents, any_number("n"))) == 2  # below 0 and (0, 0.01)

    def test_overlap_is_refused_at_construction(self) -> None:
        with pytest.raises(ValueError, match="threshold table of 's'"):
            Banded("s", [(Interval.at_least(50), 1), (Interval.at_most(50), 0)], scale=10)

    def test_a_gap_refuses_the_scheme(self) -> None:
        table = Banded("s", [(Interval.at_least(60), 10), (Interval.below(50), 0)], scale=10)
        with pytest.raises(SchemeDefinitionError, match=r"gap over \[50, 60\)"):
            one_rule_scheme(table, [metric("s", RATING)], 10)
