"""The risk dept (風險管理部): ``microloan.risk-officer`` and ``microloan.risk-manager``.

Source: seed 篇五, 三、風險管理部. A miss is a risk the review should have found
and did not (應發現未發現風險, found the risk dept's fault after the fact); each
is counted once, against the officer's own review or the department.
"""

from __future__ import annotations

from assesskit import Example, Scheme, Text
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

__all__ = ["risk_manager", "risk_officer"]

_SOURCE = Text("seed 篇五, part 3 (risk dept)", "篇五 三、风险管理部的绩效考核")
_DISCIPLINE = Text("discipline and post-loan management", "劳动纪律和贷后管理")
_IDENTIFICATION = Text("risk identification", "风险识别")
_CONTROL = Text("risk control", "风险控制")


def risk_officer() -> Scheme:
    """風險管理員: 風險識別 30 + 風險控制 30 + 部門評價 30 + 勞動紀律 10."""
    return monthly_role(
        "microloan.risk-officer",
        Text("Micro-loan company: risk officer", "小额贷款公司绩效考核:风险管理员"),
        metrics=[
            count(
                "missed_risks_own",
                Text("risks missed in own review", "本人审核应发现未发现风险"),
            ),
            count(
                "missed_risks_department",
                Text("risks missed by the department", "部门应发现未发现风险"),
                Text(
                    "the department's misses other than the officer's own, each counted once",
                    "本人以外的部门漏判,每笔只计一次",
                ),
            ),
            count(
                "control_failures",
                Text("risk controls not applied in time", "未及时执行风险控制手段"),
            ),
            rating(
                "evaluation_score",
                Text("department evaluation", "业务评价"),
                Text("the risk dept's monthly business evaluation", "风险管理部每月业务评价"),
            ),
            discipline_score(
                Text("the risk manager and the admin dept", "风险管理部经理和综合管理部")
            ),
        ],
        components=[
            per_incident(
                "risk_identification",
                _IDENTIFICATION,
                30,
                ("missed_risks_own", "missed_risks_department"),
                3,
            ),
            per_incident("risk_control", _CONTROL, 30, "control_failures", 3),
            rated("evaluation", Text("department evaluation", "部门评价"), 30, "evaluation_score"),
            discipline(_DISCIPLINE),
        ],
        review=REVIEWED_BY_ADMIN_AND_SUPERVISOR,
        source=_SOURCE,
        examples=[
            Example(
                "examples/microloan RO-002 2026-07: discipline exactly 80",
                {
                    "missed_risks_own": 0,
                    "missed_risks_department": 1,
                    "control_failures": 1,
                    "evaluation_score": "86.5",
                    "discipline_score": 80,
                    "standard_salary": 6500,
                },
                {
                    # 30 − 3 × 1 = 27; 30 − 3 × 1 = 27; 30 × 86.5 / 100 = 25.95; 80 → 10
                    "total": "89.95",
                    "band": "full",
                    "components": {
                        "risk_identification": "27",
                        "risk_control": "27",
                        "evaluation": "25.95",
                        "discipline": "10",
                    },
                    "outcome": {"pay_factor": "1", "pay": "6500.00"},
                },
            ),
        ],
    )


def risk_manager() -> Scheme:
    """風險管理部經理: 風險識別 30 + 風險控制 30 + 貸款審批 30 + 勞動紀律 10."""
    return monthly_role(
        "microloan.risk-manager",
        Text("Micro-loan company: risk manager", "小额贷款公司绩效考核:风险管理部经理"),
        metrics=[
            count(
                "missed_risks_department",
                Text("risks missed by the department", "部门应发现未发现风险"),
            ),
            count(
                "department_control_failures",
                Text("department risk controls not applied in time", "部门未及时执行风险控制手段"),
            ),
            count(
                "approval_failures",
                Text("late approvals or wrong risk judgements", "贷款审批不及时、风险判断不准确"),
            ),
            discipline_score(Text("the supervisor and the admin dept", "主管领导和综合管理部")),
        ],
        components=[
            per_incident("risk_identification", _IDENTIFICATION, 30, "missed_risks_department", 2),
            per_incident("risk_control", _CONTROL, 30, "department_control_failures", 2),
            per_incident(
                "loan_approval", Text("loan approval", "贷款审批"), 30, "approval_failures", 3
            ),
            discipline(_DISCIPLINE),
        ],
        review=REVIEWED_BY_ADMIN_AND_SUPERVISOR,
        source=_SOURCE,
        examples=[
            Example(
                "examples/microloan RM-001 2026-07",
                {
                    "missed_risks_department": 1,
                    "department_control_failures": 3,
                    "approval_failures": 1,
                    "discipline_score": 87,
                    "standard_salary": 9000,
                },
                {
                    # 30 − 2 × 1 = 28; 30 − 2 × 3 = 24; 30 − 3 × 1 = 27; 87 → 10
                    "total": "89.00",
                    "band": "full",
                    "components": {
                        "risk_identification": "28",
                        "risk_control": "24",
                        "loan_approval": "27",
                        "discipline": "10",
                    },
                    "outcome": {"pay_factor": "1", "pay": "9000.00"},
                },
            ),
        ],
    )
