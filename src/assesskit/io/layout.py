"""The columns of results in CSV and table output.

After ``entity_id`` and the period come the result's extra fields (a stage
and its date, ``late``/``early``), the input columns kept beside the
results (``name``...: :mod:`assesskit.run.kept`), then total, band and vetoed, then one
column per component (its points) and per outcome (the scheme's outcomes,
its history rules, then whatever else the results publish, such as stage
comparisons).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.text import Text

__all__ = [
    "Column",
    "field_names",
    "flag_keys",
    "kept_headers",
    "stage_outcome_labels",
    "value_columns",
]


@attrs.frozen
class Column:
    """One value column: a component's points or an outcome.

    ``name`` is the CSV header (the id; prefixed with ``points.`` or
    ``outcome.`` only when a component and an outcome share an id), ``key``
    the id in the result, ``label`` the table header in Chinese.
    """

    name: str
    key: str
    label: Text
    kind: Literal["component", "outcome"]


def flag_keys(scheme: Scheme) -> frozenset[str]:
    """The keys of the value columns that hold flags (true or false): flag outcomes, history
    rules, a required stage missing and a stage comparison's flag."""
    flags = {o.id for o in scheme.outcomes if o.kind == "flag"}
    flags |= {rule.id for rule in scheme.history_rules}
    flags |= {s.missing_outcome for s in scheme.stages if s.missing_outcome is not None}
    flags |= {c.flag for c in scheme.stage_comparisons if c.flag is not None}
    return frozenset(flags)


def field_names(results: Iterable[Result]) -> list[str]:
    """The extra identity fields the results carry (``stage``...), in first-seen order."""
    names: dict[str, None] = {}
    for result in results:
        names.update(dict.fromkeys(result.fields))
    return list(names)


def _scheme_outcomes(scheme: Scheme) -> list[tuple[str, Text]]:
    return list(scheme.outcome_labels().items())


def stage_outcome_labels(scheme: Scheme) -> dict[str, Text]:
    """Labels of the outcomes a scheme's stages publish: a required stage missing, the gap
    between two stages' totals and its flag."""
    stages = {s.id: s.label for s in scheme.stages}
    labels: dict[str, Text] = {}
    for stage in scheme.stages:
        if stage.requires is not None and stage.missing_outcome is not None:
            required = stages.get(stage.requires, Text(stage.requires))
            labels[stage.missing_outcome] = Text(f"{required.en} missing", f"缺少{required.zh}")
    for comparison in scheme.stage_comparisons:
        first = stages.get(comparison.from_stage, Text(comparison.from_stage))
        second = stages.get(comparison.to_stage, Text(comparison.to_stage))
        labels[comparison.gap] = Text(
            f"{first.en} total − {second.en} total", f"{first.zh}总分减{second.zh}总分"
        )
        if comparison.flag is not None:
            labels[comparison.flag] = comparison.label
    return labels


def value_columns(scheme: Scheme, results: Iterable[Result] = ()) -> list[Column]:
    """The component columns in scheme order, then the outcomes in the order they are computed."""
    outcomes = _scheme_outcomes(scheme)
    known = {key for key, _ in outcomes}
    staged = stage_outcome_labels(scheme) if scheme.stages else {}
    for result in results:
        for key in result.outcome:
            if key not in known:
                known.add(key)
                outcomes.append((key, staged.get(key, Text(key))))
    component_ids = {c.id for c in scheme.components}
    clash = component_ids & known
    columns = [
        Column(f"points.{c.id}" if c.id in clash else c.id, c.id, c.label, "component")
        for c in scheme.components
    ]
    columns += [
        Column(f"outcome.{key}" if key in clash else key, key, label, "outcome")
        for key, label in outcomes
    ]
    return columns


def kept_headers(kept: Iterable[str], taken: Iterable[str]) -> list[str]:
    """Headers of the kept input columns: their names, ``input.NAME`` where a result has NAME.

    >>> kept_headers(["name", "total"], ["entity_id", "total", "band"])
    ['name', 'input.total']
    """
    others = set(taken)
    return [f"input.{name}" if name in others else name for name in kept]
