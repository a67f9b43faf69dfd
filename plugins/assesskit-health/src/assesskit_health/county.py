"""``health.county``: a county against the quotas it was given, target by target.

The province splits its targets into county quotas. A record names the county
(``entity_id``), its prefecture or the province (``parent_id``) and the year;
for any target of the Gansu table it may give ``<target>_required`` (the
county's quota due that year) and ``<target>_actual`` (its figure). A target
with neither is not due; with only one of the two it is an error. Kinds,
"about" marks and consequences are the Gansu table's (``funding_cut`` when
``village_clinics`` is behind, ``accountability`` from
``substandard_clinic_projects``). For the milestone the quota is the deadline
date: a county's missing date after its deadline year means "not done".

The province's figures for the ``cumulative`` and ``annual`` targets are the
sums of its counties': :func:`assesskit.targets.sum_member_figures` produces
them from county rows.
"""

from __future__ import annotations

from assesskit import Scheme, Text
from assesskit.targets import TargetSpec, plan_scheme, quota_targets
from assesskit_health.gansu import GANSU_TARGETS, GANSU_YEARS, SCHEME_VERSION

__all__ = ["COUNTY_TARGETS", "county"]

#: The Gansu targets, each measured against a county quota.
COUNTY_TARGETS: tuple[TargetSpec, ...] = quota_targets(GANSU_TARGETS)


def county() -> Scheme:
    """The county quota scheme (``health.county``)."""
    return plan_scheme(
        "health.county",
        Text(
            "Gansu health poverty-alleviation plan: county quotas",
            "甘肃省卫生精准扶贫:县(市、区)任务",
        ),
        COUNTY_TARGETS,
        GANSU_YEARS,
        version=SCHEME_VERSION,
        description=Text(
            "A county's figures for one year against the quotas it was given; a target "
            "without a quota that year takes no part and the others are scaled to 100.",
            "按年度考核县(市、区)分解任务完成情况;当年无任务的目标不参加考核,其余目标权重按比例放大到100。",
        ),
        source=Text(
            "seed 篇十一 (甘肃省卫生精准扶贫, 考核)", "篇十一(甘肃省卫生精准扶贫,考核部分)"
        ),
    )
