"""Input and output: reading records from CSV, Excel and JSON, writing results.

Readers turn a file into an :class:`InputTable` of :class:`SourceRecord` s,
each knowing its file and line so errors can point at it
(:class:`LocatedProblem`); writers render the results as JSON, CSV or a
table, and :func:`write_atomic` writes a file all at once or not at all.
:func:`score_tables` (validate every record, score them exactly and apply
history rules) and :func:`check_records` are the file-aware front end of
:mod:`assesskit.run.files`, offered here by name and loaded on first use.

>>> from assesskit.io import read_input
>>> import io
>>> table = read_input("-", stdin=io.BytesIO(b"entity_id,period\\nLO-1,2026-08\\n"))
>>> [r.values for r in table.records]
[{'entity_id': 'LO-1', 'period': '2026-08'}]
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING, Any

from assesskit.io.atomic import write_atomic
from assesskit.io.csv_output import neutralise, render_csv
from assesskit.io.decode import decode_text
from assesskit.io.history_files import HistoryFile, read_history
from assesskit.io.inputs import STDIN, read_input
from assesskit.io.json_output import render_json, run_document
from assesskit.io.located import BadRecordsError, LocatedProblem
from assesskit.io.published import ScoreRun
from assesskit.io.records import InputFileError, InputTable, SourceRecord
from assesskit.io.table import display_width, render_table
from assesskit.io.table_output import render_results_table

if TYPE_CHECKING:  # loaded on first use, so that io/ never imports the front ends above it
    from assesskit.run.files import check_records as check_records
    from assesskit.run.files import score_tables as score_tables

#: Names of the front end above io/ (:mod:`assesskit.run.files`), loaded on first use.
_LAZY: dict[str, str] = {
    "check_records": "assesskit.run.files",
    "score_tables": "assesskit.run.files",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'assesskit.io' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "STDIN",
    "BadRecordsError",
    "HistoryFile",
    "InputFileError",
    "InputTable",
    "LocatedProblem",
    "ScoreRun",
    "SourceRecord",
    "check_records",
    "decode_text",
    "display_width",
    "neutralise",
    "read_history",
    "read_input",
    "render_csv",
    "render_json",
    "render_results_table",
    "render_table",
    "run_document",
    "score_tables",
    "write_atomic",
]
