"""Workbooks that lie about their size, or expand without end, are refused quickly (issue 12)."""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import HEADER, ROWS, Outcome

import assesskit.io.xlsx_input as xlsx_input

openpyxl = pytest.importorskip("openpyxl")

Cli = Callable[..., Outcome]
SHEET = "xl/worksheets/sheet1.xml"


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sample_rows() -> list[list[object]]:
    return [HEADER.split(","), *(row.split(",") for row in ROWS)]


def _rewrite(
    data: bytes, change: Callable[[str], str], compress: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """The workbook with its sheet's XML changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == SHEET:
                body = change(body.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, body)
    return out.getvalue()


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "in.xlsx"
    path.write_bytes(data)
    return path


def _refused(outcome: Outcome, words: str) -> None:
    assert outcome.code == 2, outcome.err
    assert words in outcome.err, outcome.err
    assert "Traceback" not in outcome.err
    assert "internal error" not in outcome.err


def test_a_false_dimension_is_ignored(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    lying = _rewrite(
        _workbook(_sample_rows()),
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml),
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(lying)).read(SHEET)
    started = time.monotonic()
    outcome = cli("score", sample_plugin, str(_write(tmp_path, lying)), "--format", "csv")
    assert outcome.code == 0, outcome.err
    assert len(outcome.out.splitlines()) == 4  # the header and the three records
    assert time.monotonic() - started < 20


def test_a_value_far_to_the_right_is_refused(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    wide = _rewrite(
        _workbook(_sample_rows()),
        lambda xml: xml.replace("</row>", '<c r="XFD2" t="n"><v>1</v></c></row>', 2),
    )
    outcome = cli("score", sample_plugin, str(_write(tmp_path, wide)))
    _refused(outcome, "in.xlsx row 1: a value in column 16,384; at most 1,024 columns are read")


def _with_shared_string(data: bytes, cell: str, text: str) -> bytes:
    """The workbook with *cell* (``B3``) holding *text* from a table of shared strings.

    openpyxl writes inline strings, and cuts those to 32 767 characters when
    reading; Excel and WPS write shared strings, which it reads whole.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    relation = (
        '<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename).decode("utf-8")
            if info.filename == SHEET:
                body = re.sub(
                    rf'<c r="{cell}"[^>]*>.*?</c>', f'<c r="{cell}" t="s"><v>0</v></c>', body
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace("</Relationships>", relation)
            elif info.filename == "[Content_Types].xml":
                body = body.replace("</Types>", override)
            target.writestr(info.filename, body)
        target.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
            f'uniqueCount="1"><si><t>{text}</t></si></sst>',
        )
    return out.getvalue()


def test_a_cell_longer_than_excel_allows_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    data = _with_shared_string(_workbook(_sample_rows()), "B3", "x" * 40_000)
    outcome = cli("score", sample_plugin, str(_write(tmp_path, data)))
    _refused(
        outcome,
        "in.xlsx row 3: the cell in column 2 holds 40,000 characters; a cell holds at most 32,767",
    )
    # and the longest a cell may be is read
    data = _with_shared_string(_workbook(_sample_rows()), "B3", "x" * 32_767)
    outcome = cli("score", sample_plugin, str(_write(tmp_path, data)), "--format", "csv")
    assert outcome.code == 0, outcome.err


def test_an_archive_that_expands_too_far_is_refused_unread(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the real limit is 256 MiB; a smaller one keeps the test fast, the check is the same
    monkeypatch.setattr(xlsx_input, "MAX_EXPANDED", 1_000_000)
    padding = "<!--" + " " * 2_000_000 + "-->"
    bomb = _rewrite(
        _workbook(_sample_rows()), lambda xml: xml.replace("<sheetData>", padding + "<sheetData>")
    )
    assert len(bomb) < 100_000  # it compresses well: a bomb in small
    outcome = cli("score", sample_plugin, str(_write(tmp_path, bomb)))
    _refused(outcome, "in.xlsx: the workbook expands to ")
    assert "bytes; at most 1,000,000 are read (save the sheet as CSV" in outcome.err


def test_the_real_expansion_limit_refuses_a_gigabyte(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    # a part that declares 1.5 GB: refused from the archive's directory, nothing is expanded
    data = _workbook(_sample_rows())
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 20)
            for _ in range(300):  # 300 MiB of spaces, about 300 KB compressed
                part.write(block)
    started = time.monotonic()
    outcome = cli("score", sample_plugin, str(_write(tmp_path, out.getvalue())))
    _refused(outcome, "at most 268,435,456 are read")
    assert time.monotonic() - started < 10


def test_too_many_rows_are_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_input, "MAX_ROWS", 3)
    outcome = cli("score", sample_plugin, str(_write(tmp_path, _workbook(_sample_rows()))))
    _refused(outcome, "in.xlsx: more than 3 rows (save the sheet as CSV, which is read in chunks)")


def test_not_a_zip_archive(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    outcome = cli("score", sample_plugin, str(_write(tmp_path, b"PK\x03\x04 not really")))
    _refused(outcome, "in.xlsx: not a readable .xlsx workbook")
