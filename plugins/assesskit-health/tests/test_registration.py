"""The plugin as installed: entry point, scheme ids, the spec's tables (ids, labels, inputs)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections.abc import Mapping
from fractions import Fraction

import pytest

import assesskit
from assesskit import MetricKind, Scheme
from assesskit.targets import Target
from health_cases import SCHEME_IDS

# The spec's tables: id, Chinese label, kind, requirement, input.
GANSU_SPEC = [
    (
        "village_clinics",
        "贫困村标准化村卫生室建设",
        "cumulative",
        {2015: 2400, 2016: 2965},
        "village_clinics_built",
    ),
    (
        "village_doctor_subsidy",
        "村医定额补助 (元/月)",
        "at_least",
        {2016: 400},
        "village_doctor_subsidy",
    ),
    (
        "village_doctors_qualified",
        "村医具备执业资格",
        "share",
        {2017: 1},
        "village_doctors_qualified_share",
    ),
    (
        "township_gps",
        "平均每个乡镇卫生院全科医生",
        "at_least",
        {2017: 3, 2020: 5},
        "gps_per_township",
    ),
    (
        "general_practitioners_added",
        "配备全科医生",
        "cumulative",
        {2017: 1000, 2020: 2000},
        "general_practitioners_added",
    ),
    (
        "health_technicians",
        "乡镇卫生院卫生专业技术人员",
        "cumulative",
        {2015: 400, 2016: 800, 2017: 1200, 2018: 1600, 2019: 2000, 2020: 2400},
        "technicians_added_since_2015",
    ),
    (
        "key_specialties",
        "县级医院重点专科建设",
        "cumulative",
        {2015: 20, 2016: 40, 2017: 58, 2018: 75},
        "specialty_counties_done",
    ),
    (
        "senior_doctors_dispatched",
        "省市级医院副主任以上医师多点执业",
        "annual",
        {2015: 3000},
        "senior_doctors_dispatched",
    ),
    (
        "county_doctors_dispatched",
        "县级医院医师多点执业",
        "annual",
        {2015: 6000},
        "county_doctors_dispatched",
    ),
    ("support_doctors", "医师帮扶", "annual", {2015: 1000}, "support_doctors"),
    (
        "inpatient_reimbursement_uplift",
        "新农合住院报销比例提高",
        "at_least",
        {2015: 5},
        "inpatient_reimbursement_uplift_pp",
    ),
    (
        "critical_illness_deductible",
        "大病保险起付线 (元)",
        "at_most",
        {2016: 3000},
        "critical_illness_deductible",
    ),
    (
        "critical_illness_uplift",
        "大病保险报销比例提高",
        "at_least",
        {2016: 3},
        "critical_illness_uplift_pp",
    ),
    ("free_medical_students", "订单定向免费医学生", "annual", {2016: 500}, "free_medical_students"),
    (
        "overcharge_rule",
        "《乱收费…新农合资金扣减办法》出台",
        "milestone",
        dt.date(2015, 6, 30),
        "overcharge_rule_issued_on",
    ),
]

PINGLIANG_SPEC = [
    (
        "new_village_clinics",
        "新建贫困村标准化村卫生室",
        "cumulative",
        {2015: 270},
        "new_village_clinics_built",
    ),
    ("clinic_coverage", "贫困村标准化村卫生室全覆盖", "share", {2016: 1}, "clinic_coverage_share"),
    ("township_annexes", "乡镇卫生院附属工程", "cumulative", {2015: 14}, "township_annexes_built"),
    (
        "staff_dormitories",
        "乡镇卫生院职工周转宿舍",
        "cumulative",
        {2015: 15},
        "staff_dormitories_built",
    ),
    (
        "mch_hospitals",
        "庄浪、静宁两县妇幼保健院建成",
        "cumulative",
        {2015: 2},
        "mch_hospitals_built",
    ),
    (
        "icu_nicu_specialties",
        "静宁、庄浪县医院重症医学科和新生儿重症监护病房",
        "cumulative",
        {2015: 4},
        "icu_nicu_specialties_done",
    ),
    ("ncms_subsidy", "新农合政府补助 (元/人)", "at_least", {2015: 380}, "ncms_subsidy_per_person"),
    (
        "ncms_participation",
        "贫困人口新农合参合率",
        "share",
        {2015: Fraction(98, 100)},
        "ncms_participation_share",
    ),
    (
        "senior_doctors_dispatched",
        "省市级医院副主任以上医师多点执业",
        "annual",
        {2015: 150},
        "senior_doctors_dispatched",
    ),
    (
        "county_doctors_dispatched",
        "县级医院医师到乡级多点执业",
        "annual",
        {2015: 700},
        "county_doctors_dispatched",
    ),
    (
        "min_gps_per_township",
        "每所乡镇卫生院全科医生",
        "at_least",
        {2016: 2},
        "min_gps_per_township",
    ),
    (
        "township_gps",
        "平均每个乡镇卫生院全科医生",
        "at_least",
        {2017: 3, 2020: 5},
        "gps_per_township",
    ),
    (
        "village_doctors_qualified",
        "村医达到执业资格",
        "share",
        {2017: 1},
        "village_doctors_qualified_share",
    ),
    (
        "village_doctor_subsidy",
        "村医定额补助 (元/月)",
        "at_least",
        {2016: 400},
        "village_doctor_subsidy",
    ),
    (
        "critical_illness_deductible",
        "大病保险起付线 (元)",
        "at_most",
        {2016: 3000},
        "critical_illness_deductible",
    ),
    (
        "critical_illness_uplift",
        "大病保险报销比例提高",
        "at_least",
        {2016: 3},
        "critical_illness_uplift_pp",
    ),
    (
        "chronic_diseases_covered",
        "门诊定额补助慢性病种",
        "at_least",
        {2015: 33},
        "chronic_diseases_covered",
    ),
    (
        "major_diseases_covered",
        "新农合重特大疾病保障病种",
        "at_least",
        {2015: 50},
        "major_diseases_covered",
    ),
    ("staff_trained", "培训各级各类技术人员", "annual", {2015: 8000}, "staff_trained"),
    ("external_training", "选送市外进修", "annual", {2015: 600}, "external_training"),
    ("talents_recruited", "引进高学历紧缺人才", "annual", {2015: 300}, "talents_recruited"),
    ("latrine_uplift", "卫生改厕数量提高", "at_least", {2015: 5}, "latrine_uplift_pp"),
    (
        "within_county_treatment",
        "县域内就诊率",
        "share",
        {2015: Fraction(9, 10)},
        "within_county_treatment_share",
    ),
    (
        "toolkit_training",
        "健康保健工具包使用培训覆盖率",
        "share",
        {2015: 1},
        "toolkit_training_share",
    ),
    (
        "fp_disability_subsidy",
        "独生子女伤残家庭扶助金 (元/人/月)",
        "at_least",
        {2015: 300},
        "fp_disability_subsidy",
    ),
    (
        "fp_bereaved_subsidy",
        "独生子女死亡家庭扶助金 (元/人/月)",
        "at_least",
        {2015: 500},
        "fp_bereaved_subsidy",
    ),
]

#: The "about" targets (約 N, N 名左右).
ABOUT = {"senior_doctors_dispatched", "county_doctors_dispatched", "support_doctors"}
#: The last year of each annual range.
UNTIL = {"health.gansu-province": 2025, "health.pingliang-city": 2020}


def test_entry_point_is_declared_in_the_assesskit_group() -> None:
    found = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="assesskit")}
    assert found.get("health") == "assesskit_health"


def test_the_entry_point_registers_the_three_schemes() -> None:
    registered = {s.id: s.plugin for s in assesskit.list_schemes() if s.id.startswith("health.")}
    assert registered == dict.fromkeys(SCHEME_IDS, "health")


@pytest.mark.parametrize(
    ("scheme_id", "table"),
    [("health.gansu-province", GANSU_SPEC), ("health.pingliang-city", PINGLIANG_SPEC)],
)
def test_targets_follow_the_spec_table(
    schemes: Mapping[str, Scheme], scheme_id: str, table: list[tuple[object, ...]]
) -> None:
    scheme = schemes[scheme_id]
    assert [c.id for c in scheme.components] == [row[0] for row in table]
    for target_id, label, kind, requirement, input_name in table:
        component = next(c for c in scheme.components if c.id == target_id)
        rule = component.rule
        assert isinstance(rule, Target)
        assert component.label.zh == label
        assert component.weight == 1
        assert rule.target_kind == kind
        assert rule.input == input_name
        if kind == "milestone":
            assert rule.deadline == requirement
            continue
        assert rule.schedule is not None
        assert dict(rule.schedule.checkpoints) == requirement
        assert rule.schedule.until == (UNTIL[scheme_id] if kind == "annual" else None)
        assert (rule.tolerance is not None) == (target_id in ABOUT), target_id


@pytest.mark.parametrize(
    ("scheme_id", "years"),
    [
        ("health.gansu-province", (2015, 2025)),
        ("health.pingliang-city", (2015, 2020)),
        ("health.county", (2015, 2025)),
    ],
)
def test_the_year_is_an_input_with_the_plan_range(
    schemes: Mapping[str, Scheme], scheme_id: str, years: tuple[int, int]
) -> None:
    year = schemes[scheme_id].metric_map["year"]
    assert year.kind is MetricKind.YEAR
    assert year.required
    assert year.domain is not None
    assert year.domain.lower == years[0]
    assert year.domain.upper == years[1]


def test_the_county_takes_a_quota_pair_for_every_gansu_target(
    gansu: Scheme, county: Scheme
) -> None:
    names = {m.name for m in county.metrics}
    for component in gansu.components:
        assert {f"{component.id}_required", f"{component.id}_actual"} <= names
    assert [c.id for c in county.components] == [c.id for c in gansu.components]
    kinds = {c.id: c.rule.target_kind for c in county.components if isinstance(c.rule, Target)}
    assert kinds == {
        c.id: c.rule.target_kind for c in gansu.components if isinstance(c.rule, Target)
    }
    assert "substandard_clinic_projects" in names


def test_outcomes(schemes: Mapping[str, Scheme]) -> None:
    ids = {sid: [o.id for o in s.outcomes] for sid, s in schemes.items()}
    assert ids == {
        "health.gansu-province": ["on_schedule", "behind", "funding_cut", "accountability"],
        "health.pingliang-city": ["on_schedule", "behind"],  # no consequences
        "health.county": ["on_schedule", "behind", "funding_cut", "accountability"],
    }


def test_the_worked_example_is_declared_and_holds(gansu: Scheme) -> None:
    (example,) = gansu.examples
    result = gansu.score(example.record)
    assert str(result.total) == example.expected["total"]
    assert dict(result.outcome) == example.expected["outcome"]


def test_about_tolerance_is_a_parameter_of_each_scheme(schemes: Mapping[str, Scheme]) -> None:
    for scheme in schemes.values():
        assert scheme.params() == {"about_tolerance": 0}
        assert assesskit.get_scheme(scheme.id, about_tolerance="0.1").params()[
            "about_tolerance"
        ] == Fraction(1, 10)
