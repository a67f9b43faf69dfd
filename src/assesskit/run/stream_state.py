"""The state of one streamed run: problems found, keys kept, notes, and where every record is.

Memory holds a few dozen bytes per record (entity, period, file and line,
history triggers, the code of its note), never the records themselves.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import numpy as np
import numpy.typing as npt

from assesskit.io.located import LocatedProblem
from assesskit.io.records import SourceRecord
from assesskit.run.stream_keys import RecordKeys
from assesskit.scheme import Scheme
from assesskit.text import Lang

__all__ = ["Progress", "StreamState"]

#: Called with (records done, records expected) while scoring.
Progress = Callable[[int, int], None]


@attrs.define
class StreamState:
    """State of one streamed run: problems, keys, notes and where every record is."""

    scheme: Scheme
    lang: Lang
    keys: RecordKeys
    # (row, kind, position) orders problems as the record-by-record path lists them
    problems: list[tuple[tuple[int, int, int], LocatedProblem]] = attrs.field(factory=list)
    file_problems: list[str] = attrs.field(factory=list)
    sources: list[str] = attrs.field(factory=list)
    source_of: list[npt.NDArray[np.int32]] = attrs.field(factory=list)
    lines: list[npt.NDArray[np.int64]] = attrs.field(factory=list)
    # with history rules: each row's scoring note, a code into note_texts
    scoring_notes: list[npt.NDArray[np.intp]] = attrs.field(factory=list)
    exact_notes: list[npt.NDArray[np.intp]] = attrs.field(factory=list)
    note_texts: dict[str, int] = attrs.field(factory=lambda: {"": 0})
    # each chunk's period cells as written: a code per row into the distinct texts
    period_cells: list[tuple[npt.NDArray[np.intp], list[str]]] = attrs.field(factory=list)
    rows: int = 0
    # the input columns passed through beside the results (assesskit.run.kept)
    kept: tuple[str, ...] = ()
    # cells Excel would change written ="2026-07" (assesskit.io.csv_output.excel_cell)
    excel: bool = False

    @property
    def failed(self) -> bool:
        """Whether a problem was found: rows are no longer written."""
        return bool(self.problems or self.file_problems)

    def where(self, row: int) -> SourceRecord:
        """The file and line of input row *row*, for a message."""
        start = 0
        for chunk, lines in enumerate(self.lines):
            if row < start + len(lines):
                source = self.sources[int(self.source_of[chunk][row - start])]
                return SourceRecord({}, source, f"line {int(lines[row - start])}")
            start += len(lines)
        raise IndexError(row)

    def period_cell(self, row: int) -> str:
        """The period cell of input row *row* as the file has it."""
        start = 0
        for codes, texts in self.period_cells:
            if row < start + len(codes):
                return texts[int(codes[row - start])]
            start += len(codes)
        raise IndexError(row)

    def note_code(self, text: str) -> int:
        """The code of a scoring note's text (0: none)."""
        return self.note_texts.setdefault(text, len(self.note_texts))
