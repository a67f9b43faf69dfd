"""The scheme: an immutable, versioned, validated description of an assessment that scores.

:class:`Scheme` is a :class:`~assesskit.definition.SchemeDefinition` (its
parts, checked when it is built) that can also score: one record exactly
(:meth:`Scheme.score`) or many at numpy speed (:meth:`Scheme.score_batch`).
The engine (:mod:`assesskit.scoring`) reads definitions and never imports
this module, so the two do not depend on each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from assesskit.bands import Finding
from assesskit.definition import (
    BAND_PARAM_PREFIX,
    WEIGHT_PARAM_PREFIX,
    NotApplicableMode,
    SchemeDefinition,
    WeightMode,
)
from assesskit.scoring.bounds import reachable_totals
from assesskit.scoring.exact import score_record

if TYPE_CHECKING:
    from assesskit.history import History
    from assesskit.results import BatchResult, Result

__all__ = [
    "BAND_PARAM_PREFIX",
    "WEIGHT_PARAM_PREFIX",
    "NotApplicableMode",
    "Scheme",
    "WeightMode",
]


@attrs.frozen
class Scheme(SchemeDefinition):
    """An assessment scheme (考核方案).

    A scheme is data: metrics (inputs), components (weighted rules), vetoes,
    bands of the total, outcomes (pay, bonus...), history rules and
    parameters. It is immutable; :meth:`with_params` returns a configured
    copy. Score one record with :meth:`score` (exact, explained) or many with
    :meth:`score_batch` (vectorised); both give the same totals, bands and
    vetoes.

    The definition is checked when the scheme is built: weights in points
    must sum to exactly 100, every rule and condition may read only declared
    metrics and parameters, band tables may not overlap unless they say which
    band wins. A broken definition raises
    :class:`~assesskit.errors.SchemeDefinitionError`.

    Review ``stages`` (with ``stage_comparisons`` between them) and
    ``rollups`` relate the records of a whole input to each other; they are
    applied by :func:`assesskit.pipeline.score_records`.
    """

    def score(
        self,
        record: Mapping[str, Any],
        history: History | Iterable[Result] | None = None,
    ) -> Result:
        """Score one record exactly, with an explanation of every point.

        *record* maps input names to values (numbers, decimal strings,
        percent strings for ratios); ``entity_id`` and the period field are
        optional here. *history* gives earlier results for history rules.
        Raises :class:`~assesskit.errors.InvalidInputError` listing every
        problem of the record.
        """
        return score_record(self, record, history)

    def score_batch(self, columns: Mapping[str, Any]) -> BatchResult:
        """Score many records at numpy speed; same totals, bands and vetoes as :meth:`score`.

        *columns* maps input names to array-likes of equal length (numpy
        arrays, lists, DataFrame columns). Raises
        :class:`~assesskit.errors.InvalidInputError` listing every bad value
        of every record; nothing is returned half-done.
        """
        # numpy loads with the batch path, not with the scheme (the pytest plugin stays light)
        from assesskit.scoring.batch import score_columns

        return score_columns(self, columns)

    def lint(self) -> list[Finding]:
        """Band gaps and overlaps, and bands no possible total can reach."""
        if self.bands is None:
            return []
        return self.bands.lint(reachable_totals(self))
