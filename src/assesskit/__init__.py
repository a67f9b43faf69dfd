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
    OutcomeRef,
    Param,
    Present,
    StatusIs,
    Total,
    Vetoed,
    Where,
)
from assesskit.history import History, HistoryEntry
from assesskit.hookspecs import hookimpl
from assesskit.intervals import Interval
from assesskit.metrics import Metric, MetricKind
from assesskit.periods import Period, PeriodKind
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
    "Const",
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
    "Max",
    "Metric",
    "MetricKind",
    "Min",
    "NextPeriod",
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
    "Scheme",
    "SchemeDefinitionError",
    "StatusIs",
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
    "rule_kinds",
]
