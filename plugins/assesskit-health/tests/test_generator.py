"""The bundled ``examples/`` files are exactly what ``examples/generate.py`` writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.skipif(
    not (EXAMPLES / "generate.py").is_file(), reason="examples/ is in the source tree only"
)


def test_the_generator_rewrites_the_bundled_files_byte_for_byte(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(EXAMPLES / "generate.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    written = sorted(path.name for path in tmp_path.iterdir())
    bundled = sorted(path.name for path in EXAMPLES.glob("*.csv"))
    assert written == bundled
    for name in written:
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name
