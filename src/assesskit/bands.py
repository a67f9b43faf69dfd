"""Bands: ordered intervals of the total with explicit ends, and their linter.

Source texts often give tables whose literal reading overlaps ("80分以上" and
"80分以下60分以上" both contain 80) or leaves a gap ("低于80分,高于60分" and
"低于60分" both miss 60). A :class:`BandTable` makes every end explicit, and
:func:`lint_intervals` finds gaps, overlaps and unreachable bands.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Literal

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._exact import format_number
from assesskit.intervals import Interval
from assesskit.text import Text

__all__ = ["Band", "BandTable", "Finding", "Reachable", "lint_intervals"]


@attrs.frozen
class Band:
    """A named interval of totals, e.g. ``full`` (全額) for ``total >= 80``."""

    id: str
    label: Text
    interval: Interval


#: How a table settles a value that lies in two bands.
OverlapRule = Literal["forbid", "first_listed"]


def _band_tuple(bands: Iterable[Band]) -> tuple[Band, ...]:
    # A typed converter: with ``converter=tuple`` mypy cannot type the argument.
    return tuple(bands)


@attrs.frozen
class BandTable:
    """Bands of the total, in order from the best to the worst.

    ``on_overlap="forbid"`` (the default) makes an overlap a definition
    error; ``"first_listed"`` declares that the band listed first wins.
    """

    bands: tuple[Band, ...] = attrs.field(converter=_band_tuple)
    on_overlap: OverlapRule = "forbid"

    def classify(self, total: Fraction | None) -> Band | None:
        """The band *total* falls in (``None`` for no total or a gap)."""
        if total is None:
            return None
        for band in self.bands:
            if band.interval.contains(total):
                return band
        return None

    def classify_hundredths(self, hundredths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Band index per total given in hundredths (-1 for none), exactly."""
        out = np.full(hundredths.shape, -1, dtype=np.int64)
        for index in range(len(self.bands) - 1, -1, -1):
            hit = _contains_hundredths(self.bands[index].interval, hundredths)
            out[hit] = index
        return out

    def ids(self) -> tuple[str, ...]:
        """The band ids in order."""
        return tuple(b.id for b in self.bands)

    def ladder_problems(self) -> list[str]:
        """Why this table is not a ladder whose cuts can be moved (empty when it is).

        A ladder lists its bands from the best to the worst, each band ending
        where the better one above it begins, the shared end belonging to
        exactly one of the two, so moving the cuts (:meth:`with_lower_ends`)
        never opens a gap or an overlap.
        """
        if len(self.bands) < 2:
            return ["a ladder of bands needs at least two bands"]
        problems: list[str] = []
        for better, worse in itertools.pairwise(self.bands):
            upper, lower = worse.interval, better.interval
            if (
                lower.lower is None
                or upper.upper != lower.lower
                or upper.upper_closed == lower.lower_closed
            ):
                problems.append(
                    f"band {worse.id!r} {upper.notation()} does not end where band "
                    f"{better.id!r} {lower.notation()} begins"
                )
        return problems

    def lower_ends(self) -> dict[str, Fraction]:
        """The lower end of every band but the worst, by band id: the cuts of a ladder."""
        return {
            band.id: band.interval.lower
            for band in self.bands[:-1]
            if band.interval.lower is not None
        }

    def with_lower_ends(self, ends: Mapping[str, Fraction]) -> BandTable:
        """This ladder with the lower ends of the bands named in *ends* moved.

        The worse band below each moved end ends there. Raises
        :class:`ValueError` listing every problem when a band is not one
        whose lower end can move, or the ends do not descend strictly from
        the best band to the worst.

        >>> table = BandTable([Band("pass", Text("pass"), Interval.at_least(60)),
        ...                    Band("fail", Text("fail"), Interval.below(60))])
        >>> table.with_lower_ends({"pass": Fraction(50)}).classify(Fraction(55)).id
        'pass'
        """
        cuts = self.lower_ends()
        problems = [
            f"band {name!r} has no lower end that can move (movable: {', '.join(cuts) or 'none'})"
            for name in ends
            if name not in cuts
        ]
        if problems:
            raise ValueError("; ".join(problems))
        cuts.update(ends)
        order = [(b.id, cuts[b.id]) for b in self.bands[:-1]]
        for (high_id, high), (low_id, low) in itertools.pairwise(order):
            if not high > low:
                problems.append(
                    f"the lower end of {high_id!r} ({format_number(high)}) must be above "
                    f"that of {low_id!r} ({format_number(low)})"
                )
        if problems:
            raise ValueError("; ".join(problems))
        rebuilt: list[Band] = []
        for index, band in enumerate(self.bands):
            interval = band.interval
            lower = cuts[band.id] if index < len(self.bands) - 1 else interval.lower
            upper = cuts[self.bands[index - 1].id] if index > 0 else interval.upper
            try:
                moved = Interval(lower, upper, interval.lower_closed, interval.upper_closed)
            except ValueError as exc:
                problems.append(f"band {band.id!r} would be empty: {exc}")
                continue
            rebuilt.append(attrs.evolve(band, interval=moved))
        if problems:
            raise ValueError("; ".join(problems))
        return attrs.evolve(self, bands=tuple(rebuilt))

    def lint(self, reachable: Reachable | None = None) -> list[Finding]:
        """Gaps and overlaps over [0, 100] at the resolution of 0.01, and unreachable bands."""
        findings = lint_intervals(
            [(b.id, b.interval) for b in self.bands],
            Interval(0, 100),
            grid=Fraction(1, 100),
        )
        if self.on_overlap == "first_listed":
            findings = [f for f in findings if f.kind != "overlap"]
        if reachable is not None:
            for band in self.bands:
                if not reachable.meets(band.interval, Fraction(1, 100)):
                    findings.append(
                        Finding(
                            "unreachable",
                            band.interval,
                            (band.id,),
                            f"band {band.id!r} {band.interval.notation()} can never be reached "
                            f"(possible totals: {reachable.words()})",
                        )
                    )
        return findings


def _contains_hundredths(
    interval: Interval, hundredths: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    mask = np.ones(hundredths.shape, dtype=bool)
    if interval.lower is not None:
        lo = interval.lower * 100
        if interval.lower_closed:
            mask &= hundredths >= math.ceil(lo)
        else:
            mask &= hundredths > math.floor(lo)
    if interval.upper is not None:
        hi = interval.upper * 100
        if interval.upper_closed:
            mask &= hundredths <= math.floor(hi)
        else:
            mask &= hundredths < math.ceil(hi)
    return mask


@attrs.frozen
class Finding:
    """A problem the linter found: a gap, an overlap or an unreachable band."""

    kind: Literal["gap", "overlap", "unreachable"]
    where: Interval
    bands: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class Reachable:
    """The totals a scheme can produce: intervals and isolated values."""

    intervals: tuple[Interval, ...] = ()
    points: frozenset[Fraction] = frozenset()

    def meets(self, interval: Interval, grid: Fraction | None) -> bool:
        """Whether some reachable total (on the grid) lies in *interval*."""
        if any(interval.contains(p) for p in self.points):
            return True
        for span in self.intervals:
            common = span.intersection(interval)
            if common is not None and (grid is None or common.meets_grid(grid)):
                return True
        return False

    def words(self) -> str:
        """The reachable totals in words."""
        parts = [i.notation() for i in self.intervals]
        if self.points:
            shown = sorted(self.points)
            text = ", ".join(format_number(p) for p in shown[:12])
            if len(shown) > 12:
                text += f", … ({len(shown)} values)"
            parts.append("{" + text + "}")
        return " ∪ ".join(parts) if parts else "none"


def lint_intervals(
    entries: Sequence[tuple[str, Interval]],
    domain: Interval,
    grid: Fraction | None = None,
) -> list[Finding]:
    """Find gaps and overlaps of named intervals within *domain*.

    With *grid* (e.g. 0.01 for totals rounded to 2 decimals), a gap or an
    overlap is reported only if it contains a value on the grid.

    >>> literal = [("full", Interval.at_least(80)),
    ...            ("reduced", Interval(60, 80, False, False)),
    ...            ("low", Interval.below(60))]
    >>> [str(f) for f in lint_intervals(literal, Interval(0, 100))]
    ['gap at 60: no band contains it']
    """
    cuts: set[Fraction] = set()
    for bound in (domain.lower, domain.upper):
        if bound is not None:
            cuts.add(bound)
    for _, interval in entries:
        for bound in (interval.lower, interval.upper):
            if bound is not None and domain.contains(bound):
                cuts.add(bound)
    ordered = sorted(cuts)
    pieces: list[Interval] = []
    for index, cut in enumerate(ordered):
        if domain.contains(cut):
            pieces.append(Interval(cut, cut))
        if index + 1 < len(ordered):
            pieces.append(Interval(cut, ordered[index + 1], False, False))
    if domain.lower is None and ordered:
        pieces.insert(0, Interval(None, ordered[0], upper_closed=False))
    if domain.upper is None and ordered:
        pieces.append(Interval(ordered[-1], None, lower_closed=False))

    findings: list[Finding] = []
    run: list[Interval] = []
    run_kind: tuple[str, tuple[str, ...]] | None = None

    def flush() -> None:
        nonlocal run, run_kind
        if run and run_kind is not None:
            merged = Interval(
                run[0].lower, run[-1].upper, run[0].lower_closed, run[-1].upper_closed
            )
            if grid is None or merged.meets_grid(grid):
                findings.append(_finding(run_kind[0], merged, run_kind[1]))
        run, run_kind = [], None

    for piece in pieces:
        probe = _probe(piece)
        holders = tuple(name for name, interval in entries if interval.contains(probe))
        if len(holders) == 1:
            flush()
            continue
        kind = ("gap", ()) if not holders else ("overlap", holders)
        if run_kind != kind:
            flush()
            run_kind = kind
        run.append(piece)
    flush()
    return findings


def _probe(piece: Interval) -> Fraction:
    if piece.lower is None:
        assert piece.upper is not None
        return piece.upper - 1
    if piece.upper is None:
        return piece.lower + 1
    return (piece.lower + piece.upper) / 2


def _finding(kind: str, where: Interval, holders: tuple[str, ...]) -> Finding:
    if where.lower is not None and where.lower == where.upper:
        place = f"at {format_number(where.lower)}"
    else:
        place = f"over {where.notation()}"
    if kind == "gap":
        return Finding("gap", where, (), f"gap {place}: no band contains it")
    names = " and ".join(repr(h) for h in holders)
    return Finding("overlap", where, holders, f"overlap {place}: {names} both contain it")
