"""What the expressions of a scheme read on the batch path, one chunk of rows at a time.

On the sample scheme of ``tests/conftest.py``: the veto ``loss_rate > 0.01``
reads an input, ``bonus_paid_in`` (the month after the period) reads the
period, ``pay`` (salary × pay factor) an optional input and the band.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tests.conftest import build_sample_scheme, sample_record

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
