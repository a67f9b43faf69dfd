"""History on the streaming path equals the record-by-record path, whatever the data (Hypothesis).

The streamed command and the record-by-record command decide history rules
with two different front ends over one history stage
(:mod:`assesskit.scoring.history_stage`); for any mix of entities, months,
gaps, a history file and chunk sizes, their output must be the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli.conftest import Outcome, sample_csv
from tests.cli.test_streaming import both_ways, row

import assesskit.run.streaming as streaming
from assesskit.cli.errors import EXIT_OK

Cli = Callable[..., Outcome]

MONTHS = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]
# around the trigger "discipline at or below 60": on it, just above it, well below and above
DISCIPLINE = ["60", "60.00000000000000001", "59.99", "45", "61", "90"]


@st.composite
def monthly_rows(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Rows of three entities over six months (each entity and month once): input, history."""
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(["E-1", "E-2", "E-3"]), st.sampled_from(MONTHS)),
            min_size=1,
            max_size=14,
            unique=True,
        )
    )
    inputs: list[str] = []
    past: list[str] = []
    for entity, month in keys:
        text = row(entity, month, discipline_score=draw(st.sampled_from(DISCIPLINE)))
        (past if draw(st.booleans()) else inputs).append(text)
    if not inputs:
        inputs.append(past.pop())
    return inputs, past


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=monthly_rows(), chunk=st.integers(min_value=1, max_value=5))
def test_streamed_history_equals_record_by_record(
    cli: Cli,
    sample_plugin: str,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    data: tuple[list[str], list[str]],
    chunk: int,
) -> None:
    inputs, past = data
    folder = tmp_path_factory.mktemp("history")
    args = ["score", sample_plugin, str(folder / "in.csv"), "--format", "csv"]
    (folder / "in.csv").write_text(sample_csv(inputs), encoding="utf-8")
    if past:
        (folder / "past.csv").write_text(sample_csv(past), encoding="utf-8")
        earlier = cli(
            "score", sample_plugin, str(folder / "past.csv"), "-o", str(folder / "p.json")
        )
        assert earlier.code == EXIT_OK, earlier.err
        args += ["--history", str(folder / "p.json")]
    with monkeypatch.context() as patch:
        patch.setattr(streaming, "STREAM_ROWS", chunk)
        streamed, whole = both_ways(cli, monkeypatch, *args)
    assert streamed.code == EXIT_OK, streamed.err
    assert streamed == whole
