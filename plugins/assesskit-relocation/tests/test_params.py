"""Parameters: weights, grade thresholds and the inflation threshold, validated and recorded."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from assesskit import ParameterError, Scheme, get_scheme
from assesskit.pipeline import score_records
from assesskit_relocation.areas import AREA_IDS
from assesskit_relocation.schemes import COUNTY_A_SELF_CHECK

Record = Callable[..., dict[str, Any]]


def test_defaults_are_recorded(county_scheme: Scheme) -> None:
    params = county_scheme.params()
    assert params == {
        "inflation_threshold": 10,
        **{f"weights.{area}": 1 for area in AREA_IDS},
        "bands.good": 90,
        "bands.fairly_good": 80,
        "bands.average": 60,
    }


def test_relative_weights_are_scaled_to_100(county_scheme: Scheme, make_county_a: Record) -> None:
    tuned = county_scheme.with_params({"weights.funds": 2})
    # relative weights sum to 10: funds 20 points, the other eight 10 each;
    # 10 × (7.88 − 0.8) + 20 × 0.8 = 70.8 + 16 = 86.80
    result = tuned.score(make_county_a())
    assert str(result.total) == "86.80"
    assert result.components["funds"].weight == 20
    assert result.components["archives"].weight == 10
    assert tuned.params()["weights.funds"] == 2


def test_zero_weight_drops_an_area(county_scheme: Scheme, make_county_a: Record) -> None:
    tuned = county_scheme.with_params({"weights.archives": 0})
    # 8 areas of 12.5: 12.5 × (7.88 − 0.7) = 12.5 × 7.18 = 89.75
    assert str(tuned.score(make_county_a()).total) == "89.75"


def test_all_weights_zero_is_an_error(county_scheme: Scheme) -> None:
    with pytest.raises(ParameterError) as info:
        county_scheme.with_params({f"weights.{area}": 0 for area in AREA_IDS})
    assert str(info.value) == (
        "scheme 'relocation.county': weights: at least one weight must be > 0"
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "weights.funds",
            -1,
            "parameter 'weights.funds' = -1: must be within [0, ∞) (a weight is >= 0)",
        ),
        ("weights.housing", 1, "parameter 'weights.housing': no component 'housing'"),
        (
            "inflation_threshold",
            -0.5,
            "parameter 'inflation_threshold' = -0.5: must be within [0, ∞)",
        ),
    ],
)
def test_bad_parameter_values(
    county_scheme: Scheme, name: str, value: object, message: str
) -> None:
    with pytest.raises(ParameterError) as info:
        county_scheme.with_params({name: value})
    assert str(info.value) == f"scheme 'relocation.county': {message}"


def test_grade_thresholds(county_scheme: Scheme, make_county_a: Record) -> None:
    record = make_county_a()  # 87.56
    assert county_scheme.with_params({"bands.good": "87.56"}).score(record).band_id == "good"
    assert county_scheme.with_params({"bands.good": "87.57"}).score(record).band_id == (
        "fairly_good"
    )
    lowered = county_scheme.with_params({"bands.fairly_good": "87.57"})
    assert lowered.score(record).band_id == "average"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"bands.good": 80},
            "the lower end of 'good' (80) must be above that of 'fairly_good' (80)",
        ),
        (
            {"bands.average": 85},
            "the lower end of 'fairly_good' (80) must be above that of 'average' (85)",
        ),
        (
            {"bands.good": 70, "bands.fairly_good": 75, "bands.average": 60},
            "the lower end of 'good' (70) must be above that of 'fairly_good' (75)",
        ),
    ],
)
def test_grade_thresholds_must_descend(
    county_scheme: Scheme, given: dict[str, Any], message: str
) -> None:
    with pytest.raises(ParameterError) as info:
        county_scheme.with_params(given)
    assert str(info.value) == f"scheme 'relocation.county': bands: {message}"


def test_poor_has_no_threshold_of_its_own(county_scheme: Scheme) -> None:
    with pytest.raises(ParameterError, match="no band 'poor' with a lower end to set"):
        county_scheme.with_params({"bands.poor": 10})


def test_inflation_threshold_parameter(county_scheme: Scheme, make_county_a: Record) -> None:
    records = [COUNTY_A_SELF_CHECK, make_county_a()]  # gap 11.44
    default = score_records(county_scheme, records).results[1]
    assert default.outcome["inflated_self_check"] is True
    tuned = county_scheme.with_params(inflation_threshold=12)
    relaxed = score_records(tuned, records)
    assert relaxed.results[1].outcome["inflated_self_check"] is False  # 11.44 <= 12
    assert relaxed.params["inflation_threshold"] == 12
    assert relaxed.fingerprint == tuned.fingerprint != county_scheme.fingerprint


def test_parameters_through_get_scheme() -> None:
    scheme = get_scheme("relocation.county", **{"weights.funds": "2", "bands.good": "92"})
    assert scheme.params()["weights.funds"] == 2
    assert scheme.params()["bands.good"] == 92
    assert scheme.effective_weights()["funds"] == Fraction(20)
