"""Running plugin code so that it cannot end, or hang, the program that calls it.

Plugin code — importing a plugin's module, calling its hooks, building one
of its schemes — may raise anything, ``SystemExit`` included, or never
return. :func:`run_plugin_code` runs it in a daemon thread and waits at
most :func:`plugin_time_limit` seconds (``ASSESSKIT_PLUGIN_TIMEOUT``,
default 30; ``0`` or ``inf`` waits for ever, in the calling thread). Whatever it
raises, or its not finishing in time, comes back as :class:`PluginCodeFailed`;
only ``KeyboardInterrupt`` (the user's Ctrl-C) goes through. A thread that
does not finish is abandoned: it cannot be stopped, but it no longer holds
anything up, and it ends with the process. While plugin code runs, what it
prints goes to standard error (never into results on standard output), it
cannot close the process's streams, and the warning filters it changes are
restored. A plugin that calls
``os._exit`` or crashes the interpreter cannot be contained this way.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import TextIO, TypeVar

__all__ = [
    "DEFAULT_LIMIT",
    "LIMIT_ENV",
    "PluginCodeFailed",
    "plugin_time_limit",
    "run_plugin_code",
    "safe_text",
]

T = TypeVar("T")

#: The environment variable with the time limit of plugin code, in seconds.
LIMIT_ENV = "ASSESSKIT_PLUGIN_TIMEOUT"
#: Seconds plugin code may take when the environment says nothing.
DEFAULT_LIMIT = 30.0


class PluginCodeFailed(Exception):  # noqa: N818 - says what happened, like TimeoutError
    """Plugin code raised, exited or ran out of time; the message says which, in words."""


def plugin_time_limit() -> float | None:
    """Seconds plugin code may take (``None``: no limit), from ``ASSESSKIT_PLUGIN_TIMEOUT``.

    A value that is not a number falls back to :data:`DEFAULT_LIMIT`.
    """
    raw = os.environ.get(LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_LIMIT
    try:
        seconds = float(raw)
    except ValueError:
        return DEFAULT_LIMIT
    if seconds != seconds:  # NaN
        return DEFAULT_LIMIT
    if seconds <= 0 or seconds >= threading.TIMEOUT_MAX:  # "inf" and the like: no limit
        return None
    return seconds


def safe_text(value: object, *, use_repr: bool = False) -> str:
    """``str`` (or ``repr``) of a plugin's object, or its type's name if that raises."""
    try:
        text = repr(value) if use_repr else str(value)
    except Exception:  # an object whose __str__ raises cannot hide the failure it reports
        return f"<{type(value).__name__}>"
    return text


def _describe(error: BaseException) -> str:
    if isinstance(error, SystemExit):
        return f"it called sys.exit({safe_text(error.code, use_repr=True)})"
    return safe_text(error) or type(error).__name__


class _Guarded(io.TextIOBase):
    """Standard output or error while plugin code runs: text goes to standard error.

    A plugin that prints would mix its text into results written to standard
    output; one that closes a stream would leave nothing to write to.
    """

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        with contextlib.suppress(Exception):
            self._target.write(text)
        return len(text)

    def flush(self) -> None:
        with contextlib.suppress(Exception):
            self._target.flush()

    def close(self) -> None:
        pass  # the process's streams are not the plugin's to close

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", None) or "utf-8"


@contextlib.contextmanager
def _guarded() -> Iterator[None]:
    """Streams and warning filters as they were, whatever the plugin code does to them."""
    out, err = sys.stdout, sys.stderr
    filters = list(warnings.filters)
    show = warnings.showwarning
    guard = _Guarded(err)
    sys.stdout = sys.stderr = guard
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
        warnings.filters[:] = filters  # type: ignore[index]
        warnings.showwarning = show
        warnings._filters_mutated()  # type: ignore[attr-defined]


def run_plugin_code(work: Callable[[], T], limit: float | None = None) -> T:
    """Return ``work()``; raise :class:`PluginCodeFailed` if it raises, exits or takes too long.

    *limit* defaults to :func:`plugin_time_limit`.
    """
    seconds = plugin_time_limit() if limit is None else limit
    with _guarded():
        return _run(work, seconds)


def _run(work: Callable[[], T], seconds: float | None) -> T:
    if seconds is None:
        try:
            return work()
        except KeyboardInterrupt:
            raise
        except BaseException as error:
            raise PluginCodeFailed(_describe(error)) from error
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=target, name="assesskit-plugin", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise PluginCodeFailed(
            f"it did not finish within {seconds:g} s (set {LIMIT_ENV} to allow longer)"
        )
    if "error" in box:
        raised = box["error"]
        assert isinstance(raised, BaseException)
        raise PluginCodeFailed(_describe(raised)) from raised
    return box["value"]  # type: ignore[return-value]
