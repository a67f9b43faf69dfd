"""The README's Python example runs as written."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs() -> None:
    failures, tried = doctest.testfile(str(README), module_relative=False, verbose=False)
    assert tried >= 3
    assert failures == 0
