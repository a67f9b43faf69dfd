"""The built-in plugin: contributes the core rule kinds through the same hooks as any plugin."""

from __future__ import annotations

from collections.abc import Callable

from assesskit.hookspecs import hookimpl
from assesskit.rules import (
    Banded,
    Boolean,
    GradedDeduction,
    PerIncidentDeduction,
    Plateau,
    RaterMean,
    RatioToTarget,
    Share,
    StepDeduction,
)
from assesskit.rules.base import Rule
from assesskit.targets.rule import Target

#: The rule kinds shipped with assesskit, by their ``kind`` name: the one list of them. The
#: built-in plugin registers exactly these; the tests check every class of assesskit that
#: implements Rule is in it, the sample scheme and ``docs/rules.md`` cover it, and each kind
#: passes :func:`~assesskit.testing.check_rule_kind` on its own example.
BUILTIN_RULE_KINDS: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (
        RatioToTarget,
        Plateau,
        Share,
        PerIncidentDeduction,
        GradedDeduction,
        StepDeduction,
        Banded,
        RaterMean,
        Boolean,
        Target,
    )
}


@hookimpl
def assesskit_register_rule_kinds(register: Callable[[type[Rule]], None]) -> None:
    """Register the rule kinds shipped with assesskit."""
    for cls in BUILTIN_RULE_KINDS.values():
        register(cls)
