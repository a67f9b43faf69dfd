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
import numpy.typing as npt

from assesskit._batchmath import TIE_TOLERANCE, BoolArray, FloatArray
from assesskit._exact import decimal_places, format_number, format_percent, to_fraction
from assesskit.errors import Problem
from assesskit.expressions import BatchValue, Param
from assesskit.metrics import Direction, Metric, MetricKind, MetricValue
from assesskit.rules.base import (
    BatchRuleContext,
    BatchScored,
    Constraint,
    Rule,
    RuleContext,
    Scored,
)
from assesskit.targets.schedule import (
    KIND_LABELS,
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


def weight_words(weight: Fraction) -> str:
    """A weight for an explanation: ``20`` or ``100/11`` (exact, never ``≈``)."""
    places = decimal_places(weight)
    if places is not None and places <= 4:
        return format_number(weight)
    return f"{weight.numerator}/{weight.denominator}"


def _ratio_words(a: Fraction, b: Fraction) -> str:
    return f"{format_number(a, 6)}/{format_number(b, 6)}"


@attrs.frozen
class _BatchVerdicts:
    """A target over a batch: which rows are due, met, in error, and their attainment."""

    due: BoolArray
    met: BoolArray
    attainment: FloatArray
    error: BoolArray
    doubt: BoolArray


def _days(column: BatchValue) -> tuple[npt.NDArray[np.int64], BoolArray, npt.NDArray[np.int64]]:
    """A date column as days since 1970-01-01, whether given, and the year of each date."""
    values = [v if isinstance(v, dt.date) else None for v in column.data]
    days = np.array(values, dtype="datetime64[D]")
    given = ~np.isnat(days)
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    return days.astype(np.int64), given, years


def _year_end(years: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """31 December of each year, as days since 1970-01-01."""
    next_year = (years - 1969).astype("datetime64[Y]").astype("datetime64[D]")
    out: npt.NDArray[np.int64] = next_year.astype(np.int64) - 1
    return out


def _faithful(value: Fraction) -> bool:
    """Whether equal floats imply equal exact values for a figure compared with *value*.

    Figures on the batch path stand for the shortest decimal of their float;
    when *value* is that decimal of its own float, equal floats mean equal
    numbers and a comparison in float is exact.
    """
    return to_fraction(float(value)) == value


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

    # -- the model --------------------------------------------------------------

    @property
    def from_input(self) -> bool:
        """Whether the requirement comes from an input (a quota) rather than the schedule."""
        return self.required_input is not None

    def tolerance_in(self, params: Mapping[str, Any]) -> Fraction:
        """The "about" tolerance in force (0 when the target is not "about")."""
        if self.tolerance is None:
            return _ZERO
        return to_fraction(params[self.tolerance.name])

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
            self._explain(verdict, year, weight, points, ctx, deadline),
            status=verdict.status,
            details={"required": verdict.required, "attained": verdict.attained},
        )

    def _explain(
        self,
        verdict: Verdict,
        year: int,
        weight: Fraction,
        points: Fraction | None,
        ctx: RuleContext,
        deadline: dt.date | None,
    ) -> Text:
        label = self.label or ctx.label(self.input)
        if self.target_kind == "milestone":
            return self._explain_milestone(verdict, year, weight, label, deadline)
        if not verdict.due:
            return self._explain_not_due(verdict, year, label)
        assert isinstance(verdict.required, Fraction)
        assert isinstance(verdict.attained, Fraction)
        required, actual = verdict.required, verdict.attained
        a, shown_required = ctx.show(self.input, actual), self._show_required(ctx, required)
        r, rz = shown_required.en, shown_required.zh
        if self.from_input:
            phrase = Text(f"{a} of the quota {r} for {year}", f"{year}年任務 {rz},實際 {a}")
            if self.target_kind == "at_most":
                phrase = Text(
                    f"{a}, at most the quota {r} in {year}", f"{year}年應不高于 {rz},實際 {a}"
                )
        else:
            phrase = {
                "cumulative": Text(
                    f"{a} of {r} due by {year}", f"{year}年底應累計完成 {rz},實際 {a}"
                ),
                "annual": Text(f"{a} of {r} due in {year}", f"{year}年應完成 {rz},實際 {a}"),
                "at_least": Text(f"{a}, at least {r} in {year}", f"{year}年應不低于 {rz},實際 {a}"),
                "share": Text(f"{a}, at least {r} in {year}", f"{year}年應不低于 {rz},實際 {a}"),
                "at_most": Text(f"{a}, at most {r} in {year}", f"{year}年應不高于 {rz},實際 {a}"),
            }[self.target_kind]
        w = weight_words(weight)
        shown = "" if points is None else format_number(points)
        if verdict.status == "met":
            tail = Text(f"met: {w}", f"達標:{w}")
        elif verdict.attainment == 0:
            tail = Text("behind: 0", "未達標:0")
        elif self.target_kind == "at_most":
            arithmetic = f"{w} × {_ratio_words(required, actual)} = {shown}"
            tail = Text(f"behind: {arithmetic}", f"未達標:{arithmetic}")
        else:
            arithmetic = f"{w} × {_ratio_words(actual, required)} = {shown}"
            tail = Text(f"behind: {arithmetic}", f"未達標:{arithmetic}")
        return Text(f"{label.en} {phrase.en}: {tail.en}", f"{label.zh}:{phrase.zh}:{tail.zh}")

    def _show_required(self, ctx: RuleContext, required: Fraction) -> Text:
        shown = ctx.show(self.input, required)
        if self.tolerance is None:
            return Text(shown, shown)
        tolerance = self.tolerance_in(ctx.params)
        if tolerance == 0:
            return Text(f"about {shown}", f"約 {shown}")
        about = ctx.show(self.input, required / (_ONE - tolerance))
        less = format_percent(tolerance)
        return Text(f"{shown} (about {about} less {less})", f"{shown}(約 {about},容差 {less})")

    def _explain_not_due(self, verdict: Verdict, year: int, label: Text) -> Text:
        if verdict.reason == "no_quota":
            return Text(
                f"{label.en}: no quota for {year}, not due", f"{label.zh}:{year}年無任務,不考核"
            )
        assert self.schedule is not None
        if verdict.reason == "before":
            first = self.schedule.first_year
            return Text(
                f"{label.en}: not due in {year} (due from {first})",
                f"{label.zh}:{year}年未到考核期({first}年起考核)",
            )
        return Text(
            f"{label.en}: not due in {year} (due until {self.schedule.until})",
            f"{label.zh}:{year}年不在考核期內(考核至{self.schedule.until}年)",
        )

    def _explain_milestone(
        self,
        verdict: Verdict,
        year: int,
        weight: Fraction,
        label: Text,
        deadline: dt.date | None,
    ) -> Text:
        done_on = verdict.attained
        reason = verdict.reason
        if reason == "no_quota":
            return self._explain_not_due(verdict, year, label)
        if reason == "before":
            return Text(
                f"{label.en}: not due in {year} (deadline {deadline})",
                f"{label.zh}:{year}年未到期限({deadline})",
            )
        if reason == "done":
            late = (
                f" (late: the deadline was {deadline})"
                if isinstance(done_on, dt.date) and deadline is not None and done_on > deadline
                else ""
            )
            late_zh = f"(逾期:期限{deadline})" if late else ""
            return Text(
                f"{label.en}: done on {done_on}{late}, not due in {year}",
                f"{label.zh}:已于{done_on}完成{late_zh},{year}年不再考核",
            )
        w = weight_words(weight)
        if reason == "met":
            return Text(
                f"{label.en}: done on {done_on}, on or before the deadline {deadline}: met, {w}",
                f"{label.zh}:{done_on}完成,期限{deadline}:達標,{w}",
            )
        if reason == "late":
            return Text(
                f"{label.en}: done on {done_on}, after the deadline {deadline}: late, 0",
                f"{label.zh}:{done_on}完成,超過期限{deadline}:逾期,0",
            )
        later = "" if done_on is None else f"; done only on {done_on}"
        later_zh = "" if done_on is None else f";{done_on}方完成"
        return Text(
            f"{label.en}: not done by the end of {year} (deadline {deadline}{later}): behind, 0",
            f"{label.zh}:截至{year}年底未完成(期限{deadline}{later_zh}):未達標,0",
        )

    # -- Rule protocol: batch path ------------------------------------------------------

    def evaluate_batch(self, ctx: BatchRuleContext) -> _BatchVerdicts:
        """The model over a batch: due, met, attainment, error and doubt per row."""
        years = ctx.column(self.year_field)
        known = ~np.isnan(years)
        if self.target_kind == "milestone":
            return self._milestone_batch(ctx, years, known)
        figure = ctx.column(self.input)
        figure_missing = ctx.missing(self.input)
        tolerance = self.tolerance_in(ctx.params)
        if self.required_input is not None:
            quota_missing = ctx.missing(self.required_input)
            error = known & (quota_missing ^ figure_missing)
            due = known & ~quota_missing & ~figure_missing
            required = ctx.column(self.required_input) * float(_ONE - tolerance)
            exact_required = np.full(ctx.size, tolerance == 0)
        else:
            assert self.schedule is not None
            checkpoints = self.schedule.checkpoints
            cp_years = np.array([y for y, _ in checkpoints], dtype=np.float64)
            exact_values = [v * (_ONE - tolerance) for _, v in checkpoints]
            cp_values = np.array([float(v) for v in exact_values], dtype=np.float64)
            cp_faithful = np.array([_faithful(v) for v in exact_values], dtype=bool)
            index = np.searchsorted(cp_years, np.where(known, years, -np.inf), side="right") - 1
            in_range = known & (index >= 0)
            if self.schedule.until is not None:
                with np.errstate(invalid="ignore"):
                    in_range &= years <= self.schedule.until
            safe = np.clip(index, 0, None)
            required = cp_values[safe]
            exact_required = cp_faithful[safe]
            error = in_range & figure_missing
            due = in_range & ~figure_missing
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.target_kind == "at_most":
                met = figure <= required
                attainment = np.where(met, 1.0, np.maximum(required, 0.0) / figure)
            else:
                met = figure >= required
                ratio = np.clip(figure / required, 0.0, 1.0)
                attainment = np.where(required > 0, ratio, np.where(met, 1.0, 0.0))
            close = np.abs(figure - required) <= TIE_TOLERANCE * (
                1.0 + np.abs(figure) + np.abs(required)
            )
        return _BatchVerdicts(
            due=due,
            met=due & met,
            attainment=np.where(due, attainment, 0.0),
            error=error,
            doubt=due & close & ~exact_required,
        )

    def _milestone_batch(
        self, ctx: BatchRuleContext, years: FloatArray, known: BoolArray
    ) -> _BatchVerdicts:
        size = ctx.size
        done, done_given, _ = _days(ctx.raw(self.input))
        error = np.zeros(size, dtype=bool)
        if self.required_input is not None:
            deadline, deadline_given, deadline_year = _days(ctx.raw(self.required_input))
            error |= known & done_given & ~deadline_given
        else:
            assert self.deadline is not None
            epoch = dt.date(1970, 1, 1)
            deadline = np.full(size, (self.deadline - epoch).days, dtype=np.int64)
            deadline_given = np.ones(size, dtype=bool)
            deadline_year = np.full(size, self.deadline.year, dtype=np.int64)
        year = np.where(known, years, 1970.0).astype(np.int64)
        year_end = _year_end(year)
        in_deadline_year = known & deadline_given & (year == deadline_year)
        later = known & deadline_given & (year > deadline_year)
        error |= in_deadline_year & ~done_given
        met = in_deadline_year & done_given & (done <= deadline)
        done_by_year_end = done_given & (done <= year_end)
        due = (in_deadline_year & done_given) | (later & ~done_by_year_end)
        return _BatchVerdicts(
            due=due,
            met=met,
            attainment=met.astype(np.float64),
            error=error,
            doubt=np.zeros(size, dtype=bool),
        )

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        verdicts = self.evaluate_batch(ctx)
        points = np.where(verdicts.due, float(weight) * verdicts.attainment, np.nan)
        status = np.where(verdicts.due, np.where(verdicts.met, "met", "behind"), "not_due").astype(
            object
        )
        doubt = verdicts.doubt if verdicts.doubt.any() else None
        return BatchScored(points, applicable=verdicts.due, doubt=doubt, status=status)

    # -- Rule protocol: description --------------------------------------------------

    def requirement_words(self, params: Mapping[str, Any] | None = None) -> Text:
        """What the target requires, as the spec writes it (``2015: 2400; 2016: 2965``)."""
        if self.deadline is not None:
            return Text(f"on or before {self.deadline}", f"{self.deadline}前完成")
        if self.required_input is not None:
            what = "deadline" if self.target_kind == "milestone" else "quota"
            return Text(
                f"the {what} given in {self.required_input}",
                f"按 {self.required_input} 給出的{'期限' if what == 'deadline' else '任務'}",
            )
        assert self.schedule is not None
        show = format_percent if self.target_kind == "share" else format_number
        words = self.schedule.words(self.target_kind, show)
        if self.tolerance is not None:
            tolerance = self.tolerance_in(params) if params is not None else None
            less = (
                f"× (1 − {self.tolerance.name})"
                if tolerance is None
                else f"× (1 − {format_percent(tolerance)})"
            )
            words = Text(f"about {words.en}, {less}", f"約 {words.zh},{less}")
        return words

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        w = weight_words(weight)
        kind = KIND_LABELS[self.target_kind]
        what = self.requirement_words()
        label = self.label or labels.get(self.input, Text(self.input))
        if self.target_kind == "milestone":
            rule = Text(
                f"{w} when {self.input} is on or before the deadline (in the deadline's year); "
                f"in later years behind (0) while not done, not due once done",
                f"期限當年按期完成得 {w} 分,否則 0 分;此后未完成為未達標(0 分),完成后不再考核",
            )
        elif self.target_kind == "at_most":
            rule = Text(
                f"{w} when {self.input} <= required, else {w} × required / {self.input}",
                f"不高于要求得 {w} 分,否則 {w} × 要求 / 實際",
            )
        else:
            rule = Text(f"{w} × min({self.input} / required, 1)", f"{w} × min(實際 / 要求, 1)")
        due = self._due_words()
        return Text(
            f"{kind.en} target {label.en}: {what.en}; {due.en}; when due: {rule.en}",
            f"{kind.zh}目標 {label.zh}:{what.zh};{due.zh};考核時:{rule.zh}",
        )

    def _due_words(self) -> Text:
        if self.required_input is not None:
            return Text(
                f"not due when neither {self.required_input} nor {self.input} is given",
                "兩項都未給出時不考核",
            )
        if self.schedule is None:
            return Text("not due before the deadline's year", "期限所在年度之前不考核")
        first = self.schedule.first_year
        if self.schedule.until is not None:
            return Text(
                f"due {first}–{self.schedule.until}", f"{first}–{self.schedule.until}年考核"
            )
        if self.target_kind == "cumulative":
            return Text(
                f"due from {first}; after the last checkpoint the final value stays due",
                f"{first}年起考核;最后節點之后按最終數考核",
            )
        return Text(f"due from {first}", f"{first}年起考核")

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
