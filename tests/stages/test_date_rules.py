"""Date rules relative to the assessed year, and a stage's window."""

from __future__ import annotations

import datetime as dt

import pytest

from assesskit import Text
from assesskit.stages import DayOf, LastDayOf, Stage

D = dt.date


def test_day_of_is_in_the_year_after_by_default() -> None:
    assert DayOf(2, 20).on(2024) == D(2025, 2, 20)
    assert DayOf(3, 1, years_after=0).on(2024) == D(2024, 3, 1)


@pytest.mark.parametrize(
    ("assessed_year", "expected"),
    [
        (2023, D(2024, 2, 29)),  # 2024 is a leap year
        (2024, D(2025, 2, 28)),
        (2099, D(2100, 2, 28)),  # 2100: divisible by 100, not by 400: not a leap year
        (2399, D(2400, 2, 29)),  # 2400: divisible by 400: a leap year
    ],
)
def test_last_day_of_february_follows_leap_years(assessed_year: int, expected: dt.date) -> None:
    assert LastDayOf(2).on(assessed_year) == expected


def test_last_day_of_march() -> None:
    assert LastDayOf(3).on(2024) == D(2025, 3, 31)


@pytest.mark.parametrize(("month", "day"), [(2, 29), (4, 31), (2, 0), (13, 1), (0, 5)])
def test_day_that_does_not_exist_every_year_is_rejected(month: int, day: int) -> None:
    with pytest.raises(ValueError, match=r"month|does not exist"):
        DayOf(month, day)


def test_february_29_points_to_last_day_of() -> None:
    with pytest.raises(ValueError, match=r"LastDayOf\(2\)"):
        DayOf(2, 29)


def test_longest_valid_days_are_accepted() -> None:
    assert DayOf(2, 28).on(2023) == D(2024, 2, 28)
    assert DayOf(4, 30).on(2023) == D(2024, 4, 30)


def test_words_in_both_languages() -> None:
    assert DayOf(2, 20).words() == Text(
        "20 February of the year after the assessed year", "次年2月20日"
    )
    words = LastDayOf(2).words()
    assert "29 February in a leap year" in words.en
    assert words.zh == "次年2月最后一天(闰年为2月29日)"


PROVINCE = Stage(
    "province",
    Text("province"),
    Text("the province"),
    Text("the prefectures"),
    deadline=LastDayOf(3),
    opens=DayOf(3, 1),
)
SELF_CHECK = Stage("self_check", Text("self-check"), Text("county"), Text("itself"), DayOf(2, 20))


@pytest.mark.parametrize(
    ("stage", "year", "on", "timing"),
    [
        (SELF_CHECK, 2024, D(2025, 2, 20), "on_time"),
        (SELF_CHECK, 2024, D(2025, 2, 21), "late"),
        # no opening date: never early, even inside the assessed year
        (SELF_CHECK, 2024, D(2024, 6, 1), "on_time"),
        (PROVINCE, 2024, D(2025, 2, 28), "early"),
        (PROVINCE, 2024, D(2025, 3, 1), "on_time"),
        (PROVINCE, 2024, D(2025, 3, 31), "on_time"),
        (PROVINCE, 2024, D(2025, 4, 1), "late"),
        (PROVINCE, 2023, D(2024, 2, 29), "early"),
        (PROVINCE, 2023, D(2024, 3, 1), "on_time"),
    ],
)
def test_stage_timing_at_the_window_ends(stage: Stage, year: int, on: dt.date, timing: str) -> None:
    assert stage.timing(year, on) == timing


def test_stage_window_and_words() -> None:
    assert PROVINCE.window(2024) == (D(2025, 3, 1), D(2025, 3, 31))
    assert SELF_CHECK.window(2024) == (None, D(2025, 2, 20))
    assert PROVINCE.words().en.startswith(
        "province: by the province, of the prefectures, from 1 March of the year after"
    )
    assert "on or before 20 February" in SELF_CHECK.words().en


def test_missing_outcome_is_named_after_the_required_stage() -> None:
    stage = Stage(
        "prefecture", Text("p"), Text("a"), Text("b"), LastDayOf(2), requires="self_check"
    )
    assert stage.missing_outcome == "self_check_missing"
    assert SELF_CHECK.missing_outcome is None
