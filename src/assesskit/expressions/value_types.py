"""Static types of expression values: a number of some quantity, a flag, a text...

Each expression node infers its own type (``Node.check_type``) from these;
the rules and the checker that applies them to a scheme are in
:mod:`assesskit.expr_types`.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "FLAG",
    "KIND_WORDS",
    "LIST",
    "NONE",
    "NUMBER",
    "TEXT",
    "UNKNOWN",
    "TypeKind",
    "ValueType",
    "product_quantity",
]

#: The broad type of a value.
TypeKind = Literal["number", "flag", "text", "date", "period", "list", "none", "unknown"]

_QUANTITY_WORDS = {
    "ratio": "a ratio",
    "count": "a count",
    "money": "money",
    "rating": "a rating",
    "points": "percentage points",
    "year": "a year",
    "score": "the total (points)",
}
_NOUNS = {"points": "percentage points", "score": "total"}
#: Each broad type for a message.
KIND_WORDS: dict[TypeKind, str] = {
    "number": "a number",
    "flag": "a flag (true/false)",
    "text": "text",
    "date": "a date",
    "period": "a period",
    "list": "a list",
    "none": "no value",
    "unknown": "a value of unknown type",
}


@attrs.frozen
class ValueType:
    """The static type of an expression.

    ``quantity`` is what a number measures (``money``, ``ratio``, ``count``,
    ``rating``, ``points``, ``year``, ``score`` for the total); ``None`` for
    a plain number, which goes with any quantity.
    """

    kind: TypeKind
    quantity: str | None = None

    def words(self) -> str:
        """The type for a message: ``money``, ``a flag (true/false)``."""
        if self.kind == "number" and self.quantity is not None:
            return _QUANTITY_WORDS.get(self.quantity, self.quantity)
        return KIND_WORDS[self.kind]

    def noun(self) -> str:
        """The type as a noun before a name: ``flag`` in ``flag 'fraud'``."""
        if self.kind == "number" and self.quantity is not None:
            return _NOUNS.get(self.quantity, self.quantity)
        return "value" if self.kind == "unknown" else self.kind

    @property
    def loose(self) -> bool:
        """Whether the type goes with any other (unknown, or no value)."""
        return self.kind in ("unknown", "none")


NUMBER = ValueType("number")
FLAG = ValueType("flag")
TEXT = ValueType("text")
LIST = ValueType("list")
NONE = ValueType("none")
UNKNOWN = ValueType("unknown")


def product_quantity(left: str | None, right: str | None, op: str) -> str | None:
    """What a product or quotient measures: ``money × ratio`` is money, ``money / 100`` money."""
    if op == "/":
        return left if right is None else None
    if left is None or left == "ratio":
        return right if right is not None else left
    if right is None or right == "ratio":
        return left
    return None
