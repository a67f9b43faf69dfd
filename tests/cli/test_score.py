"""``assesskit score``: every input kind and output format, with values worked out by hand."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.cli.conftest import Outcome, sample_csv

Cli = Callable[..., Outcome]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def score_json(cli: Cli, *args: str, **kwargs: Any) -> dict[str, Any]:
    outcome = cli("score", *args, **kwargs)
    assert outcome.code == 0, outcome.err
    data: dict[str, Any] = json.loads(outcome.out)
    return data


def by_entity(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["entity_id"]: r for r in document["results"]}


class TestJsonOutput:
    def test_document_shape_and_values(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        data = score_json(cli, sample_plugin, str(write(tmp_path / "in.csv", sample_csv())))
        assert list(data) == [
            "scheme",
            "scheme_version",
            "fingerprint",
            "params",
            "results",
            "rollups",
            "notes",
        ]
        assert data["scheme"] == "sample.every-rule"
        assert data["scheme_version"] == "1"
        assert data["fingerprint"].startswith("sha256:")
        assert data["params"] == {"income_target": 100000}
        assert data["rollups"] == []
        results = by_entity(data)
        assert [r["entity_id"] for r in data["results"]] == ["E-1", "E-2", "E-3"]
        one = results["E-1"]
        assert (one["period"], one["total"], one["band"], one["vetoed"]) == (
            "2026-08",
            74.0,
            "reduced",
            False,
        )
        assert one["components"]["income"]["points"] == 16.0  # 20 × 80000 / 100000
        assert one["components"]["income"]["weight"] == 20
        assert one["components"]["overdue"]["points"] == 8.0  # 7% is 2 full points above 5%
        assert one["outcome"]["pay"] == "4000.00"  # money as a string, exact to the fen
        assert one["outcome"]["bonus"] == "0.00"
        assert one["inputs"]["overdue_ratio"] == 0.07  # "7%" read as the ratio 0.07
        assert one["inputs"]["eligible"] == 9
        assert results["E-2"]["total"] == 99.0
        assert results["E-2"]["band"] == "full"
        assert results["E-2"]["outcome"]["bonus"] == "600.00"

    def test_veto(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        data = score_json(cli, sample_plugin, str(write(tmp_path / "in.csv", sample_csv())))
        three = by_entity(data)["E-3"]
        assert (three["total"], three["band"], three["vetoed"]) == (0.0, "low", True)
        assert [v["id"] for v in three["vetoes"]] == ["loss_over_1pct"]
        assert three["outcome"]["pay"] == "2400.00"  # 4000 × 0.6
        assert three["outcome"]["bonus_status"] == "withheld"
        # The components still show what they would have earned: 99 points in all.
        assert three["components"]["income"]["points"] == 20.0

    def test_chinese_explanations(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = write(tmp_path / "in.csv", sample_csv())
        data = score_json(cli, sample_plugin, str(path), "--lang", "zh")
        explanation = by_entity(data)["E-1"]["components"]["income"]["explanation"]
        assert explanation.startswith("业务收入 80000")

    def test_language_from_the_locale(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = str(write(tmp_path / "in.csv", sample_csv()))
        zh = score_json(cli, sample_plugin, path, env={"LANG": "zh_CN.UTF-8"})
        assert by_entity(zh)["E-3"]["vetoes"][0]["label"] == "贷款损失率大于1%"
        en = score_json(cli, sample_plugin, path, env={"LANG": "en_US.UTF-8"})
        assert by_entity(en)["E-3"]["vetoes"][0]["label"] == "loss rate above 1%"
        # LC_ALL wins over LANG; a Taiwan locale reads traditional characters.
        both = score_json(cli, sample_plugin, path, env={"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW"})
        assert by_entity(both)["E-3"]["vetoes"][0]["label"] == "貸款損失率大於1%"  # zh-script: keep


class TestCsvOutput:
    def rows(self, text: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))

    def test_columns_and_values(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = write(tmp_path / "in.csv", sample_csv())
        outcome = cli("score", sample_plugin, str(path), "--format", "csv")
        assert outcome.code == 0, outcome.err
        assert outcome.out.startswith("entity_id,")  # no BOM on standard output
        header = outcome.out.splitlines()[0].split(",")
        # issue 15: the input's name column (not a metric) is kept, after the period
        assert header[:7] == ["entity_id", "period", "name", "total", "band", "vetoed", "income"]
        assert header[7:15] == [
            "return",
            "accuracy",
            "errors",
            "custody",
            "overdue",
            "discipline",
            "raters",
            "secrecy",
        ]
        assert header[15:] == [
            "pay_factor",
            "pay",
            "bonus",
            "bonus_status",
            "bonus_paid_in",
            "dismissal",
            "dismissal_trigger",
            "notes",
        ]
        rows = {r["entity_id"]: r for r in self.rows(outcome.out)}
        assert [r["name"] for r in rows.values()] == ["王芳", "李娜", "张伟"]
        assert rows["E-1"]["total"] == "74.00"
        assert rows["E-1"]["band"] == "reduced"
        assert rows["E-1"]["vetoed"] == "false"
        assert rows["E-1"]["overdue"] == "8.00"
        assert rows["E-1"]["pay"] == "4000.00"
        assert rows["E-1"]["pay_factor"] == "0.8"
        assert rows["E-3"]["vetoed"] == "true"
        assert rows["E-3"]["total"] == "0.00"
        assert rows["E-1"]["notes"] == ""
        # E-3's total 0 is <= 60, so the dismissal rule needs June and July.
        assert rows["E-3"]["notes"] == (
            "history for 2026-06, 2026-07 missing: the dismissal rule could not be checked"
        )

    def test_crlf_line_ends_and_bom_in_a_file(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        out = tmp_path / "out.csv"
        outcome = cli(
            "score", sample_plugin, str(write(tmp_path / "in.csv", sample_csv())), "-o", str(out)
        )
        assert outcome.code == 0, outcome.err
        data = out.read_bytes()
        assert data.startswith(b"\xef\xbb\xbfentity_id,")  # -o *.csv: CSV, with a BOM for Excel
        assert data.count(b"\r\n") == 4  # header and three rows

    def test_formulas_are_neutralised_numbers_are_not(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        rows = [
            "=HYPERLINK(1),x,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
            "@SUM(A1),x,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
            "+1,x,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
            "-2,x,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
            "E-9,x,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
        ]
        path = write(tmp_path / "in.csv", sample_csv(rows))
        outcome = cli("score", sample_plugin, str(path), "--format", "csv")
        assert outcome.code == 0, outcome.err
        ids = [r["entity_id"] for r in self.rows(outcome.out)]
        assert ids == ["'=HYPERLINK(1)", "'@SUM(A1)", "'+1", "'-2", "E-9"]
        # Numbers are left alone (a number column never gets a quote).
        assert {r["total"] for r in self.rows(outcome.out)} == {"74.00"}


class TestTableOutput:
    def test_readable_table(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = write(tmp_path / "in.csv", sample_csv())
        # issue 15: the table is a summary by default; --columns all shows every column
        outcome = cli("score", sample_plugin, str(path), "--format", "table", "--columns", "all")
        assert outcome.code == 0, outcome.err
        lines = outcome.out.splitlines()
        # issue 15: the input's name column is kept beside the results
        header = ["entity", "period", "name", "total", "band", "vetoed", "income"]
        assert lines[0].split()[:7] == header
        assert lines[2].split()[:6] == ["E-1", "2026-08", "王芳", "74.00", "80%", "pay"]
        assert "E-3 2026-08: veto loss rate above 1%" in outcome.out
        assert "3 results; full pay 1, 80% pay 1, 60% pay 1; vetoed 1" in outcome.out

    def test_chinese_table_is_aligned(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        from assesskit.io.table import display_width

        path = write(tmp_path / "in.csv", sample_csv())
        outcome = cli("score", sample_plugin, str(path), "--format", "table", "--lang", "zh")
        assert outcome.code == 0, outcome.err
        header, rule, *rows = outcome.out.split("\n\n")[0].splitlines()
        assert header.startswith("对象")
        runs = [(m.start(), m.end()) for m in re.finditer("-+", rule)]

        def at_columns(line: str) -> dict[int, str]:
            shown, column = {}, 0
            for char in line:
                shown[column] = char
                column += display_width(char)
            return shown

        # issue 15: the kept name column (王芳...) comes third, before the total
        total_end = runs[3][1]  # totals are right-aligned: they end where the rule does
        band_start = runs[4][0]  # band labels (Chinese, 2 columns a character) start with it
        expected = [("74.00", "八成"), ("99.00", "全额"), ("0.00", "六成")]
        for row, (total, band) in zip(rows, expected, strict=True):
            shown = at_columns(row)
            assert shown[total_end - 1] == total[-1]
            assert shown.get(total_end, " ") == " "
            assert shown[band_start] == band[0]
            assert shown[band_start - 1] == " "
        assert at_columns(header)[band_start] == "档"
        assert "共 3 条结果;全额 1,八成 1,六成 1;一票否决 1" in outcome.out


class TestInputs:
    def test_bom_and_crlf(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = tmp_path / "in.csv"
        path.write_bytes(b"\xef\xbb\xbf" + sample_csv(newline="\r\n").encode("utf-8"))
        data = score_json(cli, sample_plugin, str(path))
        assert [r["total"] for r in data["results"]] == [74.0, 99.0, 0.0]
        assert data["notes"] == []

    def test_gb18030_falls_back_with_a_note(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        path = write(tmp_path / "in.csv", sample_csv(newline="\r\n"), "gb18030")
        outcome = cli("score", sample_plugin, str(path))
        assert outcome.code == 0, outcome.err
        data = json.loads(outcome.out)
        assert [r["total"] for r in data["results"]] == [74.0, 99.0, 0.0]
        assert data["notes"] == [
            f"{path}: not UTF-8; read as GB18030 (use --encoding to choose another encoding)"
        ]
        assert "read as GB18030" in outcome.err

    def test_encoding_override(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = write(tmp_path / "in.csv", sample_csv(), "gbk")
        data = score_json(cli, sample_plugin, str(path), "--encoding", "gbk")
        assert data["notes"] == []
        wrong = cli("score", sample_plugin, str(path), "--encoding", "utf-8")
        assert wrong.code == 2
        assert f"{path}: cannot be read as utf-8: line 2" in wrong.err

    def test_json_input(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        reader = csv.DictReader(io.StringIO(sample_csv()))
        records = [{k: v for k, v in row.items() if v != ""} for row in reader]
        records[0]["income"] = 80000  # numbers as JSON numbers
        records[1]["overdue_ratio"] = 0.05
        path = write(tmp_path / "in.json", json.dumps(records, ensure_ascii=False))
        data = score_json(cli, sample_plugin, str(path))
        assert [r["total"] for r in data["results"]] == [74.0, 99.0, 0.0]

    def test_stdin_csv(self, cli: Cli, sample_plugin: str) -> None:
        data = score_json(cli, sample_plugin, "-", stdin=sample_csv().encode("utf-8"))
        assert [r["total"] for r in data["results"]] == [74.0, 99.0, 0.0]

    def test_stdin_json(self, cli: Cli, sample_plugin: str) -> None:
        records = list(csv.DictReader(io.StringIO(sample_csv())))
        text = "\n  " + json.dumps(records, ensure_ascii=False)
        data = score_json(cli, sample_plugin, "-", stdin=text.encode("utf-8"))
        assert [r["total"] for r in data["results"]] == [74.0, 99.0, 0.0]

    def test_stdin_gb18030(self, cli: Cli, sample_plugin: str) -> None:
        data = score_json(cli, sample_plugin, "-", stdin=sample_csv().encode("gb18030"))
        assert data["notes"] == [
            "<stdin>: not UTF-8; read as GB18030 (use --encoding to choose another encoding)"
        ]

    def test_several_inputs_share_history(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        # Discipline 50 (<= 60) three months running: the dismissal rule fires in 2026-08.
        low = "E-1,王芳,{p},80000,6.5%,9,10,1,1,1,4,7%,0,50,90,,false,5000"
        june = write(tmp_path / "june.csv", sample_csv([low.format(p="2026-06")]))
        july_aug = write(
            tmp_path / "later.csv", sample_csv([low.format(p="2026-07"), low.format(p="2026-08")])
        )
        data = score_json(cli, sample_plugin, str(june), str(july_aug))
        last = data["results"][-1]
        assert last["period"] == "2026-08"
        assert last["outcome"]["dismissal"] is True
        assert last["outcome"]["dismissal_trigger"] == ["discipline"]

    def test_xlsx(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        import datetime as dt

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "考核"
        reader = csv.reader(io.StringIO(sample_csv()))
        for index, row in enumerate(reader):
            cells: list[Any] = list(row)
            if index:
                cells[2] = dt.datetime(2026, 8, 1)  # Excel turned "2026-08" into a date
                cells[3] = float(cells[3])  # a number cell
                cells[11] = 0.07 if cells[11] == "7%" else float(cells[11])
            sheet.append(cells)
        workbook.create_sheet("other")["A1"] = "ignored: only the first sheet is read"
        path = tmp_path / "in.xlsx"
        workbook.save(path)
        data = score_json(cli, sample_plugin, str(path))
        assert [(r["period"], r["total"]) for r in data["results"]] == [
            ("2026-08", 74.0),
            ("2026-08", 99.0),
            ("2026-08", 0.0),
        ]


class TestParams:
    def test_param_changes_the_result(self, cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
        path = str(write(tmp_path / "in.csv", sample_csv()))
        data = score_json(cli, sample_plugin, path, "--param", "income_target=80000")
        one = by_entity(data)["E-1"]
        # income 80000 of a target 80000: 20 points; 74 − 16 + 20 = 78.00
        assert one["total"] == 78.0
        assert data["params"] == {"income_target": 80000}
        default = score_json(cli, sample_plugin, path)
        assert data["fingerprint"] != default["fingerprint"]


class TestHistory:
    def test_history_file_feeds_history_rules(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        low = "E-1,王芳,{p},80000,6.5%,9,10,1,1,1,4,7%,0,50,90,,false,5000"
        earlier = write(
            tmp_path / "earlier.csv", sample_csv([low.format(p="2026-06"), low.format(p="2026-07")])
        )
        first = tmp_path / "earlier.json"
        assert cli("score", sample_plugin, str(earlier), "-o", str(first)).code == 0
        now = write(tmp_path / "now.csv", sample_csv([low.format(p="2026-08")]))
        without = score_json(cli, sample_plugin, str(now))
        assert without["results"][0]["outcome"]["dismissal"] is False
        assert without["results"][0]["notes"] == [
            "history for 2026-06, 2026-07 missing: the dismissal rule could not be checked"
        ]
        data = score_json(cli, sample_plugin, str(now), "--history", str(first))
        assert data["results"][0]["outcome"]["dismissal"] is True
        assert data["results"][0]["notes"] == []
        assert data["notes"] == []

    def test_other_fingerprint_is_accepted_with_a_note(
        self, cli: Cli, sample_plugin: str, tmp_path: Path
    ) -> None:
        low = "E-1,王芳,{p},80000,6.5%,9,10,1,1,1,4,7%,0,50,90,,false,5000"
        earlier = write(tmp_path / "earlier.csv", sample_csv([low.format(p="2026-07")]))
        first = tmp_path / "earlier.json"
        code = cli(
            "score", sample_plugin, str(earlier), "-o", str(first), "--param", "income_target=90000"
        )
        assert code.code == 0
        now = write(tmp_path / "now.csv", sample_csv([low.format(p="2026-08")]))
        data = score_json(cli, sample_plugin, str(now), "--history", str(first))
        assert len(data["notes"]) == 1
        assert data["notes"][0].startswith(f"history file {first} was scored with other parameters")
