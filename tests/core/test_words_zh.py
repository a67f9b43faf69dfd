"""Formulas, constraints, stage comparisons and roll-ups in Chinese words (``--lang zh``)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import attrs
import numpy as np
import numpy.typing as npt

from assesskit.constraints import AtLeastOneGiven, Constraint, NotAbove, WithinPerIncident
from assesskit.errors import Problem
from assesskit.expressions import (
    BandIs,
    BandLookup,
    ComponentsWithStatus,
    Const,
    Input,
    Max,
    Min,
    NextPeriod,
    NoneWithStatus,
    NoValue,
    Param,
    Present,
    StatusIs,
    Total,
    Vetoed,
    Where,
)
from assesskit.expressions.env import BatchEnv, BatchValue, ExactEnv, ExactValue
from assesskit.expressions.node import ZhWords
from assesskit.hierarchy import Rollup
from assesskit.metrics import MetricValue
from assesskit.results import value_zh
from assesskit.rules.base import BatchRuleContext
from assesskit.stages import StageComparison
from assesskit.targets import Schedule, Target, TargetInputsGiven
from assesskit.text import Text
from assesskit.words_zh import comparison_zh, constraint_zh, expr_zh, rollup_zh

BANDS = {"full": Text("full", "全额"), "low": Text("low", "六成")}


def test_arithmetic_keeps_ids_and_names_total_and_extremes() -> None:
    pay = Input("standard_salary") * Total() / 100
    assert expr_zh(pay) == "(standard_salary × 总分) / 100"
    bonus = Fraction(3, 100) * Max(0, Input("income") - Param("target"))
    assert expr_zh(bonus) == "0.03 × 较大值(0, income - target)"
    assert expr_zh(Min(Input("a"), 1)) == "较小值(a, 1)"
    # a constant of more than six decimals is shown to six, as in English
    assert expr_zh(Const(Fraction("0.1234567"))) == "≈0.123457"


def test_choices_name_their_values_by_their_words() -> None:
    status = Where(Vetoed(), "withheld", "payable")
    words = {"withheld": Text("withheld", "暂停发放"), "payable": Text("payable", "可发放")}
    assert expr_zh(status, words) == "一票否决 时为 “暂停发放”,否则为 “可发放”"
    assert expr_zh(Where(Vetoed(), NoValue(), NextPeriod())) == "一票否决 时为 空,否则为 下一考核期"
    assert expr_zh(Where(Input("flag"), True, False)) == "flag 时为 是,否则为 否"


def test_conditions() -> None:
    both = (Input("a") > 3) & Present("b")
    assert expr_zh(both) == "a > 3 且 b 已填写"
    assert expr_zh((Input("a") > 3) | ~Present("b")) == "a > 3 或 并非 b 已填写"
    assert expr_zh(BandIs("low"), bands=BANDS) == "档次为六成"
    assert expr_zh(BandIs("other"), bands=BANDS) == "档次为other"
    lookup = BandLookup({"full": 1, "low": Fraction(6, 10)})
    assert expr_zh(lookup, bands=BANDS) == "按档次:全额 → 1,六成 → 0.6"


def test_component_statuses() -> None:
    assert expr_zh(StatusIs("village_clinics", "behind")) == "village_clinics 未达标"
    assert expr_zh(ComponentsWithStatus("behind")) == "未达标的考核项"
    assert expr_zh(NoneWithStatus("behind")) == "没有未达标的考核项"
    # a status without Chinese words of its own is written as it is
    assert expr_zh(StatusIs("c", "met")) == "c met"
    assert expr_zh(ComponentsWithStatus("met")) == "met的考核项"
    assert expr_zh(NoneWithStatus("met")) == "没有met的考核项"


def test_constraints() -> None:
    assert constraint_zh(NotAbove("eligible", "relocated")) == "eligible <= relocated"
    assert constraint_zh(AtLeastOneGiven(("a", "b", "c"))) == "a、b、c 至少填写一项"
    graded = WithinPerIncident("points_taken", "incidents", Fraction(1), Fraction(20))
    assert constraint_zh(graded) == "1 × incidents <= points_taken <= 20 × incidents"


def test_constraints_of_targets() -> None:
    quota = Target("at_most", "cost", required_input="cost_quota", label=Text("cost", "成本"))
    assert constraint_zh(TargetInputsGiven(quota)) == "cost_quota 与 cost 须同时填写"
    built = Target("cumulative", "built", schedule=Schedule({2016: 100}), year_field="year")
    assert constraint_zh(TargetInputsGiven(built)) == "目标“built”到期的年度(year)须填写 built"
    labelled = attrs.evolve(built, label=Text("clinics built", "建成村卫生室"))
    assert constraint_zh(TargetInputsGiven(labelled)) == (
        "目标“建成村卫生室”到期的年度(year)须填写 built"
    )


@attrs.frozen(eq=False)
class Doubled(Input):
    """A plugin's node: twice an input, with English words only."""

    def exact(self, env: ExactEnv) -> ExactValue:
        value = super().exact(env)
        return None if value is None else 2 * value  # type: ignore[operator]

    def batch(self, env: BatchEnv) -> BatchValue:
        value = super().batch(env)
        return BatchValue(value.data * 2, value.missing, value.doubt, value.faithful)

    def words(self) -> str:
        return f"twice {self.name}"


@attrs.frozen(eq=False)
class Halved(Input):
    """A plugin's node with Chinese words of its own."""

    def words(self) -> str:
        return f"half of {self.name}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"{self.name} 的一半"


@attrs.frozen(eq=False)
class GrandTotal(Total):
    """A subclass that renamed the total in English: the Chinese of ``Total`` no longer fits."""

    def words(self) -> str:
        return "grand total"


@attrs.frozen(eq=False)
class Shouted(Const):
    """A subclass that changes what it computes, not its words: both stay its parent's."""

    def exact(self, env: ExactEnv) -> ExactValue:
        value = super().exact(env)
        return value.upper() if isinstance(value, str) else value


def test_a_node_without_chinese_words_is_written_by_its_english_words() -> None:
    assert expr_zh(Doubled("a") + Total()) == "twice a + 总分"
    assert expr_zh(Max(GrandTotal(), Halved("b"))) == "较大值(grand total, b 的一半)"
    assert expr_zh(Where(Vetoed(), Doubled("a"), NoValue())) == "一票否决 时为 twice a,否则为 空"
    assert expr_zh(Shouted("x")) == "“x”"
    assert expr_zh(Shouted(True)) == "是"


@attrs.frozen
class SameSign(Constraint):
    """A plugin's constraint with English words only."""

    def fields(self) -> tuple[str, ...]:
        return ("a", "b")

    def check(self, values: Mapping[str, MetricValue]) -> Problem | None:
        return None

    def violations(self, ctx: BatchRuleContext) -> npt.NDArray[np.bool_]:
        return np.zeros(ctx.size, dtype=bool)

    def words(self) -> str:
        return "a and b have the same sign"


@attrs.frozen
class AtLeastTwoGiven(AtLeastOneGiven):
    """A subclass that rewrote its English words: its parent's Chinese no longer fit."""

    def words(self) -> str:
        return f"at least two of {', '.join(self.names)} are given"


def test_a_constraint_without_chinese_words_is_written_by_its_english_words() -> None:
    assert constraint_zh(SameSign()) == "a and b have the same sign"
    assert constraint_zh(AtLeastTwoGiven(("a", "b", "c"))) == "at least two of a, b, c are given"


def test_a_stage_comparison_names_the_stages_by_their_labels() -> None:
    stages = {"self_check": Text("self-check", "自查"), "prefecture": Text("p", "市(州)考核")}
    gap = StageComparison("self_check", "prefecture", "gap", Text("inflated", "自查虚高"))
    assert comparison_zh(gap, stages) == "gap = 自查总分 − 市(州)考核总分"
    flagged = StageComparison(
        "self_check", "prefecture", "gap", Text("i", "自查虚高"), "inflated", "threshold"
    )
    assert comparison_zh(flagged, stages) == (
        "gap = 自查总分 − 市(州)考核总分;gap > threshold 时 inflated 为“是”"
    )


def test_roll_ups() -> None:
    stages = {"prefecture": Text("p", "市(州)考核")}
    mean = Rollup("prefecture", Text("prefecture", "市(州)汇总"), "weighted_mean", "households")
    assert rollup_zh(mean, stages) == (
        "按 parent_id(市(州)汇总)和考核期汇总:以 households 加权的成员总分平均数"
        "(权重全为 0 时取简单平均),四舍五入"
    )
    staged = Rollup("province", Text("province", "全省汇总"), "sum", stage="prefecture")
    assert (
        rollup_zh(staged, stages)
        == "按 parent_id(全省汇总)和考核期汇总:成员总分之和,只计市(州)考核,四舍五入"
    )


def test_values_for_a_chinese_reader() -> None:
    words = {"discipline": Text("discipline", "劳动纪律得分60分以下")}
    assert value_zh(False) == "否"
    assert value_zh(None) == "—"
    assert value_zh(["discipline", "total"], words) == "劳动纪律得分60分以下、total"
    assert value_zh("2026-10") == "2026-10"
