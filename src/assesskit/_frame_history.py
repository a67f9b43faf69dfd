"""The ``history`` of :func:`assesskit.frames.score_frame`: earlier results in the forms users have.

Earlier periods may come as

- a :class:`~assesskit.history.History`, :class:`~assesskit.history.HistoryEntry`
  objects, :class:`~assesskit.results.Result` objects, or a
  :class:`~assesskit.pipeline.Run` (what :func:`~assesskit.pipeline.score_records` returns);
- the JSON output of ``assesskit score`` (the command line's ``--history``
  file): its path, or the document parsed (``Run.to_dict()`` gives one);
- a DataFrame (pandas or polars) of earlier results: ``entity_id``, the
  period field, ``total``, ``band``, ``vetoed`` and the inputs the history
  rules read — an earlier :func:`~assesskit.frames.score_frame` result
  beside its input columns;
- a list of any of these.

Each earlier result is checked as strictly as a ``--history`` file
(:meth:`HistoryEntry.from_json <assesskit.history.HistoryEntry.from_json>`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from assesskit._frame_input import read_frame
from assesskit._frame_table import frame_kind
from assesskit.errors import HistoryError, InputTypeError, clip
from assesskit.history import History, HistoryEntry
from assesskit.io.history_files import read_history
from assesskit.metrics import is_missing
from assesskit.results import Result

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["earlier_entries"]


def earlier_entries(history: object, scheme: Scheme) -> list[HistoryEntry] | None:
    """The entries of *history* (see the module docstring); ``None`` when it is ``None``."""
    if history is None:
        return None
    return list(_entries(history, scheme))


def _entries(history: object, scheme: Scheme) -> Iterable[HistoryEntry]:
    if isinstance(history, History):
        return history.entries()
    if isinstance(history, HistoryEntry):
        return [history]
    if isinstance(history, Result):
        return [HistoryEntry.from_result(history)]
    kind = frame_kind(history)
    if kind is not None:
        return _frame_entries(history, kind, scheme)
    if isinstance(history, str | os.PathLike):
        return read_history(os.fspath(history), scheme).entries
    if isinstance(history, Mapping):
        return _document_entries(history, scheme)
    results = getattr(history, "results", None)
    if isinstance(results, list) and hasattr(history, "rollups"):  # a Run
        return [HistoryEntry.from_result(r) for r in results]
    if isinstance(history, Iterable) and not isinstance(history, bytes):
        return [entry for item in history for entry in _entries(item, scheme)]
    raise InputTypeError(
        "history must be a History, HistoryEntry or Result objects, a Run, a DataFrame of "
        "earlier results, or an `assesskit score` JSON output (a path or the parsed document), "
        f"not a {type(history).__name__}"
    )


def _document_entries(document: Mapping[str, Any], scheme: Scheme) -> list[HistoryEntry]:
    results = document.get("results")
    if not isinstance(results, list):
        raise HistoryError(
            "history document: not an output of `assesskit score` "
            '(expected an object with "scheme" and "results")'
        )
    other = document.get("scheme")
    if other is not None and other != scheme.id:
        raise HistoryError(
            f"history document holds results of scheme {clip(repr(other))}, not {scheme.id!r}"
        )
    return _checked(results, scheme, "history document")


def _checked(items: list[Any], scheme: Scheme, where: str) -> list[HistoryEntry]:
    """Entries of JSON-like results, every problem of every one reported at once."""
    entries: list[HistoryEntry] = []
    problems: list[str] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            problems.append(f"{where} result {number}: not an object")
            continue
        try:
            entries.append(HistoryEntry.from_json(item, scheme))
        except HistoryError as exc:
            problems.append(f"{where} result {number}: {exc}")
    if problems:
        raise HistoryError("\n".join(problems))
    return entries


def _frame_entries(frame: Any, kind: Any, scheme: Scheme) -> list[HistoryEntry]:
    """Entries of a frame of earlier results (inputs the history triggers read included)."""
    table = read_frame(frame, kind, scheme)
    needed = ["entity_id", scheme.period_field, "total", "vetoed"]
    for rule in scheme.history_rules:
        for trigger in rule.triggers:
            needed += sorted(trigger.condition.inputs())
    absent = [name for name in dict.fromkeys(needed) if name not in table.columns]
    if absent and table.size:
        raise HistoryError(
            f"history frame has no column {', '.join(absent)}: earlier results need "
            "entity_id, the period, total, vetoed and the inputs the history rules read "
            "(join an earlier score_frame result with its input columns)"
        )
    metrics = [m.name for m in scheme.metrics if m.name in table.columns]
    items = []
    for record in table.records():
        item = {
            key: None if is_missing(record.get(key)) else record.get(key)
            for key in ("entity_id", scheme.period_field, "total", "band")
        }
        item["vetoed"] = record.get("vetoed")
        item["inputs"] = {m: record[m] for m in metrics if not is_missing(record[m])}
        items.append(item)
    return _checked(items, scheme, "history frame")
