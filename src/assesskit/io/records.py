"""Records read from an input file, each knowing where it came from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from assesskit.errors import AssesskitError

__all__ = ["InputFileError", "InputTable", "SourceRecord"]


class InputFileError(AssesskitError, ValueError):
    """An input file cannot be read (missing, not decodable, malformed, wrong type).

    ``problems`` lists every problem found in the file, each naming the file
    and, where there is one, the line or row.
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))


@attrs.frozen
class SourceRecord:
    """One input record: field name → raw value, and where it is in its file.

    ``location`` reads ``line 4`` (CSV: the line where the record starts),
    ``row 4`` (a spreadsheet row) or ``item 3`` (the 1-based position in a
    JSON array).
    """

    values: Mapping[str, object]
    source: str
    location: str

    def where(self) -> str:
        """``loan-officer.csv line 4``."""
        return f"{self.source} {self.location}"


@attrs.frozen
class InputTable:
    """The records of one input file, its column names and notes on how it was read."""

    source: str
    columns: tuple[str, ...]
    records: tuple[SourceRecord, ...]
    notes: tuple[str, ...] = ()
