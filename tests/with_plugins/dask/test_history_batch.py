"""History rules on the batch path equal the exact pipeline (Hypothesis), on two schemes.

``apply_history_batch`` must give every row the same ``dismissal`` flag,
the same list of triggers and the same "history missing" notes as
:func:`assesskit.pipeline.score_records`, whatever the order of the rows,
gaps between months, rows without an entity or a period, earlier periods
given as a :class:`~assesskit.history.History`, and values where float noise
could change a comparison (``60.00000000000000001`` is above 60).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import build_sample_scheme, sample_record

import assesskit
from assesskit import Scheme
from assesskit.errors import HistoryError, InvalidInputError
from assesskit.history import History, HistoryEntry
from assesskit.periods import Period
from assesskit.pipeline import score_records
from assesskit.scoring.history_batch import apply_history_batch, period_index

sys.path.insert(0, str(Path(__file__).parent))
from dask_cases import ENTITIES, MONTHS, officer_values, sample_values

SAMPLE = build_sample_scheme()
OFFICER = assesskit.get_scheme("microloan.loan-officer")


def _columns(records: Sequence[Mapping[str, Any]], floats: bool) -> dict[str, Any]:
    names = list(dict.fromkeys(k for r in records for k in r))
    columns: dict[str, Any] = {name: [r.get(name) for r in records] for name in names}
    if floats:
        for name, values in columns.items():
            if all(isinstance(v, float) for v in values):
                columns[name] = np.array(values, dtype=float)
    return columns


def _history_notes(notes: Sequence[assesskit.Text]) -> list[tuple[str, str]]:
    return [(n.en, n.zh) for n in notes if "could not be checked" in n.en]


def assert_history_equal(
    scheme: Scheme,
    records: Sequence[Mapping[str, Any]],
    history: History | None,
    floats: bool,
) -> None:
    """Every history outcome and note of the batch path equals the exact pipeline's."""
    expected = score_records(scheme, records, history).results
    columns = _columns(records, floats)
    batch = apply_history_batch(scheme, scheme.score_batch(columns), columns, history)
    for row, result in enumerate(expected):
        for rule in scheme.history_rules:
            assert batch.result.outcomes[rule.id][row] == result.outcome[rule.id], row
            if rule.triggers_outcome:
                got = batch.result.outcomes[rule.triggers_outcome][row]
                assert got == result.outcome[rule.triggers_outcome], row
        notes = [(n.en, n.zh) for n in batch.notes(row)]
        assert notes == _history_notes(result.notes), row
        assert bool(batch.missing["dismissal"][row]) == bool(notes), row


@st.composite
def months_of_entities(
    draw: st.DrawFn, values: st.SearchStrategy[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of a few entities over a few months (each entity and month once), split in two.

    The first list is the input, the second the earlier history (scored
    exactly, then given as a History).
    """
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from([*ENTITIES, None]), st.sampled_from([*MONTHS, None])),
            min_size=1,
            max_size=18,
            unique_by=lambda k: k if k[0] is not None and k[1] is not None else object(),
        )
    )
    inputs: list[dict[str, Any]] = []
    past: list[dict[str, Any]] = []
    for entity, month in keys:
        record = draw(values)
        record["entity_id"], record["period"] = entity, month
        into_history = entity is not None and month is not None and draw(st.booleans())
        (past if into_history else inputs).append(record)
    if not inputs:
        inputs.append(past.pop())
    return inputs, past


def _history_of(scheme: Scheme, past: Sequence[Mapping[str, Any]]) -> History | None:
    if not past:
        return None
    return History(HistoryEntry.from_result(scheme.score(r)) for r in past)


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(data=months_of_entities(sample_values()), floats=st.booleans(), use_history=st.booleans())
def test_sample_scheme_history_equals_exact_pipeline(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]]], floats: bool, use_history: bool
) -> None:
    inputs, past = data
    if not use_history:
        inputs, past = inputs + past, []
    assert_history_equal(SAMPLE, inputs, _history_of(SAMPLE, past), floats)


@PROPERTY
@given(data=months_of_entities(officer_values()), floats=st.booleans(), use_history=st.booleans())
def test_loan_officer_history_equals_exact_pipeline(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]]], floats: bool, use_history: bool
) -> None:
    inputs, past = data
    if not use_history:
        inputs, past = inputs + past, []
    assert_history_equal(OFFICER, inputs, _history_of(OFFICER, past), floats)


def _officer(
    entity: str | None, period: str | None, discipline: str, **more: Any
) -> dict[str, Any]:
    record = {
        "entity_id": entity,
        "period": period,
        "business_income": "100000",
        "loan_loss_rate": "0",
        "overdue_ratio": "0.05",
        "discipline_score": discipline,
    }
    record.update(more)
    return record


def test_three_months_at_60_or_below_fire_and_a_gap_gives_a_note() -> None:
    # LO-1: discipline 60, 55, 60 in June to August: "60分以下" includes 60, three in a row, so
    # August fires on the discipline trigger (the totals are far above 60). LO-2: 50 in June
    # and August, July missing: August cannot be decided, a note names July.
    records = [
        _officer("LO-1", "2026-06", "60"),
        _officer("LO-1", "2026-07", "55"),
        _officer("LO-1", "2026-08", "60"),
        _officer("LO-2", "2026-06", "50"),
        _officer("LO-2", "2026-08", "50"),
    ]
    columns = _columns(records, floats=False)
    batch = apply_history_batch(OFFICER, OFFICER.score_batch(columns), columns)
    # income 100000 of a 100000 target: 60; no loss: 20; overdue 5%: 10; discipline 60: 5
    # (the higher band wins at 60), below 60: 0
    assert batch.result.total.tolist() == [95.0, 90.0, 95.0, 90.0, 90.0]
    assert batch.result.outcomes["dismissal"].tolist() == [False, False, True, False, False]
    assert batch.result.outcomes["dismissal_trigger"][2] == ["discipline"]
    assert [n.en for n in batch.notes(4)] == [
        "history for 2026-07 missing: the dismissal rule could not be checked"
    ]
    assert batch.missing["dismissal"].tolist() == [True, True, False, True, True]
    assert batch.missing_periods["dismissal"][0] == (Period(2026, 4), Period(2026, 5))


def test_discipline_just_above_60_breaks_the_run() -> None:
    # 60.01 is not "60分以下": the run of three is broken in July, so August does not fire.
    records = [
        _officer("LO-1", "2026-06", "60"),
        _officer("LO-1", "2026-07", "60.01"),
        _officer("LO-1", "2026-08", "60"),
    ]
    columns = _columns(records, floats=False)
    batch = apply_history_batch(OFFICER, OFFICER.score_batch(columns), columns)
    assert batch.result.outcomes["dismissal"].tolist() == [False, False, False]
    # July breaks the run: no note in August (the missing May cannot change the answer)
    assert batch.notes(2) == []


def test_a_value_a_float_cannot_hold_is_decided_exactly() -> None:
    # 60.00000000000000001 is above 60 but its nearest float is 60.0: the row is decided on
    # exact decimals, so the run of three is broken.
    records = [
        _officer("LO-1", "2026-06", "60"),
        _officer("LO-1", "2026-07", "60.00000000000000001"),
        _officer("LO-1", "2026-08", "60"),
    ]
    columns = _columns(records, floats=False)
    batch = apply_history_batch(OFFICER, OFFICER.score_batch(columns), columns)
    assert batch.result.outcomes["dismissal"].tolist() == [False, False, False]


def test_a_row_without_entity_never_sees_another_entitys_months() -> None:
    # Found by Hypothesis: an entity-less October row two months before every other row
    # must report both earlier months missing, not borrow a key of another entity.
    records = [_officer("E-2", "2026-01", "40"), _officer(None, "2025-10", "40")]
    columns = _columns(records, floats=False)
    batch = apply_history_batch(OFFICER, OFFICER.score_batch(columns), columns)
    assert [n.en for n in batch.notes(1)] == [
        "history for 2025-08, 2025-09 missing: the dismissal rule could not be checked"
    ]
    assert_history_equal(OFFICER, records, None, floats=False)


def test_earlier_months_come_from_history_across_a_year_end() -> None:
    # November and December 2025 at discipline 40 in the history, January 2026 in the input.
    past = [_officer("LO-1", "2025-11", "40"), _officer("LO-1", "2025-12", "40")]
    history = History(HistoryEntry.from_result(OFFICER.score(r)) for r in past)
    records = [_officer("LO-1", "2026-01", "40")]
    columns = _columns(records, floats=False)
    batch = apply_history_batch(OFFICER, OFFICER.score_batch(columns), columns, history)
    assert batch.result.outcomes["dismissal"].tolist() == [True]
    assert period_index(Period(2026, 1)) - period_index(Period(2025, 11)) == 2


def test_the_same_entity_and_month_twice_is_reported_like_the_pipeline() -> None:
    records = [_officer("LO-1", "2026-06", "60"), _officer("LO-1", "2026-06", "70")]
    columns = _columns(records, floats=False)
    with pytest.raises(InvalidInputError) as batch_error:
        apply_history_batch(OFFICER, OFFICER.score_batch(columns), columns)
    with pytest.raises(InvalidInputError) as exact_error:
        score_records(OFFICER, records)
    assert [str(p) for p in batch_error.value.problems] == [
        str(p) for p in exact_error.value.problems
    ]
    assert "also row 1" in str(batch_error.value)


def test_a_month_both_in_the_input_and_the_history_is_an_error() -> None:
    history = History([HistoryEntry.from_result(OFFICER.score(_officer("LO-1", "2026-06", "60")))])
    columns = _columns([_officer("LO-1", "2026-06", "60")], floats=False)
    with pytest.raises(HistoryError, match="LO-1 2026-06 is both in the input and in the history"):
        apply_history_batch(OFFICER, OFFICER.score_batch(columns), columns, history)


def test_a_scheme_without_history_rules_is_left_as_it_is() -> None:
    scheme = attrs.evolve(SAMPLE, history_rules=())
    record = sample_record()
    columns = _columns([record], floats=False)
    plain = scheme.score_batch(columns)
    batch = apply_history_batch(scheme, plain, columns)
    assert batch.result is plain
    assert batch.notes(0) == []
