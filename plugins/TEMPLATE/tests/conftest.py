"""Fixtures: the plugin's schemes as installed, looked up through the entry point."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assesskit import Scheme, get_scheme, list_schemes


def _installed(scheme_id: str) -> Scheme:
    if scheme_id not in {entry.id for entry in list_schemes()}:
        pytest.skip(f"{scheme_id} is not registered: install this plugin first (pip install -e .)")
    return get_scheme(scheme_id)


@pytest.fixture(scope="session")
def installed() -> Callable[[str], Scheme]:
    """``installed(scheme_id)``: the scheme as a user gets it; skips, saying how, when missing."""
    return _installed


@pytest.fixture(scope="session")
def clerk(installed: Callable[[str], Scheme]) -> Scheme:
    """``myfamily.clerk``, through the installed entry point."""
    return installed("myfamily.clerk")
