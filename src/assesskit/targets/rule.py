"""``Target``: the target model as a rule kind any scheme can use.

A component whose rule is a :class:`Target` reads the assessed year and the
target's figure (and, for a quota, the requirement) from the record, and
reports ``met``, ``behind`` or ``not_due`` with the required and attained
values. A target that is not due takes no part in the year's score (the
scheme rescales the other weights to 100). A due target without its figure
is an input error naming the field, reported by the constraint the rule
brings (:class:`TargetInputsGiven`), together with every other problem of
the input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np

from assesskit._batchmath import BoolArray
from assesskit._exact import format_number, to_fraction
from assesskit.errors import ParameterError, Problem
from assesskit.expressions import Param
from assesskit.metrics import Direction, Metric, MetricKind, MetricValue
from assesskit.periods import PeriodKind
from assesskit.rules.base import (
    BatchRuleContext,
    BatchScored,
    Constraint,
    Rule,
    RuleContext,
    RuleExample,
    Scored,
)
from assesskit.targets import _batch, _words
from assesskit.targets._batch import BatchVerdicts
from assesskit.targets._words import weight_words
from assesskit.targets.schedule import (
    TARGET_KINDS,
    MissingInput,
    Schedule,
    TargetKind,
    Verdict,
    as_date,
    as_fraction,
    judge_level,
    judge_milestone,
)
from assesskit.text import Text

__all__ = ["Target", "TargetInputsGiven", "weight_words"]

_ONE = Fraction(1)
_ZERO = Fraction(0)
#: A status per code (0 not due, 1 behind, 2 met), looked up without a string per row.
_STATUS_TEXTS = np.array(["not_due", "behind", "met"], dtype=object)


@attrs.frozen
class Target(Rule):
    """A target with a schedule (目標任務), scored for the record's year.

    ``target_kind`` is one of ``cumulative``, ``annual``, ``at_least``,
    ``at_most``, ``share``, ``milestone`` (see :mod:`assesskit.targets.schedule`).
    The requirement comes from ``schedule`` (checkpoints, optionally up to
    ``until``), from ``deadline`` (a milestone), or from the input
    ``required_input`` (a quota given per record: with neither input the
    target is not due, with only one it is an error; for a milestone the
    quota is the deadline date, and a missing done-date after the deadline
    year means "not done", as for any milestone).

    ``tolerance`` names the scheme parameter of an "about N" target (約 N,
    N 名左右): the requirement is ``N × (1 − tolerance)``. ``name`` and
    ``label`` name the target in explanations and error messages;
    ``year_field`` is the input holding the assessed year.

    >>> clinics = Target("cumulative", "village_clinics_built",
    ...                  schedule=Schedule({2015: 2400, 2016: 2965}))
    >>> clinics.assess(2016, Fraction(2800), None).status
    'behind'
    >>> clinics.assess(2014, None, None).status
    'not_due'
    """

    kind: ClassVar[str] = "target"

    target_kind: TargetKind = attrs.field(validator=attrs.validators.in_(TARGET_KINDS))
    input: str
    schedule: Schedule | None = None
    deadline: dt.date | None = None
    required_input: str | None = None
    tolerance: Param | None = None
    name: str = ""
    label: Text | None = None
    year_field: str = "year"

    def __attrs_post_init__(self) -> None:
        sources = [
            s
            for s, given in (
                ("schedule", self.schedule is not None),
                ("deadline", self.deadline is not None),
                ("required_input", self.required_input is not None),
            )
            if given
        ]
        if len(sources) != 1:
            raise ValueError(
                f"target {self.name or self.input!r}: give exactly one of schedule, deadline "
                f"or required_input (got {', '.join(sources) or 'none'})"
            )
        if self.target_kind == "milestone":
            if self.schedule is not None:
                raise ValueError(
                    f"target {self.name!r}: a milestone has a deadline, not checkpoints"
                )
            if self.tolerance is not None:
                raise ValueError(f"target {self.name!r}: a milestone cannot be 'about'")
        elif self.deadline is not None:
            raise ValueError(f"target {self.name!r}: only a milestone has a deadline")
        if self.schedule is not None:
            values = [v for _, v in self.schedule.checkpoints]
            if any(v < 0 for v in values):
                raise ValueError(f"target {self.name!r}: a required value is negative")
            if self.target_kind == "share" and any(v > 1 for v in values):
                raise ValueError(f"target {self.name!r}: a share is at most 1 (100%)")

    # -- the kind's own examples (for assesskit.testing.check_rule_kind) ---------------

    @classmethod
    def example(cls) -> RuleExample:
        """The first of :meth:`examples`: an "about" cumulative target with a schedule."""
        return cls.examples()[0]

    @classmethod
    def examples(cls) -> tuple[RuleExample, ...]:
        """A target of each source of requirement: a schedule, a quota, a deadline.

        An "about" cumulative target (due 2016–2019, its tolerance a
        parameter), an ``at_most`` quota given per record, and a milestone with
        a deadline, each in an annual scheme of the years 2014–2020.
        """
        from assesskit.components import Parameter
        from assesskit.intervals import Interval

        year = Metric("year", MetricKind.YEAR, Text("year", "年度"), domain=Interval(2014, 2020))
        built = Text("clinics built", "建成卫生室")
        cost = Text("cost per patient", "次均费用")
        issued = Text("rules issued", "出台办法")
        tolerance = Parameter(
            "about_tolerance",
            Text("tolerance of 'about N'", "“约数”目标的容差"),
            default="0.1",
            kind=MetricKind.RATIO,
            domain=Interval(0, 1, upper_closed=False),
        )
        return (
            RuleExample(
                cls(
                    "cumulative",
                    "built",
                    schedule=Schedule({2016: 100, 2018: 300}, until=2019),
                    tolerance=Param("about_tolerance"),
                    name="clinics",
                    label=built,
                ),
                [year, Metric("built", MetricKind.COUNT, built, required=False)],
                weight=60,
                parameters=[tolerance],
                name="schedule",
                period=PeriodKind.ANNUAL,
                period_field="year",
            ),
            RuleExample(
                cls("at_most", "cost", required_input="cost_quota", name="cost", label=cost),
                [
                    year,
                    Metric("cost_quota", MetricKind.MONEY, cost, required=False),
                    Metric("cost", MetricKind.MONEY, cost, required=False),
                ],
                weight=40,
                name="quota",
                period=PeriodKind.ANNUAL,
                period_field="year",
            ),
            RuleExample(
                cls("milestone", "issued_on", deadline=dt.date(2016, 6, 30), label=issued),
                [year, Metric("issued_on", MetricKind.DATE, issued, required=False)],
                weight=50,
                name="milestone",
                period=PeriodKind.ANNUAL,
                period_field="year",
            ),
        )

    # -- the model --------------------------------------------------------------

    @property
    def from_input(self) -> bool:
        """Whether the requirement comes from an input (a quota) rather than the schedule."""
        return self.required_input is not None

    def tolerance_in(self, params: Mapping[str, Any]) -> Fraction:
        """The "about" tolerance in force (0 when the target is not "about")."""
        if self.tolerance is None:
            return _ZERO
        try:
            return to_fraction(params[self.tolerance.name])
        except KeyError:
            raise ParameterError(
                f"target {self.name!r} reads the parameter {self.tolerance.name!r} (its "
                "tolerance): give the scheme's parameters, e.g. params=scheme.params()"
            ) from None

    def required_in(self, year: int, params: Mapping[str, Any] | None = None) -> Fraction | None:
        """What the schedule requires in *year* (after the tolerance), ``None`` when not due.

        ``None`` too for a milestone or a quota, whose requirement is not a
        number of the schedule.
        """
        if self.schedule is None:
            return None
        value = self.schedule.required_in(year)
        if value is None:
            return None
        return value * (_ONE - self.tolerance_in(params or {}))

    def assess(
        self,
        year: int,
        actual: MetricValue,
        given_required: MetricValue,
        tolerance: Fraction = _ZERO,
    ) -> Verdict | MissingInput:
        """The verdict for *year*, or the missing input that makes the record an error."""
        if self.target_kind == "milestone":
            return self._assess_milestone(year, actual, given_required)
        figure = as_fraction(actual)
        required: Fraction | None
        if self.required_input is not None:
            required = as_fraction(given_required)
            if required is None and figure is None:
                return Verdict("not_due", None, None, _ZERO, "no_quota")
            if required is None:
                return MissingInput(
                    self.required_input,
                    f"is required when {self.input} is given "
                    f"(target {self._who()} needs both its required and actual figures)",
                )
            if figure is None:
                return MissingInput(
                    self.input,
                    f"is required when {self.required_input} is given "
                    f"(target {self._who()} needs both its required and actual figures)",
                )
        else:
            assert self.schedule is not None
            required = self.schedule.required_in(year)
            if required is None:
                reason = "before" if year < self.schedule.first_year else "after"
                return Verdict("not_due", None, figure, _ZERO, reason)
            if figure is None:
                return MissingInput(
                    self.input,
                    f"is required: target {self._who()} is due in {year} "
                    f"(required {format_number(required)})",
                )
        return judge_level(self.target_kind, figure, required * (_ONE - tolerance))

    def _assess_milestone(
        self, year: int, actual: MetricValue, given_required: MetricValue
    ) -> Verdict | MissingInput:
        done_on = as_date(actual)
        deadline = self.deadline
        if self.required_input is not None:
            deadline = as_date(given_required)
            if deadline is None:
                if done_on is not None:
                    return MissingInput(
                        self.required_input,
                        f"is required when {self.input} is given "
                        f"(milestone {self._who()} needs its deadline)",
                    )
                return Verdict("not_due", None, None, _ZERO, "no_quota")
        assert deadline is not None
        verdict = judge_milestone(year, deadline, done_on, self.input)
        if isinstance(verdict, MissingInput):
            return MissingInput(verdict.field, f"{verdict.rule} (milestone {self._who()})")
        return verdict

    def _who(self) -> str:
        name = self.name or self.input
        return f"{name} ({self.label.zh})" if self.label is not None else name

    # -- Rule protocol: exact path ---------------------------------------------------

    def inputs(self) -> tuple[str, ...]:
        extra = (self.required_input,) if self.required_input is not None else ()
        return (self.year_field, self.input, *extra)

    def constraints(self) -> tuple[Constraint, ...]:
        return (TargetInputsGiven(self),)

    def optional_inputs(self) -> frozenset[str]:
        # A target not due needs no figure; a due one without it is reported
        # by TargetInputsGiven, naming the field.
        extra = {self.required_input} if self.required_input is not None else set()
        return frozenset({self.input, *extra})

    def definition_problems(
        self, metrics: Mapping[str, Metric], params: Mapping[str, Any]
    ) -> list[str]:
        problems: list[str] = []
        year = metrics[self.year_field]
        if year.kind is not MetricKind.YEAR or not year.required:
            problems.append(
                f"the year input {self.year_field!r} must be a required metric of kind year"
            )
        wanted = "date" if self.target_kind == "milestone" else "number"
        for name in (self.input, self.required_input):
            if name is None:
                continue
            kind = metrics[name].kind
            is_date = kind is MetricKind.DATE
            if is_date != (wanted == "date") or (wanted == "number" and not kind.is_numeric):
                problems.append(
                    f"target input {name!r} is a {kind.value}; a {self.target_kind} target "
                    f"needs a {wanted}"
                )
        if self.tolerance is not None and self.tolerance_in(params) >= 1:
            problems.append(f"parameter {self.tolerance.name!r} must be below 1 (100%)")
        return problems

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        year = ctx.value(self.year_field)
        if not isinstance(year, int) or isinstance(year, bool):
            raise TypeError(f"target {self._who()}: the year {year!r} is not a year")
        given = ctx.value(self.required_input) if self.required_input is not None else None
        verdict = self.assess(year, ctx.value(self.input), given, self.tolerance_in(ctx.params))
        if isinstance(verdict, MissingInput):  # validation reports this before scoring
            raise ValueError(f"{verdict.field} {verdict.rule}")
        points = weight * verdict.attainment if verdict.due else None
        deadline = self.deadline if self.required_input is None else as_date(given)
        return Scored(
            points,
            _words.explain(self, verdict, year, weight, points, ctx, deadline),
            status=verdict.status,
            details={"required": verdict.required, "attained": verdict.attained},
        )

    # -- Rule protocol: batch path ------------------------------------------------------

    def evaluate_batch(self, ctx: BatchRuleContext) -> BatchVerdicts:
        """The model over a batch: due, met, attainment, error and doubt per row."""
        return _batch.evaluate(self, ctx)

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        verdicts = self.evaluate_batch(ctx)
        # status by code: 0 not due, 1 behind, 2 met
        codes = verdicts.due.astype(np.intp)
        codes += verdicts.met
        status = _STATUS_TEXTS[codes]
        exact = None if verdicts.exact is None else verdicts.exact.times(weight)
        if exact is not None:
            points = np.where(verdicts.due, exact.as_float(), np.nan)
            return BatchScored(points, applicable=verdicts.due, status=status, exact=exact)
        points = np.where(verdicts.due, float(weight) * verdicts.attainment, np.nan)
        doubt = verdicts.doubt if verdicts.doubt.any() else None
        return BatchScored(points, applicable=verdicts.due, doubt=doubt, status=status)

    # -- Rule protocol: description --------------------------------------------------

    def requirement_words(self, params: Mapping[str, Any] | None = None) -> Text:
        """What the target requires, as the spec writes it (``2015: 2400; 2016: 2965``)."""
        return _words.requirement_words(self, params)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return _words.describe(self, weight, labels)

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return _ZERO, weight

    def reachable(self, weight: Fraction) -> tuple[Fraction, ...] | None:
        return (_ZERO, weight) if self.target_kind == "milestone" else None

    def directions(self) -> Mapping[str, Direction]:
        if self.target_kind == "milestone":
            return {}
        better: Direction = (
            "lower_is_better" if self.target_kind == "at_most" else "higher_is_better"
        )
        out: dict[str, Direction] = {self.input: better}
        if self.required_input is not None:
            out[self.required_input] = (
                "higher_is_better" if better == "lower_is_better" else "lower_is_better"
            )
        return out

    def edges(self, params: Mapping[str, Any]) -> Mapping[str, tuple[Fraction, ...]]:
        if self.deadline is not None:
            year = self.deadline.year
            return {self.year_field: tuple(Fraction(y) for y in (year - 1, year, year + 1))}
        if self.schedule is None:
            return {}
        tolerance = self.tolerance_in(params)
        values = {_ZERO} | {v * (_ONE - tolerance) for _, v in self.schedule.checkpoints}
        years = {self.schedule.first_year - 1} | {y for y, _ in self.schedule.checkpoints}
        if self.schedule.until is not None:
            years |= {self.schedule.until, self.schedule.until + 1}
        return {
            self.input: tuple(sorted(values)),
            self.year_field: tuple(Fraction(y) for y in sorted(years)),
        }

    def may_be_not_applicable(self) -> bool:
        return True


# -- the constraint a target brings: a due target's inputs are given ---------------------------


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
        return _batch.errors(self.target, ctx)

    def words(self) -> str:
        t = self.target
        if t.required_input is not None:
            return f"{t.required_input} and {t.input} are given together"
        return f"{t.input} is given when target {t.name or t.input} is due in {t.year_field}"

    def words_zh(self) -> str:
        t = self.target
        if t.required_input is not None:
            return f"{t.required_input} 与 {t.input} 须同时填写"
        label = t.label.zh if t.label is not None else t.input
        return f"目标“{label}”到期的年度({t.year_field})须填写 {t.input}"
