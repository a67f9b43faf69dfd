"""JSON input: an array of objects, one record each."""

from __future__ import annotations

import json
from decimal import Decimal

from assesskit.io.decode import decode_text
from assesskit.io.records import InputFileError, InputTable, SourceRecord

__all__ = ["read_json"]


def read_json(data: bytes, source: str, encoding: str | None = None) -> InputTable:
    """Read a JSON array of objects from *source*.

    Numbers with a fraction are read as decimals, exactly as written
    (``0.0713`` is 713/10000, never a binary float). An item that is not an
    object is an error naming its position.

    >>> table = read_json(b'[{"entity_id": "LO-1", "overdue_ratio": 0.0713}]', "a.json")
    >>> table.records[0].values["overdue_ratio"], table.records[0].location
    (Decimal('0.0713'), 'item 1')
    """
    text, note = decode_text(data, source, encoding)
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            [f"{source} line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}"]
        ) from None
    if not isinstance(document, list):
        raise InputFileError(
            [f"{source}: expected a JSON array of records, found {type(document).__name__}"]
        )
    problems: list[str] = []
    records: list[SourceRecord] = []
    columns: dict[str, None] = {}
    for index, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            problems.append(f"{source} item {index}: expected an object, found {_kind(item)}")
            continue
        columns.update(dict.fromkeys(str(k) for k in item))
        values = {str(k): v.strip() if isinstance(v, str) else v for k, v in item.items()}
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
    if isinstance(value, bool):
        return "true" if value else "false"
    return "a number" if isinstance(value, int | Decimal) else type(value).__name__
