"""Hook specifications: what a plugin can contribute to assesskit.

Plugins implement these with the :data:`hookimpl` marker and register
through the ``assesskit`` entry-point group. Each hook receives a
``register`` callback (as in simonw/llm), so a plugin contributes any number
of items and each is checked on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, Union

import pluggy

if TYPE_CHECKING:
    from assesskit.periods import PeriodKind
    from assesskit.rules.base import Rule
    from assesskit.scheme import Scheme
    from assesskit.text import Text

__all__ = ["RegisterScheme", "SchemeOrFactory", "hookimpl", "hookspec"]

hookspec = pluggy.HookspecMarker("assesskit")
hookimpl = pluggy.HookimplMarker("assesskit")

#: What ``register`` accepts: a scheme, or a function that builds one when first needed.
SchemeOrFactory = Union["Scheme", Callable[[], "Scheme"]]


class RegisterScheme(Protocol):
    """The ``register`` callback of :func:`assesskit_register_schemes`."""

    def __call__(
        self,
        scheme: SchemeOrFactory,
        /,
        *,
        id: str | None = None,
        title: Text | str | None = None,
        version: str | None = None,
        period: PeriodKind | str | None = None,
        period_field: str | None = None,
    ) -> None:
        """Register one scheme (see :func:`assesskit_register_schemes`)."""


@hookspec
def assesskit_register_schemes(register: RegisterScheme) -> None:
    """Register the assessment schemes this plugin provides.

    Called once, the first time schemes are listed or looked up.

    :param register: call it once per scheme: ``register(scheme)`` with a
        built :class:`~assesskit.Scheme`, or ``register(factory, id=...,
        title=..., version=..., period=...)`` with a zero-argument function
        that builds it. A factory registered with its ``id`` is built only
        when the scheme is used (``assesskit schemes`` lists what was
        declared), so a broken or slow factory affects that scheme alone:
        using it raises :class:`~assesskit.SchemeUnavailableError` naming the
        plugin. A factory registered without an ``id`` is built at once to
        learn it. A scheme whose definition is invalid, or whose factory
        raises, exits or hangs, is reported naming the plugin; the plugin's
        other schemes stay available. Two plugins registering the same id make
        that id unavailable, with both plugin names in the error.
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
        a warning naming the plugin and skipped. Give each class its own
        example (the classmethod ``example()`` returning a
        :class:`~assesskit.rules.RuleExample`):
        :func:`assesskit.testing.check_rule_kind` and ``pytest
        --assesskit-check`` check the kind on it, and fail a kind without one.
    :returns: nothing.
    """
