"""Review stages (考核階段): dated assessment steps with deadlines, and comparisons between them.

Some schemes are applied several times to the same unit and period by
different assessors: a county checks itself (自查), then its prefecture
assesses it (市州考核). A scheme declares its :class:`Stage` objects as data:
who scores whom, when the stage's window opens and closes — dates given by
:class:`DateRule` objects relative to the assessed year, never code per
scheme — and which earlier stage it requires. :class:`StageComparison`
declares a gap between the published totals of two stages of the same unit
and period, with an optional flag when the gap is above a threshold
parameter.

A record of such a scheme carries ``stage`` (a declared stage id) and
``assessed_on`` (the date the record was made, ``YYYY-MM-DD``). Records
after their stage's deadline are accepted and flagged ``late``; records
before the window opens are flagged ``early``. Each result publishes
``stage``, ``assessed_on``, ``late`` and ``early`` in
:attr:`~assesskit.results.Result.fields`; requirement and comparison values
go to its ``outcome``.

Stages relate records to each other, so they are applied to a whole input by
:func:`assesskit.pipeline.score_records`; :meth:`Scheme.score
<assesskit.scheme.Scheme.score>` scores one record's components only.

>>> deadline = LastDayOf(2)
>>> deadline.on(2023), deadline.on(2024)
(datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))
"""

from __future__ import annotations

import abc
import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from assesskit._exact import format_number
from assesskit.errors import Problem
from assesskit.metrics import Metric, MetricKind, ValueRejected, is_missing
from assesskit.results import Result
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.components import HistoryRule, Outcome, Parameter

__all__ = [
    "DATE_FIELD",
    "STAGE_FIELD",
    "DateRule",
    "DayOf",
    "LastDayOf",
    "Stage",
    "StageComparison",
    "StageReading",
    "Timing",
    "apply_stages",
    "read_stage",
    "stage_definition_problems",
]


class StagedScheme(Protocol):
    """What stages read of a scheme (a :class:`~assesskit.definition.SchemeDefinition`)."""

    @property
    def id(self) -> str: ...
    @property
    def stages(self) -> tuple[Stage, ...]: ...
    @property
    def stage_comparisons(self) -> tuple[StageComparison, ...]: ...
    @property
    def outcomes(self) -> tuple[Outcome, ...]: ...
    @property
    def parameters(self) -> tuple[Parameter, ...]: ...
    @property
    def history_rules(self) -> tuple[HistoryRule, ...]: ...
    def params(self) -> dict[str, Any]: ...


#: The input field naming a record's stage.
STAGE_FIELD = "stage"
#: The input field with the date a record was made.
DATE_FIELD = "assessed_on"

#: When a record was made relative to its stage's window.
Timing = Literal["early", "on_time", "late"]

_MONTHS_EN = (
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
# The fewest days each month has in any year (February: 28).
_FEWEST_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_month(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 12:
        raise ValueError(f"{attribute.name} {value} is not a month 1..12")


def _year_words(years_after: int) -> Text:
    if years_after == 0:
        return Text("of the assessed year", "当年")
    if years_after == 1:
        return Text("of the year after the assessed year", "次年")
    if years_after > 0:
        return Text(f"of the assessed year + {years_after}", f"考核年度后第{years_after}年")
    return Text(f"of the assessed year - {-years_after}", f"考核年度前第{-years_after}年")


class DateRule(abc.ABC):
    """A date relative to the assessed year, e.g. "20 February of the year after"."""

    @abc.abstractmethod
    def on(self, year: int) -> dt.date:
        """The date this rule gives for the assessed *year*."""

    @abc.abstractmethod
    def words(self) -> Text:
        """The rule in words, for explanations and ``assesskit show``."""


@attrs.frozen
class DayOf(DateRule):
    """Day *day* of *month* in the year *years_after* the assessed year.

    The day must exist in every year (so at most 28 in February); the last
    day of a month is :class:`LastDayOf`.

    >>> DayOf(2, 20).on(2024)
    datetime.date(2025, 2, 20)
    >>> DayOf(2, 20).words().en
    '20 February of the year after the assessed year'
    """

    month: int = attrs.field(validator=_valid_month)
    day: int = attrs.field()
    years_after: int = 1

    @day.validator
    def _valid_day(self, attribute: attrs.Attribute[int], value: int) -> None:
        fewest = _FEWEST_DAYS[self.month]
        if not 1 <= value <= fewest:
            raise ValueError(
                f"day {value} of {_MONTHS_EN[self.month]} does not exist in every year "
                f"(1..{fewest}); use LastDayOf({self.month}) for the month's last day"
            )

    def on(self, year: int) -> dt.date:
        return dt.date(year + self.years_after, self.month, self.day)

    def words(self) -> Text:
        when = _year_words(self.years_after)
        return Text(
            f"{self.day} {_MONTHS_EN[self.month]} {when.en}",
            f"{when.zh}{self.month}月{self.day}日",
        )


@attrs.frozen
class LastDayOf(DateRule):
    """The last day of *month* in the year *years_after* the assessed year.

    February's last day is the 29th in a leap year:

    >>> LastDayOf(2).on(2023)
    datetime.date(2024, 2, 29)
    """

    month: int = attrs.field(validator=_valid_month)
    years_after: int = 1

    def on(self, year: int) -> dt.date:
        actual = year + self.years_after
        return dt.date(actual, self.month, calendar.monthrange(actual, self.month)[1])

    def words(self) -> Text:
        when = _year_words(self.years_after)
        leap = " (29 February in a leap year)" if self.month == 2 else ""
        leap_zh = "(闰年为2月29日)" if self.month == 2 else ""
        return Text(
            f"the last day of {_MONTHS_EN[self.month]} {when.en}{leap}",
            f"{when.zh}{self.month}月最后一天{leap_zh}",
        )


@attrs.frozen
class Stage:
    """One review stage of a scheme: who scores whom, and its window.

    A record is ``early`` when made before ``opens`` (no opening date: never
    early) and ``late`` when made after ``deadline``; both ends are part of
    the window. ``requires`` names a stage listed before this one whose
    record for the same unit and period must be in the input; the results of
    this stage then publish the outcome ``<requires>_missing``.

    >>> s = Stage("province", Text("province stage", "省考核"), Text("the province", "省指揮部"),
    ...           Text("the prefectures", "各市州"), deadline=LastDayOf(3), opens=DayOf(3, 1))
    >>> s.timing(2024, dt.date(2025, 2, 28)), s.timing(2024, dt.date(2025, 3, 31))
    ('early', 'on_time')
    """

    id: str
    label: Text
    assessor: Text
    assessed: Text
    deadline: DateRule
    opens: DateRule | None = None
    requires: str | None = None
    note: Text | None = None

    @property
    def missing_outcome(self) -> str | None:
        """The outcome saying the required stage is missing (``self_check_missing``)."""
        return None if self.requires is None else f"{self.requires}_missing"

    def window(self, year: int) -> tuple[dt.date | None, dt.date]:
        """The first and last day of the stage for the assessed *year* (first may be ``None``)."""
        return (None if self.opens is None else self.opens.on(year)), self.deadline.on(year)

    def timing(self, year: int, assessed_on: dt.date) -> Timing:
        """Whether a record of the assessed *year* made on *assessed_on* is early, on time, late."""
        opens, deadline = self.window(year)
        if opens is not None and assessed_on < opens:
            return "early"
        if assessed_on > deadline:
            return "late"
        return "on_time"

    def words(self, labels: Mapping[str, Text] | None = None) -> Text:
        """The stage in words: who scores whom, and when (the stage it requires named by
        its Chinese label in *labels*, the scheme's stages by id, when given)."""
        if self.opens is None:
            when = Text(
                f"on or before {self.deadline.words().en}",
                f"{self.deadline.words().zh}前(含当日)",
            )
        else:
            when = Text(
                f"from {self.opens.words().en} to {self.deadline.words().en}",
                f"{self.opens.words().zh}至{self.deadline.words().zh}",
            )
        required = self.requires or ""
        if labels and required in labels:
            required = labels[required].zh
        needs = (
            Text(f"; requires the {self.requires} stage", f";须先有{required}阶段")
            if self.requires
            else Text("")
        )
        return Text(
            f"{self.id}: by {self.assessor.en}, of {self.assessed.en}, {when.en}{needs.en}",
            f"{self.label.zh}:{self.assessor.zh}考核{self.assessed.zh},{when.zh}{needs.zh}",
        )


@attrs.frozen
class StageComparison:
    """A gap between the published totals of two stages of the same unit and period.

    ``gap`` (an outcome name) is ``total(from_stage) − total(to_stage)``;
    when ``flag`` and ``threshold`` (a scheme parameter) are given, the flag
    is true when the gap is above (``>``) the threshold. Both results of the
    pair publish the values; when either is missing (or has no total) they
    are ``None``.
    """

    from_stage: str
    to_stage: str
    gap: str
    label: Text
    flag: str | None = None
    threshold: str | None = None

    def outcome_names(self) -> tuple[str, ...]:
        """The outcomes this comparison publishes."""
        return (self.gap,) if self.flag is None else (self.gap, self.flag)

    def words(self) -> str:
        """The comparison in words."""
        text = f"{self.gap} = total of {self.from_stage} − total of {self.to_stage}"
        if self.flag is not None:
            text += f"; {self.flag} when {self.gap} > {self.threshold}"
        return text


def stage_definition_problems(scheme: StagedScheme) -> list[str]:
    """Inconsistencies in a scheme's stages and stage comparisons (empty when valid)."""
    problems: list[str] = []
    ids = [s.id for s in scheme.stages]
    seen: set[str] = set()
    for stage in scheme.stages:
        where = f"stage {stage.id!r}"
        if stage.id in seen:
            problems.append(f"{where} is declared twice")
        if stage.requires is not None and stage.requires not in seen:
            problems.append(
                f"{where} requires {stage.requires!r}, which is not a stage listed before it"
            )
        seen.add(stage.id)
        if stage.opens is not None:
            # A leap year and a common year: the window must not be empty in either.
            for year in (2023, 2024):
                opens, deadline = stage.window(year)
                if opens is not None and opens > deadline:
                    problems.append(
                        f"{where}: opens {opens} after its deadline {deadline} "
                        f"(assessed year {year})"
                    )
    outcome_ids = {o.id for o in scheme.outcomes}
    params = {p.name for p in scheme.parameters}
    published: list[str] = [s.missing_outcome for s in scheme.stages if s.missing_outcome]
    for comparison in scheme.stage_comparisons:
        where = f"stage comparison {comparison.gap!r}"
        for name in dict.fromkeys((comparison.from_stage, comparison.to_stage)):
            if name not in ids:
                problems.append(f"{where}: {name!r} is not a stage (stages: {', '.join(ids)})")
        if comparison.from_stage == comparison.to_stage:
            problems.append(f"{where}: compares stage {comparison.from_stage!r} with itself")
        if (comparison.flag is None) != (comparison.threshold is None):
            problems.append(f"{where}: a flag needs a threshold parameter and vice versa")
        if comparison.threshold is not None and comparison.threshold not in params:
            problems.append(
                f"{where}: threshold {comparison.threshold!r} is not a parameter of the scheme"
            )
        published.extend(comparison.outcome_names())
    for name in sorted(set(published)):
        if name in outcome_ids:
            problems.append(f"outcome {name!r} is declared and also published by the stages")
        if published.count(name) > 1:
            problems.append(f"stage outcome {name!r} is published twice")
    if scheme.stages and scheme.history_rules:
        problems.append(
            "a scheme with stages cannot have history rules yet: which stage's result an "
            "earlier period contributes is not defined"
        )
    return problems


# -- reading records ------------------------------------------------------------------

_DATE = Metric(DATE_FIELD, MetricKind.DATE, Text("assessed on", "考核日期"))


@attrs.frozen
class StageReading:
    """A record's stage and date, read against the scheme's stages, with the problems found."""

    stage: Stage | None
    assessed_on: dt.date | None
    problems: tuple[Problem, ...] = ()


def read_stage(scheme: StagedScheme, record: Mapping[str, Any]) -> StageReading:
    """Read ``stage`` and ``assessed_on`` of *record*; both are required when the scheme has stages.

    Problems are not yet located (see :meth:`Problem.located`).
    """
    if not scheme.stages:
        return StageReading(None, None)
    problems: list[Problem] = []
    by_id = {s.id: s for s in scheme.stages}
    allowed = ", ".join(by_id)
    raw_stage = record.get(STAGE_FIELD)
    stage: Stage | None = None
    if is_missing(raw_stage):
        problems.append(Problem(STAGE_FIELD, None, f"is required: one of {allowed}"))
    else:
        stage = by_id.get(str(raw_stage).strip())
        if stage is None:
            problems.append(
                Problem(STAGE_FIELD, raw_stage, f"is not a stage of {scheme.id}: one of {allowed}")
            )
    raw_date = record.get(DATE_FIELD)
    assessed_on: dt.date | None = None
    try:
        parsed = _DATE.parse(raw_date)
    except ValueRejected as exc:
        problems.append(Problem(DATE_FIELD, raw_date, str(exc)))
    else:
        if parsed is None:
            problems.append(
                Problem(DATE_FIELD, None, "is required: the date the record was made, YYYY-MM-DD")
            )
        else:
            assert isinstance(parsed, dt.date)
            assessed_on = parsed
    return StageReading(stage, assessed_on, tuple(problems))


# -- applying stages to results ---------------------------------------------------------


def _key(result: Result, stage: str) -> tuple[str, str, str] | None:
    if result.entity_id is None or result.period is None:
        return None
    return (result.entity_id, str(result.period), stage)


def _timing_fields(result: Result, reading: StageReading) -> tuple[dict[str, Any], list[Text]]:
    stage, on = reading.stage, reading.assessed_on
    assert stage is not None
    assert on is not None
    fields: dict[str, Any] = {STAGE_FIELD: stage.id, DATE_FIELD: on, "late": None, "early": None}
    notes: list[Text] = []
    if result.period is None:
        notes.append(
            Text(
                f"no {result.period_field} given: the {stage.id} deadline could not be checked",
                f"未给出考核年度:无法判断{stage.label.zh}是否逾期",
            )
        )
        return fields, notes
    timing = stage.timing(result.period.year, on)
    opens, deadline = stage.window(result.period.year)
    fields["late"], fields["early"] = timing == "late", timing == "early"
    if timing == "late":
        notes.append(
            Text(
                f"late: assessed on {on}, after the {stage.id} deadline {deadline}",
                f"逾期:{on} 考核,晚于{stage.label.zh}截止日期 {deadline}",
            )
        )
    elif timing == "early":
        notes.append(
            Text(
                f"early: assessed on {on}, before the {stage.id} window opens on {opens}",
                f"提前:{on} 考核,早于{stage.label.zh}开始日期 {opens}",
            )
        )
    return fields, notes


def apply_stages(
    scheme: StagedScheme,
    results: Sequence[Result],
    readings: Sequence[StageReading],
) -> list[Result]:
    """Publish stage, date and timing of each result, requirements and comparisons.

    *results* and *readings* are parallel: the scored results of a whole
    input and their valid :class:`StageReading`. A result's partners (its
    required stage, the other side of a comparison) are the results of the
    same entity and period in the input.
    """
    if not scheme.stages:
        return list(results)
    params = scheme.params()
    by_key: dict[tuple[str, str, str], Result] = {}
    for result, reading in zip(results, readings, strict=True):
        assert reading.stage is not None
        key = _key(result, reading.stage.id)
        if key is not None:
            by_key[key] = result
    stage_labels = {s.id: s.label for s in scheme.stages}
    out: list[Result] = []
    for result, reading in zip(results, readings, strict=True):
        stage = reading.stage
        assert stage is not None
        fields, notes = _timing_fields(result, reading)
        outcome = dict(result.outcome)
        kinds = dict(result.outcome_kinds)
        if stage.requires is not None and stage.missing_outcome is not None:
            wanted = _key(result, stage.requires)
            missing = None if wanted is None else wanted not in by_key
            outcome[stage.missing_outcome] = missing
            kinds[stage.missing_outcome] = "flag"
            if missing:
                label = stage_labels[stage.requires]
                notes.append(
                    Text(
                        f"the {stage.requires} record of {result.entity_id} {result.period} "
                        f"is missing from the input",
                        f"输入中缺少 {result.entity_id} {result.period} 的{label.zh}记录",
                    )
                )
        for comparison in scheme.stage_comparisons:
            if stage.id not in (comparison.from_stage, comparison.to_stage):
                continue
            values, note = _compare(comparison, result, stage.id, by_key, params, stage_labels)
            for name, value in values.items():
                outcome[name] = value
                kinds[name] = "number" if name == comparison.gap else "flag"
            if note is not None:
                notes.append(note)
        out.append(
            attrs.evolve(
                result,
                fields={**result.fields, **fields},
                outcome=outcome,
                outcome_kinds=kinds,
                notes=(*result.notes, *notes),
            )
        )
    return out


def _compare(
    comparison: StageComparison,
    result: Result,
    stage: str,
    by_key: Mapping[tuple[str, str, str], Result],
    params: Mapping[str, Any],
    labels: Mapping[str, Text],
) -> tuple[dict[str, Any], Text | None]:
    other_stage = comparison.to_stage if stage == comparison.from_stage else comparison.from_stage
    other_key = _key(result, other_stage)
    other = None if other_key is None else by_key.get(other_key)
    first, second = (result, other) if stage == comparison.from_stage else (other, result)
    values: dict[str, Any] = dict.fromkeys(comparison.outcome_names())
    if first is None or second is None or first.total is None or second.total is None:
        return values, None
    gap: Decimal = first.total - second.total
    values[comparison.gap] = gap
    if comparison.flag is None or comparison.threshold is None:
        return values, None
    threshold = params[comparison.threshold]
    flagged = Fraction(gap) > Fraction(threshold)
    values[comparison.flag] = flagged
    if not flagged:
        return values, None
    a, b = labels[comparison.from_stage], labels[comparison.to_stage]
    shown = format_number(Fraction(threshold))
    return values, Text(
        f"{comparison.flag}: the {comparison.from_stage} total {first.total} is {gap} above "
        f"the {comparison.to_stage} total {second.total}, more than "
        f"{comparison.threshold} = {shown}",
        f"{comparison.label.zh}:{a.zh}总分 {first.total} 比{b.zh}总分 {second.total} "
        f"高 {gap},超过 {shown} 分",
    )
