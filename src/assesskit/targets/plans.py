"""Plans as data: a table of targets, and one function that builds a scheme from it.

A plan (規劃, 實施方案) is a list of :class:`TargetSpec` rows — id, label,
kind, schedule, input — with the consequences it attaches to particular
targets (:class:`Consequence`). :func:`plan_scheme` turns any such table into
a :class:`~assesskit.Scheme`: one component per target (weight 1 each,
scaled to 100 over the targets due), the year as an input whose domain is the
plan's range, and the outcomes ``on_schedule``, ``behind`` and one flag per
consequence. Adding a plan is writing a table, not a class.

A county scored against the quotas it was given uses the same table:
:func:`quota_targets` turns each row into one whose requirement is read from
``<target>_required`` and whose figure is ``<target>_actual``.
:func:`sum_member_figures` adds the members' figures of the summable targets
(``cumulative``, ``annual``) up to their parent, in the plan's input names,
with :func:`assesskit.hierarchy.sum_inputs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from assesskit._exact import ExactNumber, to_fraction
from assesskit.errors import SchemeDefinitionError
from assesskit.expressions import (
    ComponentsWithStatus,
    Expr,
    Logic,
    NoneWithStatus,
    Param,
    StatusIs,
)
from assesskit.hierarchy import sum_inputs
from assesskit.intervals import Interval
from assesskit.metrics import Metric, MetricKind
from assesskit.periods import PeriodKind
from assesskit.targets.rule import Target
from assesskit.targets.schedule import SUMMABLE_KINDS, Schedule, TargetKind
from assesskit.text import Text

if TYPE_CHECKING:
    # Components and schemes import the rule kinds, which include Target: the
    # plan builder imports them when it runs, not when this module loads.
    from assesskit.components import Example, Review
    from assesskit.scheme import Scheme

__all__ = [
    "ABOUT_TOLERANCE",
    "Consequence",
    "TargetSpec",
    "plan_scheme",
    "quota_targets",
    "sum_member_figures",
]

#: The plan parameter of "about N" targets (約 N, N 名左右).
ABOUT_TOLERANCE = "about_tolerance"


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Consequence:
    """A consequence a plan attaches to a target, published as a flag outcome.

    Without ``when`` it fires when the target it is attached to is
    ``behind`` (``funding_cut``: 減少下一年度項目和資金的安排). With ``when``
    it fires when that condition holds, whatever the target's status
    (``accountability`` when ``substandard_clinic_projects > 0``); the
    condition may read optional inputs declared in ``metrics`` (a missing
    input makes it false). The same consequence attached to several targets
    fires when any of them triggers it. It is ``false`` when not triggered.
    """

    id: str
    label: Text
    when: Expr | None = None
    metrics: tuple[Metric, ...] = attrs.field(default=(), converter=_tuple)
    note: Text | None = None

    def condition(self, target_id: str) -> Expr:
        """The condition under which it fires, attached to *target_id*."""
        return StatusIs(target_id, "behind") if self.when is None else self.when

    def words(self, target_id: str) -> Text:
        """When it fires, in words."""
        if self.when is None:
            return Text(f"when {target_id} is behind", f"{target_id} 未达标时")
        return Text(f"when {self.when.words()}", f"当 {self.when.words()} 时")


def _checkpoints(
    value: Mapping[int, ExactNumber] | Iterable[tuple[int, ExactNumber]],
) -> tuple[tuple[int, Fraction], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((int(y), to_fraction(v)) for y, v in pairs))


@attrs.frozen
class TargetSpec:
    """One row of a plan: a target, its schedule and the input that measures it.

    Give ``checkpoints`` (year → value; ``until`` the last year due, e.g.
    the end of an ``annual`` range), or a ``deadline`` (a milestone), or
    ``required_input`` (the requirement is read from the record: a quota).
    ``about`` marks an "about N" target, which honours the plan parameter
    ``about_tolerance``. ``measure`` is the kind of the input (counts by
    default, dates for a milestone); ``domain`` overrides its domain (a
    ``number`` measure defaults to >= 0). ``consequences`` are attached to
    this target.

    >>> clinics = TargetSpec("village_clinics", Text("village clinics", "貧困村標準化村衛生室建設"),
    ...                      "cumulative", "village_clinics_built",
    ...                      checkpoints={2015: 2400, 2016: 2965})
    >>> clinics.requirement_words().en
    '2015: 2400; 2016: 2965'
    """

    id: str
    label: Text
    kind: TargetKind
    input: str
    checkpoints: tuple[tuple[int, Fraction], ...] = attrs.field(default=(), converter=_checkpoints)
    until: int | None = None
    deadline: dt.date | None = None
    about: bool = False
    measure: MetricKind = attrs.field()
    domain: Interval | None = None
    unit: str = ""
    consequences: tuple[Consequence, ...] = attrs.field(default=(), converter=_tuple)
    note: Text | None = None
    weight: Fraction = attrs.field(default=Fraction(1), converter=to_fraction)
    required_input: str | None = None

    @measure.default
    def _measure_default(self) -> MetricKind:
        return MetricKind.DATE if self.kind == "milestone" else MetricKind.COUNT

    def __attrs_post_init__(self) -> None:
        self.rule()  # a row that cannot be a target fails here, naming itself

    @property
    def summable(self) -> bool:
        """Whether members' figures add up to the parent's (``cumulative``, ``annual``)."""
        return self.kind in SUMMABLE_KINDS

    def schedule(self) -> Schedule | None:
        """The schedule of the checkpoints (``None`` for a milestone or a quota)."""
        if not self.checkpoints:
            return None
        return Schedule(self.checkpoints, self.until)

    def rule(self, year_field: str = "year") -> Target:
        """The :class:`Target` rule of this row."""
        return Target(
            self.kind,
            self.input,
            schedule=self.schedule(),
            deadline=self.deadline,
            required_input=self.required_input,
            tolerance=Param(ABOUT_TOLERANCE) if self.about else None,
            name=self.id,
            label=self.label,
            year_field=year_field,
        )

    def requirement_words(self) -> Text:
        """The requirement as the plan's table writes it."""
        return self.rule().requirement_words()

    def metrics(self) -> tuple[Metric, ...]:
        """The inputs of this target (optional: required only when the target is due)."""
        domain = self.domain
        if domain is None and self.measure is MetricKind.NUMBER:
            domain = Interval(0, None)
        extra: dict[str, Any] = {} if domain is None else {"domain": domain}
        due_words = Text(f"required when {self.id} is due", f"“{self.label.zh}”考核时必填")
        if self.required_input is None:
            return (
                Metric(
                    self.input,
                    self.measure,
                    self.label,
                    required=False,
                    unit=self.unit,
                    description=due_words,
                    **extra,
                ),
            )
        required_measure = self.measure
        return (
            Metric(
                self.required_input,
                required_measure,
                Text(f"{self.label.en} (quota)", f"{self.label.zh}(任务)"),
                required=False,
                unit=self.unit,
                description=Text(
                    f"the quota due in the year; with {self.input}, or neither (not due)",
                    "本年度应完成的任务;与实际数同时给出,或都不给出(不考核)",
                ),
                **extra,
            ),
            Metric(
                self.input,
                self.measure,
                Text(f"{self.label.en} (actual)", f"{self.label.zh}(实际)"),
                required=False,
                unit=self.unit,
                description=Text(
                    f"the actual figure; with {self.required_input}",
                    "实际完成数;与任务数同时给出",
                ),
                **extra,
            ),
        )


def quota_targets(
    targets: Iterable[TargetSpec],
    *,
    required_suffix: str = "_required",
    actual_suffix: str = "_actual",
) -> tuple[TargetSpec, ...]:
    """The same targets, each measured against a quota given per record.

    Row ``village_clinics`` becomes a target whose requirement is the input
    ``village_clinics_required`` and whose figure is ``village_clinics_actual``,
    with the same kind, "about" mark and consequences. A milestone's quota is
    its deadline date.
    """
    return tuple(
        attrs.evolve(
            spec,
            input=f"{spec.id}{actual_suffix}",
            required_input=f"{spec.id}{required_suffix}",
            checkpoints=(),
            until=None,
            deadline=None,
        )
        for spec in targets
    )


def _merge_metrics(found: list[Metric], problems: list[str]) -> tuple[Metric, ...]:
    by_name: dict[str, Metric] = {}
    for metric in found:
        seen = by_name.get(metric.name)
        if seen is None:
            by_name[metric.name] = metric
        elif (seen.kind, seen.domain) != (metric.kind, metric.domain):
            problems.append(
                f"input {metric.name!r} is declared twice, as {seen.kind.value} "
                f"and as {metric.kind.value}"
            )
    return tuple(by_name.values())


def plan_scheme(
    id: str,
    title: Text,
    targets: Sequence[TargetSpec],
    years: tuple[int, int],
    *,
    version: str = "1",
    description: Text | None = None,
    source: Text | None = None,
    review: Review | None = None,
    examples: Sequence[Example] = (),
    year_field: str = "year",
    about_tolerance: ExactNumber = 0,
) -> Scheme:
    """Build the scheme of a plan from its table of *targets*.

    :param id: the scheme id (``health.gansu-province``).
    :param title: the plan's title.
    :param targets: the plan's rows, in the order components are listed.
    :param years: the first and last year of the plan (inclusive); a record
        of a year outside is an error.
    :param about_tolerance: the default of the ``about_tolerance``
        parameter (declared when some target is "about").
    :returns: an annual scheme: one component per target (relative weight,
        scaled to 100 over the targets due in the record's year), outcomes
        ``on_schedule`` (flag), ``behind`` (list of target ids) and one flag
        per consequence the targets carry, in the order first attached.

    Raises :class:`~assesskit.errors.SchemeDefinitionError` listing every
    inconsistency (an input declared twice with different kinds, a
    consequence id with two labels, ...).
    """
    from assesskit.components import Component, Outcome, Parameter, Review
    from assesskit.scheme import Scheme

    first, last = years
    problems: list[str] = []
    if first > last:
        problems.append(f"the plan's years {first}–{last} are in the wrong order")
    found: list[Metric] = [
        Metric(
            year_field,
            MetricKind.YEAR,
            Text("year", "年度"),
            domain=Interval(first, last) if first <= last else None,
            description=Text(
                f"the assessed year; the plan runs {first}–{last}",
                f"考核年度;规划期 {first}–{last} 年",
            ),
        )
    ]
    components: list[Component] = []
    consequences: dict[str, tuple[Consequence, list[Expr]]] = {}
    for spec in targets:
        found.extend(spec.metrics())
        components.append(
            Component(spec.id, spec.label, spec.weight, spec.rule(year_field), note=spec.note)
        )
        for consequence in spec.consequences:
            found.extend(consequence.metrics)
            entry = consequences.setdefault(consequence.id, (consequence, []))
            if entry[0].label != consequence.label:
                problems.append(f"consequence {consequence.id!r} is declared with two labels")
            entry[1].append(consequence.condition(spec.id))
    for spec in targets:
        if spec.checkpoints and (spec.checkpoints[0][0] < first or spec.checkpoints[-1][0] > last):
            problems.append(f"target {spec.id!r}: a checkpoint lies outside {first}–{last}")
        if spec.deadline is not None and not first <= spec.deadline.year <= last:
            problems.append(f"target {spec.id!r}: the deadline lies outside {first}–{last}")
    metrics = _merge_metrics(found, problems)
    if problems:
        raise SchemeDefinitionError(id, problems)
    outcomes = [
        Outcome(
            "on_schedule",
            Text("on schedule: every due target met", "按期完成:到期目标全部达标"),
            NoneWithStatus("behind"),
            kind="flag",
        ),
        Outcome(
            "behind",
            Text("targets behind", "未按期完成的目标"),
            ComponentsWithStatus("behind"),
            kind="list",
        ),
    ]
    for consequence, conditions in consequences.values():
        # "or" reads a missing condition (an optional input not given) as false,
        # so a consequence not triggered publishes false, never null.
        fires = Logic("or", tuple(conditions))
        outcomes.append(
            Outcome(consequence.id, consequence.label, fires, kind="flag", note=consequence.note)
        )
    parameters = []
    if any(spec.about for spec in targets):
        parameters.append(
            Parameter(
                ABOUT_TOLERANCE,
                Text("tolerance of 'about N' targets", "“约数、左右”目标的容差"),
                default=about_tolerance,
                kind=MetricKind.RATIO,
                domain=Interval(0, 1, upper_closed=False),
                description=Text(
                    "an 'about N' target requires N × (1 − tolerance)",
                    "“约数”目标要求达到 目标数 × (1 − 容差)",
                ),
            )
        )
    return Scheme(
        id=id,
        version=version,
        title=title,
        period=PeriodKind.ANNUAL,
        period_field=year_field,
        metrics=metrics,
        components=components,
        outcomes=outcomes,
        parameters=parameters,
        review=review or Review(),
        weights="relative",
        not_applicable="rescale",
        description=description,
        source=source,
        examples=examples,
        # a plan's summary: on schedule, the targets behind and what follows from them
        summary=tuple(o.id for o in outcomes),
    )


def sum_member_figures(
    rows: Iterable[Mapping[str, Any]],
    targets: Iterable[TargetSpec],
    *,
    parent_field: str = "parent_id",
    year_field: str = "year",
    actual_suffix: str = "_actual",
) -> list[dict[str, Any]]:
    """Parent records from member rows: the sums of the summable targets' figures.

    For each ``cumulative`` or ``annual`` target of the plan *targets*, the
    members' ``<target>_actual`` figures (a county's, as :func:`quota_targets`
    names them) are added up exactly per parent and year and given the plan's
    input name (``village_clinics_built``). Each record has ``entity_id``
    (the parent) and the year; a figure no member gave is left out.
    Records come in order of parent, then year.
    """
    summable = [spec for spec in targets if spec.summable]
    fields = [f"{spec.id}{actual_suffix}" for spec in summable]
    sums = sum_inputs(rows, fields, parent_field=parent_field, period_field=year_field)
    out: list[dict[str, Any]] = []
    for (parent, period), figures in sorted(sums.items()):
        record: dict[str, Any] = {"entity_id": parent, year_field: _year(period)}
        for spec, field in zip(summable, fields, strict=True):
            if field in figures:
                record[spec.input] = figures[field]
        out.append(record)
    return out


def _year(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        return text
