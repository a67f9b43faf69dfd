"""Signals that would kill a command end it the way Ctrl-C does: cleanly, nothing left behind.

SIGTERM, SIGHUP, SIGUSR1, SIGUSR2 and SIGALRM (whose default is to end the process).

By default a terminated Python process dies on the spot and leaves its
temporary files (a copy of standard input, a half-written output) where
they are. While a command runs, these signals raise :class:`Terminated`
instead, so every ``finally`` and ``with`` block removes what it made and
the command exits with the shell's usual status, 128 + the signal number.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["Terminated", "terminate_cleanly"]

_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGTERM", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM")
    if hasattr(signal, name)
)


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM, SIGHUP); ``signum`` says by which signal."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"terminated by signal {signum}")


@contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous = {number: signal.signal(number, stop) for number in _SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
