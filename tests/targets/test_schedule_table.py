"""``schedule_table``: which targets are due in which year, with their requirements."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from assesskit import Scheme, Text
from assesskit.targets import TargetSpec, plan_scheme, quota_targets, schedule_table


def test_one_row_per_target_and_one_cell_per_plan_year(plan: Scheme) -> None:
    table = schedule_table(plan)
    assert table is not None
    assert table.years == (2014, 2015, 2016, 2017, 2018, 2019, 2020)  # the plan's range
    rows = {r.target_id: r for r in table.rows}
    assert [r.target_id for r in table.rows] == [c.id for c in plan.components]
    assert rows["built"].due_years() == (2015, 2016, 2017, 2018, 2019, 2020)
    assert [c.required for c in rows["built"].cells] == [None, 100, 100, 300, 300, 300, 300]
    assert rows["trained"].due_years() == (2016, 2017, 2018)
    assert [c.state for c in rows["rule_issued"].cells] == [
        "not_due",
        "not_due",
        "due",
        "until_done",
        "until_done",
        "until_done",
        "until_done",
    ]
    assert rows["rule_issued"].cells[2].required == dt.date(2016, 6, 30)
    assert rows["coverage"].cells[2].text.en == "≥90%"
    assert rows["deductible"].cells[2].text.en == "≤3000"
    assert rows["dispatched"].cells[1].text.en == "~6000"
    assert [r.target_id for r in table.due_in(2015)] == ["built", "subsidy", "dispatched"]


def test_about_requirements_follow_the_tolerance_in_force(plan: Scheme) -> None:
    table = schedule_table(plan.with_params(about_tolerance="0.1"))
    assert table is not None
    dispatched = next(r for r in table.rows if r.target_id == "dispatched")
    assert dispatched.cells[1].required == Fraction(5400)
    assert "about_tolerance 现为 10%" in table.render("zh")


def test_render_in_chinese_and_english(plan: Scheme) -> None:
    table = schedule_table(plan)
    assert table is not None
    zh = table.render("zh").splitlines()
    assert zh[0] == "各类目标 (test.all-kinds):考核进度表"
    assert zh[1].split() == ["目标", "名称", "类型", *map(str, range(2014, 2021))]
    assert zh[2].split() == [
        "built",
        "建成卫生室",
        "累计",
        "—",
        "100",
        "100",
        "300",
        "300",
        "300",
        "300",
    ]
    assert "后果 lagging(滞后):built 未达标" in zh
    assert "后果 audit_failed(审计不合格):failed_audits > 0" in zh
    en = table.render("en")
    assert "consequence lagging (lagging): when built is behind" in en
    data = table.to_dict("zh")
    assert data["targets"][0]["years"]["2017"] == {"state": "due", "required": 300}
    assert data["targets"][0]["requirement"] == "2015年 100;2017年 300"


def test_columns_line_up_with_chinese_labels(plan: Scheme) -> None:
    table = schedule_table(plan)
    assert table is not None
    lines = table.render("zh").splitlines()[1:9]
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    # every year column ends at the same display column
    assert len({width(line) for line in lines}) == 1


def test_quota_plans_and_schemes_without_targets() -> None:
    spec = TargetSpec("a", Text("a", "甲"), "annual", "a", checkpoints={2015: 1}, until=2016)
    quotas = plan_scheme("test.q", Text("q"), quota_targets([spec]), (2015, 2016))
    table = schedule_table(quotas)
    assert table is not None
    assert [c.text.zh for c in table.rows[0].cells] == ["任务", "任务"]
    assert table.rows[0].due_years() == (2015, 2016)


def test_no_table_for_a_scheme_without_targets(sample_scheme: Scheme) -> None:
    assert schedule_table(sample_scheme) is None
