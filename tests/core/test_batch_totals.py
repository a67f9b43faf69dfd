"""Component points and totals of a batch: common denominators, certified sums, floats.

Shares have a denominator per row. Four of them (25 points each) with
denominators up to a million multiply past the exact range of float64, so
the batch path rounds their sum with a certified error bound instead of over
a common denominator; the answers must still be the exact path's, ties
included. Values are worked out by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np
import pytest
from tests.core._helpers import score_both

from assesskit import (
    Component,
    Metric,
    MetricKind,
    PeriodKind,
    Scheme,
    Text,
)
from assesskit._batchmath import Rationals, round_certified
from assesskit.rules import Rule, Share
from assesskit.rules.base import BatchRuleContext, BatchScored, RuleContext, Scored
from assesskit.scoring import _batch_totals

PARTS = ("a", "b", "c", "d")


def shares(not_applicable: str = "rescale", weights: tuple[int, ...] = (25, 25, 25, 25)) -> Scheme:
    metrics = []
    components = []
    for name, weight in zip(PARTS, weights, strict=True):
        metrics += [
            Metric(f"{name}_done", MetricKind.COUNT, Text(f"{name} done", "完成")),
            Metric(f"{name}_due", MetricKind.COUNT, Text(f"{name} due", "應完成")),
        ]
        components.append(
            Component(name, Text(name, name), weight, Share(f"{name}_done", f"{name}_due"))
        )
    return Scheme(
        id="test.shares",
        version="1",
        title=Text("shares", "比例"),
        period=PeriodKind.MONTHLY,
        metrics=metrics,
        components=components,
        not_applicable=not_applicable,  # type: ignore[arg-type]
    )


def row(*pairs: tuple[int, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (done, due) in zip(PARTS, pairs, strict=True):
        out[f"{name}_done"], out[f"{name}_due"] = done, due
    return out


def shown(results: list[Any]) -> list[tuple[str | None, list[str | None]]]:
    return [
        (
            None if r.total is None else str(r.total),
            [None if c.points is None else str(c.points) for c in r.components.values()],
        )
        for r in results
    ]


class TestCertifiedSums:
    def test_thirds_with_large_denominators(self) -> None:
        # each 25 × 1/3 = 8.333… → 8.33; the total 100/3 = 33.33
        records = [row((1, 3), (333333, 999999), (3, 9), (250000, 750000))]
        assert shown(score_both(shares(), records)) == [("33.33", ["8.33"] * 4)]

    def test_ties_at_the_half_decided_exactly(self) -> None:
        # 25 × 1/8 = 3.125 → 3.13 each (half up); total 12.5 exactly → 12.50
        # 25 × 3/8 = 9.375 → 9.38; 25 × 5/8 = 15.625 → 15.63; total 9.375 × 3 + 15.625
        # = 43.75
        records = [
            row((100000, 800000), (1, 8), (7, 56), (111111, 888888)),
            row((300000, 800000), (3, 8), (300003, 800008), (5, 8)),
        ]
        assert shown(score_both(shares(), records)) == [
            ("12.50", ["3.13"] * 4),
            ("43.75", ["9.38", "9.38", "9.38", "15.63"]),
        ]

    def test_a_sum_just_below_a_half(self) -> None:
        # 25 × (1/8 − 1/800000) = 3.12496875 → 3.12; + 3 × 3.125 → 12.49996875 → 12.50
        records = [row((99999, 800000), (1, 8), (1, 8), (1, 8))]
        assert shown(score_both(shares(), records)) == [("12.50", ["3.12", "3.13", "3.13", "3.13"])]

    def test_not_applicable_rescaled(self) -> None:
        # d has nothing due: the other 75 points are scaled by 4/3;
        # a: 25 × 1/3 × 4/3 = 100/9 = 11.11…, b and c the same; total 33.33…
        records = [
            row((1, 3), (333333, 999999), (3, 9), (0, 0)),
            row((0, 0), (0, 0), (0, 0), (0, 0)),
            row((1, 2), (0, 0), (0, 0), (0, 0)),
        ]
        got = shown(score_both(shares(), records))
        assert got[0] == ("33.33", ["11.11", "11.11", "11.11", None])
        assert got[1] == (None, [None, None, None, None])
        # a alone: 25 × 1/2 × 4 = 50
        assert got[2] == ("50.00", ["50.00", None, None, None])

    def test_not_applicable_as_zero(self) -> None:
        records = [
            row((1, 3), (333333, 999999), (3, 9), (0, 0)),
            row((0, 0), (0, 0), (0, 0), (0, 0)),
        ]
        got = shown(score_both(shares("zero"), records))
        assert got == [("25.00", ["8.33", "8.33", "8.33", "0.00"]), ("0.00", ["0.00"] * 4)]

    def test_unequal_weights_rescaled(self) -> None:
        # weights 40, 30, 20, 10; d not applicable: × 10/9
        # a 40 × 1/7 × 10/9 = 400/63 = 6.349… → 6.35; b 30 × 2/7 × 10/9 = 600/63 = 9.523… → 9.52
        # c 20 × 3/7 × 10/9 = 600/63 → 9.52; total 1600/63 = 25.396… → 25.40
        records = [row((142857, 999999), (285714, 999999), (3, 7), (0, 0))]
        got = shown(score_both(shares(weights=(40, 30, 20, 10)), records))
        assert got == [("25.40", ["6.35", "9.52", "9.52", None])]


@pytest.fixture
def certified_sums(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the batch's sums rounded with a certified error (the slower way)."""
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return round_certified(*args, **kwargs)

    monkeypatch.setattr(_batch_totals, "round_certified", counted)
    return calls


@pytest.fixture
def signs_looked_at(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each rounding of the batch's points and totals looked at signs."""
    looked: list[bool] = []
    rounded = Rationals.rounded

    def recorded(self: Rationals, places: int, *, nonnegative: bool = False) -> Any:
        looked.append(not nonnegative)
        return rounded(self, places, nonnegative=nonnegative)

    monkeypatch.setattr(Rationals, "rounded", recorded)
    return looked


@pytest.mark.parametrize(
    "record",
    [
        row((1, 2), (1, 3), (0, 0), (1, 9)),  # over a common denominator
        row((1, 999983), (1, 999979), (1, 999961), (1, 999959)),  # certified
    ],
)
def test_points_and_totals_round_without_a_look_at_signs(
    signs_looked_at: list[bool], record: dict[str, Any]
) -> None:
    # a component earns from 0 to its weight: the sign-free rounding (two passes fewer) is exact
    score_both(shares(), [record])
    assert signs_looked_at
    assert not any(signs_looked_at)


class TestCommonDenominator:
    """Small denominators: points and totals over a common denominator, no certified sum."""

    def test_small_denominators_and_rescale(self, certified_sums: list[int]) -> None:
        # dues of at most 9: over a common denominator; c not applicable: × 4/3
        # a 25 × 1/2 × 4/3 = 50/3 = 16.67; b 25 × 1/3 × 4/3 = 100/9 = 11.11;
        # d 25 × 1/9 × 4/3 = 100/27 = 3.70; total 50/3 + 100/9 + 100/27 = 850/27 = 31.48
        records = [row((1, 2), (1, 3), (0, 0), (1, 9))]
        assert shown(score_both(shares(), records)) == [("31.48", ["16.67", "11.11", None, "3.70"])]
        assert certified_sums == []

    def test_small_denominators_as_zero(self, certified_sums: list[int]) -> None:
        # c not applicable counts 0: a 12.5 → 12.50; b 25/3 = 8.33; d 25/9 = 2.78;
        # total 12.5 + 8.333… + 2.777… = 23.61
        records = [row((1, 2), (1, 3), (0, 0), (1, 9))]
        got = shown(score_both(shares("zero"), records))
        assert got == [("23.61", ["12.50", "8.33", "0.00", "2.78"])]
        assert certified_sums == []

    def test_whole_points(self, certified_sums: list[int]) -> None:
        records = [row((1, 1), (2, 2), (0, 5), (4, 4))]
        assert shown(score_both(shares(), records)) == [
            ("75.00", ["25.00", "25.00", "0.00", "25.00"])
        ]
        assert certified_sums == []

    def test_large_denominators_take_the_certified_way(self, certified_sums: list[int]) -> None:
        # the contrast: four dues near a million multiply past 2**52
        records = [row((1, 999983), (1, 999979), (1, 999961), (1, 999959))]
        score_both(shares(), records)
        assert certified_sums != []


@attrs.frozen
class FloatShare(Rule):
    """A share scored in floats on the batch path only (no exact form), as a plugin might."""

    kind: ClassVar[str] = "test_float_share"
    done: str
    due: str

    def inputs(self) -> tuple[str, ...]:
        return (self.done, self.due)

    def may_be_not_applicable(self) -> bool:
        return True

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        done, due = ctx.fraction(self.done), ctx.fraction(self.due)
        if due == 0:
            return Scored(None, Text("nothing due", "無"))
        return Scored(weight * done / due, Text("share", "比例"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        done, due = ctx.column(self.done), ctx.column(self.due)
        applicable = due != 0
        with np.errstate(divide="ignore", invalid="ignore"):
            points = np.where(
                applicable, float(weight) * done / np.where(applicable, due, 1), np.nan
            )
        return BatchScored(points, applicable=applicable)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("share", "比例")

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return Fraction(0), weight


def float_shares(not_applicable: str = "rescale") -> Scheme:
    scheme = shares(not_applicable)
    components = [
        attrs.evolve(c, rule=FloatShare(f"{c.id}_done", f"{c.id}_due")) for c in scheme.components
    ]
    return Scheme(
        id="test.float-shares",
        version="1",
        title=Text("float shares", "比例"),
        period=PeriodKind.MONTHLY,
        metrics=list(scheme.metrics),
        components=components,
        not_applicable=not_applicable,  # type: ignore[arg-type]
    )


class TestFloatSums:
    """Rules without an exact form: floats, and the rows near a tie scored exactly."""

    def test_thirds(self) -> None:
        records = [row((1, 3), (333333, 999999), (3, 9), (250000, 750000))]
        assert shown(score_both(float_shares(), records)) == [("33.33", ["8.33"] * 4)]

    def test_ties(self) -> None:
        records = [
            row((100000, 800000), (1, 8), (7, 56), (111111, 888888)),
            row((300000, 800000), (3, 8), (300003, 800008), (5, 8)),
            row((99999, 800000), (1, 8), (1, 8), (1, 8)),
        ]
        assert shown(score_both(float_shares(), records)) == [
            ("12.50", ["3.13"] * 4),
            ("43.75", ["9.38", "9.38", "9.38", "15.63"]),
            ("12.50", ["3.12", "3.13", "3.13", "3.13"]),
        ]

    def test_a_half_that_floats_put_below(self) -> None:
        # 25 × 201/5000 = 1.005 exactly → 1.01; in floats 1.00499999…; the row is re-scored
        # exactly. Total 1.005 + 3 × 25 = 76.005 → 76.01
        records = [row((201, 5000), (1, 1), (7, 7), (2, 2))]
        assert shown(score_both(float_shares(), records)) == [
            ("76.01", ["1.01", "25.00", "25.00", "25.00"])
        ]

    def test_not_applicable_rescaled(self) -> None:
        records = [
            row((1, 3), (333333, 999999), (3, 9), (0, 0)),
            row((0, 0), (0, 0), (0, 0), (0, 0)),
            row((1, 2), (0, 0), (0, 0), (0, 0)),
            row((1, 3), (1, 3), (1, 3), (1, 3)),
        ]
        got = shown(score_both(float_shares(), records))
        assert got == [
            ("33.33", ["11.11", "11.11", "11.11", None]),
            (None, [None, None, None, None]),
            ("50.00", ["50.00", None, None, None]),
            ("33.33", ["8.33"] * 4),
        ]

    def test_not_applicable_as_zero(self) -> None:
        records = [
            row((1, 3), (333333, 999999), (3, 9), (0, 0)),
            row((0, 0), (0, 0), (0, 0), (0, 0)),
        ]
        got = shown(score_both(float_shares("zero"), records))
        assert got == [("25.00", ["8.33", "8.33", "8.33", "0.00"]), ("0.00", ["0.00"] * 4)]

    def test_batch_columns(self) -> None:
        scheme = float_shares()
        batch = scheme.score_batch(
            {
                "a_done": [1, 0],
                "a_due": [8, 0],
                "b_done": [1, 0],
                "b_due": [8, 0],
                "c_done": [1, 1],
                "c_due": [8, 4],
                "d_done": [0, 0],
                "d_due": [0, 0],
            }
        )
        # row 0: 3 × 25/8 × 4/3 = 12.5 (each 4.1666… → 4.17); row 1: c alone, 25 × 1/4 × 4 = 25
        assert batch.total.tolist() == [12.5, 25.0]
        assert batch.components["a"].tolist()[0] == 4.17
        assert np.isnan(batch.components["a"][1])
        assert np.isnan(batch.components["d"]).all()
