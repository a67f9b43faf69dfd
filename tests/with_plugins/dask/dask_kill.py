"""A worker plugin that kills its worker once: a real failure for the Dask engine's tests."""

from __future__ import annotations

import os
from typing import Any

from distributed import WorkerPlugin


class KillOnce(WorkerPlugin):  # type: ignore[misc]
    """A Dask worker plugin that kills its worker process when it starts a scoring task.

    Only the first time on the whole cluster (a marker file decides): the
    process ends at once (``os._exit``), like a machine lost mid-run, with
    the results it held in memory. Its nanny starts a new worker; the
    scheduler runs the lost tasks again.
    """

    name = "assesskit-kill-once"

    def __init__(self, marker: str, prefix: str = "assesskit-score") -> None:
        self.marker = marker
        self.prefix = prefix

    def setup(self, worker: Any) -> None:
        self.worker = worker

    def teardown(self, worker: Any) -> None:
        pass

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        name = key[0] if isinstance(key, tuple) else key
        if finish != "executing" or not str(name).startswith(self.prefix):
            return
        try:
            handle = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(handle, f"{os.getpid()} {key}".encode())
        os.close(handle)
        os._exit(1)
