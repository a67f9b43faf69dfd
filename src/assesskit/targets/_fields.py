"""What the wording and the batch evaluation of a target read of it (a typed view).

:mod:`assesskit.targets._words` and :mod:`assesskit.targets._batch` hold parts
of :class:`~assesskit.targets.rule.Target`'s behaviour; they read a target
through :class:`TargetFields`, so that they need not import the module that
imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from assesskit.expressions import Param
    from assesskit.targets.schedule import Schedule, TargetKind
    from assesskit.text import Text

__all__ = ["TargetFields"]


class TargetFields(Protocol):
    """The fields of a :class:`~assesskit.targets.rule.Target` (see there)."""

    @property
    def target_kind(self) -> TargetKind: ...
    @property
    def input(self) -> str: ...
    @property
    def schedule(self) -> Schedule | None: ...
    @property
    def deadline(self) -> dt.date | None: ...
    @property
    def required_input(self) -> str | None: ...
    @property
    def tolerance(self) -> Param | None: ...
    @property
    def name(self) -> str: ...
    @property
    def label(self) -> Text | None: ...
    @property
    def year_field(self) -> str: ...
    @property
    def from_input(self) -> bool: ...
    def tolerance_in(self, params: Mapping[str, Any]) -> Fraction: ...
