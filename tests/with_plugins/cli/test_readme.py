"""The README's quickstart runs as written: the clerk's path, the pandas path, one record.

The ``assesskit`` and ``cp`` lines of the quickstart's shell block run
in-process from a scratch directory that sees the repository's ``plugins/``;
the Python blocks run with their shown values checked.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import ROOT, needs

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUICKSTART = README[README.index("## Quickstart") :]


def _block(language: str, after: str) -> str:
    """The first ``language`` block after the heading *after*."""
    found = re.search(rf"```{language}\n(.*?)```", QUICKSTART[QUICKSTART.index(after) :], re.S)
    assert found is not None, f"no {language} block after {after!r}"
    return found.group(1)


def test_the_clerk_s_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Outcome]
) -> None:
    needs("microloan.loan-officer")
    pytest.importorskip("xlsxwriter")
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
    monkeypatch.chdir(tmp_path)
    printed: dict[str, str] = {}
    for line in _block("sh", "## Quickstart").splitlines():
        words = shlex.split(line, comments=True)
        if not words or words[0] in ("python3",):
            continue  # set-up lines: the test session has installed all that
        if words[0] == "cp":
            shutil.copy(words[1], words[2])
            continue
        assert words[0] == "assesskit", line
        outcome = cli(*words[1:])
        assert outcome.code == 0, f"{line}: {outcome.err}"
        printed[words[1]] = outcome.out
    # the blank workbook: a header row and the worked example
    blank = openpyxl.load_workbook(tmp_path / "考核表.xlsx").active
    assert blank is not None
    assert blank.max_row >= 2
    # the results: 53 loan-officer months, 王芳 beside LO-001
    sheet = openpyxl.load_workbook(tmp_path / "结果.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 53
    assert ("LO-001", "王芳") in {(r[0], r[2]) for r in rows[1:]}
    # 王芳 in September: 80.00 points, pay 8500 × 80.00 / 100 = 6800.00
    assert "80.00" in printed["explain"]
    assert "6800.00" in printed["explain"]
    slips = (tmp_path / "工资条.html").read_text(encoding="utf-8")
    assert slips.count("王芳") >= 1
    assert "6800.00" in slips


def test_the_pandas_path(monkeypatch: pytest.MonkeyPatch) -> None:
    needs("microloan.loan-officer")
    pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    scope: dict[str, Any] = {}
    exec(_block("python", "### The pandas path"), scope)
    results = scope["results"]
    assert len(results) == 53
    first = results.iloc[0]
    assert (first["entity_id"], first["name"], first["pay"]) == ("LO-001", "王芳", 8500.0)


def test_one_record_and_a_batch() -> None:
    needs("microloan.loan-officer")
    scope: dict[str, Any] = {}
    code = _block("python", "### One record, or a batch")
    exec(code.replace("print(", "str("), scope)
    assert scope["result"].total == Decimal("86.00")
    assert scope["result"].outcome["pay"] == Decimal("4300.00")
    assert scope["batch"].total.tolist() == [86.0, 74.73]
