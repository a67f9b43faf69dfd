"""The spec's worked example: County A, 2024."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from assesskit import Scheme
from assesskit.pipeline import score_records
from assesskit_relocation.schemes import COUNTY_A_PREFECTURE, COUNTY_A_SELF_CHECK

Record = Callable[..., dict[str, Any]]


def test_prefecture_stage_scores_87_56_fairly_good(county_scheme: Scheme) -> None:
    result = county_scheme.score(COUNTY_A_PREFECTURE)
    # attainments 0.98 + 0.9 + 0.9 + 0.85 + 0.9 + 0.8 + 0.95 + 0.9 + 0.7 = 7.88;
    # 100/9 × 7.88 = 87.555… → 87.56, in [80, 90): fairly_good
    assert str(result.total) == "87.56"
    assert result.band_id == "fairly_good"
    # each area: 100/9 × attainment, rounded half-up for display
    assert {cid: str(c.points) for cid, c in result.components.items()} == {
        "target_accuracy": "10.89",  # 100/9 × 0.98 = 10.888…
        "construction": "10.00",  # 100/9 × 0.9
        "move_in": "10.00",  # 100/9 × 180/200
        "poverty_exit": "9.44",  # 100/9 × 0.85 = 9.444…
        "demolition": "10.00",  # 100/9 × 45/50
        "funds": "8.89",  # 100/9 × 0.8 = 8.888…
        "leadership": "10.56",  # 100/9 × 0.95 = 10.555…
        "responsibility": "10.00",
        "archives": "7.78",  # 100/9 × 0.7 = 7.777…
    }
    # nine equal relative weights: exactly 100/9 points each, not 11.11
    assert {c.weight for c in result.components.values()} == {Fraction(100, 9)}


def test_self_check_99_gives_gap_11_44_and_inflated(county_scheme: Scheme) -> None:
    run = score_records(county_scheme, [COUNTY_A_SELF_CHECK, COUNTY_A_PREFECTURE])
    self_check, prefecture = run.results
    # self-check attainments 1 + 1 + 1 + 0.95 + 1 + 0.98 + 1 + 1 + 0.98 = 8.91; × 100/9 = 99.00
    assert (str(self_check.total), self_check.band_id) == ("99.00", "good")
    assert (str(prefecture.total), prefecture.band_id) == ("87.56", "fairly_good")
    # gap 99.00 − 87.56 = 11.44 > 10
    for result in (self_check, prefecture):
        assert result.outcome["self_check_gap"] == Decimal("11.44")
        assert result.outcome["inflated_self_check"] is True
    assert prefecture.outcome["self_check_missing"] is False
    data = prefecture.to_dict()
    assert data["stage"] == "prefecture"
    assert data["outcome"] == {
        "self_check_missing": False,
        "self_check_gap": 11.44,
        "inflated_self_check": True,
    }


def test_declared_examples_hold(county_scheme: Scheme) -> None:
    assert len(county_scheme.examples) == 2
    for example in county_scheme.examples:
        result = county_scheme.with_params(example.params).score(example.record)
        assert str(result.total) == example.expected["total"], example.name
        assert result.band_id == example.expected["band"], example.name


def test_prefecture_example(prefecture_scheme: Scheme) -> None:
    (example,) = prefecture_scheme.examples
    result = prefecture_scheme.score(example.record)
    # 100/9 × (0.99 + 0.9 + 0.95 + 0.88 + 0.9 + 0.9 + 0.94 + 0.92 + 0.86) = 100/9 × 8.24
    #   = 91.555… → 91.56, good
    assert (str(result.total), result.band_id) == ("91.56", "good")
    assert example.expected == {"total": "91.56", "band": "good"}
