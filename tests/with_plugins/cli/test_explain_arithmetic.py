"""``assesskit explain`` shows every outcome's arithmetic to the fen (issue 15, point 6).

The values are computed by hand from shared/specs/microloan.md and
plugins/assesskit-microloan/examples/README.md:

- LO-003 2026-09 (income 87 875, overdue 13.29%, discipline 55, salary 6150):
  52.725 + 20 + 2 + 0 = 74.725 → 74.73; pay = 6150 × 74.73 / 100 = 4595.895,
  rounded half-up to 4595.90; no bonus (income below 100 000).
- LO-011 (discipline 60, 52, 58): dismissal in 2026-09. Totals: 2026-07
  60 × 0.6995642 + 20 + 8 + 5 = 74.973852 → 74.97; 2026-08 45.8418 + 20 + 9 + 0
  = 74.8418 → 74.84; 2026-09 41.043 + 20 + 8 + 0 = 69.043 → 69.04.
- LO-016 2026-08: overdue 15.02% > 15% vetoes; bonus 0.03 × 12 600 = 378.00 withheld,
  so income = pay = 0.00.
- MG-001 2025 (management): roc 15.68% → 45, loss 0 → 45, overdue 7.12% → 8:
  total 98; coefficient 98.00 / 100 = 0.98; bonus 120 000 × 0.98 = 117 600.00;
  pool rate 0.2 × (15.68% − 15%) = 0.00136; pool 0.00136 × 100 000 000 = 136 000.00.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import LOAN_OFFICERS, MICROLOAN, needs

Cli = Callable[..., Outcome]
OFFICER = "microloan.loan-officer"


def explain(cli: Cli, scheme: str, path: Path | str, *args: str) -> list[str]:
    outcome = cli("explain", scheme, str(path), *args)
    assert outcome.code == 0, outcome.err
    return [line.strip() for line in outcome.out.splitlines()]


def test_pay_on_both_sides_of_the_rounding_edge(cli: Cli, tmp_path: Path) -> None:
    needs(OFFICER)
    lines = explain(cli, OFFICER, LOAN_OFFICERS, "--entity", "LO-003", "--period", "2026-09")
    assert "how it was computed:" in lines
    # 4595.895 is a tie: half-up to 4595.90
    assert "pay = 6150 × 74.73 / 100 = 4595.895 → 4595.90 (rounded half-up to the fen)" in lines
    assert "bonus = 0.03 × max(0, 87875 − 100000) = 0.00" in lines
    assert "income = 4595.90 + 0.00 (a veto fired: no) = 4595.90" in lines
    # below the tie (6151 × 74.73 / 100 = 4596.6423) it rounds down; income 87 874 gives
    # 52.7244 + 22 = 74.7244 → 74.72, and 6150 × 74.72 / 100 = 4595.28 needs no rounding
    rows = tmp_path / "edge.csv"
    rows.write_text(
        "entity_id,name,period,business_income,loan_loss_rate,overdue_ratio,"
        "discipline_score,standard_salary\n"
        "A,甲,2026-09,87875,0,0.1329,55,6151\n"
        "B,乙,2026-09,87874,0,0.1329,55,6150\n",
        encoding="utf-8",
    )
    down = explain(cli, OFFICER, rows, "--entity", "A")
    assert "pay = 6151 × 74.73 / 100 = 4596.6423 → 4596.64 (rounded half-up to the fen)" in down
    exact = explain(cli, OFFICER, rows, "--entity", "B")
    assert "total: 74.72 (exactly 74.7244, rounded half-up)" in exact
    assert "pay = 6150 × 74.72 / 100 = 4595.28" in exact


def test_pay_in_chinese(cli: Cli) -> None:
    needs(OFFICER)
    args = ("--entity", "张伟", "--period", "2026-09", "--lang", "zh")
    out = "\n".join(explain(cli, OFFICER, LOAN_OFFICERS, *args))
    assert "计算过程:" in out
    assert " = 6150 × 74.73 / 100 = 4595.895 → 4595.90(四舍五入到分)" in out
    assert " = 0.03 × 较大值(0, 87875 − 100000) = 0.00" in out
    assert " = 4595.90 + 0.00(触发一票否决:否) = 4595.90" in out


def test_dismissal_shows_the_periods_behind_it(cli: Cli) -> None:
    needs(OFFICER)
    lines = explain(cli, OFFICER, LOAN_OFFICERS, "--entity", "LO-011", "--period", "2026-09")
    at = lines.index("dismissal: three consecutive months at 60 or below: yes")
    assert lines[at + 1 : at + 5] == [
        "discipline rating at 60 or below:",
        "2026-07 (total 74.97): discipline rating 60 <= 60: yes",
        "2026-08 (total 74.84): discipline rating 52 <= 60: yes",
        "2026-09 (total 69.04): discipline rating 58 <= 60: yes",
    ]
    assert "pay = 5200 × 69.04 / 100 = 3590.08" in lines


def test_a_rule_not_fired_shows_the_periods_it_looked_at(cli: Cli) -> None:
    needs(OFFICER)
    # LO-011 in 2026-08: June is not in the input, July and August are
    lines = explain(
        cli, OFFICER, LOAN_OFFICERS, "--entity", "LO-011", "--period", "2026-08", "--lang", "zh"
    )
    at = lines.index("2026-06:无考核结果")
    assert lines[at - 2].endswith(":否")  # the rule: not fired
    assert lines[at + 1].startswith("2026-07(总分 74.97):")
    assert lines[at + 1].endswith(" 60 <= 60:是")
    assert lines[at + 2].startswith("2026-08(总分 74.84):")
    assert lines[at + 2].endswith(" 52 <= 60:是")


def test_dismissal_on_the_total(cli: Cli) -> None:
    needs("microloan.cashier")
    # CS-002: totals 60.00, 55.00, 57.50 (README); discipline 66, 70, 58
    lines = explain(
        cli, "microloan.cashier", MICROLOAN / "cashier.csv", "--entity", "CS-002", "--period",
        "2026-09",
    )  # fmt: skip
    at = lines.index("monthly total at 60 or below:")
    assert lines[at + 1 : at + 4] == [
        "2026-07 (total 60.00): 60.00 <= 60: yes",
        "2026-08 (total 55.00): 55.00 <= 60: yes",
        "2026-09 (total 57.50): 57.50 <= 60: yes",
    ]
    at = lines.index("discipline rating at 60 or below:")
    assert lines[at + 1] == "2026-07 (total 60.00): discipline rating 66 <= 60: no"
    # 57.50 is below 60: band low, pay factor 0.6
    assert "pay factor = 0.6 (band: 60% of pay)" in lines
    assert "pay = 5000 × 0.6 = 3000.00" in lines


def test_a_veto_shows_the_value_that_fired_it(cli: Cli) -> None:
    needs(OFFICER)
    lines = explain(cli, OFFICER, LOAN_OFFICERS, "--entity", "LO-016", "--period", "2026-08")
    assert (
        "veto overdue loans above 15%: overdue ratio (one month or more) 15.02% > 15%: yes "
        "→ the whole total is 0" in lines
    )
    assert "veto loan loss rate above 1%: loan loss rate 0% > 1%: no" in lines
    assert "bonus = 0.03 × max(0, 112600 − 100000) = 378.00" in lines
    assert "income = 0.00 (a veto fired: yes)" in lines  # pay alone: the bonus is withheld
    # overdue exactly 15% is not above 15%: no veto (LO-008 2026-09)
    lines = explain(cli, OFFICER, LOAN_OFFICERS, "--entity", "LO-008", "--period", "2026-09")
    assert "veto overdue loans above 15%: overdue ratio (one month or more) 15% > 15%: no" in lines
    zh = explain(
        cli, OFFICER, LOAN_OFFICERS, "--entity", "LO-016", "--period", "2026-08", "--lang", "zh"
    )
    assert any(line.endswith(" 15.02% > 15%:是 → 考核总分为0") for line in zh)


def test_coefficient_bonus_and_pool(cli: Cli) -> None:
    needs("microloan.management")
    path = MICROLOAN / "management.csv"
    lines = explain(cli, "microloan.management", path, "--entity", "MG-001")
    assert "bonus coefficient = 98.00 / 100 = 0.98" in lines
    assert "bonus = 120000 × 98.00 / 100 = 117600.00" in lines
    assert (
        "company bonus pool rate = 0.2 × (15.68% − 15%) (15% < return on capital 15.68%: yes) "
        "= 0.00136"
    ) in lines
    assert (
        "company bonus pool = 0.2 × (15.68% − 15%) × 100000000 "
        "(15% < return on capital 15.68%: yes) = 136000.00"
    ) in lines
    # MG-002 gives no capital: the pool has no value
    lines = explain(cli, "microloan.management", path, "--entity", "MG-002", "--lang", "zh")
    assert any(line.endswith(" = 80000 × 98.00 / 100 = 78400.00") for line in lines)
    assert any(line.endswith(" 15.68%:是) = 无") and " × 无(" in line for line in lines)


def test_a_consequence_of_a_plan_shows_what_it_tests(cli: Cli) -> None:
    needs("health.gansu-province")
    # health/examples/README.md: 2016 behind on village_clinics (2800 / 2965), funding cut;
    # 2017 two substandard clinic projects, accountability
    path = MICROLOAN.parent.parent / "assesskit-health" / "examples" / "gansu-province.csv"
    lines = explain(cli, "health.gansu-province", path, "--entity", "gansu", "--period", "2016")
    assert (
        "less project money and funding next year: "
        "(standard village clinics in poor villages is behind: yes): yes"
    ) in lines
    assert "on schedule: every due target met: no component is behind: no" in lines
    lines = explain(cli, "health.gansu-province", path, "--entity", "gansu", "--period", "2017")
    assert (
        "the builder of substandard works is held responsible: "
        "(clinic projects that failed acceptance 2 > 0: yes): yes"
    ) in lines
