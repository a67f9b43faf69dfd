"""DataFrames of results equal the CSV output of ``assesskit score``, on every bundled example.

:func:`assesskit.frames.score_frame`, :meth:`Run.to_frame
<assesskit.pipeline.Run.to_frame>` and :meth:`BatchResult.to_frame
<assesskit.results.BatchResult.to_frame>` are read back cell by cell
against the CSV the command line writes for the same file: the same
columns, in the same order, the same values (numbers equal as decimals,
flags ``true``/``false``, lists ``;``-joined, an empty cell where no value).
"""

from __future__ import annotations

import csv
import io
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.with_plugins.dask.dask_cases import EXAMPLE_FILES
from tests.with_plugins.shipped import LOAN_OFFICERS

import assesskit
from assesskit.errors import HistoryError
from assesskit.frames import score_frame
from assesskit.io.csv_output import neutralise
from assesskit.pipeline import score_records
from assesskit.scoring.history_batch import apply_history_batch

pd = pytest.importorskip("pandas")


def _cli_csv(cli: Any, scheme_id: str, path: Path, *extra: str) -> list[list[str]]:
    out = cli("score", scheme_id, str(path), "--format", "csv", "--lang", "en", *extra)
    assert out.code == 0, out.err
    return list(csv.reader(io.StringIO(out.out)))


def _read(path: Path) -> Any:
    """The file as a pandas user reads it: every cell text, an empty cell missing."""
    return pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)


def _cell(value: Any) -> str:
    """A frame's cell as the CSV writes it."""
    if isinstance(value, list):
        return neutralise(";".join(value))
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating):
        return repr(float(value))
    return neutralise(str(value))


def _same(cell: str, text: str) -> bool:
    if cell == text:
        return True
    try:
        return Decimal(cell) == Decimal(text)
    except ArithmeticError:
        return False


def assert_frame_is_csv(frame: Any, rows: list[list[str]], skip: set[str] = frozenset()) -> None:
    """*frame* holds the CSV *rows* (header first), cell for cell; *skip* columns left out."""
    header, *body = rows
    names = [c for c in frame.columns if c not in skip]
    assert names == header
    assert len(frame) == len(body)
    for number, (record, line) in enumerate(
        zip(frame[names].itertuples(index=False), body, strict=True)
    ):
        for name, value, text in zip(header, record, line, strict=True):
            assert _same(_cell(value), text), (number, name, value, text)


@pytest.mark.parametrize("scheme_id", sorted(EXAMPLE_FILES))
def test_score_frame_and_run_to_frame_are_the_csv_output(cli: Any, scheme_id: str) -> None:
    path = EXAMPLE_FILES[scheme_id]
    rows = _cli_csv(cli, scheme_id, path)
    frame = _read(path)
    scheme = assesskit.get_scheme(scheme_id)
    scored = score_frame(scheme_id, frame)
    read = {"entity_id", scheme.period_field, "stage", "assessed_on", *scheme.metric_map}
    kept = [c for c in frame.columns if c not in read]  # name, parent ids: kept, as in the CSV
    assert "name" in kept or scheme_id.startswith(("health", "relocation"))
    assert_frame_is_csv(scored, rows)
    # the kept columns sit just before the total, as in the CSV, in the input's order
    at = list(scored.columns).index("total")
    assert list(scored.columns[at - len(kept) : at]) == kept
    assert scored[kept].equals(frame[kept])
    # the results of score_records carry no input columns: the CSV without them
    run = score_records(scheme, frame.to_dict("records"))
    assert_frame_is_csv(run.to_frame(), _without(rows, kept))


def _without(rows: list[list[str]], names: list[str]) -> list[list[str]]:
    """The CSV *rows* without the columns *names*."""
    keep = [i for i, name in enumerate(rows[0]) if name not in names]
    return [[row[i] for i in keep] for row in rows]


def test_money_is_float64_of_the_fen_and_periods_are_text() -> None:
    out = score_frame("microloan.loan-officer", _read(LOAN_OFFICERS))
    lo3 = out[(out.entity_id == "LO-003") & (out.period == "2026-09")].iloc[0]
    # the README's edge row: 52.725 + 20 + 2 + 0 = 74.725 → 74.73; pay 6150 × 74.73% → 4595.90
    assert (lo3.total, lo3.pay, lo3["name"]) == (74.73, 4595.9, "张伟")
    assert Decimal(repr(float(lo3.pay))) == Decimal("4595.90")
    assert str(out.dtypes["pay"]) == "float64"
    assert str(out.dtypes["period"]) == "string"
    assert str(out.dtypes["vetoed"]) == "bool"


def test_dismissal_from_history_given_as_an_earlier_run_json_or_frame(
    cli: Any, tmp_path: Path
) -> None:
    """LO-011 is at 60 or below in July, August and September: dismissed in September.

    Scored September alone, the dismissal needs July and August from the history.
    """
    officers = _read(LOAN_OFFICERS)
    earlier, september = (
        officers[officers.period != "2026-09"],
        officers[officers.period == "2026-09"],
    )
    scheme = assesskit.get_scheme("microloan.loan-officer")
    alone = score_frame(scheme, september)
    lo11 = alone.entity_id == "LO-011"
    assert not alone[lo11].dismissal.item()
    assert "history for 2026-07, 2026-08 missing" in alone[lo11].notes.item()
    run = score_records(scheme, earlier.to_dict("records"))
    json_path = tmp_path / "earlier.json"
    json_path.write_text(json.dumps(run.to_dict()), encoding="utf-8")
    earlier_frame = score_frame(scheme, earlier).merge(
        earlier[["entity_id", "period", "discipline_score"]]
    )
    expected = _cli_csv(cli, scheme.id, _written(september, tmp_path), "--history", str(json_path))
    for history in (run, run.results, json_path, str(json_path), run.to_dict(), earlier_frame):
        out = score_frame(scheme, september, history=history)
        assert_frame_is_csv(out, expected)
        assert out[out.entity_id == "LO-011"].dismissal.item()
        assert out[out.entity_id == "LO-011"].dismissal_trigger.item() == ["discipline"]
    # the whole file at once: July and August come from the frame itself
    whole = score_frame(scheme, officers)
    assert whole[whole.dismissal].entity_id.tolist() == ["LO-011"]


def _written(frame: Any, tmp_path: Path) -> Path:
    path = tmp_path / "input.csv"
    frame.to_csv(path, index=False)
    return path


def test_an_earlier_frame_without_the_inputs_the_rules_read_is_refused() -> None:
    officers = _read(LOAN_OFFICERS)
    earlier = score_frame("microloan.loan-officer", officers[officers.period == "2026-07"])
    august = officers[officers.period == "2026-08"]
    with pytest.raises(HistoryError, match="no column discipline_score"):
        score_frame("microloan.loan-officer", august, history=earlier)


def test_batch_result_to_frame_is_the_csv_from_total_on(cli: Any) -> None:
    scheme = assesskit.get_scheme("microloan.loan-officer")
    frame = _read(LOAN_OFFICERS)
    columns = {c: frame[c].to_numpy(dtype=object) for c in frame.columns if c != "name"}
    batch = apply_history_batch(scheme, scheme.score_batch(columns), columns).result
    rows = _cli_csv(cli, scheme.id, LOAN_OFFICERS)
    start, stop = rows[0].index("total"), rows[0].index("notes")
    assert_frame_is_csv(batch.to_frame(), [row[start:stop] for row in rows])


@pytest.mark.parametrize("scheme_id", ["microloan.loan-officer", "health.gansu-province"])
def test_a_polars_frame_gives_a_polars_frame_of_the_csv_output(cli: Any, scheme_id: str) -> None:
    pl = pytest.importorskip("polars")
    path = EXAMPLE_FILES[scheme_id]
    header, *body = _cli_csv(cli, scheme_id, path)
    out = score_frame(scheme_id, pl.read_csv(path, infer_schema=False))
    assert isinstance(out, pl.DataFrame)
    assert out.columns == header  # the kept columns (name…) included, where the CSV has them
    for number, (record, line) in enumerate(zip(out.rows(), body, strict=True)):
        for name, value, text in zip(header, record, line, strict=True):
            assert _same(_cell(value), text), (number, name, value, text)
