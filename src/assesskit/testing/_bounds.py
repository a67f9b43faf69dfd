"""The bounds invariant: the total within [0, 100], each component within its weight."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

import hypothesis.strategies as st

from assesskit._exact import round_half_up
from assesskit.scheme import Scheme
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    ProfileArg,
    run_check,
    score_or_fail,
    show,
)
from assesskit.testing.strategies import (
    DrawnRecord,
    SchemeInputs,
    _drawn,
)

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn


# -- bounds ----------------------------------------------------------------------------------


def _bounds_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    weights = scheme.effective_weights()
    rules = {c.id: c.rule for c in scheme.components}

    def body(drawn: DrawnRecord) -> None:
        record = drawn.record
        result = score_or_fail(scheme, "bounds", record)
        total = result.total
        if total is not None and not 0 <= total <= 100:
            raise InvariantViolation(
                "bounds", scheme.id, f"total {total} is outside [0, 100]", record=record
            )
        exact_sum = Fraction(0)
        for cid, comp in result.components.items():
            points = comp.exact_points
            if points is None:
                continue
            exact_sum += points
            factor = comp.weight / weights[cid] if weights[cid] else Fraction(1)
            lo, hi = (b * factor for b in rules[cid].bounds(weights[cid]))
            where = f"component {cid!r} ({comp.explanation.en})"
            if points < 0 or points > max(comp.weight, hi):
                raise InvariantViolation(
                    "bounds",
                    scheme.id,
                    f"component {cid!r} earned {show(points)} points, outside "
                    f"[0, {show(comp.weight)}] (its weight)",
                    component=cid,
                    details=[where],
                    record=record,
                )
            if not lo <= points <= hi:
                raise InvariantViolation(
                    "bounds",
                    scheme.id,
                    f"component {cid!r} earned {show(points)} points, outside the bounds "
                    f"[{show(lo)}, {show(hi)}] its rule declares",
                    component=cid,
                    details=[where],
                    record=record,
                )
            if comp.points != round_half_up(points):
                raise InvariantViolation(
                    "bounds",
                    scheme.id,
                    f"component {cid!r} shows {comp.points}, not its exact points "
                    f"{show(points)} rounded half-up",
                    component=cid,
                    record=record,
                )
        if total is not None and not result.vetoed and total != round_half_up(exact_sum):
            raise InvariantViolation(
                "bounds",
                scheme.id,
                f"total {total} is not the rounded sum of the exact component points "
                f"({show(exact_sum)} → {round_half_up(exact_sum)})",
                record=record,
            )

    return body


def check_bounds(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """Total within [0, 100]; each component within [0, its effective weight].

    A component may exceed its weight only when its rule's ``bounds()`` say
    so (a ratio with a cap above 1), and never leaves those declared bounds,
    which the band linter relies on. Also: the shown component points are the
    exact ones rounded half-up, and the total is the rounded sum of the exact
    points (when no veto fired).
    """
    strategy = _drawn(SchemeInputs.of(scheme), 0.5, "E-1", None)
    run_check(scheme, "bounds", strategy, _bounds_body(scheme), profile, settings)
