#!/usr/bin/env python3
"""Generate the example input files of the ``microloan`` schemes, beside this script.

Deterministic: every random choice comes from one
``random.Random(20261128)`` consumed in a fixed order, and the rows that test
an edge of a rule are written by hand on top of the random baseline. Running
the script twice writes byte-identical files.

    python plugins/assesskit-microloan/examples/generate.py [OUTPUT_DIR]

The files go beside this script unless another directory is given (the
plugin's tests regenerate them into a scratch directory and compare).

Field names are exactly the input names of the team's scheme spec
``shared/specs/microloan.md`` (see ``../SPEC.md``). The edge rows are listed in
``README.md`` here.
"""

from __future__ import annotations

import random
from pathlib import Path

# the modules beside this script (its folder is first on sys.path when it runs)
from back_office import (
    ACCOUNTANT_HEADER,
    AM_HEADER,
    CASHIER_HEADER,
    CLERK_HEADER,
    gen_accountants,
    gen_admin,
    gen_cashiers,
)
from cells import MONTHS, D, clamp, money, points, ratio

from assesskit.examples import generate_main, write_csv

HERE = Path(__file__).resolve().parent
SEED = 20261128

# --------------------------------------------------------------------------
# microloan: 恒信小额贷款股份有限公司, 38 staff, 2026-07 .. 2026-09
# --------------------------------------------------------------------------

MANAGEMENT = [  # entity_id, name, post, bonus_base
    ("MG-001", "马建国", "总经理", "120000"),
    ("MG-002", "罗晓燕", "副总经理", "80000"),
    ("MG-003", "郑志刚", "财务总监", "60000"),
]

# entity_id, name, standard_salary, mean monthly income (skill), mean overdue,
# mean discipline
LOAN_OFFICERS = [
    ("LO-001", "王芳", "8500", 128000, 0.030, 92),
    ("LO-002", "李娜", "7200", 97000, 0.045, 86),
    ("LO-003", "张伟", "6150", 84000, 0.085, 76),
    ("LO-004", "刘洋", "6800", 91000, 0.040, 88),
    ("LO-005", "陈静", "6500", 88000, 0.065, 84),
    ("LO-006", "杨磊", "7000", 93000, 0.055, 82),
    ("LO-007", "赵敏", "8200", 110000, 0.035, 90),
    ("LO-008", "黄勇", "5800", 76000, 0.100, 78),
    ("LO-009", "周婷", "6000", 81000, 0.080, 80),
    ("LO-010", "吴强", "6400", 86000, 0.060, 85),
    ("LO-011", "徐丽", "5200", 72000, 0.070, 70),
    ("LO-012", "孙浩", "6600", 89000, 0.075, 83),
    ("LO-013", "胡军", "7500", 99000, 0.040, 87),
    ("LO-014", "朱琳", "5600", 78000, 0.110, 79),
    ("LO-015", "高峰", "7800", 106000, 0.030, 91),
    ("LO-016", "林霞", "8000", 112000, 0.090, 84),
    ("LO-017", "何涛", "5500", 74000, 0.095, 77),
    ("LO-018", "郭鹏", "4500", 52000, 0.020, 86),  # joins in 2026-08
]
LO_JOINS = {"LO-018": "2026-08"}

# Hand-written edge rows: (entity_id, period) -> field overrides. A string
# value ending in % is written as is (the percent form of a ratio).
LO_EDGES = {
    # income exactly on target: 60 points, bonus 0
    ("LO-002", "2026-07"): {"business_income": "100000"},
    # discipline exactly 80: 10 points
    ("LO-002", "2026-08"): {"discipline_score": "80"},
    # the tie of the conventions: 52.725 + 20 + 2 + 0 = 74.725 -> 74.73
    ("LO-003", "2026-07"): {"discipline_score": "74"},
    ("LO-003", "2026-08"): {"discipline_score": "77"},
    ("LO-003", "2026-09"): {
        "business_income": "87875",
        "loan_loss_rate": "0",
        "overdue_ratio": "0.1329",
        "discipline_score": "55",
    },
    # overdue exactly 5% -> 10; 5.99% -> 10
    ("LO-004", "2026-07"): {"overdue_ratio": "0.05"},
    ("LO-004", "2026-09"): {"overdue_ratio": "0.0599"},
    # ratios written as percent strings
    ("LO-005", "2026-07"): {"overdue_ratio": "7.13%"},
    ("LO-005", "2026-08"): {"overdue_ratio": "6.48%"},
    ("LO-005", "2026-09"): {"loan_loss_rate": "0.35%"},
    ("LO-012", "2026-09"): {"overdue_ratio": "10.2%"},
    # overdue exactly 6% -> 9
    ("LO-006", "2026-08"): {"overdue_ratio": "0.06"},
    # overdue exactly 15% -> 0 points, no veto
    ("LO-008", "2026-09"): {"overdue_ratio": "0.15"},
    # loss above 1%: veto (Jul, Aug); Sep loss 0.6%: 0 points, no veto
    ("LO-009", "2026-07"): {"loan_loss_rate": "0.0125"},
    ("LO-009", "2026-08"): {"loan_loss_rate": "0.0118"},
    ("LO-009", "2026-09"): {"loan_loss_rate": "0.006"},
    # loss exactly 1%: 0 points, no veto
    ("LO-010", "2026-08"): {"loan_loss_rate": "0.01"},
    # discipline <= 60 three months running (60 is 5 points and still counts)
    ("LO-011", "2026-07"): {"discipline_score": "60"},
    ("LO-011", "2026-08"): {"discipline_score": "52"},
    ("LO-011", "2026-09"): {"discipline_score": "58"},
    # income with fen: bonus 3% x 2340.50 = 70.215 -> 70.22
    ("LO-013", "2026-08"): {"business_income": "102340.50"},
    # overdue above 15%: veto (Jul, Sep)
    ("LO-014", "2026-07"): {"overdue_ratio": "0.1687"},
    ("LO-014", "2026-09"): {"overdue_ratio": "0.1534"},
    # overdue just above 15% with income above target: bonus withheld
    ("LO-016", "2026-08"): {"business_income": "112600", "overdue_ratio": "0.1502"},
    # both vetoes at once
    ("LO-017", "2026-09"): {"loan_loss_rate": "0.021", "overdue_ratio": "0.1611"},
}

LO_HEADER = [
    "entity_id",
    "name",
    "period",
    "business_income",
    "loan_loss_rate",
    "overdue_ratio",
    "discipline_score",
    "standard_salary",
]


def gen_loan_officers(rng: random.Random) -> list[dict]:
    rows = []
    for month in MONTHS:
        for eid, name, salary, skill, overdue_mean, disc_mean in LOAN_OFFICERS:
            # draw for everyone in the same order, joiners included, so that
            # the random stream does not depend on who is present
            income = skill * rng.uniform(0.86, 1.14)
            with_fen = rng.random() < 0.2
            fen = rng.randint(1, 99)
            overdue = clamp(overdue_mean + rng.uniform(-0.02, 0.02), 0.004, 0.125)
            has_loss = rng.random() < 0.15
            loss = rng.uniform(0.0005, 0.008)
            disc = clamp(round(disc_mean + rng.uniform(-6, 6)), 65, 100)
            if eid in LO_JOINS and month < LO_JOINS[eid]:
                continue
            income_d = D(round(income))
            if with_fen:
                income_d += D(fen) / 100
            row = {
                "entity_id": eid,
                "name": name,
                "period": month,
                "business_income": money(income_d),
                "loan_loss_rate": ratio(round(loss, 4)) if has_loss else "0",
                "overdue_ratio": ratio(round(overdue, 4)),
                "discipline_score": str(disc),
                "standard_salary": salary,
            }
            row.update(LO_EDGES.get((eid, month), {}))
            rows.append(row)
    return rows


RISK_OFFICERS = [  # entity_id, name, salary, evaluation mean, discipline mean
    ("RO-001", "梁晨", "6800", 86, 88),
    ("RO-002", "宋佳", "6500", 84, 85),
    ("RO-003", "韩雪", "6200", 82, 84),
    ("RO-004", "唐亮", "5600", 74, 60),
    ("RO-005", "冯悦", "6000", 80, 86),
    ("RO-006", "于洋", "5800", 85, 90),
    ("RO-007", "董明", "5400", 78, 82),
]
RO_EDGES = {
    # discipline <= 60 three months running: dismissal (discipline trigger)
    ("RO-004", "2026-07"): {"discipline_score": "60"},
    ("RO-004", "2026-08"): {"discipline_score": "45"},
    ("RO-004", "2026-09"): {"discipline_score": "58"},
    # discipline exactly 80
    ("RO-002", "2026-07"): {"discipline_score": "80"},
}
# own misses found by the risk analysis (they also count for the colleagues
# and the manager as department misses)
RO_OWN_MISSES = {("RO-003", "2026-08"): 1, ("RO-006", "2026-09"): 1, ("RO-004", "2026-09"): 1}
RO_HEADER = [
    "entity_id",
    "name",
    "period",
    "missed_risks_own",
    "missed_risks_department",
    "control_failures",
    "evaluation_score",
    "discipline_score",
    "standard_salary",
]

RISK_MANAGER = ("RM-001", "许文斌", "9000")
RM_HEADER = [
    "entity_id",
    "name",
    "period",
    "missed_risks_department",
    "department_control_failures",
    "approval_failures",
    "discipline_score",
    "standard_salary",
]


def gen_risk_dept(rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Risk officers and their manager, with consistent department counts.

    A miss of the department is either one officer's own miss or a miss no
    single officer owns. An officer's ``missed_risks_department`` counts the
    department's misses other than their own; the manager's counts them all.
    The manager's ``department_control_failures`` is the officers' sum.
    """
    ro_rows, rm_rows = [], []
    for month in MONTHS:
        own = {}
        fails = {}
        month_rows = []
        for eid, name, salary, ev_mean, disc_mean in RISK_OFFICERS:
            own[eid] = 1 if rng.random() < 0.12 else 0
            fails[eid] = rng.choice((0, 0, 0, 0, 1, 1, 2))
            ev = clamp(ev_mean + rng.uniform(-6, 6), 0, 100)
            disc = clamp(round(disc_mean + rng.uniform(-6, 6)), 62, 100)
            month_rows.append(
                {
                    "entity_id": eid,
                    "name": name,
                    "period": month,
                    "control_failures": str(fails[eid]),
                    "evaluation_score": points(round(ev * 2) / 2),  # x or x.5
                    "discipline_score": str(disc),
                    "standard_salary": salary,
                }
            )
        for (eid, m), n in RO_OWN_MISSES.items():
            if m == month:
                own[eid] = n
        unowned = rng.choice((0, 0, 1))
        dept_total = sum(own.values()) + unowned
        for row in month_rows:
            eid = row["entity_id"]
            row["missed_risks_own"] = str(own[eid])
            row["missed_risks_department"] = str(dept_total - own[eid])
            row.update(RO_EDGES.get((eid, month), {}))
            ro_rows.append({k: row[k] for k in RO_HEADER})
        eid, name, salary = RISK_MANAGER
        rm_rows.append(
            {
                "entity_id": eid,
                "name": name,
                "period": month,
                "missed_risks_department": str(dept_total),
                "department_control_failures": str(sum(fails.values())),
                "approval_failures": str(rng.choice((0, 0, 1, 1, 2))),
                "discipline_score": str(rng.randint(84, 95)),
                "standard_salary": salary,
            }
        )
    return ro_rows, rm_rows


MG_HEADER = [
    "entity_id",
    "name",
    "period",
    "return_on_capital",
    "loan_loss_rate",
    "overdue_ratio",
    "bonus_base",
    "capital",
]


def gen_management() -> list[dict]:
    # The company's 2025 figures, the same for every member of management:
    # RoC 15.68% (45 points, pool 0.2 x 0.68% = 0.00136 of capital), no loss
    # (45), overdue 7.12% (10 - 2 = 8): total 98. Paid-in capital is given on
    # the general manager's row only (it is optional).
    rows = []
    for eid, name, _post, bonus_base in MANAGEMENT:
        rows.append(
            {
                "entity_id": eid,
                "name": name,
                "period": "2025",
                "return_on_capital": ratio("0.1568"),
                "loan_loss_rate": "0",
                "overdue_ratio": ratio("0.0712"),
                "bonus_base": bonus_base,
                "capital": "100000000" if eid == "MG-001" else "",
            }
        )
    return rows


def gen_microloan(rng: random.Random, out: Path) -> dict[str, int]:
    counts = {}
    lo = gen_loan_officers(rng)
    ro, rm = gen_risk_dept(rng)
    cs = gen_cashiers(rng)
    ac = gen_accountants(rng)
    am, ck = gen_admin(rng)
    mg = gen_management()
    files = [
        ("management.csv", MG_HEADER, mg),
        ("loan-officer.csv", LO_HEADER, lo),
        ("risk-officer.csv", RO_HEADER, ro),
        ("risk-manager.csv", RM_HEADER, rm),
        ("cashier.csv", CASHIER_HEADER, cs),
        ("accountant.csv", ACCOUNTANT_HEADER, ac),
        ("admin-manager.csv", AM_HEADER, am),
        ("admin-clerk.csv", CLERK_HEADER, ck),
    ]
    for fname, header, rows in files:
        counts[fname] = write_csv(out / fname, header, rows)
    # the September loan-officer rows as Excel/WPS on Chinese Windows saves them
    sep = [r for r in lo if r["period"] == "2026-09"]
    fname = "loan-officer-2026-09-gb18030.csv"
    counts[fname] = write_csv(out / fname, LO_HEADER, sep, encoding="gb18030", newline="\r\n")
    return counts


FILE_SCHEMES = {
    "management.csv": "microloan.management",
    "loan-officer.csv": "microloan.loan-officer",
    "risk-officer.csv": "microloan.risk-officer",
    "risk-manager.csv": "microloan.risk-manager",
    "cashier.csv": "microloan.cashier",
    "accountant.csv": "microloan.accountant",
    "admin-manager.csv": "microloan.admin-manager",
    "admin-clerk.csv": "microloan.admin-clerk",
    "loan-officer-2026-09-gb18030.csv": "microloan.loan-officer",
}


def main() -> None:
    # each file is checked by the scheme it is for: its domains and constraints decide
    generate_main(lambda out: gen_microloan(random.Random(SEED), out), FILE_SCHEMES, HERE)


if __name__ == "__main__":
    main()
