"""The clerk's outputs on the shipped examples (issue 15, points 1-3), read back with openpyxl.

Values are those of plugins/assesskit-microloan/examples/README.md (LO-003
2026-09: 74.73, pay 6150 × 74.73% = 4595.90) and of the relocation examples.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import HEALTH, MICROLOAN, RELOCATION, needs

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

Cli = Callable[..., Outcome]
LOAN_OFFICERS = str(MICROLOAN / "loan-officer.csv")


def test_loan_officers_to_a_workbook(cli: Cli, tmp_path: Path) -> None:
    needs("microloan.loan-officer")
    out = tmp_path / "results.xlsx"
    outcome = cli("score", "microloan.loan-officer", LOAN_OFFICERS, "-o", str(out))
    assert outcome.code == 0, outcome.err
    sheet = openpyxl.load_workbook(out)["results"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "entity", "period", "name", "total", "vetoed", "pay", "bonus", "income", "dismissal",
    ]  # fmt: skip
    assert len(rows) == 1 + 53
    by_key = {(r[0], r[1]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    tie = by_key[("LO-003", "2026-09")]
    assert (tie["name"], tie["total"], tie["pay"]) == ("张伟", 74.73, 4595.9)
    assert isinstance(tie["total"], float)
    assert by_key[("LO-009", "2026-07")]["vetoed"] is True


def test_roll_ups_get_a_sheet_per_level(cli: Cli, tmp_path: Path) -> None:
    needs("relocation.county")
    out = tmp_path / "counties.xlsx"
    counties = str(RELOCATION / "counties.csv")
    outcome = cli("score", "relocation.county", counties, "-o", str(out))
    assert outcome.code == 0, outcome.err
    document = json.loads(cli("score", "relocation.county", counties).out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["results", "roll-ups prefecture", "notes"]
    rollups = [[c.value for c in row] for row in book["roll-ups prefecture"].iter_rows()]
    assert rollups[0][:5] == ["unit", "year", "total", "band", "members"]
    expected = [(r["unit_id"], r["total"], r["members"]) for r in document["rollups"]]
    assert [(r[0], r[2], r[4]) for r in rollups[1:]] == expected
    header = [c.value for c in book["results"][1]]
    # stage fields, then the kept name and parent_id, then the summary: total and band
    assert header == [
        "entity", "year", "stage", "assessed on", "late", "early", "name", "parent_id",
        "total", "band",
    ]  # fmt: skip


def test_a_plan_summarises_its_schedule(cli: Cli) -> None:
    needs("health.county")
    outcome = cli("score", "health.county", str(HEALTH / "counties.csv"), "--format", "table")
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines()[0].split() == [
        "entity", "year", "name", "parent_id", "total", "on_schedule", "behind", "funding_cut",
        "accountability",
    ]  # fmt: skip


def test_streamed_csv_keeps_the_names(cli: Cli, tmp_path: Path) -> None:
    """CSV from CSV is streamed; from JSON it is not: the text is the same, names and all."""
    needs("microloan.loan-officer")
    with open(LOAN_OFFICERS, encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    as_json = tmp_path / "loan-officer.json"
    as_json.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    for extra in ([], ["--excel"], ["--keep", "none"]):
        streamed = cli("score", "microloan.loan-officer", LOAN_OFFICERS, "--format", "csv", *extra)
        whole = cli("score", "microloan.loan-officer", str(as_json), "--format", "csv", *extra)
        assert streamed.code == whole.code == 0, streamed.err + whole.err
        assert streamed.out == whole.out, extra
    streamed = cli("score", "microloan.loan-officer", LOAN_OFFICERS, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(streamed.out)))
    assert [r["name"] for r in rows[:3]] == ["王芳", "李娜", "张伟"]
    assert list(rows[0])[:4] == ["entity_id", "period", "name", "total"]


def test_explain_wang_fang(cli: Cli) -> None:
    needs("microloan.loan-officer")
    outcome = cli(
        "explain", "microloan.loan-officer", LOAN_OFFICERS, "--entity", "王芳",
        "--period", "2026-09",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    assert "LO-001 2026-09" in outcome.out
