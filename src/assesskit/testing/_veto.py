"""The veto invariant: a fired veto (一票否決) gives a total of 0."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st

from assesskit.errors import SchemeDefinitionError
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    ProfileArg,
    run_check,
    score_batch_or_fail,
    score_or_fail,
    show,
    single_columns,
)
from assesskit.testing.strategies import (
    DrawnRecord,
    SchemeInputs,
    _drawn,
)

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn


# -- vetoes ----------------------------------------------------------------------------------


def _veto_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    try:
        unvetoed: Scheme | None = attrs.evolve(scheme, vetoes=())
    except SchemeDefinitionError:
        unvetoed = None  # something refers to the vetoes: compare no components
    zero_band = scheme.bands.classify(Fraction(0)) if scheme.bands is not None else None

    def body(drawn: DrawnRecord) -> None:
        record = drawn.record
        result = score_or_fail(scheme, "veto", record)
        fired = [v.id for v in result.vetoes]
        if bool(fired) != result.vetoed:
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"vetoed is {result.vetoed} but the vetoes that fired are {fired or 'none'}",
                record=record,
            )
        if fired:
            exact_path_holds(result, fired, record)
        batch = score_batch_or_fail(scheme, "veto", single_columns(record), [record])
        batch_total = float(batch.total[0])
        if bool(batch.vetoed[0]) and not math.isnan(batch_total) and batch_total != 0:
            batch_fired = [k for k, mask in batch.veto_fired.items() if mask[0]]
            culprit = batch_fired[0] if batch_fired else None
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"veto {culprit!r} fired on the batch path but the batch total is "
                f"{batch_total}, not 0",
                component=culprit,
                record=record,
            )

    def exact_path_holds(result: Result, fired: list[str], record: dict[str, Any]) -> None:
        if result.total is not None and result.total != 0:
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"veto {fired[0]!r} fired but the total is {result.total}, not 0",
                component=fired[0],
                details=[v.explanation.en for v in result.vetoes],
                record=record,
            )
        if result.total is not None and result.band != zero_band:
            raise InvariantViolation(
                "veto",
                scheme.id,
                f"veto {fired[0]!r} fired: the band is {result.band_id!r}, not the band of 0 "
                f"({None if zero_band is None else zero_band.id!r})",
                component=fired[0],
                record=record,
            )
        if unvetoed is None:
            return
        free = score_or_fail(unvetoed, "veto", record)
        for cid, comp in result.components.items():
            would = free.components[cid].exact_points
            if comp.exact_points != would:
                raise InvariantViolation(
                    "veto",
                    scheme.id,
                    f"veto {fired[0]!r} fired and component {cid!r} shows "
                    f"{show(comp.exact_points)} instead of the {show(would)} points it would "
                    f"have earned",
                    component=cid,
                    record=record,
                )

    return body


def check_veto(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """A fired veto (一票否決) gives a total of 0, on the exact and the batch path.

    Its band is the band of 0, and each component still shows the points it
    would have earned. (When no component applies there is no total at all,
    veto or not.)
    """
    if not scheme.vetoes:
        return
    strategy = _drawn(SchemeInputs.of(scheme), 0.6, "E-1", None)
    run_check(scheme, "veto", strategy, _veto_body(scheme), profile, settings)
