"""Killed and terminated runs leave nothing behind, or nothing a later run keeps (issue 12)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.with_plugins.shipped import LOAN_OFFICERS as EXAMPLE

from assesskit.io.tempfiles import PREFIX, remove_stale, temp_name

SCHEME = "microloan.loan-officer"
pytest.importorskip("assesskit_microloan")


def _assesskit(*args: str, tmp: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "assesskit", *args], env=env, **kwargs
    )


def _ours(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(PREFIX))


def _wait_for_spool(folder: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not _ours(folder):
        assert process.poll() is None, "the run ended before it spooled standard input"
        assert time.monotonic() < deadline, "standard input was never spooled"
        time.sleep(0.02)


def _half_of_stdin(process: subprocess.Popen[bytes]) -> None:
    assert process.stdin is not None
    text = EXAMPLE.read_bytes()
    process.stdin.write(text[: len(text) // 2])
    process.stdin.flush()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_run_removes_its_temporary_files(tmp_path: Path, signum: int) -> None:
    spool = tmp_path / "tmp"
    spool.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    process = _assesskit(
        "score", SCHEME, "-", "-o", str(out / "results.csv"), tmp=spool,
        stdin=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _half_of_stdin(process)  # the run now waits for the rest of standard input
    _wait_for_spool(spool, process)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert err.decode().strip().endswith("assesskit: terminated")
    assert b"Traceback" not in err
    assert list(spool.iterdir()) == []
    assert list(out.iterdir()) == []


def test_a_killed_run_s_files_are_removed_by_the_next_run(tmp_path: Path) -> None:
    spool = tmp_path / "tmp"
    spool.mkdir()
    process = _assesskit(
        "score", SCHEME, "-", "--format", "csv", tmp=spool,
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _half_of_stdin(process)
    _wait_for_spool(spool, process)
    process.kill()
    process.wait(timeout=60)
    assert process.stdin is not None
    process.stdin.close()
    left = _ours(spool)
    assert len(left) == 1  # SIGKILL cannot be caught: the copy of standard input stays
    again = _assesskit(
        "score", SCHEME, "-", "--format", "csv", tmp=spool,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    out, err = again.communicate(EXAMPLE.read_bytes(), timeout=120)
    assert again.returncode == 0, err.decode()
    assert out.startswith(b"entity_id,")
    assert list(spool.iterdir()) == []  # the stale copy is gone, and the new one too


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_stale_files_of_this_host_are_removed(tmp_path: Path) -> None:
    host = socket.gethostname()
    dead = _dead_pid()
    stale = tmp_path / f"{PREFIX}{host}-{dead}-0123456789abcdef.tmp"
    stale.write_bytes(b"x")
    stale_dir = tmp_path / f"{PREFIX}{host}-{dead}-0123456789abcdee"
    (stale_dir / "part").mkdir(parents=True)
    live = tmp_path / f"{PREFIX}{host}-1-0123456789abcdef.tmp"  # pid 1 is always running
    live.write_bytes(b"x")
    elsewhere = tmp_path / f"{PREFIX}otherhost-{dead}-0123456789abcdef.tmp"
    elsewhere.write_bytes(b"x")
    mine = tmp_path / temp_name(".tmp")  # this very process
    mine.write_bytes(b"x")
    unrelated = tmp_path / f".assesskit-tmp-notes-{dead}.txt"
    unrelated.write_bytes(b"x")
    removed = remove_stale(tmp_path)
    assert sorted(removed) == sorted([stale.name, stale_dir.name])
    assert not stale.exists()
    assert not stale_dir.exists()
    for kept in (live, elsewhere, mine, unrelated):
        assert kept.exists()


def test_writing_an_output_removes_stale_files_beside_it(tmp_path: Path) -> None:
    host = socket.gethostname()
    stale = tmp_path / f"{PREFIX}{host}-{_dead_pid()}-0123456789abcdef.tmp"
    stale.write_bytes(b"half of an earlier output")
    process = _assesskit(
        "score", SCHEME, str(EXAMPLE), "-o", str(tmp_path / "results.json"), tmp=tmp_path,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]
