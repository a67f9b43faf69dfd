"""``plugins/TEMPLATE`` works for a stranger: copied and renamed as its README says, it passes.

The test runs the README's "copy and rename" commands on a copy in a scratch
directory (family ``office``), then makes the copy visible to Python as an
installed distribution would be, without pip: the copy's ``src/`` on
``PYTHONPATH`` and a ``.dist-info`` holding the entry points of its
``pyproject.toml`` (what ``pip install`` writes, and all that assesskit and
``importlib.metadata`` read). In a fresh interpreter it then scores the
copy's example file with the command line and runs the copy's own tests with
``--assesskit-check``: every test passes and none is skipped for want of the
plugin. About 15 seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "plugins" / "TEMPLATE"
README = TEMPLATE / "README.md"
NAME = "office"


def _copy_and_rename(workdir: Path) -> Path:
    """Run the shell block of step 1 of the template's README in *workdir*."""
    shutil.copytree(
        TEMPLATE,
        workdir / "plugins" / "TEMPLATE",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache"),
    )
    text = README.read_text(encoding="utf-8")
    step = re.search(r"1\. \*\*Copy and rename\.\*\*.*?```sh\n(.*?)```", text, re.DOTALL)
    assert step is not None, "the README lost its copy-and-rename step"
    script = "\n".join(line.strip() for line in step.group(1).splitlines())
    subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=workdir, check=True)
    return workdir / "plugins" / f"assesskit-{NAME}"


def _install_without_pip(plugin: Path, site: Path) -> None:
    """Write the ``.dist-info`` pip would write: name, version and the entry points."""
    project = tomllib.loads((plugin / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    groups = [
        f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in points.items())
        for group, points in project["entry-points"].items()
    ]
    (info / "entry_points.txt").write_text("\n".join(groups), encoding="utf-8")


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The renamed copy, and the environment in which it is installed."""
    workdir = tmp_path_factory.mktemp("template")
    plugin = _copy_and_rename(workdir)
    site = workdir / "site"
    _install_without_pip(plugin, site)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(plugin / "src")]),
        "ASSESSKIT_LOAD_PLUGINS": NAME,  # this plugin alone, whatever else is installed
    }
    return plugin, env


def test_the_copy_is_renamed_throughout(copied: tuple[Path, dict[str, str]]) -> None:
    plugin, _ = copied
    leftovers = [
        str(path.relative_to(plugin))
        for path in plugin.rglob("*")
        if "myfamily" in path.name or (path.is_file() and b"myfamily" in path.read_bytes())
    ]
    assert leftovers == []
    project = tomllib.loads((plugin / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == f"assesskit-{NAME}"
    assert project["project"]["entry-points"]["assesskit"] == {NAME: f"assesskit_{NAME}"}
    (package,) = project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert (plugin / package / "__init__.py").is_file()


def test_the_copy_scores_its_example(copied: tuple[Path, dict[str, str]]) -> None:
    plugin, env = copied
    command = ["score", f"{NAME}.clerk", "examples/clerk.csv", "--format", "csv"]
    done = subprocess.run(
        [sys.executable, "-m", "assesskit", *command],
        cwd=plugin, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "CK-001,2026-08" in done.stdout
    assert ",84.00," in done.stdout


def test_the_copy_passes_its_tests_and_the_testing_kit(
    copied: tuple[Path, dict[str, str]],
) -> None:
    plugin, env = copied
    options = ["-q", "-rs", "-p", "no:cacheprovider", "-W", "error", "--import-mode=importlib"]
    kit = ["--assesskit-check", "--assesskit-scheme", f"{NAME}.*"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", *options, *kit],
        cwd=plugin, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"assesskit: \d+ check\(s\) of 1 scheme\(s\)", done.stdout), done.stdout
    assert "install this plugin first" not in done.stdout
    assert re.search(r"\b\d\d+ passed", done.stdout), done.stdout
    assert "failed" not in done.stdout
