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

__all__ = ["Column", "field_names", "kept_headers", "value_columns"]


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


def field_names(results: Iterable[Result]) -> list[str]:
    """The extra identity fields the results carry (``stage``...), in first-seen order."""
    names: dict[str, None] = {}
    for result in results:
        names.update(dict.fromkeys(result.fields))
    return list(names)


def _scheme_outcomes(scheme: Scheme) -> list[tuple[str, Text]]:
    return list(scheme.outcome_labels().items())


def value_columns(scheme: Scheme, results: Iterable[Result] = ()) -> list[Column]:
    """The component columns in scheme order, then the outcomes in the order they are computed."""
    outcomes = _scheme_outcomes(scheme)
    known = {key for key, _ in outcomes}
    for result in results:
        for key in result.outcome:
            if key not in known:
                known.add(key)
                outcomes.append((key, Text(key)))
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
