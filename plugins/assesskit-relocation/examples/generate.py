#!/usr/bin/env python3
"""Generate the example input files of the ``relocation`` schemes, beside this script.

Deterministic (no random choice): the figures are
written by hand in the tables below. Running the script twice writes
byte-identical files.

    python plugins/assesskit-relocation/examples/generate.py [OUTPUT_DIR]

The files go beside this script unless another directory is given (the
plugin's tests regenerate them into a scratch directory and compare).

Field names are exactly the input names of the team's scheme spec
``shared/specs/relocation.md`` (see ``../SPEC.md``). The edge rows are listed in
``README.md`` here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from assesskit.examples import generate_main, write_csv

HERE = Path(__file__).resolve().parent

D = Decimal


# --------------------------------------------------------------------------
# relocation: 黔西南州 and its eight counties, year 2024
# --------------------------------------------------------------------------

AREA_FIELDS = [
    "eligible_households",
    "relocated_households",
    "construction_rating",
    "moved_in_households",
    "housing_completed_households",
    "poverty_exit_rating",
    "demolished_houses",
    "demolition_due_houses",
    "funds_rating",
    "leadership_rating",
    "responsibility_rating",
    "archives_rating",
]
RELOCATION_HEADER = ["entity_id", "name", "parent_id", "year", "stage", "assessed_on", *AREA_FIELDS]


def day(iso: str) -> str:
    return datetime.date.fromisoformat(iso).isoformat()


# (eligible, relocated, construction, moved_in, completed, exit, demolished,
#  due, funds, leadership, responsibility, archives)
QXN_COUNTIES = [
    # entity suffix, name, self-check (date, values), prefecture (date, values)
    (
        "xingyi",
        "兴义市",
        ("2025-02-18", (418, 420, 95, 405, 410, 93, 390, 395, 94, 96, 95, 92)),
        ("2025-02-26", (412, 420, 92, 398, 410, 90, 380, 395, 91, 94, 92, 88)),
    ),
    # self-check 90.00 (good, on its lower end), prefecture 80.00 (fairly_good,
    # on its lower end): gap exactly 10.00, not inflated; both dated on the
    # last day of their window
    (
        "xingren",
        "兴仁市",
        ("2025-02-20", (190, 200, 90, 170, 200, 90, 190, 200, 85, 90, 95, 85)),
        ("2025-02-28", (180, 200, 80, 150, 200, 80, 170, 200, 75, 80, 80, 75)),
    ),
    # self-check sent one day late
    (
        "puan",
        "普安县",
        ("2025-02-21", (236, 240, 91, 222, 230, 88, 205, 215, 90, 92, 90, 85)),
        ("2025-02-27", (231, 240, 88, 215, 230, 84, 198, 215, 86, 90, 87, 80)),
    ),
    # no old houses due for demolition: the area does not apply
    (
        "qinglong",
        "晴隆县",
        ("2025-02-17", (305, 312, 90, 296, 300, 90, 0, 0, 92, 93, 91, 88)),
        ("2025-02-25", (301, 312, 87, 290, 300, 86, 0, 0, 88, 92, 90, 84)),
    ),
    # prefecture record one day late
    (
        "zhenfeng",
        "贞丰县",
        ("2025-02-16", (268, 275, 93, 258, 265, 90, 240, 250, 91, 94, 92, 89)),
        ("2025-03-01", (262, 275, 89, 251, 265, 87, 232, 250, 88, 92, 90, 85)),
    ),
    # County A of the spec: prefecture 87.56, self-check 99.00, gap 11.44
    (
        "wangmo",
        "望谟县",
        ("2025-02-19", (100, 100, 100, 200, 200, 95, 50, 50, 98, 100, 100, 98)),
        ("2025-02-27", (98, 100, 90, 180, 200, 85, 45, 50, 80, 95, 90, 70)),
    ),
    # a modest self-check, below the prefecture's total
    (
        "ceheng",
        "册亨县",
        ("2025-02-14", (152, 160, 84, 140, 150, 82, 120, 130, 85, 88, 86, 78)),
        ("2025-02-24", (154, 160, 86, 143, 150, 84, 123, 130, 86, 90, 88, 80)),
    ),
    (
        "anlong",
        "安龙县",
        ("2025-02-20", (342, 350, 92, 330, 340, 90, 300, 310, 91, 93, 92, 87)),
        ("2025-02-26", (339, 350, 90, 325, 340, 87, 294, 310, 89, 92, 90, 84)),
    ),
]

OTHER_PREFECTURES = [
    (
        "guizhou.bijie",
        "毕节市",
        "2025-03-12",
        (1836, 1850, 91, 1772, 1800, 88, 1610, 1650, 90, 94, 92, 86),
    ),
    (
        "guizhou.tongren",
        "铜仁市",
        "2025-03-18",
        (1198, 1210, 89, 1150, 1180, 86, 1042, 1080, 88, 92, 89, 83),
    ),
    (
        "guizhou.qiannan",
        "黔南布依族苗族自治州",
        "2025-03-31",
        (987, 1000, 90, 948, 970, 87, 905, 930, 89, 91, 90, 85),
    ),
]


def relocation_row(eid, name, parent, stage, on, values):
    row = {
        "entity_id": eid,
        "name": name,
        "parent_id": parent,
        "year": "2024",
        "stage": stage,
        "assessed_on": day(on),
    }
    for k, v in zip(AREA_FIELDS, values, strict=True):
        row[k] = str(v)
    return row


def gen_relocation(out: Path) -> dict[str, int]:
    counts = {}
    rows = []
    for suffix, name, (s_on, s_vals), (p_on, p_vals) in QXN_COUNTIES:
        eid = f"guizhou.qianxinan.{suffix}"
        rows.append(relocation_row(eid, name, "guizhou.qianxinan", "self_check", s_on, s_vals))
        rows.append(relocation_row(eid, name, "guizhou.qianxinan", "prefecture", p_on, p_vals))
    counts["counties.csv"] = write_csv(out / "counties.csv", RELOCATION_HEADER, rows)

    # The prefecture's own counts are its counties' prefecture-stage sums, less
    # a few households the province did not accept as eligible.
    p_rows = [r for r in rows if r["stage"] == "prefecture"]
    total = {
        k: sum(int(r[k]) for r in p_rows)
        for k in (
            "eligible_households",
            "relocated_households",
            "moved_in_households",
            "housing_completed_households",
            "demolished_houses",
            "demolition_due_houses",
        )
    }
    qxn = (
        total["eligible_households"] - 6,
        total["relocated_households"],
        88,
        total["moved_in_households"],
        total["housing_completed_households"],
        86,
        total["demolished_houses"],
        total["demolition_due_houses"],
        87,
        91,
        89,
        82,
    )
    prefs = [("guizhou.qianxinan", "黔西南布依族苗族自治州", "2025-03-10", qxn)]
    prefs += OTHER_PREFECTURES
    rows = [
        relocation_row(eid, name, "guizhou", "province", on, vals) for eid, name, on, vals in prefs
    ]
    counts["prefectures.csv"] = write_csv(out / "prefectures.csv", RELOCATION_HEADER, rows)
    return counts


FILE_SCHEMES = {
    "counties.csv": "relocation.county",
    "prefectures.csv": "relocation.prefecture",
}


def main() -> None:
    # each file is checked by the scheme it is for: its domains and constraints decide
    generate_main(gen_relocation, FILE_SCHEMES, HERE)


if __name__ == "__main__":
    main()
