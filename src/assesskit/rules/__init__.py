"""The rule kinds shipped with assesskit.

Each is a small frozen class implementing :class:`~assesskit.rules.base.Rule`;
plugins add kinds of their own through the ``assesskit_register_rule_kinds``
hook. Each kind gives its own example (:meth:`Rule.example`, a
:class:`RuleExample`), on which :func:`assesskit.testing.check_rule_kind`
checks it.
"""

from assesskit.rules.base import (
    BatchRuleContext,
    BatchScored,
    Constraint,
    Rule,
    RuleContext,
    RuleExample,
    Scored,
)
from assesskit.rules.deductions import GradedDeduction, PerIncidentDeduction, StepDeduction
from assesskit.rules.flags import Boolean
from assesskit.rules.ratings import RaterMean
from assesskit.rules.ratios import Plateau, RatioToTarget, Share
from assesskit.rules.tables import Banded, Tier

__all__ = [
    "Banded",
    "BatchRuleContext",
    "BatchScored",
    "Boolean",
    "Constraint",
    "GradedDeduction",
    "PerIncidentDeduction",
    "Plateau",
    "RaterMean",
    "RatioToTarget",
    "Rule",
    "RuleContext",
    "RuleExample",
    "Scored",
    "Share",
    "StepDeduction",
    "Tier",
]
