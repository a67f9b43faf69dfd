"""Scoring a whole input: validate every record, score, then history, stages and roll-ups.

This is what ``assesskit score`` does, available to Python callers:

>>> from assesskit.pipeline import score_records  # doctest: +SKIP
>>> run = score_records(scheme, records, history)  # doctest: +SKIP
>>> run.results[0].total, run.rollups  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from assesskit.errors import HistoryError, InvalidInputError, Problem
from assesskit.hierarchy import Member, RollupResult, roll_up
from assesskit.history import History, HistoryEntry
from assesskit.metrics import is_missing
from assesskit.results import Result
from assesskit.scoring.exact import apply_history, parse_record, score_parsed
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["Run", "score_records"]


@attrs.frozen
class Run:
    """The results of scoring an input, its roll-ups and notes about the run."""

    results: list[Result]
    rollups: list[RollupResult]
    notes: list[Text] = attrs.field(factory=list)


def _field(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    return None if is_missing(value) else str(value)


def score_records(
    scheme: Scheme,
    records: Sequence[Mapping[str, Any]],
    history: History | Iterable[HistoryEntry] | None = None,
) -> Run:
    """Validate all *records* first (every problem reported at once), then score them.

    Earlier periods come from *history* and from the same input; the same
    entity and period (and stage) twice is an error. Roll-ups declared by the
    scheme are computed over the published results.
    """
    parsed = [parse_record(scheme, record, row) for row, record in enumerate(records)]
    problems: list[Problem] = [p for record in parsed for p in record.problems]
    seen: dict[tuple[str | None, str, str | None], int] = {}
    for row, (record, item) in enumerate(zip(records, parsed, strict=True)):
        if item.entity_id is None or item.period is None:
            continue
        key = (item.entity_id, str(item.period), _field(record, "stage"))
        if key in seen:
            problems.append(
                Problem(
                    scheme.period_field,
                    str(item.period),
                    f"the same entity and period appear twice (also row {seen[key] + 1})",
                    entity=item.entity_id,
                    row=row,
                )
            )
        else:
            seen[key] = row
    if problems:
        raise InvalidInputError(problems)
    results = [score_parsed(scheme, item) for item in parsed]
    if scheme.history_rules:
        combined = History() if history is None else (
            history if isinstance(history, History) else History(history)
        )
        combined = _with_results(combined, results)
        results = [apply_history(scheme, r, combined) for r in results]
    rollups: list[RollupResult] = []
    for rollup in scheme.rollups:
        members = [
            Member(result, _field(record, rollup.parent_field), _field(record, "stage"))
            for record, result in zip(records, results, strict=True)
        ]
        rollups.extend(roll_up(rollup, members, scheme.bands, scheme.period_field))
    return Run(results, rollups)


def _with_results(history: History, results: Sequence[Result]) -> History:
    combined = History()
    for key_entry in _entries(history):
        combined.add(key_entry)
    for result in results:
        if result.entity_id is None or result.period is None:
            continue
        entry = HistoryEntry.from_result(result)
        if (entry.entity_id, entry.period) in combined:
            raise HistoryError(
                f"{entry.entity_id} {entry.period} is both in the input and in the history"
            )
        combined.add(entry)
    return combined


def _entries(history: History) -> Iterable[HistoryEntry]:
    return history.entries()
