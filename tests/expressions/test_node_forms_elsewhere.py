"""Forms the rest of the package reads off a node: text tables, band names, the parts of
an ``or`` and their words. A new node writes them as methods; one that changes what its
parent computes does not inherit them.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pytest
from tests.conftest import build_sample_scheme, sample_record

from assesskit import (
    BandIs,
    Const,
    Input,
    NextPeriod,
    NoValue,
    Outcome,
    SchemeDefinitionError,
    StatusIs,
    Text,
    Where,
)
from assesskit.expressions import BatchEnv, BatchValue, ExactEnv, ExactValue, Expr
from assesskit.expressions.node import (
    PeriodCodes,
    TextCodes,
    alternatives_of,
    condition_text_of,
    text_table_of,
)
from assesskit.scoring.batch import text_codes
from assesskit.targets import Consequence, TargetSpec, plan_scheme, schedule_table

LABEL = Text("x", "某")


Coded = tuple[npt.NDArray[Any], tuple[str | None, ...]] | None


def _text_outcome(expr: Expr, periods: list[str]) -> tuple[list[object], list[object], Coded]:
    """Outcome *expr* on sample records of *periods*: exact, batch, and its batch codes."""
    scheme = build_sample_scheme(outcomes=[Outcome("o", LABEL, expr, "text")])
    records = [sample_record(period=p) for p in periods]
    batch = scheme.score_batch({k: [r[k] for r in records] for k in records[0]})
    exact = [scheme.score(r).outcome["o"] for r in records]
    coded = text_codes(batch, "o")  # before the texts are read: reading them drops the codes
    return exact, list(batch.outcomes["o"]), coded


@attrs.frozen(eq=False)
class Shouted(Const):
    """Changes what ``Const`` computes (its text in capitals), none of its other forms."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return str(self.value).upper()

    def batch(self, env: BatchEnv) -> BatchValue:
        return Const(str(self.value).upper()).batch(env)


@attrs.frozen(eq=False)
class Season(Expr):
    """``spring``/``autumn`` by the month of the period: a new node with a table of texts."""

    def exact(self, env: ExactEnv) -> ExactValue:
        period = env.period()
        return None if period is None else _season(str(period))

    def batch(self, env: BatchEnv) -> BatchValue:
        texts = [None if p is None else _season(str(p)) for p in env.period().data]
        return BatchValue(np.array(texts, dtype=object), faithful=True)

    def words(self) -> str:
        return "the season"

    def text_table(self, periods: PeriodCodes | None) -> tuple[str | None, ...] | None:
        if periods is None:
            return None
        return tuple(None if p is None else _season(str(p)) for p in periods.table)

    def text_codes(self, env: BatchEnv, periods: PeriodCodes | None, part: slice) -> TextCodes:
        assert periods is not None
        return periods.codes[part], None


def _season(period: str) -> str:
    return "spring" if int(period[5:7]) <= 6 else "autumn"


def test_outcomes_of_few_texts_are_kept_as_codes_into_their_table() -> None:
    # 2026-08 → 2026-09, twice; 2026-12 → 2027-01: two distinct texts, a code per row
    expr = Where(Input("income") > 0, NextPeriod(), NoValue())
    exact, batch, coded = _text_outcome(expr, ["2026-08", "2026-12", "2026-08"])
    assert exact == batch == ["2026-09", "2027-01", "2026-09"]
    assert coded is not None
    codes, table = coded
    assert [table[c] for c in codes] == ["2026-09", "2027-01", "2026-09"]


def test_a_new_node_with_a_text_table_is_coded_too() -> None:
    exact, batch, coded = _text_outcome(Season(), ["2026-03", "2026-08", "2026-03"])
    assert exact == batch == ["spring", "autumn", "spring"]
    assert coded is not None
    # and inside a Where, with its own table after the other branch's
    where = Where(Input("income") > 0, Season(), Const("none"))
    assert _text_outcome(where, ["2026-08"])[1] == ["autumn"]
    assert text_table_of(where, None) is None  # Season has no table without periods


def test_a_subclass_of_another_meaning_is_not_coded_as_its_parent() -> None:
    # Const's table would give 'payable'; the subclass computes 'PAYABLE'
    exact, batch, coded = _text_outcome(Shouted("payable"), ["2026-08", "2026-09"])
    assert exact == batch == ["PAYABLE", "PAYABLE"]
    assert coded is None
    where = Where(Input("income") > 0, Shouted("payable"), Const("withheld"))
    assert _text_outcome(where, ["2026-08"])[:2] == (["PAYABLE"], ["PAYABLE"])
    assert text_table_of(Const("payable"), None) == ("payable",)
    assert text_table_of(Shouted("payable"), None) is None


@attrs.frozen(eq=False)
class InBands(Expr):
    """True when the record's band is one of *bands*: a new node that names bands."""

    bands: tuple[str, ...]

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.band() in self.bands

    def batch(self, env: BatchEnv) -> BatchValue:
        data = np.isin(env.band().data.astype(object), list(self.bands))
        return BatchValue(np.asarray(data, dtype=bool), faithful=True)

    def words(self) -> str:
        return f"band in {', '.join(self.bands)}"

    def named_bands(self) -> tuple[str, ...]:
        return self.bands


def test_every_band_a_node_names_is_checked_against_the_schemes() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        build_sample_scheme(
            outcomes=[
                Outcome("top", LABEL, Where(BandIs("best"), 1, 0), "number"),
                Outcome("mid", LABEL, InBands(("full", "middling", "worst")), "flag"),
            ]
        )
    assert [p for p in caught.value.problems if "band" in p] == [
        "outcome 'top': names unknown band 'best'",
        "outcome 'mid': names unknown band 'middling'",
        "outcome 'mid': names unknown band 'worst'",
    ]
    scheme = build_sample_scheme(outcomes=[Outcome("mid", LABEL, InBands(("reduced",)), "flag")])
    assert scheme.score(sample_record()).outcome["mid"] is True  # 74 points: reduced


@attrs.frozen(eq=False)
class Audited(Expr):
    """A failed audit, said in plain words in both languages."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return Input("failed_audits").exact(env) not in (None, 0)

    def batch(self, env: BatchEnv) -> BatchValue:
        return (Input("failed_audits") > 0).batch(env)

    def words(self) -> str:
        return "failed_audits > 0"

    def condition_text(self) -> Text:
        return Text("the audit failed", "审计不合格")


@attrs.frozen(eq=False)
class Lagging(StatusIs):
    """Changes what ``StatusIs`` computes (never true): not worded as its parent."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return False

    def batch(self, env: BatchEnv) -> BatchValue:
        return Const(False).batch(env)


def test_the_parts_of_an_or_and_their_words_come_from_the_nodes() -> None:
    behind, audited, flag = StatusIs("built", "behind"), Audited(), Input("x")
    assert alternatives_of(behind | (audited | flag)) == (behind, audited, flag)
    both = behind & audited
    assert alternatives_of(both) == (both,)
    assert condition_text_of(behind) == Text("built is behind", "built 未达标")
    assert condition_text_of(StatusIs("built", "done")) == Text("built is done", "built is done")
    assert condition_text_of(Lagging("built", "behind")) == Text("built is behind")
    assert condition_text_of(audited) == Text("the audit failed", "审计不合格")


def test_a_plans_consequences_are_worded_by_their_conditions() -> None:
    cut = Consequence("cut", Text("funding cut", "减少资金"))
    spec = TargetSpec(
        "built", Text("built", "建成"), "cumulative", "built", checkpoints={2015: 1},
        consequences=(cut,),
    )  # fmt: skip
    audit = Consequence("cut", Text("funding cut", "减少资金"), when=Audited())
    other = TargetSpec(
        "trained", Text("trained", "培训"), "annual", "trained", checkpoints={2015: 1},
        consequences=(audit,),
    )  # fmt: skip
    table = schedule_table(plan_scheme("test.words", Text("w"), [spec, other], (2015, 2016)))
    assert table is not None
    assert [(c[0], c[2]) for c in table.consequences] == [
        ("cut", Text("when built is behind or the audit failed", "built 未达标或审计不合格"))
    ]
