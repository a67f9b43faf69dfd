"""assesskit: assessment schemes (考核方案) made precise, testable and fast.

A scheme turns measured facts about a unit into component points, a total,
a band and consequences. Build one from the parts below, or get a shipped
one from a plugin with :func:`get_scheme`.
"""

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
    InvalidInputError,
    ParameterError,
    Problem,
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

__version__ = "0.1.0"

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
    "Run",
    "Scheme",
    "SchemeDefinitionError",
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
