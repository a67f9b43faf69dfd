"""What the expressions of a scheme read on the batch path, one chunk of rows at a time.

On the sample scheme of ``tests/conftest.py``: the veto ``loss_rate > 0.01``
reads an input, ``bonus_paid_in`` (the month after the period) reads the
period, ``pay`` (salary × pay factor) an optional input and the band.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import Input, Outcome, OutcomeRef, Text, Where
from assesskit.expressions import BatchValue, Expr
from assesskit.expressions.env import BatchEnv, ExactEnv, ExactValue
from assesskit.scoring._batch_env import UNDECIDED, ChunkDecimals, ChunkEnv, Decided
from assesskit.scoring.batch import text_codes

SAMPLE = build_sample_scheme()


def columns(rows: int = 3, **given: Any) -> dict[str, Any]:
    out: dict[str, Any] = {k: [v] * rows for k, v in sample_record().items()}
    out["entity_id"] = [f"E-{i}" for i in range(rows)]
    out.update(given)
    return out


def test_without_a_period_column_no_row_has_a_period() -> None:
    given = columns()
    del given["period"]
    batch = SAMPLE.score_batch(given)
    assert batch.outcomes["bonus_paid_in"].tolist() == [None, None, None]
    assert batch.total.tolist() == [74.0, 74.0, 74.0]


def test_float_inputs_at_the_veto_edge_are_read_as_their_decimals() -> None:
    # 0.01 is not above 1 %, 0.0101 is: decided on the decimals, no row re-scored
    batch = SAMPLE.score_batch(columns(loss_rate=np.array([0.01, 0.0101, 0.0099])))
    assert batch.vetoed.tolist() == [False, True, False]
    assert batch.exact_rows == 0
    assert batch.total.tolist() == [74.0, 0.0, 74.0]


def test_an_optional_input_without_values_and_the_band() -> None:
    # pay = salary × pay factor (0.8 in the band "reduced"); no salary, no pay
    batch = SAMPLE.score_batch(columns(salary=[5000, None, 4000.5]))
    assert batch.band.tolist() == ["reduced"] * 3
    pay = batch.outcomes["pay"].tolist()
    assert pay[0] == 4000.0
    assert np.isnan(pay[1])
    assert pay[2] == 3200.4


def with_a_copy_of_paid_in() -> Any:
    """The sample scheme with ``paid_in_again``, an outcome that reads ``bonus_paid_in``.

    An outcome another outcome reads is computed as a column (not kept as codes),
    so ``bonus_paid_in`` reads each row's period from the chunk.
    """
    copy = Outcome(
        "paid_in_again", Text("paid in, again", "再"), OutcomeRef("bonus_paid_in"), kind="text"
    )
    return build_sample_scheme(outcomes=[*SAMPLE.outcomes, copy])


def test_an_outcome_read_by_another_reads_the_period_of_each_row() -> None:
    scheme = with_a_copy_of_paid_in()
    given = columns(period=["2026-08", "2026-12", None])
    batch = scheme.score_batch(given)
    assert batch.outcomes["bonus_paid_in"].tolist() == ["2026-09", "2027-01", None]
    assert batch.outcomes["paid_in_again"].tolist() == ["2026-09", "2027-01", None]
    assert text_codes(batch, "bonus_paid_in") is None
    del given["period"]
    without = scheme.score_batch(given)
    assert without.outcomes["bonus_paid_in"].tolist() == [None, None, None]
    assert without.outcomes["paid_in_again"].tolist() == [None, None, None]


def test_chunk_decimals_are_a_mapping_of_the_chunks_columns() -> None:
    income = BatchValue(np.array([80000.5, 1.25]), faithful=True)
    decimals = ChunkDecimals({"income": income, "breach": BatchValue(np.array([0, 1]))}, {}, {})
    assert (list(decimals), len(decimals)) == (["income", "breach"], 2)
    scaled = decimals["income"]
    assert scaled is not None
    assert scaled.places == 2  # 80000.50 and 1.25 in hundredths
    assert decimals["breach"] is None  # not floats
    assert decimals["rating_a"] is None  # not a column of the chunk


def test_chunk_decimals_try_the_places_of_the_previous_chunk_first() -> None:
    # 1.25 fits 2 places, and 4: tried first when the previous chunk had 4
    rates = BatchValue(np.array([1.25, 0.5]), faithful=True)
    hints: dict[str, int] = {"rate": 4}
    scaled = ChunkDecimals({"rate": rates}, hints, {})["rate"]
    assert scaled is not None
    assert (scaled.places, scaled.units.tolist()) == (4, [12500.0, 5000.0])
    fresh: dict[str, int] = {}
    first = ChunkDecimals({"rate": rates}, fresh, {})["rate"]
    assert first is not None
    assert (first.places, first.units.tolist()) == (2, [125.0, 50.0])
    assert fresh == {"rate": 2}  # for the next chunk


@attrs.frozen(eq=False)
class Dated(Expr):
    """Whether the record has a period: a node of one's own that reads the period's gaps."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.period() is not None

    def batch(self, env: BatchEnv) -> BatchValue:
        return BatchValue(~env.period().missing)

    def words(self) -> str:
        return "the record has a period"


def test_without_a_period_column_every_period_is_missing() -> None:
    dated = Outcome("dated", Text("dated"), Where(Dated(), "dated", "undated"), kind="text")
    scheme = build_sample_scheme(outcomes=[*SAMPLE.outcomes, dated])
    given = columns(period=["2026-08", None, "2026-09"])
    assert scheme.score_batch(given).outcomes["dated"].tolist() == ["dated", "undated", "dated"]
    del given["period"]
    assert scheme.score_batch(given).outcomes["dated"].tolist() == ["undated"] * 3
    record = sample_record()
    del record["period"]
    assert scheme.score(record).outcome["dated"] == "undated"


def test_a_column_read_twice_is_read_as_decimals_once() -> None:
    salary = BatchValue(np.array([0.01, 4000.5]), faithful=True)
    decimals = ChunkDecimals({"salary": salary}, {}, {})
    first = decimals["salary"]
    assert first is not None
    assert decimals["salary"] is first


def test_two_outcomes_reading_one_input_both_read_its_decimals() -> None:
    # pay reads the salary, half_salary reads it again: 0.01 × 0.5 = 0.005 is a tie,
    # rounded half up to 0.01 on the decimals, with no row re-scored
    half = Outcome(
        "half_salary", Text("half salary"), Input("salary") * Decimal("0.5"), kind="money"
    )
    scheme = build_sample_scheme(outcomes=[*SAMPLE.outcomes, half])
    batch = scheme.score_batch(columns(rows=2, salary=[0.01, 4000.5]))
    assert batch.outcomes["pay"].tolist() == [0.01, 3200.4]  # 0.8 in the band "reduced"
    assert batch.outcomes["half_salary"].tolist() == [0.01, 2000.25]
    assert batch.exact_rows == 0


def test_a_chunk_knows_its_statuses_and_periods_as_faithful_columns() -> None:
    statuses = {"a": np.array(["met", None], dtype=object), "b": np.array([None, None])}
    env = ChunkEnv(2, {}, {}, None, {}, statuses)
    assert env.component_ids() == ["a", "b"]
    status = env.component_status("a")
    assert (status.data.tolist(), status.faithful) == (["met", None], True)
    period = env.period()
    assert (period.data.tolist(), period.missing.tolist(), period.faithful) == (
        [None, None],
        [True, True],
        True,
    )


def test_a_chunk_has_no_total_band_or_vetoes_until_they_are_decided() -> None:
    env = ChunkEnv(1, {}, {}, None, {}, {})
    for read in (env.total, env.band, env.vetoed, env.scaled_total):
        with pytest.raises(RuntimeError, match=f"^{UNDECIDED}$"):
            read()
    total = BatchValue(np.array([74.0]), faithful=True)
    decided = Decided(total, None, BatchValue(np.array(["reduced"], dtype=object)), total)
    env.decide(decided)
    assert (env.total(), env.scaled_total(), env.band(), env.vetoed()) == (
        decided.total,
        None,
        decided.band,
        decided.vetoed,
    )
