"""The constraint a target brings: a due target's inputs are given.

A due target without its figure (or a quota with only one of its two
figures) is an input error naming the field, reported with every other
problem of the input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from assesskit.constraints import Constraint
from assesskit.errors import Problem
from assesskit.metrics import MetricValue
from assesskit.targets.schedule import MissingInput

if TYPE_CHECKING:
    from assesskit._batchmath import BoolArray
    from assesskit.rules.base import BatchRuleContext
    from assesskit.targets.rule import Target

__all__ = ["TargetInputsGiven"]


@attrs.frozen
class TargetInputsGiven(Constraint):
    """A due target's inputs are given (and a quota's two figures come together)."""

    target: Target

    def fields(self) -> tuple[str, ...]:
        t = self.target
        extra = (t.required_input,) if t.required_input is not None else ()
        return (t.input, *extra, t.year_field)

    def check(self, values: Mapping[str, MetricValue]) -> Problem | None:
        t = self.target
        year = values.get(t.year_field)
        if not isinstance(year, int) or isinstance(year, bool):
            return None  # the year itself is reported (missing or outside the plan)
        given = values.get(t.required_input) if t.required_input is not None else None
        verdict = t.assess(year, values.get(t.input), given)
        if isinstance(verdict, MissingInput):
            return Problem(verdict.field, None, verdict.rule)
        return None

    def violations(self, ctx: BatchRuleContext) -> BoolArray:
        return self.target.evaluate_batch(ctx).error

    def words(self) -> str:
        t = self.target
        if t.required_input is not None:
            return f"{t.required_input} and {t.input} are given together"
        return f"{t.input} is given when target {t.name or t.input} is due in {t.year_field}"
