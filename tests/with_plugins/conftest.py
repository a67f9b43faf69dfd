"""Tests of the core that need the shipped scheme plugins installed (and their example data).

Everything under ``tests/with_plugins/`` scores the real schemes of
``plugins/assesskit-microloan``, ``-health`` and ``-relocation``: through the
command line in a subprocess (which cannot see a plugin registered in-test),
on Dask workers, on the plugins' bundled files under ``plugins/*/examples/``,
or over every installed scheme (the invariants, the expression types, the
doctests of ``docs/``, which score the shipped schemes).
The rest of ``tests/`` needs no plugin: it uses the sample scheme of
``tests/conftest.py``. ``nox -s tests`` installs every plugin and runs both; without
the plugins, run ``pytest tests --ignore=tests/with_plugins``. A test here is
skipped, with the reason, when a shipped plugin is not installed.
"""

from __future__ import annotations

import importlib.util

import pytest
from tests.cli.conftest import cli, sample_plugin
from tests.with_plugins.shipped import PACKAGES

__all__ = ["cli", "sample_plugin"]

MISSING = [name for name in PACKAGES.values() if importlib.util.find_spec(name) is None]


@pytest.fixture(autouse=True)
def _shipped_plugins_installed() -> None:
    """Skip, naming them, when any shipped plugin is not installed."""
    if MISSING:
        pytest.skip(f"needs the shipped scheme plugins; not installed: {', '.join(MISSING)}")
