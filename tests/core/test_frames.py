"""score_frame: a DataFrame in, the results as a DataFrame out, equal to score_records.

On the sample scheme of ``tests/conftest.py`` (every rule kind, a veto,
bands, money outcomes and the ``dismissal`` history rule: three months in a
row with the total or discipline at 60 or below). The bundled examples of
the shipped plugins are compared with the CSV output in
``tests/with_plugins/test_frames.py``; the property that ``score_frame``
equals ``score_records`` on drawn months of records is in
``test_batch_property.py``, with the other property profiles.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import InputTypeError, InvalidInputError, score_frame
from assesskit.errors import HistoryError
from assesskit.pipeline import Run, score_records

pd = pytest.importorskip("pandas")

SAMPLE = build_sample_scheme()
#: E-1's months: discipline 55 in July, August and September (dismissal in September).
LOW = [sample_record(period=f"2026-{m:02d}", discipline_score=55) for m in (7, 8, 9)]
OUTPUT = [
    "entity_id",
    "period",
    "total",
    "band",
    "vetoed",
    *(c.id for c in SAMPLE.components),
    *(o.id for o in SAMPLE.outcomes),
    "dismissal",
    "dismissal_trigger",
    "notes",
]


def test_the_columns_are_the_csv_columns_and_the_values_the_exact_ones() -> None:
    out = score_frame(SAMPLE, pd.DataFrame([sample_record()]))
    assert list(out.columns) == OUTPUT
    row = out.iloc[0]
    # 16 + 5 + 9 + 6 + 6 + 8 + 5 + 9 + 10 = 74.00: band reduced, pay 5000 × 0.8 = 4000.00
    assert (row.entity_id, row.period, row.total, row.band) == ("E-1", "2026-08", 74.0, "reduced")
    assert (row.pay, row.bonus_status, row.bonus_paid_in) == (4000.0, "payable", "2026-09")
    assert not row.vetoed
    assert not row.dismissal
    assert row.dismissal_trigger == []


def test_dismissal_from_earlier_months_in_the_frame_or_in_the_history() -> None:
    whole = score_frame(SAMPLE, pd.DataFrame(LOW))
    assert whole.dismissal.tolist() == [False, False, True]
    assert whole.dismissal_trigger.tolist() == [[], [], ["discipline"]]
    # July alone cannot know June and May: a note says so
    assert whole.notes[0] == (
        "history for 2026-05, 2026-06 missing: the dismissal rule could not be checked"
    )
    september = pd.DataFrame(LOW[2:])
    alone = score_frame(SAMPLE, september)
    assert not alone.dismissal[0]
    assert "history for 2026-07, 2026-08 missing" in alone.notes[0]
    earlier = score_records(SAMPLE, LOW[:2])
    given = score_frame(SAMPLE, september, history=earlier)
    assert given.dismissal[0]
    assert pd.isna(given.notes[0])
    with pytest.raises(HistoryError, match="E-1 2026-09 is both in the input and in the history"):
        score_frame(SAMPLE, september, history=score_records(SAMPLE, LOW[2:]))


def test_bad_records_name_record_field_value_and_rule_all_at_once() -> None:
    rows = [
        sample_record(),
        sample_record(entity_id="E-2", discipline_score=130, income="abc"),
        sample_record(),  # E-1 2026-08 again
    ]
    with pytest.raises(InvalidInputError) as caught:
        score_frame(SAMPLE, pd.DataFrame(rows))
    assert str(caught.value).splitlines() == [
        "3 problem(s) in 2 record(s):",
        "  - record E-2 (row 2): field 'income' = 'abc': must be an amount of money in yuan",
        "  - record E-2 (row 2): field 'discipline_score' = 130: must be within [0, 100]",
        "  - record E-1 (row 3): field 'period' = '2026-08': E-1 2026-08 appears twice "
        "(also row 1); give each entity and period once",
    ]
    # the same records, the same words as score_records
    with pytest.raises(InvalidInputError) as exact:
        score_records(SAMPLE, rows)
    assert str(exact.value) == str(caught.value)


def test_columns_not_of_the_scheme_are_kept_after_the_period_as_in_the_csv() -> None:
    frame = pd.DataFrame([sample_record()])
    frame.insert(1, "name", ["王芳"])
    frame["total"] = [12]  # an output column's name: kept as input.total
    out = score_frame(SAMPLE, frame)
    assert list(out.columns[:5]) == ["entity_id", "period", "name", "input.total", "total"]
    assert (out.name[0], out["input.total"][0], out.total[0]) == ("王芳", 12, 74.0)


def test_an_empty_frame_gives_an_empty_frame_with_every_column() -> None:
    empty = pd.DataFrame({"entity_id": [], "period": [], "name": []}, dtype=object)
    out = score_frame(SAMPLE, empty)
    assert len(out) == 0
    assert list(out.columns) == ["entity_id", "period", "name", *OUTPUT[2:]]
    assert str(out.dtypes["total"]) == "float64"
    assert str(out.dtypes["dismissal"]) == "boolean"


def test_a_date_on_the_first_of_a_month_is_that_month_and_comes_back_as_text() -> None:
    frame = pd.DataFrame([sample_record()])
    frame["period"] = pd.to_datetime(["2026-08-01"])
    out = score_frame(SAMPLE, frame)
    assert out.period.tolist() == ["2026-08"]
    assert str(out.dtypes["period"]) == "string"
    wrong = pd.DataFrame([sample_record(period=dt.date(2026, 8, 2))])
    with pytest.raises(InvalidInputError, match="field 'period'"):
        score_frame(SAMPLE, wrong)


def test_what_is_no_dataframe_is_refused() -> None:
    with pytest.raises(InputTypeError, match="pandas or polars DataFrame, not a list"):
        score_frame(SAMPLE, [sample_record()])
    with pytest.raises(InputTypeError, match="history must be"):
        score_frame(SAMPLE, pd.DataFrame([sample_record()]), history=5)


def test_polars_in_polars_out_with_the_same_values() -> None:
    pl = pytest.importorskip("polars")
    rows = [{**r, "name": "王芳"} for r in LOW]
    frame = pl.DataFrame([{k: None if v is None else str(v) for k, v in r.items()} for r in rows])
    out = score_frame(SAMPLE, frame)
    assert isinstance(out, pl.DataFrame)
    assert out.columns == ["entity_id", "period", "name", *OUTPUT[2:]]
    assert out["dismissal"].to_list() == [False, False, True]
    assert out["dismissal_trigger"].to_list() == [[], [], ["discipline"]]
    assert str(out.schema["total"]) == "Float64"
    assert str(out.schema["period"]) == "String"
    same = score_frame(SAMPLE, pd.DataFrame(rows))
    assert out.to_dict(as_series=False) == {
        name: [None if v is pd.NA else v for v in same[name].tolist()] for name in same.columns
    }


def test_batch_result_and_run_to_frame() -> None:
    frame = pd.DataFrame([sample_record(), sample_record(entity_id="E-2")])
    batch = SAMPLE.score_batch(frame).to_frame()
    assert list(batch.columns) == OUTPUT[2:-3]  # total to the last outcome: no history here
    assert batch.total.tolist() == [74.0, 74.0]
    run = score_records(SAMPLE, frame.to_dict("records"))
    pd.testing.assert_frame_equal(run.to_frame(), score_frame(SAMPLE, frame))
    with pytest.raises(ValueError, match="needs the scheme"):
        Run(run.results, []).to_frame()
