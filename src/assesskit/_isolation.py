"""Running plugin code so that it cannot end, or hang, the program that calls it.

Plugin code — importing a plugin's module, calling its hooks, building one
of its schemes — may raise anything, ``SystemExit`` included, or never
return. :func:`run_plugin_code` runs it in a daemon thread and waits at
most :func:`plugin_time_limit` seconds (``ASSESSKIT_PLUGIN_TIMEOUT``,
default 30; ``0`` waits for ever, in the calling thread). Whatever it
raises, or its not finishing in time, comes back as :class:`PluginCodeFailed`;
only ``KeyboardInterrupt`` (the user's Ctrl-C) goes through. A thread that
does not finish is abandoned: it cannot be stopped, but it no longer holds
anything up, and it ends with the process. A plugin that calls
``os._exit`` or crashes the interpreter cannot be contained this way.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["DEFAULT_LIMIT", "LIMIT_ENV", "PluginCodeFailed", "plugin_time_limit", "run_plugin_code"]

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
    return None if seconds <= 0 else seconds


def _describe(error: BaseException) -> str:
    if isinstance(error, SystemExit):
        return f"it called sys.exit({error.code!r})"
    return str(error) or type(error).__name__


def run_plugin_code(work: Callable[[], T], limit: float | None = None) -> T:
    """Return ``work()``; raise :class:`PluginCodeFailed` if it raises, exits or takes too long.

    *limit* defaults to :func:`plugin_time_limit`.
    """
    seconds = plugin_time_limit() if limit is None else limit
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
