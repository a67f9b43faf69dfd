"""The bundled ``examples/`` files are exactly what ``examples/generate.py`` writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from assesskit.testing import check_generated_files

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.skipif(
    not (EXAMPLES / "generate.py").is_file(), reason="examples/ is in the source tree only"
)


def test_the_generator_rewrites_the_bundled_files_byte_for_byte(clerk: object) -> None:
    # the generator checks its file against the installed scheme (the fixture skips,
    # saying how to install, when it is not)
    check_generated_files(EXAMPLES)
