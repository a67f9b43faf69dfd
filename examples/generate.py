#!/usr/bin/env python3
"""Generate the example input files under ``examples/``.

Standard library only, and deterministic: every random choice comes from one
``random.Random(20261128)`` consumed in a fixed order, and the rows that test
an edge of a rule are written by hand on top of the random baseline. Running
the script twice writes byte-identical files.

    python examples/generate.py

Field names are exactly the input names of the team's scheme specs (``shared/specs/``)
(``microloan.md``, ``health.md``, ``relocation.md``). The edge rows are listed
in each family's ``README.md``.
"""

from __future__ import annotations

import csv
import datetime
import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = 20261128
HERE = Path(__file__).resolve().parent
MONTHS = ("2026-07", "2026-08", "2026-09")

D = Decimal
CENT = D("0.01")
RATIO_Q = D("0.0001")


# --------------------------------------------------------------------------
# formatting helpers: every number is written from a Decimal, never a float
# --------------------------------------------------------------------------

def _plain(d: Decimal) -> str:
    """Shortest plain decimal text: 0.0500 -> 0.05, 100000 -> 100000."""
    if d == 0:
        return "0"
    text = format(d.normalize(), "f")
    return text


def ratio(value) -> str:
    """A ratio as a fraction with at most 4 decimals."""
    d = D(str(value)).quantize(RATIO_Q, rounding=ROUND_HALF_UP)
    assert D(0) <= d <= D(1), value
    return _plain(d)


def percent(value) -> str:
    """A ratio written the way a spreadsheet user types it: 0.0713 -> 7.13%."""
    d = D(str(value)).quantize(RATIO_Q, rounding=ROUND_HALF_UP)
    return _plain(d * 100) + "%"


def money(value) -> str:
    """Yuan: whole yuan as an integer, otherwise exactly 2 decimals."""
    d = D(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    assert d >= 0, value
    if d == d.to_integral_value():
        return str(int(d))
    return format(d, "f")


def points(value) -> str:
    """A graded deduction or rater score: at most 2 decimals."""
    d = D(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    return _plain(d)


def flag(value: bool) -> str:
    return "true" if value else "false"


def write_csv(path: Path, header: list[str], rows: list[dict],
              encoding: str = "utf-8", newline: str = "\n") -> int:
    """Write rows (dicts) with exactly ``header`` as columns."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator=newline,
                                extrasaction="raise")
        writer.writeheader()
        for row in rows:
            missing = set(header) - set(row)
            assert not missing, (path, missing)
            writer.writerow(row)
    return len(rows)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


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
    ("LO-003", "2026-09"): {"business_income": "87875", "loan_loss_rate": "0",
                            "overdue_ratio": "0.1329", "discipline_score": "55"},
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

LO_HEADER = ["entity_id", "name", "period", "business_income", "loan_loss_rate",
             "overdue_ratio", "discipline_score", "standard_salary"]


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


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
RO_OWN_MISSES = {("RO-003", "2026-08"): 1, ("RO-006", "2026-09"): 1,
                 ("RO-004", "2026-09"): 1}
RO_HEADER = ["entity_id", "name", "period", "missed_risks_own",
             "missed_risks_department", "control_failures", "evaluation_score",
             "discipline_score", "standard_salary"]

RISK_MANAGER = ("RM-001", "许文斌", "9000")
RM_HEADER = ["entity_id", "name", "period", "missed_risks_department",
             "department_control_failures", "approval_failures",
             "discipline_score", "standard_salary"]


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
            month_rows.append({
                "entity_id": eid, "name": name, "period": month,
                "control_failures": str(fails[eid]),
                "evaluation_score": points(round(ev * 2) / 2),  # x or x.5
                "discipline_score": str(disc),
                "standard_salary": salary,
            })
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
        rm_rows.append({
            "entity_id": eid, "name": name, "period": month,
            "missed_risks_department": str(dept_total),
            "department_control_failures": str(sum(fails.values())),
            "approval_failures": str(rng.choice((0, 0, 1, 1, 2))),
            "discipline_score": str(rng.randint(84, 95)),
            "standard_salary": salary,
        })
    return ro_rows, rm_rows


CASHIER_HEADER = ["entity_id", "name", "period", "custody_incidents",
                  "custody_deduction", "payroll_errors", "voucher_errors",
                  "interest_errors", "bank_errors", "confidentiality_breach",
                  "discipline_score", "evaluation_score", "standard_salary"]


def cashier_row(eid, name, month, salary, custody, payroll, voucher, interest,
                bank, breach, disc, ev):
    return {
        "entity_id": eid, "name": name, "period": month,
        "custody_incidents": str(custody[0]),
        "custody_deduction": points(custody[1]),
        "payroll_errors": str(payroll), "voucher_errors": str(voucher),
        "interest_errors": str(interest), "bank_errors": str(bank),
        "confidentiality_breach": flag(breach),
        "discipline_score": points(disc), "evaluation_score": points(ev),
        "standard_salary": salary,
    }


def gen_cashiers(rng: random.Random) -> list[dict]:
    rows = []
    # CS-001 邓丽华: a reliable cashier, random small slips
    # CS-002 曹颖: total <= 60 in all three months (dismissal, total trigger);
    #   2026-07 is exactly 60.00 (band reduced, and it counts as <= 60)
    cs2 = {
        "2026-07": dict(custody=(3, "16.5"), payroll=2, voucher=3, interest=3,
                        bank=5, breach=False, disc=66, ev=45),     # 60.00
        "2026-08": dict(custody=(2, "10"), payroll=1, voucher=4, interest=2,
                        bank=7, breach=True, disc=70, ev=40),      # 55.00
        "2026-09": dict(custody=(1, "8.5"), payroll=2, voucher=4, interest=3,
                        bank=9, breach=False, disc=58, ev=40),     # 57.50
    }
    for month in MONTHS:
        incidents = 1 if rng.random() < 0.3 else 0
        deduction = D(rng.randint(2, 8)) / 2 if incidents else D(0)
        rows.append(cashier_row(
            "CS-001", "邓丽华", month, "6200", (incidents, deduction),
            rng.choice((0, 0, 1)), rng.choice((0, 1, 1, 2)), rng.choice((0, 0, 1)),
            rng.choice((0, 1, 2)), False, rng.randint(82, 96), rng.randint(82, 95)))
        rows.append(cashier_row("CS-002", "曹颖", month, "5000", **cs2[month]))
    return rows


ACCOUNTANT_HEADER = ["entity_id", "name", "period", "audit_incidents",
                     "audit_deduction", "bookkeeping_incidents",
                     "bookkeeping_deduction", "tax_errors", "interest_errors",
                     "confidentiality_breach", "discipline_score",
                     "evaluation_score", "standard_salary"]


def accountant_row(eid, name, month, salary, audit, book, tax, interest, breach,
                   disc, ev):
    return {
        "entity_id": eid, "name": name, "period": month,
        "audit_incidents": str(audit[0]), "audit_deduction": points(audit[1]),
        "bookkeeping_incidents": str(book[0]),
        "bookkeeping_deduction": points(book[1]),
        "tax_errors": str(tax), "interest_errors": str(interest),
        "confidentiality_breach": flag(breach),
        "discipline_score": points(disc), "evaluation_score": points(ev),
        "standard_salary": salary,
    }


def gen_accountants(rng: random.Random) -> list[dict]:
    fixed = {
        # the spec's worked example: 16 + 20 + 5 + 18 + 10 + 5 + 9 = 83
        ("AC-001", "2026-08"): dict(audit=(1, "4"), book=(0, "0"), tax=1,
                                    interest=2, breach=False, disc=72, ev=90),
        # 20 + 19 + 0 + 17 + 10 + 5 + 8.995 = 79.995 -> 80.00, band full;
        # bookkeeping deduction equal to its incidents (1 point for 1)
        ("AC-002", "2026-07"): dict(audit=(0, "0"), book=(1, "1"), tax=2,
                                    interest=3, breach=False, disc=78, ev="89.95"),
        # audit deduction at its maximum, 20 x incidents: audit 0 points
        ("AC-003", "2026-07"): dict(audit=(1, "20"), book=(1, "3.75"), tax=0,
                                    interest=1, breach=False, disc=85, ev=82),
        # 17 + 6 + 10 + 19 + 10 + 10 + 8 = 80.00 exactly, band full
        ("AC-003", "2026-09"): dict(audit=(1, "3"), book=(2, "14"), tax=0,
                                    interest=1, breach=False, disc=85, ev=80),
    }
    people = [("AC-001", "彭秀英", "7600"), ("AC-002", "曾庆华", "6900"),
              ("AC-003", "萧雨", "6300")]
    rows = []
    for month in MONTHS:
        for eid, name, salary in people:
            a_inc = 1 if rng.random() < 0.25 else 0
            a_ded = D(rng.randint(2, 10)) / 2 if a_inc else D(0)
            b_inc = rng.choice((0, 0, 1, 2))
            b_ded = D(rng.randint(b_inc * 4, b_inc * 16)) / 4 if b_inc else D(0)
            spec = dict(audit=(a_inc, a_ded), book=(b_inc, b_ded),
                        tax=rng.choice((0, 0, 0, 1)),
                        interest=rng.choice((0, 0, 1, 2)), breach=False,
                        disc=rng.randint(76, 95), ev=rng.randint(78, 95))
            spec = fixed.get((eid, month), spec)
            rows.append(accountant_row(eid, name, month, salary, **spec))
    return rows


RATERS = ("general_manager", "finance_director", "business_head", "risk_manager")
AM_HEADER = (["entity_id", "name", "period"]
             + [f"personnel_rating_{r}" for r in RATERS]
             + [f"service_rating_{r}" for r in RATERS]
             + ["archive_incidents", "discipline_score", "standard_salary"])
CLERK_HEADER = ["entity_id", "name", "period", "personnel_rating",
                "service_rating", "archive_incidents", "discipline_score",
                "standard_salary"]


def gen_admin(rng: random.Random) -> tuple[list[dict], list[dict]]:
    am_rows, clerk_rows = [], []
    clerks = [("CK-001", "潘婷婷", "4800"), ("CK-002", "蒋晓雯", "4600"),
              ("CK-003", "袁梦", "5000")]
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
            clerk_rows.append({
                "entity_id": eid, "name": name, "period": month,
                "personnel_rating": str(rng.randint(72, 95)),
                "service_rating": str(rng.randint(72, 95)),
                "archive_incidents": str(rng.choice((0, 0, 0, 1, 2))),
                "discipline_score": str(rng.randint(74, 96)),
                "standard_salary": salary,
            })
    return am_rows, clerk_rows


MG_HEADER = ["entity_id", "name", "period", "return_on_capital",
             "loan_loss_rate", "overdue_ratio", "bonus_base", "capital"]


def gen_management() -> list[dict]:
    # The company's 2025 figures, the same for every member of management:
    # RoC 15.68% (45 points, pool 0.2 x 0.68% = 0.00136 of capital), no loss
    # (45), overdue 7.12% (10 - 2 = 8): total 98. Paid-in capital is given on
    # the general manager's row only (it is optional).
    rows = []
    for eid, name, _post, bonus_base in MANAGEMENT:
        rows.append({
            "entity_id": eid, "name": name, "period": "2025",
            "return_on_capital": ratio("0.1568"), "loan_loss_rate": "0",
            "overdue_ratio": ratio("0.0712"), "bonus_base": bonus_base,
            "capital": "100000000" if eid == "MG-001" else "",
        })
    return rows


def gen_microloan(rng: random.Random) -> dict[str, int]:
    out = HERE / "microloan"
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
        counts[f"microloan/{fname}"] = write_csv(out / fname, header, rows)
    # the September loan-officer rows as Excel/WPS on Chinese Windows saves them
    sep = [r for r in lo if r["period"] == "2026-09"]
    fname = "loan-officer-2026-09-gb18030.csv"
    counts[f"microloan/{fname}"] = write_csv(out / fname, LO_HEADER, sep,
                                             encoding="gb18030", newline="\r\n")
    return counts


# --------------------------------------------------------------------------
# health: Gansu province, twelve counties, Pingliang city
# --------------------------------------------------------------------------

GANSU_HEADER = ["entity_id", "name", "year", "village_clinics_built",
                "village_doctor_subsidy", "village_doctors_qualified_share",
                "gps_per_township", "general_practitioners_added",
                "technicians_added_since_2015", "specialty_counties_done",
                "senior_doctors_dispatched", "county_doctors_dispatched",
                "support_doctors", "inpatient_reimbursement_uplift_pp",
                "critical_illness_deductible", "critical_illness_uplift_pp",
                "free_medical_students", "overcharge_rule_issued_on",
                "substandard_clinic_projects"]

OVERCHARGE_RULE = datetime.date(2015, 6, 20).isoformat()

# Cumulative inputs are running totals; empty = target not yet due that year.
GANSU_YEARS = {
    2015: dict(village_clinics_built=2450, village_doctor_subsidy=200,
               village_doctors_qualified_share="", gps_per_township="",
               general_practitioners_added="", technicians_added_since_2015=430,
               specialty_counties_done=20, senior_doctors_dispatched=2950,
               county_doctors_dispatched=5800, support_doctors=960,
               inpatient_reimbursement_uplift_pp=5,
               critical_illness_deductible=5000, critical_illness_uplift_pp="",
               free_medical_students="", substandard_clinic_projects=0),
    # the spec's worked example (98.59)
    2016: dict(village_clinics_built=2800, village_doctor_subsidy=400,
               village_doctors_qualified_share="", gps_per_township="",
               general_practitioners_added="", technicians_added_since_2015=850,
               specialty_counties_done=40, senior_doctors_dispatched=3100,
               county_doctors_dispatched=5400, support_doctors=1000,
               inpatient_reimbursement_uplift_pp=5,
               critical_illness_deductible=3000, critical_illness_uplift_pp="3.5",
               free_medical_students=520, substandard_clinic_projects=0),
    2017: dict(village_clinics_built=2965, village_doctor_subsidy=400,
               village_doctors_qualified_share="0.963", gps_per_township="3.2",
               general_practitioners_added=1040, technicians_added_since_2015=1260,
               specialty_counties_done=58, senior_doctors_dispatched=3240,
               county_doctors_dispatched=6120, support_doctors=1050,
               inpatient_reimbursement_uplift_pp=6,
               critical_illness_deductible=3000, critical_illness_uplift_pp=4,
               free_medical_students=505, substandard_clinic_projects=2),
    2018: dict(village_clinics_built=2965, village_doctor_subsidy=400,
               village_doctors_qualified_share="1", gps_per_township="3.6",
               general_practitioners_added=1420, technicians_added_since_2015=1580,
               specialty_counties_done=76, senior_doctors_dispatched=3180,
               county_doctors_dispatched=6300, support_doctors=1100,
               inpatient_reimbursement_uplift_pp=6,
               critical_illness_deductible=3000, critical_illness_uplift_pp=4,
               free_medical_students=498, substandard_clinic_projects=0),
}

COUNTY_TARGETS = ("village_clinics", "health_technicians", "key_specialties",
                  "senior_doctors_dispatched", "county_doctors_dispatched",
                  "support_doctors", "free_medical_students")

# entity_id, name, then (required, actual) per target in COUNTY_TARGETS order
# (None = no quota that year, both inputs empty), substandard clinic projects
GANSU_COUNTIES = [
    ("gansu.pingliang.kongtong", "崆峒区", [(38, 38), (16, 17), None, (55, 58),
                                           (110, 112), (18, 18), (9, 9)], 0),
    ("gansu.pingliang.jingchuan", "泾川县", [(42, 42), (14, 14), (2, 2), (50, 52),
                                            (105, 108), (16, 17), (8, 8)], 0),
    ("gansu.pingliang.lingtai", "灵台县", [(36, 36), (12, 13), (2, 2), (45, 45),
                                          (95, 96), (15, 15), (7, 8)], 0),
    ("gansu.pingliang.chongxin", "崇信县", [(22, 22), (8, 8), (2, 2), (30, 31),
                                           (60, 62), (10, 10), (5, 5)], 0),
    ("gansu.pingliang.huating", "华亭县", [(28, 28), (10, 11), (2, 2), (35, 36),
                                          (70, 72), (12, 12), (6, 6)], 0),
    ("gansu.pingliang.zhuanglang", "庄浪县", [(58, 58), (18, 18), (2, 2), (60, 61),
                                             (125, 125), (20, 20), (11, 11)], 0),
    ("gansu.pingliang.jingning", "静宁县", [(62, 62), (20, 21), (2, 2), (65, 66),
                                           (130, 131), (21, 21), (12, 12)], 0),
    ("gansu.dingxi.tongwei", "通渭县", [(66, 66), (20, 20), (2, 2), (62, 64),
                                       (130, 104), (22, 22), (12, 12)], 0),
    ("gansu.dingxi.weiyuan", "渭源县", [(48, 48), (15, 15), (2, 2), (50, 50),
                                       (100, 103), (17, 17), (9, 9)], 0),
    ("gansu.dingxi.minxian", "岷县", [(70, 70), (22, 23), (2, 2), (68, 70),
                                     (140, 141), (24, 24), (13, 13)], 1),
    ("gansu.linxia.dongxiang", "东乡族自治县", [(75, 61), (24, 19), (2, 1), (70, 72),
                                               (145, 146), (25, 25), (14, 14)], 0),
    ("gansu.linxia.jishishan", "积石山保安族东乡族撒拉族自治县",
     [(52, 52), (16, 16), (2, 2), (48, 49), (98, 100), (16, 16), (9, 7)], 0),
]

PINGLIANG_HEADER = ["entity_id", "name", "parent_id", "year",
                    "new_village_clinics_built", "clinic_coverage_share",
                    "township_annexes_built", "staff_dormitories_built",
                    "mch_hospitals_built", "icu_nicu_specialties_done",
                    "ncms_subsidy_per_person", "ncms_participation_share",
                    "senior_doctors_dispatched", "county_doctors_dispatched",
                    "min_gps_per_township", "gps_per_township",
                    "village_doctors_qualified_share", "village_doctor_subsidy",
                    "critical_illness_deductible", "critical_illness_uplift_pp",
                    "chronic_diseases_covered", "major_diseases_covered",
                    "staff_trained", "external_training", "talents_recruited",
                    "latrine_uplift_pp", "within_county_treatment_share",
                    "toolkit_training_share", "fp_disability_subsidy",
                    "fp_bereaved_subsidy"]

# columns in PINGLIANG_HEADER order from new_village_clinics_built on
PINGLIANG_YEARS = {
    2015: [270, "0.92", 14, 13, 1, 4, 380, "0.985", 152, 715, 1, "1.6", "",
           200, 5000, "", 33, 50, 8350, 612, 305, "5.5", "0.884", "0.96", 300,
           500],
    2016: [284, "1", 14, 15, 2, 4, 420, "0.992", 148, 702, 2, "2.4", "0.88",
           400, 3000, 3, 35, 50, 8120, 640, 287, 6, "0.905", "1", 300, 500],
    2017: [284, "1", 14, 15, 2, 4, 450, "0.996", 161, 730, 2, "3.1", "0.97",
           400, 3000, "3.5", 40, 54, 7900, 655, 320, "6.2", "0.912", "1", 350,
           500],
}


def gen_health() -> dict[str, int]:
    out = HERE / "health"
    counts = {}
    rows = []
    for year, values in GANSU_YEARS.items():
        row = {"entity_id": "gansu", "name": "甘肃省", "year": str(year)}
        for k, v in values.items():
            if k.endswith("_share") and v != "":
                v = ratio(v)
            row[k] = str(v)
        row["overcharge_rule_issued_on"] = OVERCHARGE_RULE
        rows.append(row)
    counts["health/gansu-province.csv"] = write_csv(
        out / "gansu-province.csv", GANSU_HEADER, rows)

    header = ["entity_id", "name", "parent_id", "year"]
    for t in COUNTY_TARGETS:
        header += [f"{t}_required", f"{t}_actual"]
    header.append("substandard_clinic_projects")
    rows = []
    for eid, name, pairs, substandard in GANSU_COUNTIES:
        row = {"entity_id": eid, "name": name,
               "parent_id": eid.rsplit(".", 1)[0], "year": "2016"}
        for t, pair in zip(COUNTY_TARGETS, pairs):
            req, act = pair if pair else ("", "")
            row[f"{t}_required"] = str(req)
            row[f"{t}_actual"] = str(act)
        row["substandard_clinic_projects"] = str(substandard)
        rows.append(row)
    counts["health/counties.csv"] = write_csv(out / "counties.csv", header, rows)

    rows = []
    for year, values in PINGLIANG_YEARS.items():
        row = {"entity_id": "gansu.pingliang", "name": "平凉市",
               "parent_id": "gansu", "year": str(year)}
        for k, v in zip(PINGLIANG_HEADER[4:], values, strict=True):
            if k.endswith("_share") and v != "":
                v = ratio(v)
            row[k] = str(v)
        rows.append(row)
    counts["health/pingliang-city.csv"] = write_csv(
        out / "pingliang-city.csv", PINGLIANG_HEADER, rows)
    return counts


# --------------------------------------------------------------------------
# relocation: 黔西南州 and its eight counties, year 2024
# --------------------------------------------------------------------------

AREA_FIELDS = ["eligible_households", "relocated_households",
               "construction_rating", "moved_in_households",
               "housing_completed_households", "poverty_exit_rating",
               "demolished_houses", "demolition_due_houses", "funds_rating",
               "leadership_rating", "responsibility_rating", "archives_rating"]
RELOCATION_HEADER = (["entity_id", "name", "parent_id", "year", "stage",
                      "assessed_on"] + AREA_FIELDS)


def day(iso: str) -> str:
    return datetime.date.fromisoformat(iso).isoformat()


# (eligible, relocated, construction, moved_in, completed, exit, demolished,
#  due, funds, leadership, responsibility, archives)
QXN_COUNTIES = [
    # entity suffix, name, self-check (date, values), prefecture (date, values)
    ("xingyi", "兴义市",
     ("2025-02-18", (418, 420, 95, 405, 410, 93, 390, 395, 94, 96, 95, 92)),
     ("2025-02-26", (412, 420, 92, 398, 410, 90, 380, 395, 91, 94, 92, 88))),
    # self-check 90.00 (good, on its lower end), prefecture 80.00 (fairly_good,
    # on its lower end): gap exactly 10.00, not inflated; both dated on the
    # last day of their window
    ("xingren", "兴仁市",
     ("2025-02-20", (190, 200, 90, 170, 200, 90, 190, 200, 85, 90, 95, 85)),
     ("2025-02-28", (180, 200, 80, 150, 200, 80, 170, 200, 75, 80, 80, 75))),
    # self-check sent one day late
    ("puan", "普安县",
     ("2025-02-21", (236, 240, 91, 222, 230, 88, 205, 215, 90, 92, 90, 85)),
     ("2025-02-27", (231, 240, 88, 215, 230, 84, 198, 215, 86, 90, 87, 80))),
    # no old houses due for demolition: the area does not apply
    ("qinglong", "晴隆县",
     ("2025-02-17", (305, 312, 90, 296, 300, 90, 0, 0, 92, 93, 91, 88)),
     ("2025-02-25", (301, 312, 87, 290, 300, 86, 0, 0, 88, 92, 90, 84))),
    # prefecture record one day late
    ("zhenfeng", "贞丰县",
     ("2025-02-16", (268, 275, 93, 258, 265, 90, 240, 250, 91, 94, 92, 89)),
     ("2025-03-01", (262, 275, 89, 251, 265, 87, 232, 250, 88, 92, 90, 85))),
    # County A of the spec: prefecture 87.56, self-check 99.00, gap 11.44
    ("wangmo", "望谟县",
     ("2025-02-19", (100, 100, 100, 200, 200, 95, 50, 50, 98, 100, 100, 98)),
     ("2025-02-27", (98, 100, 90, 180, 200, 85, 45, 50, 80, 95, 90, 70))),
    # a modest self-check, below the prefecture's total
    ("ceheng", "册亨县",
     ("2025-02-14", (152, 160, 84, 140, 150, 82, 120, 130, 85, 88, 86, 78)),
     ("2025-02-24", (154, 160, 86, 143, 150, 84, 123, 130, 86, 90, 88, 80))),
    ("anlong", "安龙县",
     ("2025-02-20", (342, 350, 92, 330, 340, 90, 300, 310, 91, 93, 92, 87)),
     ("2025-02-26", (339, 350, 90, 325, 340, 87, 294, 310, 89, 92, 90, 84))),
]

OTHER_PREFECTURES = [
    ("guizhou.bijie", "毕节市", "2025-03-12",
     (1836, 1850, 91, 1772, 1800, 88, 1610, 1650, 90, 94, 92, 86)),
    ("guizhou.tongren", "铜仁市", "2025-03-18",
     (1198, 1210, 89, 1150, 1180, 86, 1042, 1080, 88, 92, 89, 83)),
    ("guizhou.qiannan", "黔南布依族苗族自治州", "2025-03-31",
     (987, 1000, 90, 948, 970, 87, 905, 930, 89, 91, 90, 85)),
]


def relocation_row(eid, name, parent, stage, on, values):
    row = {"entity_id": eid, "name": name, "parent_id": parent, "year": "2024",
           "stage": stage, "assessed_on": day(on)}
    for k, v in zip(AREA_FIELDS, values, strict=True):
        row[k] = str(v)
    return row


def gen_relocation() -> dict[str, int]:
    out = HERE / "relocation"
    counts = {}
    rows = []
    for suffix, name, (s_on, s_vals), (p_on, p_vals) in QXN_COUNTIES:
        eid = f"guizhou.qianxinan.{suffix}"
        rows.append(relocation_row(eid, name, "guizhou.qianxinan", "self_check",
                                   s_on, s_vals))
        rows.append(relocation_row(eid, name, "guizhou.qianxinan", "prefecture",
                                   p_on, p_vals))
    counts["relocation/counties.csv"] = write_csv(
        out / "counties.csv", RELOCATION_HEADER, rows)

    # The prefecture's own counts are its counties' prefecture-stage sums, less
    # a few households the province did not accept as eligible.
    p_rows = [r for r in rows if r["stage"] == "prefecture"]
    total = {k: sum(int(r[k]) for r in p_rows)
             for k in ("eligible_households", "relocated_households",
                       "moved_in_households", "housing_completed_households",
                       "demolished_houses", "demolition_due_houses")}
    qxn = (total["eligible_households"] - 6, total["relocated_households"], 88,
           total["moved_in_households"], total["housing_completed_households"],
           86, total["demolished_houses"], total["demolition_due_houses"],
           87, 91, 89, 82)
    prefs = [("guizhou.qianxinan", "黔西南布依族苗族自治州", "2025-03-10", qxn)]
    prefs += OTHER_PREFECTURES
    rows = [relocation_row(eid, name, "guizhou", "province", on, vals)
            for eid, name, on, vals in prefs]
    counts["relocation/prefectures.csv"] = write_csv(
        out / "prefectures.csv", RELOCATION_HEADER, rows)
    return counts


# --------------------------------------------------------------------------
# read the files back and check the domains of the specs
# --------------------------------------------------------------------------

COUNT_SUFFIXES = ("_incidents", "_errors", "_failures", "_households", "_houses",
                  "_required", "_actual", "_projects", "missed_risks_own",
                  "missed_risks_department")
RATING_SUFFIXES = ("_score", "_rating") + tuple(f"_rating_{r}" for r in RATERS)


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def validate(path: Path, encoding: str = "utf-8") -> None:
    """Fail loudly if a written value lies outside its spec domain."""
    with open(path, encoding=encoding, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        where = (path.name, row["entity_id"], row.get("period") or row.get("year"))
        for field, text in row.items():
            if text == "":
                continue
            bad = f"{where} {field}={text!r}"
            if field.endswith(COUNT_SUFFIXES) or field == "specialty_counties_done":
                assert text.isdigit(), bad
            elif field.endswith(RATING_SUFFIXES):
                assert 0 <= D(text) <= 100 and _decimals(text) <= 2, bad
            elif field.endswith(("_rate", "_ratio", "_share")):
                value = D(text[:-1]) / 100 if text.endswith("%") else D(text)
                assert 0 <= value <= 1 and _decimals(text.rstrip("%")) <= 4, bad
            elif field.endswith("_deduction") or field in (
                    "business_income", "standard_salary", "bonus_base", "capital"):
                assert D(text) >= 0 and _decimals(text) <= 2, bad
            elif field in ("assessed_on", "overcharge_rule_issued_on"):
                datetime.date.fromisoformat(text)
            elif field == "confidentiality_breach":
                assert text in ("true", "false"), bad
        for kind in ("custody", "audit", "bookkeeping"):
            if f"{kind}_incidents" in row:
                n = int(row[f"{kind}_incidents"])
                assert n <= D(row[f"{kind}_deduction"]) <= 20 * n, where
        for small, big in (("eligible_households", "relocated_households"),
                           ("moved_in_households", "housing_completed_households"),
                           ("demolished_houses", "demolition_due_houses")):
            if small in row:
                assert int(row[small]) <= int(row[big]), (where, small)


def main() -> None:
    rng = random.Random(SEED)
    counts = {}
    counts.update(gen_microloan(rng))
    counts.update(gen_health())
    counts.update(gen_relocation())
    for name in counts:
        validate(HERE / name,
                 "gb18030" if name.endswith("-gb18030.csv") else "utf-8")
    print(json.dumps(counts, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
