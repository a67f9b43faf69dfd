"""History rules: "three consecutive months at 60 or below" (連續3個月60分以下,予以辭退)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import History, HistoryEntry, HistoryError, Result, Scheme
from assesskit.periods import Period

# The sample record scores 16+5+9+6+6+8+5+9+10 = 74. These changes take 14 points off:
# errors 10 − 2 × (4 + 1) = 0 (−6), custody 10 − 12 → 0 (−6), overdue 9%: 10 − 4 = 6 (−2).
SIXTY: dict[str, Any] = {
    "errors_a": 4,
    "errors_b": 1,
    "custody_deduction": 12,
    "overdue_ratio": "9%",
}
# ... and income 80 050 earns 20 × 0.8005 = 16.01 instead of 16: total 60.01.
SIXTY_01: dict[str, Any] = {**SIXTY, "income": 80050}
# discipline exactly 60: still 5 points (the band [60, 80)), but it counts toward dismissal
DISCIPLINE_60: dict[str, Any] = {"discipline_score": 60}


@pytest.fixture
def scheme() -> Scheme:
    return build_sample_scheme()


def month(scheme: Scheme, period: str, entity: str = "E-1", **changes: Any) -> Result:
    return scheme.score(sample_record(entity_id=entity, period=period, **changes))


class TestConsecutiveMonths:
    def test_totals_used_are_the_published_ones(self, scheme: Scheme) -> None:
        assert str(month(scheme, "2026-06", **SIXTY).total) == "60.00"
        assert str(month(scheme, "2026-06", **SIXTY_01).total) == "60.01"

    def test_three_months_at_exactly_60_dismiss(self, scheme: Scheme) -> None:
        history = [month(scheme, "2026-06", **SIXTY), month(scheme, "2026-07", **SIXTY)]
        result = scheme.score(sample_record(period="2026-08", **SIXTY), history=history)
        assert result.outcome["dismissal"] is True
        assert result.outcome["dismissal_trigger"] == ["total"]
        assert result.notes == ()
        assert result.to_dict()["outcome"]["dismissal"] is True

    @pytest.mark.parametrize("which", ["2026-06", "2026-07", "2026-08"])
    def test_one_month_at_60_01_breaks_the_run(self, scheme: Scheme, which: str) -> None:
        months = {p: SIXTY_01 if p == which else SIXTY for p in ("2026-06", "2026-07", "2026-08")}
        history = [month(scheme, p, **months[p]) for p in ("2026-06", "2026-07")]
        result = scheme.score(sample_record(period="2026-08", **months["2026-08"]), history=history)
        assert result.outcome["dismissal"] is False
        assert result.outcome["dismissal_trigger"] == []
        assert result.notes == ()  # nothing missing: the rule was checked and did not fire

    def test_a_gap_breaks_the_run(self, scheme: Scheme) -> None:
        # May, July and August at 60, June not assessed: July and August are not three months
        history = [month(scheme, "2026-05", **SIXTY), month(scheme, "2026-07", **SIXTY)]
        result = scheme.score(sample_record(period="2026-08", **SIXTY), history=history)
        assert result.outcome["dismissal"] is False
        assert [n.en for n in result.notes] == [
            "history for 2026-06 missing: the dismissal rule could not be checked"
        ]

    def test_the_run_crosses_a_year_end(self, scheme: Scheme) -> None:
        history = [month(scheme, "2025-11", **SIXTY), month(scheme, "2025-12", **SIXTY)]
        result = scheme.score(sample_record(period="2026-01", **SIXTY), history=history)
        assert result.outcome["dismissal"] is True

    def test_only_the_same_entity_counts(self, scheme: Scheme) -> None:
        history = [
            month(scheme, "2026-06", entity="OTHER", **SIXTY),
            month(scheme, "2026-07", **SIXTY),
        ]
        result = scheme.score(sample_record(period="2026-08", **SIXTY), history=history)
        assert result.outcome["dismissal"] is False
        assert "history for 2026-06 missing" in result.notes[0].en

    def test_a_vetoed_month_counts_with_its_total_of_0(self, scheme: Scheme) -> None:
        history = [
            month(scheme, "2026-06", loss_rate="5%"),  # vetoed: total 0
            month(scheme, "2026-07", **SIXTY),
        ]
        result = scheme.score(sample_record(period="2026-08", **SIXTY), history=history)
        assert history[0].total == Decimal("0.00")
        assert result.outcome["dismissal"] is True

    def test_discipline_trigger_at_exactly_60(self, scheme: Scheme) -> None:
        # totals of 74 − 0 = 74 (discipline 60 still earns 5): only the discipline trigger
        history = [month(scheme, p, **DISCIPLINE_60) for p in ("2026-06", "2026-07")]
        result = scheme.score(sample_record(period="2026-08", **DISCIPLINE_60), history=history)
        assert str(result.total) == "74.00"
        assert result.outcome["dismissal_trigger"] == ["discipline"]
        # 60.01 in the current month breaks it
        result = scheme.score(
            sample_record(period="2026-08", discipline_score="60.01"), history=history
        )
        assert result.outcome["dismissal"] is False

    def test_both_triggers(self, scheme: Scheme) -> None:
        both = {**SIXTY, "discipline_score": 60}
        history = [month(scheme, p, **both) for p in ("2026-06", "2026-07")]
        result = scheme.score(sample_record(period="2026-08", **both), history=history)
        assert result.outcome["dismissal_trigger"] == ["total", "discipline"]

    def test_each_trigger_needs_its_own_three_months(self, scheme: Scheme) -> None:
        # total <= 60 in June, discipline <= 60 in July, both in August: neither has three
        history = [
            month(scheme, "2026-06", **SIXTY),
            month(scheme, "2026-07", **DISCIPLINE_60),
        ]
        both = {**SIXTY, "discipline_score": 60}
        result = scheme.score(sample_record(period="2026-08", **both), history=history)
        assert result.outcome["dismissal"] is False


class TestMissingHistory:
    def test_no_history_is_a_note_not_an_error(self, scheme: Scheme) -> None:
        result = scheme.score(sample_record(period="2026-08", **SIXTY))
        assert result.outcome["dismissal"] is False
        assert [n.en for n in result.notes] == [
            "history for 2026-06, 2026-07 missing: the dismissal rule could not be checked"
        ]
        assert [n.zh for n in result.notes] == ["缺少 2026-06, 2026-07 的考核结果:无法判断“辞退”"]
        assert "note: history for 2026-06, 2026-07 missing" in result.explain()
        assert result.to_dict()["notes"] == [
            "history for 2026-06, 2026-07 missing: the dismissal rule could not be checked"
        ]

    def test_no_note_when_the_current_month_cannot_trigger(self, scheme: Scheme) -> None:
        result = scheme.score(sample_record(period="2026-08"))  # 74 and discipline 72
        assert result.outcome["dismissal"] is False
        assert result.notes == ()

    def test_no_period_given(self, scheme: Scheme) -> None:
        result = scheme.score(sample_record(period=None, **SIXTY))
        assert result.outcome["dismissal"] is False
        assert [n.en for n in result.notes] == [
            "no period given: the dismissal rule could not be checked"
        ]


class TestHistoryInput:
    def test_duplicates_are_an_error(self, scheme: Scheme) -> None:
        june = month(scheme, "2026-06", **SIXTY)
        with pytest.raises(HistoryError, match="E-1 2026-06 appears twice in the history"):
            scheme.score(sample_record(period="2026-08"), history=[june, june])
        with pytest.raises(HistoryError, match="appears twice"):
            History([HistoryEntry.from_result(june), HistoryEntry.from_result(june)])

    def test_a_result_without_entity_or_period_cannot_be_history(self, scheme: Scheme) -> None:
        anonymous = scheme.score(sample_record(period=None))
        with pytest.raises(HistoryError, match="needs an entity_id and a period"):
            History.from_results([anonymous])

    def test_from_json_round_trip(self, scheme: Scheme) -> None:
        # discipline 59.5 earns 0 instead of 5: 60 − 5 = 55
        original = month(scheme, "2026-06", **{**SIXTY, "discipline_score": "59.5"})
        # through JSON text, as an earlier `assesskit score` output would be read back
        data = json.loads(json.dumps(original.to_dict()))
        entry = HistoryEntry.from_json(data, scheme)
        direct = HistoryEntry.from_result(original)
        assert entry.entity_id == "E-1"
        assert entry.period == Period(2026, 6)
        assert entry.total == Decimal("55.00")
        assert entry.band == direct.band == "low"
        assert entry.vetoed is False
        # inputs come back exactly (the optional rating_b was not given and is left out)
        assert entry.inputs == {k: v for k, v in direct.inputs.items() if v is not None}
        assert entry.inputs["overdue_ratio"] == direct.inputs["overdue_ratio"]

    def test_history_from_json_drives_the_rule(self, scheme: Scheme) -> None:
        earlier = [month(scheme, p, **DISCIPLINE_60) for p in ("2026-06", "2026-07")]
        history = History(
            HistoryEntry.from_json(json.loads(json.dumps(r.to_dict())), scheme) for r in earlier
        )
        assert len(history) == 2
        assert ("E-1", Period(2026, 7)) in history
        result = scheme.score(sample_record(period="2026-08", **DISCIPLINE_60), history=history)
        assert result.outcome["dismissal_trigger"] == ["discipline"]

    @pytest.mark.parametrize(
        "data",
        [
            {"period": "2026-06"},  # no entity
            {"entity_id": "E-1"},  # no period
            {"entity_id": "E-1", "period": "June"},
        ],
    )
    def test_from_json_needs_entity_and_period(self, scheme: Scheme, data: dict[str, Any]) -> None:
        with pytest.raises(HistoryError, match="without a valid entity_id/period"):
            HistoryEntry.from_json(data, scheme)

    def test_from_json_rejects_bad_inputs(self, scheme: Scheme) -> None:
        data = month(scheme, "2026-06").to_dict()
        data["inputs"]["discipline_score"] = 130
        with pytest.raises(HistoryError, match="E-1 2026-06: input discipline_score=130"):
            HistoryEntry.from_json(data, scheme)
