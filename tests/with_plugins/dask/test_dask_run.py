"""``run``: what ``assesskit score --engine dask`` calls; files in, files out, exit status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.with_plugins.shipped import MICROLOAN

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

import pandas as pd
from dask_cases import officer_months, write_csv

from assesskit.cli.errors import UsageError
from assesskit.dask import cluster_client, run
from assesskit.errors import HistoryError, ParameterError
from assesskit.io.located import BadRecordsError
from assesskit.io.records import InputFileError

pytestmark = pytest.mark.dask


def test_run_on_an_existing_cluster_writes_one_file_and_returns_0(
    client: Any, tmp_path: Path
) -> None:
    rows = officer_months(entities=15, months=3, seed=2)
    write_csv(tmp_path / "a.csv", rows[:20])
    write_csv(tmp_path / "b.csv", rows[20:])
    notes: list[str] = []
    status = run(
        "microloan.loan-officer",
        [str(tmp_path / "*.csv")],
        str(tmp_path / "scored.parquet"),
        scheduler=client.scheduler.address,
        params=["income_target=90000"],
        note=notes.append,
    )
    assert status == 0
    scored = pd.read_parquet(tmp_path / "scored.parquet")
    assert len(scored) == len(rows)
    # the parameter is in force: income 90000 of a 90000 target earns the full 60 points
    assert notes == []


def test_run_with_history_files_and_a_note_for_other_parameters(
    client: Any, tmp_path: Path
) -> None:
    import json

    from assesskit import get_scheme
    from assesskit.pipeline import score_records

    scheme = get_scheme("microloan.loan-officer").with_params(income_target=90000)
    earlier = officer_months(entities=5, months=2, seed=6)
    document = score_records(scheme, earlier).to_dict()
    (tmp_path / "earlier.json").write_text(json.dumps(document), encoding="utf-8")
    later = [dict(r, period=r["period"].replace("2025-0", "2025-1")) for r in earlier]
    write_csv(tmp_path / "later.csv", later)
    notes: list[str] = []
    run(
        "microloan.loan-officer",
        [str(tmp_path / "later.csv")],
        str(tmp_path / "out.csv"),
        scheduler=client.scheduler.address,
        history=[str(tmp_path / "earlier.json")],
        note=notes.append,
    )
    assert len(notes) == 1
    assert "other parameters" in notes[0]
    write_csv(tmp_path / "clash.csv", earlier)
    with pytest.raises(HistoryError, match="both in the input and in the history"):
        run(
            "microloan.loan-officer",
            [str(tmp_path / "clash.csv")],
            str(tmp_path / "clash-out.csv"),
            scheduler=client.scheduler.address,
            history=[str(tmp_path / "earlier.json")],
        )
    assert not (tmp_path / "clash-out.csv").exists()


def test_user_errors_raise_what_the_command_line_reports_with_status_2(
    client: Any, tmp_path: Path
) -> None:
    address = client.scheduler.address
    bad = officer_months(entities=2, months=2, seed=1)
    bad[1]["discipline_score"] = "130"
    write_csv(tmp_path / "bad.csv", bad)
    with pytest.raises(BadRecordsError, match="line 3"):
        run("microloan.loan-officer", [str(tmp_path / "bad.csv")], str(tmp_path / "o.csv"),
            scheduler=address)  # fmt: skip
    with pytest.raises(InputFileError, match="no such file"):
        run("microloan.loan-officer", [str(tmp_path / "none-*.csv")], "o.csv", scheduler=address)
    with pytest.raises(ParameterError):
        run("microloan.loan-officer", [str(tmp_path / "bad.csv")], "o.csv",
            params=["income_target=-5"], scheduler=address)  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_a_scheduler_that_cannot_be_reached_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):  # noqa: SIM117
        with cluster_client("tcp://127.0.0.1:9", timeout="1s"):
            pass


def test_run_starts_and_stops_a_local_cluster_by_default(tmp_path: Path) -> None:
    path = MICROLOAN / "cashier.csv"
    assert run("microloan.cashier", [str(path)], str(tmp_path / "c.csv"), workers=1) == 0
    assert len(pd.read_csv(tmp_path / "c.csv", encoding="utf-8-sig")) == 6
