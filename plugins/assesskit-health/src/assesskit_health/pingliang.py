"""``health.pingliang-city``: the Pingliang city plan (平涼市衛生計生精準扶貧), as a table.

Source: seed 篇十一, second part. One record per assessed year (2015–2020)
with the city's figures. The plan attaches no consequence to any target (it
feeds the county assessment: "納入扶貧開發工作考核指標體系").

Resolutions of the source (see ``specs/health.md``): "為每所鄉鎮衛生院配備2名以上"
is a floor for every hospital (the fewest in any one), "平均每個" the mean;
``within_county_treatment`` and ``toolkit_training`` give no year and are due
from the plan's start. Left out: the mastery of techniques per health worker
or villager (no unit-level figure) and one-off payments (entitlements, not
targets).
"""

from __future__ import annotations

from assesskit import MetricKind, Scheme, Text
from assesskit.targets import TargetSpec, plan_scheme
from assesskit_health.gansu import SCHEME_VERSION

__all__ = ["PINGLIANG_TARGETS", "PINGLIANG_YEARS", "pingliang_city"]

#: The plan runs 2015–2020; a year outside it is an error.
PINGLIANG_YEARS = (2015, 2020)

_RATIO = MetricKind.RATIO
_MONEY = MetricKind.MONEY
_POINTS = MetricKind.POINTS

#: The plan's targets (spec "health.pingliang-city"), in the spec's order.
PINGLIANG_TARGETS: tuple[TargetSpec, ...] = (
    TargetSpec(
        "new_village_clinics",
        Text("new standard village clinics in poor villages", "新建贫困村标准化村卫生室"),
        "cumulative",
        "new_village_clinics_built",
        checkpoints={2015: 270},
    ),
    TargetSpec(
        "clinic_coverage",
        Text("standard clinics in every poor village", "贫困村标准化村卫生室全覆盖"),
        "share",
        "clinic_coverage_share",
        checkpoints={2016: 1},
        measure=_RATIO,
    ),
    TargetSpec(
        "township_annexes",
        Text("annex works of township hospitals", "乡镇卫生院附属工程"),
        "cumulative",
        "township_annexes_built",
        checkpoints={2015: 14},
        note=Text(
            "崆峒3, 泾川2, 灵台2, 崇信2, 华亭3, 庄浪1, 静宁1",
            "崆峒3个、泾川2个、灵台2个、崇信2个、华亭3个、庄浪1个、静宁1个",
        ),
    ),
    TargetSpec(
        "staff_dormitories",
        Text("staff dormitories of township hospitals", "乡镇卫生院职工周转宿舍"),
        "cumulative",
        "staff_dormitories_built",
        checkpoints={2015: 15},
        note=Text(
            "崆峒2, 泾川3, 灵台3, 崇信2, 华亭3, 庄浪1, 静宁1",
            "崆峒2个、泾川3个、灵台3个、崇信2个、华亭3个、庄浪1个、静宁1个",
        ),
    ),
    TargetSpec(
        "mch_hospitals",
        Text(
            "maternal and child health hospitals of Zhuanglang and Jingning built",
            "庄浪、静宁两县妇幼保健院建成",
        ),
        "cumulative",
        "mch_hospitals_built",
        checkpoints={2015: 2},
    ),
    TargetSpec(
        "icu_nicu_specialties",
        Text(
            "ICU and NICU specialties of Jingning and Zhuanglang county hospitals (4 units)",
            "静宁、庄浪县医院重症医学科和新生儿重症监护病房",
        ),
        "cumulative",
        "icu_nicu_specialties_done",
        checkpoints={2015: 4},
    ),
    TargetSpec(
        "ncms_subsidy",
        Text("government subsidy of the NCMS (yuan a person)", "新农合政府补助 (元/人)"),
        "at_least",
        "ncms_subsidy_per_person",
        checkpoints={2015: 380},
        measure=_MONEY,
        unit="元/人",
    ),
    TargetSpec(
        "ncms_participation",
        Text("NCMS participation of the poor", "贫困人口新农合参合率"),
        "share",
        "ncms_participation_share",
        checkpoints={2015: "0.98"},
        measure=_RATIO,
    ),
    TargetSpec(
        "senior_doctors_dispatched",
        Text(
            "senior doctors of provincial and city hospitals practising in counties (about)",
            "省市级医院副主任以上医师多点执业",
        ),
        "annual",
        "senior_doctors_dispatched",
        checkpoints={2015: 150},
        until=2020,
        about=True,
    ),
    TargetSpec(
        "county_doctors_dispatched",
        Text(
            "county hospital doctors practising in townships (about)",
            "县级医院医师到乡级多点执业",
        ),
        "annual",
        "county_doctors_dispatched",
        checkpoints={2015: 700},
        until=2020,
        about=True,
    ),
    TargetSpec(
        "min_gps_per_township",
        Text(
            "general practitioners in every township hospital (the fewest in any one)",
            "每所乡镇卫生院全科医生",
        ),
        "at_least",
        "min_gps_per_township",
        checkpoints={2016: 2},
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
        "village_doctors_qualified",
        Text("village doctors qualified to practise", "村医达到执业资格"),
        "share",
        "village_doctors_qualified_share",
        checkpoints={2017: 1},
        measure=_RATIO,
    ),
    TargetSpec(
        "village_doctor_subsidy",
        Text("fixed subsidy of village doctors (yuan a month)", "村医定额补助 (元/月)"),
        "at_least",
        "village_doctor_subsidy",
        checkpoints={2016: 400},
        measure=_MONEY,
        unit="元/月",
    ),
    TargetSpec(
        "critical_illness_deductible",
        Text("deductible of critical illness insurance (yuan)", "大病保险起付线 (元)"),
        "at_most",
        "critical_illness_deductible",
        checkpoints={2016: 3000},
        measure=_MONEY,
        unit="元",
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
        measure=_POINTS,
        unit="个百分点",
    ),
    TargetSpec(
        "chronic_diseases_covered",
        Text("chronic diseases with fixed outpatient subsidies", "门诊定额补助慢性病种"),
        "at_least",
        "chronic_diseases_covered",
        checkpoints={2015: 33},
    ),
    TargetSpec(
        "major_diseases_covered",
        Text("major and critical diseases covered by the NCMS", "新农合重特大疾病保障病种"),
        "at_least",
        "major_diseases_covered",
        checkpoints={2015: 50},
    ),
    TargetSpec(
        "staff_trained",
        Text("technical staff trained at every level", "培训各级各类技术人员"),
        "annual",
        "staff_trained",
        checkpoints={2015: 8000},
        until=2020,
    ),
    TargetSpec(
        "external_training",
        Text("staff sent for further training outside the city", "选送市外进修"),
        "annual",
        "external_training",
        checkpoints={2015: 600},
        until=2020,
    ),
    TargetSpec(
        "talents_recruited",
        Text("highly educated specialists in short supply recruited", "引进高学历紧缺人才"),
        "annual",
        "talents_recruited",
        checkpoints={2015: 300},
        until=2020,
    ),
    TargetSpec(
        "latrine_uplift",
        Text("rise of sanitary latrines (percentage points)", "卫生改厕数量提高"),
        "at_least",
        "latrine_uplift_pp",
        checkpoints={2015: 5},
        measure=_POINTS,
        unit="个百分点",
    ),
    TargetSpec(
        "within_county_treatment",
        Text("patients treated within the county", "县域内就诊率"),
        "share",
        "within_county_treatment_share",
        checkpoints={2015: "0.90"},
        measure=_RATIO,
        note=Text("no year in the source: due from 2015", "原文未给年份:自2015年起考核"),
    ),
    TargetSpec(
        "toolkit_training",
        Text(
            "households trained to use the health care toolkit",
            "健康保健工具包使用培训覆盖率",
        ),
        "share",
        "toolkit_training_share",
        checkpoints={2015: 1},
        measure=_RATIO,
        note=Text("no year in the source: due from 2015", "原文未给年份:自2015年起考核"),
    ),
    TargetSpec(
        "fp_disability_subsidy",
        Text(
            "support of families whose only child is disabled (yuan a person a month)",
            "独生子女伤残家庭扶助金 (元/人/月)",
        ),
        "at_least",
        "fp_disability_subsidy",
        checkpoints={2015: 300},
        measure=_MONEY,
        unit="元/人/月",
    ),
    TargetSpec(
        "fp_bereaved_subsidy",
        Text(
            "support of families whose only child died (yuan a person a month)",
            "独生子女死亡家庭扶助金 (元/人/月)",
        ),
        "at_least",
        "fp_bereaved_subsidy",
        checkpoints={2015: 500},
        measure=_MONEY,
        unit="元/人/月",
    ),
)


def pingliang_city() -> Scheme:
    """The Pingliang city plan's scheme (``health.pingliang-city``)."""
    return plan_scheme(
        "health.pingliang-city",
        Text(
            "Pingliang health and family planning poverty alleviation: city",
            "平凉市卫生计生精准扶贫:全市",
        ),
        PINGLIANG_TARGETS,
        PINGLIANG_YEARS,
        version=SCHEME_VERSION,
        description=Text(
            "The city's figures for one year against the plan's targets; targets not due "
            "that year take no part and the others are scaled to 100. No consequences.",
            "按年度考核全市各项目标任务完成情况;当年未到期的目标不参加考核,其余目标权重按比例放大到100。本方案未规定后果。",
        ),
        source=Text("seed 篇十一 (平凉市)", "篇十一(平凉市卫生计生精准扶贫实施方案)"),
    )
