"""The shipped schemes are well typed: every veto, outcome and trigger reads what it may."""

from __future__ import annotations


def test_every_shipped_scheme_is_well_typed() -> None:
    from assesskit import list_schemes
    from assesskit.expr_types import scheme_type_problems

    for entry in list_schemes():
        assert scheme_type_problems(entry.scheme) == [], entry.id
