"""The period of every row of a batch, however the column is given, each distinct value read once.

On the sample scheme of ``tests/conftest.py`` (monthly): the outcome
``bonus_paid_in`` is the month after the row's period, so it shows the
period the batch read; a row without a period has no such month.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit.errors import InvalidInputError
from assesskit.scoring.batch import factorise

SAMPLE = build_sample_scheme()
NOT_A_PERIOD = "must be a period, YYYY-MM or YYYY"


def columns(periods: Any) -> dict[str, Any]:
    rows = len(periods)
    given: dict[str, Any] = {k: [v] * rows for k, v in sample_record().items()}
    given["entity_id"] = [f"E-{i}" for i in range(rows)]
    given["period"] = periods
    return given


def paid_in(periods: Any) -> list[str | None]:
    return SAMPLE.score_batch(columns(periods)).outcomes["bonus_paid_in"].tolist()


def problems(periods: Any) -> list[tuple[int | None, str, Any, str]]:
    with pytest.raises(InvalidInputError) as caught:
        SAMPLE.score_batch(columns(periods))
    return [(p.row, p.field, p.value, p.rule) for p in caught.value.problems]


@pytest.mark.parametrize(
    "periods",
    [
        np.array(["2026-08", "2026-07", "2026-08"]),
        np.array(["2026-08", "2026-07", "2026-08"], dtype=object),
        ["2026-08", "2026-07", "2026-08"],
        np.array([np.str_("2026-08"), np.str_("2026-07"), np.str_("2026-08")], dtype=object),
    ],
    ids=["numpy texts", "object texts", "list", "numpy text scalars"],
)
def test_periods_however_given(periods: Any) -> None:
    assert paid_in(periods) == ["2026-09", "2026-08", "2026-09"]


@pytest.fixture
def periods_read(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every value the batch reads as a period, in the order read."""
    import assesskit.scoring.exact as exact

    read: list[Any] = []
    read_period = exact.read_period

    def recorded(scheme: Any, value: Any) -> Any:
        read.append(value)
        return read_period(scheme, value)

    monkeypatch.setattr(exact, "read_period", recorded)
    return read


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (
            np.array(["2026-08", "2026-07", "2026-08", None, "2026-07"] * 40, dtype=object),
            ["2026-09", "2026-08", "2026-09", None, "2026-08"] * 40,
        ),
        (np.array(["2026-08", "2026-07", "2026-08"] * 40), ["2026-09", "2026-08", "2026-09"] * 40),
    ],
    ids=["object texts and None", "numpy texts"],
)
def test_each_distinct_period_is_read_once(
    periods_read: list[Any], periods: Any, expected: list[str | None]
) -> None:
    assert paid_in(periods) == expected
    assert sorted(map(str, periods_read)) == sorted(map(str, set(periods.tolist())))


def test_a_row_without_a_period() -> None:
    assert paid_in([None, "2026-12", None]) == [None, "2027-01", None]


def test_every_row_with_a_bad_period_is_named() -> None:
    assert problems(["2026-08", "bad", "2026-13", "bad"]) == [
        (1, "period", "bad", NOT_A_PERIOD),
        (2, "period", "2026-13", NOT_A_PERIOD),
        (3, "period", "bad", NOT_A_PERIOD),
    ]


def test_numbers_and_bytes_are_read_as_they_are() -> None:
    monthly = "this scheme is monthly: give YYYY-MM"
    assert problems(np.array([202608, 202607])) == [
        (0, "period", 202608, monthly),
        (1, "period", 202607, monthly),
    ]
    assert problems(np.array([b"2026-08", b"2026-07"])) == [
        (0, "period", b"2026-08", NOT_A_PERIOD),
        (1, "period", b"2026-07", NOT_A_PERIOD),
    ]


class Unhashable:
    """A cell that cannot be a key: its column is read row by row."""

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "Unhashable()"


def test_an_unhashable_cell_is_read_on_its_own() -> None:
    cell = Unhashable()
    assert problems([cell, "2026-08", cell]) == [
        (0, "period", cell, NOT_A_PERIOD),
        (2, "period", cell, NOT_A_PERIOD),
    ]


def test_factorise_codes_in_order_of_first_appearance() -> None:
    codes, distinct = factorise(["b", "a", "b", "c", "a", "a"])
    assert (codes.tolist(), distinct) == ([0, 1, 0, 2, 1, 1], ["b", "a", "c"])
    assert codes.dtype == np.intp
    empty, none = factorise([])
    assert (empty.tolist(), none) == ([], [])
    with pytest.raises(TypeError):
        factorise([[1], [1]])
