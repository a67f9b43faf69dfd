"""The plugin's ``examples/`` scores cleanly, with the values its README states."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from assesskit import Scheme
from assesskit.pipeline import Run, score_records

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.skipif(
    not EXAMPLES.is_dir(), reason="examples/ is in the source tree of the plugin only"
)


def _run(scheme: Scheme, name: str) -> Run:
    with (EXAMPLES / name).open(encoding="utf-8", newline="") as handle:
        records: list[dict[str, Any]] = list(csv.DictReader(handle))
    return score_records(scheme, records)


def test_counties(county_scheme: Scheme) -> None:
    run = _run(county_scheme, "counties.csv")
    rows = {
        (r.entity_id.rsplit(".", 1)[-1], r.fields["stage"]): r
        for r in run.results
        if r.entity_id is not None
    }
    expected = {
        # county: (self-check total, prefecture total, gap, inflated)
        "xingyi": ("95.78", "93.15", "2.63", False),
        "xingren": ("90.00", "80.00", "10.00", False),
        "puan": ("91.80", "88.54", "3.26", False),
        "qinglong": ("92.55", "90.02", "2.53", False),
        "zhenfeng": ("93.31", "90.42", "2.89", False),
        "wangmo": ("99.00", "87.56", "11.44", True),
        "ceheng": ("87.07", "88.91", "-1.84", False),
        "anlong": ("92.95", "91.03", "1.92", False),
    }
    assert len(run.results) == 16
    for county, (own, assessed, gap, inflated) in expected.items():
        self_check, prefecture = rows[(county, "self_check")], rows[(county, "prefecture")]
        assert (str(self_check.total), str(prefecture.total)) == (own, assessed), county
        assert str(prefecture.outcome["self_check_gap"]) == gap, county
        assert prefecture.outcome["inflated_self_check"] is inflated, county
        assert prefecture.outcome["self_check_missing"] is False, county
    late = sorted(key for key, r in rows.items() if r.fields["late"])
    assert late == [("puan", "self_check"), ("zhenfeng", "prefecture")]
    assert not any(r.fields["early"] for r in run.results)
    assert rows[("wangmo", "prefecture")].band_id == "fairly_good"
    assert rows[("qinglong", "prefecture")].components["demolition"].points is None
    (rollup,) = run.rollups
    # Σ total × relocated = 93.15×420 + 80×200 + 88.54×240 + 90.02×312 + 90.42×275
    #   + 87.56×100 + 88.91×160 + 91.03×350 = 184166.44; / 2057 = 89.5316… → 89.53
    assert rollup.to_dict() | {"method": None, "member_ids": None} == {
        "unit_id": "guizhou.qianxinan",
        "level": "prefecture",
        "year": 2024,
        "total": 89.53,
        "band": "fairly_good",
        "members": 8,
        "band_counts": {"good": 4, "fairly_good": 4, "average": 0, "poor": 0},
        "method": None,
        "member_ids": None,
    }
    assert run.notes == []


def test_prefectures(prefecture_scheme: Scheme) -> None:
    run = _run(prefecture_scheme, "prefectures.csv")
    assert [(r.entity_id, str(r.total), r.band_id) for r in run.results] == [
        ("guizhou.qianxinan", "89.45", "fairly_good"),
        ("guizhou.bijie", "92.92", "good"),
        ("guizhou.tongren", "91.11", "good"),
        ("guizhou.qiannan", "91.75", "good"),
    ]
    assert not any(r.fields["late"] or r.fields["early"] for r in run.results)
    (rollup,) = run.rollups
    # (89.45×2057 + 92.92×1850 + 91.11×1210 + 91.75×1000) / 6117 = 557893.75 / 6117
    #   = 91.2038… → 91.20, good
    assert (rollup.unit_id, rollup.level, str(rollup.total), rollup.band) == (
        "guizhou",
        "province",
        "91.20",
        "good",
    )
    assert rollup.band_counts == {"good": 3, "fairly_good": 1, "average": 0, "poor": 0}
