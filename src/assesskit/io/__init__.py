"""Input and output: reading records from CSV, Excel and JSON, writing results.

Readers turn a file into an :class:`InputTable` of :class:`SourceRecord` s,
each knowing its file and line so errors can point at it;
:func:`score_tables` validates every record, scores them exactly and applies
history rules; writers render the results as JSON, CSV or a table, and
:func:`write_atomic` writes a file all at once or not at all.

>>> from assesskit.io import read_input
>>> import io
>>> table = read_input("-", stdin=io.BytesIO(b"entity_id,period\\nLO-1,2026-08\\n"))
>>> [r.values for r in table.records]
[{'entity_id': 'LO-1', 'period': '2026-08'}]
"""

from assesskit.io.atomic import write_atomic
from assesskit.io.csv_output import neutralise, render_csv
from assesskit.io.decode import decode_text
from assesskit.io.history_files import HistoryFile, read_history
from assesskit.io.inputs import STDIN, read_input
from assesskit.io.json_output import render_json, run_document
from assesskit.io.records import InputFileError, InputTable, SourceRecord
from assesskit.io.scoring import (
    BadRecordsError,
    LocatedProblem,
    ScoreRun,
    check_records,
    score_tables,
)
from assesskit.io.table import display_width, render_table
from assesskit.io.table_output import render_results_table

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
