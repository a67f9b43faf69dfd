"""Constraints between input fields of one record (domain rules across fields)."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import numpy as np

from assesskit._batchmath import BoolArray
from assesskit._exact import format_number
from assesskit.errors import Problem
from assesskit.metrics import MetricValue

if TYPE_CHECKING:
    from assesskit.rules.context import BatchRuleContext

__all__ = ["AtLeastOneGiven", "Constraint", "NotAbove", "WithinPerIncident"]


class Constraint(abc.ABC):
    """A rule that ties several input fields of one record together."""

    @abc.abstractmethod
    def fields(self) -> tuple[str, ...]:
        """The fields involved; the first is the one reported."""

    @abc.abstractmethod
    def check(self, values: Mapping[str, MetricValue]) -> Problem | None:
        """A problem when *values* break the constraint (fields present or not)."""

    @abc.abstractmethod
    def violations(self, ctx: BatchRuleContext) -> BoolArray:
        """Rows of a batch that break the constraint."""

    @abc.abstractmethod
    def words(self) -> str:
        """The constraint in words."""

    def words_zh(self) -> str:
        """The constraint in Chinese words (``--lang zh``); by default its English :meth:`words`
        (a formula of ids and numbers reads the same)."""
        return self.words()


@attrs.frozen
class NotAbove(Constraint):
    """``field <= limit`` (e.g. ``eligible_households <= relocated_households``)."""

    field: str
    limit: str

    def fields(self) -> tuple[str, ...]:
        return (self.field, self.limit)

    def check(self, values: Mapping[str, MetricValue]) -> Problem | None:
        a, b = values.get(self.field), values.get(self.limit)
        if isinstance(a, Fraction) and isinstance(b, Fraction) and a > b:
            return Problem(self.field, a, f"must not exceed {self.limit} ({format_number(b)})")
        return None

    def violations(self, ctx: BatchRuleContext) -> BoolArray:
        a, b = ctx.column(self.field), ctx.column(self.limit)
        with np.errstate(invalid="ignore"):
            out: BoolArray = a > b  # NaN compares false: missing is not a violation here
        return out

    def words(self) -> str:
        return f"{self.field} <= {self.limit}"


@attrs.frozen
class WithinPerIncident(Constraint):
    """``low × incidents <= deduction <= high × incidents`` (graded deductions)."""

    deduction: str
    incidents: str
    low: Fraction
    high: Fraction

    def fields(self) -> tuple[str, ...]:
        return (self.deduction, self.incidents)

    def check(self, values: Mapping[str, MetricValue]) -> Problem | None:
        d, n = values.get(self.deduction), values.get(self.incidents)
        if (
            isinstance(d, Fraction)
            and isinstance(n, Fraction)
            and not (self.low * n <= d <= self.high * n)
        ):
            return Problem(self.deduction, d, self._rule(n))
        return None

    def _rule(self, n: Fraction) -> str:
        return (
            f"must be between {format_number(self.low)} and {format_number(self.high)} points "
            f"per incident: {format_number(self.low * n)}..{format_number(self.high * n)} "
            f"for {self.incidents} = {format_number(n)}"
        )

    def violations(self, ctx: BatchRuleContext) -> BoolArray:
        d, n = ctx.column(self.deduction), ctx.column(self.incidents)
        # d has at most 2 decimals and n is whole: compare in exact hundredths.
        with np.errstate(invalid="ignore"):
            dh = np.rint(d * 100)
            lo = n * float(self.low * 100)
            hi = n * float(self.high * 100)
            out: BoolArray = (dh < lo) | (dh > hi)
        return out

    def describe(self, n_values: Fraction) -> str:
        """The rule for a given number of incidents."""
        return self._rule(n_values)

    def words(self) -> str:
        return (
            f"{format_number(self.low)} × {self.incidents} <= {self.deduction} "
            f"<= {format_number(self.high)} × {self.incidents}"
        )


@attrs.frozen
class AtLeastOneGiven(Constraint):
    """At least one of several fields is given (e.g. at least one rater rated)."""

    names: tuple[str, ...]

    def fields(self) -> tuple[str, ...]:
        return self.names

    def check(self, values: Mapping[str, MetricValue]) -> Problem | None:
        if all(values.get(n) is None for n in self.names):
            return Problem(
                self.names[0], None, f"at least one of {', '.join(self.names)} must be given"
            )
        return None

    def violations(self, ctx: BatchRuleContext) -> BoolArray:
        out = np.ones(ctx.size, dtype=bool)
        for name in self.names:
            out &= ctx.missing(name)
        return out

    def words(self) -> str:
        return f"at least one of {', '.join(self.names)} is given"

    def words_zh(self) -> str:
        return f"{'、'.join(self.names)} 至少填写一项"
