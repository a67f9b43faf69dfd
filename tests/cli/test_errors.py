"""Exit statuses and messages: every kind of bad input is exit 2, named, listed, no traceback."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import ROWS, Outcome, sample_csv

import assesskit.cli.score

Cli = Callable[..., Outcome]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_bad_record_is_named(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    rows = [
        ROWS[0].replace(",7%,", ",130%,"),  # line 2: overdue ratio above 1
        ROWS[1],
        ROWS[2].replace(",90,90,,", ",130,90,,").replace(",false,", ",maybe,"),  # line 4
        ROWS[0].replace("E-1,", "E-4,").replace(",72,", ",,"),  # line 5: discipline missing
    ]
    path = write(tmp_path / "in.csv", sample_csv(rows))
    outcome = cli("score", sample_plugin, str(path))
    assert outcome.code == 2
    assert outcome.out == ""
    assert "Traceback" not in outcome.err
    lines = outcome.err.splitlines()
    assert lines[0] == "assesskit: error: 4 problem(s) (4 in 3 record(s)); nothing was scored:"
    assert lines[1:] == [
        f"  - {path} line 2, record E-1: field 'overdue_ratio' = '130%': "
        'must be within [0, 1] (a ratio: 0.07 or "7%")',
        f"  - {path} line 4, record E-3: field 'discipline_score' = '130': must be within [0, 100]",
        f"  - {path} line 4, record E-3: field 'breach' = 'maybe': must be true or false",
        f"  - {path} line 5, record E-4: field 'discipline_score' = missing: is required",
    ]


def test_missing_column_is_reported_once(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    text = sample_csv().replace("overdue_ratio", "overdue_rate")
    path = write(tmp_path / "in.csv", text)
    outcome = cli("score", sample_plugin, str(path))
    assert outcome.code == 2
    assert outcome.err.splitlines()[1:] == [
        f"  - {path}: column 'overdue_ratio': is required but the file has no such column; "
        "is 'overdue_rate' meant?"
    ]


def test_entity_and_period_are_required(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    rows = [",x" + ROWS[0][len("E-1,王芳") :], ROWS[1].replace(",2026-08,", ",,")]
    path = write(tmp_path / "in.csv", sample_csv(rows))
    outcome = cli("score", sample_plugin, str(path))
    assert outcome.code == 2
    assert f"{path} line 2: field 'entity_id' = missing: is required" in outcome.err
    assert (
        f"{path} line 3, record E-2: field 'period' = missing: is required: YYYY-MM" in outcome.err
    )


def test_a_line_number_counts_quoted_line_breaks(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    rows = [ROWS[0].replace("王芳", '"王\n芳"'), ROWS[1].replace(",80,", ",800,")]
    path = write(tmp_path / "in.csv", sample_csv(rows))
    outcome = cli("score", sample_plugin, str(path))
    assert f"{path} line 4, record E-2: field 'discipline_score' = '800'" in outcome.err


def test_duplicate_entity_and_period(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv([ROWS[0], ROWS[1], ROWS[0]]))
    outcome = cli("score", sample_plugin, str(path))
    assert outcome.code == 2
    assert (
        f"{path} line 4, record E-1: field 'period' = '2026-08': E-1 2026-08 appears twice "
        f"(also at {path} line 2); give each entity and period once"
    ) in outcome.err


def test_duplicate_between_history_and_input(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    earlier = tmp_path / "earlier.json"
    assert cli("score", sample_plugin, str(path), "-o", str(earlier)).code == 0
    outcome = cli("score", sample_plugin, str(path), "--history", str(earlier))
    assert outcome.code == 2
    assert "E-1 2026-08 is both in the input and in the history" in outcome.err


def test_history_of_another_scheme(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    other = write(
        tmp_path / "other.json",
        json.dumps({"scheme": "microloan.cashier", "fingerprint": "x", "results": []}),
    )
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("score", sample_plugin, str(path), "--history", str(other))
    assert outcome.code == 2
    assert outcome.err == (
        f"assesskit: error: history file {other} holds results of scheme 'microloan.cashier', "
        "not 'sample.every-rule'\n"
    )


def test_history_file_that_is_not_an_output(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    for text in ("[]", "{not json"):
        bad = write(tmp_path / "bad.json", text)
        outcome = cli("score", sample_plugin, str(path), "--history", str(bad))
        assert outcome.code == 2
        assert f"history file {bad}: not" in outcome.err


def test_unknown_scheme_suggests_close_ids(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("score", "sample.every-rules", str(path))
    assert outcome.code == 2
    assert outcome.err == (
        "assesskit: error: unknown scheme 'sample.every-rules'; did you mean 'sample.every-rule'?\n"
    )
    assert cli("show", "zz").err.endswith("(run `assesskit schemes` to list them)\n")


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("income_target=-5", "parameter 'income_target' = '-5'"),
        ("income_target=abc", "parameter 'income_target' = 'abc'"),
        ("income_goal=5", "unknown parameter 'income_goal' (this scheme takes: income_target)"),
        ("income_target", "--param takes KEY=VALUE, got 'income_target'"),
    ],
)
def test_bad_param(cli: Cli, sample_plugin: str, tmp_path: Path, param: str, message: str) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("score", sample_plugin, str(path), "--param", param)
    assert outcome.code == 2
    assert message in outcome.err
    assert outcome.out == ""


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.csv", "missing.csv: cannot be read: No such file or directory"),
        (
            "in.xls",
            "in.xls: unknown input type '.xls'; expected .csv, .xlsx or .json "
            "(save it as .xlsx or CSV)",
        ),
        ("in.ods", "in.ods: unknown input type '.ods'"),
    ],
)
def test_unreadable_input(
    cli: Cli, sample_plugin: str, tmp_path: Path, name: str, message: str
) -> None:
    if name != "missing.csv":
        write(tmp_path / name, "x")
    outcome = cli("score", sample_plugin, str(tmp_path / name))
    assert outcome.code == 2
    assert f"assesskit: error: {tmp_path}/{message}" in outcome.err


def test_every_unreadable_input_is_listed(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    broken = write(tmp_path / "b.json", '{"not": "an array"}')
    outcome = cli("score", sample_plugin, str(tmp_path / "a.csv"), str(broken))
    assert outcome.code == 2
    assert outcome.err.splitlines() == [
        f"assesskit: error: {tmp_path}/a.csv: cannot be read: No such file or directory",
        f"{broken}: expected a JSON array of records, found dict",
    ]


def test_xlsx_without_openpyxl(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    path = tmp_path / "in.xlsx"
    path.write_bytes(b"PK")
    outcome = cli("score", sample_plugin, str(path))
    assert outcome.code == 2
    assert outcome.err == (
        f"assesskit: error: {path}: reading .xlsx files needs openpyxl: "
        "pip install 'assesskit[xlsx]' (or save the sheet as CSV)\n"
    )


def test_stdin_only_once(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("score", sample_plugin, "-", "-", stdin=sample_csv().encode())
    assert outcome.code == 2
    assert "standard input ('-') can be given only once" in outcome.err


def test_nothing_is_written_on_error(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("the earlier results", encoding="utf-8")
    bad = write(tmp_path / "in.csv", sample_csv([ROWS[0].replace(",72,", ",720,")]))
    outcome = cli("score", sample_plugin, str(bad), "-o", str(out))
    assert outcome.code == 2
    assert out.read_text(encoding="utf-8") == "the earlier results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.json"]
    good = write(tmp_path / "in.csv", sample_csv())
    assert cli("score", sample_plugin, str(good), "-o", str(out)).code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["scheme"] == "sample.every-rule"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.json"]


def test_output_into_a_missing_directory(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("score", sample_plugin, str(path), "-o", str(tmp_path / "no" / "out.json"))
    assert outcome.code == 2
    assert f"cannot write {tmp_path}/no/out.json: the directory" in outcome.err


def test_debug_shows_the_traceback(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", sample_csv([ROWS[0].replace(",72,", ",720,")]))
    quiet = cli("score", sample_plugin, str(path))
    assert "Traceback" not in quiet.err
    loud = cli("score", sample_plugin, str(path), "--debug")
    assert loud.code == 2
    assert "Traceback (most recent call last)" in loud.err
    before = cli("--debug", "score", sample_plugin, str(path))
    assert "Traceback (most recent call last)" in before.err


def test_internal_error_is_exit_1_and_says_so(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(assesskit.cli.score, "score_tables", broken)
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("score", sample_plugin, str(path))
    assert outcome.code == 1
    assert outcome.err.startswith("assesskit: internal error: RuntimeError: boom\n")
    assert "Traceback" not in outcome.err


def test_usage_errors_are_exit_2(cli: Cli) -> None:
    assert cli("score").code == 2
    assert cli("no-such-command").code == 2
    assert cli("--help").code == 0


def test_file_system_errors_are_exit_2(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(assesskit.cli.score, "score_tables", full)
    path = write(tmp_path / "in.csv", sample_csv())
    outcome = cli("score", sample_plugin, str(path))
    assert outcome.code == 2
    assert outcome.err == "assesskit: error: [Errno 28] No space left on device\n"
