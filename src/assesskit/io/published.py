"""What ``assesskit score`` publishes, as the writers (JSON, CSV, table) take it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from assesskit.hierarchy import RollupResult
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.text import Text

__all__ = ["ScoreRun"]


@attrs.frozen
class ScoreRun:
    """What ``assesskit score`` publishes: results in input order, roll-ups and notes.

    ``kept`` names the input columns passed through beside the results (a
    ``name``, a ``department``: columns the scheme does not read), and
    ``passed`` holds their values, one mapping per result (empty, or as many
    as there are results).
    """

    scheme: Scheme
    results: tuple[Result, ...]
    rollups: tuple[RollupResult, ...] = ()
    notes: tuple[Text, ...] = ()
    kept: tuple[str, ...] = ()
    passed: tuple[Mapping[str, object], ...] = ()

    def typed_words(self, *args: object, **kwargs: object) -> Iterator[str]:
        """The user's own texts in the output (entity ids, stages, kept values such as
        names), which stay as written in every script (:func:`assesskit.text.scripted`)."""
        for result in self.results:
            yield from result.typed_words()
        for values in self.passed:
            yield from (v for v in values.values() if isinstance(v, str))

    def kept_value(self, index: int, name: str) -> object:
        """The value of kept column *name* for result *index* (``None`` when absent)."""
        if not self.passed:
            return None
        return self.passed[index].get(name)

    def called(self, index: int) -> frozenset[str]:
        """What result *index* may be asked for by: its entity id and its kept values
        (the ``name`` column, a staff number), as texts."""
        kept = {str(self.kept_value(index, column)) for column in self.kept}
        return frozenset({str(self.results[index].entity_id), *kept})
