"""Fixtures of the Dask tests: one small local cluster (2 workers, threads) for the session.

Every test that needs Dask is marked ``dask`` (deselect with ``-m "not dask"``)
and skipped when the ``dask`` extra is not installed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "dask: needs the dask extra and a local Dask cluster")


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    """A ``distributed.Client`` of a local cluster of 2 single-thread workers in this process."""
    distributed = pytest.importorskip("distributed")
    # A shuffle logs at WARNING when it starts and ends: expected here, not news.
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()
