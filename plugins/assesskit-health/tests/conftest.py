"""Fixtures: the three schemes through the installed entry point."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

import assesskit
from assesskit import Scheme

# Test modules import their shared data from ``health_cases`` (next to this
# file); ``--import-mode=importlib`` does not put the test directory on the path.
sys.path.insert(0, str(Path(__file__).parent))

from health_cases import SCHEME_IDS


@pytest.fixture(scope="session")
def schemes() -> Mapping[str, Scheme]:
    """The three schemes, looked up through the installed entry point."""
    return {scheme_id: assesskit.get_scheme(scheme_id) for scheme_id in SCHEME_IDS}


@pytest.fixture(scope="session")
def gansu(schemes: Mapping[str, Scheme]) -> Scheme:
    """``health.gansu-province``."""
    return schemes["health.gansu-province"]


@pytest.fixture(scope="session")
def pingliang(schemes: Mapping[str, Scheme]) -> Scheme:
    """``health.pingliang-city``."""
    return schemes["health.pingliang-city"]


@pytest.fixture(scope="session")
def county(schemes: Mapping[str, Scheme]) -> Scheme:
    """``health.county``."""
    return schemes["health.county"]
