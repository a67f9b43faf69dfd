"""Edges of the batch engine that only a batch shows: which way decides, and what it publishes.

The batch path has fast ways (exact sums over a common denominator, sums
with a certified error, outcomes on exact decimals) and a slow one (floats,
with the rows near a tie re-scored on the exact path). Every way publishes
the exact path's answers, so these tests also assert the documented
property that the fast way is taken: no row is re-scored when the decimals
decide it (``BatchResult.exact_rows == 0``). Values are worked out by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np
import pytest
from tests.core._helpers import one_rule_scheme, record
from tests.core.test_batch_totals import FloatShare, row, shares

from assesskit import (
    Band,
    BandLookup,
    BandTable,
    Component,
    Const,
    Input,
    Interval,
    Metric,
    MetricKind,
    NextPeriod,
    Outcome,
    OutcomeRef,
    Parameter,
    PeriodKind,
    Scheme,
    Text,
    Total,
    Veto,
    Vetoed,
    Where,
)
from assesskit._batchmath import Rationals
from assesskit.constraints import Constraint
from assesskit.errors import InvalidInputError, Problem
from assesskit.expressions import BatchValue, Expr
from assesskit.expressions.algebra import Compare
from assesskit.expressions.env import BatchEnv, ExactEnv, ExactValue
from assesskit.rules import Boolean, Rule
from assesskit.rules.base import BatchRuleContext, BatchScored, RuleContext, Scored
from assesskit.scoring.batch import score_columns, score_columns_detail


def shares_batch(scheme: Scheme, *records: dict[str, Any]) -> Any:
    return scheme.score_batch({k: [r[k] for r in records] for k in records[0]})


class TestCertifiedSumsDecideTies:
    """Shares with denominators up to a million: the sum is certified, ties decided exactly."""

    def test_a_certified_tie_needs_no_row_rescored(self) -> None:
        # 25 × 1/8 = 3.125 → 3.13 each (half up), total 12.5; in floats every one is a
        # near tie, which the certified sum decides with integers
        batch = shares_batch(shares(), row((100000, 800000), (1, 8), (7, 56), (111111, 888888)))
        assert batch.total.tolist() == [12.5]
        assert [batch.components[c].tolist() for c in "abcd"] == [[3.13]] * 4
        assert batch.exact_rows == 0

    def test_a_component_past_the_bounds_when_rescaled_is_certified_alone(self) -> None:
        # d has nothing due: a, b, c are scaled by 100/75 = 4/3. a has 3·10¹¹ of 8·10¹³ done: its
        # denominator times the applied weight passes the exact range, so a's points
        # are rounded on their own with a certified error, rescaled:
        # 25 × 3/800 × 4/3 = 0.125 → 0.13 (a tie, decided exactly); b and c
        # 25 × 4/3 = 33.333… → 33.33; total (25 × 3/800 + 50) × 4/3 = 66.7916… → 66.79
        batch = shares_batch(shares(), row((3 * 10**11, 8 * 10**13), (1, 1), (1, 1), (0, 0)))
        assert batch.components["a"].tolist() == [0.13]
        assert batch.components["b"].tolist() == [33.33]
        assert np.isnan(batch.components["d"][0])
        assert batch.total.tolist() == [66.79]
        assert batch.exact_rows == 0


def float_shares_with(
    outcomes: list[Outcome], more: tuple[Metric, ...] = (), **extra: Any
) -> Scheme:
    """Four shares of 25 points scored in floats on the batch path, with *outcomes*."""
    scheme = shares()
    return Scheme(
        id="test.float-shares",
        version="1",
        title=Text("float shares", "比例"),
        period=PeriodKind.MONTHLY,
        metrics=[*scheme.metrics, *more],
        components=[
            attrs.evolve(c, rule=FloatShare(f"{c.id}_done", f"{c.id}_due"))
            for c in scheme.components
        ],
        outcomes=outcomes,
        **extra,
    )


HALF_TOTAL = Outcome(
    "half_total", Text("half the total", "半"), Total() * Const("0.5"), kind="money"
)


class TestFloatSums:
    """Rules without an exact form: points in floats, rows near a tie re-scored exactly."""

    def test_components_near_a_tie_are_rescored_though_the_total_is_not(self) -> None:
        # 25 × 201/5000 = 1.005 exactly → 1.01, in floats 1.00499999…: a and b are near a
        # tie and re-scored; the total 2 × 1.005 + 50 = 52.01 is not near one.
        # The second row is near no tie: not re-scored
        batch = shares_batch(
            float_shares_with([]),
            row((201, 5000), (201, 5000), (7, 7), (2, 2)),
            row((1, 2), (1, 4), (1, 1), (1, 1)),
        )
        assert [batch.components[c].tolist() for c in "abcd"] == [
            [1.01, 12.5],
            [1.01, 6.25],
            [25.0, 25.0],
            [25.0, 25.0],
        ]
        assert batch.total.tolist() == [52.01, 68.75]
        assert batch.exact_rows == 1

    def test_a_total_near_a_tie_is_rescored_though_no_component_is(self) -> None:
        # 25 × 401/10000 = 1.0025 → 1.00, near no tie; a + b + 50 = 52.005 → 52.01, which
        # floats put near a tie: the row is re-scored
        batch = shares_batch(float_shares_with([]), row((401, 10000), (401, 10000), (7, 7), (2, 2)))
        assert (batch.components["a"].tolist(), batch.total.tolist()) == ([1.0], [52.01])
        assert batch.exact_rows == 1

    def test_an_outcome_reads_the_float_total_as_decimals(self) -> None:
        # the total 52.01 in whole hundredths; half of it 26.005 is a tie on the decimals,
        # rounded half up to 26.01; 0.5 × 50 = 25.00
        batch = shares_batch(
            float_shares_with([HALF_TOTAL]),
            row((201, 5000), (201, 5000), (7, 7), (2, 2)),
            row((1, 1), (1, 1), (0, 3), (0, 3)),
        )
        assert batch.total.tolist() == [52.01, 50.0]
        assert batch.outcomes["half_total"].tolist() == [26.01, 25.0]


BASE = Metric("base", MetricKind.MONEY, Text("bonus base", "奖金基数"), required=False)


def rescored_scheme() -> Scheme:
    """Float shares with two vetoes, a money and a flag outcome on an optional input."""
    return float_shares_with(
        [
            Outcome("bonus", Text("bonus", "奖金"), Input("base") * Const("0.5"), kind="money"),
            Outcome("big", Text("big base", "基数大"), Input("base") > Const(100), kind="flag"),
        ],
        (BASE,),
        vetoes=[
            Veto("many", Text("many done", "多"), Input("a_done") > Const(1000)),
            Veto("never", Text("never", "无"), Input("b_due") > Const(10**9)),
        ],
    )


class TestRowsRescoredExactly:
    """What a row re-scored on the exact path publishes: every figure of the exact path."""

    def test_a_rescored_row_publishes_its_vetoes_and_outcomes_without_values(self) -> None:
        # row 0: a = 25 × 2010/50000 = 1.005, near a tie in floats: re-scored; 2010 done
        # fires "many": total 0. No base: no bonus, the flag "big" has no value.
        # row 1: 100 points, base 300: bonus 150, big
        # row 2: 2000 of 2000 done fires "many" alone, near no tie: not re-scored
        rows = [
            row((2010, 50000), (7, 7), (7, 7), (7, 7)),
            row((1, 1), (1, 1), (1, 1), (1, 1)),
            row((2000, 2000), (1, 1), (1, 1), (1, 1)),
        ]
        columns = {k: [r[k] for r in rows] for k in rows[0]}
        columns["base"] = [None, 300, 300]
        batch, flags_missing = score_columns_detail(rescored_scheme(), columns)
        assert batch.exact_rows == 1
        assert batch.total.tolist() == [0.0, 100.0, 0.0]
        assert batch.vetoed.tolist() == [True, False, True]
        assert batch.veto_fired["many"].tolist() == [True, False, True]
        assert batch.veto_fired["never"].tolist() == [False, False, False]
        assert batch.components["a"].tolist() == [1.01, 25.0, 25.0]
        bonus = batch.outcomes["bonus"].tolist()
        assert np.isnan(bonus[0])
        assert bonus[1:] == [150.0, 150.0]
        assert batch.outcomes["big"].tolist() == [False, True, True]
        assert flags_missing["big"].tolist() == [True, False, False]


class TestProblemValues:
    def test_a_bad_number_is_named_as_a_plain_number(self) -> None:
        given: dict[str, Any] = {k: [v] * 2 for k, v in row((1, 2), (1, 2), (1, 2), (1, 2)).items()}
        given["a_done"] = np.array([3, -1])
        given["entity_id"] = ["E-1", "E-7"]
        with pytest.raises(InvalidInputError) as caught:
            shares().score_batch(given)
        # 3 of 2 breaks the share's constraint; -1 is no count
        assert [str(p) for p in caught.value.problems] == [
            "record E-1 (row 1): field 'a_done' = 3: must not exceed a_due (2)",
            "record E-7 (row 2): field 'a_done' = -1: must be within [0, ∞)",
        ]


@attrs.frozen
class Behind(Rule):
    """Full points, with the status ``behind`` when the flag *metric* is set (a plugin might)."""

    kind: ClassVar[str] = "test_behind"
    metric: str

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        state = "behind" if ctx.value(self.metric) else "ahead"
        return Scored(weight, Text("full", "满分"), status=state)

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        behind = np.asarray(ctx.column(self.metric), dtype=bool)
        states = np.where(behind, "behind", "ahead").astype(object)
        return BatchScored(np.full(len(states), float(weight)), status=states)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("full", "满分")

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return weight, weight

    def statuses(self) -> tuple[str, ...]:
        return ("behind", "ahead")


@attrs.frozen(eq=False)
class ListedWhen(Expr):
    """``["listed"]`` where the flag input *name* is set, else no value (a node of one's own)."""

    name: str

    def exact(self, env: ExactEnv) -> Any:
        return ["listed"] if env.input(self.name) else None

    def batch(self, env: BatchEnv) -> BatchValue:
        given = np.asarray(env.input(self.name).data, dtype=bool)
        lists = np.empty(env.size, dtype=object)
        lists[:] = [["listed"]] * env.size  # one list shared by every row
        return BatchValue(lists, missing=~given)

    def words(self) -> str:
        return f"listed when {self.name}"

    def inputs(self) -> frozenset[str]:
        return frozenset({self.name})


@attrs.frozen(eq=False)
class TruthAsNumber(Expr):
    """The flag input *name*, given on the batch path as 1.0 / 0.0 (a node of one's own)."""

    name: str

    def exact(self, env: ExactEnv) -> ExactValue:
        return bool(env.input(self.name))

    def batch(self, env: BatchEnv) -> BatchValue:
        return BatchValue(np.asarray(env.input(self.name).data, dtype=float))

    def words(self) -> str:
        return f"{self.name} as a number"

    def inputs(self) -> frozenset[str]:
        return frozenset({self.name})


def behind_scheme(outcomes: list[Outcome], more: tuple[Metric, ...] = ()) -> Scheme:
    return Scheme(
        id="test.behind",
        version="1",
        title=Text("behind", "落后"),
        period=PeriodKind.MONTHLY,
        metrics=[
            Metric("late", MetricKind.FLAG, Text("late", "落后")),
            Metric("ok", MetricKind.FLAG, Text("ok", "好")),
            *more,
        ],
        components=[
            Component("first", Text("first", "一"), 50, Behind("late")),
            Component("second", Text("second", "二"), 50, Boolean("ok")),
        ],
        outcomes=outcomes,
    )


class TestChunks:
    """A batch scored two rows at a time gives what it gives at once."""

    def test_statuses_of_every_chunk_are_kept(self) -> None:
        scheme = behind_scheme([])
        given = {"late": [True, False, True], "ok": [True, True, False]}
        for rows in (2, 3):
            batch = score_columns(scheme, given, chunk_rows=rows)
            assert batch.component_status["first"].tolist() == ["behind", "ahead", "behind"]
            assert batch.component_status["second"].tolist() == [None, None, None]
            assert batch.total.tolist() == [100.0, 100.0, 50.0]

    def test_a_row_near_a_tie_in_a_later_chunk_is_rescored_in_place(self) -> None:
        # row 1 (the second chunk of one row): 25 × 201/5000 = 1.005 → 1.01, 1.00 in floats
        rows = [
            row((1, 1), (1, 1), (1, 1), (1, 1)),
            row((201, 5000), (7, 7), (7, 7), (2, 2)),
            row((1, 2), (1, 1), (1, 1), (1, 1)),
        ]
        given = {k: [r[k] for r in rows] for k in rows[0]}
        batch = score_columns(float_shares_with([]), given, chunk_rows=1)
        assert batch.components["a"].tolist() == [25.0, 1.01, 12.5]
        assert batch.total.tolist() == [100.0, 76.01, 87.5]
        assert batch.exact_rows == 1


class TestListOutcomes:
    def test_rows_without_a_list_publish_none_and_the_others_a_list_each(self) -> None:
        scheme = behind_scheme(
            [Outcome("listed", Text("listed", "列"), ListedWhen("ok"), kind="list")]
        )
        batch = scheme.score_batch({"late": [False, False, False], "ok": [True, False, True]})
        listed = batch.outcomes["listed"].tolist()
        assert listed == [["listed"], None, ["listed"]]
        assert listed[0] is not listed[2]  # a list of its own per row
        every = scheme.score_batch({"late": [False, False], "ok": [True, True]})
        shown = every.outcomes["listed"].tolist()
        assert shown == [["listed"], ["listed"]]
        assert shown[0] is not shown[1]
        assert scheme.score({"late": False, "ok": False}).outcome["listed"] is None


class TestFlagOutcomes:
    def test_a_flag_given_as_numbers_is_published_as_flags(self) -> None:
        scheme = behind_scheme(
            [Outcome("okay", Text("ok", "好"), TruthAsNumber("ok"), kind="flag")]
        )
        batch = scheme.score_batch({"late": [False, False], "ok": [True, False]})
        assert batch.outcomes["okay"].tolist() == [True, False]
        assert batch.outcomes["okay"].dtype == bool


class TestEntityProblems:
    def test_an_entity_id_with_a_control_character_is_refused_on_its_row(self) -> None:
        given = {
            "late": [False] * 4,
            "ok": [True, True, "maybe", True],
            "entity_id": ["E-1", "E\x01x", "E-3", None],  # no entity id: nothing to check
        }
        with pytest.raises(InvalidInputError) as caught:
            behind_scheme([]).score_batch(given)
        assert [str(p) for p in caught.value.problems] == [
            "record E\\x01x (row 2): field 'entity_id' = 'E\\x01x': must not contain control "
            "characters (such as NUL, ESC, a line break or a direction override)",
            "record E-3 (row 3): field 'ok' = 'maybe': must be true or false",
        ]

    def test_a_bad_entity_id_is_refused_when_every_column_is_typed(self) -> None:
        given = {
            "late": np.array([False, False]),
            "ok": np.array([True, True]),
            "entity_id": np.array(["E-1", "E\x1bx"], dtype=object),
        }
        with pytest.raises(InvalidInputError) as caught:
            behind_scheme([]).score_batch(given)
        assert [p.field for p in caught.value.problems] == ["entity_id"]
        given["entity_id"] = np.array([7, "E\x1bx"], dtype=object)  # a number among the texts
        with pytest.raises(InvalidInputError) as caught:
            behind_scheme([]).score_batch(given)
        assert [p.field for p in caught.value.problems] == ["entity_id"]


class TestValuesNoFloatHolds:
    def test_a_row_whose_value_no_float_holds_is_scored_exactly(self) -> None:
        # 1.00000000000000001 is no float64 (it reads as 1.0): that row is re-scored on the
        # exact path; 2.5 is a float. Points 1.00 and 2.50, totals 91.00 and 92.50
        y = Metric("x", MetricKind.NUMBER, Text("x", "x"))
        scheme = one_rule_scheme(AsGiven(), [y])
        batch = scheme.score_batch({"x": ["1.00000000000000001", "2.5"], "filler_ok": [True, True]})
        assert batch.components["c"].tolist() == [1.0, 2.5]
        assert batch.total.tolist() == [91.0, 92.5]
        assert batch.exact_rows == 1


@attrs.frozen
class FloatGiven(Rule):
    """The input *metric* as points, in floats only, unsure from 3 up (as a plugin might be)."""

    kind: ClassVar[str] = "test_float_given"
    metric: str = "x"

    def inputs(self) -> tuple[str, ...]:
        return (self.metric,)

    def score(self, ctx: RuleContext, weight: Fraction) -> Scored:
        return Scored(ctx.fraction(self.metric), Text("as given", "照给"))

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        points = ctx.column(self.metric)
        return BatchScored(points, doubt=points >= 3)

    def describe(self, weight: Fraction, labels: Mapping[str, Text]) -> Text:
        return Text("as given", "照给")

    def bounds(self, weight: Fraction) -> tuple[Fraction, Fraction]:
        return Fraction(0), weight


def test_rows_in_doubt_from_an_input_or_a_rule_are_scored_exactly() -> None:
    # in floats: row 0 has an input no float holds, row 2 the rule's doubt; row 1 neither
    y = Metric("x", MetricKind.NUMBER, Text("x", "x"))
    scheme = one_rule_scheme(FloatGiven(), [y])
    batch = scheme.score_batch(
        {"x": ["1.00000000000000001", "2.5", "3.2"], "filler_ok": [True] * 3}
    )
    assert batch.components["c"].tolist() == [1.0, 2.5, 3.2]
    assert batch.total.tolist() == [91.0, 92.5, 93.2]
    assert batch.exact_rows == 2


@attrs.frozen
class AtMostCap(Constraint):
    """``field <= cap`` (a parameter); a constraint of one's own, as a plugin might bring."""

    field: str
    cap: str

    def fields(self) -> tuple[str, ...]:
        return (self.field,)

    def check(self, values: Mapping[str, Any]) -> Problem | None:
        value = values.get(self.field)
        if isinstance(value, Fraction) and value > 5:
            return Problem(self.field, value, f"must not exceed {self.cap} (5)")
        return None

    def violations(self, ctx: BatchRuleContext) -> Any:
        # "not within the cap": a missing value is a candidate, which check() clears
        return ~(ctx.column(self.field) <= float(ctx.params[self.cap]))

    def words(self) -> str:
        return f"{self.field} <= {self.cap}"


def test_a_constraint_of_ones_own_reading_a_parameter() -> None:
    # row 1: "abc" is refused (its constraint not checked); row 2: no value; row 3: 7 > 5
    extra = Metric("y", MetricKind.NUMBER, Text("y", "y"), required=False)
    cap = Parameter("cap", Text("cap", "上限"), 5, kind=MetricKind.NUMBER)
    scheme = one_rule_scheme(
        AsGiven(), [X, extra], parameters=[cap], constraints=[AtMostCap("y", "cap")]
    )
    given = {"x": [1, 1, 1, 1], "y": ["abc", None, "7", "4"], "filler_ok": [True] * 4}
    with pytest.raises(InvalidInputError) as caught:
        scheme.score_batch(given)
    assert [str(p) for p in caught.value.problems] == [
        "row 1: field 'y' = 'abc': must be a number",
        "row 3: field 'y' = 7: must not exceed cap (5)",
    ]


class TestRequiredInputs:
    def test_a_required_float_column_with_a_gap_is_refused(self) -> None:
        given = {"x": np.array([1.5, np.nan]), "filler_ok": np.array([True, True])}
        with pytest.raises(InvalidInputError) as caught:
            one_rule_scheme(AsGiven(), [X]).score_batch(given)
        assert [str(p) for p in caught.value.problems] == [
            "row 2: field 'x' = missing: is required"
        ]

    def test_a_required_input_without_a_column_is_one_problem_of_the_batch(self) -> None:
        given = {k: [v] for k, v in row((1, 2), (1, 2), (1, 2), (1, 2)).items()}
        del given["b_due"]
        with pytest.raises(InvalidInputError) as caught:
            shares().score_batch(given)
        assert [str(p) for p in caught.value.problems] == [
            "record: field 'b_due' = missing: is required (no such column)"
        ]

    def test_a_constraint_is_checked_after_a_row_whose_value_is_refused(self) -> None:
        # row 1: 2.5 is no count (refused, its constraint not checked); row 2: 3 of 2 due
        given = {k: [v] * 3 for k, v in row((1, 2), (1, 2), (1, 2), (1, 2)).items()}
        given["a_done"] = [2.5, 3, 1]
        with pytest.raises(InvalidInputError) as caught:
            shares().score_batch(given)
        assert [str(p) for p in caught.value.problems] == [
            "row 1: field 'a_done' = 2.5: must be a whole number >= 0",
            "row 2: field 'a_done' = 3: must not exceed a_due (2)",
        ]

    def test_a_scheme_without_bands_gives_no_band(self) -> None:
        batch = shares_batch(shares(), row((1, 2), (1, 2), (1, 2), (1, 2)))
        assert batch.band.tolist() == [None]
        assert batch.band_index.tolist() == [-1]


class TestManyTexts:
    def test_a_text_outcome_with_257_texts(self) -> None:
        # 257 distinct months: more texts than one-byte codes can tell apart
        months = [f"{2000 + m // 12}-{m % 12 + 1:02d}" for m in range(257)]
        paid = Outcome("paid_in", Text("paid in", "发放月"), NextPeriod(), kind="text")
        given = {"late": [False] * 257, "ok": [True] * 257, "period": months}
        got = behind_scheme([paid]).score_batch(given).outcomes["paid_in"].tolist()
        assert got == [*months[1:], "2021-06"]


class TestPeriodProblems:
    def test_a_bad_period_held_as_a_numpy_number_is_named_as_a_plain_number(self) -> None:
        # an object column (numbers and texts mixed) whose numbers are numpy integers
        periods = np.array([np.int64(202613), "2026-08", np.int64(202613)], dtype=object)
        given = {"late": [False] * 3, "ok": [True] * 3, "period": periods}
        with pytest.raises(InvalidInputError) as caught:
            behind_scheme([]).score_batch(given)
        assert [str(p) for p in caught.value.problems] == [
            "row 1: field 'period' = 202613: this scheme is monthly: give YYYY-MM",
            "row 3: field 'period' = 202613: this scheme is monthly: give YYYY-MM",
        ]


@attrs.frozen
class AsGiven(FloatGiven):
    """The input *metric* itself as points, with an exact form (a plugin might)."""

    kind: ClassVar[str] = "test_as_given"

    def score_batch(self, ctx: BatchRuleContext, weight: Fraction) -> BatchScored:
        given = ctx.decimal(self.metric)
        assert given is not None
        exact = Rationals.of(given.units, 10**given.places, given.bound)
        return BatchScored(ctx.column(self.metric), exact=exact)


X = Metric("x", MetricKind.NUMBER, Text("x", "x"), max_decimals=4)


def given_batch(scheme: Scheme, xs: list[str]) -> Any:
    return scheme.score_batch({"x": [float(x) for x in xs], "filler_ok": [True] * len(xs)})


def test_fractional_weights_rescaled() -> None:
    # weights 12.5, 37.5, 25, 25; c not applicable: × 100/75 = 4/3
    # a 12.5 × 1/3 × 4/3 = 50/9 → 5.56; b 37.5 × 1/7 × 4/3 = 50/7 → 7.14;
    # d 25 × 1/2 × 4/3 = 50/3 → 16.67; total 50/9 + 50/7 + 50/3 = 1850/63 → 29.37
    scheme = shares(weights=(Decimal("12.5"), Decimal("37.5"), 25, 25))  # type: ignore[arg-type]
    batch = shares_batch(scheme, row((1, 3), (1, 7), (0, 0), (1, 2)))
    assert batch.total.tolist() == [29.37]
    assert [batch.components[c].tolist() for c in "abd"] == [[5.56], [7.14], [16.67]]
    assert batch.exact_rows == 0


def test_fractional_weights_rescaled_in_a_certified_sum() -> None:
    # dues of a million on row 1: the sums are certified. Row 0: a alone applies, 12.5 of
    # 100 points: × 8; 12.5 × 999950/1000000 × 8 = 99.995, a tie decided exactly → 100.00
    scheme = shares(weights=(Decimal("12.5"), Decimal("37.5"), 25, 25))  # type: ignore[arg-type]
    batch = shares_batch(
        scheme,
        row((999950, 1000000), (0, 0), (0, 0), (0, 0)),
        row((1, 999999), (1, 999999), (1, 999999), (1, 999999)),
    )
    # row 1: 100/999999 → 0.00
    assert batch.total.tolist() == [100.0, 0.0]
    assert batch.components["a"].tolist() == [100.0, 0.0]
    assert batch.exact_rows == 0


def banded_at(end: str) -> Scheme:
    bands = BandTable(
        (
            Band("high", Text("high", "高"), Interval.at_least(Decimal(end))),
            Band("low", Text("low", "低"), Interval.below(Decimal(end))),
        )
    )
    return one_rule_scheme(AsGiven(), [X], bands=bands)


class TestBandTablesWithGaps:
    def test_one_band_for_every_total(self) -> None:
        scheme = one_rule_scheme(
            AsGiven(), [X], bands=BandTable((Band("all", Text("all", "全"), Interval(None, None)),))
        )
        assert given_batch(scheme, ["0", "10"]).band.tolist() == ["all", "all"]

    def test_totals_in_no_band(self) -> None:
        # one band, "pass" from 95: totals 90 and 94.99 are in none
        bands = BandTable((Band("pass", Text("pass", "过"), Interval.at_least(95)),))
        scheme = one_rule_scheme(AsGiven(), [X], bands=bands)
        batch = given_batch(scheme, ["0", "4.99", "5", "10"])
        assert batch.band.tolist() == [None, None, "pass", "pass"]
        assert batch.band_index.tolist() == [-1, -1, 0, 0]


class TestBandEndsBetweenHundredths:
    """A band end between two hundredths: no published total equals it."""

    def test_an_end_a_hair_above_a_hundredth(self) -> None:
        # 99.99 + 10**-20 is 99.99 as a float; the total 99.99 lies below it
        scheme = banded_at("99.99000000000000000001")
        batch = given_batch(scheme, ["9.99", "10"])
        assert batch.band.tolist() == ["low", "high"]

    def test_an_end_at_a_half_hundredth(self) -> None:
        # totals 90 + x: 99.99 is below 99.995, 100.00 above
        batch = given_batch(banded_at("99.995"), ["9.99", "10", "9.98", "9.9949"])
        assert batch.total.tolist() == [99.99, 100.0, 99.98, 99.99]
        assert batch.band.tolist() == ["low", "high", "low", "low"]

    def test_an_end_just_past_a_half_hundredth(self) -> None:
        scheme = banded_at("99.9951")
        batch = given_batch(scheme, ["9.99", "10", "9.9951"])
        assert batch.total.tolist() == [99.99, 100.0, 100.0]
        assert batch.band.tolist() == ["low", "high", "high"]
        band = scheme.score(record(x="9.9951")).band
        assert band is not None
        assert band.id == "high"


def shares_with_bands() -> Scheme:
    """The four shares (rescaled), bands at 50, and outcomes reading the total and each other."""
    scheme = shares()
    bands = BandTable(
        (
            Band("high", Text("high", "高"), Interval.at_least(50)),
            Band("low", Text("low", "低"), Interval.below(50)),
        )
    )
    outcomes = [
        Outcome("at_60", Text("60 or more", "60以上"), Total() >= Const(60), kind="flag"),
        Outcome("half", Text("half", "半"), Total() * Const("0.5"), kind="money"),
        Outcome("half_30", Text("half 30+", "半30"), OutcomeRef("half") >= Const(30), kind="flag"),
        Outcome("again", Text("again", "再"), OutcomeRef("at_60"), kind="flag"),
        Outcome("factor", Text("factor", "系数"), BandLookup({"high": 1, "low": "0.5"})),
        Outcome(
            "which", Text("which", "哪"), Where(Total() >= Const(50), "pass", "fail"), kind="text"
        ),
    ]
    return Scheme(
        id="test.shares-banded",
        version="1",
        title=Text("shares, banded", "比例"),
        period=PeriodKind.MONTHLY,
        metrics=list(scheme.metrics),
        components=list(scheme.components),
        bands=bands,
        outcomes=outcomes,
    )


class TestWhenNothingApplies:
    """Row 0 totals 25 + 25 + 10 + 0 = 60.00; nothing applies to row 1: no total, no band."""

    def test_the_outcomes_reading_the_total_have_no_value(self) -> None:
        rows = [row((1, 1), (1, 1), (2, 5), (0, 5)), row((0, 0), (0, 0), (0, 0), (0, 0))]
        columns = {k: [r[k] for r in rows] for k in rows[0]}
        batch, flags_missing = score_columns_detail(shares_with_bands(), columns)
        assert batch.total.tolist()[0] == 60.0
        assert np.isnan(batch.total[1])
        assert batch.band.tolist() == ["high", None]
        assert batch.band_index.tolist() == [0, -1]
        outcomes = {k: batch.outcomes[k].tolist() for k in ("at_60", "half_30", "again", "which")}
        assert outcomes == {
            "at_60": [True, False],
            "half_30": [True, False],
            "again": [True, False],
            "which": ["pass", "fail"],  # a condition without a value is not met
        }
        assert {k: v.tolist() for k, v in flags_missing.items()} == {
            "at_60": [False, True],
            "half_30": [False, True],
            "again": [False, True],
        }
        assert batch.outcomes["half"][0] == 30.0
        assert np.isnan(batch.outcomes["half"][1])
        assert batch.outcomes["factor"][0] == 1.0
        assert np.isnan(batch.outcomes["factor"][1])
        # 60.00 >= 60 and 30.00 >= 30 are decided on the published values: no row re-scored
        assert batch.exact_rows == 0


def test_a_large_amount_times_the_total_is_still_exact() -> None:
    # totals 90 + x over tenths; 99.50 × 0.01 = 0.995 → 1.00 (a tie, decided on the
    # decimals); 100.00 × 1,000,000,000 = 100,000,000,000.00
    amount = Metric("s", MetricKind.MONEY, Text("amount", "金额"))
    pay = Outcome("pay", Text("pay", "钱"), Total() * Input("s"), kind="money")
    scheme = one_rule_scheme(AsGiven(), [X, amount], outcomes=[pay])
    batch = scheme.score_batch({"x": [9.5, 10.0], "s": [0.01, 1e9], "filler_ok": [True, True]})
    assert batch.total.tolist() == [99.5, 100.0]
    assert batch.outcomes["pay"].tolist() == [1.0, 1e11]
    assert batch.exact_rows == 0
    # 99.99 × 999,999,999,999.99 = 99,989,999,999,999.0001: past exact float sums, yet exact
    batch = scheme.score_batch({"x": [9.99], "s": [999999999999.99], "filler_ok": [True]})
    assert batch.outcomes["pay"].tolist() == [99989999999999.0]


class TestOutcomesInFloats:
    """A quotient has no exact decimal form: computed in floats, rows near a tie re-scored."""

    def test_rows_near_a_tie_of_any_outcome_are_rescored_and_only_those(self) -> None:
        outcomes = [
            Outcome("third", Text("a third", "三分之一"), Input("x") / Const(3), kind="money"),
            Outcome("seventh", Text("a seventh", "七分之一"), Input("x") / Const(7), kind="money"),
        ]
        scheme = one_rule_scheme(AsGiven(), [X], outcomes=outcomes)
        # 0.045 / 3 = 0.015 → 0.02 (a tie); 0.035 / 7 = 0.005 → 0.01 (a tie); 3: neither
        batch = given_batch(scheme, ["0.045", "0.035", "3"])
        assert batch.outcomes["third"].tolist() == [0.02, 0.01, 1.0]
        assert batch.outcomes["seventh"].tolist() == [0.01, 0.01, 0.43]
        assert batch.exact_rows == 2

    def test_number_outcomes_keep_their_places(self) -> None:
        outcomes = [
            Outcome("same", Text("same", "同"), Input("x") * Const(1), kind="number", places=3),
            Outcome("pay", Text("pay", "钱"), Input("x") * Const(1), kind="money"),
        ]
        scheme = one_rule_scheme(AsGiven(), [X], outcomes=outcomes)
        # 1.2345 → 1.235 at 3 places, 1.23 as money
        batch = given_batch(scheme, ["1.2345", "2"])
        assert batch.outcomes["same"].tolist() == [1.235, 2.0]
        assert batch.outcomes["pay"].tolist() == [1.23, 2.0]
        assert batch.exact_rows == 0


class TestFlagComparisons:
    def test_flags_compared_with_flags_need_no_row_rescored(self) -> None:
        # flags hold no float noise: "vetoed = late" and "late (an outcome) = ok" are decided
        # on the batch path
        outcomes = [
            Outcome(
                "as_late", Text("as late", "同"), Compare("==", Vetoed(), Input("ok")), kind="flag"
            ),
            Outcome("late_too", Text("late", "迟"), Input("late"), kind="flag"),
            Outcome(
                "late_ok",
                Text("late ok", "迟好"),
                Compare("==", OutcomeRef("late_too"), Input("ok")),
                kind="flag",
            ),
        ]
        veto = Veto("late", Text("late", "迟"), Input("late"))
        scheme = attrs.evolve(behind_scheme(outcomes), vetoes=(veto,))
        batch = scheme.score_batch(
            {"late": np.array([True, False, True]), "ok": np.array([True, True, False])}
        )
        assert batch.vetoed.tolist() == [True, False, True]
        assert batch.outcomes["as_late"].tolist() == [True, False, False]
        assert batch.outcomes["late_ok"].tolist() == [True, False, False]
        assert batch.exact_rows == 0


class TestVetoConditions:
    def test_a_veto_given_as_numbers_fires_as_a_flag(self) -> None:
        veto = Veto("late", Text("late", "迟"), TruthAsNumber("late"))
        scheme = attrs.evolve(behind_scheme([]), vetoes=(veto,))
        batch = scheme.score_batch({"late": [True, False], "ok": [True, True]})
        assert batch.vetoed.tolist() == [True, False]
        assert batch.total.tolist() == [0.0, 100.0]
