"""A staged result's explanation says which stage it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assesskit import Scheme
from assesskit.pipeline import score_records

Record = Callable[..., dict[str, Any]]


def test_explanation_names_the_stage(staged_scheme: Scheme, make_record: Record) -> None:
    records = [
        make_record(),
        make_record(stage="prefecture", assessed_on="2025-02-25", quality_rating=80),
    ]
    first, second = score_records(staged_scheme, records).results
    assert first.explain().splitlines()[0] == "C1 2024 self_check"
    assert second.explain("zh").splitlines()[0] == "C1 2024 prefecture"
