"""``assesskit score --engine dask``: a cluster, files in, files out, every bad record reported."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import attrs

from assesskit.cli.common import load_scheme
from assesskit.cli.errors import EXIT_OK, UsageError
from assesskit.dask._api import new_client, new_local_cluster
from assesskit.dask._engine import score_files
from assesskit.dask._frame import TAG_COLUMNS
from assesskit.dask._io import Format, Input, Output, read_input
from assesskit.history import History
from assesskit.io.destination import protect
from assesskit.io.headers import HeaderReader
from assesskit.io.history_files import read_history
from assesskit.io.records import InputFileError
from assesskit.run.kept import kept_columns

__all__ = ["cluster_client", "run"]


@contextmanager
def cluster_client(
    scheduler: str | None = None, workers: int | None = None, *, timeout: str = "10s"
) -> Iterator[Any]:
    """A ``distributed.Client``: of the scheduler at *scheduler*, or of a new local cluster.

    The local cluster has *workers* worker processes (default: one per CPU)
    with one thread each; it is closed on exit. An address that cannot be
    reached within *timeout* is a :class:`~assesskit.cli.errors.UsageError`.
    """
    if scheduler is not None:
        try:
            client = new_client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:  # the current client of this context: dask.compute uses it
            yield client
        return
    cluster = new_local_cluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        # the cluster's own log lines (warnings, a worker's traceback when the run is
        # stopped) are not the user's business: problems come back as assesskit's errors
        silence_logs=logging.CRITICAL,
    )
    try:
        with new_client(cluster) as client:
            yield client
    finally:
        cluster.close()


def run(
    scheme_id: str,
    inputs: Sequence[str],
    output: str,
    *,
    scheduler: str | None = None,
    params: Sequence[str] = (),
    history: Sequence[str] = (),
    fmt: Format | None = None,
    encoding: str | None = None,
    workers: int | None = None,
    blocksize: int | str = "64MiB",
    note: Callable[[str], None] | None = None,
    force: bool = False,
    headers: HeaderReader | None = None,
    keep: Sequence[str] | None = None,
    excel: bool = False,
) -> int:
    """Score *inputs* (CSV or Parquet files, globs allowed) with *scheme_id* on Dask.

    *params* are ``KEY=VALUE`` pairs (as ``--param``), *history* earlier JSON
    outputs (as ``--history``), *output* a file, a directory (``out/``) or a
    pattern (``out-*.parquet``) as :class:`~assesskit.dask.Output` reads it,
    in *fmt* or the format its suffix names. *scheduler* is the address of a
    running Dask scheduler (``tcp://host:8786``); without one, a local
    cluster of *workers* processes is started and stopped. *note* receives
    what the user should know (history files of other parameters, results
    left out of a roll-up). The output never replaces an input or history
    file, a device, or files assesskit did not write; a read-only output
    file is replaced only with *force* (see :meth:`~assesskit.dask.Output.check`).

    As on the local engine: *headers* reads the input's columns as fields
    (labels, aliases, ``--map``; :mod:`assesskit.io.headers`); *keep* names the
    input columns written beside the results (``None``: every column the
    scheme does not read; see :mod:`assesskit.run.kept`); *excel* writes
    CSV cells that Excel would change as ``="2026-07"``.

    Returns 0 when every record was scored and written. Raises an
    :class:`~assesskit.errors.AssesskitError` for anything the user can fix,
    which the command line reports with exit status 2: bad records
    (:class:`~assesskit.io.located.BadRecordsError`, every one named, nothing
    written), an unknown scheme, a bad parameter, an unreadable file, a
    history clash, a scheduler that cannot be reached.
    """
    scheme = load_scheme(scheme_id, params).scheme
    tell = note or (lambda message: None)
    earlier = None
    if history:
        files = [read_history(path, scheme) for path in history]
        for item in files:
            if item.note:
                tell(item.note)
        earlier = History(entry for item in files for entry in item.entries)
    source = read_input(inputs, encoding=encoding, blocksize=blocksize)
    if headers is not None:
        source = _named(source, headers)
    columns = [str(name) for name in source.frame.columns if name not in TAG_COLUMNS]
    kept = kept_columns(scheme, [columns], keep)
    target = Output.of(output, fmt)
    if excel and target.format != "csv":
        raise UsageError("--excel shapes CSV output for Excel; parquet output needs no such care")
    guarded = [*protect(source.files, "input"), *protect(history, "history file")]
    target.check(guarded, force)  # before a cluster is started
    with cluster_client(scheduler, workers):
        try:
            scores = score_files(
                scheme,
                source,
                target,
                earlier=earlier,
                protected=guarded,
                force=force,
                kept=kept,
                excel=excel,
            )
        except UnicodeDecodeError as exc:
            raise InputFileError(
                [
                    f"input is not {encoding or 'UTF-8'} ({exc.reason}); give the encoding, "
                    "e.g. --encoding gb18030"
                ]
            ) from None
    for message in scores.notes:
        tell(message)
    return EXIT_OK


def _named(source: Input, headers: HeaderReader) -> Input:
    """*source* with its columns renamed to the fields they give (one header for every file).

    Raises :class:`InputFileError` when two columns give the same field.
    """
    shown = ", ".join(source.files[:3]) + (" ..." if len(source.files) > 3 else "")
    columns = [str(name) for name in source.frame.columns if name not in TAG_COLUMNS]
    match = headers(shown, columns)
    if match.problems:
        raise InputFileError(list(match.problems))
    if not match.fields:
        return source
    return attrs.evolve(source, frame=source.frame.rename(columns=match.fields))
