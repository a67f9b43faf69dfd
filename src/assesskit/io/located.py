"""Problems of input records located in their files: "a.csv line 4, record LO-3: …".

The checks themselves are the engine's (:func:`~assesskit.pipeline.prepare_records`)
and the file-aware front end's (:mod:`assesskit.run.files`); this module only
says where a problem is and words it, once for every front end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs

from assesskit.controls import one_line
from assesskit.errors import AssesskitError, Problem, clip
from assesskit.io.records import SourceRecord

__all__ = ["BadRecordsError", "LocatedProblem"]


@attrs.frozen
class LocatedProblem:
    """A problem of one record (or of a whole file), with where it is."""

    problem: Problem
    source: str
    record: SourceRecord | None = None
    column: bool = True

    def __str__(self) -> str:
        p = self.problem
        source = one_line(self.source)  # a file name or an id cannot forge a line of its own
        if self.record is None:
            if not self.column:
                return f"{source}: {p}"
            return f"{source}: column {p.field!r}: {p.rule}"
        who = f", record {clip(one_line(p.entity))}" if p.entity is not None else ""
        where = one_line(self.record.where())
        return f"{where}{who}: field {p.field!r} = {_show(p.value)}: {p.rule}"


def _show(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return clip(str(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return clip(repr(value))


class BadRecordsError(AssesskitError, ValueError):
    """Input records broke the scheme's rules; ``problems`` lists every one, located."""

    def __init__(self, problems: Sequence[LocatedProblem]) -> None:
        self.problems = tuple(problems)
        columns = sum(1 for p in self.problems if p.record is None and p.column)
        records = {(p.source, p.record.location) for p in self.problems if p.record is not None}
        parts = []
        if columns:
            parts.append(f"{columns} missing column(s)")
        if records:
            parts.append(f"{len(self.problems) - columns} in {len(records)} record(s)")
        head = f"{len(self.problems)} problem(s) ({', '.join(parts)}); nothing was scored:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))
