"""One script of Chinese (issue 15.5): every shipped scheme's ``--lang zh`` output of
``show``, ``score --format table`` and ``explain`` is in simplified characters and holds no
English word but the ids the user typed.

The ids a user types are the scheme id and its plugin's name, the data's own values and
headers (entity ids, names, stages, parents), and the ids of metrics, parameters
(``bands.<band>``, ``weights.<component>``) and value columns (``--columns``), which
``show`` lists so that they can be typed; command-line options (``--param``) and a
fingerprint (``sha256:...``) are ids too.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import HEALTH, MICROLOAN, RELOCATION, needs

from assesskit.io.layout import stage_outcome_labels
from assesskit.plugins import get_scheme, list_schemes
from assesskit.scheme import Scheme

opencc = pytest.importorskip("opencc", reason="the zh extra (OpenCC) is not installed")
_T2S = opencc.OpenCC("t2s").convert

Cli = Callable[..., Outcome]

#: Every shipped scheme and its bundled example input.
EXAMPLES = {
    "health.county": HEALTH / "counties.csv",
    "health.gansu-province": HEALTH / "gansu-province.csv",
    "health.pingliang-city": HEALTH / "pingliang-city.csv",
    "relocation.county": RELOCATION / "counties.csv",
    "relocation.prefecture": RELOCATION / "prefectures.csv",
    **{
        f"microloan.{name}": MICROLOAN / f"{name}.csv"
        for name in (
            "accountant",
            "admin-clerk",
            "admin-manager",
            "cashier",
            "loan-officer",
            "management",
            "risk-manager",
            "risk-officer",
        )
    },
}
SHIPPED = ("health.", "microloan.", "relocation.")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
#: Ids that are not words: a fingerprint, a command-line option the user types.
_IDS = re.compile(r"sha256:[0-9a-f]+|--[a-z][a-z-]*")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def typed_ids(scheme: Scheme, rows: Iterable[dict[str, str]]) -> set[str]:
    """What the user typed or types: the scheme id, the data, metric/parameter/column ids."""
    allowed = {scheme.id, *(e.plugin for e in list_schemes() if e.id == scheme.id)}
    for row in rows:
        for header, value in row.items():
            allowed |= {header, *_WORD.findall(value or "")}
    allowed |= {metric.name for metric in scheme.metrics}
    allowed |= {parameter.name for parameter in scheme.parameters}
    allowed |= {component.id for component in scheme.components}
    allowed |= set(scheme.outcome_labels()) | set(stage_outcome_labels(scheme))
    if scheme.bands is not None:
        allowed |= {band.id for band in scheme.bands.bands}
    allowed |= {"bands", "weights"}  # --param bands.<band>, weights.<component>
    return allowed


def english_words(text: str, allowed: set[str]) -> set[str]:
    """The words of ASCII letters in *text* that are not ids the user typed."""
    text = _IDS.sub("", text)
    found = set()
    for word in _WORD.findall(text):
        parts = [word, word.rstrip(".-"), *word.split(".")]
        if word.startswith("_"):  # a suffix of typed ids: <目标>_required
            parts += [part for part in allowed if part.endswith(word)]
        if not any(part in allowed for part in parts):
            found.add(word)
    return found


def traditional_only(text: str) -> set[str]:
    """The characters of *text* that OpenCC writes otherwise in simplified script."""
    return (
        {a for a, b in zip(text, _T2S(text), strict=False) if a != b}
        if _T2S(text) != text
        else set()
    )


def test_every_shipped_scheme_has_its_example_here() -> None:
    shipped = {e.id for e in list_schemes() if e.id.startswith(SHIPPED)}
    assert shipped <= set(EXAMPLES), "add the new scheme's example to EXAMPLES"


def _explained(rows: list[dict[str, str]], scheme: Scheme) -> list[str]:
    """explain arguments for the last record of the first entity (its history before it)."""
    entity = rows[0]["entity_id"]
    mine = [row for row in rows if row["entity_id"] == entity]
    last = mine[-1]
    args = ["--entity", entity, "--period", last[scheme.period_field]]
    if last.get("stage"):
        args += ["--stage", last["stage"]]
    return args


@pytest.mark.parametrize("scheme_id", sorted(EXAMPLES))
def test_zh_output_is_simplified_and_chinese(cli: Cli, scheme_id: str) -> None:
    needs(scheme_id)
    scheme = get_scheme(scheme_id)
    example = EXAMPLES[scheme_id]
    rows = _rows(example)
    if scheme.history_rules:
        assert len({row[scheme.period_field] for row in rows}) > 1  # explained with history
    allowed = typed_ids(scheme, rows)
    runs = {
        "show": cli("show", scheme_id, "--lang", "zh"),
        "score": cli("score", scheme_id, str(example), "--format", "table", "--lang", "zh"),
        "explain": cli(
            "explain", scheme_id, str(example), *_explained(rows, scheme), "--lang", "zh"
        ),
    }
    for command, outcome in runs.items():
        assert outcome.code == 0, (command, outcome.err)
        shown = outcome.out + outcome.err
        assert traditional_only(shown) == set(), command
        assert english_words(shown, allowed) == set(), command
