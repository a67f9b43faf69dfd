"""Reading JSON text strictly: exact decimals, no repeated keys, no NaN, bounded depth and size.

Python's :mod:`json` is lenient where assesskit must not be: it takes the
last value of a repeated key, reads ``NaN`` and ``Infinity``, expands an
integer of any length (or fails deep inside with "Exceeds the limit"), and
recurses once per level of nesting. :func:`load_json` reads the same text
with these closed:

- numbers with a fraction are ``Decimal`` exactly as written; an integer
  of more than 30 digits is a ``Decimal`` too (the metric's limits then
  refuse it with the usual message, never a crash);
- ``NaN``, ``Infinity`` and ``-Infinity`` become the *text* ``"NaN"``...,
  which is not a number anywhere, exactly as in a CSV file;
- every object remembers the keys it repeats (:attr:`JsonObject.repeated`),
  so the caller can name the record and the key;
- nesting deeper than Python can follow is a clear error, not a crash.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from assesskit.io.records import InputFileError
from assesskit.reading import NonFinite

__all__ = ["TOO_DEEP", "JsonObject", "NonFinite", "load_json", "parse_json"]

_LONG_INTEGER = 30
#: What is wrong with JSON nested deeper than Python can follow.
TOO_DEEP = "not valid JSON: arrays or objects nested too deeply"


class JsonObject(dict[str, Any]):
    """A JSON object, and the keys it gave more than once (the last value is kept)."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    found = JsonObject(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        twice: list[str] = []
        for key, _ in pairs:
            if key in seen and key not in twice:
                twice.append(key)
            seen.add(key)
        found.repeated = tuple(twice)
    return found


def _integer(text: str) -> int | Decimal:
    return int(text) if len(text) <= _LONG_INTEGER else Decimal(text)


def _fraction(text: str) -> Decimal | str:
    """A number with a fraction or an exponent, exactly; beyond ``Decimal``'s range, the text.

    The text is then refused by the metric as text is (``1e99999999999999999999``
    has too many digits), with the usual message, never a crash here.
    """
    try:
        return Decimal(text)
    except ArithmeticError:
        return text


def parse_json(text: str) -> Any:
    """Parse the JSON *text* by the module's rules.

    Raises :class:`json.JSONDecodeError` for a syntax error and
    :class:`RecursionError` for nesting deeper than Python can follow.
    """
    return json.loads(
        text,
        parse_float=_fraction,
        parse_int=_integer,
        parse_constant=NonFinite,
        object_pairs_hook=_object,
    )


def load_json(text: str, source: str) -> Any:
    """Parse the JSON *text* read from *source* (see the module's rules).

    Raises :class:`~assesskit.io.records.InputFileError` naming *source*
    and, for a syntax error, the line and column.
    """
    try:
        return parse_json(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            [f"{source} line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}"]
        ) from None
    except RecursionError:
        raise InputFileError([f"{source}: {TOO_DEEP}"]) from None
