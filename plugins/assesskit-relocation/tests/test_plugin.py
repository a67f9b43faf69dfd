"""The plugin registers both schemes through the ``assesskit`` entry-point group."""

from __future__ import annotations

import importlib.metadata

from assesskit import get_scheme, list_schemes
from assesskit.plugins import ENTRY_POINT_GROUP


def test_entry_point_is_declared() -> None:
    points = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}
    assert points["relocation"] == "assesskit_relocation"


def test_both_schemes_are_registered_by_this_plugin() -> None:
    registered = {entry.id: entry.plugin for entry in list_schemes()}
    assert registered["relocation.county"] == "relocation"
    assert registered["relocation.prefecture"] == "relocation"


def test_schemes_declare_their_stages_and_roll_ups() -> None:
    county = get_scheme("relocation.county")
    assert [s.id for s in county.stages] == ["self_check", "prefecture"]
    assert [(r.level, r.weight, r.stage) for r in county.rollups] == [
        ("prefecture", "relocated_households", "prefecture")
    ]
    prefecture = get_scheme("relocation.prefecture")
    assert [s.id for s in prefecture.stages] == ["province"]
    assert [(r.level, r.weight, r.stage) for r in prefecture.rollups] == [
        ("province", "relocated_households", "province")
    ]


def test_bands_have_no_gap_or_overlap() -> None:
    for scheme_id in ("relocation.county", "relocation.prefecture"):
        assert get_scheme(scheme_id).lint() == []
