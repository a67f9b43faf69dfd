"""A plugin's bundled example files are what its generator writes, byte for byte.

Scheme plugins ship example inputs under ``examples/`` together with the
``generate.py`` that writes them (``python examples/generate.py
[OUTPUT_DIR]``). :func:`check_generated_files` runs the generator into a
scratch folder and compares: an example edited by hand, or a generator
changed without regenerating, fails with the names of the files that
differ.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["check_generated_files"]


def check_generated_files(
    examples: Path, *, pattern: str = "*.csv", script: str = "generate.py"
) -> None:
    """Run ``examples/<script> OUTPUT_DIR`` and compare its files with the bundled ones.

    Raises :class:`AssertionError` naming every file that differs, that the
    generator did not write or that it wrote but is not bundled (among the
    files matching *pattern*); a generator that fails is an error too, with
    what it printed.
    """
    with tempfile.TemporaryDirectory(prefix="assesskit-examples-") as scratch:
        out = Path(scratch)
        run = subprocess.run(
            [sys.executable, str(examples / script), str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise AssertionError(
                f"{examples / script} failed with status {run.returncode}:\n{run.stderr}"
            )
        written = {path.name for path in out.glob(pattern)}
        bundled = {path.name for path in examples.glob(pattern)}
        problems = [
            f"{name}: bundled, not written by {script}" for name in sorted(bundled - written)
        ]
        problems += [
            f"{name}: written by {script}, not bundled" for name in sorted(written - bundled)
        ]
        problems += [
            f"{name}: differs from what {script} writes"
            for name in sorted(written & bundled)
            if (out / name).read_bytes() != (examples / name).read_bytes()
        ]
    if problems:
        raise AssertionError("\n".join(problems))
