"""Which result columns a table or a workbook shows: all of them, a summary, or a list.

A finance clerk wants a narrow view: who (entity, the kept ``name``...),
the total and band, and the outcomes that matter (pay, bonus, dismissal,
vetoes). Each scheme may declare them (``summary=(...)``); otherwise the
summary shows ``vetoed`` when the scheme has vetoes, the outcomes in money
and the history rules' flags. ``--columns all|summary|LIST`` chooses; the
identity columns (entity, period, stage fields) and the kept input columns
are always shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from assesskit.errors import AssesskitError
from assesskit.io.layout import Column
from assesskit.scheme import Scheme

__all__ = ["ALL", "SUMMARY", "ColumnsError", "Selection", "select", "summary_keys"]

#: ``--columns`` values besides a list.
ALL, SUMMARY = "all", "summary"
#: Columns a list may name besides components and outcomes.
_FIXED = ("total", "band", "vetoed")


class ColumnsError(AssesskitError, ValueError):
    """``--columns`` names a column the results do not have."""


def summary_keys(scheme: Scheme) -> tuple[str, ...]:
    """The columns of the scheme's summary after the identity: total, band, then its outcomes.

    The scheme's declared ``summary``, or by default ``vetoed`` (with vetoes),
    the outcomes in money and each history rule (a flag such as dismissal).
    """
    keys = ["total"]
    if scheme.bands is not None:
        keys.append("band")
    if scheme.summary is not None:
        return (*keys, *scheme.summary)
    if scheme.vetoes:
        keys.append("vetoed")
    keys += [o.id for o in scheme.outcomes if o.kind == "money"]
    keys += [rule.id for rule in scheme.history_rules]
    return tuple(keys)


@attrs.frozen
class Selection:
    """The columns chosen: ``keys`` in order (component/outcome ids, total...), ``None``: all."""

    keys: tuple[str, ...] | None = None

    def shows(self, key: str) -> bool:
        """Whether the column *key* (``total``, ``band``, ``vetoed``) is shown."""
        return self.keys is None or key in self.keys

    def value_columns(self, columns: Sequence[Column]) -> list[Column]:
        """The component and outcome columns shown, in the order chosen."""
        if self.keys is None:
            return list(columns)
        by_key = {c.key: c for c in columns}
        by_key.update({c.name: c for c in columns})
        return [by_key[key] for key in self.keys if key in by_key]


def select(text: str | None, scheme: Scheme, columns: Iterable[Column]) -> Selection:
    """``--columns`` as given (``None``: the summary) for results with *columns*.

    A list names columns by id (``total,pay,bonus``); one that the results do
    not have is a :class:`ColumnsError` naming those they have.
    """
    choice = SUMMARY if text is None else text.strip()
    if choice == ALL:
        return Selection()
    known = [*_FIXED, *(c.name for c in columns)]
    keys_known = {*known, *(c.key for c in columns)}
    if choice == SUMMARY:
        return Selection(tuple(k for k in summary_keys(scheme) if k in keys_known))
    keys = tuple(dict.fromkeys(k.strip() for k in choice.split(",") if k.strip()))
    unknown = [k for k in keys if k not in keys_known]
    if unknown or not keys:
        named = ", ".join(unknown) or choice
        raise ColumnsError(
            f"--columns {named}: no such column; give all, summary or some of: {', '.join(known)}"
        )
    return Selection(keys)
