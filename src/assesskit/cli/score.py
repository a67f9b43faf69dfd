"""``assesskit score``: score input records and publish the results."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assesskit.cli.common import (
    Console,
    add_lang,
    add_params,
    emit,
    lang_of,
    load_scheme,
    read_inputs,
)
from assesskit.cli.errors import EXIT_OK
from assesskit.cli.progress import progress
from assesskit.io.csv_output import render_csv
from assesskit.io.history_files import read_history
from assesskit.io.json_output import render_json
from assesskit.io.scoring import ScoreRun, score_tables
from assesskit.io.table_output import render_results_table
from assesskit.scheme import Scheme

__all__ = ["add_inputs", "add_parser", "run", "score_inputs"]

_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".txt": "table"}


def add_inputs(parser: argparse.ArgumentParser, many: bool = True) -> None:
    """The input arguments shared by ``score`` and ``explain``."""
    parser.add_argument("scheme", metavar="SCHEME", help="scheme id, e.g. microloan.loan-officer")
    parser.add_argument(
        "inputs",
        metavar="INPUT",
        nargs="+" if many else 1,
        help="records: .csv (UTF-8 or GB18030), .xlsx, .json (an array of objects), "
        "or - for standard input (CSV, or JSON when it starts with '[')",
    )
    parser.add_argument(
        "--history",
        action="append",
        default=[],
        metavar="FILE",
        help="an earlier JSON output of `assesskit score` for history rules (repeatable)",
    )
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="encoding of CSV/JSON input (default: UTF-8, with or without BOM, else GB18030)",
    )
    add_params(parser)
    add_lang(parser)


def add_parser(commands: Any, parent: argparse.ArgumentParser) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "score",
        parents=[parent],
        help="score records and write the results (JSON, CSV or a table)",
        description="Validate every record (all problems are reported at once), score "
        "them exactly, apply history rules, and write the results. Nothing is written "
        "to -o when anything fails.",
    )
    add_inputs(parser)
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file (atomically) instead of stdout"
    )
    parser.add_argument(
        "--format",
        choices=("json", "csv", "table"),
        help="output format (default: from the suffix of -o, else json)",
    )
    parser.set_defaults(run=run)


def score_inputs(args: argparse.Namespace, console: Console, scheme: Scheme) -> ScoreRun:
    """Read the inputs and history files of *args* and score them with *scheme*."""
    tables = read_inputs(args.inputs, args.encoding, console)
    history = [read_history(path, scheme) for path in args.history]
    count = sum(len(t.records) for t in tables)
    with progress(console.err, count, "scoring") as callback:
        return score_tables(scheme, tables, history, callback)


def output_format(args: argparse.Namespace) -> str:
    """The format asked for, or the one the output file's suffix suggests."""
    if args.format:
        return str(args.format)
    if args.output:
        return _SUFFIX_FORMATS.get(Path(args.output).suffix.lower(), "json")
    return "json"


def run(args: argparse.Namespace, console: Console) -> int:
    """Score and publish."""
    loaded = load_scheme(args.scheme, args.param)
    lang = lang_of(args, console)
    fmt = output_format(args)
    scored = score_inputs(args, console, loaded.scheme)
    for note in scored.notes:
        console.note(note.get(lang))
    if fmt == "csv":
        # A BOM in a file lets Excel and WPS open the Chinese text correctly.
        emit(render_csv(scored, lang), args.output, console, "utf-8-sig")
    elif fmt == "table":
        emit(render_results_table(scored, lang), args.output, console)
    else:
        emit(render_json(scored, lang), args.output, console)
    return EXIT_OK
