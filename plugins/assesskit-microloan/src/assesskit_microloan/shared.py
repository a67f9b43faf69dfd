"""Rules every micro-loan role shares (spec ``microloan.md``, "Shared rules").

- the discipline band (勞動紀律, 10 points): ``>= 80 → 10``, ``[60, 80) → 5``,
  ``< 60 → 0``;
- the pay band of the monthly roles (工資檔次): ``full`` from 80, ``reduced``
  on ``[60, 80)``, ``low`` below 60, with pay factors 1.00 / 0.80 / 0.60;
- dismissal (予以辭退) after three consecutive months at 60 or below, on the
  total and/or on the discipline rating;
- the per-incident and graded deductions and the rater score × weight.

Each helper returns plain assesskit parts (metrics, components, outcomes), so a
role module reads as the table of its spec.
"""

from __future__ import annotations

from collections.abc import Sequence

from assesskit import (
    Band,
    BandTable,
    Component,
    Example,
    HistoryRule,
    Input,
    Interval,
    Metric,
    MetricKind,
    Outcome,
    OutcomeRef,
    PeriodKind,
    Review,
    Scheme,
    Text,
    Total,
    Trigger,
)
from assesskit.expressions import BandLookup
from assesskit.rules import Banded, GradedDeduction, PerIncidentDeduction, RaterMean

__all__ = [
    "ASSESSED_BY_AUDIT_FINANCE",
    "DISCIPLINE_LABEL",
    "DISCIPLINE_WEIGHT",
    "DISMISSAL_MONTHS",
    "PAY_BANDS",
    "PAY_FACTORS",
    "REVIEWED_BY_ADMIN_AND_SUPERVISOR",
    "SCHEME_VERSION",
    "count",
    "discipline",
    "discipline_score",
    "dismissal",
    "graded_deduction",
    "graded_deduction_inputs",
    "monthly_role",
    "per_incident",
    "rated",
    "rating",
    "standard_salary",
]

#: Version of every scheme of this family; bump it when a rule changes.
SCHEME_VERSION = "1.0"

#: Points of the discipline component in every role.
DISCIPLINE_WEIGHT = 10

#: "連續3個月60分以下,予以辭退": the current month and the two before it.
DISMISSAL_MONTHS = 3

#: Initial and final review of the loan business, risk and admin departments.
REVIEWED_BY_ADMIN_AND_SUPERVISOR = Review(
    initial=Text("admin dept and the supervisor", "综合管理部和主管领导"),
    final=Text("general manager", "总经理"),
)

#: The cashier and the accountant: an assessor per item, no review stages.
ASSESSED_BY_AUDIT_FINANCE = Review(
    assessor=Text("audit & finance dept", "稽核财务部"),
    note=Text(
        "assessor only, no stages: the source names the assessor of each item "
        "(the audit & finance dept) and gives no initial or final review",
        "原文只写明各项“由稽核财务部负责考核”,未规定初评和最终评价",
    ),
)


# -- inputs -------------------------------------------------------------------


def count(name: str, label: Text, description: Text | None = None) -> Metric:
    """A count of incidents (a whole number >= 0)."""
    return Metric(name, MetricKind.COUNT, label, description=description)


def rating(
    name: str, label: Text, description: Text | None = None, *, required: bool = True
) -> Metric:
    """A rater's score in [0, 100]."""
    return Metric(name, MetricKind.RATING, label, required=required, description=description)


def discipline_score(rated_by: Text) -> Metric:
    """The discipline rating (勞動紀律), by the raters the source names for the role."""
    return rating(
        "discipline_score",
        Text("discipline rating", "劳动纪律评分"),
        Text(f"rated by {rated_by.en}", f"由{rated_by.zh}考核"),
    )


def standard_salary() -> Metric:
    """The monthly standard salary (本人標準工資 / 應發工資); optional."""
    return Metric(
        "standard_salary",
        MetricKind.MONEY,
        Text("standard salary", "标准工资"),
        required=False,
        unit="元",
    )


def graded_deduction_inputs(prefix: str, what: Text) -> tuple[Metric, Metric]:
    """The two inputs of a graded deduction: ``<prefix>_incidents`` and ``<prefix>_deduction``."""
    incidents = count(f"{prefix}_incidents", Text(f"{what.en} incidents", f"{what.zh}差错次数"))
    deduction = Metric(
        f"{prefix}_deduction",
        MetricKind.NUMBER,
        Text(f"{what.en} points taken", f"{what.zh}扣分"),
        domain=Interval.at_least(0),
        max_decimals=2,
        description=Text(
            "total points the assessor took, 1 to 20 per incident",
            "考核部门视差错性质和金额大小每次扣 1–20 分的合计",
        ),
    )
    return incidents, deduction


# -- components ---------------------------------------------------------------


#: The discipline component's label in most roles.
DISCIPLINE_LABEL = Text("discipline", "劳动纪律")


def discipline(label: Text = DISCIPLINE_LABEL) -> Component:
    """The discipline band, 10 points.

    Source: "得分80分以上,本項得分為10%。80分以下60分以上,本項得分為5%。60分以下本項得分為0".
    Read literally 80 and 60 each fall in two bands; the higher band wins at a
    shared end, so a rating of exactly 60 earns 5 points.
    """
    return Component(
        "discipline",
        label,
        DISCIPLINE_WEIGHT,
        Banded(
            "discipline_score",
            [
                (Interval.at_least(80), 10),
                (Interval.closed_open(60, 80), 5),
                (Interval.below(60), 0),
            ],
            scale=DISCIPLINE_WEIGHT,
        ),
        note=Text(
            "source: 80分以上 10, 80分以下60分以上 5, 60分以下 0; "
            "at 80 and 60 the higher band wins",
            "原文 80 和 60 各属两档,取高档:80 分得 10 分,60 分得 5 分",
        ),
    )


def per_incident(
    component_id: str, label: Text, weight: int, metrics: str | Sequence[str], points: int
) -> Component:
    """``weight − points × incidents``, not below 0 (每次本項得分降低 points%)."""
    names = (metrics,) if isinstance(metrics, str) else tuple(metrics)
    return Component(component_id, label, weight, PerIncidentDeduction(names, points))


def graded_deduction(component_id: str, label: Text, weight: int, prefix: str) -> Component:
    """``weight − deduction``, the assessor choosing 1 to 20 points per incident.

    Source: "每次出現差錯…根據差錯性質和涉及金額大小,本項的得分降低1%-20%". A record is
    valid only when ``incidents <= deduction <= 20 × incidents``.
    """
    return Component(
        component_id,
        label,
        weight,
        GradedDeduction(f"{prefix}_incidents", f"{prefix}_deduction", low=1, high=20),
    )


def rated(component_id: str, label: Text, weight: int, metrics: str | Sequence[str]) -> Component:
    """``weight × rating / 100``; with several raters, the mean of the ratings given."""
    names = (metrics,) if isinstance(metrics, str) else tuple(metrics)
    return Component(component_id, label, weight, RaterMean(names))


# -- bands, outcomes, history -----------------------------------------------------

#: Pay factor per band (全額 / 八成 / 六成).
PAY_FACTORS: dict[str, int | str] = {"full": 1, "reduced": "0.8", "low": "0.6"}

#: The pay band of the monthly roles, on the published total.
#: Source: "80分以上,按本人標準工資發放,低于80分,高于60分,按本人標準工資80%發放,
#: 低于60分,按本人標準工資60%發放" leaves exactly 60 in no band; resolved: 60 is
#: ``reduced``.
PAY_BANDS = BandTable(
    (
        Band("full", Text("full pay", "全额(按本人标准工资发放)"), Interval.at_least(80)),
        Band(
            "reduced",
            Text("80% of pay", "八成(按本人标准工资80%发放)"),
            Interval.closed_open(60, 80),
        ),
        Band("low", Text("60% of pay", "六成(按本人标准工资60%发放)"), Interval.below(60)),
    )
)


def pay_outcomes() -> tuple[Outcome, ...]:
    """``pay_factor`` by band, and ``pay = standard_salary × pay_factor`` (to the fen)."""
    return (
        Outcome(
            "pay_factor",
            Text("pay factor", "工资系数"),
            BandLookup(PAY_FACTORS),
            kind="number",
            places=2,
        ),
        Outcome(
            "pay",
            Text("pay", "实发工资"),
            Input("standard_salary") * OutcomeRef("pay_factor"),
            kind="money",
            note=Text("only when standard_salary is given", "给出标准工资时计算"),
        ),
    )


def dismissal(*, on_total: bool) -> HistoryRule:
    """ "連續3個月60分以下,予以辭退": 以下 includes 60, so each trigger is ``<= 60``.

    The discipline trigger applies to every role with a discipline component;
    the total trigger only to roles with a pay band (``on_total``).
    """
    triggers = []
    if on_total:
        triggers.append(
            Trigger(
                "total", Text("monthly total at 60 or below", "月度得分60分以下"), Total() <= 60
            )
        )
    triggers.append(
        Trigger(
            "discipline",
            Text("discipline rating at 60 or below", "劳动纪律得分60分以下"),
            Input("discipline_score") <= 60,
        )
    )
    return HistoryRule(
        "dismissal",
        Text(
            "dismissal: three consecutive months at 60 or below",
            "连续3个月60分以下,予以辞退",
        ),
        DISMISSAL_MONTHS,
        triggers,
        triggers_outcome="dismissal_trigger",
    )


def monthly_role(
    scheme_id: str,
    title: Text,
    *,
    metrics: Sequence[Metric],
    components: Sequence[Component],
    review: Review,
    source: Text,
    description: Text | None = None,
    examples: Sequence[Example] = (),
) -> Scheme:
    """A monthly role with the pay band: standard salary, pay outcomes, both dismissal triggers."""
    return Scheme(
        id=scheme_id,
        version=SCHEME_VERSION,
        title=title,
        period=PeriodKind.MONTHLY,
        metrics=[*metrics, standard_salary()],
        components=components,
        bands=PAY_BANDS,
        outcomes=pay_outcomes(),
        history_rules=[dismissal(on_total=True)],
        review=review,
        source=source,
        description=description,
        examples=examples,
    )
