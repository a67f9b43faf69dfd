"""The bundled ``examples/`` files score without errors, as their README says.

Expected totals, worked by hand (d = targets due, each 100/d):

Gansu (``gansu-province.csv``)
- 2015: d = 8; 12.5 × (5 + 2950/3000 + 5800/6000 + 960/1000) = 12.5 × 7.91 = 98.875 → 98.88
- 2016: the worked example, 98.59
- 2017: d = 14; qualified 0.963: 100/14 × 13.963 = 99.7357… → 99.74
- 2018: d = 14; technicians 1580/1600, students 498/500:
  100/14 × (12 + 0.9875 + 0.996) = 99.8821… → 99.88

Pingliang (``pingliang-city.csv``)
- 2015: d = 19; dormitories 13/15, MCH 1/2, within county 0.884/0.9, toolkit 0.96:
  100/19 × 18.30888… = 96.3625… → 96.36
- 2016: d = 24; senior 148/150, talents 287/300: 100/24 × 23.94333… = 99.7638… → 99.76
- 2017: d = 26; qualified 0.97, staff trained 7900/8000: 100/26 × 25.9575 = 99.8365… → 99.84

Counties (``counties.csv``, 2016): d = 7 where every quota is given (6 for 崆峒)
- tongwei: county doctors 104/130: 100/7 × 6.8 = 97.1428… → 97.14
- dongxiang: clinics 61/75, technicians 19/24, specialties 1/2:
  100/7 × (4 + 61/75 + 19/24 + 1/2) = 100/7 × 6.105 = 87.2142… → 87.21
- jishishan: students 7/9: 100/7 × (6 + 7/9) = 96.8253… → 96.83
- every other county 100.00
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest

from assesskit import MetricKind, Scheme
from assesskit.pipeline import score_records
from health_cases import columns, read_rows

FILES = {
    "health.gansu-province": "gansu-province.csv",
    "health.pingliang-city": "pingliang-city.csv",
    "health.county": "counties.csv",
}

EXPECTED: dict[str, dict[str, tuple[str, list[str], bool, bool]]] = {
    # entity/year: total, behind, funding_cut, accountability
    "health.gansu-province": {
        "gansu/2015": (
            "98.88",
            ["senior_doctors_dispatched", "county_doctors_dispatched", "support_doctors"],
            False,
            False,
        ),
        "gansu/2016": ("98.59", ["village_clinics", "county_doctors_dispatched"], True, False),
        "gansu/2017": ("99.74", ["village_doctors_qualified"], False, True),
        "gansu/2018": ("99.88", ["health_technicians", "free_medical_students"], False, False),
    },
    "health.county": {
        "gansu.pingliang.kongtong/2016": ("100.00", [], False, False),
        "gansu.dingxi.tongwei/2016": ("97.14", ["county_doctors_dispatched"], False, False),
        "gansu.dingxi.minxian/2016": ("100.00", [], False, True),
        "gansu.linxia.dongxiang/2016": (
            "87.21",
            ["village_clinics", "health_technicians", "key_specialties"],
            True,
            False,
        ),
        "gansu.linxia.jishishan/2016": ("96.83", ["free_medical_students"], False, False),
    },
}

PINGLIANG = {
    2015: (
        "96.36",
        ["staff_dormitories", "mch_hospitals", "within_county_treatment", "toolkit_training"],
    ),
    2016: ("99.76", ["senior_doctors_dispatched", "talents_recruited"]),
    2017: ("99.84", ["village_doctors_qualified", "staff_trained"]),
}


@pytest.mark.parametrize("scheme_id", sorted(EXPECTED))
def test_the_readme_edges(schemes: Mapping[str, Scheme], scheme_id: str) -> None:
    run = score_records(schemes[scheme_id], read_rows(FILES[scheme_id]))
    found = {f"{r.entity_id}/{r.period}": r for r in run.results}
    for key, (total, behind, funding_cut, accountability) in EXPECTED[scheme_id].items():
        result = found[key]
        assert str(result.total) == total, key
        assert result.outcome["behind"] == behind, key
        assert result.outcome["funding_cut"] is funding_cut, key
        assert result.outcome["accountability"] is accountability, key
        assert result.outcome["on_schedule"] is (behind == []), key
    if scheme_id == "health.county":
        others = [r for k, r in found.items() if k not in EXPECTED[scheme_id]]
        assert len(others) == 7
        assert {str(r.total) for r in others} == {"100.00"}
        kongtong = found["gansu.pingliang.kongtong/2016"]
        assert kongtong.components["key_specialties"].status == "not_due"


def test_pingliang_rows(pingliang: Scheme) -> None:
    run = score_records(pingliang, read_rows("pingliang-city.csv"))
    for result in run.results:
        assert result.period is not None
        total, behind = PINGLIANG[result.period.year]
        assert str(result.total) == total
        assert result.outcome == {"on_schedule": False, "behind": behind}


def _typed(scheme: Scheme, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Columns as a program would pass them: float64 numbers (NaN for empty)."""
    out: dict[str, Any] = columns(rows)
    for metric in scheme.metrics:
        values = out.get(metric.name)
        if values is not None and (metric.kind.is_numeric or metric.kind is MetricKind.YEAR):
            out[metric.name] = np.array([float(v) if v else math.nan for v in values])
    return out


@pytest.mark.parametrize("scheme_id", sorted(FILES))
@pytest.mark.parametrize("typed", [False, True], ids=["text", "float64"])
def test_batch_equals_exact_on_the_example_files(
    schemes: Mapping[str, Scheme], scheme_id: str, typed: bool
) -> None:
    scheme = schemes[scheme_id]
    rows = read_rows(FILES[scheme_id])
    batch = scheme.score_batch(_typed(scheme, rows) if typed else columns(rows))
    results = score_records(scheme, rows).results
    assert batch.total.tolist() == [float(r.total) for r in results if r.total is not None]
    for index, result in enumerate(results):
        for cid, component in result.components.items():
            assert batch.component_status[cid][index] == component.status
        for oid, value in result.outcome.items():
            got = batch.outcomes[oid][index]
            assert (list(got) if isinstance(value, list) else bool(got)) == value
