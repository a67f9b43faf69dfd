"""Fuzzing the contract: hostile cells, rows, files and parameters never break it (issue 12).

Whatever the input, the command line either scores (exit 0, results out)
or refuses (exit 2, a located message, nothing written); never another
status, a traceback, an "internal error", or a changed input. The Python
API either returns results or raises one of its documented errors, and the
batch path refuses exactly the values the exact path refuses.

The default test session runs a bounded number of examples; ``nox -s fuzz``
runs many more (``ASSESSKIT_FUZZ_EXAMPLES``, default there 2000).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli.conftest import HEADER, ROWS, Outcome
from tests.conftest import sample_record

from assesskit import InputTypeError, InvalidInputError, Scheme

Cli = Callable[..., Outcome]

EXAMPLES = int(os.environ.get("ASSESSKIT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COLUMNS = HEADER.split(",")
VALID = [row.split(",") for row in ROWS]
FULL_WIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")

# -- hostile values ---------------------------------------------------------------------------

digits = st.text(alphabet="0123456789", min_size=1, max_size=40)
long_digits = st.integers(min_value=16, max_value=12_000).map(lambda n: "9" * n)
exponents = st.integers(min_value=-(10**12), max_value=10**12)
number_texts = st.one_of(
    digits,
    long_digits,
    st.builds(lambda d, e: f"{d}e{e}", digits, exponents),
    st.builds(lambda d, f: f"{d}.{f}", digits, digits),
    st.builds(lambda d: d.translate(FULL_WIDTH), digits),
    st.builds(lambda d: f"{d[:1]}_{d[1:]}", digits),
    st.builds(lambda d: f"{d[:1]},{d[1:]}", digits),
    st.sampled_from(["NaN", "nan", "Infinity", "-inf", "sNaN", "1.2.3", "_", ".", "--1", "+-1"]),
    st.sampled_from(["١٢", "१२", "¹²", "Ⅻ", "0x1F", "1e", "e5", "1 000", "１２"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
percent_texts = st.builds(
    lambda n, sign, space: f"{n}{space}{sign}",
    number_texts,
    st.sampled_from(["%", "％", "%%"]),
    st.sampled_from(["", " ", "\u3000"]),
)
control_texts = st.lists(
    st.sampled_from(
        ["\x00", "\x1b", "\x1b[31m", "\x85", "\u202e", "\ufeff", "\u200b", "\r", "\n", '"',
         ",", "=", "+", "@", "王", "a", "1", "\t", "\\", "'"]
    ),
    max_size=12,
).map("".join)  # fmt: skip
hostile_cells = st.one_of(
    number_texts,
    percent_texts,
    control_texts,
    st.text(max_size=20),
    st.just(""),
)


def _csv_cell(text: str) -> str:
    """*text* as one CSV cell, quoted as a careful writer would (quotes doubled)."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def hostile_rows(draw: st.DrawFn) -> list[str]:
    """A row of the sample scheme with some cells replaced by hostile ones."""
    row = list(draw(st.sampled_from(VALID)))
    for index in draw(st.sets(st.integers(0, len(row) - 1), max_size=4)):
        row[index] = draw(hostile_cells)
    return row


@st.composite
def hostile_files(draw: st.DrawFn) -> bytes:
    """A CSV file for the sample scheme: hostile rows, header changes, odd encodings and bytes."""
    header = list(COLUMNS)
    if draw(st.booleans()):
        index = draw(st.integers(0, len(header) - 1))
        header[index] = draw(st.sampled_from(["", header[0], header[index] + "x", "\ufeffx"]))
    rows = draw(st.lists(hostile_rows(), max_size=5))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [",".join(_csv_cell(c) for c in header)]
    lines += [",".join(_csv_cell(c) for c in row) for row in rows]
    text = newline.join(lines) + draw(st.sampled_from([newline, ""]))
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # cut anywhere, quotes left open
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


@st.composite
def hostile_json(draw: st.DrawFn) -> bytes:
    """A JSON input: records with hostile values, repeated keys, NaN, huge numbers, nesting."""
    items = []
    for row in draw(st.lists(hostile_rows(), max_size=4)):
        pairs = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in zip(COLUMNS, row, strict=True)]
        extra = draw(
            st.sampled_from(
                ["", '"income": NaN', '"income": ' + "9" * 400, '"income": 1e999',
                 '"income": [[[[1]]]]', '"income": {"a": 1}', '"income": true', '"x": null']
            )
        )  # fmt: skip
        if extra:
            pairs.append(extra)
        items.append("{" + ", ".join(pairs) + "}")
    text = "[" + ", ".join(items) + "]"
    if draw(st.integers(0, 9)) == 0:
        text = "[" * draw(st.integers(1, 50_000)) + text
    return text.encode("utf-8")


def _check(outcome: Outcome, source: Path, before: bytes, output: Path | None, *names: str) -> None:
    """The contract, for one run; a refusal names the file (or one of *names*)."""
    assert outcome.code in (0, 2), (outcome.code, outcome.err)
    assert "Traceback" not in outcome.err
    assert "internal error" not in outcome.err
    assert "\x1b" not in outcome.err
    assert source.read_bytes() == before, "the input was changed"
    if outcome.code == 2:
        assert outcome.err.startswith("assesskit: ")
        assert "error: " in outcome.err
        assert any(name in outcome.err for name in (str(source), *names)), outcome.err
        assert output is None or not output.exists(), "something was written on error"
    elif output is not None:
        assert output.exists()


# -- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])  # read whole, and streamed in chunks
@FUZZ
@given(data=hostile_files())
def test_hostile_csv_files_keep_the_contract(
    cli: Cli, sample_plugin: str, fmt: str, data: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.csv"
        source.write_bytes(data)
        output = Path(folder) / f"out.{fmt}"
        outcome = cli("score", sample_plugin, str(source), "-o", str(output), "--format", fmt)
        _check(outcome, source, data, output)


@FUZZ
@given(data=hostile_json())
def test_hostile_json_keeps_the_contract(cli: Cli, sample_plugin: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.json"
        source.write_bytes(data)
        outcome = cli("score", sample_plugin, str(source))
        _check(outcome, source, data, None)
        if outcome.code == 0:
            json.loads(outcome.out)


@FUZZ
@given(value=hostile_cells, encoding=st.sampled_from([None, "utf-8", "gb18030", "ascii", "x"]))
def test_hostile_parameters_and_encodings_keep_the_contract(
    cli: Cli, sample_plugin: str, value: str, encoding: str | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.csv"
        data = (HEADER + "\n" + "\n".join(ROWS) + "\n").encode("utf-8")
        source.write_bytes(data)
        args = ["score", sample_plugin, str(source), "-p", f"income_target={value}"]
        if encoding is not None:
            args += ["--encoding", encoding]
        outcome = cli(*args)
        _check(outcome, source, data, None, "income_target", "--encoding")


# -- the Python API ---------------------------------------------------------------------------

api_values = st.one_of(
    hostile_cells,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.booleans(),
    st.none(),
    st.builds(np.float64, st.floats(allow_nan=True, allow_infinity=True)),
)
FIELDS = [c for c in COLUMNS if c not in ("entity_id", "name", "period")]


@st.composite
def api_records(draw: st.DrawFn) -> dict[str, Any]:
    record = sample_record()
    for field in draw(st.sets(st.sampled_from(FIELDS), max_size=3)):
        record[field] = draw(api_values)
    return record


def _exact_problems(scheme: Scheme, record: dict[str, Any], row: int) -> set[tuple[Any, ...]]:
    try:
        scheme.score(record)
    except InvalidInputError as exc:
        return {(row, p.field, p.rule) for p in exc.problems}
    return set()


@FUZZ
@given(records=st.lists(api_records(), min_size=1, max_size=4))
def test_the_api_refuses_the_same_values_on_both_paths(
    sample_scheme: Scheme, records: list[dict[str, Any]]
) -> None:
    expected: set[tuple[Any, ...]] = set()
    for row, record in enumerate(records):
        expected |= _exact_problems(sample_scheme, record, row)
    columns = {k: [r[k] for r in records] for k in records[0]}
    try:
        batch = sample_scheme.score_batch(columns)
    except InvalidInputError as exc:
        found = {(p.row, p.field, p.rule) for p in exc.problems}
        assert found == expected
    else:
        assert expected == set()
        assert batch.size == len(records)


@FUZZ
@given(thing=st.one_of(api_values, st.lists(api_values), st.dictionaries(st.text(), api_values)))
def test_the_api_refuses_any_shape_with_a_documented_error(
    sample_scheme: Scheme, thing: Any
) -> None:
    for call in (sample_scheme.score, sample_scheme.score_batch):
        with contextlib.suppress(InputTypeError, InvalidInputError):
            call(thing)
