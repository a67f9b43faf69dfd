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
        Text("new standard village clinics in poor villages", "新建貧困村標準化村衛生室"),
        "cumulative",
        "new_village_clinics_built",
        checkpoints={2015: 270},
    ),
    TargetSpec(
        "clinic_coverage",
        Text("standard clinics in every poor village", "貧困村標準化村衛生室全覆蓋"),
        "share",
        "clinic_coverage_share",
        checkpoints={2016: 1},
        measure=_RATIO,
    ),
    TargetSpec(
        "township_annexes",
        Text("annex works of township hospitals", "鄉鎮衛生院附屬工程"),
        "cumulative",
        "township_annexes_built",
        checkpoints={2015: 14},
        note=Text(
            "崆峒3, 涇川2, 靈臺2, 崇信2, 華亭3, 莊浪1, 靜寧1",
            "崆峒3個、涇川2個、靈臺2個、崇信2個、華亭3個、莊浪1個、靜寧1個",
        ),
    ),
    TargetSpec(
        "staff_dormitories",
        Text("staff dormitories of township hospitals", "鄉鎮衛生院職工周轉宿舍"),
        "cumulative",
        "staff_dormitories_built",
        checkpoints={2015: 15},
        note=Text(
            "崆峒2, 涇川3, 靈臺3, 崇信2, 華亭3, 莊浪1, 靜寧1",
            "崆峒2個、涇川3個、靈臺3個、崇信2個、華亭3個、莊浪1個、靜寧1個",
        ),
    ),
    TargetSpec(
        "mch_hospitals",
        Text(
            "maternal and child health hospitals of Zhuanglang and Jingning built",
            "莊浪、靜寧兩縣婦幼保健院建成",
        ),
        "cumulative",
        "mch_hospitals_built",
        checkpoints={2015: 2},
    ),
    TargetSpec(
        "icu_nicu_specialties",
        Text(
            "ICU and NICU specialties of Jingning and Zhuanglang county hospitals (4 units)",
            "靜寧、莊浪縣醫院重癥醫學科和新生兒重癥監護病房",
        ),
        "cumulative",
        "icu_nicu_specialties_done",
        checkpoints={2015: 4},
    ),
    TargetSpec(
        "ncms_subsidy",
        Text("government subsidy of the NCMS (yuan a person)", "新農合政府補助 (元/人)"),
        "at_least",
        "ncms_subsidy_per_person",
        checkpoints={2015: 380},
        measure=_MONEY,
        unit="元/人",
    ),
    TargetSpec(
        "ncms_participation",
        Text("NCMS participation of the poor", "貧困人口新農合參合率"),
        "share",
        "ncms_participation_share",
        checkpoints={2015: "0.98"},
        measure=_RATIO,
    ),
    TargetSpec(
        "senior_doctors_dispatched",
        Text(
            "senior doctors of provincial and city hospitals practising in counties (about)",
            "省市級醫院副主任以上醫師多點執業",
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
            "縣級醫院醫師到鄉級多點執業",
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
            "每所鄉鎮衛生院全科醫生",
        ),
        "at_least",
        "min_gps_per_township",
        checkpoints={2016: 2},
    ),
    TargetSpec(
        "township_gps",
        Text("general practitioners per township hospital (mean)", "平均每個鄉鎮衛生院全科醫生"),
        "at_least",
        "gps_per_township",
        checkpoints={2017: 3, 2020: 5},
        measure=MetricKind.NUMBER,
    ),
    TargetSpec(
        "village_doctors_qualified",
        Text("village doctors qualified to practise", "村醫達到執業資格"),
        "share",
        "village_doctors_qualified_share",
        checkpoints={2017: 1},
        measure=_RATIO,
    ),
    TargetSpec(
        "village_doctor_subsidy",
        Text("fixed subsidy of village doctors (yuan a month)", "村醫定額補助 (元/月)"),
        "at_least",
        "village_doctor_subsidy",
        checkpoints={2016: 400},
        measure=_MONEY,
        unit="元/月",
    ),
    TargetSpec(
        "critical_illness_deductible",
        Text("deductible of critical illness insurance (yuan)", "大病保險起付線 (元)"),
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
            "大病保險報銷比例提高",
        ),
        "at_least",
        "critical_illness_uplift_pp",
        checkpoints={2016: 3},
        measure=_POINTS,
        unit="個百分點",
    ),
    TargetSpec(
        "chronic_diseases_covered",
        Text("chronic diseases with fixed outpatient subsidies", "門診定額補助慢性病種"),
        "at_least",
        "chronic_diseases_covered",
        checkpoints={2015: 33},
    ),
    TargetSpec(
        "major_diseases_covered",
        Text("major and critical diseases covered by the NCMS", "新農合重特大疾病保障病種"),
        "at_least",
        "major_diseases_covered",
        checkpoints={2015: 50},
    ),
    TargetSpec(
        "staff_trained",
        Text("technical staff trained at every level", "培訓各級各類技術人員"),
        "annual",
        "staff_trained",
        checkpoints={2015: 8000},
        until=2020,
    ),
    TargetSpec(
        "external_training",
        Text("staff sent for further training outside the city", "選送市外進修"),
        "annual",
        "external_training",
        checkpoints={2015: 600},
        until=2020,
    ),
    TargetSpec(
        "talents_recruited",
        Text("highly educated specialists in short supply recruited", "引進高學歷緊缺人才"),
        "annual",
        "talents_recruited",
        checkpoints={2015: 300},
        until=2020,
    ),
    TargetSpec(
        "latrine_uplift",
        Text("rise of sanitary latrines (percentage points)", "衛生改廁數量提高"),
        "at_least",
        "latrine_uplift_pp",
        checkpoints={2015: 5},
        measure=_POINTS,
        unit="個百分點",
    ),
    TargetSpec(
        "within_county_treatment",
        Text("patients treated within the county", "縣域內就診率"),
        "share",
        "within_county_treatment_share",
        checkpoints={2015: "0.90"},
        measure=_RATIO,
        note=Text("no year in the source: due from 2015", "原文未給年份:自2015年起考核"),
    ),
    TargetSpec(
        "toolkit_training",
        Text(
            "households trained to use the health care toolkit",
            "健康保健工具包使用培訓覆蓋率",
        ),
        "share",
        "toolkit_training_share",
        checkpoints={2015: 1},
        measure=_RATIO,
        note=Text("no year in the source: due from 2015", "原文未給年份:自2015年起考核"),
    ),
    TargetSpec(
        "fp_disability_subsidy",
        Text(
            "support of families whose only child is disabled (yuan a person a month)",
            "獨生子女傷殘家庭扶助金 (元/人/月)",
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
            "獨生子女死亡家庭扶助金 (元/人/月)",
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
            "平涼市衛生計生精準扶貧:全市",
        ),
        PINGLIANG_TARGETS,
        PINGLIANG_YEARS,
        version=SCHEME_VERSION,
        description=Text(
            "The city's figures for one year against the plan's targets; targets not due "
            "that year take no part and the others are scaled to 100. No consequences.",
            "按年度考核全市各項目標任務完成情況;當年未到期的目標不參加考核,其余目標權重按比例放大到100。本方案未規定后果。",
        ),
        source=Text("seed 篇十一 (平涼市)", "篇十一(平涼市衛生計生精準扶貧實施方案)"),
    )
