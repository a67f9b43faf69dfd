"""A scheme as a plan: the stages scoring runs, in order, and what each must see at once.

Every front end — :meth:`Scheme.score <assesskit.scheme.Scheme.score>` (one
record, explained), :meth:`Scheme.score_batch
<assesskit.scheme.Scheme.score_batch>`, the streaming command line and the
Dask engine — runs the same stages, each from its one implementation:

============  ==========  =========================================================
stage         sees        one implementation
============  ==========  =========================================================
read          a record    :func:`assesskit.pipeline.prepare_records` (and
                          :func:`assesskit.scoring.identity.duplicate_rows`)
score         a record    rules, vetoes, bands, outcomes: ``score_parsed``
                          (exact, the reference) and ``score_columns`` (vectorised)
history       an entity   :mod:`assesskit.scoring.history_stage`
review        an entity   :func:`assesskit.stages.apply_stages`
roll-up       a parent    :meth:`assesskit.hierarchy.RollupSums.combine`
============  ==========  =========================================================

A front end that holds the whole input runs every stage; one that sees only
part of it at a time must bring together what a stage sees: the streaming
command line keeps every record's keys for the history stage, Dask shuffles
records by entity for history and review stages and groups results by
parent for roll-ups.

>>> import assesskit
>>> plan = plan_of(assesskit.get_scheme("microloan.loan-officer"))
>>> [(stage.id, stage.sees.value) for stage in plan.stages]
[('read', 'record'), ('score', 'record'), ('history', 'entity')]
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = ["Plan", "Sees", "Stage", "plan_of"]


class Sees(enum.Enum):
    """What a stage must see at once to decide a record."""

    #: the record alone
    RECORD = "record"
    #: every period (and stage) of the record's entity
    ENTITY = "entity"
    #: every result of the record's parent unit, per period
    PARENT = "parent"


@attrs.frozen
class Stage:
    """One stage of a plan: ``id``, what it does (``label``) and what it ``sees`` at once."""

    id: str
    label: Text
    sees: Sees


@attrs.frozen
class Plan:
    """The stages scoring a scheme's input runs, in order."""

    scheme_id: str
    stages: tuple[Stage, ...]

    def stage(self, stage_id: str) -> Stage | None:
        """The stage *stage_id*, or ``None`` when the scheme does not need it."""
        return next((s for s in self.stages if s.id == stage_id), None)

    def across(self, sees: Sees) -> tuple[Stage, ...]:
        """The stages that must see *sees* at once."""
        return tuple(s for s in self.stages if s.sees is sees)


_READ = Stage(
    "read",
    Text(
        "read and check every record: values, whom and when, given twice",
        "读取并检查每条记录:数值、对象与期间、重复",
    ),
    Sees.RECORD,
)
_SCORE = Stage(
    "score",
    Text("rules, vetoes, band and outcomes of each record", "每条记录的评分规则、否决、档次与结果"),
    Sees.RECORD,
)


def plan_of(scheme: SchemeDefinition) -> Plan:
    """The plan of *scheme*: reading and scoring, then the cross-record stages it declares."""
    stages = [_READ, _SCORE]
    if scheme.history_rules:
        names = ", ".join(rule.id for rule in scheme.history_rules)
        stages.append(
            Stage("history", Text(f"history rules: {names}", f"连续期间规则:{names}"), Sees.ENTITY)
        )
    if scheme.stages:
        names = ", ".join(stage.id for stage in scheme.stages)
        stages.append(
            Stage("review", Text(f"review stages: {names}", f"评审阶段:{names}"), Sees.ENTITY)
        )
    for rollup in scheme.rollups:
        stages.append(
            Stage(
                f"rollup:{rollup.level}",
                Text(f"roll-up to {rollup.level}", f"汇总至{rollup.label.zh}"),
                Sees.PARENT,
            )
        )
    return Plan(scheme.id, tuple(stages))
