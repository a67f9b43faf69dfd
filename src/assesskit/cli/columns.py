"""``--map`` and ``--strict``: which field each input column gives (:mod:`assesskit.io.headers`).

Warnings (a column resembling a field) go to stderr once per file and leave
the exit status alone; with ``--strict`` they are problems of the input,
and nothing is scored.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import attrs

from assesskit.cli.common import Console
from assesskit.cli.errors import UsageError
from assesskit.controls import terminal_safe
from assesskit.io.column_map import read_column_map
from assesskit.io.headers import FieldNames, HeaderMatch, HeaderReader, UnknownFieldError
from assesskit.io.records import InputFileError, InputTable
from assesskit.scheme import Scheme

__all__ = ["add_column_options", "header_reader", "named_tables"]


def add_column_options(parser: argparse.ArgumentParser) -> None:
    """The ``--map`` and ``--strict`` options of commands that read input records."""
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COL=METRIC|FILE",
        help="read column COL as METRIC (repeatable), or every 'column,metric' of a CSV "
        "or TOML file; columns are otherwise matched by id, label (English or Chinese) "
        "or alias",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="a column that resembles a metric but names none is an error, not a warning",
    )


def header_reader(args: argparse.Namespace, console: Console, scheme: Scheme) -> HeaderReader:
    """How the columns of each input file are read, with the ``--map`` of *args*.

    Raises :class:`UsageError` for a map naming a field the scheme lacks,
    :class:`InputFileError` for a map file that cannot be read.
    """
    try:
        names = FieldNames.of(scheme, read_column_map(getattr(args, "map", [])))
    except UnknownFieldError as exc:
        raise UsageError(str(exc)) from None
    strict = bool(getattr(args, "strict", False))

    def read(source: str, columns: Sequence[str]) -> HeaderMatch:
        match = names.match(source, columns)
        if strict:
            return attrs.evolve(match, problems=match.problems + match.warnings, warnings=())
        for warning in match.warnings:
            console.err.write(f"assesskit: warning: {terminal_safe(warning)} (it is ignored)\n")
        return match

    return read


def named_tables(tables: Sequence[InputTable], reader: HeaderReader) -> list[InputTable]:
    """*tables* with their columns renamed to the fields they give.

    Raises :class:`InputFileError` listing every problem of every file.
    """
    problems: list[str] = []
    named: list[InputTable] = []
    for table in tables:
        match = reader(table.source, table.columns)
        problems += match.problems
        named.append(match.table(table))
    if problems:
        raise InputFileError(problems)
    return named
