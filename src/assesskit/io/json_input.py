"""JSON input: an array of objects, one record each."""

from __future__ import annotations

from decimal import Decimal

from assesskit.controls import trimmed
from assesskit.io.decode import decode_text
from assesskit.io.json_text import JsonObject, load_json
from assesskit.io.records import InputFileError, InputTable, SourceRecord

__all__ = ["read_json"]


def read_json(data: bytes, source: str, encoding: str | None = None) -> InputTable:
    """Read a JSON array of objects from *source*.

    Numbers with a fraction are read as decimals, exactly as written
    (``0.0713`` is 713/10000, never a binary float). An item that is not an
    object, or that gives a key twice, is an error naming its position;
    ``NaN`` and ``Infinity`` are not numbers (see :mod:`~assesskit.io.json_text`).

    >>> table = read_json(b'[{"entity_id": "LO-1", "overdue_ratio": 0.0713}]', "a.json")
    >>> table.records[0].values["overdue_ratio"], table.records[0].location
    (Decimal('0.0713'), 'item 1')
    """
    text, note = decode_text(data, source, encoding)
    document = load_json(text, source)
    if not isinstance(document, list):
        raise InputFileError(
            [f"{source}: expected a JSON array of records, found {_kind(document)}"]
        )
    problems: list[str] = []
    records: list[SourceRecord] = []
    columns: dict[str, None] = {}
    for index, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            problems.append(f"{source} item {index}: expected an object, found {_kind(item)}")
            continue
        if isinstance(item, JsonObject) and item.repeated:
            problems += [
                f"{source} item {index}: key {key!r} is given more than once"
                for key in item.repeated
            ]
            continue
        columns.update(dict.fromkeys(str(k) for k in item))
        values = {str(k): trimmed(v) if type(v) is str else v for k, v in item.items()}
        records.append(SourceRecord(values, source, f"item {index}"))
    if problems:
        raise InputFileError(problems)
    return InputTable(source, tuple(columns), tuple(records), (note,) if note else ())


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "a number" if isinstance(value, int | Decimal) else type(value).__name__
