"""Odd files and streams, with the real command in a subprocess on a shipped scheme (issue 12).

Moved from ``tests/hardening/test_files.py``: a subprocess sees installed
plugins only, so these use ``microloan.loan-officer`` and its bundled file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from tests.with_plugins.shipped import LOAN_OFFICERS as EXAMPLE

FORMATS = ["json", "csv", "table"]  # csv is streamed in chunks, the others read whole


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def _feed(path: Path, data: bytes) -> threading.Thread:
    def write() -> None:
        with path.open("wb") as handle:
            handle.write(data)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_fifo_is_read_once_and_scored(fifo: Path, fmt: str) -> None:
    pytest.importorskip("assesskit_microloan")
    writer = _feed(fifo, EXAMPLE.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "assesskit", "score", "microloan.loan-officer", str(fifo),
         "--format", fmt],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    writer.join(timeout=10)
    assert done.returncode == 0, done.stderr.decode()
    assert b"LO-001" in done.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("handler", ["", ":surrogateescape", ":replace"])
def test_an_ascii_standard_output_gets_escapes_not_a_crash(fmt: str, handler: str) -> None:
    pytest.importorskip("assesskit_microloan")
    done = subprocess.run(
        [sys.executable, "-m", "assesskit", "score", "microloan.loan-officer", str(EXAMPLE),
         "--format", fmt, "--lang", "zh"],
        capture_output=True, timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii" + handler},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.isascii()
    assert b"\\u" in done.stdout  # escapes, not question marks
    assert b"standard output is ascii" in done.stderr
    assert b"Traceback" not in done.stderr
    if fmt == "json":
        data = json.loads(done.stdout)  # escapes in JSON strings are still JSON
        assert data["scheme"] == "microloan.loan-officer"


@pytest.mark.parametrize("text", ["csv", "json"])
def test_process_substitution_and_dev_stdin_are_read(text: str) -> None:
    pytest.importorskip("assesskit_microloan")
    rows = EXAMPLE.read_text(encoding="utf-8")
    if text == "json":
        import csv as csv_module

        rows = json.dumps(list(csv_module.DictReader(rows.splitlines())))
    script = (
        f"{sys.executable} -m assesskit score microloan.loan-officer <(cat data) --format csv"
        f" && {sys.executable} -m assesskit score microloan.loan-officer /dev/stdin < data"
    )
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "data").write_text(rows, encoding="utf-8")
        done = subprocess.run(
            ["bash", "-c", script], cwd=folder, capture_output=True, text=True, timeout=120,
            check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("LO-001") >= 2


def test_a_closed_or_full_standard_output_is_an_error_not_a_crash(tmp_path: Path) -> None:
    pytest.importorskip("assesskit_microloan")
    command = [sys.executable, "-m", "assesskit", "score", "microloan.loan-officer", str(EXAMPLE)]
    closed = subprocess.run(
        ["bash", "-c", " ".join(command) + " >&-"], capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert closed.returncode == 2, closed.stderr
    assert closed.stderr.strip() == "assesskit: error: cannot write standard output: it is closed"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False
        )
    assert done.returncode == 2, done.stderr
    assert "cannot write standard output: No space left on device" in done.stderr
    silent = subprocess.run(
        ["bash", "-c", " ".join([*command, "--param", "x=1"]) + " 2>&-"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert silent.returncode == 2
