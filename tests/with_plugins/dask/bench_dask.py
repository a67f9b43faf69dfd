"""Benchmark of the Dask engine: throughput against workers, and where the time goes.

Not a test (pytest does not collect ``bench_*.py``). Run it by hand::

    python tests/with_plugins/dask/bench_dask.py --rows 1000000

It writes generated ``microloan.loan-officer`` months (a fixed seed; about a
third vetoed) as Parquet and CSV files into a temporary directory, then
measures, each the median of ``--repeat`` runs:

1. ``score_batch`` on the whole input in this process (numpy columns): the
   single-core floor the engine starts from;
2. one partition through each step of a task (read, read as columns,
   ``score_batch``, history, result frame, Parquet bytes): where a task's
   time goes;
3. :func:`assesskit.dask.score_files` on a local cluster of 1 and 2 worker
   processes (after one warm-up run: worker imports are not counted):
   Parquet in and out without history (no shuffle), with history (shuffle
   by entity), and CSV in and out; with the share of the workers' time that
   they were busy, and how that busy time splits between reading,
   shuffling, scoring and writing (from Dask's task stream).

Figures go to standard output as a Markdown table for ``docs/dask.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import assesskit
from assesskit.dask import Layout, Output, Plan, cluster_client, read_input, score_files
from assesskit.dask._frame import input_columns
from assesskit.dask._io import parquet_bytes
from assesskit.scoring.history_batch import apply_history_batch

SCHEME = "microloan.loan-officer"


def generate(rows: int, seed: int = 20261128) -> pd.DataFrame:
    """Loan-officer months: 12 months per officer, income in whole yuan, ratios to 4 decimals."""
    rng = np.random.default_rng(seed)
    officers = max(1, rows // 12)
    entity = np.repeat(np.arange(officers), 12)[:rows]
    month = np.tile(np.arange(12), officers)[:rows]
    size = len(entity)
    loss = np.where(
        rng.random(size) < 0.2, rng.integers(101, 300, size), rng.integers(0, 100, size)
    )
    overdue = np.where(rng.random(size) < 0.15, rng.integers(1501, 3000, size),
                       rng.integers(0, 1500, size))  # fmt: skip
    frame = pd.DataFrame(
        {
            "entity_id": pd.Series([f"LO-{e:07d}" for e in entity], dtype="str"),
            "period": pd.Series([f"2025-{m + 1:02d}" for m in month], dtype="str"),
            "business_income": rng.integers(20_000, 160_000, size).astype(np.float64),
            "loan_loss_rate": loss / 10_000,
            "overdue_ratio": overdue / 10_000,
            "discipline_score": rng.choice([40.0, 55.0, 60.0, 72.0, 85.0, 97.0], size),
            "standard_salary": rng.choice([6150.0, 8500.5, np.nan], size),
        }
    )
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def median_time(step: Callable[[], Any], repeat: int) -> float:
    """The median wall time of *repeat* runs of *step*, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def task_steps(table: pd.DataFrame, rows: int, repeat: int) -> list[tuple[str, float]]:
    """Seconds per million rows of each step of one task, on one partition of *rows*."""
    scheme = assesskit.get_scheme(SCHEME)
    part = table.iloc[:rows].copy()
    text = part.astype(str).replace("nan", "")
    columns: dict[str, Any] = {}
    batch: Any = None
    frame: Any = None
    plan = Plan(scheme, Layout.of(scheme), history=True)

    def convert() -> None:
        nonlocal columns
        columns = input_columns(scheme, part)

    def convert_text() -> None:
        input_columns(scheme, text)

    def score() -> None:
        nonlocal batch
        batch = scheme.score_batch(columns)

    def history() -> None:
        apply_history_batch(scheme, batch, columns)

    def whole_task() -> None:
        nonlocal frame
        from assesskit.dask import score_partition

        frame = score_partition(plan, part).frame

    def write() -> None:
        parquet_bytes(plan.layout, frame)

    per_million = 1_000_000 / rows
    steps = [
        ("read typed columns (Parquet partition → score_batch columns)", convert),
        ("read text columns (CSV partition → score_batch columns)", convert_text),
        ("score_batch", score),
        ("history rules (apply_history_batch)", history),
        ("whole task: validate, score, history, result frame", whole_task),
        ("result frame → Parquet bytes", write),
    ]
    out = []
    for name, step in steps:
        out.append((name, median_time(step, repeat) * per_million))
    return out


@dataclasses.dataclass
class ClusterRun:
    """One case on one cluster: throughput, and the workers' busy time by kind of task."""

    case: str
    workers: int
    rows_per_second: float
    wall: float
    busy: dict[str, float]


def _kind(key: Any) -> str:
    name = str(key[0] if isinstance(key, tuple) else key)
    if name.startswith("assesskit-score"):
        return "score"
    prefixes = (
        ("read", "read"),
        ("_read_piece", "read"),
        ("_tag_csv", "read"),
        ("_write_part", "write"),
        ("shuffle", "shuffle"),
        ("p2pshuffle", "shuffle"),
    )
    for prefix, kind in prefixes:
        if name.startswith(prefix):
            return kind
    return "other"


def cluster_runs(folder: Path, workers: int, repeat: int, rows: int) -> list[ClusterRun]:
    """Each case on a local cluster of *workers* processes: one warm-up run, then timed runs."""
    from distributed import get_task_stream

    scheme = assesskit.get_scheme(SCHEME)
    out = []
    with cluster_client(None, workers) as client:
        cases = [
            ("Parquet → Parquet, no history (no shuffle)", "parquet", False),
            ("Parquet → Parquet, history (shuffle by entity)", "parquet", True),
            ("CSV → CSV, history (shuffle by entity)", "csv", True),
        ]
        for name, fmt, history in cases:
            source = read_input([str(folder / f"in-*.{fmt}")])
            target = Output.of(f"{folder / ('out-' + fmt)}/", fmt)  # type: ignore[arg-type]

            def step(source: Any = source, target: Any = target, history: bool = history) -> None:
                score_files(scheme, source, target, history=history)

            step()  # warm-up: imports and plugin loading in each worker
            seconds = median_time(step, repeat)
            with get_task_stream(client) as stream:
                start = time.perf_counter()
                step()
                wall = time.perf_counter() - start
            busy: dict[str, float] = {}
            for task in stream.data:
                for span in task["startstops"]:
                    kind = _kind(task["key"]) if span["action"] == "compute" else span["action"]
                    busy[kind] = busy.get(kind, 0.0) + span["stop"] - span["start"]
            out.append(ClusterRun(name, workers, rows / seconds, wall, busy))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=8, help="input files (one partition each)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    table = generate(args.rows)
    scheme = assesskit.get_scheme(SCHEME)
    print(f"# {args.rows:,} records of {SCHEME}; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")  # fmt: skip
    columns = {name: table[name].to_numpy() for name in table.columns}
    floor = median_time(lambda given=columns: scheme.score_batch(given), args.repeat)
    print(f"\nscore_batch in this process: {args.rows / floor:,.0f} rows/s")
    del columns  # a million text objects slow the garbage collector of the scheduler
    print("\n| step of one task | seconds per million rows |\n| --- | ---: |")
    for name, seconds in task_steps(table, min(args.rows, 250_000), args.repeat):
        print(f"| {name} | {seconds:.2f} |")
    gc.collect()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        bounds = np.linspace(0, len(table), args.files + 1).astype(int)
        for number, (start, stop) in enumerate(itertools.pairwise(bounds.tolist())):
            chunk = table.iloc[start:stop]
            chunk.to_parquet(folder / f"in-{number}.parquet", index=False)
            chunk.to_csv(folder / f"in-{number}.csv", index=False)
        kinds = ("read", "shuffle", "score", "write")
        print("\n| case | workers | rows/s | speed-up | busy | "
              + " | ".join(kinds) + " |\n| --- |" + " ---: |" * (4 + len(kinds)))  # fmt: skip
        single: dict[str, float] = {}
        for workers in (1, 2):
            for run in cluster_runs(folder, workers, args.repeat, args.rows):
                single.setdefault(run.case, run.rows_per_second)
                total = sum(run.busy.values())
                shares = " | ".join(f"{run.busy.get(k, 0.0) / total:.0%}" for k in kinds)
                print(
                    f"| {run.case} | {run.workers} | {run.rows_per_second:,.0f} | "
                    f"{run.rows_per_second / single[run.case]:.2f}× | "
                    f"{total / run.wall / run.workers:.0%} | {shares} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
