"""From files to results: located problems, required columns, spreadsheet months, history files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit.errors import HistoryError
from assesskit.io import BadRecordsError, InputTable, SourceRecord, read_history, score_tables
from assesskit.io.json_output import run_document
from assesskit.run.files import check_records


def table(*records: dict[str, object], source: str = "in.xlsx") -> InputTable:
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    return InputTable(
        source,
        tuple(columns),
        tuple(SourceRecord(r, source, f"row {i + 2}") for i, r in enumerate(records)),
    )


@pytest.mark.parametrize(
    ("period", "read_as"),
    [
        (dt.datetime(2026, 8, 1), "2026-08"),  # what Excel makes of "2026-08"
        (dt.date(2026, 8, 1), "2026-08"),
    ],
)
def test_a_spreadsheet_date_on_the_first_is_the_month(period: object, read_as: str) -> None:
    prepared = check_records(build_sample_scheme(), [table(sample_record(period=period))])
    assert prepared.records[0]["period"] == read_as
    assert str(prepared.parsed[0].period) == read_as


@pytest.mark.parametrize("period", [dt.date(2026, 8, 2), dt.datetime(2026, 8, 1, 9, 30)])
def test_any_other_date_is_not_a_period(period: object) -> None:
    with pytest.raises(BadRecordsError) as info:
        check_records(build_sample_scheme(), [table(sample_record(period=period))])
    [problem] = info.value.problems
    assert problem.problem.field == "period"
    assert "must be a period" in problem.problem.rule


def test_required_columns_matter_even_without_records() -> None:
    # issue 12: a header-only file with the wrong columns is an error, not zero results
    scheme = build_sample_scheme()
    empty = InputTable("empty.csv", ("entity_id",), ())
    with pytest.raises(BadRecordsError) as info:
        check_records(scheme, [empty])
    assert str(info.value.problems[0]) == (
        "empty.csv: column 'period': is required but the file has no such column"
    )
    every = ("entity_id", "period", *(m.name for m in scheme.metrics if m.required))
    assert check_records(scheme, [InputTable("empty.csv", every, ())]).records == []
    assert check_records(scheme, [InputTable("empty.json", (), ())]).records == []  # no columns


def test_duplicates_across_files_are_located() -> None:
    first = table(sample_record(), source="a.xlsx")
    second = table(sample_record(), source="b.xlsx")
    with pytest.raises(BadRecordsError) as info:
        check_records(build_sample_scheme(), [first, second])
    assert [str(p) for p in info.value.problems] == [
        "b.xlsx row 2, record E-1: field 'period' = '2026-08': E-1 2026-08 appears twice "
        "(also at a.xlsx row 2); give each entity and period once"
    ]


def test_run_document_from_tables() -> None:
    scheme = build_sample_scheme()
    run = score_tables(scheme, [table(sample_record())])
    document = run_document(run)
    assert document["results"][0]["total"] == 74.0  # the sample record: 74.00
    assert document["scheme_version"] == "1"


class TestHistoryFiles:
    def output(self, tmp_path: Path, **changes: object) -> Path:
        scheme = build_sample_scheme()
        document = run_document(score_tables(scheme, [table(sample_record(period="2026-07"))]))
        document.update(changes)
        path = tmp_path / "earlier.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    def test_entries(self, tmp_path: Path) -> None:
        history = read_history(str(self.output(tmp_path)), build_sample_scheme())
        assert history.note is None
        [entry] = history.entries
        assert (entry.entity_id, str(entry.period), str(entry.total), entry.band) == (
            "E-1",
            "2026-07",
            "74.0",
            "reduced",
        )

    def test_other_fingerprint_gives_a_note(self, tmp_path: Path) -> None:
        path = self.output(tmp_path, fingerprint="sha256:0000000000000000", scheme_version="0")
        history = read_history(str(path), build_sample_scheme())
        assert history.note is not None
        assert history.note.startswith(
            f"history file {path} was scored with other parameters or another version "
            "(fingerprint sha256:0000000000000000, version 0; now sha256:"
        )

    def test_other_scheme_is_an_error(self, tmp_path: Path) -> None:
        path = self.output(tmp_path, scheme="microloan.cashier")
        with pytest.raises(HistoryError, match=r"holds results of scheme 'microloan\.cashier'"):
            read_history(str(path), build_sample_scheme())

    def test_bad_result_is_named(self, tmp_path: Path) -> None:
        path = self.output(tmp_path, results=[{"entity_id": "E-1"}])
        with pytest.raises(HistoryError, match=rf"history file {path} result 1: "):
            read_history(str(path), build_sample_scheme())

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(HistoryError, match="cannot be read"):
            read_history(str(tmp_path / "none.json"), build_sample_scheme())


def test_each_record_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking and scoring an input parses every record once, not once per step."""
    import sys

    import assesskit.scoring.exact as exact

    original = exact.parse_record
    calls: list[int] = []

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    # every module that took the function by name gets the counting one
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("assesskit") and (
            getattr(module, "parse_record", None) is original
        ):
            monkeypatch.setattr(module, "parse_record", counting)
    records = [sample_record(entity_id=f"E-{k}") for k in range(53)]
    run = score_tables(build_sample_scheme(), [table(*records)])
    assert len(run.results) == 53
    assert len(calls) == 53
