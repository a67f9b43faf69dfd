"""``--lang zh`` given: CSV for people, with Chinese headers and values; else the machine CSV.

Values for LO-001 and LO-011 of the bundled loan-officer months (see
``plugins/assesskit-microloan/examples``): LO-001 in July scored 100.00, not
vetoed, bonus payable; LO-011 in September is dismissed for its third month
of discipline at 60 or below.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import LOAN_OFFICERS, RELOCATION, needs

Cli = Callable[..., Outcome]
OFFICER = "microloan.loan-officer"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _by_entity(rows: list[list[str]]) -> dict[tuple[str, str], list[str]]:
    return {(row[0], row[1]): row for row in rows[1:]}


def test_headers_and_values_in_chinese(cli: Cli) -> None:
    needs(OFFICER)
    done = cli("score", OFFICER, str(LOAN_OFFICERS), "--format", "csv", "--lang", "zh")
    assert done.code == 0, done.err
    rows = _rows(done.out)
    assert rows[0][:6] == ["对象", "考核期", "name", "总分", "档次", "否决"]
    assert rows[0][-1] == "说明"
    assert "劳动纪律和贷后管理" in rows[0]
    at = {name: i for i, name in enumerate(rows[0])}
    july = _by_entity(rows)[("LO-001", "2026-07")]
    assert (july[at["name"]], july[at["总分"]], july[at["否决"]]) == ("王芳", "100.00", "否")
    assert (july[at["实际工资"]], july[at["奖金状态"]]) == ("8500.00", "可发放")
    fired = _by_entity(rows)[("LO-011", "2026-09")]
    assert fired[at["连续3个月60分以下,予以辞退"]] == "是"
    assert fired[at["连续3个月60分以下,予以辞退(触发条件)"]] == "劳动纪律得分60分以下"


def test_streamed_and_whole_runs_write_the_same_file(cli: Cli, tmp_path: Path) -> None:
    """CSV input is streamed in chunks, JSON input scored whole: one file either way."""
    needs(OFFICER)
    with LOAN_OFFICERS.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    as_json = tmp_path / "officers.json"
    as_json.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    streamed, whole = tmp_path / "streamed.csv", tmp_path / "whole.csv"
    for source, out in ((LOAN_OFFICERS, streamed), (as_json, whole)):
        done = cli("score", OFFICER, str(source), "-o", str(out), "--lang", "zh")
        assert done.code == 0, done.err
    assert streamed.read_bytes() == whole.read_bytes()
    assert streamed.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM for Excel and WPS


def test_the_locale_alone_keeps_the_machine_csv(cli: Cli) -> None:
    needs(OFFICER)
    done = cli("score", OFFICER, str(LOAN_OFFICERS), "--format", "csv", env={"LANG": "zh_CN.UTF-8"})
    rows = _rows(done.out)
    assert rows[0][:6] == ["entity_id", "period", "name", "total", "band", "vetoed"]
    assert _by_entity(rows)[("LO-001", "2026-07")][5] == "false"


def test_traditional_headers_and_words(cli: Cli) -> None:
    needs(OFFICER)
    pytest.importorskip("opencc")
    done = cli("score", OFFICER, str(LOAN_OFFICERS), "--format", "csv", "--lang", "zh-Hant")
    rows = _rows(done.out)
    assert rows[0][:6] == ["對象", "考核期", "name", "總分", "檔次", "否決"]
    july = _by_entity(rows)[("LO-001", "2026-07")]
    assert "可發放" in july
    assert july[2] == "王芳"  # a name is data: as written


def test_a_stage_s_fields_and_flags(cli: Cli) -> None:
    needs("relocation.county")
    source = RELOCATION / "counties.csv"
    done = cli("score", "relocation.county", str(source), "--format", "csv", "--lang", "zh")
    assert done.code == 0, done.err
    rows = _rows(done.out)
    assert rows[0][:6] == ["对象", "年度", "阶段", "考核日期", "逾期", "提前"]
    body = {cell for row in rows[1:] for cell in row}
    assert "false" not in body
    assert "true" not in body
