"""Bands with explicit ends, and the band linter (gaps, overlaps, unreachable bands)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assesskit import (
    Band,
    BandTable,
    Component,
    Interval,
    Metric,
    MetricKind,
    PeriodKind,
    Scheme,
    Text,
    lint_intervals,
)
from assesskit.bands import Reachable
from assesskit.rules import Boolean


def table(*bands: tuple[str, Interval], **options: object) -> BandTable:
    return BandTable(tuple(Band(i, Text(i), iv) for i, iv in bands), **options)  # type: ignore[arg-type]


#: 篇五 pay table, read literally: "80分以上,按本人標準工資發放,低于80分,高于60分,
#: 按本人標準工資80%發放,低于60分,按本人標準工資60%發放" — 以上 includes 80; 低于/高于 are strict.
PAY_LITERAL = table(
    ("full", Interval.at_least(80)),
    ("reduced", Interval(60, 80, lower_closed=False, upper_closed=False)),
    ("low", Interval.below(60)),
)
#: 篇五 discipline table, read literally: "得分80分以上,本項得分為10%。
#: 80分以下60分以上,本項得分為5%。60分以下本項得分為0" — 以上 and 以下 include the number.
DISCIPLINE_LITERAL = table(
    ("10", Interval.at_least(80)),
    ("5", Interval(60, 80)),
    ("0", Interval.at_most(60)),
)
#: The resolved tables (spec microloan.md): the higher band wins at a shared end.
PAY_RESOLVED = table(
    ("full", Interval.at_least(80)),
    ("reduced", Interval.closed_open(60, 80)),
    ("low", Interval.below(60)),
)
DISCIPLINE_RESOLVED = PAY_RESOLVED


def test_source_pian5_pay_table_read_literally_has_a_gap_at_exactly_60() -> None:
    """篇五: "80分以上…低于80分,高于60分…低于60分": no band holds 60."""
    (finding,) = PAY_LITERAL.lint()
    assert finding.kind == "gap"
    assert finding.where == Interval(60, 60)
    assert finding.bands == ()
    assert str(finding) == "gap at 60: no band contains it"
    assert PAY_LITERAL.classify(Fraction(60)) is None
    # 59.99 and 60.01 are covered: the gap is the single total 60.00
    assert PAY_LITERAL.classify(Fraction(5999, 100)).id == "low"  # type: ignore[union-attr]
    assert PAY_LITERAL.classify(Fraction(6001, 100)).id == "reduced"  # type: ignore[union-attr]


def test_source_pian5_discipline_table_read_literally_overlaps_at_80_and_60() -> None:
    """篇五: "80分以上…80分以下60分以上…60分以下": 80 and 60 each in two bands."""
    findings = DISCIPLINE_LITERAL.lint()
    assert [(f.kind, f.where, f.bands) for f in findings] == [
        ("overlap", Interval(60, 60), ("5", "0")),
        ("overlap", Interval(80, 80), ("10", "5")),
    ]
    assert [str(f) for f in findings] == [
        "overlap at 60: '5' and '0' both contain it",
        "overlap at 80: '10' and '5' both contain it",
    ]


@pytest.mark.parametrize("resolved", [PAY_RESOLVED, DISCIPLINE_RESOLVED])
def test_resolved_tables_are_clean(resolved: BandTable) -> None:
    assert resolved.lint() == []
    # and every end falls on the side the spec says
    assert [resolved.classify(Fraction(x, 100)).id for x in (5999, 6000, 7999, 8000)] == [  # type: ignore[union-attr]
        "low",
        "reduced",
        "reduced",
        "full",
    ]


def test_declared_winner_silences_overlaps_but_not_gaps() -> None:
    declared = table(
        ("a", Interval(60, 100)),
        ("b", Interval(50, 60)),
        ("c", Interval.below(40)),
        on_overlap="first_listed",
    )
    assert [str(f) for f in declared.lint()] == ["gap over [40, 50): no band contains it"]
    assert declared.classify(Fraction(60)).id == "a"  # type: ignore[union-attr]


def test_gaps_between_grid_points_do_not_count() -> None:
    # (-∞, 59.995) and [60, ∞) leave [59.995, 60) uncovered, but no total of 2 decimals lies there
    bands = [("high", Interval.at_least(60)), ("low", Interval.below("59.995"))]
    assert lint_intervals(bands, Interval(0, 100), grid=Fraction(1, 100)) == []
    (gap,) = lint_intervals(bands, Interval(0, 100))
    assert str(gap) == "gap over [59.995, 60): no band contains it"
    # [59.99, 60) holds the total 59.99: a gap on the grid
    bands = [("high", Interval.at_least(60)), ("low", Interval.below("59.99"))]
    (gap,) = lint_intervals(bands, Interval(0, 100), grid=Fraction(1, 100))
    assert gap.where == Interval("59.99", 60, upper_closed=False)


def test_gap_at_the_ends_of_the_domain() -> None:
    findings = table(("mid", Interval(10, 90))).lint()
    assert [str(f) for f in findings] == [
        "gap over [0, 10): no band contains it",
        "gap over (90, 100]: no band contains it",
    ]


class TestUnreachable:
    def test_band_above_100(self) -> None:
        bands = table(("top", Interval.at_least(101)), ("rest", Interval.below(101)))
        assert bands.lint() == []  # no gap or overlap within [0, 100]
        (finding,) = bands.lint(Reachable((Interval(0, 100),)))
        assert finding.kind == "unreachable"
        assert finding.bands == ("top",)
        assert str(finding) == (
            "band 'top' [101, ∞) can never be reached (possible totals: [0, 100])"
        )

    def test_totals_in_steps_of_5_never_reach_81_to_84(self) -> None:
        # twenty yes/no components of 5 points: every total is a multiple of 5
        scheme = Scheme(
            id="test.fives",
            version="1",
            title=Text("fives"),
            period=PeriodKind.MONTHLY,
            metrics=[Metric(f"f{i}", MetricKind.FLAG, Text(f"flag {i}")) for i in range(20)],
            components=[
                Component(f"c{i}", Text(f"item {i}"), 5, Boolean(f"f{i}")) for i in range(20)
            ],
            bands=table(
                ("high", Interval.above(84)),
                ("narrow", Interval(81, 84)),
                ("rest", Interval.below(81)),
            ),
        )
        (finding,) = scheme.lint()
        assert finding.kind == "unreachable"
        assert finding.bands == ("narrow",)
        assert str(finding).startswith(
            "band 'narrow' [81, 84] can never be reached (possible totals: {0, 5, 10,"
        )
        assert str(finding).endswith("… (21 values)})")

    def test_reachable_points_and_spans(self) -> None:
        reach = Reachable((Interval(0, 50),), frozenset({Fraction(100)}))
        assert reach.meets(Interval(40, 60), Fraction(1, 100))
        assert reach.meets(Interval.at_least(100), Fraction(1, 100))
        assert not reach.meets(Interval(50, 100, lower_closed=False, upper_closed=False), None)
        # [0, 50.005] and [50.001, 60] share [50.001, 50.005], which holds no total of 2 decimals
        up_to = Reachable((Interval(0, "50.005"),))
        assert not up_to.meets(Interval("50.001", 60), Fraction(1, 100))
        assert up_to.meets(Interval("50.001", 60), None)
        assert up_to.meets(Interval("50.001", 60), Fraction(1, 1000))


class TestClassify:
    def test_none_total_has_no_band(self) -> None:
        assert PAY_RESOLVED.classify(None) is None

    def test_hundredths(self) -> None:
        hundredths = np.array([-1, 0, 5999, 6000, 7999, 8000, 10000], dtype=np.int64)
        assert list(PAY_RESOLVED.classify_hundredths(hundredths)) == [2, 2, 2, 1, 1, 0, 0]
        assert list(PAY_LITERAL.classify_hundredths(hundredths)) == [2, 2, 2, -1, 1, 0, 0]

    @settings(max_examples=200, deadline=None)
    @given(data=st.data())
    def test_classify_hundredths_agrees_with_classify(self, data: st.DataObject) -> None:
        # ends in thousandths, so some lie between two totals of 2 decimals
        end = st.one_of(st.none(), st.integers(-2000, 102000).map(lambda k: Fraction(k, 1000)))
        bands = []
        for index in range(data.draw(st.integers(1, 4))):
            lo, hi = data.draw(end), data.draw(end)
            if lo is not None and hi is not None and lo > hi:
                lo, hi = hi, lo
            lo_closed, hi_closed = data.draw(st.booleans()), data.draw(st.booleans())
            if lo is not None and lo == hi:
                lo_closed = hi_closed = True
            bands.append((f"b{index}", Interval(lo, hi, lo_closed, hi_closed)))
        bands_table = table(*bands, on_overlap="first_listed")
        totals = data.draw(st.lists(st.integers(-500, 10500), min_size=1, max_size=50))
        totals += [
            int(e * 100) + d
            for _, iv in bands
            for e in (iv.lower, iv.upper)
            if e is not None
            for d in (-1, 0, 1)
        ]
        got = bands_table.classify_hundredths(np.array(totals, dtype=np.int64))
        ids = bands_table.ids()
        for hundredths, index in zip(totals, got, strict=True):
            band = bands_table.classify(Fraction(hundredths, 100))
            assert (ids[index] if index >= 0 else None) == (None if band is None else band.id)
