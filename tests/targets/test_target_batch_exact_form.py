"""``Target.score_batch`` gives its points as exact rationals (no float doubt) when it can."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import numpy as np

from assesskit._batchmath import Rationals, round_certified
from assesskit._scaled import read_decimals
from assesskit.expressions import BatchValue, Param
from assesskit.rules.base import BatchRuleContext, BatchScored
from assesskit.targets import Schedule, Target


def context(
    columns: dict[str, list[Any]], params: dict[str, Any] | None = None
) -> BatchRuleContext:
    """A batch of numbers (``None``: missing) or dates, read as the engine reads them."""
    values: dict[str, BatchValue] = {}
    decimals = {}
    size = len(next(iter(columns.values())))
    for name, column in columns.items():
        missing = np.array([v is None for v in column])
        if any(isinstance(v, dt.date) for v in column):
            values[name] = BatchValue(np.array(column, dtype=object), missing=missing)
            continue
        data = np.array([math.nan if v is None else float(v) for v in column])
        values[name] = BatchValue(data, missing=missing, faithful=True)
        decimals[name] = read_decimals(data, missing)
    return BatchRuleContext(values, params or {}, size, decimals)


def exact_points(scored: BatchScored) -> list[Fraction | None]:
    """The exact points of every row (``None`` where the target is not due)."""
    exact = scored.exact
    assert exact is not None
    assert scored.doubt is None
    assert scored.applicable is not None
    out: list[Fraction | None] = []
    for row, due in enumerate(scored.applicable):
        den = exact.den if isinstance(exact.den, int) else int(exact.den[row])
        out.append(Fraction(int(exact.num[row]), den) if due else None)
    return out


def test_an_about_schedule_target_has_exact_points() -> None:
    clinics = Target(
        "cumulative",
        "built",
        schedule=Schedule({2016: 100, 2018: 300}),
        tolerance=Param("about"),
    )
    ctx = context(
        {"year": [2015, 2016, 2016, 2018, 2018], "built": [None, 90, 45, 100, 269.99]},
        {"about": Fraction(1, 10)},
    )
    scored = clinics.score_batch(ctx, Fraction(60))
    # required: 90 in 2016, 270 in 2018 (about, 10% off)
    assert exact_points(scored) == [
        None,
        Fraction(60),
        Fraction(30),
        Fraction(200, 9),
        Fraction(60 * 26999, 27000),
    ]
    assert scored.status is not None
    assert scored.status.tolist() == ["not_due", "met", "behind", "behind", "behind"]


def test_a_quota_at_most_has_exact_points() -> None:
    cost = Target("at_most", "cost", required_input="quota")
    ctx = context(
        {
            "year": [2016, 2016, 2016, 2016],
            "cost": [4000, 2999.99, 3000.01, None],
            "quota": [3000, 3000, 3000, None],
        }
    )
    scored = cost.score_batch(ctx, Fraction(40))
    assert exact_points(scored) == [Fraction(30), Fraction(40), Fraction(40 * 300000, 300001), None]
    assert scored.status is not None
    assert scored.status.tolist() == ["behind", "met", "behind", "not_due"]


def test_a_quota_with_a_figure_a_hair_below_is_behind() -> None:
    share = Target("at_least", "gps", required_input="gps_quota")
    ctx = context({"year": [2017, 2017], "gps": [2964.9999999, 2965], "gps_quota": [2965, 2965]})
    scored = share.score_batch(ctx, Fraction(1))
    assert exact_points(scored) == [Fraction(29649999999, 29650000000), Fraction(1)]


def test_a_milestone_has_exact_points() -> None:
    issued = Target("milestone", "issued_on", deadline=dt.date(2016, 6, 30))
    ctx = context(
        {
            "year": [2015, 2016, 2016, 2017],
            "issued_on": [None, dt.date(2016, 6, 30), dt.date(2016, 7, 1), None],
        }
    )
    scored = issued.score_batch(ctx, Fraction(50))
    assert exact_points(scored) == [None, Fraction(50), Fraction(0), Fraction(0)]


def test_figures_without_an_exact_reading_fall_back_to_floats() -> None:
    clinics = Target("cumulative", "built", schedule=Schedule({2016: 100}))
    ctx = context({"year": [2016, 2016], "built": [1 / 3, 50]})
    scored = clinics.score_batch(ctx, Fraction(1))
    assert scored.exact is None
    assert math.isclose(scored.points[0], 1 / 300)
    assert scored.points[1] == 0.5


def test_certified_rounding_decides_ties_with_integers() -> None:
    # 15 terms of k / 600 (k = 1..15, denominators per row): Σ = 120 / 600 = 0.2;
    # shifted by 1/200 it is 0.205 exactly, a tie rounded up to 0.21
    size = 3
    terms = [
        Rationals(np.full(size, float(k)), np.full(size, 600.0), 15.0, 600.0) for k in range(1, 16)
    ]
    half = Rationals(np.array([1.0, 0.0, -1.0]), np.array([200.0, 1.0, 200.0]), 1.0, 200.0)
    rounded = round_certified([*terms, half], 2)
    assert rounded is not None
    units, decided = rounded
    assert units.tolist() == [21.0, 20.0, 20.0]  # 0.205 → 0.21; 0.2; 0.195 → 0.20
    assert decided == 2  # the two rows a half-hundredth off: decided with integers


def test_certified_rounding_with_a_scale_per_row() -> None:
    # (1/3 + 1/6) × 100 / applied, applied 8 and 3: 6.25 and 16.666… (→ 16.67)
    terms = [
        Rationals(np.array([1.0, 1.0]), np.array([3.0, 3.0]), 1.0, 3.0),
        Rationals(np.array([1.0, 1.0]), np.array([6.0, 6.0]), 1.0, 6.0),
    ]
    rounded = round_certified(terms, 2, (100, np.array([8.0, 3.0])))
    assert rounded is not None
    assert rounded[0].tolist() == [625.0, 1667.0]
    # -1/400 rounds half away from zero: -0.0025 → -0.00 is published as 0.00; -1/200 → -0.01
    negative = Rationals(np.array([-1.0, -1.0]), np.array([400.0, 200.0]), 1.0, 400.0)
    rounded = round_certified([negative], 2)
    assert rounded is not None
    assert [str(v) for v in rounded[0]] == ["0.0", "-1.0"]
