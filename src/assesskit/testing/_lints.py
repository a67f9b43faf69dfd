"""Lint findings beyond the band linter: doubtful weights and scales, parts never reached.

Used by ``assesskit lint``; each finding is a ``(kind, message)`` pair. The
parts no input reaches are also what the kit's ``reach`` check reports.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from assesskit._exact import format_exact, format_number
from assesskit.rules.tables import Banded
from assesskit.testing._reach import unreached_parts

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["scheme_findings", "weight_findings"]

#: Relative weights summing to within this much of 100 (but not 100) look like a typo.
TYPO_DISTANCE = 5


def weight_findings(scheme: Scheme) -> list[tuple[str, str]]:
    """Relative weights that look like points with a typo; a table scale unlike its weight.

    Relative weights are scaled to 100, so a slip that makes points sum to
    99 goes unnoticed. Whole relative weights, not all equal, summing to
    within 5 of 100 (95 to 105) but not to 100, are reported; nine equal
    areas of 11 (sum 99) or weights such as 3 and 1 are not.
    """
    found: list[tuple[str, str]] = []
    weights = [c.weight for c in scheme.components]
    total = sum(weights, Fraction(0))
    if (
        scheme.weights == "relative"
        and all(w.denominator == 1 for w in weights)
        and len(set(weights)) > 1
        and total != 100
        and abs(total - 100) <= TYPO_DISTANCE
    ):
        listed = " + ".join(format_number(w) for w in weights)
        found.append(
            (
                "weights",
                f"relative weights sum to {format_number(total)} ({listed}), not 100: they "
                f"look like points with a typo, which relative weights hide by scaling each "
                f"by 100/{format_number(total)}; correct the weight that is off, or declare "
                f"weights='points' to have the sum checked",
            )
        )
    for component in scheme.components:
        rule = component.rule
        if isinstance(rule, Banded) and rule.scale != component.weight and rule.scale > 0:
            factor = component.weight / rule.scale
            tiers = ", ".join(format_number(t.points) for t in rule.tiers)
            scaled = ", ".join(format_number(t.points * factor) for t in rule.tiers)
            found.append(
                (
                    "scale",
                    f"component {component.id!r}: its threshold table has scale "
                    f"{format_number(rule.scale)} but the component's weight is "
                    f"{format_number(component.weight)}, so the tier points ({tiers}) are "
                    f"multiplied by {format_exact(factor)} ({scaled}); give the scale the "
                    f"component's weight unless the tiers are meant on another scale",
                )
            )
    return found


def scheme_findings(scheme: Scheme) -> list[tuple[str, str]]:
    """Everything this module finds in *scheme*: weights, scales, parts never reached."""
    found = weight_findings(scheme)
    found += [("unreachable", u.message) for u in unreached_parts(scheme)]
    return found
