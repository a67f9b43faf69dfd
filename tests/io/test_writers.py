"""Writers: CJK-aware tables, CSV cells safe for spreadsheets, atomic files, column layout."""

from __future__ import annotations

import os
import stat
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from tests.conftest import build_sample_scheme

from assesskit import Component, Outcome, Text
from assesskit.expressions import Const
from assesskit.io import display_width, neutralise, render_table, write_atomic
from assesskit.io.csv_output import cell
from assesskit.io.layout import value_columns
from assesskit.rules import Boolean


class TestTable:
    def test_display_width(self) -> None:
        assert display_width("LO-001") == 6
        assert display_width("王芳") == 4
        assert display_width("全額(100%)") == 4 + 6  # full-width 額 and 全, ASCII brackets
        assert display_width("e\u0301") == 1  # a combining accent takes no column

    def test_columns_align_with_chinese(self) -> None:
        text = render_table(["名稱", "total"], [["王芳", "74.73"], ["Li", "100.00"]], right={1})
        assert text.splitlines() == [
            "名稱   total",
            "----  ------",
            "王芳   74.73",
            "Li    100.00",
        ]


class TestCsvCells:
    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
    def test_formula_starts_are_neutralised(self, start: str) -> None:
        assert neutralise(start + "1+1") == "'" + start + "1+1"
        assert cell(start + "cmd") == "'" + start + "cmd"

    def test_other_text_is_unchanged(self) -> None:
        assert neutralise("LO-001") == "LO-001"
        assert neutralise("'quoted") == "'quoted"
        # A list is joined, then checked as one cell.
        assert cell(["total", "-discipline"]) == "total;-discipline"
        assert cell(["-discipline", "total"]) == "'-discipline;total"

    def test_numbers_are_never_neutralised(self) -> None:
        assert cell(Decimal("-5.00")) == "-5.00"
        assert cell(Fraction(-1, 4)) == "-0.25"
        assert cell(-3) == "-3"
        assert cell(True) == "true"
        assert cell(None) == ""


class TestAtomicWrite:
    def test_replaces_and_keeps_permissions(self, tmp_path: Path) -> None:
        target = tmp_path / "out.json"
        target.write_text("old", encoding="utf-8")
        os.chmod(target, 0o640)
        write_atomic(target, b"new")
        assert target.read_bytes() == b"new"
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_new_file_gets_the_usual_permissions(self, tmp_path: Path) -> None:
        umask = os.umask(0o022)
        try:
            write_atomic(tmp_path / "new.csv", b"x")
        finally:
            os.umask(umask)
        assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644

    def test_failure_leaves_the_old_file_and_no_temporary(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "out.json"
        target.write_text("old", encoding="utf-8")

        def fail(src: str, dst: str) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(OSError, match="No space left"):
            write_atomic(target, b"new")
        assert target.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_writes_through_a_symbolic_link(self, tmp_path: Path) -> None:
        real = tmp_path / "real.json"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        write_atomic(link, b"new")
        assert link.is_symlink()
        assert real.read_bytes() == b"new"


def test_component_and_outcome_with_one_id_get_prefixed_columns() -> None:
    base = build_sample_scheme()
    secrecy = Component("secrecy", Text("secrecy", "保密"), 10, Boolean("breach", award_when=False))
    scheme = build_sample_scheme(
        components=[*base.components[:-1], secrecy],
        outcomes=[*base.outcomes, Outcome("secrecy", Text("secrecy kept", "保密"), Const(1))],
    )
    names = [c.name for c in value_columns(scheme)]
    assert names.count("points.secrecy") == names.count("outcome.secrecy") == 1
    assert "secrecy" not in names
    assert names[0] == "income"
    assert "pay" in names
