"""JSON inputs and --history files are read as strictly as CSV (issue 12)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.cli.conftest import Outcome, sample_csv

Cli = Callable[..., Outcome]
DEEP = "not valid JSON: arrays or objects nested too deeply"

RECORD = {
    "entity_id": "E-1", "period": "2026-08", "income": 80000, "return_on_capital": "6.5%",
    "eligible": 9, "relocated": 10, "errors_a": 1, "errors_b": 1, "custody_incidents": 1,
    "custody_deduction": 4, "overdue_ratio": "7%", "loss_rate": 0, "discipline_score": 72,
    "rating_a": 90, "breach": False, "salary": 5000,
}  # fmt: skip


def _refused(outcome: Outcome) -> list[str]:
    assert outcome.code == 2, outcome.err
    assert outcome.out == ""
    assert "Traceback" not in outcome.err
    assert "internal error" not in outcome.err
    return outcome.err.splitlines()


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '[{"a": ' * 50_000 + "1"])
def test_json_nested_absurdly_deep_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    lines = _refused(cli("score", sample_plugin, str(path)))
    assert lines == [
        f"assesskit: error: {path}: not valid JSON: arrays or objects nested too deeply"
    ]


def _json_records(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_problems_are_located_like_csv(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    plain = json.dumps(RECORD)
    items = [
        plain.replace('"income": 80000', '"income": ' + "9" * 5000).replace("E-1", "E-2"),
        plain.replace('"income": 80000', '"income": NaN').replace("E-1", "E-3"),
        plain.replace('"rating_a": 90', '"rating_a": Infinity').replace("E-1", "E-4"),
        plain.replace("E-1", "E-5"),
    ]
    path = _json_records(tmp_path, "[" + ",".join(items) + "]")
    lines = _refused(cli("score", sample_plugin, str(path)))
    assert lines[1:] == [
        f"  - {path} item 1, record E-2: field 'income' = {'9' * 60}… (5000 characters): "
        "must have at most 13 digits before the decimal point",
        f"  - {path} item 2, record E-3: field 'income' = 'NaN': "
        "must be an amount of money in yuan",
        f"  - {path} item 3, record E-4: field 'rating_a' = 'Infinity': "
        "must be a rating from 0 to 100",
    ]


def test_a_key_given_twice_is_refused(cli: Cli, sample_plugin: str, tmp_path: Path) -> None:
    twice = json.dumps(RECORD)[:-1] + ', "income": 1}'
    path = _json_records(tmp_path, f"[{json.dumps(RECORD)}, {twice}]".replace("E-1", "E-1", 1))
    lines = _refused(cli("score", sample_plugin, str(path)))
    assert lines == [f"assesskit: error: {path} item 2: key 'income' is given more than once"]


# -- history files ------------------------------------------------------------------------


def _history(cli: Cli, scheme: str, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    july = tmp_path / "july.csv"
    july.write_text(sample_csv().replace("2026-08", "2026-07"), encoding="utf-8")
    out = tmp_path / "july.json"
    assert cli("score", scheme, str(july), "-o", str(out)).code == 0
    return out, json.loads(out.read_text(encoding="utf-8"))


def _with_history(cli: Cli, scheme: str, tmp_path: Path, history: Path) -> Outcome:
    august = tmp_path / "august.csv"
    august.write_text(sample_csv(), encoding="utf-8")
    return cli("score", scheme, str(august), "--history", str(history))


@pytest.mark.parametrize(
    ("total", "shown"),
    [
        ("NaN", "'NaN'"),
        ("Infinity", "'Infinity'"),
        ("-1", "-1"),
        ('"abc"', "'abc'"),
        ("1e308", "1E+308"),
        ("100.01", "100.01"),
        ("74.725", "74.725"),
        ("true", "true"),
    ],
)
def test_a_history_total_that_is_not_a_published_total_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path, total: str, shown: str
) -> None:
    path, document = _history(cli, sample_plugin, tmp_path)
    text = json.dumps(document, indent=2).replace('"total": 74.0', f'"total": {total}', 1)
    assert text != json.dumps(document, indent=2)
    path.write_text(text, encoding="utf-8")
    lines = _refused(_with_history(cli, sample_plugin, tmp_path, path))
    assert lines == [
        f"assesskit: error: history file {path} result 1: history E-1 2026-07: field 'total' = "
        f"{shown}: must be null or a published total, a number from 0 to 100 with at most "
        "2 decimals"
    ]


def test_every_history_problem_is_listed_at_once(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    path, document = _history(cli, sample_plugin, tmp_path)
    document["results"][0]["vetoed"] = "false"
    document["results"][0]["band"] = "excellent"
    document["results"][2]["inputs"]["discipline_score"] = 130
    document["results"][1] = [1]
    path.write_text(json.dumps(document), encoding="utf-8")
    lines = _refused(_with_history(cli, sample_plugin, tmp_path, path))
    where = f"history file {path} result"
    assert lines == [
        f"assesskit: error: {where} 1: history E-1 2026-07: field 'band' = 'excellent': "
        "must be null or a band (full, reduced, low)",
        f"{where} 1: history E-1 2026-07: field 'vetoed' = 'false': must be true or false",
        f"{where} 2: not an object",
        f"{where} 3: history E-3 2026-07: input discipline_score=130 must be within [0, 100]",
    ]


def test_history_keys_given_twice_and_deep_nesting_are_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    path, document = _history(cli, sample_plugin, tmp_path)
    text = json.dumps(document)
    path.write_text(
        text.replace('"total": 74.0', '"total": 74.0, "total": 30', 1), encoding="utf-8"
    )
    lines = _refused(_with_history(cli, sample_plugin, tmp_path, path))
    assert lines == [
        f"assesskit: error: history file {path} result 1: key 'total' is given more than once"
    ]
    path.write_text(text[:-1] + ', "notes": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    lines = _refused(_with_history(cli, sample_plugin, tmp_path, path))
    assert lines == [f"assesskit: error: history file {path}: {DEEP}"]


@pytest.mark.parametrize(
    ("entity", "rule"),
    [
        ("true", "must be text (or a whole number)"),
        ('["a"]', "must be text (or a whole number)"),
        ('{"a": 1}', "must be text (or a whole number)"),
        ("NaN", "must be text (or a whole number)"),
        ('"LO\\ud800"', "must not contain control characters"),
        ('"LO\\u202e1"', "must not contain control characters"),
    ],
)
def test_an_entity_id_that_is_no_text_is_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path, entity: str, rule: str
) -> None:
    item = json.dumps(RECORD).replace('"E-1"', entity)
    path = _json_records(tmp_path, f"[{item}]")
    lines = _refused(cli("score", sample_plugin, str(path)))
    assert f"{path} item 1" in lines[1]
    assert "field 'entity_id'" in lines[1]
    assert rule in lines[1]


def test_a_number_beyond_decimal_s_range_is_refused_not_a_crash(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    item = json.dumps(RECORD).replace('"income": 80000', '"income": 1e99999999999999999999')
    path = _json_records(tmp_path, f"[{item}]")
    lines = _refused(cli("score", sample_plugin, str(path)))
    assert lines[1].endswith(
        "field 'income' = '1e99999999999999999999': must have at most 13 digits before the "
        "decimal point"
    )
