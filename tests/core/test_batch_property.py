"""Property: ``score_batch`` publishes what ``score`` publishes, row by row.

The records come from the sample scheme of ``tests/conftest.py`` (one
component per built-in rule kind, a veto, bands, money outcomes). Values are
drawn as exact decimals and then written the ways a user writes them:
floats (the float traps 0.07, 0.09…), decimal strings, percent strings,
``Decimal``, Python ints, in lists, numpy arrays and DataFrame columns.
Incomes of 25 yuan past a multiple of 50 make x.xx5 ties of the total.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import build_sample_scheme

from assesskit import BatchResult, Result, Scheme, score_frame
from assesskit.periods import Period
from assesskit.pipeline import score_records
from assesskit.testing import PROFILES
from assesskit.testing.strategies import records

#: How each column of one example is written.
STYLES = ("float", "str", "decimal", "mixed")


def decimals(low: int, high: int, places: int) -> st.SearchStrategy[Fraction]:
    """Exact decimals in [low, high] with up to *places* decimals."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda k: Fraction(k, scale))


def ratio_values() -> st.SearchStrategy[Fraction]:
    """Ratios with 2–4 decimals, biased to the step and veto edges of the sample scheme."""
    edges = [Fraction(k, 100) for k in range(0, 21)] + [Fraction(599, 10000)]
    return st.one_of(
        st.sampled_from(edges),
        decimals(0, 1, 2),
        # 4 decimals up to 30%, where the step deduction still bites
        st.integers(0, 3000).map(lambda k: Fraction(k, 10000)),
    )


@st.composite
def exact_records(draw: st.DrawFn) -> dict[str, Fraction | bool | None]:
    """One valid record of the sample scheme, as exact values."""
    # 10 × eligible / relocated is a short decimal when relocated divides a power of 10
    relocated = draw(st.one_of(st.sampled_from([0, 1, 2, 4, 5, 8, 10, 20, 25]), st.integers(0, 12)))
    incidents = draw(st.integers(0, 3))
    deduction = Fraction(0) if incidents == 0 else draw(decimals(incidents, 20 * incidents, 2))
    ratings = draw(
        st.lists(
            st.one_of(st.none(), decimals(0, 100, 2), st.sampled_from([60, 80, 85.5])),
            min_size=2,
            max_size=2,
        ).filter(lambda r: any(v is not None for v in r))
    )
    income = draw(
        st.one_of(
            st.integers(0, 4000).map(lambda k: Fraction(50 * k + 25)),  # x.xx5 ties
            st.integers(0, 150000).map(Fraction),
            decimals(0, 150000, 2),
            st.sampled_from([Fraction(87875), Fraction(100000), Fraction(9999999, 100)]),
        )
    )
    return {
        "income": income,
        # 10 × roc / 0.13 is a short decimal for multiples of 0.0013 (and below 0, above 0.13):
        # those keep x.xx5 ties of the income possible in the total
        "return_on_capital": draw(
            st.one_of(
                st.integers(0, 110).map(lambda k: Fraction(13 * k, 10000)),
                ratio_values(),
                decimals(-1, 0, 4),
            )
        ),
        "eligible": Fraction(draw(st.integers(0, relocated))),
        "relocated": Fraction(relocated),
        "errors_a": Fraction(draw(st.integers(0, 4))),
        "errors_b": Fraction(draw(st.integers(0, 4))),
        "custody_incidents": Fraction(incidents),
        "custody_deduction": deduction,
        "overdue_ratio": draw(ratio_values()),
        # mostly no loss (no veto), often at the veto's edge: "> 1%"
        "loss_rate": draw(
            st.one_of(
                st.just(Fraction(0)),
                st.just(Fraction(0)),
                st.sampled_from([Fraction(1, 100), Fraction(99, 10000), Fraction(101, 10000)]),
                st.integers(0, 200).map(lambda k: Fraction(k, 10000)),  # 0 … 2%
            )
        ),
        "discipline_score": draw(
            st.one_of(
                st.sampled_from([Fraction(x, 100) for x in (5999, 6000, 7999, 8000, 10000, 0)]),
                decimals(0, 100, 2),
            )
        ),
        "rating_a": None if ratings[0] is None else Fraction(ratings[0]),
        "rating_b": None if ratings[1] is None else Fraction(ratings[1]),
        "breach": draw(st.booleans()),
        "salary": draw(st.one_of(st.none(), decimals(0, 20000, 2))),
    }


def as_decimal_text(value: Fraction) -> str:
    """The exact decimal of a finite-decimal fraction, e.g. ``'0.0723'``."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return format(Decimal(value.numerator) / Decimal(value.denominator), f".{places}f")


RATIOS = {"return_on_capital", "overdue_ratio", "loss_rate"}
WHOLE = {"eligible", "relocated", "errors_a", "errors_b", "custody_incidents"}


def written(name: str, value: Fraction | bool | None, style: str, pick: int) -> Any:
    """*value* of field *name* as a user writes it in *style*."""
    if value is None:
        return [None, "", math.nan][pick % 3] if style == "mixed" else None
    if isinstance(value, bool):
        if style == "str":
            return "true" if value else "false"
        if style == "mixed":
            return [value, "是" if value else "否", int(value), "1" if value else "0"][pick % 4]
        return value
    text = as_decimal_text(value)
    if style == "float":
        return int(value) if name in WHOLE else float(text)  # the float of the decimal
    if style == "str":
        return text
    if style == "decimal":
        return Decimal(text)
    choices: list[Any] = [float(text), text, Decimal(text)]
    if value.denominator == 1:
        choices.append(int(value))  # a Python int
    if name in RATIOS:
        percent = as_decimal_text(value * 100)
        choices += [f"{percent}%", f"{percent} %"]
    return choices[pick % len(choices)]


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Rows of records, each column written in one style."""
    rows = draw(st.lists(exact_records(), min_size=8, max_size=48))
    names = list(rows[0])
    styles = {name: draw(st.sampled_from(STYLES)) for name in names}
    written_rows = []
    for index, row in enumerate(rows):
        record: dict[str, Any] = {
            "entity_id": f"E-{index}",
            "period": f"2026-{index % 12 + 1:02d}",
        }
        for name in names:
            pick = draw(st.integers(0, 11)) if styles[name] == "mixed" else 0
            record[name] = written(name, row[name], styles[name], pick)
        written_rows.append(record)
    return written_rows, styles


def list_columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {name: [row[name] for row in rows] for name in rows[0]}


def numpy_columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Typed arrays where the values allow (float64, int64, bool), object arrays otherwise."""
    out: dict[str, Any] = {}
    for name, values in list_columns(rows).items():
        if all(isinstance(v, bool) for v in values):
            out[name] = np.array(values, dtype=bool)
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            out[name] = np.array(values, dtype=np.int64)
        elif all(isinstance(v, float) or v is None for v in values):
            out[name] = np.array([math.nan if v is None else v for v in values], dtype=np.float64)
        else:
            column = np.empty(len(values), dtype=object)
            column[:] = values
            out[name] = column
    return out


def pandas_columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(numpy_columns(rows))
    return {name: frame[name] for name in frame.columns}


CONTAINERS: dict[str, Callable[[Sequence[Mapping[str, Any]]], dict[str, Any]]] = {
    "list": list_columns,
    "numpy": numpy_columns,
    "pandas": pandas_columns,
}


def published(value: float) -> Decimal | None:
    """A batch float as the decimal it stands for (its shortest repr); NaN is none."""
    return None if math.isnan(value) else Decimal(float.__repr__(float(value)))


def assert_same(scheme: Scheme, batch: BatchResult, row: int, result: Result) -> None:
    where = f"row {row}:\n{result.explain()}"
    # published() maps NaN to None, so "no total" must be NaN on the batch path
    assert published(batch.total[row]) == result.total, where
    assert batch.band[row] == result.band_id, where
    assert bool(batch.vetoed[row]) is result.vetoed, where
    fired = {v.id for v in result.vetoes}
    for veto_id, mask in batch.veto_fired.items():
        assert bool(mask[row]) is (veto_id in fired), where
    for comp_id, points in batch.components.items():
        assert published(points[row]) == result.components[comp_id].points, (comp_id, where)
    for spec in scheme.outcomes:
        got, want = batch.outcomes[spec.id][row], result.outcome[spec.id]
        if spec.kind in ("money", "number"):
            assert published(got) == want, (spec.id, where)
        elif spec.kind == "flag":
            assert bool(got) is bool(want), (spec.id, where)
        else:
            assert got == want, (spec.id, where)


INCOME_TARGETS = [100000, 80000, "99999.99", "87875"]


@pytest.mark.parametrize("container", list(CONTAINERS))
def test_batch_equals_exact(container: str) -> None:
    if container == "pandas":
        pytest.importorskip("pandas")
    schemes = {t: build_sample_scheme().with_params(income_target=t) for t in INCOME_TARGETS}
    to_columns = CONTAINERS[container]

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=batches(), target=st.sampled_from(INCOME_TARGETS))
    def check(data: tuple[list[dict[str, Any]], dict[str, str]], target: Any) -> None:
        rows, _ = data
        scheme = schemes[target]
        batch = scheme.score_batch(to_columns(rows))
        assert len(batch) == len(rows)
        assert set(batch.outcomes) == {o.id for o in scheme.outcomes}
        for row, record in enumerate(rows):
            assert_same(scheme, batch, row, scheme.score(record))

    check()


def test_the_generated_data_has_ties_and_float_traps() -> None:
    """The property above is only as strong as its data: check it holds the hard cases."""
    scheme = build_sample_scheme()
    ties = traps = 0

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        derandomize=True,  # the same data every run: this test must not be flaky
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=batches())
    def count(data: tuple[list[dict[str, Any]], dict[str, str]]) -> None:
        nonlocal ties, traps
        for record in data[0]:
            result = scheme.score(record)
            if result.exact_total is not None and (result.exact_total * 1000) % 10 == 5:
                ties += 1
            overdue = record["overdue_ratio"]
            if isinstance(overdue, float) and (overdue - 0.05) / 0.01 != int(
                (Fraction(repr(overdue)) - Fraction(5, 100)) / Fraction(1, 100)
            ):
                traps += 1

    count()
    assert ties > 0
    assert traps > 0


def test_known_ties_and_traps_in_one_large_batch() -> None:
    """Fixed cases the property may draw rarely, all in one batch of every container."""
    scheme = build_sample_scheme()
    base: dict[str, Any] = {
        "entity_id": "T",
        "period": "2026-08",
        "income": 80000,
        "return_on_capital": "0.065",
        "eligible": 9,
        "relocated": 10,
        "errors_a": 1,
        "errors_b": 1,
        "custody_incidents": 1,
        "custody_deduction": 4,
        "overdue_ratio": 0.07,
        "loss_rate": 0.0,
        "discipline_score": 72,
        "rating_a": 90,
        "rating_b": None,
        "breach": False,
        "salary": 5000,
    }
    cases: list[dict[str, Any]] = []
    # overdue as floats 5.00% … 20.00%: the float steps (0.09 − 0.05)/0.01 = 3.999…
    cases += [{**base, "overdue_ratio": round(0.05 + k / 10000, 4)} for k in range(0, 1501, 7)]
    # income 87 875: 20 × 0.87875 = 17.575, a tie of the component and the total
    cases += [{**base, "income": 87875}, {**base, "income": "87875.00"}]
    # incomes 25 past a multiple of 50: all ties
    cases += [{**base, "income": 50 * k + 25} for k in range(0, 2001, 13)]
    # the loss-rate veto at and around 1%
    cases += [{**base, "loss_rate": v} for v in (0.01, "1%", "0.0101", 0.0099, "1.5 %")]
    # nothing but the share not applicable: rescaled by 100/90
    cases += [{**base, "eligible": 0, "relocated": 0, "income": k} for k in (0, 12345, 99999)]
    for to_columns in (list_columns, numpy_columns):
        batch = scheme.score_batch(to_columns(cases))
        for row, record in enumerate(cases):
            assert_same(scheme, batch, row, scheme.score(record))


# -- score_frame equals score_records ----------------------------------------------------------
# (here with the other property profiles, outside the mutation session's test selection:
# it takes seconds a run and would run for every surviving mutant of the batch path)

FRAME_SCHEME = build_sample_scheme()
MONTHS = [Period(2026, m) for m in (5, 6, 7, 8, 9)]


@st.composite
def months_of_records(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of two entities over five months (each once), split into input and history.

    Discipline is mostly at or below 60, so that dismissals fire (and miss a month).
    """
    keys = [
        (entity, month)
        for entity in ("E-1", "E-2")
        # every month, or some of them (gaps leave the rule undecided)
        for month in draw(
            st.one_of(st.just(MONTHS), st.lists(st.sampled_from(MONTHS), unique=True))
        )
    ]
    rows: list[dict[str, Any]] = []
    past: list[dict[str, Any]] = []
    for entity, month in keys:
        record = draw(records(FRAME_SCHEME, entity_id=entity, period=month))
        record["period"] = str(month)
        # mostly at or below 60 (the trigger's edge included), so that dismissals fire
        low = st.sampled_from([55, 60, "60.5", record["discipline_score"]])
        record["discipline_score"] = draw(low)
        (past if draw(st.booleans()) else rows).append(record)
    if not rows:
        rows.append(past.pop() if past else draw(records(FRAME_SCHEME, entity_id="E-3")))
    return rows, past


@PROFILES["fast"].settings()
@given(data=months_of_records())
def test_score_frame_equals_score_records(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    pd = pytest.importorskip("pandas")
    rows, past = data
    history = score_records(FRAME_SCHEME, past).results if past else None
    names = list(dict.fromkeys(k for r in rows for k in r))
    frame = pd.DataFrame({n: pd.Series([r.get(n) for r in rows], dtype=object) for n in names})
    expected = score_records(FRAME_SCHEME, rows, history).to_frame()
    got = score_frame(FRAME_SCHEME, frame, history=history)
    pd.testing.assert_frame_equal(got, expected)
    assert np.array_equal(got.total.isna(), expected.total.isna())
