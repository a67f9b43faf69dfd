"""Rows of CSV text kept in a temporary file while a large input is scored.

Rows are written as they come; or, when each row still waits for cells
only known once the whole input is read (history columns), kept chunk by
chunk and read back, in order, for a second pass.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import IO

import attrs

__all__ = ["RowSpill"]

_LENGTH = struct.Struct("<Q")


@attrs.define
class RowSpill:
    """Where the rows go in the first pass, and how they are kept for the second."""

    file: IO[bytes]
    # with history rules a row waits for its history columns: rows are kept per chunk,
    # NUL-separated (NUL cannot occur in a CSV cell), each chunk after its length
    waiting: bool

    def rows(self, lines: list[str]) -> None:
        """Write rows (CSV text without line ends): final with CRLF, or kept for later."""
        if self.waiting:
            data = "\x00".join(lines).encode("utf-8")
            self.file.write(_LENGTH.pack(len(data)))
            self.file.write(data)
        else:
            self.file.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))

    def waiting_chunks(self) -> Iterator[list[str]]:
        """The rows kept, chunk by chunk, in the order they were written."""
        self.file.seek(0)
        while head := self.file.read(_LENGTH.size):
            (size,) = _LENGTH.unpack(head)
            yield self.file.read(size).decode("utf-8").split("\x00")
