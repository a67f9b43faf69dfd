"""assesskit: assessment schemes (考核方案) made precise, testable and fast.

A scheme turns measured facts about a unit into component points, a total,
a band and consequences. Build one from the parts below, or get a shipped
one from a plugin with :func:`get_scheme`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names are imported on first use (PEP 562), so that ``import assesskit`` and
# the pytest plugin stay cheap: numpy and the core load only when needed.
_LAZY: dict[str, str] = {
    "AssesskitError": "assesskit.errors",
    "Band": "assesskit.bands",
    "BandIs": "assesskit.expressions",
    "BandLookup": "assesskit.expressions",
    "BandTable": "assesskit.bands",
    "BatchResult": "assesskit.results",
    "Component": "assesskit.components",
    "ComponentResult": "assesskit.results",
    "ComponentsWithStatus": "assesskit.expressions",
    "Consequence": "assesskit.targets",
    "Const": "assesskit.expressions",
    "DayOf": "assesskit.stages",
    "DuplicateSchemeError": "assesskit.plugins",
    "Example": "assesskit.components",
    "Finding": "assesskit.bands",
    "History": "assesskit.history",
    "HistoryEntry": "assesskit.history",
    "HistoryError": "assesskit.errors",
    "HistoryRule": "assesskit.components",
    "Input": "assesskit.expressions",
    "Interval": "assesskit.intervals",
    "InvalidInputError": "assesskit.errors",
    "LastDayOf": "assesskit.stages",
    "Max": "assesskit.expressions",
    "Metric": "assesskit.metrics",
    "MetricKind": "assesskit.metrics",
    "Min": "assesskit.expressions",
    "NextPeriod": "assesskit.expressions",
    "NoValue": "assesskit.expressions",
    "NoneWithStatus": "assesskit.expressions",
    "Outcome": "assesskit.components",
    "OutcomeRef": "assesskit.expressions",
    "Param": "assesskit.expressions",
    "Parameter": "assesskit.components",
    "ParameterError": "assesskit.errors",
    "RuleError": "assesskit.errors",
    "Period": "assesskit.periods",
    "PeriodKind": "assesskit.periods",
    "PluginWarning": "assesskit.plugins",
    "Present": "assesskit.expressions",
    "InputTypeError": "assesskit.errors",
    "Problem": "assesskit.errors",
    "Result": "assesskit.results",
    "Review": "assesskit.components",
    "Rollup": "assesskit.hierarchy",
    "RollupResult": "assesskit.hierarchy",
    "Run": "assesskit.pipeline",
    "Scheme": "assesskit.scheme",
    "SchemeDefinitionError": "assesskit.errors",
    "Stage": "assesskit.stages",
    "StageComparison": "assesskit.stages",
    "StatusIs": "assesskit.expressions",
    "TargetSpec": "assesskit.targets",
    "Text": "assesskit.text",
    "Total": "assesskit.expressions",
    "Trigger": "assesskit.components",
    "SchemeUnavailableError": "assesskit.plugins",
    "UnknownSchemeError": "assesskit.plugins",
    "Veto": "assesskit.components",
    "VetoResult": "assesskit.results",
    "Vetoed": "assesskit.expressions",
    "Where": "assesskit.expressions",
    "get_scheme": "assesskit.plugins",
    "hookimpl": "assesskit.hookspecs",
    "lint_intervals": "assesskit.bands",
    "list_schemes": "assesskit.plugins",
    "plan_scheme": "assesskit.targets",
    "rule_kinds": "assesskit.plugins",
    "score_records": "assesskit.pipeline",
}

if TYPE_CHECKING:
    from assesskit.bands import Band, BandTable, Finding, lint_intervals
    from assesskit.components import (
        Component,
        Example,
        HistoryRule,
        Outcome,
        Parameter,
        Review,
        Trigger,
        Veto,
    )
    from assesskit.errors import (
        AssesskitError,
        HistoryError,
        InputTypeError,
        InvalidInputError,
        ParameterError,
        Problem,
        RuleError,
        SchemeDefinitionError,
    )
    from assesskit.expressions import (
        BandIs,
        BandLookup,
        ComponentsWithStatus,
        Const,
        Input,
        Max,
        Min,
        NextPeriod,
        NoneWithStatus,
        NoValue,
        OutcomeRef,
        Param,
        Present,
        StatusIs,
        Total,
        Vetoed,
        Where,
    )
    from assesskit.hierarchy import Rollup, RollupResult
    from assesskit.history import History, HistoryEntry
    from assesskit.hookspecs import hookimpl
    from assesskit.intervals import Interval
    from assesskit.metrics import Metric, MetricKind
    from assesskit.periods import Period, PeriodKind
    from assesskit.pipeline import Run, score_records
    from assesskit.plugins import (
        DuplicateSchemeError,
        PluginWarning,
        SchemeUnavailableError,
        UnknownSchemeError,
        get_scheme,
        list_schemes,
        rule_kinds,
    )
    from assesskit.results import BatchResult, ComponentResult, Result, VetoResult
    from assesskit.scheme import Scheme
    from assesskit.stages import DayOf, LastDayOf, Stage, StageComparison
    from assesskit.targets import Consequence, TargetSpec, plan_scheme
    from assesskit.text import Text


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'assesskit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "AssesskitError",
    "Band",
    "BandIs",
    "BandLookup",
    "BandTable",
    "BatchResult",
    "Component",
    "ComponentResult",
    "ComponentsWithStatus",
    "Consequence",
    "Const",
    "DayOf",
    "DuplicateSchemeError",
    "Example",
    "Finding",
    "History",
    "HistoryEntry",
    "HistoryError",
    "HistoryRule",
    "Input",
    "InputTypeError",
    "Interval",
    "InvalidInputError",
    "LastDayOf",
    "Max",
    "Metric",
    "MetricKind",
    "Min",
    "NextPeriod",
    "NoValue",
    "NoneWithStatus",
    "Outcome",
    "OutcomeRef",
    "Param",
    "Parameter",
    "ParameterError",
    "Period",
    "PeriodKind",
    "PluginWarning",
    "Present",
    "Problem",
    "Result",
    "Review",
    "Rollup",
    "RollupResult",
    "RuleError",
    "Run",
    "Scheme",
    "SchemeDefinitionError",
    "SchemeUnavailableError",
    "Stage",
    "StageComparison",
    "StatusIs",
    "TargetSpec",
    "Text",
    "Total",
    "Trigger",
    "UnknownSchemeError",
    "Veto",
    "VetoResult",
    "Vetoed",
    "Where",
    "__version__",
    "get_scheme",
    "hookimpl",
    "lint_intervals",
    "list_schemes",
    "plan_scheme",
    "rule_kinds",
    "score_records",
]
