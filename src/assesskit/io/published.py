"""What ``assesskit score`` publishes, as the writers (JSON, CSV, table) take it."""

from __future__ import annotations

import attrs

from assesskit.hierarchy import RollupResult
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.text import Text

__all__ = ["ScoreRun"]


@attrs.frozen
class ScoreRun:
    """What ``assesskit score`` publishes: results in input order, roll-ups and notes."""

    scheme: Scheme
    results: tuple[Result, ...]
    rollups: tuple[RollupResult, ...] = ()
    notes: tuple[Text, ...] = ()
