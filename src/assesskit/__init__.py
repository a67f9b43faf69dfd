"""assesskit: assessment schemes (考核方案) made precise, testable and fast.

A scheme turns measured facts about a unit into component points, a total,
a band and consequences. Build one from the parts below, or get a shipped
one from a plugin with :func:`get_scheme`.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names are imported on first use (PEP 562), so that ``import assesskit`` and
# the pytest plugin stay cheap: numpy and the core load only when needed.
#
#: Every public name, by the module that defines it: the one list ``__all__`` and the
#: lazy loading are made from. The imports for type checkers below repeat it (type
#: checkers need them written out); tests/test_imports.py holds them to it.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "assesskit.bands": ("Band", "BandTable", "Finding", "lint_intervals"),
    "assesskit.components": (
        "Component",
        "Example",
        "HistoryRule",
        "Outcome",
        "Parameter",
        "Review",
        "Trigger",
        "Veto",
    ),
    "assesskit.errors": (
        "AssesskitError",
        "HistoryError",
        "InputTypeError",
        "InvalidInputError",
        "ParameterError",
        "Problem",
        "RuleError",
        "SchemeDefinitionError",
    ),
    "assesskit.expressions": (
        "BandIs",
        "BandLookup",
        "ComponentsWithStatus",
        "Const",
        "Input",
        "Max",
        "Min",
        "NextPeriod",
        "NoValue",
        "NoneWithStatus",
        "OutcomeRef",
        "Param",
        "Present",
        "StatusIs",
        "Total",
        "Vetoed",
        "Where",
    ),
    "assesskit.frames": ("score_frame",),
    "assesskit.hierarchy": ("Rollup", "RollupResult"),
    "assesskit.history": ("History", "HistoryEntry"),
    "assesskit.hookspecs": ("hookimpl",),
    "assesskit.intervals": ("Interval",),
    "assesskit.metrics": ("Metric", "MetricKind"),
    "assesskit.periods": ("Period", "PeriodKind"),
    "assesskit.pipeline": ("Run", "score_records"),
    "assesskit.plugins": (
        "DuplicateSchemeError",
        "PluginWarning",
        "SchemeUnavailableError",
        "UnknownSchemeError",
        "get_scheme",
        "list_schemes",
        "rule_kinds",
    ),
    "assesskit.results": ("BatchResult", "ComponentResult", "Result", "VetoResult"),
    "assesskit.scheme": ("Scheme",),
    "assesskit.stages": ("DayOf", "LastDayOf", "Stage", "StageComparison"),
    "assesskit.targets": ("Consequence", "TargetSpec", "plan_scheme"),
    "assesskit.text": ("Text",),
}
_LAZY: dict[str, str] = {name: module for module, names in _PUBLIC.items() for name in names}

if TYPE_CHECKING:  # the same names for type checkers, re-exported ("X as X")
    from assesskit.bands import Band as Band
    from assesskit.bands import BandTable as BandTable
    from assesskit.bands import Finding as Finding
    from assesskit.bands import lint_intervals as lint_intervals
    from assesskit.components import Component as Component
    from assesskit.components import Example as Example
    from assesskit.components import HistoryRule as HistoryRule
    from assesskit.components import Outcome as Outcome
    from assesskit.components import Parameter as Parameter
    from assesskit.components import Review as Review
    from assesskit.components import Trigger as Trigger
    from assesskit.components import Veto as Veto
    from assesskit.errors import AssesskitError as AssesskitError
    from assesskit.errors import HistoryError as HistoryError
    from assesskit.errors import InputTypeError as InputTypeError
    from assesskit.errors import InvalidInputError as InvalidInputError
    from assesskit.errors import ParameterError as ParameterError
    from assesskit.errors import Problem as Problem
    from assesskit.errors import RuleError as RuleError
    from assesskit.errors import SchemeDefinitionError as SchemeDefinitionError
    from assesskit.expressions import BandIs as BandIs
    from assesskit.expressions import BandLookup as BandLookup
    from assesskit.expressions import ComponentsWithStatus as ComponentsWithStatus
    from assesskit.expressions import Const as Const
    from assesskit.expressions import Input as Input
    from assesskit.expressions import Max as Max
    from assesskit.expressions import Min as Min
    from assesskit.expressions import NextPeriod as NextPeriod
    from assesskit.expressions import NoneWithStatus as NoneWithStatus
    from assesskit.expressions import NoValue as NoValue
    from assesskit.expressions import OutcomeRef as OutcomeRef
    from assesskit.expressions import Param as Param
    from assesskit.expressions import Present as Present
    from assesskit.expressions import StatusIs as StatusIs
    from assesskit.expressions import Total as Total
    from assesskit.expressions import Vetoed as Vetoed
    from assesskit.expressions import Where as Where
    from assesskit.frames import score_frame as score_frame
    from assesskit.hierarchy import Rollup as Rollup
    from assesskit.hierarchy import RollupResult as RollupResult
    from assesskit.history import History as History
    from assesskit.history import HistoryEntry as HistoryEntry
    from assesskit.hookspecs import hookimpl as hookimpl
    from assesskit.intervals import Interval as Interval
    from assesskit.metrics import Metric as Metric
    from assesskit.metrics import MetricKind as MetricKind
    from assesskit.periods import Period as Period
    from assesskit.periods import PeriodKind as PeriodKind
    from assesskit.pipeline import Run as Run
    from assesskit.pipeline import score_records as score_records
    from assesskit.plugins import DuplicateSchemeError as DuplicateSchemeError
    from assesskit.plugins import PluginWarning as PluginWarning
    from assesskit.plugins import SchemeUnavailableError as SchemeUnavailableError
    from assesskit.plugins import UnknownSchemeError as UnknownSchemeError
    from assesskit.plugins import get_scheme as get_scheme
    from assesskit.plugins import list_schemes as list_schemes
    from assesskit.plugins import rule_kinds as rule_kinds
    from assesskit.results import BatchResult as BatchResult
    from assesskit.results import ComponentResult as ComponentResult
    from assesskit.results import Result as Result
    from assesskit.results import VetoResult as VetoResult
    from assesskit.scheme import Scheme as Scheme
    from assesskit.stages import DayOf as DayOf
    from assesskit.stages import LastDayOf as LastDayOf
    from assesskit.stages import Stage as Stage
    from assesskit.stages import StageComparison as StageComparison
    from assesskit.targets import Consequence as Consequence
    from assesskit.targets import TargetSpec as TargetSpec
    from assesskit.targets import plan_scheme as plan_scheme
    from assesskit.text import Text as Text


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'assesskit' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = sorted([*_LAZY, "__version__"])
