"""``assesskit score``: score input records and publish the results."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from assesskit.cli.columns import add_column_options, header_reader, named_tables
from assesskit.cli.common import (
    Console,
    add_lang,
    add_params,
    emit,
    lang_of,
    load_scheme,
    output_file,
    read_inputs,
    spool_fifos,
)
from assesskit.cli.errors import EXIT_OK, UsageError
from assesskit.cli.progress import progress, wants_progress
from assesskit.io.csv_output import render_csv
from assesskit.io.csv_words import worded_blocks, worded_text
from assesskit.io.destination import OutputFile
from assesskit.io.history_files import read_history
from assesskit.io.inputs import STDIN, readable_problem
from assesskit.io.json_output import render_json
from assesskit.io.layout import Column, value_columns
from assesskit.io.published import ScoreRun
from assesskit.io.records import InputFileError
from assesskit.io.selection import ColumnsError, Selection, select
from assesskit.io.table_output import render_results_table
from assesskit.io.tempfiles import spooled
from assesskit.io.xlsx_output import write_xlsx
from assesskit.io.xlsx_stream import write_streamed_xlsx
from assesskit.run.files import score_tables
from assesskit.run.kept import parse_keep
from assesskit.run.streaming import score_csv_files, why_not_streamed
from assesskit.scheme import Scheme
from assesskit.text import Lang

__all__ = ["add_inputs", "add_parser", "run", "score_inputs"]

_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".txt": "table", ".xlsx": "xlsx"}


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
    add_column_options(parser)


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
        "--force",
        action="store_true",
        help="replace a read-only output file (an input, a device or a folder is never replaced)",
    )
    parser.add_argument(
        "--format",
        choices=("json", "csv", "table", "xlsx", "parquet"),
        help="output format (default: from the suffix of -o: .json, .csv, .txt (table), "
        ".xlsx; json without -o; parquet needs --engine dask)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (default): this process; dask: partition by partition on a Dask cluster "
        "(needs the dask extra and -o; CSV or Parquet in and out, globs allowed)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the address of an existing Dask scheduler "
        "(default: a local cluster)",
    )
    # --- pass-through columns and the Excel-safe CSV (issue 15, points 1-3) ---
    parser.add_argument(
        "--keep",
        metavar="COLS",
        help="input columns to write beside the results: all (default: every column the "
        "scheme does not read, such as name or department), none, or a comma-separated list",
    )
    parser.add_argument(
        "--columns",
        metavar="COLS",
        help="columns of table and xlsx output: summary (default: entity, kept columns, "
        "total, band and the scheme's key outcomes), all, or a comma-separated list of ids",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help='CSV for Excel and WPS: periods written ="2026-07", so that they stay text '
        "(plain 2026-07 becomes a date there)",
    )
    parser.set_defaults(run=run)


#: Bytes of streamed output copied at a time.
COPY_BLOCK = 1 << 20
#: Inputs with at least this many records get a note when they are not streamed.
LARGE_INPUT = 100_000


def score_inputs(
    args: argparse.Namespace,
    console: Console,
    scheme: Scheme,
    whole: str | None = None,
    copies: Mapping[str, str] | None = None,
) -> ScoreRun:
    """Read the inputs and history files of *args* and score them with *scheme*.

    *whole* says why the input is scored record by record, all in memory,
    rather than streamed; a large input gets a note saying so. *copies*
    maps an input name to a copy of its bytes (a FIFO's, see
    :func:`~assesskit.cli.common.spool_fifos`).
    """
    tables = read_inputs(args.inputs, args.encoding, console, copies)
    tables = named_tables(tables, header_reader(args, console, scheme))
    history = [read_history(path, scheme) for path in args.history]
    count = sum(len(t.records) for t in tables)
    if whole is not None and count >= LARGE_INPUT:
        console.note(
            f"{count} records are read into memory and scored one by one, with explanations: "
            f"{whole} (CSV output of a scheme without stages or roll-ups is streamed in chunks)"
        )
    with progress(console.err, count, "scoring") as callback:
        return score_tables(
            scheme, tables, history, callback, parse_keep(getattr(args, "keep", None))
        )


def output_format(args: argparse.Namespace) -> str:
    """The format asked for, or the one the output file's suffix names.

    A suffix the CLI does not write (``-o results.xls``) is an error, and so
    is text into a ``.xlsx`` file: never JSON under a spreadsheet's name. A
    name without a suffix gets JSON. xlsx is written to a file only.
    """
    suffix = Path(args.output).suffix.lower() if args.output and args.output != "-" else ""
    if args.format:
        fmt = str(args.format)
        if suffix == ".xlsx" and fmt != "xlsx":
            raise UsageError(f"{args.output} is a workbook's name: give --format xlsx, not {fmt}")
    elif suffix and suffix not in _SUFFIX_FORMATS:
        known = ", ".join(_SUFFIX_FORMATS)
        raise UsageError(
            f"assesskit does not write {suffix} files ({args.output}): name the output "
            f"{known}, or give --format"
        )
    else:
        fmt = _SUFFIX_FORMATS.get(suffix, "json")
    if fmt == "xlsx" and (not args.output or args.output == "-"):
        raise UsageError("xlsx output is a file: give -o FILE.xlsx")
    return fmt


def run(args: argparse.Namespace, console: Console) -> int:
    """Score and publish.

    CSV or xlsx output from CSV input is scored in chunks on the batch path with
    bounded memory (:mod:`assesskit.run.streaming`) when the scheme allows;
    everything else is scored record by record, the whole input in memory.
    """
    if args.engine == "dask":
        return _run_on_dask(args, console)
    if args.scheduler:
        raise UsageError("--scheduler goes with --engine dask")
    if args.format == "parquet":
        raise UsageError("--format parquet needs --engine dask")
    loaded = load_scheme(args.scheme, args.param)
    lang = lang_of(args, console)
    fmt = output_format(args)
    if args.columns is not None and fmt not in ("table", "xlsx"):
        raise UsageError(f"--columns chooses the columns of table and xlsx output; {fmt} has all")
    if args.excel and fmt != "csv":
        raise UsageError(f"--excel shapes CSV output for Excel; {fmt} output needs no such care")
    destination = output_file(args)
    with contextlib.ExitStack() as stack:
        if STDIN in args.inputs and console.stdin is not None:
            # keep standard input in a temporary file: it is read once, perhaps in chunks
            copy = stack.enter_context(spooled(console.stdin, ".csv"))
            console = attrs.evolve(console, stdin=copy)
        copies = spool_fifos(args.inputs, stack)
        streams = fmt in ("csv", "xlsx")
        if streams and _stream(args, console, loaded.scheme, lang, destination, copies, fmt):
            return EXIT_OK
        names = [name for name in args.inputs if name != STDIN]
        whole = (
            f"{fmt} output carries every explanation"
            if not streams
            else why_not_streamed(loaded.scheme, names) or "standard input is not CSV"
        )
        return _score_whole(args, console, loaded.scheme, lang, fmt, whole, destination, copies)


def _score_whole(
    args: argparse.Namespace,
    console: Console,
    scheme: Scheme,
    lang: Lang,
    fmt: str,
    whole: str,
    destination: OutputFile | None,
    copies: Mapping[str, str],
) -> int:
    scored = score_inputs(args, console, scheme, whole, copies)
    for note in scored.notes:
        console.note(note.get(lang))
    if fmt == "csv":
        text = render_csv(scored, lang, args.excel)
        if _worded(args):
            text = worded_text(scheme, text, lang)
        # A BOM in a file lets Excel and WPS open the Chinese text correctly.
        emit(text, destination, console, "utf-8-sig")
    elif fmt == "table":
        chosen = _selection(args, scored)
        width = _terminal_width(console) if destination is None else None
        table = render_results_table(scored, lang, chosen, width)
        emit(table, destination, console, for_people=True)
    elif fmt == "xlsx":
        assert destination is not None  # output_format asks for -o
        _write_workbook(scored, lang, destination, _selection(args, scored))
    else:
        ascii_only = destination is None and console.ascii_only
        emit(render_json(scored, lang, ascii_only=ascii_only), destination, console)
    return EXIT_OK


def _worded(args: argparse.Namespace) -> bool:
    """Whether CSV output is for people in Chinese: ``--lang zh`` or ``zh-Hant`` given.

    The locale alone never changes CSV, a machine format (:mod:`assesskit.io.csv_words`).
    """
    return args.lang is not None and args.lang != "en"


def _selection(args: argparse.Namespace, scored: ScoreRun) -> Selection:
    """The columns ``--columns`` chooses (default: the scheme's summary)."""
    return _choose(args.columns, scored.scheme, value_columns(scored.scheme, scored.results))


def _choose(text: str | None, scheme: Scheme, columns: list[Column]) -> Selection:
    try:
        return select(text, scheme, columns)
    except ColumnsError as exc:
        raise UsageError(str(exc)) from None


def _terminal_width(console: Console) -> int | None:
    """The width of the terminal the table goes to (``COLUMNS`` if set); ``None``: not one."""
    isatty = getattr(console.out, "isatty", None)
    if "COLUMNS" not in os.environ and not (isatty is not None and isatty()):
        return None
    return shutil.get_terminal_size().columns


def _write_workbook(
    scored: ScoreRun, lang: Lang, destination: OutputFile, selection: Selection
) -> None:
    """Write the workbook of *scored* and publish it at *destination*."""
    _publish_workbook(lambda path: write_xlsx(scored, lang, path, selection), destination)


def _publish_workbook(write: Callable[[Path], None], destination: OutputFile) -> None:
    """Have *write* make a workbook in a temporary folder, then publish it atomically."""
    with tempfile.TemporaryDirectory(prefix="assesskit-") as folder:
        path = Path(folder) / "results.xlsx"
        try:
            write(path)
        except ImportError as exc:
            raise UsageError(str(exc)) from None
        with path.open("rb") as handle:
            destination.write(iter(lambda: handle.read(COPY_BLOCK), b""))


def _run_on_dask(args: argparse.Namespace, console: Console) -> int:
    """Score files partition by partition on Dask (:func:`assesskit.dask.run`)."""
    if not args.output:
        raise UsageError("--engine dask writes files: give -o FILE, DIR/ or 'out-*.parquet'")
    if STDIN in args.inputs:
        raise UsageError("--engine dask reads files (CSV or Parquet, globs allowed), not stdin")
    if args.format in ("json", "table", "xlsx"):
        raise UsageError("--engine dask writes csv or parquet, not " + str(args.format))
    if args.columns is not None:
        raise UsageError(
            "--columns chooses the columns of table and xlsx output; "
            "--engine dask writes csv or parquet, which have all"
        )
    try:
        from assesskit.dask import run as run_dask
    except ImportError:
        raise UsageError(
            "--engine dask needs the dask extra: pip install 'assesskit[dask]'"
        ) from None
    return run_dask(
        args.scheme,
        args.inputs,
        args.output,
        scheduler=args.scheduler,
        params=args.param,
        history=args.history,
        encoding=args.encoding,
        fmt=args.format,
        note=console.note,
        force=args.force,
        headers=header_reader(args, console, load_scheme(args.scheme, args.param).scheme),
        keep=parse_keep(args.keep),
        excel=args.excel,
    )


def _stdin_is_csv(console: Console) -> bool:
    stdin = console.stdin
    if stdin is None:
        return False
    head = stdin.read(4096)
    stdin.seek(0)
    return not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"[")


def _stream(
    args: argparse.Namespace,
    console: Console,
    scheme: Scheme,
    lang: Lang,
    destination: OutputFile | None,
    copies: Mapping[str, str],
    fmt: str = "csv",
) -> bool:
    """Score CSV inputs to CSV (or xlsx) output in chunks; ``False`` when they need all.

    xlsx is written from the scored CSV text, a row at a time
    (:mod:`assesskit.io.xlsx_stream`).
    """
    names = [name for name in args.inputs if name != STDIN]
    if why_not_streamed(scheme, names) is not None:
        return False
    if STDIN in args.inputs and (args.inputs.count(STDIN) > 1 or not _stdin_is_csv(console)):
        return False
    paths = []
    unreadable = []
    for name in args.inputs:
        if name == STDIN:
            paths.append((Path(console.stdin.name), "<stdin>"))  # type: ignore[union-attr]
            continue
        where = copies.get(name, name)
        problem = readable_problem(where)
        if problem is not None:
            unreadable.append(problem.replace(where, name, 1))
        paths.append((Path(where), name))
    if unreadable:
        raise InputFileError(unreadable)
    history = [read_history(path, scheme) for path in args.history]
    expected = _expected_records(paths) if wants_progress(console.err) else 0
    headers = header_reader(args, console, scheme)
    with progress(console.err, expected, "scoring") as callback:
        run = score_csv_files(
            scheme,
            paths,
            args.encoding,
            history,
            lang,
            callback,
            expected,
            headers=headers,
            keep=parse_keep(args.keep),
            excel=args.excel,
        )
    with run.body:
        for note in run.notes:
            console.note(note.get(lang))
        if fmt == "xlsx":
            assert destination is not None  # output_format asks for -o
            chosen = _choose(args.columns, scheme, value_columns(scheme))
            _publish_workbook(
                lambda path: write_streamed_xlsx(scheme, run.body, run.notes, lang, path, chosen),
                destination,
            )
            return True
        blocks: Iterator[bytes] = (
            worded_blocks(scheme, run.body, lang)
            if _worded(args)
            else iter(lambda: run.body.read(COPY_BLOCK), b"")
        )
        if destination is None:
            # a block may end inside a character: decode across the boundary
            decoder = codecs.getincrementaldecoder("utf-8")()
            for block in blocks:
                console.out.write(decoder.decode(block))
            console.out.write(decoder.decode(b"", final=True))
            console.out.flush()
            return True
        # A BOM in a file lets Excel and WPS open the Chinese text correctly.
        destination.write(itertools.chain([codecs.BOM_UTF8], blocks))
    return True


def _expected_records(paths: list[tuple[Path, str]]) -> int:
    """About how many records the files hold (their lines but the header), for a progress bar."""
    count = 0
    for path, _ in paths:
        with contextlib.suppress(OSError), path.open("rb") as handle:
            for block in iter(lambda handle=handle: handle.read(1 << 20), b""):  # type: ignore[misc]
                count += block.count(b"\n")
            count -= 1
    return max(count, 0)
