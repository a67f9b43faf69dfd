"""What a target requires in an assessed year, and whether it is met (exactly).

A target (目標任務) is a quantity to reach by a date, or every year over a
range of years. Its kind says how the assessed year *Y* is read:

==============  =================================================================
kind            due in year *Y*
==============  =================================================================
``cumulative``  the latest checkpoint value with year <= Y (a running total);
                not due before the first checkpoint; after the last it stays due
``annual``      the value in every year of its range; not due outside it
``at_least``    a level held from its first year on (latest checkpoint in force)
``at_most``     a level held down from its first year on
``share``       a fraction (1.0 = 100%) from its year on
``milestone``   done on or before a deadline: in the deadline's year it is due
                and met when the date is on or before the deadline; in a later
                year it is due, and behind, only while not done
==============  =================================================================

Points when due (weight ``w``): ``w × min(actual / required, 1)``, except
``at_most`` (``w`` when met, else ``w × required / actual``) and
``milestone`` (``w`` when met, else 0). A target's requirement may also come
from an input of the record (a county's quota, ``<target>_required``).

This module is the exact, per-record model; :mod:`assesskit.targets.rule`
turns it into a rule kind with a vectorised twin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Literal, get_args

import attrs

from assesskit._exact import ExactNumber, format_number, to_fraction
from assesskit.metrics import MetricValue
from assesskit.text import Text

__all__ = [
    "KIND_LABELS",
    "STATUSES",
    "SUMMABLE_KINDS",
    "TARGET_KINDS",
    "MissingInput",
    "Schedule",
    "Status",
    "TargetKind",
    "Verdict",
    "judge_level",
    "judge_milestone",
]

#: The kinds of target.
TargetKind = Literal["cumulative", "annual", "at_least", "at_most", "share", "milestone"]
#: Every target kind, in the order of the spec's table.
TARGET_KINDS: tuple[TargetKind, ...] = get_args(TargetKind)
#: Kinds whose figures add up over member units (a province's are its counties' sums).
SUMMABLE_KINDS: frozenset[TargetKind] = frozenset({"cumulative", "annual"})

#: Status of a target in an assessed year.
Status = Literal["met", "behind", "not_due"]
#: Every status, in a fixed order.
STATUSES: tuple[Status, ...] = get_args(Status)

#: The kinds in words, English and Chinese.
KIND_LABELS: Mapping[TargetKind, Text] = {
    "cumulative": Text("cumulative", "累计"),
    "annual": Text("annual", "每年"),
    "at_least": Text("at least", "不低于"),
    "at_most": Text("at most", "不高于"),
    "share": Text("share", "比例"),
    "milestone": Text("milestone", "节点"),
}


#: How a number is shown in words (a metric's ``format_value``, or plain).
ExactShow = Callable[[Fraction], str]


def _checkpoints(
    value: Mapping[int, ExactNumber] | Iterable[tuple[int, ExactNumber]],
) -> tuple[tuple[int, Fraction], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    out = sorted((int(year), to_fraction(amount)) for year, amount in pairs)
    years = [year for year, _ in out]
    if len(set(years)) != len(years):
        raise ValueError(f"checkpoint years {years} repeat a year")
    return tuple(out)


@attrs.frozen
class Schedule:
    """Checkpoints (year → value) and, optionally, the last year the target is due.

    The value in force in year *Y* is that of the latest checkpoint with
    year <= *Y*; before the first checkpoint and after ``until`` nothing is
    due.

    >>> clinics = Schedule({2015: 2400, 2016: 2965})
    >>> clinics.required_in(2014), clinics.required_in(2015), clinics.required_in(2030)
    (None, Fraction(2400, 1), Fraction(2965, 1))
    >>> Schedule({2015: 3000}, until=2025).required_in(2026) is None
    True
    """

    checkpoints: tuple[tuple[int, Fraction], ...] = attrs.field(converter=_checkpoints)
    until: int | None = None

    def __attrs_post_init__(self) -> None:
        if not self.checkpoints:
            raise ValueError("a schedule needs at least one checkpoint")
        if self.until is not None and self.until < self.first_year:
            raise ValueError(
                f"schedule ends in {self.until}, before its first checkpoint {self.first_year}"
            )

    @property
    def first_year(self) -> int:
        """The year the target is first due."""
        return self.checkpoints[0][0]

    def required_in(self, year: int) -> Fraction | None:
        """The value due in *year*, or ``None`` when nothing is due."""
        if year < self.first_year or (self.until is not None and year > self.until):
            return None
        value = self.checkpoints[0][1]
        for checkpoint_year, amount in self.checkpoints:
            if checkpoint_year > year:
                break
            value = amount
        return value

    def in_force_since(self, year: int) -> int | None:
        """The year of the checkpoint in force in *year* (``None`` when nothing is due)."""
        if self.required_in(year) is None:
            return None
        return max(y for y, _ in self.checkpoints if y <= year)

    def words(self, kind: TargetKind, show: ExactShow = format_number) -> Text:
        """The schedule as the spec writes it: ``2015: 2400; 2016: 2965``."""
        if kind == "annual" and len(self.checkpoints) == 1:
            value = show(self.checkpoints[0][1])
            end = "" if self.until is None else f"–{self.until}"
            end_zh = "" if self.until is None else f"至{self.until}年"
            return Text(
                f"{value} each year {self.first_year}{end}",
                f"{self.first_year}年{end_zh}每年 {value}",
            )
        if kind in ("cumulative", "annual"):
            en = "; ".join(f"{year}: {show(value)}" for year, value in self.checkpoints)
            zh = ";".join(f"{year}年 {show(value)}" for year, value in self.checkpoints)
        else:
            en = "; ".join(f"{show(value)} from {year}" for year, value in self.checkpoints)
            zh = ";".join(f"{year}年起 {show(value)}" for year, value in self.checkpoints)
        if self.until is not None:
            en += f" (until {self.until})"
            zh += f"(至{self.until}年)"
        return Text(en, zh)


@attrs.frozen
class Verdict:
    """What a target says for one assessed year.

    ``required`` is the requirement in force (after an "about" tolerance; the
    deadline for a milestone) or ``None`` when nothing is due; ``attained``
    is the figure or date given; ``attainment`` the share of the weight
    earned (0 when not due); ``reason`` a word for the explanation:
    ``before`` / ``after`` (outside the schedule), ``no_quota``, ``done``
    (a milestone done by the end of the year, after its deadline year),
    ``met``, ``behind``, ``late``, ``not_done``.
    """

    status: Status
    required: Fraction | dt.date | None
    attained: Fraction | dt.date | None
    attainment: Fraction
    reason: str

    @property
    def due(self) -> bool:
        """Whether the target takes part in the year's score."""
        return self.status != "not_due"


@attrs.frozen
class MissingInput:
    """A due target lacks an input: an error naming the field and the rule."""

    field: str
    rule: str


def judge_level(kind: TargetKind, actual: Fraction, required: Fraction) -> Verdict:
    """Compare a due figure with its requirement.

    ``at_most``: met when ``actual <= required``, else attainment
    ``required / actual``. Every other kind: met when ``actual >= required``,
    attainment ``min(actual / required, 1)``, not below 0 (a negative figure,
    e.g. an uplift in percentage points that went down, earns nothing). A
    requirement of 0 or less is met by any figure at or above it.

    >>> judge_level("cumulative", Fraction(2800), Fraction(2965)).attainment
    Fraction(560, 593)
    >>> judge_level("at_most", Fraction(4000), Fraction(3000)).attainment
    Fraction(3, 4)
    """
    if kind == "at_most":
        met = actual <= required
        attainment = Fraction(1) if met else max(required, Fraction(0)) / actual
    else:
        met = actual >= required
        if required <= 0:
            attainment = Fraction(1) if met else Fraction(0)
        else:
            attainment = min(max(actual / required, Fraction(0)), Fraction(1))
    status: Status = "met" if met else "behind"
    return Verdict(status, required, actual, attainment, status)


def judge_milestone(
    year: int, deadline: dt.date, done_on: dt.date | None, field: str
) -> Verdict | MissingInput:
    """Judge a milestone in *year* against its *deadline*; *done_on* is the date given.

    Before the deadline's year nothing is due. In the deadline's year the
    target is due; it is met when done on or before the deadline, behind
    (``late``) when done after it, and a missing date is an error. In a later
    year it is due, and behind, only while not done (no date, or a date after
    31 December of that year); once done it is not due — also in the year a
    late completion falls in, so a late milestone drops out of the score the
    year it is done and never earns points.

    >>> judge_milestone(2015, dt.date(2015, 6, 30), dt.date(2015, 6, 30), "f").status
    'met'
    >>> judge_milestone(2016, dt.date(2015, 6, 30), None, "f").status
    'behind'
    """
    if year < deadline.year:
        return Verdict("not_due", None, done_on, Fraction(0), "before")
    if year == deadline.year:
        if done_on is None:
            return MissingInput(
                field,
                f"is required: the milestone is due on or before {deadline} "
                f"and {year} is its deadline year",
            )
        if done_on <= deadline:
            return Verdict("met", deadline, done_on, Fraction(1), "met")
        return Verdict("behind", deadline, done_on, Fraction(0), "late")
    if done_on is not None and done_on <= dt.date(year, 12, 31):
        return Verdict("not_due", None, done_on, Fraction(0), "done")
    return Verdict("behind", deadline, done_on, Fraction(0), "not_done")


def as_fraction(value: MetricValue) -> Fraction | None:
    """*value* when it is a number, else ``None``."""
    return value if isinstance(value, Fraction) else None


def as_date(value: MetricValue) -> dt.date | None:
    """*value* when it is a date, else ``None``."""
    return value if isinstance(value, dt.date) else None
