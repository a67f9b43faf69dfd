"""Review stages on a partition: timing flags, required stages and stage comparisons.

Stages relate the records of one entity and period, so the engine first
brings an entity's records into one partition. The rules themselves are the
core's (:func:`assesskit.stages.apply_stages`), applied to light results
holding what they read (entity, period, published total): one meaning for
both engines. Schemes with stages score few records (counties, prefectures),
so a Python step per record costs little here.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit.errors import Problem
from assesskit.results import BatchResult, Result
from assesskit.stages import DATE_FIELD, STAGE_FIELD, StageReading, apply_stages, read_stage

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["StageColumns", "read_stages", "stage_columns"]


def read_stages(
    scheme: Scheme, columns: Mapping[str, Any], size: int
) -> tuple[list[StageReading], list[tuple[int, Problem]]]:
    """Each row's stage and date (``read_stage``), and the problems found, by row."""
    stages = columns.get(STAGE_FIELD)
    dates = columns.get(DATE_FIELD)
    readings: list[StageReading] = []
    problems: list[tuple[int, Problem]] = []
    for row in range(size):
        record = {
            STAGE_FIELD: None if stages is None else stages[row],
            DATE_FIELD: None if dates is None else dates[row],
        }
        reading = read_stage(scheme, record)
        readings.append(reading)
        problems += [(row, p) for p in reading.problems]
    return readings, problems


@attrs.frozen
class StageColumns:
    """Stage fields and stage outcomes of every row of a partition."""

    fields: Mapping[str, npt.NDArray[Any]]
    outcomes: Mapping[str, npt.NDArray[Any]]


def stage_columns(
    scheme: Scheme,
    result: BatchResult,
    entities: npt.NDArray[np.object_],
    periods: npt.NDArray[np.object_],
    readings: list[StageReading],
) -> StageColumns:
    """Apply the scheme's stages to a scored partition (every record of an entity in it)."""
    size = result.size
    light = [
        Result(
            scheme.id,
            scheme.version,
            entities[row],
            periods[row],
            scheme.period_field,
            _total(result.total[row]),
            None,
            None,
            bool(result.vetoed[row]),
            (),
            {},
            {},
            (),
            {},
        )
        for row in range(size)
    ]
    staged = apply_stages(scheme, light, readings)
    names = [STAGE_FIELD, DATE_FIELD, "late", "early"]
    fields = {name: np.empty(size, dtype=object) for name in names}
    keys = [s.missing_outcome for s in scheme.stages if s.missing_outcome is not None]
    for comparison in scheme.stage_comparisons:
        keys += comparison.outcome_names()
    outcomes = {key: np.empty(size, dtype=object) for key in keys}
    for row, item in enumerate(staged):
        for name in names:
            value = item.fields.get(name)
            fields[name][row] = (
                None if value is None else (value if isinstance(value, bool | str) else str(value))
            )
        for key in keys:
            value = item.outcome.get(key)
            outcomes[key][row] = float(value) if isinstance(value, Decimal) else value
    return StageColumns(fields, outcomes)


def _total(value: float) -> Decimal | None:
    return None if value != value else Decimal(repr(float(value)))
