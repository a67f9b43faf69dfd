"""Band tables at their ends: classification on both sides, ladders, moved cuts, the linter.

Pay bands of the microloan spec: ``full`` from 80, ``reduced`` [60, 80), ``low``
below 60. Totals are published in hundredths, so every end is checked at the
hundredth below, at, and above it, exactly and on the vectorised path.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest

from assesskit import Band, BandTable, Interval, Text
from assesskit.bands import Reachable, lint_intervals

F = Fraction


def band(id_: str, interval: Interval) -> Band:
    return Band(id_, Text(id_), interval)


PAY = BandTable(
    [
        band("full", Interval.at_least(80)),
        band("reduced", Interval.closed_open(60, 80)),
        band("low", Interval.below(60)),
    ]
)


def hundredths(table: BandTable, totals: list[str]) -> list[int]:
    values = np.array([int(F(t) * 100) for t in totals], dtype=np.int64)
    return table.classify_hundredths(values).tolist()


class TestClassify:
    @pytest.mark.parametrize(
        ("total", "band_id", "index"),
        [
            ("100", "full", 0),
            ("80", "full", 0),
            ("79.99", "reduced", 1),
            ("60", "reduced", 1),
            ("59.99", "low", 2),
            ("0", "low", 2),
        ],
    )
    def test_both_sides_of_each_end(self, total: str, band_id: str, index: int) -> None:
        found = PAY.classify(F(total))
        assert found is not None
        assert found.id == band_id
        assert hundredths(PAY, [total]) == [index]

    def test_no_total_or_a_gap(self) -> None:
        gappy = BandTable([band("pass", Interval.at_least(60)), band("fail", Interval.below(50))])
        assert gappy.classify(None) is None
        assert gappy.classify(F(55)) is None
        assert hundredths(gappy, ["55", "50", "49.99", "60"]) == [-1, -1, 1, 0]

    def test_the_first_listed_band_wins_an_overlap(self) -> None:
        table = BandTable(
            [band("a", Interval.at_least(50)), band("b", Interval.at_most(60))],
            on_overlap="first_listed",
        )
        assert table.classify(F(55)).id == "a"  # type: ignore[union-attr]
        assert hundredths(table, ["55", "49.99", "60.01"]) == [0, 1, 0]

    @pytest.mark.parametrize(
        ("interval", "inside", "outside"),
        [
            # ends between two hundredths: 60.005 and 79.995
            (Interval(F("60.005"), F("79.995")), ["60.01", "79.99"], ["60", "80"]),
            (Interval(F("60.005"), F("79.995"), False, False), ["60.01", "79.99"], ["60", "80"]),
            # ends on a hundredth: closed keeps it, open leaves it out
            (Interval(60, 80), ["60", "80"], ["59.99", "80.01"]),
            (Interval(60, 80, False, False), ["60.01", "79.99"], ["60", "80"]),
            (Interval(None, None), ["-5", "0", "100"], []),
        ],
    )
    def test_hundredths_on_both_sides_of_an_end(
        self, interval: Interval, inside: list[str], outside: list[str]
    ) -> None:
        table = BandTable([band("in", interval)])
        assert hundredths(table, inside) == [0] * len(inside)
        assert hundredths(table, outside) == [-1] * len(outside)
        for total in inside:
            assert table.classify(F(total)) is not None

    def test_ids(self) -> None:
        assert PAY.ids() == ("full", "reduced", "low")


class TestLadder:
    def test_a_ladder_has_no_problems_and_its_cuts(self) -> None:
        assert PAY.ladder_problems() == []
        assert PAY.lower_ends() == {"full": 80, "reduced": 60}

    def test_not_a_ladder(self) -> None:
        assert BandTable([band("all", Interval(None, None))]).ladder_problems() == [
            "a ladder of bands needs at least two bands"
        ]
        both_closed = BandTable(
            [band("pass", Interval.at_least(60)), band("fail", Interval(0, 60))]
        )
        assert both_closed.ladder_problems() == [
            "band 'fail' [0, 60] does not end where band 'pass' [60, ∞) begins"
        ]
        apart = BandTable([band("pass", Interval.at_least(60)), band("fail", Interval.below(50))])
        assert apart.ladder_problems() == [
            "band 'fail' (-∞, 50) does not end where band 'pass' [60, ∞) begins"
        ]
        open_top = BandTable([band("any", Interval(None, 100)), band("none", Interval.below(0))])
        assert open_top.ladder_problems() == [
            "band 'none' (-∞, 0) does not end where band 'any' (-∞, 100] begins"
        ]
        assert open_top.lower_ends() == {}

    def test_moved_cuts(self) -> None:
        moved = PAY.with_lower_ends({"full": F(85)})
        assert [b.interval for b in moved.bands] == [
            Interval.at_least(85),
            Interval.closed_open(60, 85),
            Interval.below(60),
        ]
        both = PAY.with_lower_ends({"full": F(90), "reduced": F(70)})
        assert both.classify(F("69.99")).id == "low"  # type: ignore[union-attr]
        assert both.classify(F(70)).id == "reduced"  # type: ignore[union-attr]
        assert both.on_overlap == PAY.on_overlap
        assert PAY.with_lower_ends({}) == PAY

    def test_moved_cuts_refused(self) -> None:
        with pytest.raises(ValueError, match=r"^band 'low' has no lower end that can move "):
            PAY.with_lower_ends({"low": F(10)})
        with pytest.raises(ValueError, match=r"\(movable: full, reduced\)$"):
            PAY.with_lower_ends({"nope": F(10)})
        with pytest.raises(ValueError, match=r"\(movable: none\)"):
            BandTable([band("a", Interval(None, None))]).with_lower_ends({"a": F(1)})
        with pytest.raises(
            ValueError,
            match=r"^the lower end of 'full' \(60\) must be above that of 'reduced' \(60\)$",
        ):
            PAY.with_lower_ends({"full": F(60)})
        floor = BandTable(
            [
                band("top", Interval.at_least(50)),
                band("bottom", Interval(0, 50, True, False)),
            ]
        )
        with pytest.raises(ValueError, match=r"^band 'bottom' would be empty: interval \[0, -1\)"):
            floor.with_lower_ends({"top": F(-1)})

    def test_every_refusal_at_once(self) -> None:
        ladder = BandTable(
            [
                band("a", Interval.at_least(90)),
                band("b", Interval.closed_open(80, 90)),
                band("c", Interval.closed_open(70, 80)),
                band("d", Interval.below(70)),
            ]
        )
        unknown = (
            "band 'x' has no lower end that can move (movable: a, b, c); "
            "band 'd' has no lower end that can move (movable: a, b, c)"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(unknown)}$"):
            ladder.with_lower_ends({"x": F(1), "d": F(2)})
        order = (
            "the lower end of 'a' (70) must be above that of 'b' (80); "
            "the lower end of 'b' (80) must be above that of 'c' (85)"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(order)}$"):
            ladder.with_lower_ends({"a": F(70), "c": F(85)})
        bounded = BandTable(
            [
                band("a", Interval(50, 60)),
                band("b", Interval(40, 50, True, False)),
                band("c", Interval(30, 40, True, False)),
            ]
        )
        empty = (
            "band 'a' would be empty: interval [70, 60]: lower end above upper end; "
            "band 'c' would be empty: interval [30, 20): lower end above upper end"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(empty)}$"):
            bounded.with_lower_ends({"a": F(70), "b": F(20)})


class TestLint:
    def test_bands_reached_only_between_hundredths(self) -> None:
        # totals are published in hundredths: (79.991 .. 79.999) reaches no band
        between = Reachable(intervals=(Interval(F("79.991"), F("79.999")),))
        findings = PAY.lint(between)
        assert [(f.kind, f.bands, f.where) for f in findings] == [
            ("unreachable", ("full",), Interval.at_least(80)),
            ("unreachable", ("reduced",), Interval.closed_open(60, 80)),
            ("unreachable", ("low",), Interval.below(60)),
        ]
        assert str(findings[1]) == (
            "band 'reduced' [60, 80) can never be reached (possible totals: [79.991, 79.999])"
        )
        # one odd hundredth reaches the band it lies in, and only that band
        odd = PAY.lint(Reachable(intervals=(Interval(F("79.01"), F("79.01")),)))
        assert [f.bands for f in odd] == [("full",), ("low",)]
        # 80 itself is reached: only the bands below it are not
        reached = PAY.lint(Reachable(intervals=(Interval(F("79.991"), 80),)))
        assert [f.bands for f in reached] == [("reduced",), ("low",)]

    def test_a_gap_between_hundredths_is_no_gap(self) -> None:
        table = BandTable(
            [band("full", Interval.at_least(80)), band("rest", Interval(0, F("79.999")))]
        )
        assert table.lint() == []
        # "below 80" written as "at most 79.99": no total falls between the two
        cents = BandTable(
            [band("full", Interval.at_least(80)), band("rest", Interval(0, F("79.99")))]
        )
        assert cents.lint() == []
        one = BandTable(
            [band("full", Interval.at_least(80)), band("rest", Interval(0, F("79.98")))]
        )
        assert [str(f) for f in one.lint()] == ["gap over (79.98, 80): no band contains it"]

    def test_unreachable_bands(self) -> None:
        steps_of_five = Reachable(points=frozenset(F(5 * i) for i in range(21)))
        table = BandTable(
            [
                band("top", Interval.at_least(85)),
                band("odd", Interval(81, 85, True, False)),
                band("rest", Interval.below(81)),
            ]
        )
        (finding,) = table.lint(steps_of_five)
        assert finding.kind == "unreachable"
        assert finding.bands == ("odd",)
        assert str(finding) == (
            "band 'odd' [81, 85) can never be reached (possible totals: "
            "{0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, … (21 values)})"
        )
        assert table.lint(Reachable(intervals=(Interval(0, 100),))) == []
        assert table.lint() == []

    def test_overlaps_unless_the_first_listed_wins(self) -> None:
        bands = [band("a", Interval.at_least(50)), band("b", Interval.at_most(60))]
        (overlap,) = BandTable(bands).lint()
        assert str(overlap) == "overlap over [50, 60]: 'a' and 'b' both contain it"
        assert overlap.bands == ("a", "b")
        assert BandTable(bands, on_overlap="first_listed").lint() == []

    @pytest.mark.parametrize(
        ("entries", "domain", "grid", "messages"),
        [
            # one value missed: a gap at it; a value in two: an overlap at it
            (
                [("a", Interval.above(60)), ("b", Interval.below(60))],
                Interval(0, 100),
                None,
                ["gap at 60: no band contains it"],
            ),
            (
                [("a", Interval.at_least(60)), ("b", Interval.at_most(60))],
                Interval(0, 100),
                None,
                ["overlap at 60: 'a' and 'b' both contain it"],
            ),
            # the ends of the domain
            (
                [("a", Interval(1, 99))],
                Interval(0, 100),
                None,
                ["gap over [0, 1): no band contains it", "gap over (99, 100]: no band contains it"],
            ),
            # no domain: before the first end and after the last
            (
                [("a", Interval(0, 10))],
                Interval(None, None),
                None,
                ["gap over (-∞, 0): no band contains it", "gap over (10, ∞): no band contains it"],
            ),
            # a gap between two hundredths is no gap on the grid of hundredths
            (
                [("a", Interval.above(F("60.001"))), ("b", Interval.at_most(60))],
                Interval(0, 100),
                F(1, 100),
                [],
            ),
            (
                [("a", Interval.above(F("60.01"))), ("b", Interval.at_most(60))],
                Interval(0, 100),
                F(1, 100),
                ["gap over (60, 60.01]: no band contains it"],
            ),
            # gap, then overlap, then gap: three findings in order
            (
                [("a", Interval(10, 30)), ("b", Interval(20, 40))],
                Interval(0, 50),
                None,
                [
                    "gap over [0, 10): no band contains it",
                    "overlap over [20, 30]: 'a' and 'b' both contain it",
                    "gap over (40, 50]: no band contains it",
                ],
            ),
            # an end outside the domain adds no cut
            ([("a", Interval(-10, 200))], Interval(0, 100), None, []),
            ([], Interval(0, 0), None, ["gap at 0: no band contains it"]),
        ],
    )
    def test_lint_intervals(
        self,
        entries: list[tuple[str, Interval]],
        domain: Interval,
        grid: Fraction | None,
        messages: list[str],
    ) -> None:
        assert [str(f) for f in lint_intervals(entries, domain, grid)] == messages

    def test_where_a_finding_lies(self) -> None:
        apart = [("a", Interval.at_least(80)), ("b", Interval.at_most(60))]
        (gap,) = lint_intervals(apart, Interval(0, 100))
        assert gap.where == Interval(60, 80, False, False)
        outside = lint_intervals([("a", Interval(0, 10))], Interval(None, None))
        assert [f.where for f in outside] == [Interval.below(0), Interval.above(10)]

    def test_finding_fields(self) -> None:
        (gap,) = lint_intervals(
            [("a", Interval.above(60)), ("b", Interval.below(60))], Interval(0, 100)
        )
        assert (gap.kind, gap.where, gap.bands) == ("gap", Interval(60, 60), ())


class TestReachable:
    def test_meets(self) -> None:
        points = Reachable(points=frozenset({F(5), F(10)}))
        assert points.meets(Interval(5, 6), None)
        assert not points.meets(Interval(5, 10, False, False), None)
        spans = Reachable(intervals=(Interval(0, 1), Interval(3, 4)))
        assert spans.meets(Interval(F("3.5"), 9), F(1))
        assert not spans.meets(Interval(F("1.5"), F("2.5")), None)
        # (1, 1.001) meets [0, 1] ∪ … only between hundredths
        assert spans.meets(Interval(F("0.995"), F("0.999")), None)
        assert not spans.meets(Interval(F("0.995"), F("0.999")), F(1, 100))
        assert not Reachable().meets(Interval(None, None), None)

    def test_words(self) -> None:
        assert Reachable().words() == "none"
        assert Reachable(intervals=(Interval(0, 1),)).words() == "[0, 1]"
        mixed = Reachable(intervals=(Interval(0, 1), Interval.above(5)), points=frozenset({F(3)}))
        assert mixed.words() == "[0, 1] ∪ (5, ∞) ∪ {3}"
        twelve = Reachable(points=frozenset(F(i) for i in range(12)))
        assert twelve.words() == "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}"
        thirteen = Reachable(points=frozenset(F(i, 2) for i in range(13)))
        assert thirteen.words() == "{0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, … (13 values)}"
