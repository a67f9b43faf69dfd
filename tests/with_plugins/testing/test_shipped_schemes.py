"""Every scheme installed with this repository keeps every invariant (fast profile).

The schemes come from the installed plugins (``plugins/*``), one test per
scheme and invariant; ``pytest --assesskit-check`` runs the same checks.
"""

from __future__ import annotations

import pytest

from assesskit import list_schemes
from assesskit.plugins import RegisteredScheme
from assesskit.testing import INVARIANTS, Invariant

SHIPPED = list_schemes()


@pytest.mark.parametrize("invariant", INVARIANTS, ids=lambda inv: inv.name)
@pytest.mark.parametrize("entry", SHIPPED, ids=lambda entry: entry.id)
def test_shipped_scheme_keeps_invariant(entry: RegisteredScheme, invariant: Invariant) -> None:
    reason = invariant.not_applicable(entry.scheme)
    if reason is not None:
        pytest.skip(reason)
    invariant.run(entry.scheme, profile="fast")
