"""The readers on the bundled example files of the microloan plugin."""

from __future__ import annotations

from tests.with_plugins.shipped import MICROLOAN

from assesskit.io import read_input


def test_the_gb18030_example_reads_like_the_utf8_one() -> None:
    gb = read_input(str(MICROLOAN / "loan-officer-2026-09-gb18030.csv"))
    utf8 = read_input(str(MICROLOAN / "loan-officer.csv"))
    assert len(gb.notes) == 1
    assert "read as GB18030" in gb.notes[0]
    september = [r.values for r in utf8.records if r.values["period"] == "2026-09"]
    assert [r.values for r in gb.records] == september
    assert gb.records[2].values["name"] == "张伟"
