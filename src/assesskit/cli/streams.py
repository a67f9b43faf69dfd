"""Standard output and error as the commands see them: failures become messages.

Standard output may be closed (``>&-``), full (``>/dev/full``) or gone (a
pipe whose reader left); standard error may be all of those too. Results
written to a closed or full standard output are an error the user can fix
(exit 2, "cannot write standard output: …"); a reader that left is not an
error at all (``BrokenPipeError`` goes through, see :func:`assesskit.cli.main`);
and a message that cannot reach standard error is dropped rather than
turning a refusal into a crash.
"""

from __future__ import annotations

import contextlib
import io
from typing import TextIO

from assesskit.io.destination import OutputPathError

__all__ = ["MessageStream", "ResultStream"]


class ResultStream(io.TextIOBase):
    """Standard output for results: writing to it fails with a message, never a traceback."""

    def __init__(self, target: TextIO | None) -> None:
        self.target = target

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"

    def _fail(self, error: Exception) -> OutputPathError:
        if isinstance(error, ValueError):  # "I/O operation on closed file"
            return OutputPathError("cannot write standard output: it is closed")
        reason = getattr(error, "strerror", None) or str(error)
        return OutputPathError(f"cannot write standard output: {reason}")

    def write(self, text: str) -> int:
        if self.target is None:
            raise OutputPathError("cannot write standard output: it is closed")
        try:
            return self.target.write(text)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            raise self._fail(error) from None

    def flush(self) -> None:
        if self.target is None:
            return
        try:
            self.target.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            raise self._fail(error) from None


class MessageStream(io.TextIOBase):
    """Standard error for messages: a message that cannot be written is dropped."""

    def __init__(self, target: TextIO | None) -> None:
        self.target = target

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        if self.target is not None:
            with contextlib.suppress(OSError, ValueError):
                self.target.write(text)
                self.target.flush()
        return len(text)

    def isatty(self) -> bool:
        try:
            return bool(self.target is not None and self.target.isatty())
        except (OSError, ValueError):
            return False
