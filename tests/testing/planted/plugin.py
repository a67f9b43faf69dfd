"""The planted plugin: the shop assistant's scheme and its broken variants, registered.

Written the way a third-party author would, from the documentation alone
(``docs/testing.md``, ``docs/rules.md``): a hook registering scheme
factories and one registering the plugin's rule kinds. Variants that break
their own definition fail when the registry builds them; the registry
reports them by name and keeps their problems (``assesskit lint ID``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.testing.planted import rules
from tests.testing.planted.schemes import VARIANTS, correct

from assesskit import hookimpl
from assesskit.rules import Rule

__all__ = ["PlantedPlugin"]


class PlantedPlugin:
    """Registers ``shop.assistant`` and every planted variant (``shop.<name>``)."""

    @hookimpl
    def assesskit_register_schemes(self, register: Callable[[Any], None]) -> None:
        register(correct)
        for planted in VARIANTS:
            register(planted.build)

    @hookimpl
    def assesskit_register_rule_kinds(self, register: Callable[[type[Rule]], None]) -> None:
        for name in rules.__all__:
            register(getattr(rules, name))
