"""assesskit's testing kit on every scheme of the plugin.

``check_scheme`` runs each invariant (totals in range, exact arithmetic,
vetoes, monotonicity, band coverage, reach, batch equals exact, parameters,
invalid input, the declared examples, history) on generated records and
raises with a shrunk counterexample when one breaks. The same checks run as
one pytest item each with ``pytest --assesskit-check --assesskit-scheme 'myfamily.*'``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assesskit import Scheme
from assesskit.testing import check_scheme

#: Every scheme the plugin registers.
SCHEME_IDS = ("myfamily.clerk",)


@pytest.mark.parametrize("scheme_id", SCHEME_IDS)
def test_every_invariant_holds(installed: Callable[[str], Scheme], scheme_id: str) -> None:
    report = check_scheme(installed(scheme_id))
    assert "examples" in report.passed
    assert "batch" in report.passed
