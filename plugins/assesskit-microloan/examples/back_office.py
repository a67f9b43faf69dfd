"""The back office of the microloan example: cashiers, accountants, the administration.

Their rows for ``generate.py`` (beside this module), which writes the files;
every random choice comes from the one generator it passes in, in a fixed
order.
"""

from __future__ import annotations

import random

from cells import MONTHS, D, flag, points

CASHIER_HEADER = [
    "entity_id",
    "name",
    "period",
    "custody_incidents",
    "custody_deduction",
    "payroll_errors",
    "voucher_errors",
    "interest_errors",
    "bank_errors",
    "confidentiality_breach",
    "discipline_score",
    "evaluation_score",
    "standard_salary",
]


def cashier_row(
    eid, name, month, salary, custody, payroll, voucher, interest, bank, breach, disc, ev
):
    return {
        "entity_id": eid,
        "name": name,
        "period": month,
        "custody_incidents": str(custody[0]),
        "custody_deduction": points(custody[1]),
        "payroll_errors": str(payroll),
        "voucher_errors": str(voucher),
        "interest_errors": str(interest),
        "bank_errors": str(bank),
        "confidentiality_breach": flag(breach),
        "discipline_score": points(disc),
        "evaluation_score": points(ev),
        "standard_salary": salary,
    }


def gen_cashiers(rng: random.Random) -> list[dict]:
    rows = []
    # CS-001 邓丽华: a reliable cashier, random small slips
    # CS-002 曹颖: total <= 60 in all three months (dismissal, total trigger);
    #   2026-07 is exactly 60.00 (band reduced, and it counts as <= 60)
    cs2 = {
        "2026-07": {
            "custody": (3, "16.5"),
            "payroll": 2,
            "voucher": 3,
            "interest": 3,
            "bank": 5,
            "breach": False,
            "disc": 66,
            "ev": 45,
        },  # 60.00
        "2026-08": {
            "custody": (2, "10"),
            "payroll": 1,
            "voucher": 4,
            "interest": 2,
            "bank": 7,
            "breach": True,
            "disc": 70,
            "ev": 40,
        },  # 55.00
        "2026-09": {
            "custody": (1, "8.5"),
            "payroll": 2,
            "voucher": 4,
            "interest": 3,
            "bank": 9,
            "breach": False,
            "disc": 58,
            "ev": 40,
        },  # 57.50
    }
    for month in MONTHS:
        incidents = 1 if rng.random() < 0.3 else 0
        deduction = D(rng.randint(2, 8)) / 2 if incidents else D(0)
        rows.append(
            cashier_row(
                "CS-001",
                "邓丽华",
                month,
                "6200",
                (incidents, deduction),
                rng.choice((0, 0, 1)),
                rng.choice((0, 1, 1, 2)),
                rng.choice((0, 0, 1)),
                rng.choice((0, 1, 2)),
                False,
                rng.randint(82, 96),
                rng.randint(82, 95),
            )
        )
        rows.append(cashier_row("CS-002", "曹颖", month, "5000", **cs2[month]))
    return rows


ACCOUNTANT_HEADER = [
    "entity_id",
    "name",
    "period",
    "audit_incidents",
    "audit_deduction",
    "bookkeeping_incidents",
    "bookkeeping_deduction",
    "tax_errors",
    "interest_errors",
    "confidentiality_breach",
    "discipline_score",
    "evaluation_score",
    "standard_salary",
]


def accountant_row(eid, name, month, salary, audit, book, tax, interest, breach, disc, ev):
    return {
        "entity_id": eid,
        "name": name,
        "period": month,
        "audit_incidents": str(audit[0]),
        "audit_deduction": points(audit[1]),
        "bookkeeping_incidents": str(book[0]),
        "bookkeeping_deduction": points(book[1]),
        "tax_errors": str(tax),
        "interest_errors": str(interest),
        "confidentiality_breach": flag(breach),
        "discipline_score": points(disc),
        "evaluation_score": points(ev),
        "standard_salary": salary,
    }


def gen_accountants(rng: random.Random) -> list[dict]:
    fixed = {
        # the spec's worked example: 16 + 20 + 5 + 18 + 10 + 5 + 9 = 83
        ("AC-001", "2026-08"): {
            "audit": (1, "4"),
            "book": (0, "0"),
            "tax": 1,
            "interest": 2,
            "breach": False,
            "disc": 72,
            "ev": 90,
        },
        # 20 + 19 + 0 + 17 + 10 + 5 + 8.995 = 79.995 -> 80.00, band full;
        # bookkeeping deduction equal to its incidents (1 point for 1)
        ("AC-002", "2026-07"): {
            "audit": (0, "0"),
            "book": (1, "1"),
            "tax": 2,
            "interest": 3,
            "breach": False,
            "disc": 78,
            "ev": "89.95",
        },
        # audit deduction at its maximum, 20 x incidents: audit 0 points
        ("AC-003", "2026-07"): {
            "audit": (1, "20"),
            "book": (1, "3.75"),
            "tax": 0,
            "interest": 1,
            "breach": False,
            "disc": 85,
            "ev": 82,
        },
        # 17 + 6 + 10 + 19 + 10 + 10 + 8 = 80.00 exactly, band full
        ("AC-003", "2026-09"): {
            "audit": (1, "3"),
            "book": (2, "14"),
            "tax": 0,
            "interest": 1,
            "breach": False,
            "disc": 85,
            "ev": 80,
        },
    }
    people = [
        ("AC-001", "彭秀英", "7600"),
        ("AC-002", "曾庆华", "6900"),
        ("AC-003", "萧雨", "6300"),
    ]
    rows = []
    for month in MONTHS:
        for eid, name, salary in people:
            a_inc = 1 if rng.random() < 0.25 else 0
            a_ded = D(rng.randint(2, 10)) / 2 if a_inc else D(0)
            b_inc = rng.choice((0, 0, 1, 2))
            b_ded = D(rng.randint(b_inc * 4, b_inc * 16)) / 4 if b_inc else D(0)
            spec = {
                "audit": (a_inc, a_ded),
                "book": (b_inc, b_ded),
                "tax": rng.choice((0, 0, 0, 1)),
                "interest": rng.choice((0, 0, 1, 2)),
                "breach": False,
                "disc": rng.randint(76, 95),
                "ev": rng.randint(78, 95),
            }
            spec = fixed.get((eid, month), spec)
            rows.append(accountant_row(eid, name, month, salary, **spec))
    return rows


RATERS = ("general_manager", "finance_director", "business_head", "risk_manager")
AM_HEADER = (
    ["entity_id", "name", "period"]
    + [f"personnel_rating_{r}" for r in RATERS]
    + [f"service_rating_{r}" for r in RATERS]
    + ["archive_incidents", "discipline_score", "standard_salary"]
)
CLERK_HEADER = [
    "entity_id",
    "name",
    "period",
    "personnel_rating",
    "service_rating",
    "archive_incidents",
    "discipline_score",
    "standard_salary",
]


def gen_admin(rng: random.Random) -> tuple[list[dict], list[dict]]:
    am_rows, clerk_rows = [], []
    clerks = [
        ("CK-001", "潘婷婷", "4800"),
        ("CK-002", "蒋晓雯", "4600"),
        ("CK-003", "袁梦", "5000"),
    ]
    for month in MONTHS:
        row = {"entity_id": "AM-001", "name": "田国强", "period": month}
        for r in RATERS:
            row[f"personnel_rating_{r}"] = str(rng.randint(78, 95))
        for r in RATERS:
            row[f"service_rating_{r}"] = str(rng.randint(75, 95))
        row["archive_incidents"] = str(rng.choice((0, 0, 1)))
        row["discipline_score"] = str(rng.randint(85, 96))
        row["standard_salary"] = "8800"
        if month == "2026-08":
            # the business head was away and rated nobody this month
            row["personnel_rating_business_head"] = ""
            row["service_rating_business_head"] = ""
        am_rows.append(row)
        for eid, name, salary in clerks:
            clerk_rows.append(
                {
                    "entity_id": eid,
                    "name": name,
                    "period": month,
                    "personnel_rating": str(rng.randint(72, 95)),
                    "service_rating": str(rng.randint(72, 95)),
                    "archive_incidents": str(rng.choice((0, 0, 0, 1, 2))),
                    "discipline_score": str(rng.randint(74, 96)),
                    "standard_salary": salary,
                }
            )
    return am_rows, clerk_rows
