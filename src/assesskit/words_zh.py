"""Chinese words for what ``assesskit show`` and ``explain`` write out: formulas,
constraints between fields, stage comparisons, roll-ups and outcome values.

The English forms are the nodes' own ``words()``; these are their Chinese
counterparts, so that ``--lang zh`` output holds no English word but the
ids a user types (metric, parameter and column ids). A node this module does
not know (a plugin's own) is written by its ``words()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from assesskit._exact import format_number
from assesskit.constraints import AtLeastOneGiven, Constraint, NotAbove, WithinPerIncident
from assesskit.expressions.algebra import Arith, Compare, Const, Logic, Not
from assesskit.expressions.choices import Max, Min, Where
from assesskit.expressions.leaves import (
    BandIs,
    BandLookup,
    ComponentsWithStatus,
    NextPeriod,
    NoneWithStatus,
    NoValue,
    Present,
    StatusIs,
    Total,
    Vetoed,
)
from assesskit.expressions.node import Node
from assesskit.hierarchy import Rollup
from assesskit.stages import StageComparison
from assesskit.text import Text

__all__ = [
    "comparison_zh",
    "constraint_zh",
    "expr_zh",
    "rollup_zh",
]

_STATUS = {"behind": "未达标"}
_LOGIC = {"and": "且", "or": "或"}


class _Words:
    """Writes one expression, naming band ids and text values by their labels."""

    def __init__(self, values: Mapping[str, Text], bands: Mapping[str, Text]):
        self.values = values
        self.bands = bands

    def paren(self, expr: Node) -> str:
        text = self.words(expr)
        return f"({text})" if expr.compound else text

    def band(self, band_id: str) -> str:
        return self.bands[band_id].zh if band_id in self.bands else band_id

    def words(self, expr: Node) -> str:
        if isinstance(expr, Const):
            value = expr.value
            if isinstance(value, bool):
                return "是" if value else "否"
            if isinstance(value, str):
                return f"“{self.values[value].zh if value in self.values else value}”"
            return format_number(value, 6)
        if isinstance(expr, Total):
            return "总分"
        if isinstance(expr, Vetoed):
            return "一票否决"
        if isinstance(expr, NoValue):
            return "空"
        if isinstance(expr, NextPeriod):
            return "下一考核期"
        if isinstance(expr, Present):
            return f"{expr.name} 已填写"
        if isinstance(expr, BandIs):
            return f"档次为{self.band(expr.band_id)}"
        if isinstance(expr, StatusIs):
            return f"{expr.component_id} {_STATUS.get(expr.status, expr.status)}"
        if isinstance(expr, ComponentsWithStatus):
            return f"{_STATUS.get(expr.status, expr.status)}的考核项"
        if isinstance(expr, NoneWithStatus):
            return f"没有{_STATUS.get(expr.status, expr.status)}的考核项"
        if isinstance(expr, BandLookup):
            shown = ",".join(
                f"{self.band(k)} → {format_number(v) if isinstance(v, Fraction) else v}"
                for k, v in expr.values
            )
            return f"按档次:{shown}"
        if isinstance(expr, Arith):
            return f"{self.paren(expr.left)} {expr.op.replace('*', '×')} {self.paren(expr.right)}"
        if isinstance(expr, Compare):
            return f"{self.paren(expr.left)} {expr.op} {self.paren(expr.right)}"
        if isinstance(expr, Logic):
            return f" {_LOGIC.get(expr.op, expr.op)} ".join(self.paren(p) for p in expr.parts)
        if isinstance(expr, Not):
            return f"并非 {self.paren(expr.part)}"
        if isinstance(expr, Where):
            then, otherwise = self.words(expr.then), self.words(expr.otherwise)
            return f"{self.words(expr.condition)} 时为 {then},否则为 {otherwise}"
        if isinstance(expr, Max | Min):
            name = "较大值" if isinstance(expr, Max) else "较小值"
            return f"{name}({self.words(expr.left)}, {self.words(expr.right)})"
        return expr.words()


def expr_zh(
    expr: Node,
    values: Mapping[str, Text] | None = None,
    bands: Mapping[str, Text] | None = None,
) -> str:
    """*expr* in Chinese words: ``total`` is 总分, ``max(a, b)`` 较大值(a, b), a text
    value and a band id by their labels (*values*, *bands*) when given.

    >>> from assesskit.expressions import Where, Vetoed
    >>> expr_zh(Where(Vetoed(), "withheld", "payable"), {"withheld": Text("w", "暂停发放")})
    '一票否决 时为 “暂停发放”,否则为 “payable”'
    """
    return _Words(values or {}, bands or {}).words(expr)


def constraint_zh(constraint: Constraint) -> str:
    """A constraint between fields in Chinese words."""
    from assesskit.targets.rule import TargetInputsGiven

    if isinstance(constraint, NotAbove):
        return f"{constraint.field} <= {constraint.limit}"
    if isinstance(constraint, WithinPerIncident):
        return constraint.words()
    if isinstance(constraint, AtLeastOneGiven):
        return f"{'、'.join(constraint.names)} 至少填写一项"
    if isinstance(constraint, TargetInputsGiven):
        target = constraint.target
        if target.required_input is not None:
            return f"{target.required_input} 与 {target.input} 须同时填写"
        label = target.label.zh if target.label is not None else target.input
        return f"目标“{label}”到期的年度({target.year_field})须填写 {target.input}"
    return constraint.words()


def comparison_zh(comparison: StageComparison, stages: Mapping[str, Text]) -> str:
    """A comparison of two stages' totals in Chinese words (stages by their labels)."""

    def stage(stage_id: str) -> str:
        return stages[stage_id].zh if stage_id in stages else stage_id

    text = (
        f"{comparison.gap} = {stage(comparison.from_stage)}总分 − {stage(comparison.to_stage)}总分"
    )
    if comparison.flag is not None:
        text += f";{comparison.gap} > {comparison.threshold} 时 {comparison.flag} 为“是”"
    return text


def rollup_zh(rollup: Rollup, stages: Mapping[str, Text]) -> str:
    """A roll-up in Chinese words."""
    how = {
        "sum": "成员总分之和",
        "mean": "成员总分的平均数",
        "weighted_mean": f"以 {rollup.weight} 加权的成员总分平均数(权重全为 0 时取简单平均)",
    }[rollup.method]
    stage = ""
    if rollup.stage:
        stage = f",只计{stages[rollup.stage].zh if rollup.stage in stages else rollup.stage}"
    return f"按 {rollup.parent_field}({rollup.label.zh})和考核期汇总:{how}{stage},四舍五入"
