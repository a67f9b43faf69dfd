"""A scheme prepared for the batch path, once per batch: weights, band cuts, text tables."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import FloatArray, StepLookup
from assesskit.scoring._batch_texts import text_table

if TYPE_CHECKING:
    from assesskit.bands import BandTable
    from assesskit.definition import SchemeDefinition
    from assesskit.scoring._batch_periods import BatchPeriods

__all__ = ["BandCuts", "BatchPlan"]


@attrs.frozen
class BatchPlan:
    """A scheme prepared for the batch path: weights, parameters, band cuts, text tables."""

    scheme: SchemeDefinition
    params: Mapping[str, Any]
    weights: Mapping[str, Fraction]
    weight_den: int
    bands: BandCuts | None
    # text outcomes kept as codes: their tables of texts
    text_tables: Mapping[str, tuple[str | None, ...]]

    @classmethod
    def of(
        cls, scheme: SchemeDefinition, params: Mapping[str, Any], periods: BatchPeriods | None
    ) -> BatchPlan:
        """*scheme* prepared once for a batch whose rows have *periods*."""
        weights = scheme.effective_weights()
        weight_den = lcm(*(w.denominator for w in weights.values()), 1)
        bands = None if scheme.bands is None else BandCuts.of(scheme.bands)
        read = {name for spec in scheme.outcomes for name in spec.expr.outcomes()}
        text_tables = {}
        for spec in scheme.outcomes:
            table = text_table(spec.expr, periods) if spec.kind == "text" else None
            if table is not None and spec.id not in read:
                text_tables[spec.id] = table
        return cls(
            scheme,
            params,
            weights,
            weight_den,
            bands,
            text_tables,
        )


@attrs.frozen
class BandCuts:
    """The band table as a step lookup on totals in whole hundredths."""

    lookup: StepLookup

    @classmethod
    def of(cls, table: BandTable) -> BandCuts:
        ends = sorted(
            {
                e * 100
                for band in table.bands
                for e in (band.interval.lower, band.interval.upper)
                if e is not None
            }
        )
        probes: list[Fraction] = []
        for position, end in enumerate(ends):
            below = end - 1 if position == 0 else (ends[position - 1] + end) / 2
            probes += [below, end]
        probes.append(ends[-1] + 1 if ends else Fraction(0))
        index: list[float] = []
        for probe in probes:
            band = table.classify(probe / 100)
            index.append(-1.0 if band is None else float(table.bands.index(band)))
        # An end between two whole hundredths n < e < n + 1 becomes n + 0.5 (no total equals it).
        cuts = [float(e) if e.denominator == 1 else float(e.numerator // e.denominator) + 0.5
                for e in ends]  # fmt: skip
        return cls(StepLookup.of(cuts, index))

    def classify(self, hundredths: FloatArray) -> npt.NDArray[np.int64]:
        """Band index of every total, given in whole hundredths (-1 for none)."""
        out: npt.NDArray[np.int64] = self.lookup(hundredths).astype(np.int64)
        return out
