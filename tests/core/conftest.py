"""Fixtures shared by the core tests."""

from __future__ import annotations

from typing import Any

import pytest

import assesskit._columns
from assesskit import Metric


@pytest.fixture
def checked_row_by_row(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the float columns that failed the quick screen and were checked row by row."""
    sizes: list[int] = []
    checked_rows = assesskit._columns._checked_rows

    def counting(metric: Metric, data: Any) -> Any:
        sizes.append(len(data))
        return checked_rows(metric, data)

    monkeypatch.setattr(assesskit._columns, "_checked_rows", counting)
    return sizes
