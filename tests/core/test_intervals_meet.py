"""Intersections of intervals, and whether an interval holds a value on a grid."""

from __future__ import annotations

from fractions import Fraction

from assesskit import Interval


def test_intersection_keeps_the_tighter_end_with_its_closedness() -> None:
    assert Interval(0, 1).intersection(Interval.above(Fraction(1, 2))) == Interval(
        Fraction(1, 2), 1, lower_closed=False
    )
    assert Interval(0, 1).intersection(Interval.at_least(1)) == Interval(1, 1)
    assert Interval(0, 1).intersection(Interval.above(1)) is None
    assert Interval.below(5).intersection(Interval.at_least(5)) is None
    assert Interval(None, None).intersection(Interval.at_most(3)) == Interval.at_most(3)


def test_meets_grid_on_both_sides_of_a_step() -> None:
    one = Fraction(1)
    assert not Interval(0, 1, False, False).meets_grid(one)  # no count between 0 and 1
    assert Interval(0, 1, False, True).meets_grid(one)  # 1 itself
    assert Interval(Fraction(1, 2), Fraction(3, 2)).meets_grid(one)
    assert not Interval(Fraction("0.101"), Fraction("0.109")).meets_grid(Fraction(1, 100))
    assert Interval(Fraction("0.101"), Fraction("0.11")).meets_grid(Fraction(1, 100))
    assert Interval.above(5).meets_grid(one)  # unbounded
    assert Interval(0, 1, False, False).meets_grid(None)  # any number
