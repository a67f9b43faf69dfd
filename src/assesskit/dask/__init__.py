"""Scoring on Dask: data larger than one machine, on a local or a remote cluster.

Needs the ``dask`` extra (``pip install 'assesskit[dask]'``: ``dask[dataframe]``,
``distributed`` and ``pyarrow``).

- :func:`score_dataframe`: score a Dask DataFrame with any scheme (``score_batch``
  on every partition); the results as a Dask DataFrame whose columns
  :class:`Layout` describes.
- :func:`rollup_dataframes`: the scheme's roll-ups with Dask's groupby.
- :func:`read_input`, :func:`score_files`: CSV or Parquet files in, results
  out per partition or as one file, in one pass, nothing written on error.
- :func:`run`: what ``assesskit score --engine dask [--scheduler ADDRESS]`` calls.

See ``docs/dask.md`` for when to use it and what it costs.
"""

from __future__ import annotations

try:
    import dask.dataframe  # noqa: F401
    import distributed  # noqa: F401
    import pyarrow  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(
        f"assesskit.dask needs the dask extra: pip install 'assesskit[dask]' ({exc})"
    ) from exc

from assesskit.dask._engine import FileScores, rollup_dataframes, score_dataframe, score_files
from assesskit.dask._io import MARKER, Input, Output, read_input
from assesskit.dask._layout import Layout, OutputColumn, history_missing_column
from assesskit.dask._partition import PartitionScores, Plan, score_partition
from assesskit.dask._run import cluster_client, run

__all__ = [
    "MARKER",
    "FileScores",
    "Input",
    "Layout",
    "Output",
    "OutputColumn",
    "PartitionScores",
    "Plan",
    "cluster_client",
    "history_missing_column",
    "read_input",
    "rollup_dataframes",
    "run",
    "score_dataframe",
    "score_files",
    "score_partition",
]
