#!/usr/bin/env python3
"""Write the example input of the ``myfamily`` schemes, beside this script.

Standard library only and deterministic: the rows are written by hand, each
one an edge of a rule (listed in ``README.md`` here with its expected
result). Running the script twice writes byte-identical files.

    python examples/generate.py [OUTPUT_DIR]     # from the plugin's folder

Field names are exactly the input names of the scheme (see ``../SPEC.md``).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

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


def write_csv(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> int:
    """Write *rows* under *header*: UTF-8 without BOM, LF line ends."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    counts = {"clerk.csv": write_csv(out / "clerk.csv", CLERK_HEADER, CLERKS)}
    print(json.dumps(counts, indent=2))


if __name__ == "__main__":
    main()
