"""The two schemes: ``relocation.county`` and ``relocation.prefecture``.

Both score the same nine areas (:mod:`assesskit_relocation.areas`) and grade
the total with the same bands; they differ in who is assessed, at which
stages (:mod:`assesskit_relocation.timetable`) and to which level their
results roll up:

- ``relocation.county``: one record per county, year and stage
  (``self_check`` or ``prefecture``); ``self_check_gap`` and
  ``inflated_self_check`` compare the two stages; the prefecture-stage totals
  roll up to each prefecture (``parent_id``), weighted by
  ``relocated_households``;
- ``relocation.prefecture``: one record per prefecture and year at stage
  ``province``; the totals roll up to the province, weighted by each
  prefecture's own ``relocated_households``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assesskit import Example, PeriodKind, Review, Scheme, Text
from assesskit.hierarchy import Rollup
from assesskit.stages import Stage, StageComparison
from assesskit_relocation.areas import (
    BANDS,
    PARAMETERS,
    SCHEME_VERSION,
    area_components,
    area_metrics,
)
from assesskit_relocation.timetable import PREFECTURE, PROVINCE, SELF_CHECK, SELF_CHECK_GAP

__all__ = [
    "COUNTY_A_PREFECTURE",
    "COUNTY_A_SELF_CHECK",
    "PREFECTURE_EXAMPLE",
    "county",
    "prefecture",
]

_SOURCE = Text(
    "篇六: Guizhou, assessment of the relocation project (易地扶贫搬迁工程实施成效考核办法)",
    "篇六:贵州省易地扶贫搬迁工程实施成效考核办法",
)
_REVIEW = Review(
    assessor=Text(
        "organised by the provincial relocation HQ", "省易地扶贫搬迁工程建设指挥部组织实施"
    ),
    note=Text(
        "three stages a year, in February and March of the year after the assessed year",
        "原则上安排在每年2—3月进行:县自查、市(州)考核、省考核",
    ),
)

#: County A of the spec's worked example, prefecture stage: attainments
#: 0.98, 0.9, 0.9, 0.85, 0.9, 0.8, 0.95, 0.9, 0.7 sum to 7.88;
#: 100/9 × 7.88 = 87.555… → 87.56, ``fairly_good``.
COUNTY_A_PREFECTURE: dict[str, Any] = {
    "entity_id": "county-a",
    "parent_id": "prefecture-x",
    "year": 2024,
    "stage": "prefecture",
    "assessed_on": "2025-02-27",
    "eligible_households": 98,
    "relocated_households": 100,
    "construction_rating": 90,
    "moved_in_households": 180,
    "housing_completed_households": 200,
    "poverty_exit_rating": 85,
    "demolished_houses": 45,
    "demolition_due_houses": 50,
    "funds_rating": 80,
    "leadership_rating": 95,
    "responsibility_rating": 90,
    "archives_rating": 70,
}

#: County A's self-check the same year: attainments 1, 1, 1, 0.95, 1, 0.98,
#: 1, 1, 0.98 sum to 8.91; 100/9 × 8.91 = 99.00, ``good``. With the
#: prefecture stage: gap 99.00 − 87.56 = 11.44 > 10 → ``inflated_self_check``.
COUNTY_A_SELF_CHECK: dict[str, Any] = {
    **COUNTY_A_PREFECTURE,
    "stage": "self_check",
    "assessed_on": "2025-02-19",
    "eligible_households": 100,
    "construction_rating": 100,
    "moved_in_households": 200,
    "poverty_exit_rating": 95,
    "demolished_houses": 50,
    "funds_rating": 98,
    "leadership_rating": 100,
    "responsibility_rating": 100,
    "archives_rating": 98,
}


#: A prefecture at the province stage: attainments 990/1000, 0.9, 950/1000,
#: 0.88, 900/1000, 0.9, 0.94, 0.92, 0.86 sum to 8.24; 100/9 × 8.24 = 91.555…
#: → 91.56, ``good``.
PREFECTURE_EXAMPLE: dict[str, Any] = {
    "entity_id": "prefecture-x",
    "parent_id": "province",
    "year": 2024,
    "stage": "province",
    "assessed_on": "2025-03-15",
    "eligible_households": 990,
    "relocated_households": 1000,
    "construction_rating": 90,
    "moved_in_households": 950,
    "housing_completed_households": 1000,
    "poverty_exit_rating": 88,
    "demolished_houses": 900,
    "demolition_due_houses": 1000,
    "funds_rating": 90,
    "leadership_rating": 94,
    "responsibility_rating": 92,
    "archives_rating": 86,
}


def _scheme(
    scheme_id: str,
    title: Text,
    stages: Sequence[Stage],
    comparisons: Sequence[StageComparison],
    rollup: Rollup,
    description: Text,
    examples: Sequence[Example] = (),
) -> Scheme:
    return Scheme(
        id=scheme_id,
        version=SCHEME_VERSION,
        title=title,
        period=PeriodKind.ANNUAL,
        metrics=area_metrics(),
        components=area_components(),
        bands=BANDS,
        # inflation_threshold only means something where stages are compared.
        parameters=PARAMETERS if comparisons else (),
        review=_REVIEW,
        weights="relative",
        not_applicable="rescale",
        tunable_weights=True,
        tunable_bands=True,
        stages=stages,
        stage_comparisons=comparisons,
        rollups=(rollup,),
        description=description,
        source=_SOURCE,
        examples=examples,
    )


def county() -> Scheme:
    """``relocation.county``: a project county, at its self-check and its prefecture's review."""
    return _scheme(
        "relocation.county",
        Text(
            "Relocation project: assessment of a project county",
            "易地扶贫搬迁工程实施成效考核:项目县(市、区、特区)",
        ),
        (SELF_CHECK, PREFECTURE),
        (SELF_CHECK_GAP,),
        Rollup(
            "prefecture",
            Text("prefecture roll-up of its counties", "市(州)汇总"),
            method="weighted_mean",
            weight="relocated_households",
            stage="prefecture",
        ),
        Text(
            "One record per county, year and stage (self_check, prefecture). The "
            "prefecture-stage totals roll up to each prefecture (parent_id), weighted by "
            "relocated_households.",
            "每个项目县每年每阶段(自查、市州考核)一条记录;市(州)考核得分按搬迁户数加权汇总到市(州)。",
        ),
        (
            Example(
                "County A, prefecture stage (spec worked example)",
                COUNTY_A_PREFECTURE,
                {"total": "87.56", "band": "fairly_good"},
            ),
            Example(
                "County A, self-check",
                COUNTY_A_SELF_CHECK,
                {"total": "99.00", "band": "good"},
            ),
        ),
    )


def prefecture() -> Scheme:
    """``relocation.prefecture``: a prefecture (or Gui'an New Area), at the province's review."""
    return _scheme(
        "relocation.prefecture",
        Text(
            "Relocation project: assessment of a prefecture",
            "易地扶贫搬迁工程实施成效考核:市(州)人民政府和贵安新区管委会",
        ),
        (PROVINCE,),
        (),
        Rollup(
            "province",
            Text("province roll-up of its prefectures", "全省汇总"),
            method="weighted_mean",
            weight="relocated_households",
            stage="province",
        ),
        Text(
            "One record per prefecture and year at stage province. The totals roll up to the "
            "province (parent_id), weighted by each prefecture's relocated_households.",
            "每个市(州)每年一条省考核记录;得分按各市(州)搬迁户数加权汇总到省。",
        ),
        (
            Example(
                "a prefecture at the province stage",
                PREFECTURE_EXAMPLE,
                {"total": "91.56", "band": "good"},
            ),
        ),
    )
