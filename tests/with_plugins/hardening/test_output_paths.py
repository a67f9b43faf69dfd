"""An output never replaces its own input, with the real command on a shipped scheme (issue 12).

Moved from ``tests/hardening/test_output_paths.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.with_plugins.shipped import LOAN_OFFICERS


def test_standard_input_redirected_from_the_output_is_protected(tmp_path: Path) -> None:
    import subprocess
    import sys

    pytest.importorskip("assesskit_microloan")
    source = tmp_path / "in.csv"
    example = LOAN_OFFICERS
    source.write_bytes(example.read_bytes())
    for fmt in ("json", "csv"):
        with source.open("rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-m", "assesskit", "score", "microloan.loan-officer", "-",
                 "-o", str(source), "--format", fmt],
                stdin=stdin, capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert "would overwrite the input read from standard input" in done.stderr
        assert source.read_bytes() == example.read_bytes()
