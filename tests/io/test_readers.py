"""Readers: CSV (encodings, line ends, shapes), JSON, xlsx, and choosing one by name."""

from __future__ import annotations

import datetime as dt
import io
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from assesskit.io import InputFileError, decode_text, read_input
from assesskit.io.csv_input import read_csv
from assesskit.io.json_input import read_json
from assesskit.io.xlsx_input import read_xlsx

TEXT = "entity_id,name,period\n王-1,王芳,2026-08\n"


class TestDecode:
    def test_utf8_with_and_without_bom(self) -> None:
        assert decode_text(TEXT.encode("utf-8"), "a.csv") == (TEXT, None)
        assert decode_text(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "a.csv") == (TEXT, None)

    def test_gb18030_fallback_has_a_note(self) -> None:
        text, note = decode_text(TEXT.encode("gb18030"), "a.csv")
        assert text == TEXT
        assert (
            note == "a.csv: not UTF-8; read as GB18030 (use --encoding to choose another encoding)"
        )

    def test_bom_then_invalid_utf8_is_an_error(self) -> None:
        data = b"\xef\xbb\xbf" + "王".encode("gb18030")
        with pytest.raises(InputFileError) as info:
            decode_text(data, "a.csv")
        assert info.value.problems == (
            "a.csv: cannot be read as UTF-8 (it starts with a UTF-8 BOM): line 1, byte 3 (cd f5)",
        )

    def test_neither_utf8_nor_gb18030(self) -> None:
        data = b"id\n\x80\xff\n"  # 0x80 and 0xFF start no GB18030 character
        with pytest.raises(InputFileError) as info:
            decode_text(data, "a.csv")
        assert info.value.problems == (
            "a.csv: cannot be read as UTF-8 or GB18030: line 2, byte 3 (80 ff 0a); give --encoding",
        )

    def test_encoding_given(self) -> None:
        assert decode_text(TEXT.encode("big5"), "a.csv", "big5") == (TEXT, None)
        assert decode_text(b"\xef\xbb\xbfid", "a.csv", "utf-8") == ("id", None)
        with pytest.raises(InputFileError, match="unknown encoding 'klingon'"):
            decode_text(b"", "a.csv", "klingon")


class TestCsv:
    def test_crlf_and_locations(self) -> None:
        table = read_csv(b"entity_id,period\r\nA,2026-08\r\n\r\nB,2026-09\r\n", "a.csv")
        assert table.columns == ("entity_id", "period")
        assert [(r.values, r.location) for r in table.records] == [
            ({"entity_id": "A", "period": "2026-08"}, "line 2"),
            ({"entity_id": "B", "period": "2026-09"}, "line 4"),  # the blank line 3 is skipped
        ]

    def test_cells_are_stripped_short_rows_have_missing_values(self) -> None:
        table = read_csv(b" entity_id , period ,x\n A , 2026-08\n", "a.csv")
        assert table.records[0].values == {"entity_id": "A", "period": "2026-08"}

    def test_trailing_unnamed_empty_columns_are_ignored(self) -> None:
        table = read_csv(b"entity_id,period,,\nA,2026-08,,\n,,,\n", "a.csv")
        assert table.columns == ("entity_id", "period")
        assert [r.values for r in table.records] == [{"entity_id": "A", "period": "2026-08"}]

    def test_shape_problems_are_all_reported(self) -> None:
        data = b"entity_id,period,period,\nA,2026-08,x,y\nB,1,2,3,4\n"
        with pytest.raises(InputFileError) as info:
            read_csv(data, "a.csv")
        assert info.value.problems == (
            "a.csv line 1: column 'period' appears twice in the header",
            "a.csv line 2: value 'y' in column 4, which has no name in the header",
            "a.csv line 3: 5 cells, but the header has 4 columns",
        )

    def test_empty_file(self) -> None:
        with pytest.raises(InputFileError, match=r"a\.csv: empty file"):
            read_csv(b"\n\n", "a.csv")

    def test_header_only(self) -> None:
        table = read_csv(b"entity_id,period\n", "a.csv")
        assert (table.columns, table.records) == (("entity_id", "period"), ())


class TestJson:
    def test_numbers_are_exact_decimals(self) -> None:
        table = read_json(b'[{"entity_id": "A", "r": 0.1000000000000000055, "n": 3}]', "a.json")
        assert table.records[0].values == {
            "entity_id": "A",
            "r": Decimal("0.1000000000000000055"),
            "n": 3,
        }
        assert table.columns == ("entity_id", "r", "n")

    def test_not_an_array_of_objects(self) -> None:
        with pytest.raises(InputFileError) as info:
            read_json(b'[{"a": 1}, 2, "x", null, true, []]', "a.json")
        assert info.value.problems == (
            "a.json item 2: expected an object, found a number",
            "a.json item 3: expected an object, found a string",
            "a.json item 4: expected an object, found null",
            "a.json item 5: expected an object, found true",
            "a.json item 6: expected an object, found an array",
        )

    def test_invalid_json(self) -> None:
        with pytest.raises(InputFileError, match=r"a.json line 2 column 1: not valid JSON"):
            read_json(b"[\n}", "a.json")


class TestXlsx:
    def workbook(self, rows: list[list[object]]) -> bytes:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def test_cells_keep_their_meaning(self) -> None:
        data = self.workbook(
            [
                ["entity_id", "period", "income", "ratio", "flag", "text"],
                [1001, dt.datetime(2026, 8, 1), 1234.5600000000002, 0.0713, True, " 7.13% "],
                [None, None, None, None, None, None],
                ["B", "2026-09", 87875, 0.1, False, None],
            ]
        )
        table = read_xlsx(data, "a.xlsx")
        assert table.columns == ("entity_id", "period", "income", "ratio", "flag", "text")
        first, second = table.records
        assert first.location == "row 2"
        assert first.values == {
            "entity_id": 1001,
            "period": dt.datetime(2026, 8, 1),
            "income": Decimal("1234.56"),  # as Excel shows it: 15 significant digits
            "ratio": Decimal("0.0713"),
            "flag": True,
            "text": "7.13%",
        }
        assert second.location == "row 4"  # the empty row 3 is skipped
        assert second.values["income"] == 87875

    def test_value_without_a_header(self) -> None:
        data = self.workbook([["entity_id", None], ["A", "x"]])
        with pytest.raises(InputFileError) as info:
            read_xlsx(data, "a.xlsx")
        assert info.value.problems == (
            "a.xlsx row 2: value 'x' in column 2, which has no name in the header",
        )

    def test_not_a_workbook(self) -> None:
        pytest.importorskip("openpyxl")
        with pytest.raises(InputFileError, match=r"a\.xlsx: not a readable \.xlsx workbook"):
            read_xlsx(b"not a zip file", "a.xlsx")

    def test_without_openpyxl(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(InputFileError) as info:
            read_xlsx(b"", "a.xlsx")
        assert info.value.problems == (
            "a.xlsx: reading .xlsx files needs openpyxl: pip install 'assesskit[xlsx]' "
            "(or save the sheet as CSV)",
        )


class TestReadInput:
    def test_by_suffix(self, tmp_path: Path) -> None:
        (tmp_path / "a.CSV").write_text(TEXT, encoding="utf-8")
        (tmp_path / "a.json").write_text('[{"entity_id": "A"}]', encoding="utf-8")
        assert read_input(str(tmp_path / "a.CSV")).records[0].location == "line 2"
        assert read_input(str(tmp_path / "a.json")).records[0].location == "item 1"

    def test_stdin_json_or_csv(self) -> None:
        json_table = read_input("-", stdin=io.BytesIO(b'\xef\xbb\xbf \n[{"entity_id": "A"}]'))
        assert json_table.source == "<stdin>"
        assert json_table.records[0].location == "item 1"
        csv_table = read_input("-", stdin=io.BytesIO(TEXT.encode("gb18030")))
        assert csv_table.records[0].values["name"] == "王芳"
        assert csv_table.notes == (
            "<stdin>: not UTF-8; read as GB18030 (use --encoding to choose another encoding)",
        )

    def test_problems(self, tmp_path: Path) -> None:
        with pytest.raises(InputFileError, match="no standard input"):
            read_input("-")
        with pytest.raises(InputFileError, match=r"unknown input type '\(no suffix\)'"):
            read_input(str(tmp_path / "data"))
        (tmp_path / "dir.csv").mkdir()
        with pytest.raises(InputFileError, match="cannot be read: Is a directory"):
            read_input(str(tmp_path / "dir.csv"))
