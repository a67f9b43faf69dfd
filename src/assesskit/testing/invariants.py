"""Invariants every scheme must keep, each checked with generated records.

Each ``check_*`` function runs one invariant against a scheme with
Hypothesis: when it finds a record that breaks the invariant, Hypothesis
shrinks it to a minimal one and the check raises
:class:`~assesskit.testing.InvariantViolation` naming the component (or
veto, band, outcome, example) that broke it, with the record to paste into
``scheme.score(...)``. :func:`check_scheme` runs them all.

Monotonicity is defined as follows. A metric's direction is declared by
``Metric(direction=...)`` and by the rules that read it
(:meth:`Rule.directions <assesskit.rules.Rule.directions>`); all
declarations must agree. For two valid records that differ only in such a
metric, the one with the better value (higher for ``higher_is_better``,
lower for ``lower_is_better``) must get a published total at least as high
— vetoes included, so a veto reading the metric may only fire further in the
worse direction — and every component whose rule declares the direction
must get at least as many points. Records where no component applies (no
total) are left out. Flags count ``True`` above ``False``; metrics of other
kinds (dates, periods) are not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from assesskit.scheme import Scheme
from assesskit.testing._bands import check_bands
from assesskit.testing._batch import check_batch, check_order
from assesskit.testing._bounds import check_bounds
from assesskit.testing._exactness import check_exact
from assesskit.testing._examples import check_examples
from assesskit.testing._history import check_history
from assesskit.testing._invalid import check_invalid
from assesskit.testing._monotone import check_monotone, declared_directions
from assesskit.testing._params import check_params, takes_parameters
from assesskit.testing._reach import check_reach, nothing_to_reach
from assesskit.testing._report import InvariantViolation, SchemeCheckError
from assesskit.testing._running import ProfileArg
from assesskit.testing._veto import check_veto

if TYPE_CHECKING:
    import hypothesis

__all__ = [
    "INVARIANTS",
    "CheckReport",
    "Invariant",
    "check_bands",
    "check_batch",
    "check_bounds",
    "check_exact",
    "check_examples",
    "check_history",
    "check_invalid",
    "check_monotone",
    "check_order",
    "check_params",
    "check_reach",
    "check_scheme",
    "check_veto",
    "declared_directions",
]


# -- all together ----------------------------------------------------------------------------


@attrs.frozen
class Invariant:
    """One invariant: its name, a one-line title, the check and when it applies."""

    name: str
    title: str
    check: Callable[..., None]
    not_applicable: Callable[[Scheme], str | None] = attrs.field(default=lambda _: None)

    def run(
        self,
        scheme: Scheme,
        *,
        profile: ProfileArg = "fast",
        settings: hypothesis.settings | None = None,
    ) -> None:
        """Run the check; raises :class:`InvariantViolation` on a counterexample."""
        self.check(scheme, profile=profile, settings=settings)


def _no_directions(scheme: Scheme) -> str | None:
    directions, conflicts = declared_directions(scheme)
    return None if directions or conflicts else "no metric declares a direction"


#: Every invariant, in the order :func:`check_scheme` runs them.
INVARIANTS: tuple[Invariant, ...] = (
    Invariant("bounds", "total in [0, 100], each component in [0, its weight]", check_bounds),
    Invariant("exact", "each rule's exact path computes with exact numbers only", check_exact),
    Invariant(
        "veto",
        "a fired veto gives a total of 0",
        check_veto,
        lambda s: None if s.vetoes else "the scheme has no vetoes",
    ),
    Invariant(
        "monotone",
        "a better value of a metric with a declared direction never lowers the total",
        check_monotone,
        _no_directions,
    ),
    Invariant(
        "bands",
        "the band table covers every reachable total exactly once",
        check_bands,
        lambda s: None if s.bands is not None else "the scheme has no bands",
    ),
    Invariant(
        "reach",
        "every veto, outcome branch, history trigger and tier can be reached",
        check_reach,
        nothing_to_reach,
    ),
    Invariant("batch", "score_batch equals score", check_batch),
    Invariant("order", "results do not depend on the order of records", check_order),
    Invariant(
        "params",
        "every parameter value the scheme accepts scores without error, on both paths",
        check_params,
        takes_parameters,
    ),
    Invariant(
        "invalid", "a record with one bad field is rejected naming that field", check_invalid
    ),
    Invariant(
        "examples",
        "the scheme's worked examples give their declared results",
        check_examples,
        lambda s: None if s.examples else "the scheme declares no worked examples",
    ),
    Invariant(
        "history",
        "history rules fire exactly over consecutive periods",
        check_history,
        lambda s: None if s.history_rules else "the scheme has no history rules",
    ),
)


@attrs.frozen
class CheckReport:
    """What :func:`check_scheme` ran: invariants passed, and those not applicable (with why)."""

    scheme_id: str
    passed: tuple[str, ...]
    not_applicable: Mapping[str, str]


def check_scheme(
    scheme: Scheme,
    profile: ProfileArg = "fast",
    *,
    only: Sequence[str] | None = None,
    settings: hypothesis.settings | None = None,
) -> CheckReport:
    """Run every invariant (or those named in *only*) against *scheme*.

    :param scheme: the scheme to check, configured as it will be used.
    :param profile: ``"fast"`` (default, a few seconds) or ``"thorough"``.
    :param only: names of the invariants to run (see :data:`INVARIANTS`).
    :param settings: Hypothesis settings replacing the profile's.
    :returns: a :class:`CheckReport` when every invariant holds.
    :raises SchemeCheckError: listing each broken invariant with its
        counterexample.
    """
    known = {inv.name: inv for inv in INVARIANTS}
    unknown = sorted(set(only or ()) - set(known))
    if unknown:
        raise ValueError(f"unknown invariant(s) {unknown} (known: {', '.join(known)})")
    selected = [inv for inv in INVARIANTS if only is None or inv.name in only]
    passed: list[str] = []
    skipped: dict[str, str] = {}
    failures: list[AssertionError] = []
    for inv in selected:
        reason = inv.not_applicable(scheme)
        if reason is not None:
            skipped[inv.name] = reason
            continue
        try:
            inv.run(scheme, profile=profile, settings=settings)
        except InvariantViolation as exc:
            failures.append(exc)
        else:
            passed.append(inv.name)
    if failures:
        raise SchemeCheckError(scheme.id, failures)
    return CheckReport(scheme.id, tuple(passed), skipped)
