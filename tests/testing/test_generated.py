"""check_generated_files: bundled example files must be what the generator writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from assesskit.testing import check_generated_files

GENERATOR = """\
import sys
from pathlib import Path
out = Path(sys.argv[1])
(out / "a.csv").write_text("x,1\\n", encoding="utf-8")
(out / "b.csv").write_text("y,2\\n", encoding="utf-8")
"""


def _examples(tmp_path: Path, bundled: dict[str, str], script: str = GENERATOR) -> Path:
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "generate.py").write_text(script, encoding="utf-8")
    for name, text in bundled.items():
        (examples / name).write_text(text, encoding="utf-8")
    return examples


def test_files_as_written_pass(tmp_path: Path) -> None:
    check_generated_files(_examples(tmp_path, {"a.csv": "x,1\n", "b.csv": "y,2\n"}))


def test_every_difference_is_named(tmp_path: Path) -> None:
    examples = _examples(tmp_path, {"a.csv": "x,9\n", "c.csv": "z\n"})
    with pytest.raises(AssertionError) as caught:
        check_generated_files(examples)
    assert str(caught.value).splitlines() == [
        "c.csv: bundled, not written by generate.py",
        "b.csv: written by generate.py, not bundled",
        "a.csv: differs from what generate.py writes",
    ]


def test_a_failing_generator_is_an_error_with_its_output(tmp_path: Path) -> None:
    examples = _examples(tmp_path, {}, script="raise SystemExit('no data here')\n")
    with pytest.raises(AssertionError, match="failed with status 1:\nno data here"):
        check_generated_files(examples)
