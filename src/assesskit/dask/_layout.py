"""The columns of scored results on the Dask engine, and their dtypes.

One row per input record: ``entity_id``, the period field (text:
``2026-08``, or ``2026`` for an annual scheme), the stage fields when the
scheme has stages (``stage``, ``assessed_on``, ``late``, ``early``), the
input columns kept beside the results (``name``…, as text; ``input.NAME``
where a result column has that name, as the command line names them), then
``total``, ``band`` and ``vetoed``, one column per component (its published
points), one per outcome (the scheme's outcomes, its history rules, then
what stages publish), one ``<rule>_history_missing`` per history rule, and,
for roll-ups, the parent fields and weights they read.

Money, points and totals are float64: the float nearest the exact 2-decimal
value (``repr`` shows it exactly; ``Decimal(repr(x))`` gives the fen back),
the same numbers :class:`~assesskit.results.BatchResult` holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs
import numpy as np
import pandas as pd

from assesskit.io.layout import kept_headers
from assesskit.stages import DATE_FIELD, STAGE_FIELD

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["ENTITY_FIELD", "TEXT", "Layout", "OutputColumn", "history_missing_column"]

#: The input and output field naming whom a record assesses.
ENTITY_FIELD = "entity_id"
#: Text columns: pandas' Arrow-backed strings, missing as ``<NA>``.
TEXT = pd.StringDtype("pyarrow")

#: Where a column's values come from.
Source = Literal[
    "entity", "period", "stage", "total", "band", "vetoed", "component", "outcome",
    "history", "triggers", "history_missing", "stage_outcome", "rollup_input", "kept",
]  # fmt: skip


def history_missing_column(rule_id: str) -> str:
    """The column listing the earlier periods a history rule missed (``2026-06;2026-07``)."""
    return f"{rule_id}_history_missing"


@attrs.frozen
class OutputColumn:
    """One output column: its name, what it holds, its key in the result and its dtype."""

    name: str
    source: Source
    key: str
    dtype: object
    kind: str = ""


@attrs.frozen
class Layout:
    """Every output column of a scheme, in order."""

    columns: tuple[OutputColumn, ...]

    @classmethod
    def of(
        cls,
        scheme: Scheme,
        *,
        rollups: bool = True,
        history: bool = True,
        kept: Sequence[str] = (),
    ) -> Layout:
        """The columns of *scheme*'s results.

        With *rollups*, also the fields roll-ups read; without *history*, no
        columns of history rules (they are not checked then); *kept* input
        columns (:func:`assesskit.run.kept.kept_columns`) go after the
        identity and stage fields, as text.
        """
        cols: list[OutputColumn] = [
            OutputColumn(ENTITY_FIELD, "entity", ENTITY_FIELD, TEXT),
            OutputColumn(scheme.period_field, "period", scheme.period_field, TEXT),
        ]
        if scheme.stages:
            cols += [
                OutputColumn(STAGE_FIELD, "stage", STAGE_FIELD, TEXT),
                OutputColumn(DATE_FIELD, "stage", DATE_FIELD, TEXT),
                OutputColumn("late", "stage", "late", "boolean"),
                OutputColumn("early", "stage", "early", "boolean"),
            ]
        cols += [
            OutputColumn("total", "total", "total", np.dtype("float64")),
            OutputColumn("band", "band", "band", TEXT),
            OutputColumn("vetoed", "vetoed", "vetoed", np.dtype("bool")),
        ]
        outcomes: list[tuple[str, Source, object, str]] = []
        for spec in scheme.outcomes:
            outcomes.append((spec.id, "outcome", _outcome_dtype(spec.kind), spec.kind))
        rules = scheme.history_rules if history else ()
        for rule in rules:
            outcomes.append((rule.id, "history", np.dtype("bool"), "flag"))
            if rule.triggers_outcome:
                outcomes.append((rule.triggers_outcome, "triggers", np.dtype("O"), "list"))
        for stage in scheme.stages:
            if stage.missing_outcome is not None:
                outcomes.append((stage.missing_outcome, "stage_outcome", "boolean", "flag"))
        for comparison in scheme.stage_comparisons:
            # a gap between two published totals has 2 decimals, like the totals
            outcomes.append((comparison.gap, "stage_outcome", np.dtype("float64"), "points"))
            if comparison.flag is not None:
                outcomes.append((comparison.flag, "stage_outcome", "boolean", "flag"))
        component_ids = {c.id for c in scheme.components}
        clash = component_ids & {key for key, *_ in outcomes}
        cols += [
            OutputColumn(
                f"points.{c.id}" if c.id in clash else c.id,
                "component",
                c.id,
                np.dtype("float64"),
                "points",
            )
            for c in scheme.components
        ]
        cols += [
            OutputColumn(f"outcome.{key}" if key in clash else key, source, key, dtype, kind)
            for key, source, dtype, kind in outcomes
        ]
        cols += [
            OutputColumn(history_missing_column(rule.id), "history_missing", rule.id, TEXT)
            for rule in rules
        ]
        if rollups:
            taken = {c.name for c in cols}
            for rollup in scheme.rollups:
                for name, dtype in ((rollup.parent_field, TEXT), (rollup.weight, "float64")):
                    if name is not None and name not in taken:
                        taken.add(name)
                        cols.append(
                            OutputColumn(
                                name,
                                "rollup_input",
                                name,
                                np.dtype(dtype) if dtype == "float64" else dtype,
                            )
                        )
        if kept:
            at = 6 if scheme.stages else 2
            names = kept_headers(kept, [c.name for c in cols])
            cols[at:at] = [
                OutputColumn(name, "kept", key, TEXT) for name, key in zip(names, kept, strict=True)
            ]
        return cls(tuple(cols))

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]

    def dtypes(self) -> Mapping[str, object]:
        """Column name → dtype."""
        return {c.name: c.dtype for c in self.columns}

    def meta(self) -> pd.DataFrame:
        """An empty frame with every column and dtype (Dask's ``meta``)."""
        return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in self.columns})


def _outcome_dtype(kind: str) -> object:
    if kind in ("money", "number"):
        return np.dtype("float64")
    if kind == "flag":
        return np.dtype("bool")
    if kind == "list":
        return np.dtype("O")
    return TEXT
