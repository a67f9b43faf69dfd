#!/usr/bin/env python3
"""Write the example input of the ``myfamily`` schemes, beside this script.

Deterministic: the rows are written by hand, each
one an edge of a rule (listed in ``README.md`` here with its expected
result). Running the script twice writes byte-identical files.

    python examples/generate.py [OUTPUT_DIR]     # from the plugin's folder

Field names are exactly the input names of the scheme (see ``../SPEC.md``);
``generate_main`` checks the file against the scheme before it is kept
(values in their domains, constraints, required columns).
"""

from __future__ import annotations

from pathlib import Path

from assesskit.examples import generate_main, write_csv

HERE = Path(__file__).resolve().parent

CLERK_HEADER = [
    "entity_id",
    "name",
    "period",
    "filing_errors",
    "service_rating",
    "leaked",
    "standard_salary",
]

# entity_id, name, period, filing errors, service rating, leaked, standard salary
CLERKS = [
    ("CK-001", "王芳", "2026-07", 0, "100", "false", "4000"),
    ("CK-001", "王芳", "2026-08", 2, "90", "false", "4000"),  # the worked example
    ("CK-001", "王芳", "2026-09", 1, "75", "false", "4000"),  # exactly 80
    ("CK-002", "李娜", "2026-07", 4, "75", "false", "3600"),
    ("CK-002", "李娜", "2026-08", 9, "95", "false", "3600"),  # filing floored at 0
    ("CK-003", "张伟", "2026-07", 0, "100", "true", "3800"),  # vetoed
    ("CK-003", "张伟", "2026-08", 4, "66", "false", ""),  # no salary given
]


def generate(out: Path) -> dict[str, int]:
    """Write the example files into *out*; the rows written per file."""
    header = CLERK_HEADER
    rows = [dict(zip(header, map(str, row), strict=True)) for row in CLERKS]
    return {"clerk.csv": write_csv(out / "clerk.csv", header, rows)}


def main() -> None:
    generate_main(generate, {"clerk.csv": "myfamily.clerk"}, HERE)


if __name__ == "__main__":
    main()
