"""History rules over a whole batch: the vectorised history stage against the exact path.

The scheme is small and built here: a monthly score equal to the ``rating``
input (one :class:`RaterMean` component worth 100), bands ok >= 60 and low
below, a veto on ``breach``, and two history rules:

- ``warning`` (2 months): ``total <= 60``;
- ``dismissal`` (3 months): ``total <= 60`` or ``discipline <= 60``, the
  triggers that fired published in ``dismissal_trigger``.

Every case scores the records on the exact path (:func:`score_records`,
history from the input and from earlier results) and on the batch path
(:meth:`Scheme.score_batch` then :func:`apply_history_batch`), checks both
give the same outcomes and notes, and asserts the answer worked out by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from assesskit import (
    Band,
    BandIs,
    BandTable,
    Component,
    Const,
    History,
    HistoryEntry,
    HistoryError,
    HistoryRule,
    Input,
    Interval,
    InvalidInputError,
    Metric,
    MetricKind,
    NextPeriod,
    Param,
    Parameter,
    Period,
    PeriodKind,
    Present,
    Scheme,
    Text,
    Total,
    Trigger,
    Veto,
    Vetoed,
    score_records,
)
from assesskit.rules import RaterMean, Share
from assesskit.scoring.history_batch import apply_history_batch
from assesskit.scoring.history_stage import (
    ResultEnv,
    RuleDecision,
    Timeline,
    decide,
    history_note,
    period_at,
    period_index,
    row_patterns,
    triggers_of,
)

LOW = Trigger("low", Text("total <= 60", "总分60分以下"), Total() <= 60)
WARNING = HistoryRule("warning", Text("warning", "警告"), 2, [LOW])
DISMISSAL = HistoryRule(
    "dismissal",
    Text("dismissal", "辞退"),
    3,
    [
        LOW,
        Trigger(
            "discipline",
            Text("discipline <= 60", "纪律60分以下"),
            Input("discipline") <= 60,
        ),
    ],
    "dismissal_trigger",
)


def build(rules: Sequence[HistoryRule] = (WARNING, DISMISSAL), **more: Any) -> Scheme:
    fields: dict[str, Any] = {
        "id": "test.history-stage",
        "version": "1",
        "title": Text("history stage", "历史"),
        "period": PeriodKind.MONTHLY,
        "metrics": [
            Metric("rating", MetricKind.RATING, Text("rating", "评分")),
            Metric("discipline", MetricKind.RATING, Text("discipline", "纪律"), required=False),
            Metric("breach", MetricKind.FLAG, Text("breach", "泄密"), required=False),
        ],
        "components": [Component("work", Text("work", "工作"), 100, RaterMean(("rating",)))],
        "bands": BandTable(
            (
                Band("ok", Text("ok", "合格"), Interval.at_least(60)),
                Band("low", Text("low", "低"), Interval.below(60)),
            )
        ),
        "vetoes": [Veto("breach", Text("breach", "泄密"), Input("breach").equals(Const(True)))],
        "history_rules": list(rules),
    }
    fields.update(more)
    return Scheme(**fields)


SCHEME = build()
IDENTITY = ("entity_id", "period")


# a share of work done: no total when nothing was due (the component does not apply)
SHARE_METRICS = [
    Metric("done", MetricKind.COUNT, Text("done", "完成")),
    Metric("due", MetricKind.COUNT, Text("due", "应完成")),
    Metric("discipline", MetricKind.RATING, Text("discipline", "纪律"), required=False),
    Metric("breach", MetricKind.FLAG, Text("breach", "泄密"), required=False),
]
SHARE = [Component("work", Text("work", "工作"), 100, Share("done", "due"))]


def shared(entity: str, month: str, total: str | None, **more: Any) -> dict[str, Any]:
    """A record of the share scheme whose total is *total* (``None``: nothing due)."""
    done, due = (0, 0) if total is None else (int(Decimal(total) * 100), 10000)
    return {"entity_id": entity, "period": month, "done": done, "due": due, **more}


def rec(entity: str | None, month: str | None, rating: Any, **more: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"entity_id": entity, "period": month, "rating": rating}
    out.update(more)
    return out


def entry(entity: str, month: str, total: str | None, **inputs: Any) -> HistoryEntry:
    """An earlier result: *total* published, band from it, inputs as given."""
    band = None if total is None else ("ok" if Decimal(total) >= 60 else "low")
    values = {"rating": None, "discipline": None, "breach": None}
    values.update({k: SCHEME.metric_map[k].parse(v) for k, v in inputs.items()})
    return HistoryEntry(
        entity,
        Period.parse(month),
        None if total is None else Decimal(total),
        band,
        False,
        values,
    )


def both(
    records: Sequence[dict[str, Any]],
    history: Sequence[HistoryEntry] = (),
    scheme: Scheme = SCHEME,
) -> list[tuple[dict[str, Any], list[str]]]:
    """Each record's history outcomes and notes (English), equal on both paths."""
    exact = score_records(scheme, records, History(history)).results
    names = sorted({k for r in records for k in r}, key=lambda n: (n not in IDENTITY, n))
    columns = {n: [r.get(n) for r in records] for n in names}
    batch = apply_history_batch(scheme, scheme.score_batch(columns), columns, list(history))
    out = []
    for row, result in enumerate(exact):
        shown: dict[str, Any] = {}
        for rule in scheme.history_rules:
            got = bool(batch.result.outcomes[rule.id][row])
            assert got == result.outcome[rule.id], (row, rule.id)
            shown[rule.id] = got
            if rule.triggers_outcome:
                fired = batch.result.outcomes[rule.triggers_outcome][row]
                assert fired == result.outcome[rule.triggers_outcome], (row, rule.id)
                shown[rule.triggers_outcome] = fired
        notes = [n.en for n in batch.notes(row)]
        # the history notes (the exact path may also say that nothing applies)
        history_notes = [n for n in result.notes if n.en.endswith("could not be checked")]
        assert [n.zh for n in batch.notes(row)] == [n.zh for n in history_notes], row
        assert notes == [n.en for n in history_notes], row
        out.append((shown, notes))
    return out


def outcomes(
    fired_warning: bool, fired_dismissal: bool, which: Sequence[str] = ()
) -> dict[str, Any]:
    return {
        "warning": fired_warning,
        "dismissal": fired_dismissal,
        "dismissal_trigger": list(which),
    }


def missing(rule: str, months: str) -> str:
    return f"history for {months} missing: the {rule} rule could not be checked"


class TestRunsInTheInput:
    def test_three_low_months_fire_both_rules(self) -> None:
        records = [rec("E-1", m, 60) for m in ("2026-05", "2026-06", "2026-07")]
        got = both(records)
        # May: no April (warning) nor March, April (dismissal); the notes say so
        assert got[0] == (
            outcomes(False, False),
            [missing("warning", "2026-04"), missing("dismissal", "2026-03, 2026-04")],
        )
        # June: May was low too, warning fires; dismissal lacks April
        assert got[1] == (outcomes(True, False), [missing("dismissal", "2026-04")])
        assert got[2] == (outcomes(True, True, ["low"]), [])

    def test_input_order_does_not_matter(self) -> None:
        records = [rec("E-1", m, 40) for m in ("2026-07", "2026-05", "2026-06")]
        got = both(records)
        assert got[0] == (outcomes(True, True, ["low"]), [])
        assert got[2][0] == outcomes(True, False)

    def test_a_month_above_60_breaks_the_run(self) -> None:
        records = [
            rec("E-1", "2026-05", 50),
            rec("E-1", "2026-06", "60.01"),
            rec("E-1", "2026-07", 50),
        ]
        got = both(records)
        # July: June is known and not low: decided, no note, nothing fired
        assert got[2] == (outcomes(False, False), [])
        # June cannot trigger: no note either
        assert got[1] == (outcomes(False, False), [])

    def test_a_gap_is_missing_history(self) -> None:
        records = [rec("E-1", "2026-05", 50), rec("E-1", "2026-07", 50)]
        got = both(records)
        assert got[1] == (
            outcomes(False, False),
            [missing("warning", "2026-06"), missing("dismissal", "2026-06")],
        )

    def test_runs_cross_the_year_end(self) -> None:
        records = [rec("E-1", m, 10) for m in ("2025-11", "2025-12", "2026-01")]
        assert both(records)[2] == (outcomes(True, True, ["low"]), [])

    def test_only_the_same_entity_counts(self) -> None:
        records = [
            rec("E-1", "2026-05", 10),
            rec("E-2", "2026-06", 10),
            rec("E-1", "2026-07", 10),
            rec("E-2", "2026-07", 10),
        ]
        got = both(records)
        assert got[2] == (
            outcomes(False, False),
            [missing("warning", "2026-06"), missing("dismissal", "2026-06")],
        )
        assert got[3] == (outcomes(True, False), [missing("dismissal", "2026-05")])

    def test_each_trigger_needs_its_own_run(self) -> None:
        records = [
            rec("E-1", "2026-05", 50, discipline=90),
            rec("E-1", "2026-06", 90, discipline=50),
            rec("E-1", "2026-07", 50, discipline=50),
        ]
        got = both(records)
        # July: low total in May and July but not June; discipline in June, July, not May
        assert got[2] == (outcomes(False, False), [])

    def test_both_triggers_fire(self) -> None:
        records = [rec("E-1", m, 50, discipline=60) for m in ("2026-05", "2026-06", "2026-07")]
        assert both(records)[2] == (outcomes(True, True, ["low", "discipline"]), [])

    def test_the_second_trigger_alone(self) -> None:
        records = [rec("E-1", m, 90, discipline=55) for m in ("2026-05", "2026-06", "2026-07")]
        got = both(records)
        assert got[2] == (outcomes(False, True, ["discipline"]), [])
        # May: only the discipline trigger holds; warning's trigger does not: no warning note
        assert got[0] == (outcomes(False, False), [missing("dismissal", "2026-03, 2026-04")])

    def test_a_vetoed_month_counts_with_its_total_of_0(self) -> None:
        records = [
            rec("E-1", "2026-05", 90, breach=True),
            rec("E-1", "2026-06", 90, breach=True),
            rec("E-1", "2026-07", 90, breach=True),
        ]
        assert both(records)[2] == (outcomes(True, True, ["low"]), [])

    def test_a_fired_trigger_silences_the_notes_of_the_other(self) -> None:
        # July: discipline held in May, June, July; total held in July only, with no April
        records = [
            rec("E-1", "2026-05", 90, discipline=50),
            rec("E-1", "2026-06", 90, discipline=50),
            rec("E-1", "2026-07", 50, discipline=50),
        ]
        assert both(records)[2] == (outcomes(False, True, ["discipline"]), [])


class TestEarlierResults:
    def test_history_entries_complete_the_run(self) -> None:
        history = [entry("E-1", "2026-05", "60.00"), entry("E-1", "2026-06", "12.5")]
        assert both([rec("E-1", "2026-07", 60)], history) == [(outcomes(True, True, ["low"]), [])]

    def test_history_entries_are_read_exactly(self) -> None:
        history = [entry("E-1", "2026-05", "60.01"), entry("E-1", "2026-06", "60")]
        got = both([rec("E-1", "2026-07", 60)], history)
        assert got == [(outcomes(True, False), [])]

    def test_an_entry_input_drives_its_trigger(self) -> None:
        history = [
            entry("E-1", "2026-05", "90", discipline=60),
            entry("E-1", "2026-06", "90", discipline="59.5"),
        ]
        got = both([rec("E-1", "2026-07", 90, discipline=1)], history)
        assert got == [(outcomes(False, True, ["discipline"]), [])]

    def test_an_entry_without_the_input_breaks_the_run(self) -> None:
        history = [entry("E-1", "2026-05", "90"), entry("E-1", "2026-06", "90", discipline=5)]
        got = both([rec("E-1", "2026-07", 90, discipline=1)], history)
        assert got == [(outcomes(False, False), [])]

    def test_an_entry_without_a_total_breaks_the_run(self) -> None:
        history = [entry("E-1", "2026-06", None)]
        got = both([rec("E-1", "2026-07", 10)], history)
        assert got == [(outcomes(False, False), [])]

    def test_other_entities_and_kinds_of_period_are_ignored(self) -> None:
        history = [
            entry("E-2", "2026-06", "10"),
            HistoryEntry("E-1", Period(2026), Decimal(10), "low", False, {}),
        ]
        got = both([rec("E-1", "2026-07", 10)], history)
        assert got == [
            (
                outcomes(False, False),
                [missing("warning", "2026-06"), missing("dismissal", "2026-05, 2026-06")],
            )
        ]

    def test_mixed_input_and_history(self) -> None:
        history = [entry("E-1", "2026-04", "30"), entry("E-2", "2026-05", "30")]
        records = [
            rec("E-1", "2026-05", 30),
            rec("E-1", "2026-06", 30),
            rec("E-2", "2026-06", 30),
            rec("E-2", "2026-08", 30),
        ]
        got = both(records, history)
        assert got[1] == (outcomes(True, True, ["low"]), [])
        assert got[2] == (outcomes(True, False), [missing("dismissal", "2026-04")])
        assert got[3] == (
            outcomes(False, False),
            [missing("warning", "2026-07"), missing("dismissal", "2026-07")],
        )

    def test_an_entity_and_period_in_input_and_history_is_refused(self) -> None:
        scheme = SCHEME
        columns = {"entity_id": ["E-1"], "period": ["2026-07"], "rating": [50]}
        with pytest.raises(HistoryError, match="E-1 2026-07 is both in the input and in the"):
            apply_history_batch(
                scheme, scheme.score_batch(columns), columns, [entry("E-1", "2026-07", "1")]
            )

    def test_an_entity_and_period_twice_in_the_history_is_refused(self) -> None:
        columns = {"entity_id": ["E-1"], "period": ["2026-07"], "rating": [50]}
        twice = [entry("E-2", "2026-06", "1"), entry("E-2", "2026-06", "2")]
        with pytest.raises(HistoryError, match="E-2 2026-06 appears twice in the history"):
            apply_history_batch(SCHEME, SCHEME.score_batch(columns), columns, twice)


class TestWhatTheBatchFrontEndGives:
    def test_missing_periods_per_row(self) -> None:
        records = [rec("E-1", "2026-05", 10), rec("E-1", "2026-07", 90), rec("E-1", "2026-08", 10)]
        columns = {n: [r[n] for r in records] for n in records[0]}
        batch = apply_history_batch(SCHEME, SCHEME.score_batch(columns), columns, History())
        assert batch.missing_periods["dismissal"].tolist() == [
            (Period(2026, 3), Period(2026, 4)),
            (),
            (),
        ]
        assert batch.missing["dismissal"].tolist() == [True, False, False]

    def test_an_annual_scheme(self) -> None:
        scheme = build(period=PeriodKind.ANNUAL)
        columns = {"entity_id": ["E-1", "E-1"], "year": [2024, 2026], "rating": [10, 10]}
        history = History([HistoryEntry("E-1", Period(2023), Decimal(10), "low", False, {})])
        batch = apply_history_batch(scheme, scheme.score_batch(columns), columns, history)
        assert batch.missing_periods["dismissal"].tolist() == [(Period(2022),), (Period(2025),)]
        assert batch.result.outcomes["warning"].tolist() == [True, False]
        assert [n.en for n in batch.notes(1)] == [
            missing("warning", "2025"),
            missing("dismissal", "2025"),
        ]


class TestUndatedAndUnknown:
    def test_a_record_without_a_period_gets_a_note(self) -> None:
        got = both([rec("E-1", None, 10), rec("E-1", "2026-07", 10)])
        assert got[0] == (
            outcomes(False, False),
            [
                "no period given: the warning rule could not be checked",
                "no period given: the dismissal rule could not be checked",
            ],
        )
        # the undated record is no earlier month for July
        assert got[1][1] == [
            missing("warning", "2026-06"),
            missing("dismissal", "2026-05, 2026-06"),
        ]

    def test_an_undated_record_beside_history_entries(self) -> None:
        # as many known records as inputs (E-1's July and the June entry) while an input is
        # unknown: the probes are made for the inputs alone, in their own order
        history = [entry("E-1", "2026-06", "10")]
        got = both([rec("E-1", None, 10), rec("E-1", "2026-07", 10)], history)
        assert got[1] == (outcomes(True, False), [missing("dismissal", "2026-05")])
        assert got[0][0] == outcomes(False, False)

    def test_a_record_without_an_entity_sees_only_entries_without_one(self) -> None:
        records = [rec(None, "2026-06", 10), rec(None, "2026-07", 10), rec("E-1", "2026-06", 10)]
        got = both(records)
        # rows without an entity are known to no one: July sees no June
        assert got[1] == (
            outcomes(False, False),
            [missing("warning", "2026-06"), missing("dismissal", "2026-05, 2026-06")],
        )
        history = [entry("", "2026-05", "1"), entry("", "2026-06", "1")]
        assert both([rec(None, "2026-07", 10)], history) == [(outcomes(True, True, ["low"]), [])]


class TestDoubtDecidedExactly:
    def test_a_value_just_above_the_trigger_does_not_fire(self) -> None:
        # 60.00000000000000001 is 60.0 as a float; exactly it is above 60
        records = [
            rec("E-1", "2026-05", 90, discipline=60),
            rec("E-1", "2026-06", 90, discipline=60),
            rec("E-1", "2026-07", 90, discipline="60.00000000000000001"),
        ]
        got = both(records)
        assert got[2] == (outcomes(False, False), [])

    def test_an_earlier_value_just_above_the_trigger_breaks_the_run(self) -> None:
        records = [
            rec("E-1", "2026-05", 90, discipline=60),
            rec("E-1", "2026-06", 90, discipline="60.00000000000000001"),
            rec("E-1", "2026-07", 90, discipline=60),
        ]
        got = both(records)
        assert got[2] == (outcomes(False, False), [])
        assert got[1] == (outcomes(False, False), [])

    def test_a_value_just_below_fires(self) -> None:
        records = [
            rec("E-1", "2026-05", 90, discipline="59.99999999999999999"),
            rec("E-1", "2026-06", 90, discipline="59.99999999999999999"),
            rec("E-1", "2026-07", 90, discipline="59.99999999999999999"),
        ]
        assert both(records)[2] == (outcomes(False, True, ["discipline"]), [])


class TestWhatTriggersRead:
    def test_band_vetoed_and_presence(self) -> None:
        rules = [
            HistoryRule(
                "low_band", Text("low band", "低"), 2, [Trigger("b", Text("b"), BandIs("low"))]
            ),
            HistoryRule("vetoed", Text("vetoed", "否决"), 2, [Trigger("v", Text("v"), Vetoed())]),
            HistoryRule(
                "silent",
                Text("silent", "无纪律"),
                2,
                [Trigger("p", Text("p"), ~Present("discipline"))],
                "silent_by",
            ),
        ]
        scheme = build(rules)
        records = [
            rec("E-1", "2026-06", 59, breach=True, discipline=1),
            rec("E-1", "2026-07", 59, breach=True, discipline=1),
            rec("E-2", "2026-06", 60, discipline=1),
            rec("E-2", "2026-07", 60),
            rec("E-3", "2026-06", 60),
            rec("E-3", "2026-07", 60),
        ]
        got = both(records, scheme=scheme)
        assert got[1][0] == {"low_band": True, "vetoed": True, "silent": False, "silent_by": []}
        assert got[5][0] == {"low_band": False, "vetoed": False, "silent": True, "silent_by": ["p"]}
        del records[5], records[4]
        records[:2] = [{**r, "discipline": None} for r in records[:2]]
        got = both(records, scheme=scheme)
        assert got[1] == (
            {"low_band": True, "vetoed": True, "silent": True, "silent_by": ["p"]},
            [],
        )
        assert got[3] == (
            {"low_band": False, "vetoed": False, "silent": False, "silent_by": []},
            [],
        )

    def test_without_history_rules_nothing_is_added(self) -> None:
        scheme = build([])
        columns = {"entity_id": ["E-1"], "period": ["2026-07"], "rating": [50]}
        result = scheme.score_batch(columns)
        batch = apply_history_batch(scheme, result, columns)
        assert batch.result is result
        assert batch.notes(0) == []
        assert (batch.missing, batch.missing_periods) == ({}, {})


class TestWhatTriggersReadMore:
    def test_a_parameter(self) -> None:
        floor = Trigger("floor", Text("at or below the floor", "底线"), Total() <= Param("floor"))
        rule = HistoryRule("floor", Text("floor", "底线"), 2, [floor])
        scheme = build(
            [rule],
            parameters=[Parameter("floor", Text("floor", "底线"), 30, kind=MetricKind.NUMBER)],
        )
        history = [entry("E-1", "2026-06", "30"), entry("E-2", "2026-06", "30.01")]
        records = [rec("E-1", "2026-07", 30), rec("E-2", "2026-07", 30)]
        assert both(records, history, scheme) == [({"floor": True}, []), ({"floor": False}, [])]

    def test_a_parameter_and_the_period_in_a_row_in_doubt(self) -> None:
        # the discipline values are in doubt as floats: those rows are decided exactly,
        # with the scheme's parameters and the row's period
        floor = Trigger("floor", Text("floor", "底线"), Input("discipline") <= Param("floor"))
        august = Trigger("aug", Text("in August", "八月"), NextPeriod().equals(Const("2026-09")))
        rules = [
            HistoryRule("floor", Text("floor", "底线"), 2, [floor]),
            HistoryRule("august", Text("august", "八月"), 1, [august]),
        ]
        scheme = build(
            rules,
            parameters=[Parameter("floor", Text("floor", "底线"), 30, kind=MetricKind.NUMBER)],
        )
        records = [
            rec("E-1", "2026-07", 90, discipline="29.99999999999999999"),
            rec("E-1", "2026-08", 90, discipline="29.99999999999999999"),
            rec("E-2", "2026-07", 90, discipline="30.00000000000000001"),
            rec("E-2", "2026-08", 90, discipline=30),
        ]
        got = both(records, scheme=scheme)
        assert [g[0] for g in got] == [
            {"floor": False, "august": False},
            {"floor": True, "august": True},
            {"floor": False, "august": False},
            {"floor": False, "august": True},
        ]

    def test_the_period(self) -> None:
        # "in August" as "the next period is 2026-09": holds in August 2026 only
        august = Trigger("aug", Text("in August", "八月"), NextPeriod().equals(Const("2026-09")))
        low = Trigger("low", Text("low", "低"), Total() <= 60)
        rule = HistoryRule("august", Text("august", "八月"), 1, [august])
        twice = HistoryRule("twice", Text("twice", "两次"), 2, [low])
        scheme = build([rule, twice])
        records = [rec("E-1", "2026-07", 10), rec("E-1", "2026-08", 90), rec("E-2", None, 10)]
        got = both(records, scheme=scheme)
        assert [g[0] for g in got] == [
            {"august": False, "twice": False},
            {"august": True, "twice": False},
            {"august": False, "twice": False},
        ]

    def test_a_total_that_is_not_there(self) -> None:
        # "not above 60" holds for a total of 60, and for a record without a total: a
        # missing comparison counts as false, so "not" of it is true (as documented by Not)
        rule = HistoryRule(
            "not_above", Text("not above", "不高于"), 2, [Trigger("n", Text("n"), ~(Total() > 60))]
        )
        scheme = build([rule], metrics=SHARE_METRICS, components=SHARE)
        records = [
            shared("E-1", "2026-06", "60"),
            shared("E-1", "2026-07", "60"),
            shared("E-2", "2026-06", None),
            shared("E-2", "2026-07", "60"),
        ]
        got = both(records, scheme=scheme)
        assert [g[0] for g in got] == [{"not_above": v} for v in (False, True, False, True)]
        assert got[2][1] == [missing("not_above", "2026-05")]

    def test_doubt_re_decides_every_trigger_of_the_row(self) -> None:
        # the discipline values are in doubt as floats; the row is decided exactly, the
        # total, band, veto and inputs of the row included
        rules = [
            WARNING,
            HistoryRule(
                "low_band", Text("low band", "低"), 2, [Trigger("b", Text("b"), BandIs("low"))]
            ),
            HistoryRule("vetoed", Text("vetoed", "否决"), 2, [Trigger("v", Text("v"), Vetoed())]),
            DISMISSAL,
        ]
        scheme = build(rules, metrics=SHARE_METRICS, components=SHARE)
        doubtful = "60.00000000000000001"
        records = [
            shared("E-1", "2026-06", "50", discipline=doubtful, breach=True),
            shared("E-1", "2026-07", "50", discipline=doubtful, breach=True),
            shared("E-2", "2026-06", None, discipline=doubtful),
            shared("E-2", "2026-07", None, discipline=doubtful),
            shared("E-3", "2026-06", "59.5", discipline="59.99999999999999999"),
            shared("E-3", "2026-07", "59.5", discipline="59.99999999999999999"),
        ]
        got = both(records, scheme=scheme)
        assert got[1][0] == {
            "warning": True,
            "low_band": True,
            "vetoed": True,
            "dismissal": False,
            "dismissal_trigger": [],
        }
        assert got[3][0] == {
            "warning": False,
            "low_band": False,
            "vetoed": False,
            "dismissal": False,
            "dismissal_trigger": [],
        }
        assert got[5] == (
            {
                "warning": True,
                "low_band": True,
                "vetoed": False,
                "dismissal": False,
                "dismissal_trigger": [],
            },
            [missing("dismissal", "2026-05")],
        )


class TestManyEntities:
    def test_entities_and_gaps_of_their_own(self) -> None:
        # twelve entities, each with months of its own; ratings low except where noted
        records = []
        for number in range(12):
            months = [f"2026-{m:02d}" for m in range(1, 13) if (m + number) % 5 != 0]
            records += [rec(f"E-{number}", m, 10 if (m[-1] != "3") else 90) for m in months]
        got = both(records)
        where = {(r["entity_id"], r["period"]): g for r, g in zip(records, got, strict=True)}
        # E-0 has every month but May and October: in April (March high) nothing fires
        assert where[("E-0", "2026-04")] == (outcomes(False, False), [])
        # E-0 in December: October is missing, November low: warning, dismissal lacks October
        assert where[("E-0", "2026-12")] == (
            outcomes(True, False),
            [missing("dismissal", "2026-10")],
        )
        # E-1 in July: May and June are there and low
        assert where[("E-1", "2026-07")] == (outcomes(True, True, ["low"]), [])
        # E-1 in June: April is missing
        assert where[("E-1", "2026-06")] == (
            outcomes(True, False),
            [missing("dismissal", "2026-04")],
        )

    def test_far_apart_entity_codes_keep_apart(self) -> None:
        # codes whose keys would wrap around int64 are numbered densely first:
        # 2**61 × a stride of 8 is 2**64
        entity = np.array([0, 0, 2**61, 2**61], dtype=np.int64)
        index = np.array([101, 102, 100, 103], dtype=np.int64)
        dated = np.ones(4, dtype=bool)
        (decision,) = decide(
            [DISMISSAL], Timeline.of(entity, index, dated, dated), np.ones((4, 2), bool)
        )
        assert decision.any_fired.tolist() == [False, False, False, False]
        assert decision.missing.tolist() == [
            [True, True],
            [False, True],
            [True, True],
            [True, True],
        ]

    def test_a_record_without_an_entity_last(self) -> None:
        got = both([rec("E-1", "2026-06", 10), rec(None, "2026-07", 10)])
        assert got[1] == (
            outcomes(False, False),
            [missing("warning", "2026-06"), missing("dismissal", "2026-05, 2026-06")],
        )

    def test_an_empty_batch(self) -> None:
        columns: dict[str, list[Any]] = {"entity_id": [], "period": [], "rating": []}
        batch = apply_history_batch(SCHEME, SCHEME.score_batch(columns), columns)
        assert batch.result.outcomes["warning"].tolist() == []
        empty = np.zeros(0, dtype=np.int64)
        none = np.zeros(0, dtype=bool)
        (decision,) = decide(
            [WARNING], Timeline.of(empty, empty, none, none), np.zeros((0, 1), bool)
        )
        assert decision.fired.shape == (0, 1)


class TestWhatABatchShowsATrigger:
    """:class:`ResultEnv`: inputs, total, band, veto and period; outcomes and statuses missing."""

    def env(self) -> ResultEnv:
        columns = {
            "entity_id": ["E-1", "E-2", "E-3"],
            "period": ["2026-07", None, "2026-07"],
            "done": [1, 0, 3],
            "due": [2, 0, 4],
        }
        scheme = build(metrics=SHARE_METRICS, components=SHARE)
        result = scheme.score_batch(columns)
        periods = np.array([Period(2026, 7), None, Period(2026, 7)], dtype=object)
        raw = {k: np.array(v, dtype=object) for k, v in columns.items()}
        return ResultEnv(scheme, raw, result, periods, np.array([True, False, True]))

    def test_total_band_vetoed_and_period(self) -> None:
        env = self.env()
        total = env.total()
        assert total.data[[0, 2]].tolist() == [50.0, 75.0]
        assert total.missing is not None
        assert total.missing.tolist() == [False, True, False]
        assert env.band().data.tolist() == ["low", None, "ok"]
        assert env.vetoed().data.tolist() == [False, False, False]
        period = env.period()
        assert period.data.tolist() == [Period(2026, 7), None, Period(2026, 7)]
        assert period.missing is not None
        assert period.missing.tolist() == [False, True, False]
        # published values: compared as they are, never in doubt
        assert all(v.faithful is True for v in (total, env.band(), env.vetoed(), period))

    def test_inputs(self) -> None:
        env = self.env()
        done = env.input("done")
        assert done.data.tolist() == [1.0, 0.0, 3.0]
        assert env.input("done") is done  # read once
        breach = env.input("breach")  # optional, not given: missing on every row
        assert breach.missing is not None
        assert breach.missing.tolist() == [True] * 3

    def test_what_a_history_entry_does_not_keep_reads_as_missing(self) -> None:
        env = self.env()
        for value in (env.outcome("pay"), env.component_status("work"), env.input("ghost")):
            assert value.data.tolist() == [None, None, None]
            assert value.missing is not None
            assert value.missing.tolist() == [True] * 3
            assert value.faithful is True
        assert env.component_ids() == []
        assert env.size == 3


class TestDuplicates:
    def test_the_same_entity_and_month_twice(self) -> None:
        columns = {
            "entity_id": ["E-1", "E-2", "E-1", "E-1"],
            "period": ["2026-07", "2026-07", "2026-07", "2026-06"],
            "rating": [50, 50, 50, 50],
        }
        with pytest.raises(InvalidInputError) as caught:
            apply_history_batch(SCHEME, SCHEME.score_batch(columns), columns)
        (problem,) = caught.value.problems
        assert (problem.field, problem.value, problem.row) == ("period", "2026-07", 2)
        assert problem.entity == "E-1"
        assert "E-1 2026-07 appears twice (also row 1); give each entity and period once" in str(
            caught.value
        )


class TestStageParts:
    def test_periods_count_on(self) -> None:
        assert period_index(Period(2026, 1)) == 2026 * 12
        assert period_index(Period(2026, 12)) - period_index(Period(2026, 1)) == 11
        assert period_index(Period(2026)) == 2026
        assert period_at(2026 * 12 + 11, PeriodKind.MONTHLY) == Period(2026, 12)
        assert period_at(2026 * 12, PeriodKind.MONTHLY) == Period(2026, 1)
        assert period_at(2026, PeriodKind.ANNUAL) == Period(2026)

    def test_history_note_words(self) -> None:
        note = history_note(DISMISSAL, [Period(2026, 5), Period(2026, 6)])
        assert note.en == missing("dismissal", "2026-05, 2026-06")
        assert note.zh == "缺少 2026-05, 2026-06 的考核结果:无法判断“辞退”"
        undated = history_note(DISMISSAL, [])
        assert undated.zh == "未给出考核期:无法判断“辞退”"

    def test_triggers_in_rule_order(self) -> None:
        assert [t.id for t in triggers_of(SCHEME)] == ["low", "low", "discipline"]

    def test_row_patterns(self) -> None:
        matrix = np.array([[True, False], [False, True], [True, False], [True, False]])
        codes, table = row_patterns(matrix, np.array([5, 5, 5, 6], dtype=np.int64))
        # a row's key is its lead value, then its bits (column 0 the lowest)
        assert codes.tolist() == [0, 1, 0, 2]
        assert table == [(5, (True, False)), (5, (False, True)), (6, (True, False))]

    def test_row_patterns_without_a_lead(self) -> None:
        codes, table = row_patterns(np.array([[False, True], [False, False], [False, True]]))
        assert codes.tolist() == [1, 0, 1]
        assert table == [(0, (False, False)), (0, (False, True))]

    def test_row_patterns_of_40_columns_still_pack_bits(self) -> None:
        matrix = np.zeros((2, 40), dtype=bool)
        matrix[0, 0] = True  # the lowest bit
        matrix[1, 1] = True
        codes, _ = row_patterns(matrix)
        assert codes.tolist() == [0, 1]
        wide = np.zeros((2, 41), dtype=bool)
        wide[0, 0] = True  # compared column by column, first column first
        wide[1, 1] = True
        codes, _ = row_patterns(wide)
        assert codes.tolist() == [1, 0]

    def test_missing_periods_of_a_long_rule(self) -> None:
        # 42 periods: 41 steps back, too many to pack beside the period; an annual scheme
        rule = HistoryRule("long", Text("long", "长"), 42, [LOW])
        one = np.ones(1, dtype=bool)
        timeline = Timeline.of(np.zeros(1, np.int64), np.array([2026], np.int64), one, one)
        (decision,) = decide([rule], timeline, np.ones((1, 1), dtype=bool))
        rows, groups, periods = decision.missing_groups(np.array([2026]), PeriodKind.ANNUAL)
        assert rows.tolist() == [0]
        shown = [str(p) for p in periods[groups[0]]]
        assert shown == [str(year) for year in range(1985, 2026)]

    def test_a_past_index_without_past_entities_is_ignored(self) -> None:
        one = np.ones(1, dtype=bool)
        timeline = Timeline.of(
            np.zeros(1, np.int64), np.ones(1, np.int64), one, one, None, np.ones(1, np.int64)
        )
        assert (len(timeline.entity), timeline.inputs) == (1, 1)

    def test_row_patterns_of_many_columns(self) -> None:
        wide = np.zeros((3, 41), dtype=bool)
        wide[0, 40] = True
        wide[2, 40] = True
        wide[1, 0] = True
        codes, table = row_patterns(wide, np.array([7, 7, 7], dtype=np.int64))
        assert codes.tolist() == [0, 1, 0]
        assert table[0] == (7, (False,) * 40 + (True,))
        assert table[1] == (7, (True,) + (False,) * 40)

    def test_decide_over_far_apart_entities_and_periods(self) -> None:
        # entity codes far apart: the keys are numbered densely first
        entity = np.array([0, 2**61, 0, 2**61], dtype=np.int64)
        index = np.array([100, 100, 101, 102], dtype=np.int64)
        dated = np.ones(4, dtype=bool)
        timeline = Timeline.of(entity, index, dated, dated)
        bits = np.ones((4, 1), dtype=bool)
        (decision,) = decide([WARNING], timeline, bits)
        assert decision.any_fired.tolist() == [False, False, True, False]
        assert decision.missing[:, 0].tolist() == [True, True, False, True]
        rows, groups, periods = decision.missing_groups(index, PeriodKind.ANNUAL)
        assert rows.tolist() == [0, 1, 3]
        assert [periods[g] for g in groups] == [(Period(99),), (Period(99),), (Period(101),)]

    def test_decide_without_rules_or_known_records(self) -> None:
        none = np.zeros(2, dtype=bool)
        timeline = Timeline.of(np.zeros(2, np.int64), np.zeros(2, np.int64), none, none)
        assert decide([], timeline, np.zeros((2, 0), dtype=bool)) == []
        (decision,) = decide([WARNING], timeline, np.ones((2, 1), dtype=bool))
        assert isinstance(decision, RuleDecision)
        assert decision.any_fired.tolist() == [False, False]
        assert decision.noted.tolist() == [True, True]  # undated: cannot be checked
        assert decision.missing.tolist() == [[False], [False]]
