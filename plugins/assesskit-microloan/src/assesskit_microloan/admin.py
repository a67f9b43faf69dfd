"""The admin dept (綜合管理部): ``microloan.admin-manager`` and ``microloan.admin-clerk``.

Source: seed 篇三, 五、綜合管理部. The other departments rate the manager (總經理,
財務總監, 業務部門負責人, 風險管理部經理: the mean of the ratings given); the manager
rates the clerks.
"""

from __future__ import annotations

from assesskit import Example, Metric, Scheme, Text
from assesskit_microloan.shared import (
    REVIEWED_BY_ADMIN_AND_SUPERVISOR,
    count,
    discipline,
    discipline_score,
    monthly_role,
    per_incident,
    rated,
    rating,
)

__all__ = ["RATERS", "admin_clerk", "admin_manager"]

_SOURCE = Text("seed 篇三, part 5 (admin dept)", "篇三 五、综合管理部的绩效考核")
_PERSONNEL = Text("personnel management", "人事管理")
_SERVICE = Text("general services", "综合服务")
_ARCHIVES = Text("archives", "档案管理")
_ARCHIVE_INCIDENTS = Text("archive lapses", "档案管理不及时、不完整、不准确")

#: The four raters of the admin manager: field suffix and label.
RATERS = (
    ("general_manager", Text("general manager", "总经理")),
    ("finance_director", Text("finance director", "财务总监")),
    ("business_head", Text("head of the business dept", "业务部门负责人")),
    ("risk_manager", Text("risk manager", "风险管理部经理")),
)


def _rater_inputs(prefix: str, what: Text) -> list[Metric]:
    return [
        rating(
            f"{prefix}_rating_{suffix}",
            Text(f"{what.en} rated by the {who.en}", f"{who.zh}对{what.zh}的评分"),
            Text("left empty when this rater did not rate", "未评分时留空"),
            required=False,
        )
        for suffix, who in RATERS
    ]


def admin_manager() -> Scheme:
    """綜合管理部經理: 人事管理 30 + 綜合服務 30 + 檔案管理 30 + 勞動紀律 10."""
    personnel = _rater_inputs("personnel", _PERSONNEL)
    service = _rater_inputs("service", _SERVICE)
    return monthly_role(
        "microloan.admin-manager",
        Text("Micro-loan company: admin manager", "小额贷款公司绩效考核:综合管理部经理"),
        metrics=[
            *personnel,
            *service,
            count("archive_incidents", _ARCHIVE_INCIDENTS),
            discipline_score(Text("the supervisor", "主管领导")),
        ],
        components=[
            rated("personnel", _PERSONNEL, 30, [m.name for m in personnel]),
            rated("service", _SERVICE, 30, [m.name for m in service]),
            per_incident("archives", _ARCHIVES, 30, "archive_incidents", 2),
            discipline(),
        ],
        review=REVIEWED_BY_ADMIN_AND_SUPERVISOR,
        source=_SOURCE,
        description=Text(
            "a rater who did not rate is left out of the mean; at least one rating is required",
            "未评分者不计入平均分;至少须有一人评分",
        ),
        examples=[
            Example(
                "examples/microloan AM-001 2026-08: the business head did not rate",
                {
                    "personnel_rating_general_manager": 78,
                    "personnel_rating_finance_director": 89,
                    "personnel_rating_risk_manager": 81,
                    "service_rating_general_manager": 92,
                    "service_rating_finance_director": 76,
                    "service_rating_risk_manager": 85,
                    "archive_incidents": 0,
                    "discipline_score": 93,
                    "standard_salary": 8800,
                },
                {
                    # 30 × (78 + 89 + 81) / 3 / 100 = 24.8; 30 × (92 + 76 + 85) / 3 / 100 = 25.3;
                    # 30; 93 → 10
                    "total": "90.10",
                    "band": "full",
                    "components": {
                        "personnel": "24.8",
                        "service": "25.3",
                        "archives": "30",
                        "discipline": "10",
                    },
                    "outcome": {"pay_factor": "1", "pay": "8800.00"},
                },
            ),
        ],
    )


def admin_clerk() -> Scheme:
    """綜合管理部文員: 人事管理 30 + 綜合服務 30 + 檔案管理 30 + 勞動紀律 10."""
    manager = Text("the admin manager", "综合管理部经理")
    return monthly_role(
        "microloan.admin-clerk",
        Text("Micro-loan company: admin clerk", "小额贷款公司绩效考核:综合管理部文员"),
        metrics=[
            rating(
                "personnel_rating", Text("personnel rating", "人事管理评分"), _rated_by(manager)
            ),
            rating("service_rating", Text("service rating", "综合服务评分"), _rated_by(manager)),
            count("archive_incidents", _ARCHIVE_INCIDENTS),
            discipline_score(manager),
        ],
        components=[
            rated("personnel", _PERSONNEL, 30, "personnel_rating"),
            rated("service", _SERVICE, 30, "service_rating"),
            per_incident("archives", _ARCHIVES, 30, "archive_incidents", 3),
            discipline(),
        ],
        review=REVIEWED_BY_ADMIN_AND_SUPERVISOR,
        source=_SOURCE,
        examples=[
            Example(
                "examples/microloan CK-001 2026-08: just below 80",
                {
                    "personnel_rating": 74,
                    "service_rating": 79,
                    "archive_incidents": 2,
                    "discipline_score": 96,
                    "standard_salary": 4800,
                },
                {
                    # 30 × 74 / 100 = 22.2; 30 × 79 / 100 = 23.7; 30 − 3 × 2 = 24; 96 → 10
                    "total": "79.90",
                    "band": "reduced",
                    "components": {
                        "personnel": "22.2",
                        "service": "23.7",
                        "archives": "24",
                        "discipline": "10",
                    },
                    # 4800 × 0.8
                    "outcome": {"pay_factor": "0.8", "pay": "3840.00"},
                },
            ),
        ],
    )


def _rated_by(who: Text) -> Text:
    return Text(f"rated by {who.en}", f"由{who.zh}评价")
