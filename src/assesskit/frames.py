"""Scoring a pandas or polars DataFrame: the results as a DataFrame, history rules included.

>>> from assesskit.frames import score_frame  # doctest: +SKIP
>>> out = score_frame("microloan.loan-officer", df)  # doctest: +SKIP

:func:`score_frame` scores every row on the batch path
(:meth:`Scheme.score_batch <assesskit.scheme.Scheme.score_batch>`), then
decides the history rules for every row at once
(:func:`~assesskit.scoring.history_batch.apply_history_batch`, the stage the
Dask engine uses), with earlier periods from the frame itself and from
*history*. The answer is :func:`~assesskit.pipeline.score_records`'s on the
same records, value for value (property tests hold them equal), in the
columns of ``assesskit score --format csv``:

``entity_id``, the period field, the stage fields of a scheme with review
stages, the columns passed through (below), ``total``, ``band``, ``vetoed``,
each component's points, each outcome (the scheme's, then each history
rule's and the triggers that fired), ``notes``.

Dtypes (:mod:`assesskit._frame_table`): ids, periods (``2026-07``, never a
date), bands and notes are text; totals, points and money float64, the
float nearest the published 2-decimal value (``Decimal(repr(x))`` is the
exact value: ``4595.9`` for 4595.90); numbers float64; ``vetoed`` bool;
flag outcomes nullable booleans; lists of trigger ids Python lists
(polars: ``List(String)``). A value not given is NaN or ``<NA>``.

Columns of the input that are not the scheme's (``name``, ``department``...)
are kept as they are, after the period (as in the CSV output); one whose
name is an output column's is kept as ``input.<name>``.

A bad record raises :class:`~assesskit.errors.InvalidInputError` listing
every problem of every record (record, field, value and rule), as
:func:`~assesskit.pipeline.score_records` does, the same entity and period
twice included; nothing is scored then. A scheme with review stages is
scored record by record (stages relate records to each other), with the
same result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from assesskit._frame_history import earlier_entries
from assesskit._frame_input import InputFrame, read_frame
from assesskit._frame_run import result_columns
from assesskit._frame_table import FrameColumn, frame_kind, make_frame
from assesskit.errors import InputTypeError, InvalidInputError
from assesskit.history import HistoryEntry
from assesskit.io.layout import kept_headers, value_columns
from assesskit.pipeline import prepare_records, score_prepared
from assesskit.plugins import get_scheme
from assesskit.results import BatchResult
from assesskit.run.kept import kept_columns
from assesskit.scheme import Scheme
from assesskit.scoring.batch import score_columns_detail
from assesskit.scoring.exact import parse_record, score_parsed
from assesskit.scoring.history_batch import HistoryBatch, apply_history_batch
from assesskit.scoring.identity import ENTITY_FIELD, BatchIdentity
from assesskit.text import Lang, check_lang

__all__ = ["score_frame"]


def score_frame(
    scheme: Scheme | str,
    frame: Any,
    history: object = None,
    *,
    lang: Lang = "en",
) -> Any:
    """Score the records of *frame* (one per row) and return the results as a DataFrame.

    *scheme* is a :class:`~assesskit.scheme.Scheme` or a scheme id
    (``"microloan.loan-officer"``); *frame* a pandas or polars DataFrame
    whose columns are ``entity_id``, the period field and the scheme's
    inputs (any other column is passed through); the result is a frame of
    the same library, one row per input row in input order, with the
    columns of the CSV output (see the module docstring). *history* gives
    earlier periods for history rules (``dismissal``: three months in a
    row): a :class:`~assesskit.history.History`, ``HistoryEntry`` or
    ``Result`` objects, a :class:`~assesskit.pipeline.Run`, the JSON output
    of ``assesskit score`` (a path or the parsed document), a DataFrame of
    earlier results with the inputs the rules read, or a list of these.
    Notes are in *lang* (``zh-Hant``: traditional characters; an unknown language is a
    :class:`ValueError`).

    Raises :class:`~assesskit.errors.InvalidInputError` (every problem of
    every record), :class:`~assesskit.errors.HistoryError` (bad history, or
    an entity and period both in *frame* and in *history*) and
    :class:`~assesskit.errors.InputTypeError` (*frame* is no DataFrame).
    """
    check_lang(lang)
    chosen = get_scheme(scheme) if isinstance(scheme, str) else scheme
    if not isinstance(chosen, Scheme):
        raise InputTypeError(f"score_frame() takes a Scheme or a scheme id, not {scheme!r}")
    kind = frame_kind(frame)
    if kind is None:
        raise InputTypeError(
            f"score_frame() takes a pandas or polars DataFrame, not a {type(frame).__name__}"
        )
    table = read_frame(frame, kind, chosen)
    earlier = earlier_entries(history, chosen)
    columns = _scored(chosen, table, earlier, lang)
    return make_frame(_with_kept(chosen, table, columns), table.size, kind)


def _scored(
    scheme: Scheme, table: InputFrame, earlier: list[HistoryEntry] | None, lang: Lang
) -> list[FrameColumn]:
    """The result columns: the batch path when it can, else record by record."""
    if not scheme.stages and table.size:
        fast = _batch(scheme, table, earlier, lang)
        if fast is not None:
            return fast
    prepared = prepare_records(scheme, table.records())
    if prepared.failed:
        raise InvalidInputError(prepared.all_problems())
    run = score_prepared(scheme, prepared, earlier)
    return result_columns(scheme, run.results, lang)


def _batch(
    scheme: Scheme, table: InputFrame, earlier: list[HistoryEntry] | None, lang: Lang
) -> list[FrameColumn] | None:
    """The columns from the batch path; ``None`` at any sign of a bad record.

    The records are then read one by one, which names every problem.
    """
    wanted = {*scheme.metric_map, ENTITY_FIELD, scheme.period_field}
    columns = {name: values for name, values in table.columns.items() if name in wanted}
    try:
        identity = BatchIdentity.of(scheme, columns, table.size, factors=table.factors)
    except InvalidInputError:  # a bad period
        return None
    if identity.duplicates():
        return None
    try:
        result, flags_missing = score_columns_detail(scheme, columns)
    except InvalidInputError:
        return None
    history: HistoryBatch | None = None
    if scheme.history_rules:
        history = apply_history_batch(scheme, result, columns, earlier, identity=identity)
    periods = np.array([None if p is None else str(p) for p in identity.period_table], object)
    out = [
        FrameColumn(ENTITY_FIELD, "text", identity.entities),
        FrameColumn(scheme.period_field, "text", periods[identity.period_codes]),
        FrameColumn("total", "number", result.total),
        FrameColumn("band", "text", result.band),
        FrameColumn("vetoed", "bool", result.vetoed),
    ]
    outcomes = result.outcomes if history is None else history.result.outcomes
    kinds = {o.id: o.kind for o in scheme.outcomes}
    for column in value_columns(scheme):
        if column.kind == "component":
            out.append(FrameColumn(column.name, "number", result.components[column.key]))
            continue
        values = outcomes[column.key]
        kind = kinds.get(column.key)
        if kind in ("money", "number"):
            out.append(FrameColumn(column.name, "number", values))
        elif kind == "text":
            out.append(FrameColumn(column.name, "text", values))
        elif kind == "flag" or (kind is None and values.dtype == bool):
            out.append(FrameColumn(column.name, "flag", _flags(values, flags_missing, column.key)))
        else:
            out.append(FrameColumn(column.name, "list", values))
    notes = _notes(scheme, table, result, history, lang)
    out.append(FrameColumn("notes", "text", notes))
    return out


def _flags(
    values: npt.NDArray[Any], missing: Mapping[str, npt.NDArray[np.bool_]], key: str
) -> npt.NDArray[Any]:
    """A flag outcome with ``None`` where it has no value (it reads an input not given)."""
    absent = missing.get(key)
    if absent is None or not absent.any():
        return values
    out = values.astype(object)
    out[absent] = None
    return out


def _notes(
    scheme: Scheme,
    table: InputFrame,
    result: BatchResult,
    history: HistoryBatch | None,
    lang: Lang,
) -> npt.NDArray[np.object_]:
    """Each row's notes as the exact path words them, joined with `` | `` (``None``: none).

    Scoring notes (components not applicable) depend only on which
    components do not apply: one record of each such pattern is scored
    exactly and its words serve every row like it. History notes come from
    the history stage.
    """
    size = result.size
    out = np.full(size, None, dtype=object)
    if scheme.not_applicable == "rescale" and scheme.components and size:
        absent = np.stack([np.isnan(result.components[c.id]) for c in scheme.components], axis=1)
        patterns, first, codes = np.unique(absent, axis=0, return_index=True, return_inverse=True)
        words = np.full(len(patterns), None, dtype=object)
        for number, (pattern, row) in enumerate(
            zip(patterns.tolist(), first.tolist(), strict=True)
        ):
            if any(pattern):
                exact = score_parsed(scheme, parse_record(scheme, table.record(row), row))
                words[number] = " | ".join(n.get(lang) for n in exact.notes) or None
        out = words[codes.ravel()]
    if history is not None:
        noted = np.zeros(size, dtype=bool)
        for mask in history.missing.values():
            noted |= mask
        for row in np.flatnonzero(noted).tolist():
            parts = [] if out[row] is None else [out[row]]
            parts += [n.get(lang) for n in history.notes(row)]
            out[row] = " | ".join(parts) or None
    return out


def _with_kept(
    scheme: Scheme, table: InputFrame, columns: Sequence[FrameColumn]
) -> list[FrameColumn]:
    """*columns* with the input's own columns (not the scheme's) before ``total``.

    That is where the CSV output has them: after ``entity_id``, the period
    and the other identity fields (:func:`assesskit.io.layout.kept_headers`).
    """
    names = kept_columns(scheme, [tuple(table.columns)], None)  # the CLI's rule: run.kept
    headers = kept_headers(names, [c.name for c in columns])  # input.NAME on a clash
    kept = [
        FrameColumn(header, "kept", table.originals[name])
        for name, header in zip(names, headers, strict=True)
    ]
    at = next(i for i, column in enumerate(columns) if column.name == "total")
    return [*columns[:at], *kept, *columns[at:]]
