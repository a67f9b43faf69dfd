"""Input columns passed through beside the results (``name``, ``department``...).

An input may carry columns the scheme does not read: a person's name, a
department, a branch. ``assesskit score`` keeps them by default and writes
them beside each result, in every output format, so that a clerk sees 王芳
next to ``LO-001``. ``--keep`` chooses: ``all`` (the default: every column
the scheme does not read), ``none``, or a list of input columns (which may
name a metric column too, to repeat an input beside the results).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assesskit.errors import AssesskitError
from assesskit.scheme import Scheme
from assesskit.scoring.identity import ENTITY_FIELD
from assesskit.stages import DATE_FIELD, STAGE_FIELD

__all__ = ["KEEP_ALL", "KEEP_NONE", "KeepError", "kept_columns", "parse_keep", "scheme_columns"]

#: ``--keep`` values: every column the scheme does not read, or none.
KEEP_ALL, KEEP_NONE = "all", "none"


class KeepError(AssesskitError, ValueError):
    """``--keep`` names a column that no input has."""


def parse_keep(text: str | None) -> tuple[str, ...] | None:
    """``--keep`` as given: ``None`` for all (the default), ``()`` for none, else the names.

    >>> parse_keep(None), parse_keep("none"), parse_keep("name, department")
    (None, (), ('name', 'department'))
    """
    if text is None or text.strip() == KEEP_ALL:
        return None
    if text.strip() == KEEP_NONE:
        return ()
    return tuple(name.strip() for name in text.split(",") if name.strip())


def scheme_columns(scheme: Scheme) -> frozenset[str]:
    """The input columns the scheme reads: entity, period, stage and date, its metrics."""
    return frozenset(
        {ENTITY_FIELD, scheme.period_field, STAGE_FIELD, DATE_FIELD, *scheme.metric_map}
    )


def kept_columns(
    scheme: Scheme, columns: Iterable[Sequence[str]], keep: Sequence[str] | None
) -> tuple[str, ...]:
    """The columns to pass through, from the columns of each input (in first-seen order).

    *keep* ``None`` keeps every column the scheme does not read; otherwise it
    lists the columns to keep, each of which some input must have (else
    :class:`KeepError`, naming the columns there are).
    """
    seen: dict[str, None] = {}
    for names in columns:
        seen.update(dict.fromkeys(str(name) for name in names))
    if keep is None:
        reads = scheme_columns(scheme)
        return tuple(name for name in seen if name not in reads and name)
    missing = [name for name in keep if name not in seen]
    if missing:
        there = ", ".join(seen) or "none"
        raise KeepError(
            f"--keep {', '.join(missing)}: no input has such a column (the columns are: {there})"
        )
    return tuple(dict.fromkeys(keep))
