"""Unit hierarchies and roll-ups: counties → prefectures → province.

A record names its parent unit in ``parent_id``. A :class:`Rollup` (declared
by a scheme, as data) groups published results by parent and period and
rolls their published totals up: a sum, a mean, or a mean weighted by a
named input (when every weight is 0 the plain mean is used), rounded half-up
to 2 decimals, with the count of members per band. :func:`sum_inputs` adds up
input figures of member units (a province's figures from its counties').
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from assesskit._exact import format_number, round_half_up, to_fraction
from assesskit.bands import BandTable
from assesskit.metrics import is_missing
from assesskit.periods import Period
from assesskit.results import Result
from assesskit.text import Text

__all__ = ["Member", "Rollup", "RollupResult", "RollupSums", "roll_up", "sum_inputs"]

#: How member totals are combined.
RollupMethod = Literal["sum", "mean", "weighted_mean"]


@attrs.frozen
class Rollup:
    """How a scheme rolls its results up to the parent units.

    ``level`` names the parents' level (``prefecture``); ``stage`` keeps only
    results of that stage; ``weight`` names the input that weighs each member
    for ``weighted_mean``.
    """

    level: str
    label: Text
    method: RollupMethod = "mean"
    weight: str | None = None
    stage: str | None = None
    parent_field: str = "parent_id"

    def words(self) -> str:
        """The roll-up in words, for ``assesskit show``."""
        how = {
            "sum": "sum of the members' totals",
            "mean": "mean of the members' totals",
            "weighted_mean": f"mean of the members' totals weighted by {self.weight} "
            "(plain mean when every weight is 0)",
        }[self.method]
        stage = f", {self.stage} stage only" if self.stage else ""
        return f"per {self.parent_field} ({self.level}) and period: {how}{stage}, rounded half-up"


@attrs.frozen
class Member:
    """A published result with the parent unit its record named."""

    result: Result
    parent_id: str | None
    stage: str | None = None


@attrs.frozen
class RollupResult:
    """One parent unit's roll-up for one period.

    ``total`` is the rolled-up total (rounded half-up to 2 decimals; ``None``
    when no member has a total), ``band`` the band it falls in, ``members``
    the number of member results (``member_ids`` their entity ids) and
    ``band_counts`` the number of members in each band (every band listed,
    0 included).
    """

    unit_id: str
    level: str
    period: Period | None
    period_field: str
    total: Decimal | None
    band: str | None
    members: int
    band_counts: Mapping[str, int]
    method: str
    member_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data, as in the CLI's ``rollups`` output."""
        period: Any = None
        if self.period is not None:
            period = self.period.year if self.period_field == "year" else str(self.period)
        return {
            "unit_id": self.unit_id,
            "level": self.level,
            self.period_field: period,
            "total": None if self.total is None else float(self.total),
            "band": self.band,
            "members": self.members,
            "band_counts": dict(self.band_counts),
            "member_ids": list(self.member_ids),
            "method": self.method,
        }


@attrs.frozen
class RollupSums:
    """What a parent unit's total is computed from: sums over its members, exact.

    ``scored`` counts the members with a total, ``totals`` adds their
    totals, ``weights`` their weights and ``weighted`` weight × total (members
    without a total add nothing). Every front end (one input, Dask's
    groupby) gathers these sums its own way and combines them with
    :meth:`combine`: the one roll-up rule.
    """

    scored: int
    totals: Fraction
    weights: Fraction = Fraction(0)
    weighted: Fraction = Fraction(0)

    def combine(self, rollup: Rollup) -> Fraction | None:
        """The unit's exact total: a sum, a mean, or a weighted mean (the mean when all weigh 0).

        >>> RollupSums(2, Fraction(150), Fraction(0), Fraction(0)).combine(
        ...     Rollup("prefecture", Text("p", "p"), "weighted_mean", "people"))
        Fraction(75, 1)
        """
        if self.scored == 0:
            return None
        if rollup.method == "sum":
            return self.totals
        if rollup.method == "weighted_mean" and self.weights > 0:
            return self.weighted / self.weights
        return self.totals / self.scored


def _sums(rollup: Rollup, members: Sequence[Member]) -> RollupSums:
    scored = [m for m in members if m.result.total is not None]
    totals = [Fraction(m.result.total) for m in scored]  # type: ignore[arg-type]
    weights = (
        [_weight(m.result, rollup.weight) for m in scored]
        if rollup.weight is not None
        else [Fraction(0)] * len(scored)
    )
    return RollupSums(
        len(scored),
        sum(totals, Fraction(0)),
        sum(weights, Fraction(0)),
        sum((w * t for w, t in zip(weights, totals, strict=True)), Fraction(0)),
    )


def _weight(result: Result, name: str) -> Fraction:
    # A member that did not give its weight (an optional input) weighs nothing.
    value = result.inputs.get(name)
    return value if isinstance(value, Fraction) else Fraction(0)


def roll_up(
    rollup: Rollup,
    members: Iterable[Member],
    bands: BandTable | None,
    period_field: str = "period",
) -> list[RollupResult]:
    """Roll *members* up per parent and period, in order of parent id then period."""
    groups: dict[tuple[str, Period | None], list[Member]] = defaultdict(list)
    for member in members:
        if member.parent_id is None:
            continue
        if rollup.stage is not None and member.stage != rollup.stage:
            continue
        groups[(member.parent_id, member.result.period)].append(member)
    out: list[RollupResult] = []
    for (parent, period), group in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        exact = _sums(rollup, group).combine(rollup)
        total = None if exact is None else round_half_up(exact)
        band = bands.classify(None if total is None else Fraction(total)) if bands else None
        counts: dict[str, int] = dict.fromkeys(bands.ids(), 0) if bands else {}
        for member in group:
            if member.result.band_id is not None:
                counts[member.result.band_id] = counts.get(member.result.band_id, 0) + 1
        out.append(
            RollupResult(
                parent,
                rollup.level,
                period,
                period_field,
                total,
                None if band is None else band.id,
                len(group),
                counts,
                rollup.words(),
                tuple(sorted(m.result.entity_id or "" for m in group)),
            )
        )
    return out


def sum_inputs(
    rows: Iterable[Mapping[str, Any]],
    fields: Sequence[str],
    *,
    parent_field: str = "parent_id",
    period_field: str = "year",
) -> dict[tuple[str, str], dict[str, Fraction]]:
    """Add up input *fields* of member rows per parent and period, exactly.

    Returns ``{(parent_id, period): {field: sum}}``; a member without a value
    for a field contributes nothing to that field's sum, and a field no
    member gave is left out.

    >>> rows = [{"parent_id": "gansu", "year": 2016, "clinics": 300},
    ...         {"parent_id": "gansu", "year": 2016, "clinics": "250"}]
    >>> sum_inputs(rows, ["clinics"])
    {('gansu', '2016'): {'clinics': Fraction(550, 1)}}
    """
    sums: dict[tuple[str, str], dict[str, Fraction]] = defaultdict(dict)
    for row in rows:
        parent = row.get(parent_field)
        if is_missing(parent):
            continue
        key = (str(parent), str(row.get(period_field)))
        bucket = sums[key]
        for field in fields:
            raw = row.get(field)
            if raw is None or is_missing(raw):
                continue
            bucket[field] = bucket.get(field, Fraction(0)) + to_fraction(raw)
    return dict(sums)


def describe_total(value: Fraction) -> str:
    """A roll-up total for an explanation."""
    return format_number(value)
