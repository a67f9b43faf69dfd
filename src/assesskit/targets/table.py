"""A plan's schedule as a table: which targets are due in which year, and what they require.

:func:`schedule_table` reads the :class:`~assesskit.targets.Target`
components of any scheme (a plan built by
:func:`~assesskit.targets.plan_scheme` or a scheme of one's own) and lays
them out by year; :meth:`ScheduleTable.render` prints it for
``assesskit show``, with the Chinese labels.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs

from assesskit._exact import format_number, format_percent
from assesskit.expressions.node import alternatives_of, condition_text_of
from assesskit.results import json_value
from assesskit.targets.rule import Target
from assesskit.targets.schedule import KIND_LABELS, TargetKind
from assesskit.text import Lang, Text, scripted

if TYPE_CHECKING:
    from assesskit.components import Outcome
    from assesskit.scheme import Scheme

__all__ = ["ScheduleCell", "ScheduleRow", "ScheduleTable", "schedule_table"]

#: What a target asks in one year.
CellState = Literal["due", "not_due", "until_done", "quota"]

_NOT_DUE = Text("—", "—")


@attrs.frozen
class ScheduleCell:
    """One target in one year: its state, the requirement and how it is shown.

    ``state`` is ``due``, ``not_due``, ``until_done`` (a milestone after its
    deadline year: due, and behind, only while not done) or ``quota`` (the
    requirement comes with each record). ``required`` is the value due (after
    the "about" tolerance in force) or the milestone's deadline.
    """

    year: int
    state: CellState
    required: Fraction | dt.date | None
    text: Text


@attrs.frozen
class ScheduleRow:
    """One target of the schedule, with one cell per year."""

    target_id: str
    label: Text
    kind: TargetKind
    input: str
    requirement: Text
    cells: tuple[ScheduleCell, ...]
    about: bool = False

    def due_years(self) -> tuple[int, ...]:
        """The years in which the target is due (``until_done`` and ``quota`` included)."""
        return tuple(c.year for c in self.cells if c.state != "not_due")


@attrs.frozen
class ScheduleTable:
    """The schedule of a scheme's targets over a range of years."""

    scheme_id: str
    title: Text
    years: tuple[int, ...]
    rows: tuple[ScheduleRow, ...]
    consequences: tuple[tuple[str, Text, Text], ...] = ()
    tolerance: Fraction | None = None

    def due_in(self, year: int) -> tuple[ScheduleRow, ...]:
        """The targets due in *year*."""
        index = self.years.index(year)
        return tuple(r for r in self.rows if r.cells[index].state != "not_due")

    @scripted()
    def render(self, lang: Lang = "zh") -> str:
        """The table as text: one line per target, one column per year."""
        zh = lang == "zh"
        head = ["目标" if zh else "target", "名称" if zh else "label", "类型" if zh else "kind"]
        grid = [head + [str(y) for y in self.years]]
        for row in self.rows:
            grid.append(
                [row.target_id, row.label.get(lang), KIND_LABELS[row.kind].get(lang)]
                + [c.text.get(lang) for c in row.cells]
            )
        widths = [max(_width(line[i]) for line in grid) for i in range(len(head) + len(self.years))]
        title = f"{self.title.get(lang)} ({self.scheme_id})"
        lines = [title + (":考核进度表" if zh else ": schedule of targets")]
        for line in grid:
            cells = [
                _pad(text, width, right=i >= len(head))
                for i, (text, width) in enumerate(zip(line, widths, strict=True))
            ]
            lines.append("  ".join(cells).rstrip())
        lines.extend(self._legend(lang))
        return "\n".join(lines)

    def _legend(self, lang: Lang) -> list[str]:
        zh = lang == "zh"
        kinds = {r.kind for r in self.rows}
        notes = [
            "—:不考核(不计分,其余目标权重按比例放大到100)"
            if zh
            else "—: not due (takes no part; the other weights are scaled to 100)"
        ]
        if any(r.about for r in self.rows):
            tolerance = format_percent(self.tolerance or Fraction(0))
            notes.append(
                f"~:约数目标,要求 = 目标数 × (1 − about_tolerance),about_tolerance 现为 {tolerance}"
                if zh
                else f"~: an 'about N' target requires N × (1 − about_tolerance); "
                f"about_tolerance is {tolerance}"
            )
        if "milestone" in kinds:
            notes.append(
                "≤日期:期限当年按期完成为达标;*:此后未完成则为未达标,完成后不再考核"
                if zh
                else "≤date: met in the deadline's year when done by then; "
                "*: later, behind while not done, not due once done"
            )
        if any(c.state == "quota" for r in self.rows for c in r.cells):
            notes.append(
                "任务:要求随每条记录给出(<目标>_required)"
                if zh
                else "quota: the requirement comes with each record (<target>_required)"
            )
        lines = [("注:" if zh else "note: ") + n for n in notes]
        for outcome_id, label, when in self.consequences:
            lines.append(
                f"后果 {outcome_id}({label.zh}):{when.zh}"
                if zh
                else f"consequence {outcome_id} ({label.en}): {when.en}"
            )
        return lines

    @scripted()
    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """JSON-able data: per target, per year the state and the requirement."""
        return {
            "scheme_id": self.scheme_id,
            "years": list(self.years),
            "targets": [
                {
                    "id": r.target_id,
                    "label": r.label.get(lang),
                    "kind": r.kind,
                    "input": r.input,
                    "requirement": r.requirement.get(lang),
                    "years": {
                        str(c.year): {"state": c.state, "required": json_value(c.required)}
                        for c in r.cells
                    },
                }
                for r in self.rows
            ],
            "consequences": [
                {"id": i, "label": label.get(lang), "when": when.get(lang)}
                for i, label, when in self.consequences
            ],
        }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def _cell(target: Target, year: int, params: dict[str, Any]) -> ScheduleCell:
    if target.required_input is not None:
        return ScheduleCell(year, "quota", None, Text("quota", "任务"))
    if target.deadline is not None:
        deadline = target.deadline
        if year < deadline.year:
            return ScheduleCell(year, "not_due", None, _NOT_DUE)
        if year == deadline.year:
            shown = f"≤{deadline:%m-%d}"
            return ScheduleCell(year, "due", deadline, Text(shown, shown))
        return ScheduleCell(year, "until_done", deadline, Text("*", "*"))
    required = target.required_in(year, params)
    if required is None:
        return ScheduleCell(year, "not_due", None, _NOT_DUE)
    kind = target.target_kind
    shown = format_percent(required) if kind == "share" else format_number(required)
    prefix = {"at_least": "≥", "share": "≥", "at_most": "≤"}.get(kind, "")
    about = "~" if target.tolerance is not None else ""
    text = f"{about}{prefix}{shown}"
    return ScheduleCell(year, "due", required, Text(text, text))


def _years(scheme: Scheme, targets: list[tuple[str, Target]]) -> tuple[int, ...]:
    field = targets[0][1].year_field
    metric = scheme.metric_map.get(field)
    domain = metric.domain if metric is not None else None
    if domain is not None and domain.lower is not None and domain.upper is not None:
        return tuple(range(int(domain.lower), int(domain.upper) + 1))
    marks: list[int] = []
    for _, target in targets:
        if target.schedule is not None:
            marks += [y for y, _ in target.schedule.checkpoints]
            if target.schedule.until is not None:
                marks.append(target.schedule.until)
        if target.deadline is not None:
            marks += [target.deadline.year, target.deadline.year + 1]
    if not marks:
        return ()
    return tuple(range(min(marks), max(marks) + 1))


def _consequences(outcomes: Iterable[Outcome]) -> tuple[tuple[str, Text, Text], ...]:
    out: list[tuple[str, Text, Text]] = []
    for outcome in outcomes:
        if outcome.kind != "flag" or outcome.id == "on_schedule":
            continue
        parts = [condition_text_of(p) for p in alternatives_of(outcome.expr)]
        when = Text("when " + " or ".join(p.en for p in parts), "或".join(p.zh for p in parts))
        out.append((outcome.id, outcome.label, when))
    return tuple(out)


def schedule_table(scheme: Scheme, years: Iterable[int] | None = None) -> ScheduleTable | None:
    """The schedule of *scheme*'s targets, or ``None`` when it has no target components.

    :param scheme: any scheme; its components whose rule is a
        :class:`~assesskit.targets.Target` make the rows, in scheme order.
    :param years: the years to show; by default the plan's range (the domain
        of the year input), else the years the schedules mention.
    :returns: a :class:`ScheduleTable`; requirements of "about" targets are
        shown after the ``about_tolerance`` in force. Flag outcomes other
        than ``on_schedule`` are listed as the plan's consequences.
    """
    targets = [(c.id, c.rule) for c in scheme.components if isinstance(c.rule, Target)]
    if not targets:
        return None
    shown_years = tuple(years) if years is not None else _years(scheme, targets)
    params = scheme.params()
    labels = {c.id: c.label for c in scheme.components}
    rows = tuple(
        ScheduleRow(
            target_id,
            labels[target_id],
            target.target_kind,
            target.input,
            target.requirement_words(params),
            tuple(_cell(target, year, params) for year in shown_years),
            about=target.tolerance is not None,
        )
        for target_id, target in targets
    )
    tolerance = next((t.tolerance_in(params) for _, t in targets if t.tolerance is not None), None)
    return ScheduleTable(
        scheme.id, scheme.title, shown_years, rows, _consequences(scheme.outcomes), tolerance
    )
