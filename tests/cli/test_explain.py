"""``assesskit explain``: one result, point by point."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import ROWS, Outcome, sample_csv

Cli = Callable[..., Outcome]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_explains_one_result(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("explain", sample_plugin, str(path), "--entity", "E-1")
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines[0] == "Sample scheme with every rule kind (sample.every-rule version 1)"
    assert lines[1] == "E-1 2026-08"
    assert (
        "  income [16 / 20]: income 80000 against the target 100000: 20 × 80000 / 100000 = 16"
        in lines
    )
    assert "  total: 74.00 → 80% pay (reduced)" in lines
    assert "  pay: 4000.00" in lines


def test_in_chinese(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("explain", sample_plugin, str(path), "--entity", "E-3", "--lang", "zh")
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines()[0] == "示例方案 (sample.every-rule 版本 1)"
    assert "  总分: 0.00(一票否决) → 六成 (low)" in outcome.out
    # Outcomes by their Chinese labels, for the person assessed.
    assert "  实发工资: 2400.00" in outcome.out
    assert "  奖金状态: 暂停发放" in outcome.out  # withheld, by its word
    assert (
        "  一票否决 贷款损失率大于1%: 贷款损失率大于1%(loss_rate = 2%):考核总分为0" in outcome.out
    )


def test_history_from_the_same_input(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    low = "E-1,王芳,{p},80000,6.5%,9,10,1,1,1,4,7%,0,50,90,,false,5000"
    rows = [low.format(p=p) for p in ("2026-06", "2026-07", "2026-08")]
    path = write(tmp_path / "in.csv", sample_csv(rows))
    several = cli("explain", sample_plugin, str(path), "--entity", "E-1")
    assert several.code == 2
    assert (
        "entity 'E-1' has 3 results (2026-06, 2026-07, 2026-08); choose one with --period"
        in several.err
    )
    outcome = cli("explain", sample_plugin, str(path), "--entity", "E-1", "--period", "2026-08")
    assert outcome.code == 0, outcome.err
    assert "  dismissal: true" in outcome.out  # the rule's label is "dismissal"
    assert "  dismissal: triggers: discipline" in outcome.out


def test_unknown_entity_or_period(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("explain", sample_plugin, str(path), "--entity", "E-11")
    assert outcome.code == 2
    assert "no record of entity 'E-11' in the input; did you mean 'E-1'" in outcome.err
    outcome = cli("explain", sample_plugin, str(path), "--entity", "E-1", "--period", "2026-09")
    assert outcome.code == 2
    assert "entity 'E-1' has no record for period 2026-09" in outcome.err
    outcome = cli("explain", sample_plugin, str(path), "--entity", "E-1", "--period", "Sept")
    assert outcome.code == 2
    assert "--period 'Sept' is not a period" in outcome.err


def test_bad_records_elsewhere_are_still_errors(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "in.csv", sample_csv([ROWS[0], ROWS[1].replace(",80,", ",800,")]))
    outcome = cli("explain", sample_plugin, str(path), "--entity", "E-1")
    assert outcome.code == 2
    assert f"{path} line 3, record E-2: field 'discipline_score' = '800'" in outcome.err
