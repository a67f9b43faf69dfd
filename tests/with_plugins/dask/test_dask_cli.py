"""``assesskit score --engine dask``: the command line on a Dask cluster."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from tests.with_plugins.shipped import MICROLOAN

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from assesskit.cli import main

pytestmark = pytest.mark.dask

EXAMPLES = MICROLOAN


def rows(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {(r["entity_id"], r["period"]): r for r in csv.DictReader(handle)}


def test_engine_dask_gives_the_local_engine_s_totals(client: Any, tmp_path: Path) -> None:
    source = str(EXAMPLES / "loan-officer.csv")
    local, remote = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert main(["score", "microloan.loan-officer", source, "-o", str(local)]) == 0
    status = main(
        [
            "score",
            "microloan.loan-officer",
            source,
            "-o",
            str(remote),
            "--engine",
            "dask",
            "--scheduler",
            client.scheduler.address,
        ]
    )
    assert status == 0
    expected, got = rows(local), rows(remote)
    assert got.keys() == expected.keys()
    for key, row in expected.items():
        assert (got[key]["total"], got[key]["band"], got[key]["pay"]) == (
            row["total"],
            row["band"],
            row["pay"],
        ), key
    # LO-011's third month at discipline <= 60 is found across partitions too.
    assert got[("LO-011", "2026-09")]["dismissal"] == "true"


def test_engine_dask_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(EXAMPLES / "loan-officer.csv")
    assert main(["score", "microloan.loan-officer", source, "--engine", "dask"]) == 2
    assert "--engine dask writes files" in capsys.readouterr().err


def test_scheduler_without_engine_dask_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = str(EXAMPLES / "loan-officer.csv")
    status = main(["score", "microloan.loan-officer", source, "--scheduler", "tcp://x:1"])
    assert status == 2
    assert "--scheduler goes with --engine dask" in capsys.readouterr().err


def _dask(client: Any, *args: str) -> list[str]:
    return [*args, "--engine", "dask", "--scheduler", client.scheduler.address]


def test_the_output_is_the_local_engine_s_with_the_names_kept(client: Any, tmp_path: Path) -> None:
    """Every cell of the local CSV output, 王芳 beside LO-001 included (``--keep``: all)."""
    source = str(EXAMPLES / "loan-officer.csv")
    local, remote = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert main(["score", "microloan.loan-officer", source, "-o", str(local)]) == 0
    args = _dask(client, "score", "microloan.loan-officer", source, "-o", str(remote))
    assert main(args) == 0
    with remote.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[:4] == ["entity_id", "period", "name", "total"]
    expected, got = rows(local), rows(remote)
    assert got[("LO-001", "2026-07")]["name"] == "王芳"
    for key, row in expected.items():
        # the last column is the local engine's notes, Dask's history_missing
        assert {c: got[key][c] for c in header[:-1]} == {c: row[c] for c in header[:-1]}, key


def test_keep_chooses_the_columns_passed_through(
    client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(EXAMPLES / "loan-officer.csv")
    for keep, expected in (("name", "name"), ("none", "total")):
        out = tmp_path / f"{keep}.csv"
        args = ["score", "microloan.loan-officer", source, "-o", str(out), "--keep", keep]
        assert main(_dask(client, *args)) == 0
        with out.open(encoding="utf-8-sig", newline="") as handle:
            assert next(csv.reader(handle))[2] == expected
    args = ["score", "microloan.loan-officer", source, "-o", str(tmp_path / "x.csv")]
    assert main(_dask(client, *args, "--keep", "department")) == 2
    assert "--keep department: no input has such a column" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_chinese_headers_and_map_are_read_as_locally(client: Any, tmp_path: Path) -> None:
    """业务收入 by its (simplified) label, 底薪 by ``--map``: the same pay as with ids."""
    text = (EXAMPLES / "loan-officer.csv").read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    head = head.replace("business_income", "业务收入").replace("standard_salary", "底薪")
    named = tmp_path / "named.csv"
    named.write_text(head + "\n" + rest, encoding="utf-8")
    ids, remote = tmp_path / "ids.csv", tmp_path / "named-out.csv"
    scheme = "microloan.loan-officer"
    assert main(["score", scheme, str(EXAMPLES / "loan-officer.csv"), "-o", str(ids)]) == 0
    args = ["score", scheme, str(named), "-o", str(remote), "--map", "底薪=standard_salary"]
    assert main(_dask(client, *args)) == 0
    expected, got = rows(ids), rows(remote)
    # LO-001 in July: salary 8500 at 100 points, business income 60 of 60 points
    assert got[("LO-001", "2026-07")]["pay"] == "8500.00"
    assert got[("LO-001", "2026-07")]["business_income"] == "60.00"
    assert {k: r["pay"] for k, r in got.items()} == {k: r["pay"] for k, r in expected.items()}


def test_strict_makes_a_misspelt_column_an_error(
    client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "loan-officer.csv").read_text(encoding="utf-8")
    typo = tmp_path / "typo.csv"
    typo.write_text(text.replace("standard_salary", "standard_salry", 1), encoding="utf-8")
    out = tmp_path / "out.csv"
    base = ["score", "microloan.loan-officer", str(typo), "-o", str(out)]
    assert main(_dask(client, *base)) == 0
    assert "is it 'standard_salary' (optional)?" in capsys.readouterr().err
    out.unlink()
    assert main(_dask(client, *base, "--strict")) == 2
    assert "is it 'standard_salary' (optional)?" in capsys.readouterr().err
    assert not out.exists()


def test_excel_writes_periods_as_text_formulas(
    client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(EXAMPLES / "loan-officer.csv")
    out = tmp_path / "excel.csv"
    args = ["score", "microloan.loan-officer", source, "-o", str(out), "--excel"]
    assert main(_dask(client, *args)) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        first = next(iter(csv.DictReader(handle)))
    # 2026-07 would open as July 1st; the bonus is paid in the month after
    assert (first["period"], first["bonus_paid_in"]) == ('="2026-07"', '="2026-08"')
    assert (first["entity_id"], first["total"]) == ("LO-001", "100.00")
    parquet = ["score", "microloan.loan-officer", source, "-o", str(tmp_path / "x.parquet")]
    assert main(_dask(client, *parquet, "--excel")) == 2
    assert "--excel shapes CSV output" in capsys.readouterr().err


def test_columns_is_for_table_and_xlsx_output(
    client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(EXAMPLES / "loan-officer.csv")
    args = ["score", "microloan.loan-officer", source, "-o", str(tmp_path / "x.csv")]
    assert main(_dask(client, *args, "--columns", "all")) == 2
    assert "--columns chooses the columns of table and xlsx output" in capsys.readouterr().err
