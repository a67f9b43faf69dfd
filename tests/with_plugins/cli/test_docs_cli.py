"""The examples of docs/cli.md run, with the exit status and the output they show.

Each ``$ assesskit ...`` line of a ``console`` block is run in-process from a
scratch directory that sees the repository's ``plugins/`` (the bundled example
data are under ``plugins/*/examples/``). It must exit 2
when the lines shown after it hold ``assesskit: error:``, 0 otherwise; every
line shown (other than ``…`` and rules of dashes) must appear in what it
printed, up to the width of table columns. ``$ rm`` lines remove files.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import ROOT

from assesskit.plugins import list_schemes

PAGE = ROOT / "docs" / "cli.md"


def commands() -> list[tuple[str, list[str]]]:
    text = PAGE.read_text(encoding="utf-8")
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
    return [(command, shown) for command, shown in found if command.startswith(("assesskit", "rm"))]


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if "microloan.loan-officer" not in {e.id for e in list_schemes()}:
        pytest.skip("the microloan plugin is not installed")
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
    bad = re.search(r"```text\n(entity_id,.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)
    assert bad is not None
    (tmp_path / "bad.csv").write_text(bad.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_page_has_examples_of_every_command() -> None:
    used = {shlex.split(c)[1] for c, _ in commands() if c.startswith("assesskit")}
    assert used == {"schemes", "show", "score", "explain", "slips", "lint", "template"}


def test_examples_run_as_shown(workdir: Path, cli: Callable[..., Outcome]) -> None:
    for command, shown in commands():
        words = shlex.split(command)
        if words[0] == "rm":
            for name in words[1:]:
                (workdir / name).unlink()
            continue
        outcome = cli(*words[1:])
        expected = 2 if any(s.startswith("assesskit: error:") for s in shown) else 0
        assert outcome.code == expected, f"{command}: {outcome.err}"
        printed = squeeze(outcome.out + "\n" + outcome.err)
        for line in shown:
            line = line.rstrip("…").rstrip()
            if not line or set(line) <= {"-", " "}:
                continue
            assert squeeze(line) in printed, f"{command}: not printed: {line}"
