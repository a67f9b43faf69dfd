"""Text outcomes of a batch: kept as codes into a table of texts until read.

On the sample scheme of ``tests/conftest.py``: ``bonus_status`` is
``withheld`` when the record is vetoed (loss rate above 1 %) and ``payable``
otherwise; ``bonus_paid_in`` is the month after the record's period.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit.results import BatchResult
from assesskit.scoring.batch import text_codes

SAMPLE = build_sample_scheme()


def batch(*records: dict[str, Any]) -> BatchResult:
    names = list(sample_record())
    return SAMPLE.score_batch({n: [r.get(n) for r in records] for n in names})


def three() -> BatchResult:
    # E-2 is vetoed (loss rate 2 %); E-3 is assessed in December 2026
    return batch(
        sample_record(),
        sample_record(entity_id="E-2", loss_rate="0.02"),
        sample_record(entity_id="E-3", period="2026-12"),
    )


def test_the_outcomes_in_the_schemes_order() -> None:
    outcomes = three().outcomes
    order = ["pay_factor", "pay", "bonus", "bonus_status", "bonus_paid_in"]
    assert list(outcomes) == order
    assert len(outcomes) == 5
    assert repr(outcomes) == "<outcomes pay_factor, pay, bonus, bonus_status, bonus_paid_in>"


def test_texts_read_as_an_object_column() -> None:
    outcomes = three().outcomes
    status = outcomes["bonus_status"]
    assert status.dtype == object
    assert status.tolist() == ["payable", "withheld", "payable"]
    assert outcomes["bonus_paid_in"].tolist() == ["2026-09", "2026-09", "2027-01"]
    # read twice: the same column
    assert outcomes["bonus_status"] is status


def test_codes_of_a_text_outcome_until_it_is_read() -> None:
    result = three()
    coded = text_codes(result, "bonus_status")
    assert coded is not None
    codes, table = coded
    assert [table[c] for c in codes.tolist()] == ["payable", "withheld", "payable"]
    assert sorted(table) == ["payable", "withheld"]
    months = text_codes(result, "bonus_paid_in")
    assert months is not None
    assert [months[1][c] for c in months[0].tolist()] == ["2026-09", "2026-09", "2027-01"]
    # once read, the column is kept as texts and the codes are gone
    result.outcomes["bonus_status"]
    assert text_codes(result, "bonus_status") is None
    # a number outcome has no codes
    assert text_codes(result, "pay") is None


def test_an_unknown_outcome_is_a_key_error() -> None:
    outcomes = three().outcomes
    with pytest.raises(KeyError):
        outcomes["dismissal"]
    assert "dismissal" not in outcomes
    assert outcomes.get("dismissal") is None


def test_the_rarer_text_in_its_rows_only() -> None:
    # one withheld among five payable, and the other way round
    rows = [sample_record(entity_id=f"E-{i}") for i in range(6)]
    one_vetoed = batch(*rows[:5], sample_record(entity_id="E-9", loss_rate="0.02"))
    assert one_vetoed.outcomes["bonus_status"].tolist() == ["payable"] * 5 + ["withheld"]
    vetoed = [sample_record(entity_id=f"E-{i}", loss_rate="0.02") for i in range(5)]
    one_payable = batch(sample_record(entity_id="E-9"), *vetoed)
    assert one_payable.outcomes["bonus_status"].tolist() == ["payable"] + ["withheld"] * 5
    every = batch(*vetoed).outcomes["bonus_status"]
    assert every.tolist() == ["withheld"] * 5


def test_an_empty_batch_has_empty_text_columns() -> None:
    outcomes = batch().outcomes
    status = outcomes["bonus_status"]
    assert (status.dtype, len(status)) == (np.dtype(object), 0)
    assert outcomes["bonus_paid_in"].tolist() == []


def test_outcomes_given_as_plain_columns_have_no_codes() -> None:
    # a BatchResult built from columns of texts (as a reader of stored results does)
    result = three()
    plain = BatchResult(
        result.size,
        result.total,
        result.band_index,
        result.band_ids,
        result.vetoed,
        result.veto_fired,
        result.components,
        {"bonus_status": np.array(["payable", "withheld", "payable"], dtype=object)},
    )
    assert text_codes(plain, "bonus_status") is None
    assert plain.outcomes["bonus_status"].tolist() == ["payable", "withheld", "payable"]
