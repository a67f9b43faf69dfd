"""An explicit map of columns to fields: ``--map 'col=metric'`` or ``--map FILE``.

A map file is CSV (two columns, ``column,metric``; a first row reading
exactly ``column,metric`` is a header) or TOML (``.toml``: ``"column" =
"metric"`` at the top level). Every problem of every map is reported at once.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

from assesskit.controls import trimmed
from assesskit.io.decode import decode_text
from assesskit.io.records import InputFileError

__all__ = ["read_column_map"]


def read_column_map(specs: Iterable[str]) -> dict[str, str]:
    """Column → field for every ``--map`` *spec*, in order (a later one wins).

    A spec is ``column=field`` (split at the last ``=``) unless it names an
    existing file. Raises :class:`InputFileError` listing every problem.

    >>> read_column_map(["逾期率=overdue_ratio", "a=b=c"])
    {'逾期率': 'overdue_ratio', 'a=b': 'c'}
    """
    found: dict[str, str] = {}
    problems: list[str] = []
    for spec in specs:
        if "=" in spec and not os.path.isfile(spec):
            column, _, field = spec.rpartition("=")
            if not trimmed(column) or not trimmed(field):
                problems.append(f"--map {spec!r}: give 'column=metric' or a CSV or TOML file")
                continue
            found[trimmed(column)] = trimmed(field)
            continue
        try:
            data = Path(spec).read_bytes()
        except OSError as exc:
            problems.append(f"--map {spec}: cannot be read: {exc.strerror or exc}")
            continue
        pairs, bad = _toml(data, spec) if spec.lower().endswith(".toml") else _csv(data, spec)
        found.update(pairs)
        problems += bad
    if problems:
        raise InputFileError(problems)
    return found


def _toml(data: bytes, source: str) -> tuple[dict[str, str], list[str]]:
    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"--map {source}: not valid TOML: {exc}"]
    pairs: dict[str, str] = {}
    problems: list[str] = []
    for column, field in table.items():
        if isinstance(field, str) and trimmed(field):
            pairs[trimmed(column)] = trimmed(field)
        else:
            problems.append(f"--map {source}: {column!r} must name a metric (a string)")
    return pairs, problems


def _csv(data: bytes, source: str) -> tuple[dict[str, str], list[str]]:
    try:
        text, _ = decode_text(data, source, None)
    except InputFileError as exc:
        return {}, list(exc.problems)
    pairs: dict[str, str] = {}
    problems: list[str] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        first = True
        for row in reader:
            cells = [trimmed(c) for c in row]
            if not any(cells):
                continue
            number, was_first, first = reader.line_num, first, False
            if was_first and [c.casefold() for c in cells] == ["column", "metric"]:
                continue
            if len(cells) != 2 or not all(cells):
                problems.append(f"--map {source} line {number}: expected 'column,metric'")
                continue
            pairs[cells[0]] = cells[1]
    except csv.Error as exc:
        problems.append(f"--map {source}: not valid CSV: {exc}")
    return pairs, problems
