"""Fixtures: the eight schemes through the installed entry point, and a scoring helper."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

import assesskit
from assesskit import Result, Scheme

# Test modules import their shared data from ``microloan_cases`` (next to this
# file); ``--import-mode=importlib`` does not put the test directory on the path.
sys.path.insert(0, str(Path(__file__).parent))

from microloan_cases import SCHEME_IDS


@pytest.fixture(scope="session")
def schemes() -> Mapping[str, Scheme]:
    """The eight schemes, looked up through the installed entry point."""
    return {scheme_id: assesskit.get_scheme(scheme_id) for scheme_id in SCHEME_IDS}


@pytest.fixture(scope="session")
def score(schemes: Mapping[str, Scheme]) -> Callable[..., Result]:
    """``score(scheme_id, record, history=None)``: score one record."""

    def run(scheme_id: str, record: Mapping[str, Any], history: Any = None) -> Result:
        return schemes[scheme_id].score(record, history=history)

    return run
