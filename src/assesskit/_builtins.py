"""The built-in plugin: contributes the core rule kinds through the same hooks as any plugin."""

from __future__ import annotations

from collections.abc import Callable

from assesskit.hookspecs import hookimpl
from assesskit.rules import BUILTIN_RULE_KINDS
from assesskit.rules.base import Rule


@hookimpl
def assesskit_register_rule_kinds(register: Callable[[type[Rule]], None]) -> None:
    """Register the rule kinds shipped with assesskit."""
    for cls in BUILTIN_RULE_KINDS.values():
        register(cls)
