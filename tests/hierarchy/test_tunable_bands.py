"""Grade thresholds as parameters: ``Scheme(tunable_bands=True)`` and ``bands.<band>``.

(Here because grades and roll-ups go together: a roll-up is graded with the
bands in force.)
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from assesskit import (
    Band,
    BandTable,
    Interval,
    ParameterError,
    Scheme,
    SchemeDefinitionError,
    Text,
)
from assesskit.pipeline import score_records

Unit = Callable[..., dict[str, Any]]
Build = Callable[..., Scheme]


@pytest.fixture
def tunable(make_unit_scheme: Build) -> Scheme:
    """Bands good >= 90, fair [60, 90), poor < 60, with lower ends as parameters."""
    return make_unit_scheme(tunable_bands=True)


def _band(scheme: Scheme, make_unit: Unit, total: str) -> str | None:
    return scheme.score(make_unit("A", total)).band_id


def test_band_lower_ends_are_parameters(tunable: Scheme) -> None:
    assert tunable.param_names() == ["bands.good", "bands.fair"]
    assert tunable.params() == {"bands.good": 90, "bands.fair": 60}


def test_moving_the_good_threshold(tunable: Scheme, make_unit: Unit) -> None:
    assert _band(tunable, make_unit, "85.00") == "fair"
    moved = tunable.with_params({"bands.good": "85"})
    assert _band(moved, make_unit, "85.00") == "good"
    assert _band(moved, make_unit, "84.99") == "fair"
    assert moved.bands is not None
    assert [b.interval.notation() for b in moved.bands.bands] == ["[85, ∞)", "[60, 85)", "(-∞, 60)"]
    assert [b.label for b in moved.bands.bands] == [
        Text("good", "好"),
        Text("fair", "一般"),
        Text("poor", "差"),
    ]


def test_moving_the_lowest_threshold(tunable: Scheme, make_unit: Unit) -> None:
    moved = tunable.with_params({"bands.fair": 50})
    assert _band(moved, make_unit, "50.00") == "fair"
    assert _band(moved, make_unit, "49.99") == "poor"


def test_thresholds_are_recorded_and_fingerprinted(tunable: Scheme, make_unit: Unit) -> None:
    moved = tunable.with_params({"bands.good": 85})
    assert moved.params() == {"bands.good": 85, "bands.fair": 60}
    assert moved.fingerprint != tunable.fingerprint
    run = score_records(moved, [make_unit("A", "86.00", 1)])
    assert run.params == {"bands.good": 85, "bands.fair": 60}
    assert run.rollups[0].band == "good"  # the roll-up is graded with the bands in force


def test_later_overrides_keep_earlier_ones(tunable: Scheme) -> None:
    moved = tunable.with_params({"bands.good": 85}).with_params({"bands.fair": 55})
    assert moved.params() == {"bands.good": 85, "bands.fair": 55}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        # equal ends: a band would be empty, and "descending" means strictly
        ({"bands.good": 60}, "the lower end of 'good' (60) must be above that of 'fair' (60)"),
        ({"bands.good": 50}, "the lower end of 'good' (50) must be above that of 'fair' (60)"),
        ({"bands.fair": 95}, "the lower end of 'good' (90) must be above that of 'fair' (95)"),
        (
            {"bands.good": 70, "bands.fair": 70.01},
            "the lower end of 'good' (70) must be above that of 'fair' (70.01)",
        ),
    ],
)
def test_thresholds_must_descend(tunable: Scheme, given: dict[str, Any], message: str) -> None:
    with pytest.raises(ParameterError) as info:
        tunable.with_params(given)
    assert str(info.value) == f"scheme 'test.units': bands: {message}"


def test_thresholds_descending_by_the_smallest_step_are_accepted(
    tunable: Scheme, make_unit: Unit
) -> None:
    moved = tunable.with_params({"bands.good": "70.01", "bands.fair": 70})
    assert _band(moved, make_unit, "70.00") == "fair"
    assert _band(moved, make_unit, "70.01") == "good"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "bands.poor",
            10,
            "parameter 'bands.poor': no band 'poor' with a lower end to set "
            "(bands.good, bands.fair)",
        ),
        (
            "bands.good",
            120,
            "parameter 'bands.good' = 120: must be within [0, 100] (a band's lower end is a total)",
        ),
        (
            "bands.good",
            "high",
            "parameter 'bands.good' = 'high': must be a number (a band's lower end is a total)",
        ),
    ],
)
def test_bad_threshold_parameters(tunable: Scheme, name: str, value: object, message: str) -> None:
    with pytest.raises(ParameterError) as info:
        tunable.with_params({name: value})
    assert str(info.value) == f"scheme 'test.units': {message}"


def test_bands_are_not_parameters_unless_tunable(unit_scheme: Scheme) -> None:
    with pytest.raises(ParameterError, match=r"unknown parameter 'bands\.good'"):
        unit_scheme.with_params({"bands.good": 85})


def test_tunable_bands_need_a_ladder(make_unit_scheme: Build) -> None:
    gap = BandTable(
        (
            Band("good", Text("good"), Interval.at_least(90)),
            Band("fair", Text("fair"), Interval.closed_open(60, 80)),
            Band("poor", Text("poor"), Interval.below(60)),
        )
    )
    with pytest.raises(SchemeDefinitionError) as info:
        make_unit_scheme(bands=gap, tunable_bands=True)
    assert list(info.value.problems) == [
        "tunable_bands: band 'fair' [60, 80) does not end where band 'good' [90, ∞) begins"
    ]


def test_tunable_bands_need_a_band_table(make_unit_scheme: Build) -> None:
    with pytest.raises(SchemeDefinitionError, match=r"tunable_bands needs a band table"):
        make_unit_scheme(bands=None, tunable_bands=True)


def test_ladder_with_bounded_ends_keeps_them() -> None:
    table = BandTable(
        (
            Band("high", Text("high"), Interval(50, 100)),
            Band("low", Text("low"), Interval(0, 50, upper_closed=False)),
        )
    )
    assert table.ladder_problems() == []
    moved = table.with_lower_ends({"high": Fraction(100)})
    assert [b.interval.notation() for b in moved.bands] == ["[100, 100]", "[0, 100)"]
    with pytest.raises(ValueError, match="band 'low' would be empty"):
        table.with_lower_ends({"high": Fraction(0)})


def test_thresholds_given_at_construction_must_match_the_table(make_unit_scheme: Build) -> None:
    # the band table is rebuilt by with_params; a value passed around it would be recorded
    # in the parameters without moving the band
    with pytest.raises(SchemeDefinitionError) as info:
        make_unit_scheme(tunable_bands=True, param_values={"bands.good": Fraction(85)})
    assert list(info.value.problems) == [
        "value given for 'bands.good' does not match the band table "
        "(set band thresholds with with_params)"
    ]
    same = make_unit_scheme(tunable_bands=True, param_values={"bands.good": Fraction(90)})
    assert same.params()["bands.good"] == 90
