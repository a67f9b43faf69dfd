"""``health.gansu-province``: the Gansu provincial plan (甘肅省衛生精準扶貧), as a table.

Source: seed 篇四 and 篇十一 (the plan's goals, its items and its "考核"
part). One record per assessed year (2015–2025) with the province's figures
for that year (running totals for the ``cumulative`` targets). Every target
has weight 1; the weights of the targets due in the year are scaled to 100.

Resolutions of the source (see ``specs/health.md``): general practitioners
are due in 2017 (the reading given twice); technicians are a running total of
400 a year since 2015; the doctors dispatched are "about" targets (左右).
"""

from __future__ import annotations

import datetime as dt

from assesskit import Example, Input, Metric, MetricKind, Review, Scheme, Text
from assesskit.targets import Consequence, TargetSpec, plan_scheme

__all__ = [
    "ACCOUNTABILITY",
    "FUNDING_CUT",
    "GANSU_TARGETS",
    "GANSU_YEARS",
    "SCHEME_VERSION",
    "gansu_province",
]

#: Version of the health schemes.
SCHEME_VERSION = "1.0"

#: The plan runs 2015–2025; a year outside it is an error.
GANSU_YEARS = (2015, 2025)

#: "對不能按期完成任務的縣(市、區),將減少下一年度項目和資金的安排": clinics behind.
FUNDING_CUT = Consequence(
    "funding_cut",
    Text("less project money and funding next year", "减少下一年度项目和资金的安排"),
    note=Text(
        "when the village clinics are not finished on schedule",
        "对不能按期完成任务的县(市、区),将减少下一年度项目和资金的安排",
    ),
)

#: "對不合格工程要追究實施單位的責任": a clinic project failed acceptance.
ACCOUNTABILITY = Consequence(
    "accountability",
    Text("the builder of substandard works is held responsible", "追究实施单位的责任"),
    when=Input("substandard_clinic_projects") > 0,
    metrics=(
        Metric(
            "substandard_clinic_projects",
            MetricKind.COUNT,
            Text("clinic projects that failed acceptance", "不合格村卫生室工程"),
            required=False,
            description=Text("optional; none given means none", "选填;不填视为没有不合格工程"),
        ),
    ),
    note=Text("when a clinic project failed acceptance", "对不合格工程要追究实施单位的责任"),
)

_C = MetricKind.COUNT

#: The plan's targets (spec "health.gansu-province"), in the spec's order.
GANSU_TARGETS: tuple[TargetSpec, ...] = (
    TargetSpec(
        "village_clinics",
        Text("standard village clinics in poor villages", "贫困村标准化村卫生室建设"),
        "cumulative",
        "village_clinics_built",
        checkpoints={2015: 2400, 2016: 2965},
        consequences=(FUNDING_CUT, ACCOUNTABILITY),
    ),
    TargetSpec(
        "village_doctor_subsidy",
        Text("fixed subsidy of village doctors (yuan a month)", "村医定额补助 (元/月)"),
        "at_least",
        "village_doctor_subsidy",
        checkpoints={2016: 400},
        measure=MetricKind.MONEY,
        unit="元/月",
        note=Text("200 a month before 2016", "由每月200元增加到每月400元"),
    ),
    TargetSpec(
        "village_doctors_qualified",
        Text("village doctors qualified to practise", "村医具备执业资格"),
        "share",
        "village_doctors_qualified_share",
        checkpoints={2017: 1},
        measure=MetricKind.RATIO,
    ),
    TargetSpec(
        "township_gps",
        Text("general practitioners per township hospital (mean)", "平均每个乡镇卫生院全科医生"),
        "at_least",
        "gps_per_township",
        checkpoints={2017: 3, 2020: 5},
        measure=MetricKind.NUMBER,
    ),
    TargetSpec(
        "general_practitioners_added",
        Text("general practitioners added since 2015", "配备全科医生"),
        "cumulative",
        "general_practitioners_added",
        checkpoints={2017: 1000, 2020: 2000},
        note=Text(
            "the summary says 2016, the goals and item 4 say 2017: 2017",
            "概述作“2016年前”,目标和第4项均作2017年:按2017年",
        ),
    ),
    TargetSpec(
        "health_technicians",
        Text(
            "health technicians of township hospitals (added since 2015)",
            "乡镇卫生院卫生专业技术人员",
        ),
        "cumulative",
        "technicians_added_since_2015",
        checkpoints={2015: 400, 2016: 800, 2017: 1200, 2018: 1600, 2019: 2000, 2020: 2400},
        note=Text(
            "400 a year on average: a running total since 2015",
            "平均每年配备400名以上:按2015年起的累计数考核",
        ),
    ),
    TargetSpec(
        "key_specialties",
        Text("key specialties of county hospitals (counties done, 2 each)", "县级医院重点专科建设"),
        "cumulative",
        "specialty_counties_done",
        checkpoints={2015: 20, 2016: 40, 2017: 58, 2018: 75},
    ),
    TargetSpec(
        "senior_doctors_dispatched",
        Text(
            "senior doctors of provincial and city hospitals practising at the grassroots (about)",
            "省市级医院副主任以上医师多点执业",
        ),
        "annual",
        "senior_doctors_dispatched",
        checkpoints={2015: 3000},
        until=2025,
        about=True,
    ),
    TargetSpec(
        "county_doctors_dispatched",
        Text(
            "county hospital doctors practising at the grassroots (about)", "县级医院医师多点执业"
        ),
        "annual",
        "county_doctors_dispatched",
        checkpoints={2015: 6000},
        until=2025,
        about=True,
    ),
    TargetSpec(
        "support_doctors",
        Text("doctors sent to support poor areas (about)", "医师帮扶"),
        "annual",
        "support_doctors",
        checkpoints={2015: 1000},
        until=2025,
        about=True,
    ),
    TargetSpec(
        "inpatient_reimbursement_uplift",
        Text(
            "rise of the NCMS inpatient reimbursement ratio (percentage points)",
            "新农合住院报销比例提高",
        ),
        "at_least",
        "inpatient_reimbursement_uplift_pp",
        checkpoints={2015: 5},
        measure=MetricKind.POINTS,
        unit="个百分点",
    ),
    TargetSpec(
        "critical_illness_deductible",
        Text("deductible of critical illness insurance (yuan)", "大病保险起付线 (元)"),
        "at_most",
        "critical_illness_deductible",
        checkpoints={2016: 3000},
        measure=MetricKind.MONEY,
        unit="元",
        note=Text("5000 before 2016", "由5000元降至3000元"),
    ),
    TargetSpec(
        "critical_illness_uplift",
        Text(
            "rise of the critical illness reimbursement ratio (percentage points)",
            "大病保险报销比例提高",
        ),
        "at_least",
        "critical_illness_uplift_pp",
        checkpoints={2016: 3},
        measure=MetricKind.POINTS,
        unit="个百分点",
    ),
    TargetSpec(
        "free_medical_students",
        Text("tuition-free medical students on placement contracts", "订单定向免费医学生"),
        "annual",
        "free_medical_students",
        checkpoints={2016: 500},
        until=2025,
    ),
    TargetSpec(
        "overcharge_rule",
        Text(
            "rules on NCMS deductions for overcharging issued",
            "《乱收费…新农合资金扣减办法》出台",
        ),
        "milestone",
        "overcharge_rule_issued_on",
        deadline=dt.date(2015, 6, 30),
    ),
)

#: The spec's worked example: Gansu in 2016.
WORKED_EXAMPLE = Example(
    "spec worked example: Gansu 2016",
    {
        "entity_id": "gansu",
        "year": 2016,
        "village_clinics_built": 2800,
        "village_doctor_subsidy": 400,
        "technicians_added_since_2015": 850,
        "specialty_counties_done": 40,
        "senior_doctors_dispatched": 3100,
        "county_doctors_dispatched": 5400,
        "support_doctors": 1000,
        "inpatient_reimbursement_uplift_pp": 5,
        "critical_illness_deductible": 3000,
        "critical_illness_uplift_pp": "3.5",
        "free_medical_students": 520,
        "overcharge_rule_issued_on": "2015-06-20",
    },
    {
        # 11 targets due, 100/11 each: 100/11 × (9 + 2800/2965 + 5400/6000)
        # = 98.585006… → 98.59
        "total": "98.59",
        "outcome": {
            "on_schedule": False,
            "behind": ["village_clinics", "county_doctors_dispatched"],
            "funding_cut": True,
            "accountability": False,
        },
    },
)


def gansu_province() -> Scheme:
    """The Gansu provincial plan's scheme (``health.gansu-province``)."""
    return plan_scheme(
        "health.gansu-province",
        Text("Gansu health poverty-alleviation plan: province", "甘肃省卫生精准扶贫:全省"),
        GANSU_TARGETS,
        GANSU_YEARS,
        version=SCHEME_VERSION,
        description=Text(
            "The province's figures for one year against the plan's targets; targets not due "
            "that year take no part and the others are scaled to 100.",
            "按年度考核全省各项目标任务完成情况;当年未到期的目标不参加考核,其余目标权重按比例放大到100。",
        ),
        source=Text("seed 篇四, 篇十一 (甘肃省卫生精准扶贫)", "篇四、篇十一(甘肃省卫生精准扶贫)"),
        review=Review(
            assessor=Text(
                "provincial departments, item by item (development and reform, finance, "
                "health and family planning, ...)",
                "省发展改革委、省财政厅、省卫生计生委等部门按分工考核",
            )
        ),
        examples=(WORKED_EXAMPLE,),
    )
