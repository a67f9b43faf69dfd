"""``--history`` files: earlier JSON outputs of ``assesskit score``, for history rules."""

from __future__ import annotations

import json
from pathlib import Path

import attrs

from assesskit.errors import HistoryError, clip
from assesskit.history import HistoryEntry
from assesskit.io.inputs import readable_problem
from assesskit.io.json_text import TOO_DEEP, JsonObject, parse_json
from assesskit.scheme import Scheme

__all__ = ["HistoryFile", "read_history"]


@attrs.frozen
class HistoryFile:
    """The results of one earlier run, as history entries, with a note if it differs."""

    source: str
    entries: tuple[HistoryEntry, ...]
    note: str | None = None


def read_history(path: str, scheme: Scheme) -> HistoryFile:
    """Read the earlier output *path* of ``assesskit score`` for *scheme*.

    An output of another scheme id is an error (:class:`HistoryError`); one
    of the same scheme with another fingerprint (other parameters or another
    version) is accepted with a note. The file is read as strictly as an
    input (:mod:`~assesskit.io.json_text`: no repeated keys, no ``NaN``,
    no absurd nesting) and every result is checked
    (:meth:`~assesskit.history.HistoryEntry.from_json`); every problem of
    every result is reported at once, naming the file and the result.
    """
    problem = readable_problem(path, stdin_hint=False)
    if problem is not None:
        raise HistoryError(f"history file {problem}")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise HistoryError(f"history file {path}: cannot be read: {exc}") from None
    try:
        document = parse_json(text)
    except json.JSONDecodeError as exc:
        raise HistoryError(
            f"history file {path}: not valid JSON (line {exc.lineno}): {exc.msg}"
        ) from None
    except RecursionError:
        raise HistoryError(f"history file {path}: {TOO_DEEP}") from None
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise HistoryError(
            f"history file {path}: not an output of `assesskit score` "
            '(expected an object with "scheme" and "results")'
        )
    if isinstance(document, JsonObject) and document.repeated:
        keys = ", ".join(map(repr, document.repeated))
        raise HistoryError(f"history file {path}: key {keys} is given more than once")
    other = document.get("scheme")
    if other != scheme.id:
        raise HistoryError(
            f"history file {path} holds results of scheme {clip(repr(other))}, not {scheme.id!r}"
        )
    note = None
    fingerprint = document.get("fingerprint")
    if fingerprint != scheme.fingerprint:
        version = document.get("scheme_version")
        note = (
            f"history file {path} was scored with other parameters or another version "
            f"(fingerprint {clip(str(fingerprint))}, version {clip(str(version))}; "
            f"now {scheme.fingerprint}, "
            f"version {scheme.version}); its published totals are used as they are"
        )
    entries: list[HistoryEntry] = []
    problems: list[str] = []
    for index, item in enumerate(document["results"], start=1):
        where = f"history file {path} result {index}"
        if not isinstance(item, dict):
            problems.append(f"{where}: not an object")
            continue
        if isinstance(item, JsonObject) and item.repeated:
            problems += [f"{where}: key {key!r} is given more than once" for key in item.repeated]
            continue
        try:
            entries.append(HistoryEntry.from_json(item, scheme))
        except HistoryError as exc:
            problems += [f"{where}: {line}" for line in str(exc).splitlines()]
    if problems:
        raise HistoryError("\n".join(problems))
    return HistoryFile(path, tuple(entries), note)
