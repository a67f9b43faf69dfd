"""Parameter values on the command line, on the shipped ``relocation.county`` (issue 12).

Moved from ``tests/hardening/test_numbers.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import RELOCATION

Cli = Callable[..., Outcome]

TOO_LARGE = "must have at most 15 digits before the decimal point"


@pytest.mark.parametrize(
    ("param", "words"),
    [
        ("weights.funds=", "parameter 'weights.funds' = '': must be a number; the value is empty"),
        ("bands.good=", "parameter 'bands.good' = '': must be a number; the value is empty"),
        ("inflation_threshold=", "must be a number; the value is empty"),
        ("inflation_threshold=1e9999999999", TOO_LARGE),
        ("weights.funds=1e308", TOO_LARGE),
        ("weights.funds=1.2.3%", "must be a number"),
        ("bands.good=_%", "must be a number"),
        ("inflation_threshold=１２", None),  # full-width digits are a number
    ],
)
def test_parameter_values_follow_the_same_rule(cli: Cli, param: str, words: str | None) -> None:
    pytest.importorskip("assesskit_relocation")
    source = RELOCATION / "counties.csv"
    outcome = cli("score", "relocation.county", str(source), "-p", param)
    assert "Traceback" not in outcome.err
    assert "internal error" not in outcome.err
    if words is None:
        assert outcome.code == 0, outcome.err
    else:
        assert outcome.code == 2
        assert words in outcome.err
