"""Bad input: every problem of a record, and of every record of a batch, reported at once."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import InvalidInputError, Problem

#: One broken field (or pair of fields) per record, with the rule each breaks.
BROKEN: list[tuple[dict[str, Any], str, str]] = [
    ({"income": -1}, "income", "must be within [0, ∞)"),
    ({"income": "1.234"}, "income", "must have at most 2 decimals"),
    ({"income": "lots"}, "income", "must be an amount of money in yuan"),
    ({"return_on_capital": "abc"}, "return_on_capital", 'must be a ratio (0.07 or "7%")'),
    ({"eligible": 1.5}, "eligible", "must be a whole number >= 0"),
    ({"eligible": 11}, "eligible", "must not exceed relocated (10)"),
    ({"relocated": -1}, "relocated", "must be within [0, ∞)"),
    ({"errors_a": True}, "errors_a", "must be a whole number >= 0, not a truth value"),
    (
        {"custody_incidents": 0, "custody_deduction": "0.01"},
        "custody_deduction",
        "must be between 1 and 20 points per incident: 0..0 for custody_incidents = 0",
    ),
    ({"custody_deduction": "1.234"}, "custody_deduction", "must have at most 2 decimals"),
    ({"overdue_ratio": "101%"}, "overdue_ratio", 'must be within [0, 1] (a ratio: 0.07 or "7%")'),
    ({"overdue_ratio": 5}, "overdue_ratio", 'must be within [0, 1] (a ratio: 0.07 or "7%")'),
    ({"loss_rate": None}, "loss_rate", "is required"),
    ({"loss_rate": ""}, "loss_rate", "is required"),
    ({"discipline_score": 130}, "discipline_score", "must be within [0, 100]"),
    (
        {"discipline_score": "85%"},
        "discipline_score",
        "must be a rating from 0 to 100; a percent sign is accepted for ratios only",
    ),
    (
        {"rating_a": None, "rating_b": None},
        "rating_a",
        "at least one of rating_a, rating_b must be given",
    ),
    ({"rating_b": 100.5}, "rating_b", "must be within [0, 100]"),
    ({"breach": "maybe"}, "breach", "must be true or false"),
    ({"breach": 2}, "breach", "must be true or false"),
    ({"salary": "5000.001"}, "salary", "must have at most 2 decimals"),
    ({"income": float("inf")}, "income", "must be an amount of money in yuan"),
]


class TestOneRecord:
    def test_every_problem_at_once(self) -> None:
        record = sample_record(
            entity_id="LO-3",
            income="lots",
            errors_a=-1,
            overdue_ratio=5,
            discipline_score=130,
            breach="maybe",
            eligible=11,
            custody_incidents=0,
            custody_deduction="0.01",
            loss_rate=None,
        )
        with pytest.raises(InvalidInputError) as info:
            build_sample_scheme().score(record)
        error = info.value
        assert {p.entity for p in error.problems} == {"LO-3"}
        assert {p.row for p in error.problems} == {None}
        assert {(p.field, p.value) for p in error.problems} == {
            ("income", "lots"),
            ("errors_a", -1),
            ("overdue_ratio", 5),
            ("discipline_score", 130),
            ("breach", "maybe"),
            ("eligible", 11),
            ("custody_deduction", Fraction(1, 100)),  # parsed: a rule across two fields
            ("loss_rate", None),
        }
        lines = str(error).splitlines()
        assert lines[0] == "8 problem(s) in 1 record(s):"
        assert "  - record LO-3: field 'discipline_score' = 130: must be within [0, 100]" in lines
        assert (
            "  - record LO-3: field 'income' = 'lots': must be an amount of money in yuan" in lines
        )
        assert "  - record LO-3: field 'loss_rate' = missing: is required" in lines
        assert "  - record LO-3: field 'eligible' = 11: must not exceed relocated (10)" in lines

    @pytest.mark.parametrize(("changes", "field", "rule"), BROKEN)
    def test_each_rule(self, changes: dict[str, Any], field: str, rule: str) -> None:
        with pytest.raises(InvalidInputError) as info:
            build_sample_scheme().score(sample_record(entity_id="X-1", **changes))
        assert [(p.field, p.rule, p.entity) for p in info.value.problems] == [(field, rule, "X-1")]

    def test_a_record_without_entity_id(self) -> None:
        record = sample_record(discipline_score=-1)
        del record["entity_id"]
        with pytest.raises(InvalidInputError, match="record: field 'discipline_score' = -1"):
            build_sample_scheme().score(record)

    @pytest.mark.parametrize(
        ("period", "rule"),
        [
            ("2026", "this scheme is monthly: give YYYY-MM"),
            ("2026-13", "must be a period, YYYY-MM or YYYY"),
            ("soon", "must be a period, YYYY-MM or YYYY"),
        ],
    )
    def test_bad_period(self, period: str, rule: str) -> None:
        with pytest.raises(InvalidInputError) as info:
            build_sample_scheme().score(sample_record(period=period))
        assert [(p.field, p.rule) for p in info.value.problems] == [("period", rule)]

    @pytest.mark.parametrize("period", [None, ""])
    def test_period_is_optional_for_one_record(self, period: object) -> None:
        result = build_sample_scheme().score(sample_record(period=period))
        assert result.period is None
        assert str(result.total) == "74.00"

    def test_problem_text(self) -> None:
        problem = Problem("rating", 130, "must be within [0, 100]", entity="A-7", row=3)
        # rows are shown counting from 1, as a person counts lines of data
        assert str(problem) == "record A-7 (row 4): field 'rating' = 130: must be within [0, 100]"
        assert str(Problem("rating", None, "is required", row=0)) == (
            "row 1: field 'rating' = missing: is required"
        )


class TestBatch:
    def columns(self, records: list[dict[str, Any]]) -> dict[str, list[Any]]:
        names = sorted({k for r in records for k in r})
        return {n: [r.get(n) for r in records] for n in names}

    def test_every_bad_row_at_once_and_the_same_rules_as_one_by_one(self) -> None:
        scheme = build_sample_scheme()
        good = [sample_record(entity_id=f"G{i}") for i in range(3)]
        bad = [sample_record(entity_id=f"B{i}", **c) for i, (c, _, _) in enumerate(BROKEN)]
        # good and bad rows interleaved: row 2k is good, row 2k+1 is BROKEN[k]
        records: list[dict[str, Any]] = []
        for index, row in enumerate(bad):
            records += [good[index % 3], row]
        with pytest.raises(InvalidInputError) as info:
            scheme.score_batch(self.columns(records))
        problems = info.value.problems
        assert len(problems) == len(BROKEN)
        for k, (_, field, rule) in enumerate(BROKEN):
            (problem,) = [p for p in problems if p.row == 2 * k + 1]
            assert (problem.entity, problem.field, problem.rule) == (f"B{k}", field, rule)
        assert {p.row for p in problems} == {2 * k + 1 for k in range(len(BROKEN))}
        head = str(info.value).splitlines()[0]
        assert head == f"{len(BROKEN)} problem(s) in {len(BROKEN)} record(s):"
        assert (
            "  - record B14 (row 30): field 'discipline_score' = 130: must be within [0, 100]"
            in (str(info.value).splitlines())
        )

    def test_numpy_columns(self) -> None:
        scheme = build_sample_scheme()
        columns: dict[str, Any] = {k: [v] * 4 for k, v in sample_record().items()}
        columns["entity_id"] = np.array(["A", "B", "C", "D"])
        columns["discipline_score"] = np.array([72.0, 130.0, -1.0, 100.0])
        columns["errors_a"] = np.array([0, 1, 2, -3])
        columns["custody_deduction"] = np.array([4.0, 4.0, 4.001, 4.0])
        with pytest.raises(InvalidInputError) as info:
            scheme.score_batch(columns)
        # by row, and within a row in the order of the scheme's metrics
        assert [(p.row, p.entity, p.field) for p in info.value.problems] == [
            (1, "B", "discipline_score"),
            (2, "C", "custody_deduction"),
            (2, "C", "discipline_score"),
            (3, "D", "errors_a"),
        ]

    def test_every_row_with_the_same_bad_period_is_reported(self) -> None:
        records = [
            sample_record(entity_id="A", period="2026"),
            sample_record(entity_id="B", period="2026"),
            sample_record(entity_id="C", period="2026-08"),
            sample_record(entity_id="D", period="2026-13"),
        ]
        with pytest.raises(InvalidInputError) as info:
            build_sample_scheme().score_batch(self.columns(records))
        assert [(p.entity, p.field, p.rule) for p in info.value.problems] == [
            ("A", "period", "this scheme is monthly: give YYYY-MM"),
            ("B", "period", "this scheme is monthly: give YYYY-MM"),
            ("D", "period", "must be a period, YYYY-MM or YYYY"),
        ]

    def test_an_empty_period_is_missing_as_on_the_exact_path(self) -> None:
        records = [sample_record(entity_id="A", period=""), sample_record(entity_id="B")]
        batch = build_sample_scheme().score_batch(self.columns(records))
        assert list(batch.total) == [74.0, 74.0]
        assert list(batch.outcomes["bonus_paid_in"]) == [None, "2026-09"]

    def test_missing_column_is_reported_once_for_the_whole_input(self) -> None:
        records = [sample_record(entity_id=e) for e in ("A", "B")]
        columns = self.columns(records)
        del columns["loss_rate"]
        with pytest.raises(InvalidInputError) as info:
            build_sample_scheme().score_batch(columns)
        (problem,) = info.value.problems
        # the column is missing for every record, not for the first one
        assert (problem.field, problem.entity, problem.row) == ("loss_rate", None, None)
        assert "is required (no such column)" in str(problem)

    def test_columns_of_different_lengths(self) -> None:
        columns: dict[str, Any] = {k: [v] * 3 for k, v in sample_record().items()}
        columns["income"] = [80000] * 2
        with pytest.raises(InvalidInputError, match="columns must all have the same length"):
            build_sample_scheme().score_batch(columns)

    def test_nothing_is_returned_half_done(self) -> None:
        records = [sample_record(entity_id="A"), sample_record(entity_id="B", income=-1)]
        with pytest.raises(InvalidInputError) as info:
            build_sample_scheme().score_batch(self.columns(records))
        assert len(info.value.problems) == 1
