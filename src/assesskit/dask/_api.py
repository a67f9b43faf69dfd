"""Typed doors to the parts of Dask's API that carry no annotations (for mypy strict)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import dask
import dask.base
import dask.dataframe as dd
from dask.delayed import Delayed

__all__ = [
    "compute",
    "from_map",
    "map_partitions",
    "new_client",
    "new_local_cluster",
    "shuffle_method",
    "to_delayed",
]


def map_partitions(
    frame: dd.DataFrame | dd.Series, func: Callable[..., Any], *args: Any, meta: Any, **kw: Any
) -> Any:
    """``frame.map_partitions(func, *args, meta=meta, **kw)``: a Dask DataFrame or Series."""
    return frame.map_partitions(func, *args, meta=meta, **kw)  # type: ignore[no-untyped-call]


def to_delayed(frame: dd.DataFrame | dd.Series) -> list[Delayed]:
    """One Delayed per partition of *frame*."""
    parts: list[Delayed] = frame.to_delayed()  # type: ignore[no-untyped-call]
    return parts


def compute(*collections: Any) -> tuple[Any, ...]:
    """Compute Dask collections together (shared tasks run once)."""
    done: tuple[Any, ...] = dask.base.compute(*collections)  # type: ignore[no-untyped-call]
    return done


def from_map(func: Callable[..., Any], *iterables: Iterable[Any], meta: Any) -> dd.DataFrame:
    """A Dask DataFrame with one partition per ``func(*items)``."""
    frame: dd.DataFrame = dd.from_map(  # type: ignore[no-untyped-call]
        func, *iterables, meta=meta, enforce_metadata=False
    )
    return frame


def new_client(address: Any, **kw: Any) -> Any:
    """``distributed.Client(address, **kw)``."""
    from distributed import Client

    return Client(address, **kw)  # type: ignore[no-untyped-call]


def new_local_cluster(**kw: Any) -> Any:
    """``distributed.LocalCluster(**kw)``."""
    from distributed import LocalCluster

    return LocalCluster(**kw)  # type: ignore[no-untyped-call]


def shuffle_method() -> str:
    """``p2p`` when a distributed client will run the graph, else ``tasks``.

    Dask picks a shuffle method when the graph is built, from whether a
    client exists; a graph built next to a client but computed with another
    scheduler (``dask.config.set(scheduler="sync")``) then fails. Asking
    which scheduler is configured avoids that.
    """
    local = ("sync", "synchronous", "single-threaded", "threads", "threading", "processes")
    if dask.config.get("scheduler", None) in local:
        return "tasks"
    try:
        from distributed import default_client
    except ImportError:  # pragma: no cover - distributed comes with the extra
        return "tasks"
    try:
        default_client()  # type: ignore[no-untyped-call]
    except ValueError:
        return "tasks"
    return "p2p"
