"""Output paths never destroy data: inputs, history files, devices, read-only files (issue 12)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome, sample_csv

Cli = Callable[..., Outcome]


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(sample_csv(), encoding="utf-8")
    return path


def _history(cli: Cli, scheme: str, tmp_path: Path) -> Path:
    july = tmp_path / "july.csv"
    july.write_text(sample_csv().replace("2026-08", "2026-07"), encoding="utf-8")
    history = tmp_path / "july.json"
    assert cli("score", scheme, str(july), "-o", str(history)).code == 0
    return history


def _refused(outcome: Outcome, words: str) -> None:
    assert outcome.code == 2, outcome.err
    assert outcome.out == ""
    assert words in outcome.err, outcome.err
    assert "Traceback" not in outcome.err
    assert "internal error" not in outcome.err


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_output_equal_to_the_input_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    source = _input(tmp_path)
    before = source.read_bytes()
    outcome = cli("score", sample_plugin, str(source), "-o", str(source), "--format", fmt)
    _refused(outcome, f"would overwrite the input {source}")
    assert source.read_bytes() == before


def test_output_through_another_spelling_of_the_input_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _input(tmp_path)
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    outcome = cli("score", sample_plugin, "in.csv", "-o", "sub/../in.csv", "--format", "csv")
    _refused(outcome, "would overwrite the input in.csv")
    assert source.read_bytes() == before


def test_output_to_a_symlink_or_hard_link_of_the_input_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    source = _input(tmp_path)
    before = source.read_bytes()
    (tmp_path / "link.csv").symlink_to(source)
    os.link(source, tmp_path / "hard.csv")
    for name in ("link.csv", "hard.csv"):
        outcome = cli("score", sample_plugin, str(source), "-o", str(tmp_path / name))
        _refused(outcome, f"would overwrite the input {source}")
    assert source.read_bytes() == before
    assert (tmp_path / "link.csv").is_symlink()


def test_output_equal_to_a_history_file_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    source = _input(tmp_path)
    history = _history(cli, sample_plugin, tmp_path)
    before = history.read_bytes()
    (tmp_path / "h-link.json").symlink_to(history)
    for target in (history, tmp_path / "h-link.json"):
        outcome = cli(
            "score", sample_plugin, str(source), "--history", str(history), "-o", str(target)
        )
        _refused(outcome, f"would overwrite the history file {history}")
    assert history.read_bytes() == before


def test_the_streamed_csv_path_refuses_too(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    # CSV in and CSV out is scored in chunks: the same check applies before anything is read
    source = _input(tmp_path)
    before = source.read_bytes()
    outcome = cli("score", sample_plugin, str(source), "-o", str(source), "--format", "csv")
    _refused(outcome, "would overwrite the input")
    assert source.read_bytes() == before


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_never_replaced(
    cli: Cli, sample_plugin: str, tmp_path: Path, device: str
) -> None:
    before = os.stat(device)
    outcome = cli("score", sample_plugin, str(_input(tmp_path)), "-o", device)
    _refused(outcome, f"{device} is a character device")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_and_a_directory_are_refused(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome = cli("score", sample_plugin, str(_input(tmp_path)), "-o", str(fifo))
    _refused(outcome, f"{fifo} is a FIFO")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    folder = tmp_path / "folder"
    folder.mkdir()
    outcome = cli("score", sample_plugin, str(_input(tmp_path)), "-o", str(folder))
    _refused(outcome, f"{folder} is a directory")


def test_a_socket_is_refused(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    import socket

    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        outcome = cli("score", sample_plugin, str(_input(tmp_path)), "-o", str(path))
    _refused(outcome, f"{path} is a socket")


def test_a_read_only_output_is_replaced_only_with_force(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    source = _input(tmp_path)
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    outcome = cli("score", sample_plugin, str(source), "-o", str(target))
    _refused(outcome, f"{target} is read-only; give --force to replace it")
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = cli("score", sample_plugin, str(source), "-o", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444  # the file keeps its permissions


def test_a_writable_output_is_replaced(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    outcome = cli("score", sample_plugin, str(_input(tmp_path)), "-o", str(target))
    assert outcome.code == 0, outcome.err
    assert target.read_text(encoding="utf-8-sig").startswith("entity_id,")


def test_a_missing_output_directory_is_named(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.json"
    outcome = cli("score", sample_plugin, str(_input(tmp_path)), "-o", str(target))
    _refused(outcome, f"the directory {str(tmp_path / 'nowhere')!r} does not exist")


def test_nothing_is_left_behind_after_a_refusal(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    source = _input(tmp_path)
    cli("score", sample_plugin, str(source), "-o", str(source))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


@pytest.mark.parametrize("target", ["sub/", ""])
def test_an_output_that_names_no_file_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = _input(tmp_path)
    outcome = cli("score", sample_plugin, str(source), "-o", target)
    assert outcome.code == 2
    assert "names a folder" in outcome.err or "-o needs a file name" in outcome.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_dangling_link_names_where_it_points(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "gone" / "out.json")
    outcome = cli("score", sample_plugin, str(_input(tmp_path)), "-o", str(link))
    _refused(outcome, f"the directory {str(tmp_path / 'gone')!r} does not exist")
