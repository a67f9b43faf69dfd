"""Dismissal (予以辭退) after three consecutive months at 60 or below, through the Python API.

"連續3個月60分以下,予以辭退": 以下 includes 60. Two triggers, each over the current
month and the two before it: the monthly total (roles with a pay band) and the
discipline rating (every role with a discipline component).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from assesskit import History, HistoryEntry, HistoryError, Result, Scheme
from microloan_cases import full_marks

Score = Callable[..., Result]


def months(
    score: Score, scheme_id: str, records: Mapping[str, dict[str, Any]], entity: str = "E-1"
) -> dict[str, Result]:
    """Score *records* (period → record) in order, each with the earlier results as history."""
    done: dict[str, Result] = {}
    for period, record in records.items():
        result = score(
            scheme_id, {**record, "entity_id": entity, "period": period}, list(done.values())
        )
        done[period] = result
    return done


# -- the rows of examples/ ----------------------------------------------------------------


def test_loan_officer_discipline_trigger(score: Score) -> None:
    # LO-011: discipline 60, 52, 58 (60 earns 5 points, and still counts toward dismissal)
    base = {"business_income": 90000, "loan_loss_rate": 0, "overdue_ratio": "0.04",
            "standard_salary": 6000}  # fmt: skip
    results = months(
        score,
        "microloan.loan-officer",
        {
            "2026-07": {**base, "discipline_score": 60},
            "2026-08": {**base, "discipline_score": 52},
            "2026-09": {**base, "discipline_score": 58},
        },
    )
    assert results["2026-07"].components["discipline"].points == 5
    assert [r.outcome["dismissal"] for r in results.values()] == [False, False, True]
    assert results["2026-09"].outcome["dismissal_trigger"] == ["discipline"]


def test_loan_officer_has_no_total_trigger(score: Score) -> None:
    # income 0: 0 + 20 + 10 + 10 = 40 every month, but discipline 90: no dismissal
    record = {"business_income": 0, "loan_loss_rate": 0, "overdue_ratio": 0,
              "discipline_score": 90}  # fmt: skip
    results = months(
        score, "microloan.loan-officer", dict.fromkeys(["2026-07", "2026-08", "2026-09"], record)
    )
    assert results["2026-09"].total == 40
    assert results["2026-09"].outcome["dismissal"] is False
    assert results["2026-09"].outcome["dismissal_trigger"] == []
    assert results["2026-09"].notes == ()


def test_risk_officer_discipline_trigger_only(score: Score) -> None:
    # RO-004: totals 83, 78.3, 72 (above 60); discipline 60, 45, 58 (at or below 60)
    results = months(
        score,
        "microloan.risk-officer",
        {
            "2026-07": {"missed_risks_own": 0, "missed_risks_department": 1,
                        "control_failures": 0, "evaluation_score": 70, "discipline_score": 60},
            "2026-08": {"missed_risks_own": 0, "missed_risks_department": 1,
                        "control_failures": 0, "evaluation_score": 71, "discipline_score": 45},
            "2026-09": {"missed_risks_own": 1, "missed_risks_department": 1,
                        "control_failures": 2, "evaluation_score": 80, "discipline_score": 58},
        },
    )  # fmt: skip
    assert [str(r.total) for r in results.values()] == ["83.00", "78.30", "72.00"]
    assert results["2026-09"].outcome["dismissal"] is True
    assert results["2026-09"].outcome["dismissal_trigger"] == ["discipline"]


CS_002 = {
    # totals 60, 55, 57.5; discipline 66, 70, 58
    "2026-07": {"custody_incidents": 3, "custody_deduction": "16.5", "payroll_errors": 2,
                "voucher_errors": 3, "interest_errors": 3, "bank_errors": 5,
                "confidentiality_breach": False, "discipline_score": 66, "evaluation_score": 45},
    "2026-08": {"custody_incidents": 2, "custody_deduction": 10, "payroll_errors": 1,
                "voucher_errors": 4, "interest_errors": 2, "bank_errors": 7,
                "confidentiality_breach": True, "discipline_score": 70, "evaluation_score": 40},
    "2026-09": {"custody_incidents": 1, "custody_deduction": "8.5", "payroll_errors": 2,
                "voucher_errors": 4, "interest_errors": 3, "bank_errors": 9,
                "confidentiality_breach": False, "discipline_score": 58, "evaluation_score": 40},
}  # fmt: skip


def test_cashier_total_trigger_only(score: Score) -> None:
    # 07: 3.5 + 8 + 7 + 7 + 15 + 10 + 5 + 4.5 = 60 (exactly 60 counts: 以下 includes it)
    # 08: 10 + 9 + 6 + 8 + 13 + 0 + 5 + 4 = 55
    # 09: 11.5 + 8 + 6 + 7 + 11 + 10 + 0 + 4 = 57.5
    results = months(score, "microloan.cashier", CS_002)
    assert [str(r.total) for r in results.values()] == ["60.00", "55.00", "57.50"]
    assert [r.band_id for r in results.values()] == ["reduced", "low", "low"]
    assert results["2026-09"].outcome["dismissal"] is True
    assert results["2026-09"].outcome["dismissal_trigger"] == ["total"]


# -- the boundaries ------------------------------------------------------------------------

THREE = ("2026-07", "2026-08", "2026-09")
# cashier, full marks but custody 20 − 20 = 0 and bank procedures 20 − 20 = 0: exactly 60
AT_60 = {"custody_incidents": 1, "custody_deduction": 20, "bank_errors": 20}
# the same with custody 20 − 19.99 = 0.01: 60.01
JUST_ABOVE_60 = {"custody_incidents": 1, "custody_deduction": "19.99", "bank_errors": 20}


@pytest.mark.parametrize(
    ("monthly", "dismissed", "triggers"),
    [
        # totals 60, 60, 60 with discipline 100
        ([AT_60, AT_60, AT_60], True, ["total"]),
        # totals 60, 60.01, 60: the middle month breaks the run
        ([AT_60, JUST_ABOVE_60, AT_60], False, []),
        ([JUST_ABOVE_60, AT_60, AT_60], False, []),
        ([AT_60, AT_60, JUST_ABOVE_60], False, []),
        # discipline exactly 60 three times (total 95 each)
        ([{"discipline_score": 60}] * 3, True, ["discipline"]),
        ([{"discipline_score": 60}, {"discipline_score": "60.01"}, {"discipline_score": 60}],
         False, []),
        # both at once: total 55 and discipline 60 → both triggers, in declared order
        ([{**AT_60, "discipline_score": 60}] * 3, True, ["total", "discipline"]),
        # total in one month, discipline in the others: neither run is complete
        ([AT_60, {"discipline_score": 50}, AT_60], False, []),
    ],
)  # fmt: skip
def test_three_consecutive_months_at_60_or_below(
    score: Score, monthly: list[dict[str, Any]], dismissed: bool, triggers: list[str]
) -> None:
    records = {
        period: full_marks("microloan.cashier", **changes)
        for period, changes in zip(THREE, monthly, strict=True)
    }
    last = months(score, "microloan.cashier", records)["2026-09"]
    assert last.outcome["dismissal"] is dismissed
    assert last.outcome["dismissal_trigger"] == triggers
    assert last.notes == ()


def test_the_boundary_records_have_the_totals_they_claim(score: Score) -> None:
    # 100 − 20 (custody) − 20 (bank) = 60; with custody 0.01: 60.01;
    # discipline 60 earns 5 of 10: 95; both: 55
    cashier = "microloan.cashier"
    assert str(score(cashier, full_marks(cashier, **AT_60)).total) == "60.00"
    assert str(score(cashier, full_marks(cashier, **JUST_ABOVE_60)).total) == "60.01"
    assert str(score(cashier, full_marks(cashier, discipline_score=60)).total) == "95.00"
    both = full_marks(cashier, **AT_60, discipline_score=60)
    assert str(score(cashier, both).total) == "55.00"


def test_a_missing_month_breaks_the_run(score: Score) -> None:
    # Low in 2026-06, 2026-07 and 2026-09, no result for 2026-08: not three consecutive
    # months; the result says which month was missing.
    low = full_marks("microloan.cashier", **AT_60)
    results = months(score, "microloan.cashier", {"2026-06": low, "2026-07": low})
    september = score(
        "microloan.cashier",
        {**low, "entity_id": "E-1", "period": "2026-09"},
        list(results.values()),
    )
    assert september.outcome["dismissal"] is False
    assert [n.en for n in september.notes] == [
        "history for 2026-08 missing: the dismissal rule could not be checked"
    ]


def test_missing_history_is_a_note_not_an_error(score: Score) -> None:
    low = full_marks("microloan.cashier", **AT_60, entity_id="E-1", period="2026-09")
    alone = score("microloan.cashier", low)
    assert alone.outcome["dismissal"] is False
    assert alone.outcome["dismissal_trigger"] == []
    assert [n.en for n in alone.notes] == [
        "history for 2026-07, 2026-08 missing: the dismissal rule could not be checked"
    ]
    assert alone.notes[0].zh.startswith("缺少 2026-07, 2026-08 的考核结果")
    # with one earlier month, the other is named
    august = score("microloan.cashier", {**low, "period": "2026-08"})
    with_one = score("microloan.cashier", low, [august])
    assert [n.en for n in with_one.notes] == [
        "history for 2026-07 missing: the dismissal rule could not be checked"
    ]


def test_no_note_when_this_month_is_above_60(score: Score) -> None:
    record = full_marks("microloan.cashier", entity_id="E-1", period="2026-09")
    result = score("microloan.cashier", record)
    assert result.outcome["dismissal"] is False
    assert result.notes == ()


def test_the_run_continues_past_three_months(score: Score) -> None:
    low = full_marks("microloan.cashier", **AT_60)
    periods = ["2026-07", "2026-08", "2026-09", "2026-10"]
    results = months(score, "microloan.cashier", dict.fromkeys(periods, low))
    assert [r.outcome["dismissal"] for r in results.values()] == [False, False, True, True]


def test_the_run_crosses_a_year_end(score: Score) -> None:
    low = full_marks("microloan.cashier", **AT_60)
    results = months(
        score, "microloan.cashier", dict.fromkeys(["2025-11", "2025-12", "2026-01"], low)
    )
    assert results["2026-01"].outcome["dismissal"] is True


def test_history_of_another_person_does_not_count(score: Score) -> None:
    low = full_marks("microloan.cashier", **AT_60)
    other = months(score, "microloan.cashier", {"2026-07": low, "2026-08": low}, entity="E-2")
    mine = score(
        "microloan.cashier", {**low, "entity_id": "E-1", "period": "2026-09"}, list(other.values())
    )
    assert mine.outcome["dismissal"] is False
    assert "2026-07, 2026-08 missing" in mine.notes[0].en


def test_history_object_and_earlier_json_outputs(
    score: Score, schemes: Mapping[str, Scheme]
) -> None:
    scheme = schemes["microloan.risk-manager"]
    # 8 + 10 + 30 + 10 = 58 every month
    low = {"missed_risks_department": 11, "department_control_failures": 10,
           "approval_failures": 0, "discipline_score": 90, "entity_id": "RM-001"}  # fmt: skip
    july = scheme.score({**low, "period": "2026-07"})
    august = scheme.score({**low, "period": "2026-08"})
    september = {**low, "period": "2026-09"}

    from_results = scheme.score(september, history=History.from_results([july, august]))
    assert from_results.outcome["dismissal"] is True
    assert from_results.outcome["dismissal_trigger"] == ["total"]

    # earlier `assesskit score` JSON outputs, as a --history file gives them
    entries = [HistoryEntry.from_json(r.to_dict(), scheme) for r in (july, august)]
    from_json = scheme.score(september, history=History(entries))
    assert from_json.outcome == from_results.outcome


def test_the_same_month_twice_in_history_is_an_error(schemes: Mapping[str, Scheme]) -> None:
    scheme = schemes["microloan.admin-clerk"]
    july = scheme.score(full_marks("microloan.admin-clerk", entity_id="CK-1", period="2026-07"))
    with pytest.raises(HistoryError, match="CK-1 2026-07 appears twice"):
        History.from_results([july, july])


def test_dismissal_in_the_json_output(score: Score) -> None:
    results = months(score, "microloan.cashier", CS_002)
    out = results["2026-09"].to_dict()
    assert out["outcome"]["dismissal"] is True
    assert out["outcome"]["dismissal_trigger"] == ["total"]
