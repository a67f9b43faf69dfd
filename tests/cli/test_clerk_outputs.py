"""The clerk's outputs (issue 15, points 1-3): xlsx, kept input columns, summaries, --excel.

Values are those of the sample records worked out in ``tests/cli/conftest.py``:
E-1 王芳 74.00 (80% band, pay 4000.00, bonus 0.00), E-2 李娜 99.00 (full, pay
6000.00, bonus 600.00), E-3 张伟 vetoed 0.00 (pay 2400.00, bonus withheld).
Workbooks are written with XlsxWriter and read back with openpyxl.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.cli.conftest import Outcome, sample_csv

from assesskit.io.table import display_width

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

Cli = Callable[..., Outcome]


def sample(tmp_path: Path, rows: list[str] | None = None) -> str:
    path = tmp_path / "in.csv"
    path.write_text(sample_csv(rows), encoding="utf-8")
    return str(path)


def sheet_rows(path: Path, sheet: int = 0) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for row in book.worksheets[sheet].iter_rows()]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


class TestXlsxOutput:
    def test_summary_sheet_with_typed_cells(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        out = tmp_path / "results.xlsx"
        outcome = cli("score", sample_plugin, sample(tmp_path), "-o", str(out))
        assert outcome.code == 0, outcome.err
        book = openpyxl.load_workbook(out)
        assert book.sheetnames == ["results", "notes"]
        sheet = book["results"]
        header = [c.value for c in sheet[1]]
        # the summary: identity, the kept name, total, band, vetoed, money, history rules
        assert header == [
            "entity", "period", "name", "total", "band", "vetoed", "pay", "bonus", "dismissal",
        ]  # fmt: skip
        first = dict(zip(header, sheet[2], strict=True))
        assert first["entity"].value == "E-1"
        assert first["period"].value == "2026-08"  # text, never a date
        assert first["period"].data_type == "s"
        assert first["name"].value == "王芳"
        assert first["total"].value == 74
        assert first["total"].data_type == "n"
        assert first["total"].number_format == "0.00"
        assert first["pay"].value == 4000
        assert first["pay"].number_format == "0.00"
        assert first["vetoed"].value is False
        assert first["dismissal"].value is False
        vetoed = {h: c.value for h, c in zip(header, sheet[4], strict=True)}
        assert (vetoed["entity"], vetoed["total"], vetoed["vetoed"]) == ("E-3", 0, True)
        assert vetoed["pay"] == 2400
        assert sheet.freeze_panes == "A2"
        # widths fit: the header "dismissal" (9 characters) and a margin
        assert sheet.column_dimensions["I"].width >= 9

    def test_all_columns_and_the_notes_sheet(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        out = tmp_path / "results.xlsx"
        outcome = cli("score", sample_plugin, sample(tmp_path), "-o", str(out), "--columns", "all")
        assert outcome.code == 0, outcome.err
        rows = sheet_rows(out)
        header = rows[0]
        assert header[:6] == ["entity", "period", "name", "total", "band", "vetoed"]
        assert header[-1] == "notes"
        by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        assert by_id["E-1"]["overdue"] == 8  # a component's points, a number
        assert by_id["E-1"]["pay_factor"] == 0.8  # a number outcome
        assert by_id["E-2"]["bonus"] == 600
        assert by_id["E-3"]["bonus_status"] == "withheld"
        notes = sheet_rows(out, 1)
        assert notes == [
            ["entity_id", "period", "kind", "note"],
            ["E-3", "2026-08", "note",
             "history for 2026-06, 2026-07 missing: the dismissal rule could not be checked"],
        ]  # fmt: skip

    def test_vetoes_on_the_notes_sheet_of_a_whole_input(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        """JSON input is scored record by record: the notes sheet names each veto too."""
        records = csv_rows(sample_csv())
        path = tmp_path / "in.json"
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        out = tmp_path / "results.xlsx"
        outcome = cli("score", sample_plugin, str(path), "-o", str(out))
        assert outcome.code == 0, outcome.err
        notes = sheet_rows(out, 1)
        assert notes[1][:3] == ["E-3", "2026-08", "veto"]
        assert notes[1][3].startswith("loss rate above 1%")
        assert notes[2][:3] == ["E-3", "2026-08", "note"]

    @pytest.mark.parametrize("columns", ["summary", "all"])
    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_streamed_and_whole_workbooks_agree(
        self, cli: Cli, sample_plugin: str, tmp_path: Path, columns: str, lang: str
    ) -> None:
        """CSV input is streamed, JSON input is not: the results sheets are the same."""
        path = tmp_path / "in.json"
        path.write_text(json.dumps(csv_rows(sample_csv()), ensure_ascii=False), "utf-8")
        books = []
        for source in (sample(tmp_path), str(path)):
            out = tmp_path / "results.xlsx"
            args = ["-o", str(out), "--columns", columns, "--lang", lang]
            outcome = cli("score", sample_plugin, source, *args)
            assert outcome.code == 0, outcome.err
            sheet = openpyxl.load_workbook(out).worksheets[0]
            books.append(
                [
                    [(c.value, c.data_type, c.number_format) for c in row]
                    for row in sheet.iter_rows()
                ]
            )
        assert books[0] == books[1]
        assert len(books[0]) == 4

    def test_chinese_headers(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        out = tmp_path / "results.xlsx"
        outcome = cli("score", sample_plugin, sample(tmp_path), "-o", str(out), "--lang", "zh")
        assert outcome.code == 0, outcome.err
        book = openpyxl.load_workbook(out)
        assert book.sheetnames == ["结果", "说明"]
        header = [c.value for c in book["结果"][1]]
        assert header[:6] == ["对象", "考核期", "name", "总分", "档次", "否决"]
        assert book["结果"]["E2"].value == "八成"  # the band's label, in Chinese

    def test_format_xlsx_needs_a_file(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        outcome = cli("score", sample_plugin, sample(tmp_path), "--format", "xlsx")
        assert outcome.code == 2
        assert "give -o FILE.xlsx" in outcome.err
        assert outcome.out == ""

    @pytest.mark.parametrize(
        ("name", "extra", "message"),
        [
            ("results.xls", [], "does not write .xls files"),
            ("results.ods", [], "does not write .ods files"),
            ("results.xlsx", ["--format", "json"], "give --format xlsx, not json"),
        ],
    )
    def test_a_suffix_not_written_is_an_error(
        self,
        cli: Cli,
        sample_plugin: str,
        tmp_path: Path,
        name: str,
        extra: list[str],
        message: str,
    ) -> None:
        out = tmp_path / name
        outcome = cli("score", sample_plugin, sample(tmp_path), "-o", str(out), *extra)
        assert outcome.code == 2
        assert message in outcome.err
        assert not out.exists()

    def test_nothing_is_written_when_a_record_is_bad(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        out = tmp_path / "results.xlsx"
        out.write_bytes(b"the old file")
        bad = ["E-1,王芳,2026-08,lots,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000"]
        outcome = cli("score", sample_plugin, sample(tmp_path, bad), "-o", str(out))
        assert outcome.code == 2
        assert out.read_bytes() == b"the old file"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "results.xlsx"]

    def test_a_read_only_workbook_is_kept_without_force(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        out = tmp_path / "results.xlsx"
        out.write_bytes(b"the old file")
        out.chmod(0o444)
        outcome = cli("score", sample_plugin, sample(tmp_path), "-o", str(out))
        assert outcome.code == 2
        assert "read-only" in outcome.err
        assert out.read_bytes() == b"the old file"
        forced = cli("score", sample_plugin, sample(tmp_path), "-o", str(out), "--force")
        assert forced.code == 0, forced.err
        assert sheet_rows(out)[1][:3] == ["E-1", "2026-08", "王芳"]


class TestKeptColumns:
    def test_json_carries_the_kept_columns(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        outcome = cli("score", sample_plugin, sample(tmp_path))
        assert outcome.code == 0, outcome.err
        results = json.loads(outcome.out)["results"]
        assert [r["kept"] for r in results] == [
            {"name": "王芳"},
            {"name": "李娜"},
            {"name": "张伟"},
        ]
        assert list(results[0])[:3] == ["entity_id", "period", "kept"]

    def test_keep_none_and_a_list(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = sample(tmp_path)
        none = cli("score", sample_plugin, path, "--format", "csv", "--keep", "none")
        assert none.code == 0, none.err
        assert none.out.splitlines()[0].startswith("entity_id,period,total,")
        chosen = cli("score", sample_plugin, path, "--format", "csv", "--keep", "name,salary")
        assert chosen.code == 0, chosen.err
        assert chosen.out.splitlines()[0].startswith("entity_id,period,name,salary,total,")
        assert [r["salary"] for r in csv_rows(chosen.out)] == ["5000", "6000", "4000"]
        json_none = json.loads(cli("score", sample_plugin, path, "--keep", "none").out)
        assert "kept" not in json_none["results"][0]

    def test_keep_an_unknown_column(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        outcome = cli("score", sample_plugin, sample(tmp_path), "--keep", "nmae")
        assert outcome.code == 2
        assert "--keep nmae: no input has such a column" in outcome.err
        assert "entity_id, name, period" in outcome.err

    def test_a_kept_column_named_like_a_result_column(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        path = tmp_path / "in.csv"
        text = sample_csv().replace("entity_id,name,", "entity_id,total,", 1)
        path.write_text(text, encoding="utf-8")
        outcome = cli("score", sample_plugin, str(path), "--format", "csv")
        assert outcome.code == 0, outcome.err
        rows = csv_rows(outcome.out)
        assert (rows[0]["input.total"], rows[0]["total"]) == ("王芳", "74.00")

    def test_explain_by_a_kept_name(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        outcome = cli("explain", sample_plugin, sample(tmp_path), "--entity", "李娜")
        assert outcome.code == 0, outcome.err
        assert "E-2 2026-08" in outcome.out
        assert "99.00" in outcome.out

    def test_explain_a_name_of_two_entities(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        rows = [
            "E-1,王芳,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
            "E-2,王芳,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
        ]
        outcome = cli("explain", sample_plugin, sample(tmp_path, rows), "--entity", "王芳")
        assert outcome.code == 2
        assert "several entities (E-1, E-2)" in outcome.err


class TestSummaryTable:
    def test_summary_by_default(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        outcome = cli("score", sample_plugin, sample(tmp_path), "--format", "table")
        assert outcome.code == 0, outcome.err
        lines = outcome.out.splitlines()
        assert lines[0].split() == [
            "entity", "period", "name", "total", "band", "vetoed", "pay", "bonus", "dismissal",
        ]  # fmt: skip
        assert lines[2].split() == ["E-1", "2026-08", "王芳", "74.00", "80%", "pay", "4000.00",
                                    "0.00", "no"]  # fmt: skip

    def test_a_list_of_columns(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        outcome = cli(
            "score", sample_plugin, sample(tmp_path), "--format", "table",
            "--columns", "bonus,total",
        )  # fmt: skip
        assert outcome.code == 0, outcome.err
        lines = outcome.out.splitlines()
        assert lines[0].split() == ["entity", "period", "name", "total", "bonus"]
        assert lines[3].split() == ["E-2", "2026-08", "李娜", "99.00", "600.00"]

    def test_an_unknown_column(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        outcome = cli(
            "score", sample_plugin, sample(tmp_path), "--format", "table", "--columns", "bonsu"
        )
        assert outcome.code == 2
        assert "--columns bonsu: no such column" in outcome.err
        assert "pay_factor" in outcome.err

    def test_columns_is_for_table_and_xlsx(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        outcome = cli(
            "score", sample_plugin, sample(tmp_path), "--format", "csv", "--columns", "all"
        )
        assert outcome.code == 2
        assert "--columns chooses the columns of table and xlsx output" in outcome.err

    def test_the_table_fits_the_terminal(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        outcome = cli(
            "score", sample_plugin, sample(tmp_path), "--format", "table",
            env={"COLUMNS": "50"},
        )  # fmt: skip
        assert outcome.code == 0, outcome.err
        table = outcome.out.split("\n\n")[0].splitlines()
        assert max(display_width(line) for line in table) <= 50
        assert table[0].split() == ["entity", "period", "name", "total", "band", "vetoed"]
        assert "3 columns do not fit the terminal: pay, bonus, dismissal" in outcome.out

    def test_a_file_is_not_fitted(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        out = tmp_path / "table.txt"
        outcome = cli(
            "score", sample_plugin, sample(tmp_path), "-o", str(out), env={"COLUMNS": "50"}
        )
        assert outcome.code == 0, outcome.err
        assert out.read_text(encoding="utf-8").splitlines()[0].split()[-1] == "dismissal"


class TestExcelCsv:
    def test_periods_stay_text_in_excel(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = sample(tmp_path)
        plain = cli("score", sample_plugin, path, "--format", "csv")
        excel = cli("score", sample_plugin, path, "--format", "csv", "--excel")
        assert excel.code == 0, excel.err
        assert plain.out.splitlines()[1].startswith("E-1,2026-08,王芳,74.00,")
        # Excel reads the cell ="2026-08" as a formula whose value is the text 2026-08
        assert excel.out.splitlines()[1].startswith('E-1,"=""2026-08""",王芳,74.00,')
        assert [r["period"] for r in csv_rows(excel.out)] == ['="2026-08"'] * 3
        # the month a bonus is paid in (the next month) is a month too
        assert csv_rows(plain.out)[0]["bonus_paid_in"] == "2026-09"
        assert csv_rows(excel.out)[0]["bonus_paid_in"] == '="2026-09"'
        # every other cell is as in plain CSV
        months = ("period", "bonus_paid_in")
        for a, b in zip(csv_rows(plain.out), csv_rows(excel.out), strict=True):
            assert {k: v for k, v in a.items() if k not in months} == {
                k: v for k, v in b.items() if k not in months
            }

    def test_leading_zeros_are_kept(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        rows = ["007,王芳,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000"]
        outcome = cli("score", sample_plugin, sample(tmp_path, rows), "--format", "csv", "--excel")
        assert outcome.code == 0, outcome.err
        assert csv_rows(outcome.out)[0]["entity_id"] == '="007"'

    def test_excel_is_for_csv(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        outcome = cli("score", sample_plugin, sample(tmp_path), "--excel")
        assert outcome.code == 2
        assert "--excel shapes CSV output" in outcome.err


@pytest.mark.parametrize("source", ["csv", "json"])
def test_without_xlsxwriter(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    """Without the writer (streamed or not), the error says how to get it; nothing is written."""
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # import xlsxwriter fails
    path = sample(tmp_path)
    if source == "json":
        path = str(tmp_path / "in.json")
        Path(path).write_text(json.dumps(csv_rows(sample_csv())), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    outcome = cli("score", sample_plugin, path, "-o", str(out))
    assert outcome.code == 2
    assert "pip install 'assesskit[xlsx]'" in outcome.err
    assert not out.exists()


def test_no_stray_files(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    """Writing a workbook leaves only the workbook (its temporary files are removed)."""
    before = set(os.listdir(tmp_path))
    out = tmp_path / "r.xlsx"
    assert cli("score", sample_plugin, sample(tmp_path), "-o", str(out)).code == 0
    assert set(os.listdir(tmp_path)) - before == {"in.csv", "r.xlsx"}
