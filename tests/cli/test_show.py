"""``assesskit show``: a scheme in words a finance clerk can check against the source."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction

from tests.cli.conftest import Outcome

from assesskit.describe import weight_words

Cli = Callable[..., Outcome]


def test_text_in_english_keeps_chinese_labels(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("show", sample_plugin)
    assert outcome.code == 0, outcome.err
    text = outcome.out
    lines = text.splitlines()
    assert lines[0] == "sample.every-rule  version 1  (plugin sample-plugin)"
    assert lines[1] == "Sample scheme with every rule kind (示例方案)"
    assert "period: monthly (月度), field period (YYYY-MM)" in text
    # inputs with their domains
    assert any(
        line.split()[:1] == ["overdue_ratio"] and "ratio in [0, 1]" in line for line in lines
    )
    assert any(
        line.split()[:1] == ["rating_b"] and "rating in [0, 100], optional" in line
        for line in lines
    )
    assert "- eligible <= relocated" in text
    # components: weight and rule in words
    overdue = next(line for line in lines if line.strip().startswith("overdue "))
    assert (
        "10  10 when overdue_ratio <= 0.05; above it, 1 point(s) off for each full 0.01" in overdue
    )
    # vetoes, bands with explicit ends, outcomes, history, review, parameters
    assert "loss_over_1pct  loss rate above 1% (贷款损失率大于1%): loss_rate > 0.01" in text
    band_lines = [
        line.split() for line in lines if line.strip().startswith(("full ", "reduced ", "low "))
    ]
    assert [
        "reduced",
        "80%",
        "pay",
        "(八成)",
        "[60,",
        "80)",
        "60",
        "<=",
        "total",
        "<",
        "80",
    ] in band_lines
    assert ["low", "60%", "pay", "(六成)", "(-∞,", "60)", "total", "<", "60"] in band_lines
    assert "pay_factor" in text
    assert "by band: full → 1, reduced → 0.8, low → 0.6" in text
    assert "holds when one trigger holds in 3 consecutive periods" in text
    assert "- discipline  discipline <= 60 (劳动纪律60分以下): discipline_score <= 60" in text
    assert "initial review: admin dept (综合管理部)" in text
    assert "final review: general manager (总经理)" in text
    params = next(line for line in lines if line.strip().startswith("income_target"))
    assert params.split()[-2:] == ["100000", "100000"]  # default, value in force


def test_text_in_chinese(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("show", sample_plugin, "--lang", "zh")
    text = outcome.out
    assert text.splitlines()[1] == "示例方案"
    assert "考核期:月度,字段 period(年-月,如 2026-07)" in text
    assert "逾期贷款率不超过 0.05 得 10 分" in text
    assert "初评: 综合管理部" in text


def test_param_shows_the_value_in_force(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("show", sample_plugin, "--param", "income_target=80000")
    params = next(
        line for line in outcome.out.splitlines() if line.strip().startswith("income_target")
    )
    assert params.split()[-2:] == ["100000", "80000"]


def test_json_gives_both_languages(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("show", sample_plugin, "--format", "json")
    data = json.loads(outcome.out)
    assert data["id"] == "sample.every-rule"
    assert data["title"] == {"en": "Sample scheme with every rule kind", "zh": "示例方案"}
    assert data["plugin"] == "sample-plugin"
    assert data["period"] == "monthly"
    inputs = {i["name"]: i for i in data["inputs"]}
    assert inputs["overdue_ratio"]["domain"] == "[0, 1]"
    assert inputs["rating_b"]["required"] is False
    components = {c["id"]: c for c in data["components"]}
    assert components["income"]["weight"] == "20"
    assert components["income"]["rule"]["kind"] == "plateau"
    assert components["discipline"]["rule"]["description"]["zh"].startswith("80 <= 劳动纪律 → 10")
    low = data["bands"]["bands"][2]
    assert low == {
        "id": "low",
        "label": {"en": "60% pay", "zh": "六成"},
        "notation": "(-∞, 60)",
        "condition": "total < 60",
        "lower": None,
        "lower_closed": True,
        "upper": "60",
        "upper_closed": False,
    }
    assert data["vetoes"] == [
        {
            "id": "loss_over_1pct",
            "label": {"en": "loss rate above 1%", "zh": "贷款损失率大于1%"},
            "condition": "loss_rate > 0.01",
        }
    ]
    assert data["parameters"][0]["default"] == "100000"
    assert data["history_rules"][0]["periods"] == 3
    assert data["review"]["final"] == {"en": "general manager", "zh": "总经理"}


def test_weights_are_shown_exactly() -> None:
    # Nine equal relative weights are 100/9 points each: shown as the fraction, then rounded.
    assert weight_words(Fraction(100, 9)) == "100/9 ≈ 11.11"
    assert weight_words(Fraction(25, 2)) == "12.5"


def test_the_other_names_of_an_input_are_shown() -> None:
    """A metric's aliases are headers a file may use: show lists them, in text and JSON."""
    import attrs
    from tests.conftest import build_sample_scheme

    from assesskit.describe import describe, render_description

    base = build_sample_scheme()
    metrics = [
        attrs.evolve(m, aliases=("底薪", "base pay")) if m.name == "salary" else m
        for m in base.metrics
    ]
    scheme = build_sample_scheme(metrics=metrics)
    english = render_description(scheme, "en")
    chinese = render_description(scheme, "zh")
    assert "also: 底薪, base pay" in english
    assert "又名:底薪、base pay" in chinese
    inputs = {m["name"]: m for m in describe(scheme)["inputs"]}
    assert inputs["salary"]["aliases"] == ["底薪", "base pay"]
    assert inputs["income"]["aliases"] == []
