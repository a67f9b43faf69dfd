"""History across partitions and roll-ups on the Dask engine equal the exact pipeline.

An entity's months are spread over every partition on purpose: the engine
shuffles by entity so that each task sees all of them, and the dismissal
flags, triggers and "history missing" periods must equal
:func:`assesskit.pipeline.score_records`. Roll-ups computed with Dask's
groupby must equal :func:`assesskit.hierarchy.roll_up` on the same results.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tests.with_plugins.shipped import RELOCATION

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

import dask.dataframe as dd
import pandas as pd
from dask_cases import officer_months, write_csv

import assesskit
from assesskit.dask import (
    history_missing_column,
    read_input,
    rollup_dataframes,
    score_dataframe,
)
from assesskit.history import History, HistoryEntry
from assesskit.io.inputs import read_input as read_plain
from assesskit.pipeline import score_records

pytestmark = pytest.mark.dask

OFFICER = assesskit.get_scheme("microloan.loan-officer")


def _exact_history(
    records: list[dict[str, str]], history: History | None = None
) -> dict[tuple[str, str], tuple[bool, list[str], str | None]]:
    run = score_records(OFFICER, records, history)
    out = {}
    for result in run.results:
        notes = [n.en for n in result.notes if "could not be checked" in n.en]
        missing = None
        if notes:
            missing = notes[0].removeprefix("history for ").split(" missing")[0].replace(", ", ";")
        out[(result.entity_id or "", str(result.period))] = (
            result.outcome["dismissal"],
            result.outcome["dismissal_trigger"],
            missing,
        )
    return out


def _dask_history(frame: pd.DataFrame) -> dict[tuple[str, str], tuple[bool, list[str], str | None]]:
    column = history_missing_column("dismissal")
    return {
        (row["entity_id"], row["period"]): (
            bool(row["dismissal"]),
            list(row["dismissal_trigger"]),
            None if row[column] is pd.NA else row[column],
        )
        for row in frame.to_dict("records")
    }


def test_an_entitys_months_in_different_partitions_see_each_other(client: Any) -> None:
    # 40 officers × 9 months, shuffled: each officer's months sit in several of 6 partitions
    rows = officer_months(entities=40, months=9, seed=21)
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=6, sort=False)
    first = frame.get_partition(0).compute()["entity_id"]
    last = frame.get_partition(5).compute()["entity_id"]
    assert set(first) & set(last)  # the same officers in the first and the last partition
    scored = score_dataframe(OFFICER, frame).compute()
    got = _dask_history(scored)
    want = _exact_history(rows)
    assert got == want
    fired = [k for k, v in want.items() if v[0]]
    assert fired  # some officers are dismissed, and only through months of other partitions
    assert any(v[2] for v in want.values())  # and the first months have a note


def test_earlier_months_from_a_history(client: Any) -> None:
    # months 1-3 scored earlier (their published results are the history), 4-9 now
    rows = officer_months(entities=25, months=9, seed=4)
    earlier_rows = [r for r in rows if r["period"] <= "2025-03"]
    now_rows = [r for r in rows if r["period"] > "2025-03"]
    history = History(HistoryEntry.from_result(OFFICER.score(r)) for r in earlier_rows)
    frame = dd.from_pandas(pd.DataFrame(now_rows), npartitions=4, sort=False)
    scored = score_dataframe(OFFICER, frame, earlier=history).compute()
    assert _dask_history(scored) == _exact_history(now_rows, history)
    # April sees January to March: no April row misses history
    april = scored[scored["period"] == "2025-04"]
    assert april[history_missing_column("dismissal")].isna().all()


def test_without_history_nothing_is_shuffled_and_no_rule_fires(client: Any, tmp_path: Path) -> None:
    rows = officer_months(entities=10, months=4, seed=8)
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=3, sort=False)
    scored = score_dataframe(OFFICER, frame, history=False).compute()
    # input order kept (no shuffle), and no column claims a history decision
    assert list(scored["entity_id"]) == [r["entity_id"] for r in rows]
    assert "dismissal" not in scored
    assert history_missing_column("dismissal") not in scored
    assert "total" in scored
    from assesskit.dask import Output, score_files

    source = read_input([str(write_csv(tmp_path / "in.csv", rows))])
    written = score_files(OFFICER, source, Output.of(str(tmp_path / "out.parquet")), history=False)
    assert pd.read_parquet(written.files[0]).columns.tolist() == scored.columns.tolist()


def _exact_rollups(scheme_id: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    run = score_records(assesskit.get_scheme(scheme_id), records)
    return [
        {
            "unit_id": r.unit_id,
            "level": r.level,
            "year": str(r.period),
            "total": None if r.total is None else float(r.total),
            "band": r.band,
            "members": r.members,
            **{f"band_counts.{k}": v for k, v in r.band_counts.items()},
            "method": r.method,
        }
        for r in run.rollups
    ]


def _dask_rollups(scheme_id: str, frame: dd.DataFrame) -> list[dict[str, Any]]:
    scheme = assesskit.get_scheme(scheme_id)
    results = score_dataframe(scheme, frame)
    (rollup,) = rollup_dataframes(scheme, results)
    table = rollup.compute().sort_values(["unit_id", "year"])
    return [
        {k: (None if v is pd.NA else v) for k, v in row.items()} for row in table.to_dict("records")
    ]


@pytest.mark.parametrize(
    ("scheme_id", "name"),
    [("relocation.county", "counties.csv"), ("relocation.prefecture", "prefectures.csv")],
)
def test_rollups_of_the_examples_equal_roll_up(client: Any, scheme_id: str, name: str) -> None:
    path = RELOCATION / name
    records = [dict(r.values) for r in read_plain(str(path)).records]
    source = read_input([str(path)], blocksize=path.stat().st_size // 3)
    got = _dask_rollups(scheme_id, source.frame)
    assert got == _exact_rollups(scheme_id, records)
    assert got  # at least one unit


def test_every_weight_zero_falls_back_to_the_plain_mean(client: Any) -> None:
    path = RELOCATION / "counties.csv"
    records = [dict(r.values) for r in read_plain(str(path)).records]
    for record in records:
        record["relocated_households"] = "0"
        for name in ("eligible_households", "moved_in_households",
                     "housing_completed_households"):  # fmt: skip
            record[name] = "0"
    frame = dd.from_pandas(pd.DataFrame(records), npartitions=3, sort=False)
    got = _dask_rollups("relocation.county", frame)
    want = _exact_rollups("relocation.county", records)
    assert got == want
    # the plain mean of the prefecture-stage totals, rounded half-up
    scheme = assesskit.get_scheme("relocation.county")
    prefecture = [
        r for r in score_records(scheme, records).results if r.fields["stage"] == "prefecture"
    ]
    mean = sum((r.total for r in prefecture), Decimal(0)) / len(prefecture)
    assert Decimal(str(got[0]["total"])) == mean.quantize(Decimal("0.01"), "ROUND_HALF_UP")


def test_roll_up_output_files_are_written_beside_the_results(client: Any, tmp_path: Path) -> None:
    from assesskit.dask import Output, score_files

    path = RELOCATION / "counties.csv"
    written = score_files(
        assesskit.get_scheme("relocation.county"),
        read_input([str(path)]),
        Output.of(str(tmp_path / "counties-scored.csv")),
    )
    assert [Path(f).name for f in written.rollup_files] == [
        "counties-scored.rollups.prefecture.csv"
    ]
    table = pd.read_csv(written.rollup_files[0], dtype=str, encoding="utf-8-sig")
    records = [dict(r.values) for r in read_plain(str(path)).records]
    want = _exact_rollups("relocation.county", records)
    assert list(table["total"]) == [f"{w['total']:.2f}" for w in want]
