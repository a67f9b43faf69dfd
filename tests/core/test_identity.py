"""Whom and when a record assesses, and the one check for a record given twice.

Messages are the ones every front end shows (one record, a batch, a stream,
Dask); rows are found by hand.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.conftest import build_sample_scheme
from tests.core.test_history_stage import SCHEME as MONTHLY
from tests.core.test_history_stage import rec
from tests.hierarchy.conftest import build_unit_scheme

from assesskit import InvalidInputError, Period, score_records
from assesskit.scoring.identity import (
    ENTITY_FIELD,
    BatchIdentity,
    Twice,
    duplicate_problem,
    duplicate_rows,
    identity_problems,
    missing_fields,
    required_fields,
)

ANNUAL = build_unit_scheme()
SAMPLE = build_sample_scheme()


class TestTwice:
    def test_wording(self) -> None:
        problem = Twice("period", "E-1", Period(2026, 7), None, "2026-07").problem("row 1")
        assert (problem.field, problem.value) == ("period", "2026-07")
        assert (
            problem.rule
            == "E-1 2026-07 appears twice (also row 1); give each entity and period once"
        )

    def test_wording_with_a_stage(self) -> None:
        problem = Twice("year", "C", Period(2024), "final", 2024).problem("at a.csv line 2")
        assert problem.rule == (
            "C 2024 stage final appears twice (also at a.csv line 2); "
            "give each entity and period once"
        )

    def test_duplicate_problem_with_a_stage(self) -> None:
        problem = duplicate_problem(ANNUAL, "C", Period(2024), "self", 2024, "row 1")
        assert problem.rule.startswith("C 2024 stage self appears twice (also row 1)")

    def test_duplicate_problem_names_the_scheme_period_field(self) -> None:
        problem = duplicate_problem(ANNUAL, "C", Period(2024), None, "2024", "row 3")
        assert (problem.field, problem.value) == ("year", "2024")
        assert problem.rule.startswith("C 2024 appears twice (also row 3)")

    def test_records_given_twice_on_the_exact_path(self) -> None:
        records = [rec("E-1", "2026-07", 1), rec("E-2", "2026-07", 1), rec("E-1", "2026-07", 2)]
        with pytest.raises(InvalidInputError) as caught:
            score_records(MONTHLY, records)
        (problem,) = caught.value.problems
        assert str(problem) == (
            "record E-1 (row 3): field 'period' = '2026-07': E-1 2026-07 appears twice "
            "(also row 1); give each entity and period once"
        )


class TestIdentityProblems:
    def test_entity_and_period_required(self) -> None:
        found = identity_problems(MONTHLY, None, {"period": None}, frozenset())
        assert [(p.field, p.value, p.rule) for p in found] == [
            ("entity_id", None, "is required (whom the record assesses)"),
            ("period", None, "is required: YYYY-MM"),
        ]

    def test_an_annual_scheme_asks_for_a_year(self) -> None:
        found = identity_problems(ANNUAL, "C", {"year": ""}, frozenset())
        assert [(p.field, p.rule) for p in found] == [("year", "is required: a year YYYY")]

    def test_given_entity_and_period(self) -> None:
        assert identity_problems(MONTHLY, "E-1", {"period": "2026-07"}, frozenset()) == []

    def test_fields_missing_from_the_whole_file_are_skipped(self) -> None:
        skip = frozenset({"entity_id", "period"})
        assert identity_problems(MONTHLY, None, {}, skip) == []
        only = identity_problems(MONTHLY, None, {}, frozenset({"period"}))
        assert [p.field for p in only] == ["entity_id"]
        only = identity_problems(MONTHLY, None, {}, frozenset({"entity_id"}))
        assert [p.field for p in only] == ["period"]


class TestRequiredFields:
    def test_whom_when_and_required_inputs(self) -> None:
        assert required_fields(MONTHLY) == ["entity_id", "period", "rating"]
        assert required_fields(ANNUAL) == ["entity_id", "year", "done", "due"]

    def test_a_scheme_with_stages_needs_stage_and_date(self) -> None:
        from tests.stages.conftest import build_staged_scheme

        scheme = build_staged_scheme()
        assert required_fields(scheme)[:4] == ["entity_id", "year", "stage", "assessed_on"]

    def test_missing_columns_with_the_column_perhaps_meant(self) -> None:
        found = missing_fields(ANNUAL, ["entity_id", "yaer", "done", "dues", "households"])
        assert [(p.field, p.value, p.rule) for p in found] == [
            ("year", None, "is required but the file has no such column; is 'yaer' meant?"),
            ("due", None, "is required but the file has no such column; is 'dues' meant?"),
        ]

    def test_known_columns_are_never_suggested(self) -> None:
        # "done" is a metric: it is not offered for the missing "due"
        found = missing_fields(ANNUAL, ["entity_id", "year", "done"], "input")
        assert [p.rule for p in found] == ["is required but the input has no such column"]

    def test_nothing_missing(self) -> None:
        assert missing_fields(ANNUAL, ["year", "due", "done", "entity_id", "x"]) == []


class TestDuplicateRows:
    def test_each_later_row_with_its_first(self) -> None:
        entity = np.array([3, 1, 3, 3, 1, 2])
        period = np.array([7, 7, 7, 7, 8, 7])
        known = np.ones(6, dtype=bool)
        assert duplicate_rows(entity, period, known=known) == [(2, 0), (3, 0)]

    def test_unknown_rows_are_never_duplicates(self) -> None:
        entity = np.array([3, 3, 3])
        period = np.array([7, 7, 7])
        assert duplicate_rows(entity, period, known=np.array([False, True, True])) == [(2, 1)]
        assert duplicate_rows(entity, period, known=np.array([True, False, False])) == []

    def test_fewer_than_two_rows(self) -> None:
        one = np.array([1])
        assert duplicate_rows(one, one, known=np.ones(1, dtype=bool)) == []
        none = np.zeros(0, dtype=np.int64)
        assert duplicate_rows(none, none, known=np.zeros(0, dtype=bool)) == []

    def test_three_columns_and_negative_codes(self) -> None:
        entity = np.array([-5, -5, -5, 4])
        period = np.array([-1, -1, -1, -1])
        stage = np.array([0, 1, 0, 0])
        known = np.ones(4, dtype=bool)
        assert duplicate_rows(entity, period, stage, known=known) == [(2, 0)]

    def test_keys_too_wide_to_pack(self) -> None:
        # the ranges multiply past 2**62: rows are compared column by column
        entity = np.array([0, 2**40, 0, 2**40, 2**40])
        period = np.array([0, 2**30, 2**30, 2**30, 0])
        known = np.ones(5, dtype=bool)
        assert duplicate_rows(entity, period, known=known) == [(3, 1)]

    def test_keys_just_wide_enough_to_pack(self) -> None:
        # (2**31) × (2**31 − 1) rows fit below 2**62
        entity = np.array([0, 2**31 - 1, 0, 2**31 - 1])
        period = np.array([0, 2**31 - 2, 2**31 - 2, 2**31 - 2])
        known = np.ones(4, dtype=bool)
        assert duplicate_rows(entity, period, known=known) == [(3, 1)]

    def test_packed_keys_that_would_wrap_around(self) -> None:
        # 2**32 entities × 2**32 periods: past 2**62, compared column by column; packed,
        # (2**32, 0) would wrap to the key of (0, 0)
        entity = np.array([0, 2**32, 0])
        period = np.array([0, 0, 2**32 - 1])
        assert duplicate_rows(entity, period, known=np.ones(3, dtype=bool)) == []

    def test_negative_codes_in_a_later_column(self) -> None:
        entity = np.array([0, 1, 1])
        period = np.array([-1, 0, -2])
        assert duplicate_rows(entity, period, known=np.ones(3, dtype=bool)) == []

    def test_wide_keys_equal_in_the_last_column_only(self) -> None:
        entity = np.array([0, 2**40])
        period = np.array([2**30, 2**30])
        assert duplicate_rows(entity, period, known=np.ones(2, dtype=bool)) == []

    def test_keys_too_wide_to_pack_equal_in_the_last_column_only(self) -> None:
        # (2**40 + 1) × (2**30 + 1) is past 2**62: compared column by column, rows 0
        # and 1 share their period only and are no duplicates
        entity = np.array([0, 2**40, 0])
        period = np.array([2**30, 2**30, 0])
        assert duplicate_rows(entity, period, known=np.ones(3, dtype=bool)) == []

    def test_packed_keys_past_the_precision_of_floats(self) -> None:
        # packed, (2**31 - 1, 2**31 - 2) and (2**31 - 1, 2**31 - 3) are keys near 2**62
        # one apart: as floats they would be the same
        entity = np.array([0, 2**31 - 1, 2**31 - 1])
        period = np.array([0, 2**31 - 2, 2**31 - 3])
        assert duplicate_rows(entity, period, known=np.ones(3, dtype=bool)) == []

    def test_many_repeats_point_at_the_earliest_row(self) -> None:
        # a hundred rows: the sort must keep equal keys in row order
        entity = np.arange(100) % 3 == 0
        period = np.zeros(100, dtype=np.int64)
        got = duplicate_rows(entity.astype(np.int64), period, known=np.ones(100, dtype=bool))
        assert got == [(row, 0 if row % 3 == 0 else 1) for row in range(2, 100)]

    def test_a_run_of_three_points_at_its_first(self) -> None:
        entity = np.array([1, 2, 1, 2, 1, 2])
        period = np.zeros(6, dtype=np.int64)
        known = np.ones(6, dtype=bool)
        assert duplicate_rows(entity, period, known=known) == [(2, 0), (3, 1), (4, 0), (5, 1)]


def identity_of(columns: dict[str, Any], scheme: Any = MONTHLY) -> BatchIdentity:
    size = len(next(iter(columns.values())))
    return BatchIdentity.of(
        scheme, {k: np.array(v, dtype=object) for k, v in columns.items()}, size
    )


class TestBatchIdentity:
    def test_read_once_per_distinct_value(self) -> None:
        got = identity_of(
            {
                "entity_id": ["B", "A", None, "B", "", 7],
                "period": ["2026-07", "2026-06", "2026-07", None, "2026-07", "2026-07"],
            }
        )
        assert got.entities.tolist() == ["B", "A", None, "B", None, "7"]
        assert dict(got.codes_of) == {"B": 0, "A": 1, "": 2, "7": 3}
        assert got.entity_codes.tolist() == [0, 1, 2, 0, 2, 3]
        assert got.periods.tolist() == [
            Period(2026, 7),
            Period(2026, 6),
            Period(2026, 7),
            None,
            Period(2026, 7),
            Period(2026, 7),
        ]
        july = 2026 * 12 + 6
        assert got.period_index.tolist() == [july, july - 1, july, 0, july, july]
        assert got.dated.tolist() == [True, True, True, False, True, True]
        assert got.known.tolist() == [True, True, False, False, False, True]
        assert got.period_table == (Period(2026, 7), Period(2026, 6), None)
        assert got.period_codes.tolist() == [0, 1, 0, 2, 0, 0]
        assert got.duplicates() == []

    def test_texts_that_all_have_a_value(self) -> None:
        # every entity a non-blank text: each distinct one gets the next code
        got = identity_of({"entity_id": ["B", "A", "B", " C "], "period": ["2026-07"] * 4})
        assert got.entities.tolist() == ["B", "A", "B", " C "]
        assert dict(got.codes_of) == {"B": 0, "A": 1, " C ": 2}
        assert got.entity_codes.tolist() == [0, 1, 0, 2]
        assert got.entity_codes.dtype == np.int64
        assert got.known.tolist() == [True, True, True, True]

    @pytest.mark.parametrize("blank", ["", "  ", "\u3000", None])
    def test_a_blank_text_among_texts_has_no_entity(self, blank: str | None) -> None:
        got = identity_of({"entity_id": ["B", blank, "A", blank], "period": ["2026-07"] * 4})
        assert got.entities.tolist() == ["B", None, "A", None]
        assert dict(got.codes_of) == {"B": 0, "": 1, "A": 2}
        assert got.known.tolist() == [True, False, True, False]
        assert got.duplicates() == []

    def test_a_number_and_its_text_are_one_entity(self) -> None:
        got = identity_of({"entity_id": ["7", 7, "8"], "period": ["2026-07"] * 3})
        assert got.entities.tolist() == ["7", "7", "8"]
        assert got.entity_codes.tolist() == [0, 0, 1]
        assert got.duplicates() == [(1, 0)]

    def test_duplicates(self) -> None:
        got = identity_of({"entity_id": ["A", "B", "A", None, None], "period": ["2026-07"] * 5})
        assert got.duplicates() == [(2, 0)]  # rows without an entity are never the same

    def test_without_entity_or_period_columns(self) -> None:
        got = identity_of({"rating": [1, 2]})
        assert got.entities.tolist() == [None, None]
        assert got.entity_codes.tolist() == [0, 0]
        assert got.entity_codes.dtype == np.int64
        assert dict(got.codes_of) == {"": 0}
        assert got.periods.tolist() == [None, None]
        assert got.dated.tolist() == [False, False]
        assert got.known.tolist() == [False, False]
        assert got.period_index.tolist() == [0, 0]

    def test_an_empty_batch(self) -> None:
        got = identity_of({"entity_id": [], "period": []})
        assert (len(got.entities), len(got.periods), len(got.dated)) == (0, 0, 0)
        assert got.entity_codes.dtype == np.int64
        assert got.period_index.dtype == np.int64
        assert (got.period_index.tolist(), got.known.tolist()) == ([], [])
        assert got.duplicates() == []

    def test_codes_and_periods_keep_their_types(self) -> None:
        got = identity_of({"entity_id": ["A", "B"], "period": ["2026-07", "2026-08"]})
        assert (got.entity_codes.dtype, got.periods.dtype) == (np.int64, object)
        assert (got.period_index.dtype, got.dated.dtype, got.known.dtype) == (np.int64, bool, bool)
        empty = identity_of({"entity_id": [], "period": []})
        assert (empty.entities.dtype, empty.periods.dtype) == (object, object)
        assert (empty.dated.dtype, empty.known.dtype) == (bool, bool)

    def test_given_factors_are_used(self) -> None:
        columns = {"entity_id": np.array(["x", "x"], dtype=object), "period": np.array(["?", "?"])}
        factors = {
            "entity_id": (np.array([1, 0]), ["A", "B"]),
            "period": (np.array([0, 0]), ["2026-07"]),
        }
        got = BatchIdentity.of(MONTHLY, columns, 2, factors=factors)
        assert got.entities.tolist() == ["B", "A"]
        assert got.periods.tolist() == [Period(2026, 7)] * 2
        assert got.duplicates() == []

    def test_unhashable_values_are_read_one_by_one(self) -> None:
        entities = np.empty(2, dtype=object)
        entities[:] = [["A"], ["A"]]
        columns = {"entity_id": entities, "period": np.array(["2026-07"] * 2, dtype=object)}
        got = BatchIdentity.of(MONTHLY, columns, 2)
        assert got.entities.tolist() == ["['A']", "['A']"]
        assert got.entity_codes.tolist() == [0, 0]
        assert got.duplicates() == [(1, 0)]

    def test_every_bad_period_named(self) -> None:
        with pytest.raises(InvalidInputError) as caught:
            identity_of(
                {
                    "entity_id": ["A", "B", "C", "D"],
                    "period": ["2026-13", "2026-07", "2026", "2026-13"],
                }
            )
        assert [(p.field, p.value, p.rule, p.row) for p in caught.value.problems] == [
            ("period", "2026-13", "must be a period, YYYY-MM or YYYY", 0),
            ("period", "2026", "this scheme is monthly: give YYYY-MM", 2),
            ("period", "2026-13", "must be a period, YYYY-MM or YYYY", 3),
        ]

    def test_an_annual_scheme_refuses_months(self) -> None:
        with pytest.raises(InvalidInputError) as caught:
            identity_of({"entity_id": ["A"], "year": ["2026-07"]}, ANNUAL)
        (problem,) = caught.value.problems
        assert problem.rule == "this scheme is annual: give a year YYYY"


def test_entity_field() -> None:
    assert ENTITY_FIELD == "entity_id"
    assert SAMPLE.period_field == "period"
