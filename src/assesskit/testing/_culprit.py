"""Which part of a scheme raised: the component (rule), veto or outcome to look at."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import TYPE_CHECKING

import attrs

from assesskit.expressions import Expr
from assesskit.rules.base import Rule
from assesskit.testing._report import show

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["Culprit", "find_culprit", "params_words"]


@attrs.frozen
class Culprit:
    """The part of a scheme an exception came from: ``component 'income' (rule kind 'x')``."""

    part: str
    words: str


def _walk(expr: Expr) -> Iterator[Expr]:
    yield expr
    for child in expr.children():
        yield from _walk(child)


def _parts(scheme: Scheme) -> list[tuple[object, Culprit]]:
    """Every rule and expression node of *scheme*, with the part it belongs to."""
    out: list[tuple[object, Culprit]] = [
        (c.rule, Culprit(c.id, f"component {c.id!r} (rule kind {c.rule.kind!r})"))
        for c in scheme.components
    ]
    owners: list[tuple[Expr, Culprit]] = [
        (v.condition, Culprit(v.id, f"veto {v.id!r}")) for v in scheme.vetoes
    ]
    owners += [(o.expr, Culprit(o.id, f"outcome {o.id!r}")) for o in scheme.outcomes]
    owners += [
        (t.condition, Culprit(h.id, f"history rule {h.id!r}"))
        for h in scheme.history_rules
        for t in h.triggers
    ]
    for root, culprit in owners:
        out += [(node, culprit) for node in _walk(root)]
    return out


def _frames(tb: TracebackType | None) -> Iterator[object]:
    while tb is not None:
        yield tb.tb_frame.f_locals.get("self")
        tb = tb.tb_next


def find_culprit(scheme: Scheme, exc: BaseException) -> Culprit | None:
    """The component, veto or outcome whose code raised *exc*, from its traceback.

    The deepest frame that runs a method of one of the scheme's rules or
    expression nodes names the part; ``None`` when no such frame exists.
    """
    parts = _parts(scheme)
    found: Culprit | None = None
    for owner in _frames(exc.__traceback__):
        if not isinstance(owner, Rule | Expr):
            continue
        for obj, culprit in parts:
            if obj is owner:
                found = culprit
                break
    return found


def params_words(scheme: Scheme) -> str:
    """The parameter values set on *scheme*, for a message (empty when all are defaults)."""
    if not scheme.param_values:
        return ""
    shown = ", ".join(f"{k} = {show(v)}" for k, v in sorted(scheme.param_values.items()))
    return f" with parameters {shown}"
