"""The real command, in a subprocess: ``python -m assesskit`` with plugins installed by entry point.

A throwaway distribution on ``PYTHONPATH`` declares two entry points in the
``assesskit`` group: ``good`` (the sample scheme) and ``broken`` (a module
that does not exist). The broken one is reported and skipped; the good one
keeps working, and the environment variables choose which plugins load.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.conftest import sample_csv

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
from assesskit import hookimpl
from tests.conftest import build_sample_scheme


@hookimpl
def assesskit_register_schemes(register):
    register(build_sample_scheme)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("site")
    (path / "good_plugin.py").write_text(GOOD, encoding="utf-8")
    info = path / "fake_plugins-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-plugins\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[assesskit]\ngood = good_plugin\nbroken = no_such_module_xyz\n", encoding="utf-8"
    )
    return path


def run(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("ASSESSKIT_", "LC_", "LANG"))
    }
    environment["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "assesskit", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assesskit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "assesskit 0.1.0")


def test_broken_plugin_is_skipped_with_a_warning(site: Path) -> None:
    done = run(site, "schemes", ASSESSKIT_LOAD_PLUGINS="good,broken")
    assert done.returncode == 0
    assert done.stderr == (
        "assesskit: warning: plugin 'broken' could not be loaded: ModuleNotFoundError: "
        "No module named 'no_such_module_xyz'; skipped\n"
    )
    rows = [line.split() for line in done.stdout.splitlines()[2:]]
    assert [(r[0], r[-1]) for r in rows] == [("sample.every-rule", "good")]


def test_the_good_plugin_scores_beside_a_broken_one(site: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(sample_csv(), encoding="utf-8")
    done = run(
        site,
        "score",
        "sample.every-rule",
        str(path),
        "--format",
        "csv",
        ASSESSKIT_LOAD_PLUGINS="good,broken",
    )
    assert done.returncode == 0, done.stderr
    assert "could not be loaded" in done.stderr
    # the total is the fourth column: entity_id, period, name (kept from the input), total
    assert [line.split(",")[3] for line in done.stdout.splitlines()[1:]] == [
        "74.00",
        "99.00",
        "0.00",
    ]


def test_environment_chooses_the_plugins(site: Path) -> None:
    only_good = run(site, "schemes", ASSESSKIT_LOAD_PLUGINS="good")
    assert (only_good.returncode, only_good.stderr) == (0, "")
    assert "sample.every-rule" in only_good.stdout
    none = run(site, "schemes", ASSESSKIT_LOAD_PLUGINS="")
    assert (none.returncode, none.stdout, none.stderr) == (0, "no schemes installed\n", "")
    disabled = run(
        site, "schemes", ASSESSKIT_LOAD_PLUGINS="good,broken", ASSESSKIT_DISABLE_PLUGINS="broken"
    )
    assert (disabled.returncode, disabled.stderr) == (0, "")
