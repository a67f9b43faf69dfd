"""Headers in either language, ``--map``, ``--strict`` and ``assesskit template``, end to end.

The loan officer LO-001 of July 2026: business income 126600 (60 points),
no loss (20), overdue 4.95% (10), discipline 97 (10): total 100.00, so pay
is the whole standard salary, 8500.00, and the bonus 798.00.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome

from assesskit.io.hanzi import has_converter

Cli = Callable[..., Outcome]
OFFICER = "microloan.loan-officer"
IDS = (
    "entity_id,period,business_income,loan_loss_rate,overdue_ratio,discipline_score,standard_salary"
)
ROW = "LO-001,2026-07,126600,0,0.0495,97,8500"
EXPECTED = "LO-001,2026-07,100.00,,false,60.00,20.00,10.00,10.00,8500.00,798.00,payable,9298.00"
# the labels as the scheme writes them (traditional), and as a clerk types them (simplified)
TRADITIONAL = "工号,月份,業務收入,貸款損失率,逾期一個月以上貸款占貸款余額比例,勞動紀律評分,標準工資"
SIMPLIFIED = "编号,月份,业务收入,贷款损失率,逾期一个月以上贷款占贷款余额比例,劳动纪律评分,标准工资"
needs_opencc = pytest.mark.skipif(
    not has_converter(), reason="the zh extra (OpenCC) is not installed"
)


def _file(tmp_path: Path, header: str, name: str = "in.csv", row: str = ROW) -> str:
    path = tmp_path / name
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return str(path)


def _row(out: str) -> str:
    return out.splitlines()[1].removeprefix("\ufeff")


class TestLabels:
    @pytest.mark.parametrize("fmt", ["csv", "json"])  # streamed in chunks, and record by record
    def test_labels_as_the_scheme_writes_them(self, cli: Cli, tmp_path: Path, fmt: str) -> None:
        done = cli("score", OFFICER, _file(tmp_path, TRADITIONAL), "--format", fmt)
        assert done.code == 0, done.err
        assert done.err == ""
        if fmt == "csv":
            assert _row(done.out).startswith(EXPECTED)
        else:
            result = json.loads(done.out)["results"][0]
            assert result["total"] == 100.0

    @needs_opencc
    @pytest.mark.parametrize("fmt", ["csv", "json"])
    def test_labels_in_simplified_characters(self, cli: Cli, tmp_path: Path, fmt: str) -> None:
        done = cli("score", OFFICER, _file(tmp_path, SIMPLIFIED), "--format", fmt)
        assert done.code == 0, done.err
        if fmt == "csv":
            assert _row(done.out).startswith(EXPECTED)
        else:
            assert json.loads(done.out)["results"][0]["total"] == 100.0

    @pytest.mark.parametrize("fmt", ["csv", "json"])
    def test_files_with_different_headers_together(
        self, cli: Cli, tmp_path: Path, fmt: str
    ) -> None:
        july = _file(tmp_path, IDS, "july.csv")
        august = _file(tmp_path, TRADITIONAL, "august.csv", ROW.replace("2026-07", "2026-08"))
        done = cli("score", OFFICER, july, august, "--format", fmt)
        assert done.code == 0, done.err
        if fmt == "csv":
            rows = done.out.splitlines()[1:]
            assert rows[0].startswith(EXPECTED)
            assert rows[1].startswith(EXPECTED.replace("2026-07", "2026-08"))
        else:
            totals = [r["total"] for r in json.loads(done.out)["results"]]
            assert totals == [100.0, 100.0]

    def test_english_labels_any_case_and_json_keys(self, cli: Cli, tmp_path: Path) -> None:
        record = {
            "Entity ID": "LO-001",
            "Period": "2026-07",
            "business income": 126600,
            "Loan Loss Rate": 0,
            "overdue ratio (one month or more)": 0.0495,
            "discipline rating": 97,
            "standard-salary": 8500,
        }
        path = tmp_path / "in.json"
        path.write_text(json.dumps([record]), encoding="utf-8")
        done = cli("score", OFFICER, str(path), "--format", "csv")
        assert done.code == 0, done.err
        assert _row(done.out).startswith(EXPECTED)


class TestResemblance:
    def test_a_misspelt_optional_column_is_a_warning_naming_it(
        self, cli: Cli, tmp_path: Path
    ) -> None:
        header = IDS.replace("standard_salary", "standard_salry")
        done = cli("score", OFFICER, _file(tmp_path, header), "--format", "csv")
        assert done.code == 0
        assert done.err.count("warning") == 1
        assert "'standard_salry'" in done.err
        assert "is it 'standard_salary' (optional)?" in done.err
        # the salary is not read: pay (and income) are empty; the column is passed through as
        # any column the scheme does not read is (issue 15, point 2), after the period
        header = done.out.splitlines()[0].removeprefix("\ufeff")
        assert header.startswith("entity_id,period,standard_salry,total,")
        assert _row(done.out).startswith(
            "LO-001,2026-07,8500,100.00,,false,60.00,20.00,10.00,10.00,,"
        )

    def test_once_per_file(self, cli: Cli, tmp_path: Path) -> None:
        header = IDS.replace("standard_salary", "standard_salry")
        july = _file(tmp_path, header, "july.csv")
        rows = [ROW, ROW.replace("LO-001", "LO-002")]
        august = _file(tmp_path, header, "august.csv", "\n".join(rows).replace("07", "08"))
        done = cli("score", OFFICER, july, august, "--format", "csv")
        assert done.code == 0, done.err
        warnings = done.err.splitlines()
        assert len(warnings) == 2
        assert "july.csv: column 'standard_salry'" in warnings[0]
        assert "august.csv: column 'standard_salry'" in warnings[1]

    @pytest.mark.parametrize("fmt", ["csv", "json"])
    def test_strict_makes_it_an_error(self, cli: Cli, tmp_path: Path, fmt: str) -> None:
        header = IDS.replace("standard_salary", "standard_salry")
        done = cli("score", OFFICER, _file(tmp_path, header), "--strict", "--format", fmt)
        assert done.code == 2
        assert done.out == ""
        assert "error" in done.err
        assert "'standard_salry'" in done.err

    def test_a_name_column_is_passed_by_silently(self, cli: Cli, tmp_path: Path) -> None:
        done = cli("score", OFFICER, _file(tmp_path, IDS + ",name", row=ROW + ",王芳"))
        assert done.code == 0
        assert done.err == ""

    @pytest.mark.parametrize("fmt", ["csv", "json"])
    def test_two_columns_for_one_metric(self, cli: Cli, tmp_path: Path, fmt: str) -> None:
        path = _file(tmp_path, IDS + ",業務收入", row=ROW + ",1")
        done = cli("score", OFFICER, path, "--format", fmt)
        assert done.code == 2
        assert "columns 'business_income' and '業務收入' both give 'business_income'" in done.err


class TestMap:
    def test_pairs(self, cli: Cli, tmp_path: Path) -> None:
        header = IDS.replace("standard_salary", "底薪").replace("overdue_ratio", "逾期率")
        path = _file(tmp_path, header)
        done = cli(
            "score", OFFICER, path, "--format", "csv", "--map", "底薪=standard_salary",
            "--map", "逾期率=overdue ratio (one month or more)",
        )  # fmt: skip
        assert done.code == 0, done.err
        assert _row(done.out).startswith(EXPECTED)

    @pytest.mark.parametrize(
        ("name", "text"),
        [
            ("map.csv", "column,metric\n底薪,standard_salary\n"),
            ("map.toml", '"底薪" = "standard_salary"\n'),
        ],
    )
    def test_files(self, cli: Cli, tmp_path: Path, name: str, text: str) -> None:
        (tmp_path / name).write_text(text, encoding="utf-8")
        path = _file(tmp_path, IDS.replace("standard_salary", "底薪"))
        done = cli("score", OFFICER, path, "--format", "json", "--map", str(tmp_path / name))
        assert done.code == 0, done.err
        assert json.loads(done.out)["results"][0]["outcome"]["pay"] == "8500.00"

    def test_an_unknown_metric(self, cli: Cli, tmp_path: Path) -> None:
        done = cli("score", OFFICER, _file(tmp_path, IDS), "--map", "x=standard_salari")
        assert done.code == 2
        assert "'standard_salari', which is no input of the scheme" in done.err
        assert "did you mean 'standard_salary'" in done.err

    def test_a_bad_map_file_line(self, cli: Cli, tmp_path: Path) -> None:
        (tmp_path / "map.csv").write_text("底薪,standard_salary\n\n逾期率\n", encoding="utf-8")
        done = cli("score", OFFICER, _file(tmp_path, IDS), "--map", str(tmp_path / "map.csv"))
        assert done.code == 2
        assert f"--map {tmp_path / 'map.csv'} line 3: expected 'column,metric'" in done.err

    def test_explain_reads_labels_and_maps(self, cli: Cli, tmp_path: Path) -> None:
        path = _file(tmp_path, TRADITIONAL.replace("標準工資", "底薪"))
        done = cli("explain", OFFICER, path, "--entity", "LO-001", "--map", "底薪=standard_salary")
        assert done.code == 0, done.err
        assert "8500.00" in done.out


class TestTemplate:
    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_csv_round_trip(self, cli: Cli, tmp_path: Path, lang: str) -> None:
        blank = tmp_path / "blank.csv"
        assert cli("template", OFFICER, "-o", str(blank), "--lang", lang).code == 0
        text = blank.read_text(encoding="utf-8-sig")
        header, example = text.splitlines()
        if lang == "en":
            assert header == IDS
        else:
            assert header.split(",")[:2] == ["编号", "月份"]
        # the worked example of the scheme: 80000, no loss, 7% overdue, 85, salary 5000
        assert example == "example,2026-08,80000,0,0.07,85,5000"
        blank.write_text(text + ROW + "\r\n", encoding="utf-8")
        done = cli("score", OFFICER, str(blank), "--format", "csv")
        assert done.code == 0, done.err
        assert done.out.splitlines()[2].startswith(EXPECTED)

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_xlsx_round_trip(self, cli: Cli, tmp_path: Path, lang: str) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        blank = tmp_path / "blank.xlsx"
        assert cli("template", OFFICER, "-o", str(blank), "--lang", lang).code == 0
        book = openpyxl.load_workbook(blank)
        sheet = book.active
        headers = [c.value for c in sheet[1]]
        assert len(headers) == 7
        assert headers[0] == ("entity_id" if lang == "en" else "编号")
        # the domain as a comment, the period kept as text, validation of the ratio
        assert "[0, 1]" in sheet["E1"].comment.text
        assert sheet["B2"].value == "2026-08"
        assert sheet["B2"].number_format == "@"
        assert sheet["C2"].value == 80000
        ranges = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
        assert ranges["E2:E1000"].formula1 == "0"
        assert ranges["E2:E1000"].formula2 == "1"
        # fill a row as a clerk would and score it
        for column, value in enumerate(["LO-001", "2026-07", 126600, 0, 0.0495, 97, 8500], 1):
            sheet.cell(row=3, column=column, value=value)
        book.save(blank)
        done = cli("score", OFFICER, str(blank), "--format", "json")
        assert done.code == 0, done.err
        results = json.loads(done.out)["results"]
        assert [r["entity_id"] for r in results] == ["example", "LO-001"]
        assert results[1]["total"] == 100.0
        assert results[1]["outcome"]["pay"] == "8500.00"

    def test_stages_and_years(self, cli: Cli, tmp_path: Path) -> None:
        blank = tmp_path / "county.csv"
        assert cli("template", "relocation.county", "-o", str(blank)).code == 0
        header = blank.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert header[:5] == ["entity_id", "year", "stage", "assessed_on", "parent_id"]
        done = cli("score", "relocation.county", str(blank), "--format", "json")
        assert done.code == 0, done.err

    def test_a_scheme_without_a_worked_example(self, cli: Cli, tmp_path: Path) -> None:
        blank = tmp_path / "county.csv"
        assert cli("template", "health.county", "-o", str(blank), "--lang", "zh").code == 0
        lines = blank.read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == 1  # headers only
        assert lines[0].split(",")[:2] == ["编号", "年度"]

    def test_other_suffix(self, cli: Cli, tmp_path: Path) -> None:
        done = cli("template", OFFICER, "-o", str(tmp_path / "blank.json"))
        assert done.code == 2
        assert ".xlsx or .csv" in done.err
