"""Exit statuses and the error for mistakes a user can fix on the command line."""

from __future__ import annotations

from assesskit.errors import AssesskitError

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USER_ERROR", "UsageError"]

#: Success.
EXIT_OK = 0
#: ``assesskit lint`` found a problem (or an internal error happened).
EXIT_FINDINGS = 1
#: Anything the user can fix: bad data, unknown scheme, bad parameter, unreadable file.
EXIT_USER_ERROR = 2


class UsageError(AssesskitError, ValueError):
    """A command-line mistake the user can fix (a malformed ``--param``, no such record...)."""
