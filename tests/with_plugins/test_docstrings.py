"""The examples in docstrings run: every ``>>>`` in ``src/assesskit`` is a doctest."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import assesskit

MODULES = sorted(m.name for m in pkgutil.walk_packages(assesskit.__path__, "assesskit."))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False, report=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
