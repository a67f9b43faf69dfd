"""End to end on the bundled examples, with the shipped plugins (skipped when not installed).

Expected values are those of plugins/assesskit-microloan/examples/README.md, worked
out from specs/microloan.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import MICROLOAN, RELOCATION, needs

Cli = Callable[..., Outcome]


def results(cli: Cli, *args: str) -> dict[tuple[str, str], dict[str, Any]]:
    outcome = cli("score", *args)
    assert outcome.code == 0, outcome.err
    return {(r["entity_id"], r["period"]): r for r in json.loads(outcome.out)["results"]}


def test_loan_officers(cli: Cli) -> None:
    needs("microloan.loan-officer")
    scored = results(cli, "microloan.loan-officer", str(MICROLOAN / "loan-officer.csv"))
    assert len(scored) == 53
    tie = scored[("LO-003", "2026-09")]
    # 60 × 87875 / 100000 = 52.725; + 20 + 2 + 0 = 74.725 → 74.73; pay 6150 × 74.73% = 4595.895
    assert tie["total"] == 74.73
    assert tie["outcome"]["pay"] == "4595.90"
    assert scored[("LO-005", "2026-07")]["components"]["overdue"]["points"] == 8.0  # "7.13%"
    assert scored[("LO-011", "2026-09")]["outcome"]["dismissal"] is True
    assert scored[("LO-016", "2026-08")]["outcome"]["bonus"] == "378.00"
    assert scored[("LO-016", "2026-08")]["outcome"]["bonus_status"] == "withheld"


def test_the_gb18030_file_scores_like_the_utf8_one(cli: Cli) -> None:
    needs("microloan.loan-officer")
    folder = MICROLOAN
    utf8 = results(cli, "microloan.loan-officer", str(folder / "loan-officer.csv"))
    gb = results(cli, "microloan.loan-officer", str(folder / "loan-officer-2026-09-gb18030.csv"))
    assert len(gb) == 18
    for key, result in gb.items():
        assert (result["total"], result["outcome"]["pay"]) == (
            utf8[key]["total"],
            utf8[key]["outcome"]["pay"],
        )


def test_september_with_the_summer_as_history(cli: Cli, tmp_path: Path) -> None:
    needs("microloan.loan-officer")
    folder = MICROLOAN
    summer = tmp_path / "summer.csv"
    lines = (folder / "loan-officer.csv").read_text(encoding="utf-8").splitlines()
    summer.write_text(
        "\n".join([lines[0], *(line for line in lines[1:] if ",2026-09," not in line)]) + "\n",
        encoding="utf-8",
    )
    history = tmp_path / "summer.json"
    assert cli("score", "microloan.loan-officer", str(summer), "-o", str(history)).code == 0
    september = results(
        cli,
        "microloan.loan-officer",
        str(folder / "loan-officer-2026-09-gb18030.csv"),
        "--history",
        str(history),
    )
    # LO-011: discipline 60, 52, 58 in July, August, September: dismissed.
    dismissed = september[("LO-011", "2026-09")]
    assert dismissed["outcome"]["dismissal"] is True
    assert dismissed["outcome"]["dismissal_trigger"] == ["discipline"]
    assert dismissed["notes"] == []
    # Without the history, September alone cannot decide it, and says so.
    alone = results(
        cli, "microloan.loan-officer", str(folder / "loan-officer-2026-09-gb18030.csv")
    )[("LO-011", "2026-09")]
    assert alone["outcome"]["dismissal"] is False
    assert alone["notes"] == [
        "history for 2026-07, 2026-08 missing: the dismissal rule could not be checked"
    ]


def test_relocation_stages_and_rollups(cli: Cli, tmp_path: Path) -> None:
    needs("relocation.county")
    counties = RELOCATION / "counties.csv"
    outcome = cli("score", "relocation.county", str(counties))
    assert outcome.code == 0, outcome.err
    document = json.loads(outcome.out)
    assert {r["stage"] for r in document["results"]} == {"self_check", "prefecture"}
    assert [r["level"] for r in document["rollups"]] == ["prefecture"]
    csv_out = cli("score", "relocation.county", str(counties), "--format", "csv")
    assert csv_out.out.splitlines()[0].startswith(
        # issue 15: name and parent_id, which the scheme does not read, are kept
        "entity_id,year,stage,assessed_on,late,early,name,parent_id,total,band,vetoed,"
    )
    # A stage the scheme does not have is reported where it is, by the whole-input check.
    lines = counties.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], lines[1].replace(",self_check,", ",selfcheck,")]) + "\n")
    failed = cli("score", "relocation.county", str(bad))
    assert failed.code == 2
    assert f"{bad} line 2, record " in failed.err
    assert "field 'stage' = 'selfcheck'" in failed.err


def test_cashier_dismissed_on_the_total_through_history_files(cli: Cli, tmp_path: Path) -> None:
    needs("microloan.cashier")
    cashiers = (MICROLOAN / "cashier.csv").read_text(encoding="utf-8").splitlines()
    header, rows = cashiers[0], cashiers[1:]
    history_files = []
    for month in ("2026-07", "2026-08"):
        source = tmp_path / f"cashier-{month}.csv"
        source.write_text("\n".join([header, *(r for r in rows if f",{month}," in r)]) + "\n")
        output = tmp_path / f"cashier-{month}.json"
        assert cli("score", "microloan.cashier", str(source), "-o", str(output)).code == 0
        history_files += ["--history", str(output)]
    september = tmp_path / "cashier-2026-09.csv"
    september.write_text("\n".join([header, *(r for r in rows if ",2026-09," in r)]) + "\n")
    scored = results(cli, "microloan.cashier", str(september), *history_files)
    # CS-002 totals 60.00, 55.00, 57.50 (all <= 60) while discipline is 66, 70, 58:
    # only the total trigger fires.
    cs2 = scored[("CS-002", "2026-09")]
    assert cs2["total"] == 57.5
    assert cs2["outcome"]["dismissal"] is True
    assert cs2["outcome"]["dismissal_trigger"] == ["total"]
    # With one history month only, the rule cannot decide and says which month is missing.
    partial = results(cli, "microloan.cashier", str(september), *history_files[2:])
    assert partial[("CS-002", "2026-09")]["outcome"]["dismissal"] is False
    assert partial[("CS-002", "2026-09")]["notes"] == [
        "history for 2026-07 missing: the dismissal rule could not be checked"
    ]


def test_every_installed_scheme_lints_clean(cli: Cli) -> None:
    needs("microloan.loan-officer")
    outcome = cli("lint")
    assert outcome.code == 0, outcome.out
    assert "no problems found" in outcome.out


def test_show_prints_the_gansu_plan_as_a_schedule(cli: Cli) -> None:
    needs("health.gansu-province")
    shown = cli("show", "health.gansu-province", "--lang", "zh")
    assert shown.code == 0
    lines = shown.out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("目标"))
    assert "2015" in lines[start]
    assert "2025" in lines[start]
    grid = lines[start:]
    clinics = next(line for line in grid if line.lstrip().startswith("village_clinics "))
    # Due 2400 by 2015, 2965 by 2016 and after the last checkpoint.
    assert "贫困村标准化村卫生室建设" in clinics
    assert clinics.split()[-11:] == ["2400"] + ["2965"] * 10
    gps = next(line for line in grid if line.lstrip().startswith("township_gps "))
    # Not due before 2017; at least 3 from 2017, 5 from 2020.
    assert gps.split()[-11:] == ["—", "—", "≥3", "≥3", "≥3", "≥5", "≥5", "≥5", "≥5", "≥5", "≥5"]
