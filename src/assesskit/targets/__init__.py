"""The target model: targets with deadlines, as a rule kind and as plans that are data.

Health poverty-alleviation plans (衛生精準扶貧) and the like are lists of
targets with deadlines: a quantity to reach (built, trained, dispatched,
raised, lowered) by a date or every year over a range of years. This package
models them for any scheme:

- :mod:`~assesskit.targets.schedule`: target kinds (``cumulative``,
  ``annual``, ``at_least``, ``at_most``, ``share``, ``milestone``), their
  schedules and the verdict for an assessed year (``met``, ``behind``,
  ``not_due``), exactly;
- :mod:`~assesskit.targets.rule`: :class:`Target`, the rule kind
  (``kind = "target"``): the model and the rule protocol, with its words
  (``_words``: explanations, description), its vectorised twin (``_batch``)
  and the constraint it brings (``_given``: :class:`TargetInputsGiven`) in
  private modules of their own;
- :mod:`~assesskit.targets.plans`: a plan as a table of :class:`TargetSpec`
  rows with :class:`Consequence` flags attached to targets, and
  :func:`plan_scheme`, which builds a scheme from any such table;
  :func:`quota_targets` and :func:`sum_member_figures` for units scored
  against quotas and rolled up to their parent;
- :mod:`~assesskit.targets.table`: :func:`schedule_table`, which targets are
  due in which year (for ``assesskit show``).
"""

from assesskit.targets.plans import (
    ABOUT_TOLERANCE,
    Consequence,
    TargetSpec,
    plan_scheme,
    quota_targets,
    sum_member_figures,
)
from assesskit.targets.rule import Target, TargetInputsGiven
from assesskit.targets.schedule import (
    KIND_LABELS,
    STATUSES,
    SUMMABLE_KINDS,
    TARGET_KINDS,
    MissingInput,
    Schedule,
    Status,
    TargetKind,
    Verdict,
    judge_level,
    judge_milestone,
)
from assesskit.targets.table import ScheduleCell, ScheduleRow, ScheduleTable, schedule_table

__all__ = [
    "ABOUT_TOLERANCE",
    "KIND_LABELS",
    "STATUSES",
    "SUMMABLE_KINDS",
    "TARGET_KINDS",
    "Consequence",
    "MissingInput",
    "Schedule",
    "ScheduleCell",
    "ScheduleRow",
    "ScheduleTable",
    "Status",
    "Target",
    "TargetInputsGiven",
    "TargetKind",
    "TargetSpec",
    "Verdict",
    "judge_level",
    "judge_milestone",
    "plan_scheme",
    "quota_targets",
    "schedule_table",
    "sum_member_figures",
]
