"""Hook specifications: what a plugin can contribute to assesskit.

Plugins implement these with the :data:`hookimpl` marker and register
through the ``assesskit`` entry-point group. Each hook receives a
``register`` callback (as in simonw/llm), so a plugin contributes any number
of items and each is checked on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Union

import pluggy

if TYPE_CHECKING:
    from assesskit.rules.base import Rule
    from assesskit.scheme import Scheme

__all__ = ["SchemeOrFactory", "hookimpl", "hookspec"]

hookspec = pluggy.HookspecMarker("assesskit")
hookimpl = pluggy.HookimplMarker("assesskit")

#: What ``register`` accepts: a scheme, or a function that builds one when first needed.
SchemeOrFactory = Union["Scheme", Callable[[], "Scheme"]]


@hookspec
def assesskit_register_schemes(register: Callable[[SchemeOrFactory], None]) -> None:
    """Register the assessment schemes this plugin provides.

    Called once, the first time schemes are listed or looked up.

    :param register: call it once per scheme, with a :class:`~assesskit.Scheme`
        or a zero-argument function that returns one (built lazily, on first
        use). A scheme whose definition is invalid, or whose factory raises,
        is reported as a warning naming the plugin and skipped; the plugin's
        other schemes stay available. Two plugins registering the same id
        make that id unavailable, with both plugin names in the error.
    :returns: nothing.
    """


@hookspec
def assesskit_register_rule_kinds(register: Callable[[type[Rule]], None]) -> None:
    """Register new rule kinds (scoring rules for components).

    Called once, the first time rule kinds are listed (``assesskit show``,
    :func:`assesskit.rule_kinds`).

    :param register: call it once per rule class: a subclass of
        :class:`~assesskit.rules.Rule` with a unique ``kind`` name. A class
        that is not a Rule, or whose ``kind`` is already taken, is reported as
        a warning naming the plugin and skipped.
    :returns: nothing.
    """
