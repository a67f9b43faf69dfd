"""Every example of the documentation runs as a doctest.

The pages score the shipped schemes (``microloan.loan-officer`` in the Dask,
guarantees and performance pages), so this runs with the plugins installed.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from tests.with_plugins.shipped import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.glob("*.md") if p.name != "changelog.md")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_examples_in_docs_run(page: Path) -> None:
    result = doctest.testfile(str(page), module_relative=False, optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) failed in {page.name}"
