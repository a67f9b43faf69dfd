"""Chinese words for what ``assesskit show`` and ``explain`` write out: formulas,
constraints between fields, stage comparisons, roll-ups and outcome values.

Each expression node and each constraint writes its own Chinese words
(``words_zh``, next to its English ``words()``), so that ``--lang zh``
output holds no English word but the ids a user types (metric, parameter and
column ids). A node or constraint from a plugin without Chinese words of its
own is written by its ``words()``.
"""

from __future__ import annotations

from collections.abc import Mapping

from assesskit._forms import owns_form
from assesskit.constraints import Constraint
from assesskit.expressions.node import Node, words_zh_of
from assesskit.hierarchy import Rollup
from assesskit.stages import StageComparison
from assesskit.text import Text

__all__ = [
    "ZhWriter",
    "comparison_zh",
    "constraint_zh",
    "expr_zh",
    "rollup_zh",
]


class ZhWriter:
    """Writes expressions in Chinese words, naming text values and band ids by their labels
    (:class:`~assesskit.expressions.node.ZhWords`)."""

    def __init__(self, values: Mapping[str, Text], bands: Mapping[str, Text]):
        self.values = values
        self.bands = bands

    def of(self, expr: Node) -> str:
        """*expr* in Chinese words."""
        return words_zh_of(expr, self)

    def operand(self, expr: Node) -> str:
        """*expr* in Chinese words, in parentheses when compound."""
        text = self.of(expr)
        return f"({text})" if expr.compound else text

    def value(self, value: str) -> str:
        """A text value by its Chinese label."""
        return self.values[value].zh if value in self.values else value

    def band(self, band_id: str) -> str:
        """A band by its Chinese label."""
        return self.bands[band_id].zh if band_id in self.bands else band_id


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
    return ZhWriter(values or {}, bands or {}).of(expr)


def constraint_zh(constraint: Constraint) -> str:
    """A constraint between fields in Chinese words: its ``words_zh``, or its English words
    when a subclass rewrote them below the class that wrote the Chinese ones."""
    if owns_form(constraint, "words_zh", ("words",)):
        return constraint.words_zh()
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
