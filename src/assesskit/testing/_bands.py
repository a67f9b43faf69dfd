"""The bands invariant: the band table covers every reachable total exactly once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import hypothesis.strategies as st

from assesskit.bands import Band
from assesskit.intervals import Interval
from assesskit.scheme import Scheme
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    ProfileArg,
    run_check,
    score_or_fail,
)
from assesskit.testing.strategies import (
    DrawnRecord,
    SchemeInputs,
    _drawn,
)

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn


# -- bands -----------------------------------------------------------------------------------


def _bands_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    table = scheme.bands
    assert table is not None

    def body(drawn: DrawnRecord) -> None:
        result = score_or_fail(scheme, "bands", drawn.record)
        if result.total is None:
            return
        total = Fraction(result.total)
        holders = [b.id for b in table.bands if b.interval.contains(total)]
        if not holders:
            raise InvariantViolation(
                "bands", scheme.id, f"total {result.total} falls in no band", record=drawn.record
            )
        if len(holders) > 1 and table.on_overlap == "forbid":
            raise InvariantViolation(
                "bands",
                scheme.id,
                f"total {result.total} falls in bands {holders}",
                component=holders[0],
                record=drawn.record,
            )
        if result.band_id != holders[0]:
            raise InvariantViolation(
                "bands",
                scheme.id,
                f"total {result.total} is in band {holders[0]!r} but the result says "
                f"{result.band_id!r}",
                component=holders[0],
                record=drawn.record,
            )

    return body


def _touching(bands: Sequence[Band], where: Interval) -> tuple[str, ...]:
    """Bands that end where a gap begins or begin where it ends (the ones to fix)."""
    return tuple(
        b.id
        for b in bands
        if (b.interval.upper is not None and b.interval.upper == where.lower)
        or (b.interval.lower is not None and b.interval.lower == where.upper)
    )


def check_bands(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """The band table covers every reachable total exactly once.

    First :meth:`Scheme.lint` (gaps and overlaps over [0, 100] at 0.01, bands
    no total can reach), then generated records: each published total lies in
    exactly one band (the first listed, if the table lets the first win) and
    the result names it.
    """
    if scheme.bands is None:
        return
    table = scheme.bands
    findings = scheme.lint()
    if findings:
        details: list[str] = []
        names: list[str] = []
        for finding in findings:
            involved = finding.bands or _touching(table.bands, finding.where)
            names += involved
            near = f" (next to {' and '.join(map(repr, involved))})" if not finding.bands else ""
            details.append(f"{finding.message}{near}")
        details.append(
            "bands: " + ", ".join(f"{b.id} {b.interval.notation()}" for b in table.bands)
        )
        raise InvariantViolation(
            "bands",
            scheme.id,
            f"the band table has {len(findings)} problem(s)",
            component=names[0] if names else None,
            details=details,
        )
    strategy = _drawn(SchemeInputs.of(scheme), 0.5, "E-1", None)
    run_check(scheme, "bands", strategy, _bands_body(scheme), profile, settings)
