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
