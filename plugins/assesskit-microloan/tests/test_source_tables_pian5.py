"""The band tables of 篇五 / 篇三 as written: the linter catches what the spec resolves.

Discipline (勞動紀律): "得分80分以上,本項得分為10%。80分以下60分以上,本項得分為5%。
60分以下本項得分為0". With 以上/以下 inclusive (Civil Code art. 1259) that is
``>= 80`` / ``[60, 80]`` / ``<= 60``: 80 and 60 each lie in two bands.

Pay (工資): "80分以上,按本人標準工資發放,低于80分,高于60分,按本人標準工資80%發放,
低于60分,按本人標準工資60%發放": ``>= 80`` / ``(60, 80)`` / ``< 60``: 60 lies in none.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from assesskit import Band, BandTable, Interval, Scheme, Text, lint_intervals
from assesskit.rules import Banded

SOURCE_DISCIPLINE = [
    ("10", Interval.at_least(80)),  # 80分以上
    ("5", Interval(60, 80)),  # 80分以下60分以上
    ("0", Interval.at_most(60)),  # 60分以下
]

SOURCE_PAY = BandTable(
    (
        Band("full", Text("full pay", "全額"), Interval.at_least(80)),  # 80分以上
        Band(
            "reduced", Text("80% of pay", "八成"), Interval(60, 80, False, False)
        ),  # 低于80 高于60
        Band("low", Text("60% of pay", "六成"), Interval.below(60)),  # 低于60分
    )
)


def test_source_discipline_table_overlaps_at_80_and_60() -> None:
    findings = lint_intervals(SOURCE_DISCIPLINE, Interval(0, 100))
    assert [(f.kind, f.where, f.bands) for f in findings] == [
        ("overlap", Interval(60, 60), ("5", "0")),
        ("overlap", Interval(80, 80), ("10", "5")),
    ]
    assert [str(f) for f in findings] == [
        "overlap at 60: '5' and '0' both contain it",
        "overlap at 80: '10' and '5' both contain it",
    ]


def test_source_discipline_table_as_bands_overlaps_too() -> None:
    table = BandTable(
        tuple(Band(points, Text(points, points), where) for points, where in SOURCE_DISCIPLINE)
    )
    assert [(f.kind, f.where) for f in table.lint()] == [
        ("overlap", Interval(60, 60)),
        ("overlap", Interval(80, 80)),
    ]


def test_source_discipline_table_cannot_be_a_threshold_rule() -> None:
    # A threshold rule refuses overlapping tiers outright, naming both ends.
    tiers = [(where, int(points)) for points, where in SOURCE_DISCIPLINE]
    with pytest.raises(ValueError, match=r"overlap at 60.*overlap at 80"):
        Banded("discipline_score", tiers, scale=10)


def test_source_pay_table_leaves_a_gap_at_60() -> None:
    findings = SOURCE_PAY.lint()
    assert [(f.kind, f.where, str(f)) for f in findings] == [
        ("gap", Interval(60, 60), "gap at 60: no band contains it"),
    ]
    assert SOURCE_PAY.classify(60) is None
    assert (
        lint_intervals([(b.id, b.interval) for b in SOURCE_PAY.bands], Interval(0, 100)) == findings
    )


def test_resolved_tables_are_clean(schemes: Mapping[str, Scheme]) -> None:
    cashier = schemes["microloan.cashier"]
    assert cashier.bands is not None
    assert cashier.bands.lint() == []
    assert [b.interval for b in cashier.bands.bands] == [
        Interval.at_least(80),
        Interval.closed_open(60, 80),
        Interval.below(60),
    ]
    rule = next(c.rule for c in cashier.components if c.id == "discipline")
    assert isinstance(rule, Banded)
    tiers = [(t.interval, t.points) for t in rule.tiers]
    assert tiers == [
        (Interval.at_least(80), 10),
        (Interval.closed_open(60, 80), 5),
        (Interval.below(60), 0),
    ]
    assert lint_intervals([(str(p), i) for i, p in tiers], Interval(0, 100)) == []
