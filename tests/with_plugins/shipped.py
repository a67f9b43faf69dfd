"""Where the shipped scheme plugins and their bundled example data live in the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from assesskit.plugins import list_schemes

ROOT = Path(__file__).resolve().parents[2]

#: The scheme plugins shipped with assesskit, by family id: their import names.
PACKAGES = {
    "microloan": "assesskit_microloan",
    "health": "assesskit_health",
    "relocation": "assesskit_relocation",
}


def examples(family: str) -> Path:
    """The ``examples/`` folder of the shipped plugin *family* (``microloan``, ...)."""
    return ROOT / "plugins" / f"assesskit-{family}" / "examples"


MICROLOAN = examples("microloan")
HEALTH = examples("health")
RELOCATION = examples("relocation")
#: The worked file of the demo and of most tests here: 53 loan-officer months.
LOAN_OFFICERS = MICROLOAN / "loan-officer.csv"


def needs(scheme_id: str) -> None:
    """Skip the calling test when the scheme *scheme_id* is not installed."""
    if scheme_id not in {entry.id for entry in list_schemes()}:
        pytest.skip(f"{scheme_id} is not installed")
