"""Odd files: header only, control characters, FIFOs, quotes, an ASCII stdout (issue 12)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import HEADER, ROWS, Outcome, sample_csv
from tests.conftest import sample_record

import assesskit
from assesskit import InvalidInputError, Scheme
from assesskit.controls import CONTROL_RULE, has_control

Cli = Callable[..., Outcome]
FORMATS = ["json", "csv", "table"]  # csv is streamed in chunks, the others read whole
CONTROL = CONTROL_RULE


def _write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(outcome: Outcome) -> str:
    assert outcome.code == 2, outcome.err
    assert outcome.out == ""
    assert "Traceback" not in outcome.err
    assert "internal error" not in outcome.err
    assert "\x1b" not in outcome.err
    return outcome.err


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_only_file_with_wrong_columns_is_an_error(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    path = _write(tmp_path, HEADER.replace("overdue_ratio", "overdue_rate") + "\n")
    err = _refused(cli("score", sample_plugin, str(path), "--format", fmt))
    assert err.splitlines()[1:] == [
        f"  - {path}: column 'overdue_ratio': is required but the file has no such column; "
        "is 'overdue_rate' meant?"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_only_file_with_the_right_columns_has_no_results(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    path = _write(tmp_path, HEADER + "\n")
    outcome = cli("score", sample_plugin, str(path), "--format", fmt)
    assert outcome.code == 0, outcome.err
    if fmt == "json":
        assert json.loads(outcome.out)["results"] == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("entity", "shown"),
    [("E\x00-1", r"'E\x00-1'"), ("E\x1b[31m-1", r"'E\x1b[31m-1'"), ("E\x85-1", r"'E\x85-1'")],
)
def test_control_characters_in_an_entity_id_are_refused_and_escaped(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str, entity: str, shown: str
) -> None:
    path = _write(tmp_path, sample_csv([ROWS[0].replace("E-1", entity, 1), ROWS[1]]))
    err = _refused(cli("score", sample_plugin, str(path), "--format", fmt))
    assert f"{path} line 2" in err
    assert f"field 'entity_id' = {shown}: {CONTROL}" in err


def test_the_python_api_refuses_them_on_both_paths(sample_scheme: Scheme) -> None:
    with pytest.raises(InvalidInputError) as caught:
        sample_scheme.score(sample_record(entity_id="E\x1b[2J"))
    assert [p.rule for p in caught.value.problems] == [CONTROL]
    columns = {k: [v, v] for k, v in sample_record().items()}
    columns["entity_id"] = ["E-1", "E\x00-2"]
    with pytest.raises(InvalidInputError) as caught:
        sample_scheme.score_batch(columns)
    assert [(p.row, p.field, p.rule) for p in caught.value.problems] == [(1, "entity_id", CONTROL)]


def test_escape_sequences_never_reach_the_terminal(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    # in a file name, in an explain request, in a scheme id
    missing = tmp_path / "in\x1b[2J.csv"
    err = _refused(cli("score", sample_plugin, str(missing)))
    assert r"in\x1b[2J.csv: cannot be read" in err
    path = _write(tmp_path, sample_csv())
    err = _refused(cli("explain", sample_plugin, str(path), "--entity", "E\x1b]0;pwned\x07"))
    assert r"no record of entity 'E\x1b]0;pwned\x07'" in err
    err = _refused(cli("show", "x\x1b[31m"))
    assert "\x1b" not in err


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("mark", ["\ufeff", "\u200b", "\u2060", "\u00ad", "\ufe0f", "\u034f"])
def test_formulas_behind_invisible_marks_are_neutralised(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str, mark: str
) -> None:
    entity = f"{mark}=HYPERLINK(1)"
    path = _write(tmp_path, sample_csv([ROWS[0].replace("E-1", entity, 1)]))
    target = tmp_path / f"out.{fmt}"
    outcome = cli("score", sample_plugin, str(path), "-o", str(target), "--format", "csv")
    assert outcome.code == 0, outcome.err
    row = target.read_text(encoding="utf-8-sig").splitlines()[1]
    assert row.startswith(f"'{entity},") or row.startswith(f'"\'{entity}",')


def test_a_device_is_not_read(cli: Cli, sample_plugin: str) -> None:
    for fmt in FORMATS:
        err = _refused(cli("score", sample_plugin, "/dev/zero", "--format", fmt))
        assert "/dev/zero: unknown input type '(no suffix)'" in err
    err = _refused(cli("score", sample_plugin, "/dev/zero", "/dev/null.csv"))
    assert "/dev/zero" in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_character_device_named_like_csv_is_not_read_for_ever(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    err = _refused(cli("score", sample_plugin, str(link), "--format", fmt))
    assert f"{link}: cannot be read: it is a character device, not a file" in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unterminated_quote_names_its_line(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    rows = [ROWS[0], ROWS[1].replace("李娜", '"李娜'), ROWS[2], ROWS[0].replace("E-1", "E-4")]
    path = _write(tmp_path, sample_csv(rows))
    err = _refused(cli("score", sample_plugin, str(path), "--format", fmt))
    assert err == (
        f"assesskit: error: {path}: not valid CSV: unterminated quote starting at line 3\n"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_after_a_closing_quote_is_malformed_not_guessed(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    path = _write(tmp_path, sample_csv([ROWS[0].replace("王芳", '"王"芳')]))
    err = _refused(cli("score", sample_plugin, str(path), "--format", fmt))
    assert err == f"assesskit: error: {path} line 2: not valid CSV: ',' expected after '\"'\n"


def test_the_api_is_unchanged_by_the_cli_streams() -> None:
    assert assesskit.__version__


def test_a_device_as_history_is_not_read(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = _write(tmp_path, sample_csv())
    err = _refused(cli("score", sample_plugin, str(path), "--history", "/dev/zero"))
    assert err == (
        "assesskit: error: history file /dev/zero: cannot be read: it is a character device, "
        "not a file\n"
    )


@pytest.mark.parametrize("size", [1, 2, 3, 50])
def test_the_streamed_reader_names_the_quote_in_any_chunk(tmp_path: Path, size: int) -> None:
    from assesskit.io.csv_stream import open_csv_stream

    text = 'a,b\n1,2\n3,"x\ny"\n5,6\n7,"never\nclosed\n'
    path = _write(tmp_path, text)
    stream, binary = open_csv_stream(path, "in.csv", None)
    with binary:
        lines = [line for chunk in stream.chunks(size) for line in chunk.lines]
    assert lines == [2, 3, 5]
    assert stream.problems == ["in.csv: not valid CSV: unterminated quote starting at line 6"]


def test_streamed_output_on_stdout_never_splits_a_character(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assesskit.cli.score

    # blocks of 7 bytes: most Chinese ids are cut between two blocks, and read whole
    monkeypatch.setattr(assesskit.cli.score, "COPY_BLOCK", 7)
    base = ROWS[0].split(",", 2)[2]
    rows = [f"{'王' * (n % 5 + 1)}{n},芳,{base}" for n in range(30)]
    path = _write(tmp_path, sample_csv(rows))
    outcome = cli("score", sample_plugin, str(path), "--format", "csv")
    assert outcome.code == 0, outcome.err
    ids = [line.split(",")[0] for line in outcome.out.splitlines()[1:]]
    assert ids == [f"{'王' * (n % 5 + 1)}{n}" for n in range(30)]


def test_a_json_object_on_standard_input_is_read_as_json(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("score", sample_plugin, "-", stdin=b'{"entity_id": "E-1"}')
    assert outcome.code == 2
    assert "<stdin>: expected a JSON array of records, found dict" in outcome.err


def test_repeated_parameters_must_agree(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    path = _write(tmp_path, sample_csv())
    args = ("score", sample_plugin, str(path), "-p", "income_target=1", "-p", "income_target=2")
    err = _refused(cli(*args))
    assert "--param 'income_target' is given twice with different values" in err


def test_argparse_does_not_echo_escapes(cli: Cli) -> None:
    outcome = cli("score", "x", "f.csv", "--x\x1b[2J")
    assert outcome.code == 2
    assert "\x1b" not in outcome.err
    assert r"--x\x1b[2J" in outcome.err


@pytest.mark.parametrize("start", ["＝", "＋", "－", "＠", "|"])
def test_full_width_formula_signs_are_neutralised(
    cli: Cli, sample_plugin: str, tmp_path: Path, start: str
) -> None:
    entity = f"{start}SUM(A1)"
    path = _write(tmp_path, sample_csv([ROWS[0].replace("E-1", entity, 1)]))
    target = tmp_path / "out.csv"
    outcome = cli("score", sample_plugin, str(path), "-o", str(target))
    assert outcome.code == 0, outcome.err
    assert target.read_text(encoding="utf-8-sig").splitlines()[1].startswith(f"'{entity}")


def test_a_line_break_in_an_id_cannot_forge_a_line_of_the_message(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    entity = '"E-1\n  - all records are fine"'
    path = _write(tmp_path, sample_csv([ROWS[0].replace("E-1", entity, 1)]))
    err = _refused(cli("score", sample_plugin, str(path)))
    assert not any(line.startswith("  - all records") for line in err.splitlines())
    assert r"record E-1\n  - all records are fine" in err


def test_has_control_finds_every_control_character_in_any_text() -> None:
    controls = [
        *map(chr, range(0x00, 0x20)),
        *map(chr, range(0x7F, 0xA0)),
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
        "\ud800",  # a lone surrogate
        "\udfff",
    ]
    for control in controls:
        for text in (control, f"LO-{control}1", f"张三{control}", f"{control}\u3000"):
            assert has_control(text), repr(text)
    for clean in ("LO-001", "张三 李四", "E\u3000-1", "Ünïcode ✓", ""):
        assert not has_control(clean), repr(clean)
