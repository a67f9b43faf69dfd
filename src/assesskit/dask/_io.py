"""Reading input files partition by partition, and writing results per partition or as one file.

Inputs are CSV files (read as text, as the command line reads them: UTF-8
with or without BOM unless an encoding is given, cells stripped, rows of
empty cells skipped) or Parquet files (typed columns), with globs. Every
record keeps where it was read, so that a bad record is reported by file and
line (CSV) or row (Parquet).

Output is written to a staging directory beside the target, one file per
partition, each through a temporary file and a rename: a task that runs
again (a worker died, a task was retried) rewrites the same file, so no
result is lost or written twice. Only when every partition is scored
without a problem are the staged files moved into place (or joined into one
file); otherwise they are removed and nothing is written.

Nothing assesskit did not write is ever deleted or replaced: an output
folder must be new, empty, or a previous output of assesskit (recognised by
the list of its files in :data:`MARKER`) holding nothing else; files are
checked as :class:`~assesskit.io.destination.OutputFile` checks them (no
input, no device, no read-only file without ``force``).
"""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs
import dask.dataframe as dd
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from assesskit.dask._api import from_map, map_partitions
from assesskit.dask._frame import kept_rows
from assesskit.dask._layout import TEXT, Layout, OutputColumn
from assesskit.io.atomic import write_atomic
from assesskit.io.csv_output import EXCEL_COERCED, FORMULA_STARTS, INVISIBLE
from assesskit.io.destination import OutputFile, OutputPathError, Protected
from assesskit.io.records import InputFileError
from assesskit.io.tempfiles import make_temp_dir

__all__ = [
    "MARKER",
    "Format",
    "Input",
    "Output",
    "arrow_schema",
    "csv_bytes",
    "read_input",
    "record_lines",
]

#: A file format of the Dask engine.
Format = Literal["csv", "parquet"]

_SUFFIXES: dict[str, Format] = {".csv": "csv", ".parquet": "parquet", ".parq": "parquet",
                                ".pq": "parquet"}  # fmt: skip
#: Parquet rows per partition (whole row groups are kept together).
PARQUET_ROWS = 500_000
#: The file in an output folder that lists the files assesskit wrote there.
MARKER = ".assesskit-output.json"
# A whole cell Excel would read as a date or a number, in Arrow's (RE2) pattern syntax.
_EXCEL_RE2 = f"^(?:{EXCEL_COERCED})$"
# Text a spreadsheet would run as a formula, perhaps behind invisible marks (as in the
# command line's CSV output), in Arrow's (RE2) pattern syntax.
_FORMULA_RE2 = (
    "^["
    + "".join(f"\\x{{{a:04X}}}-\\x{{{b:04X}}}" for a, b in INVISIBLE)
    + "]*["
    + "".join(f"\\x{{{ord(c):04X}}}" for c in FORMULA_STARTS)
    + "]"
)


def format_of(path: str) -> Format | None:
    """The format a file name's suffix names (``None`` when it names none)."""
    return _SUFFIXES.get(Path(path.rstrip("/\\")).suffix.lower())


@attrs.frozen
class Input:
    """Input records as a Dask DataFrame, with the files they came from.

    Each partition carries ``__source__`` (the file), ``__part__`` and
    ``__local__``: the partition it was read in and its position there (for
    Parquet, its row in the file).
    """

    frame: dd.DataFrame
    format: Format
    files: tuple[str, ...]
    encoding: str | None = None


def _files(inputs: Sequence[str]) -> list[str]:
    found: list[str] = []
    missing: list[str] = []
    for name in inputs:
        matches = sorted(glob.glob(name)) if glob.has_magic(name) else [name]
        matches = [m for m in matches if os.path.isfile(m)] if glob.has_magic(name) else matches
        if not matches or not all(os.path.isfile(m) for m in matches):
            missing.append(name)
        found.extend(matches)
    if missing:
        raise InputFileError([f"{name}: no such file" for name in missing])
    return list(dict.fromkeys(found))


def read_input(
    inputs: Sequence[str], *, encoding: str | None = None, blocksize: int | str = "64MiB"
) -> Input:
    """Read CSV or Parquet files (globs allowed) as a Dask DataFrame, partition by partition.

    Raises :class:`~assesskit.io.records.InputFileError` for a missing file,
    a mix of formats or a file whose suffix names no format.
    """
    files = _files(inputs)
    kinds = {format_of(f) for f in files}
    if None in kinds:
        bad = [f for f in files if format_of(f) is None]
        raise InputFileError([f"{f}: the Dask engine reads .csv and .parquet files" for f in bad])
    if len(kinds) > 1:
        raise InputFileError(["give inputs of one format: CSV or Parquet, not both"])
    kind = kinds.pop()
    assert kind is not None
    if kind == "csv":
        return Input(_read_csv(files, encoding, blocksize), "csv", tuple(files), encoding)
    return Input(_read_parquet(files), "parquet", tuple(files))


def _read_csv(files: list[str], encoding: str | None, blocksize: int | str) -> dd.DataFrame:
    raw = dd.read_csv(
        files,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        include_path_column="__source__",
        encoding=encoding or "utf-8-sig",
        blocksize=blocksize,
    )
    raw = raw.rename(columns={c: c.strip() for c in raw.columns if c != c.strip()})
    meta = raw._meta.assign(__part__=np.int64(0), __local__=np.int64(0))
    tagged: dd.DataFrame = map_partitions(raw, _tag_csv, meta=meta)
    return tagged


def _tag_csv(frame: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    number = 0 if partition_info is None else int(partition_info["number"])
    kept = frame[kept_rows(frame)]
    kept = kept.reset_index(drop=True)
    return kept.assign(__part__=np.int64(number), __local__=np.arange(len(kept), dtype=np.int64))


@attrs.frozen
class _Piece:
    path: str
    row_groups: tuple[int, ...]
    first_row: int


def _pieces(files: list[str]) -> list[_Piece]:
    pieces: list[_Piece] = []
    for path in files:
        metadata = pq.ParquetFile(path).metadata
        groups: list[int] = []
        rows = first = 0
        for group in range(metadata.num_row_groups):
            if groups and rows + metadata.row_group(group).num_rows > PARQUET_ROWS:
                pieces.append(_Piece(path, tuple(groups), first))
                first += rows
                groups, rows = [], 0
            groups.append(group)
            rows += metadata.row_group(group).num_rows
        pieces.append(_Piece(path, tuple(groups), first))
    return pieces


def _read_piece(piece: _Piece, number: int) -> pd.DataFrame:
    table = pq.ParquetFile(piece.path).read_row_groups(list(piece.row_groups))
    frame = table.to_pandas()
    size = len(frame)
    return frame.assign(
        __source__=pd.Series([piece.path] * size, dtype=TEXT, index=frame.index),
        __part__=np.int64(number),
        __local__=np.arange(piece.first_row, piece.first_row + size, dtype=np.int64),
    )


def _read_parquet(files: list[str]) -> dd.DataFrame:
    schema = pq.read_schema(files[0])
    meta = schema.empty_table().to_pandas()
    meta = meta.assign(
        __source__=pd.Series([], dtype=TEXT), __part__=np.int64(0), __local__=np.int64(0)
    )
    pieces = _pieces(files)
    return from_map(_read_piece, pieces, list(range(len(pieces))), meta=meta)


def record_lines(path: str, encoding: str | None, wanted: set[int]) -> dict[int, int]:
    """The line where each wanted record (0-based, rows of empty cells not counted) starts."""
    lines: dict[int, int] = {}
    if not wanted:
        return lines
    last = max(wanted)
    with open(path, encoding=encoding or "utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        index = -1
        before = 0
        header = True
        for row in reader:
            start, before = before + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header:
                header = False
                continue
            index += 1
            if index in wanted:
                lines[index] = start
            if index >= last:
                break
    return lines


# -- output ---------------------------------------------------------------------------------


def _arrow_type(column: OutputColumn) -> pa.DataType:
    if column.dtype == np.dtype("O"):
        return pa.list_(pa.string())
    if column.dtype == TEXT:
        return pa.string()
    if column.dtype in ("boolean", np.dtype("bool")):
        return pa.bool_()
    return pa.float64()


def arrow_schema(layout: Layout) -> pa.Schema:
    """The Parquet schema of the results (every partition file shares it)."""
    return pa.schema([pa.field(c.name, _arrow_type(c)) for c in layout.columns])


def _neutralise(array: pa.Array) -> pa.Array:
    """Text a spreadsheet will not run as a formula: a leading ``'`` when it could be one."""
    risky = pc.fill_null(pc.match_substring_regex(array, _FORMULA_RE2), False)
    if not pc.any(risky).as_py():
        return array
    return pc.if_else(risky, pc.binary_join_element_wise("'", array, ""), array)


def _fixed(values: npt.NDArray[np.float64], places: int) -> pa.Array:
    """Numbers with exactly *places* decimals (``74.73``, ``90.00``), empty where NaN."""
    missing = np.isnan(values)
    units = np.rint(np.where(missing, 0.0, values) * 10.0**places).astype(np.int64)
    negative = units < 0
    digits = pc.utf8_lpad(pa.array(np.abs(units)).cast(pa.string()), places + 1, "0")
    whole = pc.utf8_slice_codeunits(digits, 0, -places) if places else digits
    text = (
        pc.binary_join_element_wise(whole, pc.utf8_slice_codeunits(digits, -places), ".")
        if places
        else whole
    )
    if negative.any():
        text = pc.if_else(pa.array(negative), pc.binary_join_element_wise("-", text, ""), text)
    if missing.any():
        text = pc.if_else(pa.array(missing), pa.scalar(None, pa.string()), text)
    return text


def _shortest(values: npt.NDArray[np.float64]) -> list[str | None]:
    return [None if v != v else np.format_float_positional(v, trim="-") for v in values.tolist()]


def _list_cells(series: pd.Series) -> pa.Array:
    values = series.tolist()
    joined = [None if v is None else (";".join(map(str, v)) if v else "") for v in values]
    return pa.array(joined, pa.string())


def _cells(layout: Layout, frame: pd.DataFrame) -> list[pa.Array]:
    """Every column of *frame* as text cells (null: empty), as the command line writes them."""
    out: list[pa.Array] = []
    for column in layout.columns:
        series = frame[column.name]
        cells: pa.Array
        if column.dtype == np.dtype("float64"):
            values = series.to_numpy(dtype=np.float64)
            if column.kind in ("points", "money", "") and column.source != "rollup_input":
                cells = _fixed(values, 2)
            else:
                cells = pa.array(_shortest(values), pa.string())
        elif column.dtype in ("boolean", np.dtype("bool")):
            flags = pa.array(series, pa.bool_(), from_pandas=True)
            cells = pc.if_else(flags, "true", "false")
        elif column.dtype == np.dtype("O"):
            cells = _neutralise(_list_cells(series))
        else:
            cells = _neutralise(pa.array(series.astype(TEXT), pa.string(), from_pandas=True))
        out.append(cells)
    return out


def _for_excel(cells: pa.Array) -> pa.Array:
    """Cells Excel would change (``2026-07``, ``007``) as ``="2026-07"`` (:func:`excel_cell`)."""
    coerced = pc.fill_null(pc.match_substring_regex(cells, _EXCEL_RE2), False)
    if not pc.any(coerced).as_py():
        return cells
    return pc.if_else(coerced, pc.binary_join_element_wise('="', cells, '"', ""), cells)


def _quoted(cells: pa.Array) -> pa.Array:
    """Cells quoted where CSV needs it (a comma, a quote, a line break), as ``csv`` does."""
    cells = pc.fill_null(cells, "")
    needs = pc.match_substring_regex(cells, '[,"\r\n]')
    if not pc.any(needs).as_py():
        return cells
    doubled = pc.replace_substring(cells, '"', '""')
    return pc.if_else(needs, pc.binary_join_element_wise('"', doubled, '"', ""), cells)


def csv_bytes(
    layout: Layout, frame: pd.DataFrame, *, header: bool, bom: bool, excel: bool = False
) -> bytes:
    """*frame* as CSV (CRLF line ends, minimal quoting), with the header and a BOM if asked.

    The text is what Python's ``csv`` module writes for the same cells,
    built column by column with Arrow; with *excel*, text cells Excel would
    change are written as :func:`~assesskit.io.csv_output.excel_cell` writes them.
    """
    buffer = io.StringIO()
    if header:
        csv.writer(buffer, lineterminator="\r\n").writerow(layout.names)
    if len(frame):
        columns = [
            _quoted(_for_excel(cells) if excel else cells)
            if column.dtype in (TEXT, np.dtype("O"))
            else pc.fill_null(cells, "")
            for column, cells in zip(layout.columns, _cells(layout, frame), strict=True)
        ]
        lines = pc.binary_join_element_wise(*columns, ",")
        buffer.write("\r\n".join(lines.to_pylist()))
        buffer.write("\r\n")
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def parquet_bytes(layout: Layout, frame: pd.DataFrame) -> bytes:
    """*frame* as a Parquet file with the results' schema."""
    table = pa.Table.from_pandas(frame, schema=arrow_schema(layout), preserve_index=False)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def write_file(path: str, data: bytes) -> None:
    """Write *path* through a temporary file and a rename (a retried task rewrites it whole)."""
    temp = f"{path}.{uuid.uuid4().hex}.tmp"
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


@attrs.frozen
class Output:
    """Where results go: one file, or one file per partition in a directory or by a pattern.

    ``target`` ending in ``/`` (or an existing directory) means a directory
    of ``part.00000.<fmt>`` files; a ``*`` in the name means one file per
    partition with ``*`` replaced by the partition number (``out-*.csv``);
    anything else means one file.
    """

    target: str
    format: Format
    mode: Literal["file", "directory", "pattern"]

    @classmethod
    def of(cls, target: str, fmt: Format | None = None) -> Output:
        """The output *target* names, in *fmt* or the format its suffix names (default parquet)."""
        mode: Literal["file", "directory", "pattern"] = "file"
        if "*" in Path(target).name:
            mode = "pattern"
        elif target.endswith(("/", os.sep)) or os.path.isdir(target):
            mode = "directory"
        name = target.replace("*", "0")
        suffix = Path(name.rstrip("/\\")).suffix
        if mode != "directory" and fmt is None and suffix and format_of(name) is None:
            raise OutputPathError(
                f"cannot write {target}: the Dask engine writes .csv or .parquet files, not "
                f"{suffix} (give --format to write another name)"
            )
        chosen = fmt or format_of(name) or "parquet"
        return cls(target.rstrip("/\\") if mode == "directory" else target, chosen, mode)

    def check(self, protected: Sequence[Protected] = (), force: bool = False) -> None:
        """Raise :class:`~assesskit.io.destination.OutputPathError` if writing could destroy data.

        A file (and each existing file a pattern matches) is checked as
        :class:`~assesskit.io.destination.OutputFile` checks it; a folder must
        be new, empty, or an earlier output of assesskit holding only what
        its :data:`MARKER` lists, none of it among *protected*.
        """
        if self.mode == "file":
            OutputFile(self.target, protected, force).check()
        elif self.mode == "pattern":
            folder = Path(self.target).parent
            if not folder.is_dir():
                raise OutputPathError(f"cannot write {self.target}: {folder} is not a directory")
            for existing in sorted(
                glob.glob(glob.escape(str(folder)) + "/" + Path(self.target).name)
            ):
                OutputFile(existing, protected, force).check()
        else:
            self._earlier_files(protected, force)

    def _earlier_files(self, protected: Sequence[Protected], force: bool) -> list[str]:
        """The files of an earlier output in the target folder (refusing anything else)."""
        folder = self.target
        shown = folder + "/"
        if not os.path.lexists(folder):
            parent = Path(folder).resolve().parent
            if not parent.is_dir():
                raise OutputPathError(f"cannot write {shown}: {parent} is not a directory")
            return []
        if not os.path.isdir(folder):
            raise OutputPathError(f"cannot write {shown}: {folder} is not a directory")
        entries = sorted(set(os.listdir(folder)) - {MARKER})
        if not entries:
            return []
        listed = _listed(folder)
        if listed is None:
            some = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
            raise OutputPathError(
                f"cannot write {shown}: the folder is not empty ({some}) and is not an earlier "
                f"output of assesskit (it has no valid {MARKER}); choose a new or empty folder"
            )
        foreign = [name for name in entries if name not in listed]
        if foreign:
            some = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise OutputPathError(
                f"cannot write {shown}: the folder holds files assesskit did not write ({some}); "
                "move them away or choose a new folder"
            )
        for name in entries:
            OutputFile(os.path.join(folder, name), protected, force).check()
        return entries

    def staging(self) -> str:
        """A fresh staging directory beside the target (removed by :meth:`discard`)."""
        parent = Path(self.target).resolve().parent
        if not parent.is_dir():
            raise InputFileError([f"cannot write {self.target}: {parent} is not a directory"])
        return make_temp_dir(parent)

    def part_name(self, number: int) -> str:
        """The staged file name of partition *number*."""
        return f"part.{number:05d}.{self.format}"

    def commit(
        self,
        staging: str,
        parts: int,
        layout: Layout,
        protected: Sequence[Protected] = (),
        force: bool = False,
    ) -> list[str]:
        """Move the staged partition files into place; return the files written.

        Everything is checked again first (see :meth:`check`).
        """
        names = [os.path.join(staging, self.part_name(n)) for n in range(parts)]
        if self.mode == "directory":
            return self._commit_folder(names, protected, force)
        if self.mode == "pattern":
            finals = [self.target.replace("*", str(n)) for n in range(parts)]
            for final in finals:
                OutputFile(final, protected, force).check()
            folder = Path(self.target).parent
            matching = glob.glob(glob.escape(str(folder)) + "/" + Path(self.target).name)
            stale = sorted(
                set(map(os.path.normpath, matching)) - set(map(os.path.normpath, finals))
            )
            if stale:  # files of another run would sit among these, mixing two runs' results
                some = ", ".join(stale[:3]) + (", ..." if len(stale) > 3 else "")
                raise OutputPathError(
                    f"cannot write {self.target}: it also matches {some}, which this run "
                    f"({parts} part(s)) would not replace; remove them or choose another pattern"
                )
            for name, final in zip(names, finals, strict=True):
                os.replace(name, final)
            shutil.rmtree(staging, ignore_errors=True)
            return finals
        OutputFile(self.target, protected, force).check()
        joined = os.path.join(staging, "joined")
        if self.format == "csv":
            with open(joined, "wb") as out:
                out.write(csv_bytes(layout, layout.meta(), header=True, bom=True))
                for name in names:
                    with open(name, "rb") as part:
                        shutil.copyfileobj(part, out)
        else:
            with pq.ParquetWriter(joined, arrow_schema(layout)) as writer:
                for name in names:
                    for batch in _batches(name):
                        writer.write_batch(batch)
        os.replace(joined, os.path.realpath(self.target))
        shutil.rmtree(staging, ignore_errors=True)
        return [self.target]

    def _commit_folder(
        self, staged: list[str], protected: Sequence[Protected], force: bool
    ) -> list[str]:
        """Move *staged* into the target folder, replacing only assesskit's earlier files there."""
        earlier = self._earlier_files(protected, force)
        folder = self.target
        os.makedirs(folder, exist_ok=True)
        new = [os.path.basename(name) for name in staged]
        # list the old files and the new ones first: a run stopped midway leaves a folder
        # that a later run still recognises as its own
        _write_marker(folder, sorted({*earlier, *new}))
        for name in staged:
            os.replace(name, os.path.join(folder, os.path.basename(name)))
        for name in sorted(set(earlier) - set(new)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(folder, name))
        _write_marker(folder, new)
        shutil.rmtree(os.path.dirname(staged[0]) if staged else "", ignore_errors=True)
        return [os.path.join(folder, name) for name in new]

    def discard(self, staging: str) -> None:
        """Remove the staging directory and everything in it."""
        shutil.rmtree(staging, ignore_errors=True)


def _listed(folder: str) -> set[str] | None:
    """The files :data:`MARKER` lists in *folder* (``None``: no marker, or not one of ours)."""
    try:
        with open(os.path.join(folder, MARKER), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    files = data.get("files")
    if data.get("written_by") != "assesskit" or not isinstance(files, list):
        return None
    return {name for name in files if isinstance(name, str) and "/" not in name}


def _write_marker(folder: str, files: Iterable[str]) -> None:
    data = {"written_by": "assesskit", "files": list(files)}
    write_atomic(os.path.join(folder, MARKER), json.dumps(data, indent=1).encode("utf-8"))


def _batches(path: str) -> Iterator[pa.RecordBatch]:
    yield from pq.ParquetFile(path).iter_batches()
