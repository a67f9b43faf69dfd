"""A worker killed mid-run loses no result and writes none twice.

A real failure, not a mock: a worker plugin ends its worker's process
(``os._exit``) as it starts its first scoring task, on a local cluster of
two nanny-managed worker processes. The nanny starts a new worker, the
scheduler runs the lost tasks again (including results the dead worker
held in memory, and the shuffle that brought an entity's months together),
and each partition file is written whole through a rename, so a rerun
replaces it. Every record must come out exactly once, with the values of
``score_batch``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

import cloudpickle  # noqa: E402
import dask_kill  # noqa: E402
import pandas as pd  # noqa: E402
from dask_cases import officer_months, write_csv  # noqa: E402
from dask_kill import KillOnce  # noqa: E402

import assesskit  # noqa: E402
from assesskit.dask import Output, read_input, score_files  # noqa: E402

pytestmark = pytest.mark.dask


@pytest.fixture
def nanny_client() -> Iterator[Any]:
    """Two single-thread worker processes, each watched by a nanny that restarts it."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(
    nanny_client: Any, tmp_path: Path
) -> None:
    cloudpickle.register_pickle_by_value(dask_kill)  # the plugin travels to the workers
    before = set(nanny_client.run(os.getpid).values())
    marker = tmp_path / "killed"
    nanny_client.register_plugin(KillOnce(str(marker)))

    scheme = assesskit.get_scheme("microloan.loan-officer")
    rows = officer_months(entities=50, months=6, seed=17)
    path = write_csv(tmp_path / "officers.csv", rows)
    source = read_input([str(path)], blocksize=path.stat().st_size // 6)
    with nanny_client.as_current():  # not the in-process cluster of the other tests
        written = score_files(scheme, source, Output.of(f"{tmp_path / 'scored'}/"))

    assert marker.exists(), "no worker was killed: the test proved nothing"
    killed_pid = int(marker.read_text().split()[0])
    assert killed_pid in before
    nanny_client.wait_for_workers(2, timeout=30)
    assert killed_pid not in set(nanny_client.run(os.getpid).values())

    scored = pd.read_parquet(tmp_path / "scored")
    keys = list(zip(scored["entity_id"], scored["period"], strict=True))
    assert len(keys) == len(set(keys)) == len(rows) == written.records
    columns = {k: [r[k] or None for r in rows] for k in rows[0]}
    batch = scheme.score_batch(columns)
    row_of = {(r["entity_id"], r["period"]): i for i, r in enumerate(rows)}
    totals = [batch.total[row_of[k]] for k in keys]
    assert scored["total"].tolist() == totals
