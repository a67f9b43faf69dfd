"""Progress on stderr for long runs, only when stderr is a terminal.

With ``rich`` installed (``assesskit[progress]``) a progress bar, otherwise a
plain counter; never anything when stderr is a file or a pipe, so logs and
captured output stay clean.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TextIO

__all__ = ["MIN_RECORDS", "progress", "wants_progress"]

#: Inputs with fewer records are scored without progress (they take a moment).
MIN_RECORDS = 2000

Callback = Callable[[int, int], None]


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def wants_progress(stream: TextIO) -> bool:
    """Whether progress would be shown on *stream* (a terminal) for a large input."""
    return _is_terminal(stream)


@contextlib.contextmanager
def progress(stream: TextIO, total: int, label: str) -> Iterator[Callback | None]:
    """A callback ``(done, total)`` that shows progress on *stream*, or ``None`` when silent."""
    if total < MIN_RECORDS or not _is_terminal(stream):
        yield None
        return
    try:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
    except ImportError:
        with _counter(stream, label) as callback:
            yield callback
        return
    with Progress(
        f"[progress.description]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int, _total: int) -> None:
            bar.update(task, completed=done)

        yield update


@contextlib.contextmanager
def _counter(stream: TextIO, label: str) -> Iterator[Callback]:
    shown = [""]

    def update(done: int, total: int) -> None:
        step = max(1, total // 100)
        if done % step == 0 or done == total:
            shown[0] = f"\r{label} {done}/{total}"
            stream.write(shown[0])
            stream.flush()

    try:
        yield update
    finally:
        if shown[0]:
            stream.write("\r" + " " * len(shown[0]) + "\r")
            stream.flush()
