"""Roll-ups on the Dask engine: Dask's groupby over published totals, finished exactly.

Each partition turns its results into exact integer terms per member
(``1`` member, ``1`` if it has a total, the total in hundredths, the weight
in units of its last decimal, weight × total, ``1`` in its band's column);
Dask's groupby sums them per parent unit and period, and each unit's total
is then combined by the one roll-up rule
(:meth:`assesskit.hierarchy.RollupSums.combine`: a weighted mean falls back
to the plain mean when every weight is 0) and rounded half-up. Sums are int64; a roll-up whose sums
could leave the exact integer range is refused, not rounded.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import dask.dataframe as dd
import numpy as np
import pandas as pd

from assesskit._exact import round_half_up
from assesskit.dask._api import map_partitions
from assesskit.dask._layout import TEXT
from assesskit.hierarchy import Rollup, RollupSums
from assesskit.metrics import MetricKind
from assesskit.stages import STAGE_FIELD

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["UNIT_FIELD", "rollup_frame", "rollup_terms"]

#: The column naming the parent unit in roll-up output.
UNIT_FIELD = "unit_id"
#: Sums past this bound could be inexact in int64 (and in float64 for the check).
_EXACT_BOUND = 2.0**62


def _weight_places(scheme: Scheme, rollup: Rollup) -> int:
    if rollup.weight is None:
        return 0
    metric = scheme.metric_map.get(rollup.weight)
    if metric is None or metric.kind in (MetricKind.COUNT, MetricKind.YEAR):
        return 0
    return 6 if metric.max_decimals is None else metric.max_decimals


def _band_column(band_id: str) -> str:
    return f"band_counts.{band_id}"


def _terms_meta(scheme: Scheme, rollup: Rollup) -> pd.DataFrame:
    columns: dict[str, Any] = {
        UNIT_FIELD: pd.Series([], dtype=TEXT),
        scheme.period_field: pd.Series([], dtype=TEXT),
    }
    for name in ("members", "scored", "total_units", "weight_units", "weighted_units"):
        columns[name] = pd.Series([], dtype="int64")
    columns["weighted_float"] = pd.Series([], dtype="float64")
    for band_id in scheme.bands.ids() if scheme.bands else ():
        columns[_band_column(band_id)] = pd.Series([], dtype="int64")
    return pd.DataFrame(columns)


def rollup_terms(scheme: Scheme, rollup: Rollup, results: pd.DataFrame) -> pd.DataFrame:
    """The exact integer terms of each member of *rollup* in one partition of results."""
    parent = results[rollup.parent_field]
    keep = np.array(parent.notna(), dtype=bool)
    if rollup.stage is not None:
        keep &= np.array((results[STAGE_FIELD] == rollup.stage).fillna(False), dtype=bool)
    members = results[keep]
    total = members["total"].to_numpy(dtype=np.float64)
    scored = ~np.isnan(total)
    total_units = np.where(scored, np.rint(np.nan_to_num(total) * 100.0), 0.0).astype(np.int64)
    places = _weight_places(scheme, rollup)
    if rollup.weight is not None:
        raw = members[rollup.weight].to_numpy(dtype=np.float64)
        weight = np.where(np.isnan(raw) | ~scored, 0.0, raw)
        scaled = np.rint(weight * 10.0**places)
        if not np.array_equal(scaled / 10.0**places, weight):
            raise ValueError(
                f"roll-up {rollup.level}: weight {rollup.weight} has more than {places} "
                "decimals; the Dask engine rolls up exact weights only"
            )
        weight_units = scaled.astype(np.int64)
    else:
        weight_units = np.zeros(len(members), dtype=np.int64)
    weighted_float = weight_units.astype(np.float64) * total_units.astype(np.float64)
    terms: dict[str, Any] = {
        UNIT_FIELD: members[rollup.parent_field].astype(TEXT).to_numpy(),
        scheme.period_field: members[scheme.period_field].astype(TEXT).to_numpy(),
        "members": np.ones(len(members), dtype=np.int64),
        "scored": scored.astype(np.int64),
        "total_units": total_units,
        "weight_units": weight_units,
        "weighted_units": weight_units * total_units,
        "weighted_float": np.abs(weighted_float),
    }
    band = members["band"]
    for band_id in scheme.bands.ids() if scheme.bands else ():
        terms[_band_column(band_id)] = (band == band_id).fillna(False).to_numpy(dtype=np.int64)
    return pd.DataFrame(terms).astype(_terms_meta(scheme, rollup).dtypes.to_dict())


def _finish(scheme: Scheme, rollup: Rollup, sums: pd.DataFrame) -> pd.DataFrame:
    """Each unit's total from its exact sums, rounded half-up; band and counts per band."""
    field = scheme.period_field
    rows: list[dict[str, Any]] = []
    band_ids = list(scheme.bands.ids()) if scheme.bands else []
    for key, row in sums.iterrows():
        unit, period = key
        if row["weighted_float"] >= _EXACT_BOUND or abs(row["total_units"]) >= _EXACT_BOUND:
            raise OverflowError(
                f"roll-up {rollup.level} of {unit} {period}: sums too large to add exactly"
            )
        exact = _sums(scheme, rollup, row).combine(rollup)
        total = None if exact is None else round_half_up(exact)
        band = None
        if scheme.bands is not None:
            found = scheme.bands.classify(None if total is None else Fraction(total))
            band = None if found is None else found.id
        out: dict[str, Any] = {
            UNIT_FIELD: unit,
            "level": rollup.level,
            field: period,
            "total": np.nan if total is None else float(total),
            "band": band,
            "members": int(row["members"]),
        }
        out.update({_band_column(b): int(row[_band_column(b)]) for b in band_ids})
        out["method"] = rollup.words()
        rows.append(out)
    frame = pd.DataFrame(rows, columns=_output_columns(scheme))
    return frame.astype(_output_meta(scheme).dtypes.to_dict())


def _sums(scheme: Scheme, rollup: Rollup, row: pd.Series) -> RollupSums:
    """A unit's integer sums as the exact :class:`~assesskit.hierarchy.RollupSums`."""
    weight_unit = 10 ** _weight_places(scheme, rollup)
    return RollupSums(
        int(row["scored"]),
        Fraction(int(row["total_units"]), 100),
        Fraction(int(row["weight_units"]), weight_unit),
        Fraction(int(row["weighted_units"]), 100 * weight_unit),
    )


def _output_columns(scheme: Scheme) -> list[str]:
    bands = [_band_column(b) for b in scheme.bands.ids()] if scheme.bands else []
    return [UNIT_FIELD, "level", scheme.period_field, "total", "band", "members", *bands, "method"]


def _output_meta(scheme: Scheme) -> pd.DataFrame:
    dtypes: dict[str, Any] = {
        UNIT_FIELD: TEXT,
        "level": TEXT,
        scheme.period_field: TEXT,
        "total": "float64",
        "band": TEXT,
        "members": "int64",
        "method": TEXT,
    }
    for band_id in scheme.bands.ids() if scheme.bands else ():
        dtypes[_band_column(band_id)] = "int64"
    return pd.DataFrame({c: pd.Series([], dtype=dtypes[c]) for c in _output_columns(scheme)})


def rollup_frame(scheme: Scheme, rollup: Rollup, results: dd.DataFrame) -> dd.DataFrame:
    """*rollup* of scored *results* (with the parent and weight columns) as a Dask DataFrame.

    One row per parent unit and period: ``unit_id``, ``level``, the period,
    ``total`` (float64 of the 2-decimal total, NaN when no member has one),
    ``band``, ``members``, one ``band_counts.<band>`` column per band and
    ``method`` in words; in order of unit then period once computed.
    """
    terms = map_partitions(
        results, lambda part: rollup_terms(scheme, rollup, part), meta=_terms_meta(scheme, rollup)
    )
    sums = terms.groupby([UNIT_FIELD, scheme.period_field], sort=False).sum()
    finished: dd.DataFrame = map_partitions(
        sums, lambda part: _finish(scheme, rollup, part), meta=_output_meta(scheme)
    )
    return finished
