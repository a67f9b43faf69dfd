"""Canonical, JSON-able data for scheme definitions (fingerprints, ``show --format json``)."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from assesskit._exact import format_number
from assesskit.periods import Period

__all__ = ["fingerprint", "to_data"]


def to_data(obj: Any) -> Any:
    """Turn a definition object into plain JSON-able data, recursively.

    attrs instances become ``{"type": ClassName, field: ...}`` (but fields whose
    metadata says ``identity: False``, which only present results); fractions
    become exact strings (``"100/9"`` or ``"0.05"``).
    """
    if attrs.has(type(obj)):
        out: dict[str, Any] = {"type": type(obj).__name__}
        for field in attrs.fields(type(obj)):
            if field.metadata.get("identity") is False:
                continue  # presentation only (a scheme's summary columns)
            value = getattr(obj, field.name)
            if field.metadata.get("omit_empty") and not value:
                continue  # a field added later: definitions without it keep their fingerprint
            out[field.name] = to_data(value)
        return out
    if isinstance(obj, Fraction):
        text = format_number(obj, 30)
        return text if not text.startswith("≈") else f"{obj.numerator}/{obj.denominator}"
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dt.date | Period):
        return str(obj)
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))}
    if isinstance(obj, list | tuple | frozenset | set):
        items = [to_data(v) for v in obj]
        return sorted(items, key=json.dumps) if isinstance(obj, frozenset | set) else items
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    return repr(obj)


def fingerprint(data: Any) -> str:
    """A short stable hash of canonical data: ``sha256:`` and 16 hex digits."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
