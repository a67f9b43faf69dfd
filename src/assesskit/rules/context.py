"""What a rule sees: one record (:class:`RuleContext`) or a batch (:class:`BatchRuleContext`).

Also what cross-field constraints (:mod:`assesskit.constraints`) see of a
batch; this module imports neither rules nor constraints, so both can
import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from assesskit._batchmath import BoolArray, FloatArray
from assesskit._exact import ExactNumber, format_number, to_fraction
from assesskit.expressions import BatchValue, Param
from assesskit.metrics import Metric, MetricValue
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit._scaled import Scaled

__all__ = ["BatchRuleContext", "Number", "RuleContext", "number", "number_words"]

#: A rule constant: an exact number or a reference to a scheme parameter.
Number = Fraction | Param


def number(value: ExactNumber | Param) -> Number:
    """Converter for rule constants: exact fractions, parameters kept as references."""
    if isinstance(value, Param):
        return value
    return to_fraction(value)


def number_words(value: Number) -> str:
    """A constant for a description: ``5`` or ``income_target``."""
    return value.name if isinstance(value, Param) else format_number(value, 6)


@attrs.frozen
class RuleContext:
    """What a rule sees of one record: parsed values, metrics and parameters."""

    values: Mapping[str, MetricValue]
    metrics: Mapping[str, Metric]
    params: Mapping[str, Any]

    def value(self, name: str) -> MetricValue:
        """The parsed value of input *name*."""
        return self.values.get(name)

    def fraction(self, name: str) -> Fraction:
        """The value of numeric input *name* (validation guarantees presence)."""
        value = self.values.get(name)
        if not isinstance(value, Fraction):
            raise TypeError(f"input {name!r} is {value!r}, not a number")
        return value

    def number(self, value: Number) -> Fraction:
        """Resolve a rule constant."""
        if isinstance(value, Param):
            return to_fraction(self.params[value.name])
        return value

    def label(self, name: str) -> Text:
        """The label of input *name* (its name when the metric is unknown)."""
        metric = self.metrics.get(name)
        return metric.label if metric is not None else Text(name, name)

    def show(self, name: str, value: MetricValue | None = None) -> str:
        """Format the value of *name* (or *value*) as the metric shows it."""
        shown = self.values.get(name) if value is None else value
        metric = self.metrics.get(name)
        if metric is None:
            return str(shown)
        return metric.format_value(shown)


@attrs.frozen
class BatchRuleContext:
    """What a rule sees of a batch: columns (float64 for numbers) and parameters."""

    columns: Mapping[str, BatchValue]
    params: Mapping[str, Any]
    size: int
    decimals: Mapping[str, Scaled | None] = attrs.field(factory=dict)

    def decimal(self, name: str) -> Scaled | None:
        """Numeric input *name* as exact decimals (whole units of ``10**-places``), if it can be.

        ``None`` when the engine gives no such reading (too many decimals,
        values past the exact range of float64 integers): use the float
        column then.
        """
        return self.decimals.get(name)

    def column(self, name: str) -> FloatArray:
        """The float64 column of numeric input *name* (NaN where missing)."""
        data: FloatArray = self.columns[name].data
        return data

    def raw(self, name: str) -> BatchValue:
        """The column of input *name* with its missing mask."""
        return self.columns[name]

    def missing(self, name: str) -> BoolArray:
        """Rows where *name* is missing."""
        mask = self.columns[name].missing
        return np.zeros(self.size, dtype=bool) if mask is None else mask

    def exact_number(self, value: Number) -> Fraction:
        """Resolve a rule constant exactly."""
        if isinstance(value, Param):
            return to_fraction(self.params[value.name])
        return value

    def number(self, value: Number) -> float:
        """Resolve a rule constant as a float (the nearest to its exact value)."""
        if isinstance(value, Param):
            return float(to_fraction(self.params[value.name]))
        return float(value)
