"""How a broken invariant is reported: which invariant, which component, which record."""

from __future__ import annotations

import pprint
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from assesskit._exact import round_half_up

__all__ = ["InvariantViolation", "SchemeCheckError", "show", "show_record"]


def show(value: Any) -> str:
    """A value for a message: fractions to at most 6 decimals, ``none`` for ``None``."""
    if value is None:
        return "none"
    if isinstance(value, Fraction):
        return format(round_half_up(value, 6).normalize(), "f")
    return str(value)


def show_record(record: Mapping[str, Any], indent: str = "    ") -> str:
    """*record* as a Python literal a reader can paste into ``scheme.score(...)``."""
    text = pprint.pformat(dict(record), width=96, sort_dicts=False)
    return "\n".join(indent + line for line in text.splitlines())


class InvariantViolation(AssertionError):  # noqa: N818 - a failed check, like AssertionError
    """A scheme broke an invariant; the message holds the counterexample.

    :param invariant: the invariant's name (``monotone``, ``batch``...).
    :param scheme_id: the scheme checked.
    :param message: what went wrong, in one sentence.
    :param component: the component, veto, band, outcome or example that broke
        it, when one can be named.
    :param details: further lines (values of both records, problems found).
    :param record: the counterexample record.
    :param record_label: what the record is ("counterexample", "row 3 of 5").
    """

    def __init__(
        self,
        invariant: str,
        scheme_id: str,
        message: str,
        *,
        component: str | None = None,
        details: Sequence[str] = (),
        record: Mapping[str, Any] | None = None,
        record_label: str = "counterexample",
    ) -> None:
        self.invariant = invariant
        self.scheme_id = scheme_id
        self.message = message
        self.component = component
        self.details = tuple(details)
        self.record = None if record is None else dict(record)
        lines = [f"[{invariant}] scheme {scheme_id!r}: {message}"]
        lines += [f"  {d}" for d in self.details]
        if self.record is not None:
            lines.append(f"  {record_label}:")
            lines.append(show_record(self.record))
        super().__init__("\n".join(lines))


class SchemeCheckError(AssertionError):
    """One or more invariants failed for a scheme; ``violations`` lists them."""

    def __init__(self, scheme_id: str, violations: Iterable[AssertionError]) -> None:
        self.scheme_id = scheme_id
        self.violations = tuple(violations)
        head = f"scheme {scheme_id!r} broke {len(self.violations)} invariant(s):"
        body = "\n\n".join(str(v) for v in self.violations)
        super().__init__(f"{head}\n\n{body}")
