"""The audit & finance dept (稽核財務部): ``microloan.cashier`` and ``microloan.accountant``.

Source: the cashier's items 1–7 close seed 篇五 (四、稽核財務部); items 8–9 and the
accountant open 篇三. Each item is "由稽核財務部負責考核": the source names an
assessor but no review stages.
"""

from __future__ import annotations

from assesskit import Component, Example, Metric, MetricKind, Scheme, Text
from assesskit.rules import Boolean
from assesskit_microloan.shared import (
    ASSESSED_BY_AUDIT_FINANCE,
    count,
    discipline,
    discipline_score,
    graded_deduction,
    graded_deduction_inputs,
    monthly_role,
    per_incident,
    rated,
    rating,
)

__all__ = ["accountant", "cashier"]

_DISCIPLINE_RATERS = Text("the audit & finance dept and the admin dept", "稽核财务部和综合管理部")


def _confidentiality_breach() -> Metric:
    return Metric(
        "confidentiality_breach",
        MetricKind.FLAG,
        Text("confidentiality breach", "泄密"),
        description=Text(
            "a breach the company office meeting found to have had serious consequences",
            "经公司办公会认定有泄密行为并造成严重后果",
        ),
    )


def _confidentiality() -> Component:
    return Component(
        "confidentiality",
        Text("confidentiality", "保守公司机密"),
        10,
        Boolean("confidentiality_breach", award_when=False),
    )


def _work_evaluation(raters: Text) -> tuple[Metric, Component]:
    metric = rating(
        "evaluation_score",
        Text("work evaluation", "工作评价"),
        Text(f"the joint rating of {raters.en}", f"由{raters.zh}评价"),
    )
    return metric, rated(
        "work_evaluation", Text("work evaluation", "工作评价"), 10, "evaluation_score"
    )


def cashier() -> Scheme:
    """出納: eight items, 20 + 10 + 10 + 10 + 20 + 10 + 10 + 10."""
    evaluation, work_evaluation = _work_evaluation(
        Text("the dept head and the finance director", "部门负责人及财务总监")
    )
    return monthly_role(
        "microloan.cashier",
        Text("Micro-loan company: cashier", "小额贷款公司绩效考核:出纳"),
        metrics=[
            *graded_deduction_inputs("custody", Text("custody", "保管")),
            count("payroll_errors", Text("payroll and tax sheet errors", "工资表及个税表差错")),
            count("voucher_errors", Text("voucher errors", "记录凭证不合格")),
            count(
                "interest_errors",
                Text("interest calculation errors", "利息收入计算差错"),
                Text(
                    "errors, or complaints upheld by the finance director",
                    "差错或经财务总监认定的业务部门有效投诉",
                ),
            ),
            count("bank_errors", Text("bank procedure errors", "银行手续差错")),
            _confidentiality_breach(),
            discipline_score(_DISCIPLINE_RATERS),
            evaluation,
        ],
        components=[
            graded_deduction(
                "custody",
                Text("custody of cash and securities", "现金及有价证券保管"),
                20,
                "custody",
            ),
            per_incident(
                "payroll", Text("payroll and tax sheets", "工资表及个税表"), 10, "payroll_errors", 1
            ),
            per_incident("vouchers", Text("vouchers", "记录凭证"), 10, "voucher_errors", 1),
            per_incident(
                "interest", Text("interest calculation", "利息收入计算"), 10, "interest_errors", 1
            ),
            per_incident(
                "bank_procedures",
                Text("loan payout and collection procedures", "贷款发放和收回手续"),
                20,
                "bank_errors",
                1,
            ),
            _confidentiality(),
            discipline(),
            work_evaluation,
        ],
        review=ASSESSED_BY_AUDIT_FINANCE,
        source=Text(
            "seed 篇五 part 4 (cashier items 1–7) and 篇三 (items 8–9)",
            "篇五 四、稽核财务部 1. 出纳 (1)–(7);篇三 (8)–(9)",
        ),
        examples=[
            Example(
                "examples/microloan CS-002 2026-07: a total of exactly 60",
                {
                    "custody_incidents": 3,
                    "custody_deduction": "16.5",
                    "payroll_errors": 2,
                    "voucher_errors": 3,
                    "interest_errors": 3,
                    "bank_errors": 5,
                    "confidentiality_breach": False,
                    "discipline_score": 66,
                    "evaluation_score": 45,
                    "standard_salary": 5000,
                },
                {
                    # 3.5 + 8 + 7 + 7 + 15 + 10 + 5 + 4.5 = 60: not below 60, so reduced
                    "total": "60.00",
                    "band": "reduced",
                    "components": {
                        "custody": "3.5",
                        "payroll": "8",
                        "vouchers": "7",
                        "interest": "7",
                        "bank_procedures": "15",
                        "confidentiality": "10",
                        "discipline": "5",
                        "work_evaluation": "4.5",
                    },
                    # 5000 × 0.8
                    "outcome": {"pay_factor": "0.8", "pay": "4000.00"},
                },
            ),
        ],
    )


def accountant() -> Scheme:
    """會計: seven items, 20 + 20 + 10 + 20 + 10 + 10 + 10."""
    evaluation, work_evaluation = _work_evaluation(
        Text("the finance director and the general manager", "财务总监及总经理")
    )
    return monthly_role(
        "microloan.accountant",
        Text("Micro-loan company: accountant", "小额贷款公司绩效考核:会计"),
        metrics=[
            *graded_deduction_inputs("audit", Text("accounting audit", "会计稽核")),
            *graded_deduction_inputs("bookkeeping", Text("bookkeeping", "记账和报表")),
            count("tax_errors", Text("tax filing errors", "纳税申报不及时或差错")),
            count(
                "interest_errors",
                Text("interest review errors", "利息收入计算审核差错"),
                Text(
                    "errors, or complaints from the business dept upheld by the finance director",
                    "差错或经财务总监认定的业务部门有效投诉",
                ),
            ),
            _confidentiality_breach(),
            discipline_score(_DISCIPLINE_RATERS),
            evaluation,
        ],
        components=[
            graded_deduction("audit", Text("accounting audit", "会计稽核"), 20, "audit"),
            graded_deduction(
                "bookkeeping", Text("bookkeeping and reports", "记账和报表"), 20, "bookkeeping"
            ),
            per_incident("tax", Text("tax filing", "纳税申报"), 10, "tax_errors", 5),
            per_incident(
                "interest",
                Text("interest calculation review", "利息收入计算审核"),
                20,
                "interest_errors",
                1,
            ),
            _confidentiality(),
            discipline(),
            work_evaluation,
        ],
        review=ASSESSED_BY_AUDIT_FINANCE,
        source=Text("seed 篇三, part 2 (accountant)", "篇三 2. 会计的考核指标、权重和考核办法"),
        examples=[
            Example(
                "spec worked example",
                {
                    "audit_incidents": 1,
                    "audit_deduction": 4,
                    "bookkeeping_incidents": 0,
                    "bookkeeping_deduction": 0,
                    "tax_errors": 1,
                    "interest_errors": 2,
                    "confidentiality_breach": False,
                    "discipline_score": 72,
                    "evaluation_score": 90,
                },
                {
                    # 16 + 20 + 5 + 18 + 10 + 5 + 9 = 83
                    "total": "83.00",
                    "band": "full",
                    "components": {
                        "audit": "16",
                        "bookkeeping": "20",
                        "tax": "5",
                        "interest": "18",
                        "confidentiality": "10",
                        "discipline": "5",
                        "work_evaluation": "9",
                    },
                    # no standard_salary given: no pay
                    "outcome": {"pay_factor": "1", "pay": None},
                },
            ),
        ],
    )
