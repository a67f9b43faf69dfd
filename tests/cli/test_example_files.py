"""assesskit.examples: a plugin's example files, written from Decimals and checked by the scheme."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.conftest import HEADER, ROWS

from assesskit.examples import check_file, generate_main, write_csv
from assesskit.io import BadRecordsError

COLUMNS = HEADER.split(",")


def _rows(*lines: str) -> list[dict[str, str]]:
    return [dict(zip(COLUMNS, line.split(","), strict=True)) for line in lines]


def test_write_csv_writes_the_header_and_rows_as_given(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "in.csv"
    assert write_csv(path, COLUMNS, _rows(*ROWS)) == 3
    assert path.read_text(encoding="utf-8") == "\n".join([HEADER, *ROWS]) + "\n"
    assert write_csv(path, COLUMNS, _rows(ROWS[0]), encoding="gb18030", newline="\r\n") == 1
    assert path.read_bytes() == (HEADER + "\r\n" + ROWS[0] + "\r\n").encode("gb18030")


def test_write_csv_refuses_a_row_without_a_column(tmp_path: Path) -> None:
    row = _rows(ROWS[0])[0]
    del row["salary"]
    with pytest.raises(ValueError, match=r"in\.csv: a row without salary"):
        write_csv(tmp_path / "in.csv", COLUMNS, [row])


def test_check_file_reads_the_file_as_the_scheme_does(sample_plugin: str, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    write_csv(path, COLUMNS, _rows(*ROWS))
    check_file(sample_plugin, path)  # the sample rows are valid
    bad = _rows(ROWS[0].replace(",72,", ",172,"))  # discipline 172 is outside [0, 100]
    write_csv(path, COLUMNS, bad)
    with pytest.raises(BadRecordsError, match="discipline_score"):
        check_file(sample_plugin, path)


def test_generate_main_writes_checks_and_counts(
    sample_plugin: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def generate(out: Path) -> dict[str, int]:
        return {"in.csv": write_csv(out / "in.csv", COLUMNS, _rows(*ROWS))}

    generate_main(generate, {"in.csv": sample_plugin}, tmp_path / "unused", [str(tmp_path)])
    assert json.loads(capsys.readouterr().out) == {"in.csv": 3}
    assert (tmp_path / "in.csv").is_file()
    with pytest.raises(ValueError, match=r"no scheme to check in\.csv against"):
        generate_main(generate, {}, tmp_path, [str(tmp_path)])
