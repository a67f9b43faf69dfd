"""The nine areas (考核內容), their inputs, the grades and the parameters (spec ``relocation.md``).

The source lists nine areas and gives no weights, scoring rules or grades.
As the spec resolves it: the three areas that can be counted score the share
attained (``w × numerator / denominator``; a zero denominator means the area
does not apply and the other weights are scaled to 100), the six others are
rated 0–100 by the assessors (``w × rating / 100``), and every area weighs 1
(relative), i.e. 100/9 points. A province changes the weights
(``weights.<area>``), the grade thresholds (``bands.<grade>``) and the
inflation threshold through parameters.

=====================  ================================  =====================================
area id                label                             points
=====================  ================================  =====================================
``target_accuracy``    搬遷對象精準落實情況              ``w × eligible / relocated``
``construction``       工程建設管理情況                  ``w × construction_rating / 100``
``move_in``            搬遷入住情況                      ``w × moved_in / completed``
``poverty_exit``       脫貧措施落實和脫貧效果情況        ``w × poverty_exit_rating / 100``
``demolition``         舊房拆除情況                      ``w × demolished / due``
``funds``              資金使用和管理情況                ``w × funds_rating / 100``
``leadership``         組織領導情況                      ``w × leadership_rating / 100``
``responsibility``     責任制落實情況                    ``w × responsibility_rating / 100``
``archives``           檔案管理和信息系統建設情況        ``w × archives_rating / 100``
=====================  ================================  =====================================
"""

from __future__ import annotations

from assesskit import Band, BandTable, Component, Interval, Metric, MetricKind, Parameter, Text
from assesskit.rules import RaterMean, Share

__all__ = [
    "AREA_IDS",
    "BANDS",
    "INFLATION_THRESHOLD",
    "PARAMETERS",
    "SCHEME_VERSION",
    "area_components",
    "area_metrics",
]

#: Version of both schemes of this family; bump it when a rule changes.
SCHEME_VERSION = "1.0"

#: The nine areas, in the order of the source.
AREA_IDS = (
    "target_accuracy",
    "construction",
    "move_in",
    "poverty_exit",
    "demolition",
    "funds",
    "leadership",
    "responsibility",
    "archives",
)

# area id → (label, numerator, denominator) for the counted areas
_SHARES: dict[str, tuple[Text, Text, Text]] = {
    "target_accuracy": (
        Text("accuracy of the relocation targets", "搬迁对象精准落实情况"),
        Text("eligible households", "符合条件的搬迁户数"),
        Text("relocated households", "搬迁户数"),
    ),
    "move_in": (
        Text("moving in", "搬迁入住情况"),
        Text("households moved in", "已入住户数"),
        Text("households whose housing is completed", "住房已竣工户数"),
    ),
    "demolition": (
        Text("demolition of old houses", "旧房拆除情况"),
        Text("old houses demolished", "已拆除旧房数"),
        Text("old houses due for demolition", "应拆除旧房数"),
    ),
}
_SHARE_FIELDS: dict[str, tuple[str, str]] = {
    "target_accuracy": ("eligible_households", "relocated_households"),
    "move_in": ("moved_in_households", "housing_completed_households"),
    "demolition": ("demolished_houses", "demolition_due_houses"),
}
# area id → label of the rated areas; the input is ``<area>_rating``
_RATED: dict[str, Text] = {
    "construction": Text("construction management", "工程建设管理情况"),
    "poverty_exit": Text("poverty-exit measures and results", "脱贫措施落实和脱贫效果情况"),
    "funds": Text("use and management of funds", "资金使用和管理情况"),
    "leadership": Text("organisation and leadership", "组织领导情况"),
    "responsibility": Text("responsibility system", "责任制落实情况"),
    "archives": Text("archives and information system", "档案管理和信息系统建设情况"),
}

_ELIGIBLE_NOTE = Text(
    "households verified as registered poor households or approved same-village movers",
    "经核实为建档立卡贫困户或经批准的同步搬迁户",
)


def area_metrics() -> tuple[Metric, ...]:
    """The twelve inputs of the nine areas: six counts and six ratings (0–100)."""
    metrics: list[Metric] = []
    for area in AREA_IDS:
        if area in _SHARES:
            _, num_label, den_label = _SHARES[area]
            num, den = _SHARE_FIELDS[area]
            note = _ELIGIBLE_NOTE if num == "eligible_households" else None
            metrics.append(Metric(num, MetricKind.COUNT, num_label, description=note))
            metrics.append(Metric(den, MetricKind.COUNT, den_label))
        else:
            label = _RATED[area]
            metrics.append(
                Metric(
                    f"{area}_rating",
                    MetricKind.RATING,
                    Text(f"{label.en} rating", f"{label.zh}评分"),
                    direction="higher_is_better",
                )
            )
    return tuple(metrics)


def area_components() -> tuple[Component, ...]:
    """The nine areas, each of relative weight 1 (100/9 points by default).

    A counted area brings the domain rule ``numerator <= denominator`` (an
    error naming both fields) and does not apply when its denominator is 0.
    """
    components: list[Component] = []
    for area in AREA_IDS:
        if area in _SHARES:
            num, den = _SHARE_FIELDS[area]
            components.append(Component(area, _SHARES[area][0], 1, Share(num, den)))
        else:
            components.append(Component(area, _RATED[area], 1, RaterMean(f"{area}_rating")))
    return tuple(components)


#: The grades (好 / 較好 / 一般 / 較差); the source gives none, these are the
#: spec's defaults. Lower ends closed: 90 is ``good``, 80 ``fairly_good``, 60
#: ``average``. Their lower ends are the parameters ``bands.good``,
#: ``bands.fairly_good`` and ``bands.average``.
BANDS = BandTable(
    (
        Band("good", Text("good", "好"), Interval.at_least(90)),
        Band("fairly_good", Text("fairly good", "较好"), Interval.closed_open(80, 90)),
        Band("average", Text("average", "一般"), Interval.closed_open(60, 80)),
        Band("poor", Text("poor", "较差"), Interval.below(60)),
    )
)

#: A self-check total more than this many points above the prefecture's
#: total is flagged ``inflated_self_check`` (``>``: exactly 10 is not).
INFLATION_THRESHOLD = Parameter(
    "inflation_threshold",
    Text("inflation threshold (points)", "自查虚高阈值(分)"),
    10,
    domain=Interval.at_least(0),
    description=Text(
        "self_check total − prefecture total above this flags inflated_self_check",
        "自查总分比市(州)考核总分高出此分值以上(不含本数)即为自查虚高",
    ),
)

#: Declared parameters of both schemes (weights and bands come with
#: ``tunable_weights`` and ``tunable_bands``).
PARAMETERS = (INFLATION_THRESHOLD,)
