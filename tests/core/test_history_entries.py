"""History entries read from an earlier JSON output: every field checked, every message exact.

A history result is checked as strictly as an input record: ``total`` null or a
published total (0 to 100, at most 2 decimals), ``band`` null or a band of the
scheme, ``vetoed`` true or false, each input valid for its metric.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import (
    History,
    HistoryEntry,
    HistoryError,
    HistoryRule,
    MetricKind,
    Param,
    Parameter,
    Scheme,
    Text,
    Total,
    Trigger,
)
from assesskit.periods import Period

SCHEME = build_sample_scheme()
WHERE = "history E-1 2026-07"


def entry(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "entity_id": "E-1",
        "period": "2026-07",
        "total": 60,
        "band": "reduced",
        "vetoed": False,
        "inputs": {"discipline_score": 60},
    }
    data.update(changes)
    return data


def problems_of(data: dict[str, Any], scheme: Scheme = SCHEME) -> list[str]:
    with pytest.raises(HistoryError) as caught:
        HistoryEntry.from_json(data, scheme)
    return str(caught.value).split("\n")


class TestPublishedTotal:
    @pytest.mark.parametrize(
        ("total", "read"),
        [
            (0, Decimal(0)),
            (100, Decimal(100)),
            ("skip", None),  # no total key at all
            (None, None),
            (60.01, Decimal("60.01")),  # a float means its shortest decimal
            (99.99, Decimal("99.99")),
            (Decimal("0.01"), Decimal("0.01")),
            (Decimal("50.10"), Decimal("50.1")),
        ],
    )
    def test_valid(self, total: object, read: Decimal | None) -> None:
        data = entry(total=total)
        if total == "skip":
            del data["total"]
        got = HistoryEntry.from_json(data, SCHEME)
        assert got.total == read

    @pytest.mark.parametrize(
        ("total", "shown"),
        [
            (-0.01, "-0.01"),
            (100.01, "100.01"),
            (101, "101"),
            (60.005, "60.005"),  # three decimals
            (Decimal("60.001"), "60.001"),
            (Decimal("NaN"), "NaN"),
            (Decimal("Infinity"), "Infinity"),
            (True, "true"),
            ("60", "'60'"),
        ],
    )
    def test_invalid(self, total: object, shown: str) -> None:
        assert problems_of(entry(total=total)) == [
            f"{WHERE}: field 'total' = {shown}: must be null or a published total, a number "
            "from 0 to 100 with at most 2 decimals"
        ]


class TestFields:
    def test_a_valid_entry(self) -> None:
        got = HistoryEntry.from_json(entry(inputs={"discipline_score": 60, "unknown": 1}), SCHEME)
        assert got.entity_id == "E-1"
        assert got.period == Period.parse("2026-07")
        assert got.band == "reduced"
        assert got.vetoed is False
        assert dict(got.inputs) == {"discipline_score": 60}  # unknown inputs are left out

    def test_vetoed_and_missing_parts(self) -> None:
        got = HistoryEntry.from_json(
            {"entity_id": "E-1", "period": "2026-07", "vetoed": True}, SCHEME
        )
        assert (got.total, got.band, got.vetoed, dict(got.inputs)) == (None, None, True, {})
        assert HistoryEntry.from_json(entry(inputs=None), SCHEME).inputs == {}
        no_veto = entry()
        del no_veto["vetoed"]
        assert HistoryEntry.from_json(no_veto, SCHEME).vetoed is False
        unknown_first = entry(inputs={"unknown": 1, "discipline_score": 60})
        assert dict(HistoryEntry.from_json(unknown_first, SCHEME).inputs) == {
            "discipline_score": 60
        }

    @pytest.mark.parametrize(
        ("changes", "problem"),
        [
            (
                {"band": "best"},
                "field 'band' = 'best': must be null or a band (full, reduced, low)",
            ),
            ({"band": 1}, "field 'band' = 1: must be null or a band (full, reduced, low)"),
            ({"band": False}, "field 'band' = false: must be null or a band (full, reduced, low)"),
            ({"band": True}, "field 'band' = true: must be null or a band (full, reduced, low)"),
            ({"vetoed": "no"}, "field 'vetoed' = 'no': must be true or false"),
            ({"vetoed": 0}, "field 'vetoed' = 0: must be true or false"),
            ({"vetoed": None}, "field 'vetoed' = null: must be true or false"),
            ({"inputs": [1, 2]}, "field 'inputs' = [1, 2]: must be an object"),
            ({"inputs": "x"}, "field 'inputs' = 'x': must be an object"),
        ],
    )
    def test_one_bad_field(self, changes: dict[str, Any], problem: str) -> None:
        assert problems_of(entry(**changes)) == [f"{WHERE}: {problem}"]

    def test_a_bad_input_is_named(self) -> None:
        (problem,) = problems_of(entry(inputs={"discipline_score": 101}))
        assert problem.startswith(f"{WHERE}: input discipline_score=101 ")

    def test_every_problem_at_once(self) -> None:
        problems = problems_of(entry(total=-1, band="x", vetoed="y", inputs=3))
        assert all(p.startswith(f"{WHERE}: field '") for p in problems), problems
        assert [p.split(":")[1].strip() for p in problems] == [
            "field 'total' = -1",
            "field 'band' = 'x'",
            "field 'vetoed' = 'y'",
            "field 'inputs' = 3",
        ]

    def test_a_scheme_without_bands(self) -> None:
        plain = build_sample_scheme(bands=None, outcomes=[])
        assert problems_of(entry(band="full"), plain) == [
            f"{WHERE}: field 'band' = 'full': must be null or a band (the scheme has no bands)"
        ]
        assert HistoryEntry.from_json(entry(band=None), plain).band is None

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (
                {"period": "2026-07"},
                "history result without a valid entity_id/period: 'entity_id' is missing",
            ),
            (
                {"entity_id": "E-1"},
                "history result without a valid entity_id/period: 'period' is missing",
            ),
            (
                {"entity_id": 7, "period": "2026-07"},
                "history result without a valid entity_id/period: entity_id 7 is not a text",
            ),
            (
                {"entity_id": "  ", "period": "2026-07"},
                "history result without a valid entity_id/period: entity_id '  ' is not a text",
            ),
        ],
    )
    def test_entity_and_period_first(self, data: dict[str, Any], message: str) -> None:
        assert problems_of(data) == [message]

    def test_a_bad_period(self) -> None:
        (problem,) = problems_of({"entity_id": "E-1", "period": "July"})
        assert problem.startswith("history result without a valid entity_id/period: ")


class TestHistory:
    def test_entries_in_order_and_lookup(self) -> None:
        june = SCHEME.score(sample_record(period="2026-06"))
        july = SCHEME.score(sample_record(period="2026-07"))
        other = SCHEME.score(sample_record(entity_id="E-2", period="2026-06"))
        history = History.from_results([july, june, other])
        assert len(history) == 3
        assert [(e.entity_id, str(e.period)) for e in history.entries()] == [
            ("E-1", "2026-07"),
            ("E-1", "2026-06"),
            ("E-2", "2026-06"),
        ]
        found = history.get("E-1", Period.parse("2026-06"))
        assert found is not None
        assert (found.total, found.band, found.vetoed) == (june.total, "reduced", False)
        assert found.inputs["discipline_score"] == 72
        assert history.get("E-3", Period.parse("2026-06")) is None
        assert ("E-2", Period.parse("2026-06")) in history
        assert ("E-2", Period.parse("2026-07")) not in history
        assert len(History()) == 0

    def test_the_same_entity_and_period_twice(self) -> None:
        june = SCHEME.score(sample_record(period="2026-06"))
        history = History([HistoryEntry.from_result(june)])
        with pytest.raises(HistoryError, match=r"^E-1 2026-06 appears twice in the history$"):
            history.add(HistoryEntry.from_result(june))
        assert len(history) == 1

    def test_a_result_without_entity_or_period(self) -> None:
        record = sample_record()
        del record["entity_id"]
        with pytest.raises(
            HistoryError, match=r"^a result used as history needs an entity_id and a period$"
        ):
            HistoryEntry.from_result(SCHEME.score(record))


class TestTriggersReadTheEntry:
    """The dismissal triggers (total <= 60, discipline <= 60) read a JSON history entry."""

    def months(self, **changes: Any) -> History:
        data = [entry(period=p, **changes) for p in ("2026-06", "2026-07")]
        if changes.get("total") == "skip":
            for month in data:
                del month["total"]
        return History(HistoryEntry.from_json(d, SCHEME) for d in data)

    def test_the_discipline_input_of_the_entry(self) -> None:
        record = sample_record(period="2026-08", discipline_score=60)
        fired = SCHEME.score(record, history=self.months(total=75, band="reduced"))
        assert fired.outcome["dismissal_trigger"] == ["discipline"]
        kept = SCHEME.score(
            record, history=self.months(total=75, inputs={"discipline_score": "60.01"})
        )
        assert kept.outcome["dismissal"] is False

    def test_the_total_of_the_entry(self) -> None:
        record = sample_record(
            period="2026-08", errors_a=4, errors_b=1, custody_deduction=12, overdue_ratio="9%"
        )
        assert str(SCHEME.score(record).total) == "60.00"
        fired = SCHEME.score(record, history=self.months(total=60, inputs={}))
        assert fired.outcome["dismissal_trigger"] == ["total"]
        missing_total = SCHEME.score(record, history=self.months(total=None, inputs={}))
        assert missing_total.outcome["dismissal"] is False
        kept = SCHEME.score(record, history=self.months(total="skip", inputs={}))
        assert kept.outcome["dismissal"] is False


def test_a_trigger_reads_a_parameter_on_earlier_months() -> None:
    # "three months with a total at or below the line", the line a parameter (60, then 59)
    scheme = build_sample_scheme(
        history_rules=[
            HistoryRule(
                "dismissal",
                Text("dismissal", "辭退"),
                3,
                [Trigger("total", Text("total <= line"), Total() <= Param("line"))],
                "dismissal_trigger",
            )
        ],
        parameters=[
            Parameter("income_target", Text("income target"), 100000, kind=MetricKind.MONEY),
            Parameter("line", Text("dismissal line"), 60),
        ],
    )
    sixty = {"errors_a": 4, "errors_b": 1, "custody_deduction": 12, "overdue_ratio": "9%"}
    history = History(
        HistoryEntry.from_json(entry(period=p, total=60, inputs={}), scheme)
        for p in ("2026-06", "2026-07")
    )
    record = sample_record(period="2026-08", **sixty)
    assert scheme.score(record, history=history).outcome["dismissal"] is True
    lower = scheme.with_params(line=59)
    assert lower.score(record, history=history).outcome["dismissal"] is False
