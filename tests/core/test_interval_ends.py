"""Intervals: each end closed or open, checked on both sides of it; refused when reversed or empty.

Thresholds in the specs are written with explicit ends ("60分以下" is ``<= 60``,
"超過 5%" is ``> 5%``), so every end is asserted just below, at and just above it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from assesskit import Interval

F = Fraction


class TestConstruction:
    def test_named_constructors(self) -> None:
        assert Interval.at_least(60) == Interval(60, None, True, True)
        assert Interval.above(60) == Interval(60, None, False, True)
        assert Interval.at_most(60) == Interval(None, 60, True, True)
        assert Interval.below(60) == Interval(None, 60, True, False)
        assert Interval.closed_open(60, 80) == Interval(60, 80, True, False)
        assert Interval("0.05", None).lower == F(1, 20)
        assert Interval(None, None) == Interval(None, None, True, True)

    def test_ends_become_exact_fractions(self) -> None:
        interval = Interval("0.1", F(3, 10))
        assert (interval.lower, interval.upper) == (F(1, 10), F(3, 10))
        assert isinstance(Interval(1, 2).lower, Fraction)
        assert Interval.at_most(2).lower is None

    @pytest.mark.parametrize(
        ("lower", "upper", "lower_closed", "upper_closed", "message"),
        [
            (80, 60, True, True, r"interval \[80, 60\]: lower end above upper end"),
            ("0.5", "0.49", False, False, r"interval \(0.5, 0.49\): lower end above upper end"),
            (5, 5, False, True, r"interval \(5, 5\] is empty"),
            (5, 5, True, False, r"interval \[5, 5\) is empty"),
            (5, 5, False, False, r"interval \(5, 5\) is empty"),
        ],
    )
    def test_reversed_or_empty_is_refused(
        self, lower: object, upper: object, lower_closed: bool, upper_closed: bool, message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            Interval(lower, upper, lower_closed, upper_closed)  # type: ignore[arg-type]

    def test_one_value_and_open_ends_are_fine(self) -> None:
        assert Interval(5, 5).contains(5)
        assert Interval(5, 6, False, False).contains("5.5")
        assert Interval(None, 5, False, False).contains(-(10**9))


class TestContains:
    @pytest.mark.parametrize(
        ("interval", "inside", "outside"),
        [
            (Interval.at_least(60), ["60", "60.01", 100], ["59.99", -1]),
            (Interval.above(60), ["60.01", 1000], [60, "59.99"]),
            (Interval.at_most(60), [60, "59.99", -5], ["60.01"]),
            (Interval.below(60), ["59.99", -5], [60, "60.01"]),
            (Interval.closed_open(60, 80), [60, "79.99"], ["59.99", 80, "80.01"]),
            (Interval(60, 80, False, True), ["60.01", 80], [60, "80.01"]),
            (Interval(0, 0), [0], ["-0.01", "0.01"]),
            (Interval(None, None), [-(10**9), 0, 10**9], []),
        ],
    )
    def test_both_sides_of_each_end(
        self, interval: Interval, inside: list[object], outside: list[object]
    ) -> None:
        assert [interval.contains(v) for v in inside] == [True] * len(inside)  # type: ignore[arg-type]
        assert [interval.contains(v) for v in outside] == [False] * len(outside)  # type: ignore[arg-type]


class TestIntersection:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            # the tighter lower end wins, with its closedness
            (Interval(0, 10), Interval(2, 20), Interval(2, 10)),
            (Interval(2, 20), Interval(0, 10), Interval(2, 10)),
            (Interval.at_least(5), Interval.above(5), Interval.above(5)),
            (Interval.above(5), Interval.at_least(5), Interval.above(5)),
            (Interval.at_most(5), Interval.at_least(1), Interval(1, 5)),
            # the tighter upper end wins, with its closedness
            (Interval.at_most(5), Interval.below(5), Interval.below(5)),
            (Interval.below(5), Interval.at_most(5), Interval.below(5)),
            (Interval.at_least(1), Interval.at_most(5), Interval(1, 5)),
            (Interval(0, 8), Interval(0, 5), Interval(0, 5)),
            (Interval(0, 5), Interval(0, 8), Interval(0, 5)),
            # touching ends: one value when both are closed, nothing otherwise
            (Interval(0, 5), Interval(5, 9), Interval(5, 5)),
            (Interval.closed_open(0, 5), Interval(5, 9), None),
            (Interval(0, 5), Interval(5, 9, False, True), None),
            (Interval(0, 4), Interval(5, 9), None),
            (Interval(5, 9), Interval(0, 4), None),
            (Interval(None, None), Interval(None, None), Interval(None, None)),
            (Interval(None, None), Interval.above(3), Interval.above(3)),
        ],
    )
    def test_intersection(self, a: Interval, b: Interval, expected: Interval | None) -> None:
        assert a.intersection(b) == expected


class TestMeetsGrid:
    @pytest.mark.parametrize(
        ("interval", "grid", "meets"),
        [
            (Interval(F(1, 2), F(3, 4)), F(1), False),  # no count in [0.5, 0.75]
            (Interval(F(1, 2), 1), F(1), True),  # 1 itself
            (Interval(F(1, 2), 1, True, False), F(1), False),  # 1 is left out
            (Interval(1, 2, False, False), F(1), False),  # 1 and 2 both left out
            (Interval(1, 3, False, False), F(1), True),  # 2
            (Interval(1, 2, True, False), F(1), True),  # 1
            (Interval(0, 0), F(1), True),
            (Interval(F(-3, 2), F(-1, 2)), F(1), True),  # -1
            (Interval(F("0.101"), F("0.109")), F(1, 100), False),
            (Interval(F("0.1"), F("0.1")), F(1, 100), True),
            (Interval(F("0.095"), F("0.1")), F(1, 100), True),
            (Interval(1, 2, False, False), None, True),
            (Interval.at_least(F(1, 2)), F(1), True),
            (Interval.at_most(F(1, 2)), F(1), True),
        ],
    )
    def test_meets_grid(self, interval: Interval, grid: Fraction | None, meets: bool) -> None:
        assert interval.meets_grid(grid) is meets


class TestText:
    @pytest.mark.parametrize(
        ("interval", "notation", "words"),
        [
            (Interval.closed_open(60, 80), "[60, 80)", "60 <= x < 80"),
            (Interval(60, 80, False, True), "(60, 80]", "60 < x <= 80"),
            (Interval.at_least("0.05"), "[0.05, ∞)", "0.05 <= x"),
            (Interval.above(5), "(5, ∞)", "5 < x"),
            (Interval.at_most(5), "(-∞, 5]", "x <= 5"),
            (Interval.below(5), "(-∞, 5)", "x < 5"),
            (Interval(None, None), "(-∞, ∞)", "any x"),
            (Interval(7, 7), "[7, 7]", "x = 7"),
            (Interval(F(1, 3), 1), "[≈0.3333, 1]", "≈0.3333 <= x <= 1"),
        ],
    )
    def test_notation_and_words(self, interval: Interval, notation: str, words: str) -> None:
        assert interval.notation() == notation
        assert str(interval) == notation
        assert repr(interval) == f"Interval({notation!r})"
        assert interval.words() == words

    def test_words_with_a_name_and_a_format(self) -> None:
        def percent(end: Fraction) -> str:
            return f"{end * 100}%"

        interval = Interval(F(1, 20), F(1, 10), False, True)
        assert interval.words("overdue", show=percent) == "5% < overdue <= 10%"
        assert Interval(F(1, 20), F(1, 20)).words("r", show=percent) == "r = 5%"
        assert Interval(None, None).words("r") == "any r"
