"""A scheme's summary columns (issue 15, point 3): declared, defaulted, checked, not identity."""

from __future__ import annotations

import pytest
from tests.conftest import build_sample_scheme

from assesskit.errors import SchemeDefinitionError
from assesskit.io.layout import value_columns
from assesskit.io.selection import ColumnsError, select, summary_keys


def test_the_default_summary() -> None:
    scheme = build_sample_scheme()
    # bands, vetoes, the money outcomes pay and bonus, the history rule dismissal
    assert summary_keys(scheme) == ("total", "band", "vetoed", "pay", "bonus", "dismissal")


def test_a_declared_summary() -> None:
    scheme = build_sample_scheme(summary=("bonus_status", "pay_factor"))
    assert summary_keys(scheme) == ("total", "band", "bonus_status", "pay_factor")


def test_a_summary_naming_nothing_is_a_definition_error() -> None:
    with pytest.raises(SchemeDefinitionError, match="summary names 'payy'"):
        build_sample_scheme(summary=("payy",))


def test_the_summary_is_not_part_of_the_fingerprint() -> None:
    plain = build_sample_scheme()
    summarised = build_sample_scheme(summary=("pay",))
    assert plain.fingerprint == summarised.fingerprint
    assert "summary" not in plain.definition()


def test_select() -> None:
    scheme = build_sample_scheme()
    columns = value_columns(scheme)
    assert select("all", scheme, columns).keys is None
    assert select(None, scheme, columns).keys == summary_keys(scheme)
    chosen = select("bonus, total,bonus", scheme, columns)
    assert chosen.keys == ("bonus", "total")
    assert [c.key for c in chosen.value_columns(columns)] == ["bonus"]
    assert chosen.shows("total")
    assert not chosen.shows("band")
    with pytest.raises(ColumnsError, match="--columns nope: no such column"):
        select("total,nope", scheme, columns)
    with pytest.raises(ColumnsError):
        select(",", scheme, columns)
