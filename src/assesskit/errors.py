"""Errors a user can fix, each naming the record, field, value and rule."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import attrs

from assesskit._exact import format_number

__all__ = [
    "AssesskitError",
    "HistoryError",
    "InputTypeError",
    "InvalidInputError",
    "ParameterError",
    "Problem",
    "RuleError",
    "SchemeDefinitionError",
    "clip",
]


#: Characters of a value shown in a message; a longer value is cut short.
SHOWN_CHARACTERS = 60


def clip(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """*text* as a message shows it: cut short when long, saying how long it was.

    >>> clip("1" * 5000, 12)
    '111111111111… (5000 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


def _one_line(text: str) -> str:
    from assesskit.controls import one_line  # errors are imported first of all

    return clip(one_line(text))


@attrs.frozen
class Problem:
    """One thing wrong with one input record.

    ``entity`` is the record's ``entity_id`` (or ``None``), ``row`` its
    position in the input (0-based, ``None`` for a single record), ``field``
    the input field, ``value`` what was given and ``rule`` the rule it broke.
    """

    field: str
    value: object
    rule: str
    entity: str | None = None
    row: int | None = None

    def where(self) -> str:
        """Say which record this is about: ``record LO-003 (row 4)``."""
        parts = []
        if self.entity is not None:
            parts.append(f"record {_one_line(self.entity)}")
        if self.row is not None:
            parts.append(f"row {self.row + 1}" if parts == [] else f"(row {self.row + 1})")
        return " ".join(parts) if parts else "record"

    def __str__(self) -> str:
        if self.value is None:
            shown = "missing"
        elif isinstance(self.value, Fraction):  # a parsed value, e.g. from a cross-field rule
            shown = format_number(self.value, 12)
        else:
            shown = clip(repr(self.value))
        return f"{self.where()}: field {self.field!r} = {shown}: {self.rule}"

    def located(self, entity: str | None, row: int | None) -> Problem:
        """Return this problem attributed to a record."""
        return attrs.evolve(self, entity=entity, row=row)


class AssesskitError(Exception):
    """Base class of every error assesskit raises on purpose."""


class InputTypeError(AssesskitError, TypeError):
    """The Python API was given something of the wrong type, named with what was expected.

    ``scheme.score(None)``, ``scheme.score_batch({"income": 5})`` (a number
    where a column belongs) and the like raise it before any work starts.
    """


class InvalidInputError(AssesskitError, ValueError):
    """Input records broke the scheme's rules; ``problems`` lists them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        records = {(p.entity, p.row) for p in self.problems}
        head = (
            f"{len(self.problems)} problem(s) in {len(records)} record(s):"
            if self.problems
            else "invalid input"
        )
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class SchemeDefinitionError(AssesskitError, ValueError):
    """A scheme definition is inconsistent (weights, bands, unknown metrics...)."""

    def __init__(self, scheme_id: str, problems: Iterable[str]) -> None:
        self.scheme_id = scheme_id
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(
            "\n".join([f"scheme {scheme_id!r} is invalid:", *(f"  - {p}" for p in self.problems)])
        )


class ParameterError(AssesskitError, ValueError):
    """A scheme parameter is unknown or has a value outside its domain."""


class HistoryError(AssesskitError, ValueError):
    """Earlier results given as history are inconsistent (duplicates, other scheme)."""


class RuleError(AssesskitError, TypeError):
    """A rule broke the rule protocol while scoring (float points from the exact path...).

    ``component`` and ``rule_kind`` name the component and the kind of its rule.
    """

    def __init__(self, component: str, rule_kind: str, message: str) -> None:
        self.component = component
        self.rule_kind = rule_kind
        super().__init__(f"component {component!r} (rule kind {rule_kind!r}): {message}")
