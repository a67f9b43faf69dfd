"""The Dask engine gives the very numbers of ``score_batch`` on the same records.

Every example file of every scheme family, and generated loan-officer months
spread over several partitions, CSV and Parquet, one file or one per
partition: each result column equals the ``BatchResult`` array of
``Scheme.score_batch`` on the same records (history outcomes equal
``apply_history_batch``, which the history tests hold to the exact path).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

import dask.dataframe as dd
import pandas as pd
from dask_cases import EXAMPLE_FILES, officer_months, text_columns, write_csv

import assesskit
from assesskit import Scheme
from assesskit.dask import Layout, Output, read_input, score_dataframe, score_files
from assesskit.io.inputs import read_input as read_plain
from assesskit.periods import Period
from assesskit.scoring.history_batch import apply_history_batch

pytestmark = pytest.mark.dask


def _key(row: Mapping[str, Any], scheme: Scheme) -> tuple[str, str, str | None]:
    stage = row.get("stage") if scheme.stages else None
    period = str(Period.parse(row[scheme.period_field]))
    return (str(row["entity_id"]), period, None if _none(stage) else str(stage))


def _none(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _same(got: Any, want: Any) -> bool:
    if _none(got) or _none(want):
        return _none(got) and _none(want)
    if isinstance(want, list | np.ndarray):
        return list(got) == list(want)
    return bool(got == want)


def assert_equals_batch(
    scheme: Scheme, frame: pd.DataFrame, records: Sequence[Mapping[str, Any]]
) -> None:
    """Each row of *frame* carries the ``score_batch`` values of its record, and only those."""
    columns = text_columns(records)
    batch = scheme.score_batch(columns)
    outcomes = dict(batch.outcomes)
    if scheme.history_rules:
        outcomes = dict(apply_history_batch(scheme, batch, columns).result.outcomes)
    rows = {_key(r, scheme): i for i, r in enumerate(records)}
    assert len(frame) == len(records)
    seen = set()
    for got in frame.to_dict("records"):
        key = _key(got, scheme)
        assert key not in seen, key
        seen.add(key)
        row = rows[key]
        for column in Layout.of(scheme).columns:
            if column.source == "total":
                want: Any = batch.total[row]
            elif column.source == "band":
                want = batch.band[row]
            elif column.source == "vetoed":
                want = batch.vetoed[row]
            elif column.source == "component":
                want = batch.components[column.key][row]
            elif column.source in ("outcome", "history", "triggers"):
                want = outcomes[column.key][row]
            else:
                continue
            assert _same(got[column.name], want), (key, column.name, got[column.name], want)
    assert seen == set(rows)


def _plain_records(path: Path) -> list[dict[str, Any]]:
    return [dict(r.values) for r in read_plain(str(path)).records]


@pytest.mark.parametrize("scheme_id", sorted(EXAMPLE_FILES))
def test_every_example_file_scores_as_score_batch(client: Any, scheme_id: str) -> None:
    scheme = assesskit.get_scheme(scheme_id)
    path = EXAMPLE_FILES[scheme_id]
    # three or four partitions, whatever the size of the file
    source = read_input([str(path)], blocksize=path.stat().st_size // 3)
    assert source.frame.npartitions >= 3
    frame = score_dataframe(scheme, source.frame).compute()
    assert_equals_batch(scheme, frame, _plain_records(path))


def test_generated_months_over_many_partitions_score_as_score_batch(
    client: Any, tmp_path: Path
) -> None:
    scheme = assesskit.get_scheme("microloan.loan-officer")
    rows = officer_months(entities=60, months=8, seed=9)
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=7)
    scored = score_dataframe(scheme, frame).compute()
    assert_equals_batch(scheme, scored, rows)
    # about a third vetoed, and some dismissals: the data exercises every rule
    assert 0.2 < scored["vetoed"].mean() < 0.6
    assert scored["dismissal"].any()


def test_float_columns_score_as_score_batch(client: Any) -> None:
    # numbers typed as float64 (as in a Parquet file): a float means its shortest repr
    scheme = assesskit.get_scheme("microloan.loan-officer")
    rows = officer_months(entities=20, months=4, seed=3)
    table = pd.DataFrame(rows)
    numeric = ["business_income", "loan_loss_rate", "overdue_ratio", "discipline_score"]
    table[numeric] = table[numeric].astype("float64")
    table["standard_salary"] = pd.to_numeric(table["standard_salary"]).astype("float64")
    scored = score_dataframe(scheme, dd.from_pandas(table, npartitions=3)).compute()
    assert_equals_batch(scheme, scored, rows)


def test_csv_and_parquet_files_in_and_out_give_the_same_results(
    client: Any, tmp_path: Path
) -> None:
    scheme = assesskit.get_scheme("microloan.loan-officer")
    rows = officer_months(entities=40, months=6, seed=5)
    write_csv(tmp_path / "a.csv", rows[:100])
    write_csv(tmp_path / "b.csv", rows[100:])
    source = read_input([str(tmp_path / "*.csv")], blocksize=2000)
    assert source.frame.npartitions >= 4
    one_csv = score_files(scheme, source, Output.of(str(tmp_path / "out.csv")))
    assert one_csv.records == len(rows)
    from_csv = pd.read_csv(one_csv.files[0], dtype=str, keep_default_na=False)
    assert len(from_csv) == len(rows)

    # the same records as Parquet, two files, results written one file per partition
    table = pd.DataFrame(rows)
    table.iloc[:120].to_parquet(tmp_path / "p1.parquet")
    table.iloc[120:].to_parquet(tmp_path / "p2.parquet")
    parquet = read_input([str(tmp_path / "p*.parquet")])
    parts = score_files(scheme, parquet, Output.of(f"{tmp_path / 'out-parquet'}/"))
    assert len(parts.files) == parts.partitions > 1
    from_parquet = pd.read_parquet(tmp_path / "out-parquet")
    assert_equals_batch(scheme, from_parquet, rows)
    # both outputs hold the same totals, as text with 2 decimals in CSV
    keys = zip(from_parquet.entity_id, from_parquet.period, strict=True)
    by_key = dict(zip(keys, from_parquet.total, strict=True))
    for entity, period, total in zip(
        from_csv.entity_id, from_csv.period, from_csv.total, strict=True
    ):
        assert f"{by_key[(entity, period)]:.2f}" == total


def test_one_file_per_partition_by_pattern(client: Any, tmp_path: Path) -> None:
    scheme = assesskit.get_scheme("microloan.cashier")
    path = EXAMPLE_FILES["microloan.cashier"]
    source = read_input([str(path)], blocksize=200)
    written = score_files(scheme, source, Output.of(str(tmp_path / "cashier-*.csv")))
    assert [Path(f).name for f in written.files] == [
        f"cashier-{n}.csv" for n in range(written.partitions)
    ]
    # every file is a CSV of its own (header and BOM), and together they hold every record
    frames = [pd.read_csv(f, dtype=str, encoding="utf-8-sig") for f in written.files]
    assert sum(len(f) for f in frames) == len(_plain_records(path))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_stage_fields_and_comparisons_equal_the_pipeline(client: Any) -> None:
    from assesskit.pipeline import score_records

    scheme = assesskit.get_scheme("relocation.county")
    path = EXAMPLE_FILES["relocation.county"]
    records = _plain_records(path)
    source = read_input([str(path)], blocksize=path.stat().st_size // 4)
    frame = score_dataframe(scheme, source.frame).compute()
    by_key = {_key(row, scheme): row for row in frame.to_dict("records")}
    names = ("stage", "assessed_on", "late", "early")
    outcomes = ("self_check_missing", "self_check_gap", "inflated_self_check")
    flagged = 0
    for result in score_records(scheme, records).results:
        row = by_key[(result.entity_id or "", str(result.period), result.fields["stage"])]
        for name in names:
            want = result.fields[name]
            assert _same(row[name], want if isinstance(want, bool | None) else str(want)), name
        for name in outcomes:
            want = result.outcome.get(name)
            assert _same(row[name], None if want is None else type(row[name])(want)), name
        flagged += bool(result.outcome.get("inflated_self_check"))
    assert flagged  # the example has an inflated self-check (gap above 10)
