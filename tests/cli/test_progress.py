"""Progress on stderr: only on a terminal, only for large inputs."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import ROWS, Outcome, sample_csv

import assesskit.cli.progress as progress_module
from assesskit.cli.progress import progress

Cli = Callable[..., Outcome]


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with progress(stream, 10**6, "scoring") as callback:
        assert callback is None
    assert stream.getvalue() == ""


def test_silent_below_the_threshold_shown_from_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)  # the plain counter
    monkeypatch.setitem(sys.modules, "rich.console", None)
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    small = Terminal()
    with progress(small, progress_module.MIN_RECORDS - 1, "scoring") as callback:
        assert callback is None
    large = Terminal()
    total = progress_module.MIN_RECORDS
    with progress(large, total, "scoring") as callback:
        assert callback is not None
        for done in range(1, total + 1):
            callback(done, total)
    shown = large.getvalue()
    # Every 1% (20 records of 2000) and the last: 100 updates, then the line is cleared.
    assert shown.count("\rscoring ") == 100
    assert f"\rscoring {total}/{total}" in shown
    assert shown.endswith("\r")


def test_rich_progress_bar() -> None:
    pytest.importorskip("rich")
    stream = Terminal()
    total = progress_module.MIN_RECORDS
    with progress(stream, total, "scoring") as callback:
        assert callback is not None
        callback(total, total)
    assert stream.getvalue() != ""


def test_score_shows_progress_on_a_terminal(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "MIN_RECORDS", 3)
    monkeypatch.setitem(sys.modules, "rich", None)
    monkeypatch.setitem(sys.modules, "rich.console", None)
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    path = tmp_path / "in.csv"
    path.write_text(sample_csv(), encoding="utf-8")
    outcome = cli("score", sample_plugin, str(path), "--format", "csv")
    assert outcome.code == 0
    assert "\rscoring 3/3" in terminal.getvalue()
    # Below the threshold nothing is shown, even on a terminal.
    before = terminal.getvalue()
    path.write_text(sample_csv(ROWS[:2]), encoding="utf-8")
    assert cli("score", sample_plugin, str(path), "--format", "csv").code == 0
    assert terminal.getvalue() == before
