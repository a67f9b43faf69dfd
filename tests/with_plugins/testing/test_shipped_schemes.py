"""Every scheme installed with this repository keeps every invariant (fast profile).

The schemes come from the installed plugins (``plugins/*``), one test per
scheme and invariant; ``pytest --assesskit-check`` runs the same checks. The
first scheme of each family runs in the default test session (``nox -s
tests``); the others are marked ``every_scheme`` and run in ``nox -s
schemes``, which the README's test command runs too.
"""

from __future__ import annotations

import pytest

from assesskit import list_schemes
from assesskit.plugins import RegisteredScheme
from assesskit.testing import INVARIANTS, Invariant

SHIPPED = list_schemes()


def _first_of_each_family(entries: list[RegisteredScheme]) -> set[str]:
    """The id of the first scheme of each family (``microloan.loan-officer`` of ``microloan``)."""
    firsts: dict[str, str] = {}
    for entry in entries:
        firsts.setdefault(entry.id.split(".", 1)[0], entry.id)
    return set(firsts.values())


FIRSTS = _first_of_each_family(SHIPPED)


@pytest.mark.parametrize("invariant", INVARIANTS, ids=lambda inv: inv.name)
@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(e, id=e.id, marks=() if e.id in FIRSTS else pytest.mark.every_scheme)
        for e in SHIPPED
    ],
)
def test_shipped_scheme_keeps_invariant(entry: RegisteredScheme, invariant: Invariant) -> None:
    reason = invariant.not_applicable(entry.scheme)
    if reason is not None:
        pytest.skip(reason)
    invariant.run(entry.scheme, profile="fast")
