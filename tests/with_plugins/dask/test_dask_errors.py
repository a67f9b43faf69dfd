"""Bad records on the Dask engine: all reported at once, as the command line does; nothing written.

The records are spread over several partitions (and, for a scheme with
history rules, shuffled by entity); the problems must still come out in
file order, each naming the file, the line, the record, the field, the value
and the rule, exactly as ``assesskit score`` names them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

import dask.dataframe as dd
import pandas as pd
from dask_cases import officer_months, write_csv

import assesskit
from assesskit.dask import Output, read_input, score_dataframe, score_files
from assesskit.errors import InvalidInputError
from assesskit.io.inputs import read_input as read_plain
from assesskit.io.located import BadRecordsError
from assesskit.run.files import score_tables

pytestmark = pytest.mark.dask

OFFICER = "microloan.loan-officer"


def _bad_rows() -> list[dict[str, str]]:
    rows = officer_months(entities=12, months=4, seed=11)
    rows[2]["loan_loss_rate"] = "120%"  # a ratio above 1
    rows[2]["discipline_score"] = "130"  # and a rating above 100, in the same record
    rows[9]["business_income"] = "12.345"  # money with 3 decimals
    rows[17]["entity_id"] = ""  # whom?
    rows[25]["period"] = "2026-13"  # no such month
    rows[31]["overdue_ratio"] = "abc"
    rows[44]["discipline_score"] = ""  # required
    rows[47]["entity_id"], rows[47]["period"] = rows[0]["entity_id"], rows[0]["period"]
    return rows


def _plain_problems(path: Path) -> list[str]:
    scheme = assesskit.get_scheme(OFFICER)
    with pytest.raises(BadRecordsError) as caught:
        score_tables(scheme, [read_plain(str(path))])
    return [str(p) for p in caught.value.problems]


def test_every_bad_record_is_reported_as_the_command_line_reports_it(
    client: Any, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "officers.csv", _bad_rows())
    source = read_input([str(path)], blocksize=path.stat().st_size // 5)
    assert source.frame.npartitions >= 5
    target = tmp_path / "out.parquet"
    with pytest.raises(BadRecordsError) as caught:
        score_files(assesskit.get_scheme(OFFICER), source, Output.of(str(target)))
    got = [str(p) for p in caught.value.problems]
    assert got == _plain_problems(path)
    # 8 problems in 7 records, the duplicate named with the line of its first record (line 2)
    assert len(got) == 8
    assert f"{path} line 4, record {_bad_rows()[2]['entity_id']}: field 'loan_loss_rate'" in got[0]
    assert got[-1].endswith(
        "appears twice (also at " + f"{path} line 2); give each entity and period once"
    )
    # nothing written: no output, no staging directory left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["officers.csv"]


@pytest.mark.parametrize("entity", ["LO\x1b[2J", "LO\u202e1", "LO\x85-1"])
def test_an_entity_id_with_a_control_character_is_refused_as_the_command_line_refuses_it(
    client: Any, tmp_path: Path, entity: str
) -> None:
    rows = officer_months(entities=12, months=4, seed=11)
    rows[30]["entity_id"] = entity  # one of four months of an officer: a partition in the middle
    path = write_csv(tmp_path / "officers.csv", rows)
    source = read_input([str(path)], blocksize=path.stat().st_size // 4)
    with pytest.raises(BadRecordsError) as caught:
        score_files(assesskit.get_scheme(OFFICER), source, Output.of(str(tmp_path / "o.csv")))
    got = [str(p) for p in caught.value.problems]
    assert got == _plain_problems(path)
    assert len(got) == 1
    assert f"{path} line 32" in got[0]
    assert "field 'entity_id'" in got[0]
    assert "must not contain control characters" in got[0]


def test_problems_across_files_come_in_the_order_of_the_files(client: Any, tmp_path: Path) -> None:
    rows = _bad_rows()
    first = write_csv(tmp_path / "b-first.csv", rows[:24])
    second = write_csv(tmp_path / "a-second.csv", rows[24:])
    source = read_input([str(first), str(second)], blocksize=600)
    with pytest.raises(BadRecordsError) as caught:
        score_files(assesskit.get_scheme(OFFICER), source, Output.of(str(tmp_path / "o.csv")))
    sources = [p.source for p in caught.value.problems]
    assert sources == sorted(sources, key=lambda s: 0 if s == str(first) else 1)
    assert str(first) in sources
    assert str(second) in sources


def test_a_missing_column_is_reported_once_with_a_hint(client: Any, tmp_path: Path) -> None:
    rows = [
        {("discipline" if k == "discipline_score" else k): v for k, v in r.items()}
        for r in officer_months(entities=3, months=2, seed=1)
    ]
    path = write_csv(tmp_path / "officers.csv", rows)
    with pytest.raises(BadRecordsError) as caught:
        score_files(
            assesskit.get_scheme(OFFICER),
            read_input([str(path)]),
            Output.of(str(tmp_path / "out.csv")),
        )
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: column 'discipline_score': is required but the file has no such column; "
        "is 'discipline' meant?"
    ]


def test_the_python_api_names_every_bad_row(client: Any) -> None:
    rows = _bad_rows()
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=4)
    with pytest.raises(InvalidInputError) as caught:
        score_dataframe(assesskit.get_scheme(OFFICER), frame)
    rows_named = sorted({p.row for p in caught.value.problems if p.row is not None})
    assert rows_named == [2, 9, 17, 25, 31, 44, 47]
    duplicate = caught.value.problems[-1]
    assert duplicate.rule.endswith("appears twice (also row 1); give each entity and period once")


def test_without_validation_a_bad_partition_raises_when_computed(client: Any) -> None:
    rows = _bad_rows()
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=4)
    lazy = score_dataframe(assesskit.get_scheme(OFFICER), frame, validate=False)
    with pytest.raises(InvalidInputError):
        lazy.compute()
