"""``--engine dask`` never deletes or replaces what assesskit did not write (issue 12)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.with_plugins.shipped import LOAN_OFFICERS

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from assesskit.cli import main
from assesskit.dask import MARKER

pytestmark = pytest.mark.dask

EXAMPLE = LOAN_OFFICERS
SCHEME = "microloan.loan-officer"

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(client: Any, capsys: pytest.CaptureFixture[str]) -> Run:
    """``assesskit score SCHEME *inputs -o output --engine dask`` on the test cluster."""

    def score(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        status = main(
            ["score", SCHEME, *args, "--engine", "dask", "--scheduler", client.scheduler.address]
        )
        return status, capsys.readouterr().err

    return score


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_folder_holding_other_files_is_refused_and_left_alone(run: Run, tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    source = work / "officers.csv"
    shutil.copy(EXAMPLE, source)
    (work / "notes.txt").write_text("mine", encoding="utf-8")
    (work / "sub" / "more.txt").write_text("mine too", encoding="utf-8")
    before = _tree(work)
    status, err = run(str(source), "-o", f"{work}/")
    assert status == 2
    assert f"cannot write {work}/: the folder is not empty" in err
    assert f"is not an earlier output of assesskit (it has no valid {MARKER})" in err
    assert "Traceback" not in err
    assert _tree(work) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]  # no staging left


def test_the_current_directory_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "officers.csv")
    monkeypatch.chdir(tmp_path)
    before = _tree(tmp_path)
    status, err = run("officers.csv", "-o", ".")
    assert status == 2
    assert "cannot write ./: the folder is not empty (officers.csv)" in err
    assert _tree(tmp_path) == before


def test_an_earlier_output_folder_is_replaced_and_only_its_own_files_go(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    status, err = run(str(EXAMPLE), "-o", f"{out}/", "--format", "csv")
    assert status == 0, err
    first = sorted(p.name for p in out.iterdir())
    listed = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert listed["written_by"] == "assesskit"
    assert sorted(listed["files"]) == [n for n in first if n != MARKER]
    # an earlier output with an extra part of its own: it is replaced, not kept
    (out / "part.00099.csv").write_bytes(b"old part")
    listed["files"].append("part.00099.csv")
    (out / MARKER).write_text(json.dumps(listed), encoding="utf-8")
    status, err = run(str(EXAMPLE), "-o", f"{out}/", "--format", "csv")
    assert status == 0, err
    assert sorted(p.name for p in out.iterdir()) == first
    # a file the user put there makes the folder theirs
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    before = _tree(out)
    status, err = run(str(EXAMPLE), "-o", f"{out}/", "--format", "csv")
    assert status == 2
    assert "the folder holds files assesskit did not write (mine.txt)" in err
    assert _tree(out) == before


def test_an_input_inside_an_earlier_output_folder_is_never_replaced(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(EXAMPLE, out / "part.00000.csv")
    (out / MARKER).write_text(
        json.dumps({"written_by": "assesskit", "files": ["part.00000.csv"]}), encoding="utf-8"
    )
    before = _tree(out)
    status, err = run(str(out / "part.00000.csv"), "-o", f"{out}/", "--format", "csv")
    assert status == 2
    assert f"would overwrite the input {out / 'part.00000.csv'}" in err
    assert _tree(out) == before


def test_one_file_and_a_pattern_never_replace_an_input(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in-0.csv"
    shutil.copy(EXAMPLE, source)
    before = source.read_bytes()
    status, err = run(str(source), "-o", str(source))
    assert status == 2
    assert f"would overwrite the input {source}" in err
    status, err = run(str(source), "-o", str(tmp_path / "in-*.csv"))
    assert status == 2
    assert f"would overwrite the input {source}" in err
    assert source.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["in-0.csv"]


def test_a_read_only_output_file_needs_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep", encoding="utf-8")
    target.chmod(0o444)
    status, err = run(str(EXAMPLE), "-o", str(target))
    assert status == 2
    assert "is read-only; give --force to replace it" in err
    assert target.read_text(encoding="utf-8") == "keep"
    status, err = run(str(EXAMPLE), "-o", str(target), "--force")
    assert status == 0, err
    assert target.read_text(encoding="utf-8-sig").startswith("entity_id,")


def test_an_output_suffix_the_engine_does_not_write_is_refused(run: Run, tmp_path: Path) -> None:
    status, err = run(str(EXAMPLE), "-o", str(tmp_path / "x.json"))
    assert status == 2
    assert "the Dask engine writes .csv or .parquet files, not .json" in err
    assert list(tmp_path.iterdir()) == []


def test_a_pattern_never_mixes_two_runs(run: Run, tmp_path: Path) -> None:
    (tmp_path / "out-7.csv").write_text("an earlier run's part", encoding="utf-8")
    status, err = run(str(EXAMPLE), "-o", str(tmp_path / "out-*.csv"))
    assert status == 2
    assert f"it also matches {tmp_path / 'out-7.csv'}, which this run" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-7.csv"]


@pytest.mark.parametrize("marker", ["[]", '"x"', "{not json", '{"written_by": "me"}'])
def test_a_marker_that_is_not_ours_makes_the_folder_foreign(
    run: Run, tmp_path: Path, marker: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_text(marker, encoding="utf-8")
    (out / "part.00000.csv").write_text("mine", encoding="utf-8")
    status, err = run(str(EXAMPLE), "-o", f"{out}/")
    assert status == 2
    assert "is not an earlier output of assesskit" in err
    assert (out / "part.00000.csv").read_text(encoding="utf-8") == "mine"
