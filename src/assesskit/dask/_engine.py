"""Scoring a Dask DataFrame: validate every partition, score, history, stages, roll-ups, write.

:func:`score_dataframe` gives the results as a lazy Dask DataFrame;
:func:`score_files` reads files, scores and writes in one pass over the data
(problems of every partition are collected in the same pass, and nothing is
written when there is any); :func:`run` is what ``assesskit score --engine
dask`` calls.

History rules and stages relate records of one entity, which may sit in
different partitions: the records are then shuffled by ``entity_id`` first
(Dask's shuffle: every record crosses the network once, and partitions are
held until the shuffle ends), so that each task sees all periods of its
entities.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.delayed import Delayed, delayed

from assesskit.dask._api import compute, map_partitions, shuffle_method, to_delayed
from assesskit.dask._frame import TAG_COLUMNS
from assesskit.dask._io import Input, Output, csv_bytes, parquet_bytes, record_lines, write_file
from assesskit.dask._layout import ENTITY_FIELD, Layout
from assesskit.dask._partition import Found, PartitionScores, Plan, Tag, score_partition
from assesskit.dask._rollups import UNIT_FIELD, rollup_frame
from assesskit.errors import InvalidInputError, Problem
from assesskit.history import History, HistoryEntry
from assesskit.io.destination import OutputFile, Protected, protect
from assesskit.io.located import BadRecordsError, LocatedProblem
from assesskit.io.records import SourceRecord
from assesskit.scoring.identity import missing_fields
from assesskit.scoring.plan import Sees, plan_of
from assesskit.stages import STAGE_FIELD

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = [
    "FileScores",
    "rollup_dataframes",
    "score_dataframe",
    "score_files",
]


def _needs_shuffle(scheme: Scheme, history: bool) -> bool:
    """Whether a stage of the plan must see every record of an entity at once."""
    across = plan_of(scheme).across(Sees.ENTITY)
    return any(stage.id != "history" or history for stage in across)


def _missing_columns(scheme: Scheme, columns: Iterable[str], what: str = "input") -> list[Problem]:
    """Required columns the input lacks (once per input), with a close name as a hint."""
    return missing_fields(scheme, [str(c) for c in columns if c not in TAG_COLUMNS], what)


def _tag(frame: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    if "__part__" in frame:
        return frame
    number = 0 if partition_info is None else int(partition_info["number"])
    return frame.assign(__part__=np.int64(number), __local__=np.arange(len(frame), dtype=np.int64))


def _prepared(scheme: Scheme, frame: dd.DataFrame, shuffle: bool) -> dd.DataFrame:
    """Tag every record with where it was read; bring an entity's records together if needed."""
    if "__part__" not in frame.columns:
        meta = frame._meta.assign(__part__=np.int64(0), __local__=np.int64(0))
        frame = map_partitions(frame, _tag, meta=meta)
    if shuffle:
        frame = frame.shuffle(on=ENTITY_FIELD, shuffle_method=shuffle_method())
    return frame


def _scored(plan: Plan, frame: dd.DataFrame, shuffle: bool) -> list[Delayed]:
    parts = to_delayed(_prepared(plan.scheme, frame, shuffle))
    name = f"assesskit-score-{dask.base.tokenize(plan, frame)}"
    return [
        delayed(score_partition, pure=True)(plan, part, number, dask_key_name=(name, number))
        for number, part in enumerate(parts)
    ]


def _frame_or_raise(scores: PartitionScores, layout: Layout) -> pd.DataFrame:
    if scores.frame is None:
        raise InvalidInputError(
            [
                found.problem_at(
                    ""
                    if found.also is None
                    else f"partition {found.also[1]} row {found.also[2] + 1}"
                )
                for found in scores.problems
            ]
        )
    return scores.frame


def _frame_or_empty(scores: PartitionScores, layout: Layout) -> pd.DataFrame:
    return layout.meta() if scores.frame is None else scores.frame


def _problems(scores: PartitionScores) -> tuple[Found, ...]:
    return scores.problems


def _history(history: History | Iterable[HistoryEntry] | None) -> History | None:
    if history is None or isinstance(history, History):
        return history
    return History(history)


def score_dataframe(
    scheme: Scheme,
    ddf: dd.DataFrame,
    *,
    history: bool = True,
    rollups: bool = True,
    earlier: History | Iterable[HistoryEntry] | None = None,
    validate: bool = True,
    kept: Sequence[str] = (),
) -> dd.DataFrame:
    """Score every record of *ddf* with *scheme*; the results as a lazy Dask DataFrame.

    Each partition is scored by :meth:`Scheme.score_batch
    <assesskit.scheme.Scheme.score_batch>` (the columns are those of
    :class:`~assesskit.dask.Layout`; values identical to ``score_batch`` on
    the same records). With *history* and a scheme with history rules (or a
    scheme with stages) the records are first shuffled by ``entity_id``, so
    the results come in entity order, not input order; *earlier* gives the
    results of earlier periods (see :class:`~assesskit.history.History`).
    With *rollups*, each result also carries the parent fields and weights
    the scheme's roll-ups read (see :func:`rollup_dataframes`).

    With *validate* (the default), every partition is validated now, and
    :class:`~assesskit.errors.InvalidInputError` lists every problem of every
    record (``row`` is the 0-based position in *ddf*); this reads and scores
    the data once more than the computation of the result. Without it, a
    partition with bad records raises when computed. *kept* input columns
    (``name``…) are passed through as text after the identity fields.
    """
    layout = Layout.of(scheme, rollups=rollups, history=history, kept=kept)
    missing = _missing_columns(scheme, ddf.columns)
    if missing:
        raise InvalidInputError(missing)
    shuffle = _needs_shuffle(scheme, history)
    plan = Plan(scheme, layout, history, _history(earlier))
    scored = _scored(plan, ddf, shuffle)
    if validate:
        found = [f for group in compute(*map(delayed(_problems), scored)) for f in group]
        if found:
            raise InvalidInputError(_rows_of(ddf, found))
    frames = [delayed(_frame_or_raise)(s, layout) for s in scored]
    return _from_delayed(frames, layout)


def _from_delayed(frames: list[Delayed], layout: Layout) -> dd.DataFrame:
    # Dask turns object columns of a meta into text by default: list outcomes must stay lists.
    with dask.config.set({"dataframe.convert-string": False}):
        frame: dd.DataFrame = dd.from_delayed(frames, meta=layout.meta(), verify_meta=False)
    return frame


def _rows_of(ddf: dd.DataFrame, found: Sequence[Found]) -> list[Problem]:
    """Problems located at their 0-based row in *ddf* (partition lengths read once more)."""
    lengths = map_partitions(ddf, len, meta=(None, "int64")).compute().tolist()
    offsets = np.concatenate([[0], np.cumsum(lengths)]).tolist()
    located = []
    for item in sorted(found, key=lambda f: (f.tag[1], f.tag[2])):
        _, part, local = item.tag
        row = int(offsets[part]) + local
        first = "" if item.also is None else f"row {int(offsets[item.also[1]]) + item.also[2] + 1}"
        located.append(attrs.evolve(item.problem_at(first), row=row))
    return located


def rollup_dataframes(scheme: Scheme, results: dd.DataFrame) -> list[dd.DataFrame]:
    """The scheme's roll-ups of *results* (scored with ``rollups=True``), one frame each.

    Equal to :func:`assesskit.hierarchy.roll_up` on the same results
    (member ids are not listed); sort by ``unit_id`` and period for its order.
    """
    return [rollup_frame(scheme, rollup, results) for rollup in scheme.rollups]


@attrs.frozen
class FileScores:
    """What :func:`score_files` wrote: result files, roll-up files, counts and notes."""

    files: tuple[str, ...]
    rollup_files: tuple[str, ...]
    records: int
    partitions: int
    notes: tuple[str, ...] = ()


def _write_part(
    scores: PartitionScores,
    layout: Layout,
    output: Output,
    staging: str,
    number: int,
    excel: bool = False,
) -> tuple[int, tuple[Found, ...]]:
    if scores.frame is None:
        return scores.rows, scores.problems
    path = f"{staging}/{output.part_name(number)}"
    if output.format == "csv":
        whole = output.mode != "file"
        data = csv_bytes(layout, scores.frame, header=whole, bom=whole, excel=excel)
    else:
        data = parquet_bytes(layout, scores.frame)
    write_file(path, data)
    return scores.rows, ()


def _orphans(frame: pd.DataFrame, field: str, stage: str | None) -> int:
    missing = frame[field].isna()
    if stage is not None:
        missing &= (frame[STAGE_FIELD] == stage).fillna(False)
    return int(missing.sum())


def score_files(
    scheme: Scheme,
    source: Input,
    output: Output,
    *,
    history: bool = True,
    earlier: History | None = None,
    rollups: bool = True,
    progress: Callable[[str], None] | None = None,
    protected: Sequence[Protected] = (),
    force: bool = False,
    kept: Sequence[str] = (),
    excel: bool = False,
) -> FileScores:
    """Score *source* and write the results to *output*, in one pass over the data.

    Raises :class:`~assesskit.io.located.BadRecordsError` naming every bad
    record by file and line (CSV) or row (Parquet); then nothing is written.
    Roll-ups go to ``<output stem>.rollups.<level>.<format>`` beside the
    output, sorted by unit and period.

    Before anything is scored, and again before anything is moved into
    place, the output is checked (:meth:`~assesskit.dask.Output.check`):
    it may not replace an input file, one of *protected* (history files),
    a device, a folder holding files assesskit did not write, or a
    read-only file unless *force*. Raises
    :class:`~assesskit.io.destination.OutputPathError` then.

    *kept* input columns (``name``…) are written beside the results, as
    text; with *excel*, CSV cells Excel would turn into dates or numbers
    (``2026-07``, ``007``) are written ``="2026-07"``, as ``--excel`` does.
    """
    guarded = [*protect(source.files, "input"), *protected]
    output.check(guarded, force)
    for rollup in scheme.rollups if rollups else ():
        OutputFile(_rollup_path(output, rollup.level), guarded, force).check()
    layout = Layout.of(scheme, rollups=True, history=history, kept=kept)
    missing = _missing_columns(scheme, source.frame.columns, "file")
    shown = ", ".join(source.files[:3]) + (" ..." if len(source.files) > 3 else "")
    if missing:
        raise BadRecordsError([LocatedProblem(p, shown) for p in missing])
    shuffle = _needs_shuffle(scheme, history)
    plan = Plan(scheme, layout, history, earlier)
    scored = _scored(plan, source.frame, shuffle)
    staging = output.staging()
    try:
        writes = [
            delayed(_write_part)(s, layout, output, staging, n, excel) for n, s in enumerate(scored)
        ]
        lazy_rollups: list[Any] = []
        orphans: list[Any] = []
        if rollups and scheme.rollups:
            results = _from_delayed([delayed(_frame_or_empty)(s, layout) for s in scored], layout)
            # every lazy value as Delayed: one graph, so each partition is scored once
            lazy_rollups = [to_delayed(frame) for frame in rollup_dataframes(scheme, results)]
            orphans = [
                map_partitions(results, _orphans, r.parent_field, r.stage, meta=(None, "int64"))
                .sum()
                .to_delayed()
                for r in scheme.rollups
            ]
        if progress is not None:
            progress(f"scoring {len(scored)} partition(s)")
        done, computed_rollups, computed_orphans = compute(writes, lazy_rollups, orphans)
        found = [f for _, problems in done for f in problems]
        if found:
            raise BadRecordsError(_locate(source, found))
        files = output.commit(staging, len(scored), layout, guarded, force)
    except BaseException:
        output.discard(staging)
        raise
    rollup_files: list[str] = []
    notes: list[str] = []
    for rollup, parts, orphan in zip(
        scheme.rollups, computed_rollups, computed_orphans, strict=True
    ):
        table = pd.concat(parts, ignore_index=True)
        ordered = table.sort_values([UNIT_FIELD, scheme.period_field], kind="stable")
        path = _rollup_path(output, rollup.level)
        OutputFile(path, guarded, force).write([_rollup_bytes(ordered, output.format)])
        rollup_files.append(path)
        if orphan:
            notes.append(
                f"{orphan} result(s) without {rollup.parent_field} are left out of the "
                f"{rollup.level} roll-up"
            )
    return FileScores(
        tuple(files),
        tuple(rollup_files),
        sum(rows for rows, _ in done),
        len(scored),
        tuple(notes),
    )


def _rollup_path(output: Output, level: str) -> str:
    target = output.target.replace("*", "")
    stem = target
    for suffix in (".csv", ".parquet", ".parq", ".pq"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    return f"{stem.rstrip('-_.')}.rollups.{level}.{output.format}"


def _rollup_bytes(table: pd.DataFrame, fmt: str) -> bytes:
    if fmt == "csv":
        text: str = table.to_csv(index=False, lineterminator="\r\n")
        return ("\ufeff" + text).encode("utf-8")
    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _locate(source: Input, found: Sequence[Found]) -> list[LocatedProblem]:
    """Name every problem by file and line (CSV) or row (Parquet), in file order."""
    frame = source.frame
    offsets: dict[int, int] = {}
    if source.format == "csv":
        counts = map_partitions(
            frame,
            lambda part: pd.DataFrame(
                {
                    "rows": [len(part)],
                    "source": [str(part["__source__"].iloc[0]) if len(part) else ""],
                }
            ),
            meta={"rows": "int64", "source": object},
        ).compute()
        running: dict[str, int] = {}
        for number, (rows, path) in enumerate(zip(counts["rows"], counts["source"], strict=True)):
            offsets[number] = running.get(path, 0)
            if path:
                running[path] = running.get(path, 0) + int(rows)

    def index_of(tag: Tag) -> int:
        _, part, local = tag
        return local if source.format == "parquet" else offsets.get(part, 0) + local

    wanted: dict[str, set[int]] = {}
    for item in found:
        for tag in (item.tag, item.also):
            if tag is not None and tag[0] is not None:
                wanted.setdefault(tag[0], set()).add(index_of(tag))
    lines = {
        path: record_lines(path, source.encoding, indices) if source.format == "csv" else {}
        for path, indices in wanted.items()
    }

    given = {os.path.abspath(name): name for name in source.files}

    def where(tag: Tag) -> SourceRecord:
        path = given.get(os.path.abspath(tag[0]), tag[0]) if tag[0] else "input"
        index = index_of(tag)
        if source.format == "csv":
            line = lines.get(tag[0] or "", {}).get(index)
            location = f"line {line}" if line is not None else f"record {index + 1}"
        else:
            location = f"row {index + 1}"
        return SourceRecord({}, path, location)

    order = {os.path.abspath(path): position for position, path in enumerate(source.files)}
    ordered = sorted(
        found, key=lambda f: (order.get(os.path.abspath(f.tag[0] or ""), -1), index_of(f.tag))
    )
    located = []
    for item in ordered:
        record = where(item.tag)
        first = "" if item.also is None else f"at {where(item.also).where()}"
        located.append(LocatedProblem(item.problem_at(first), record.source, record))
    return located
