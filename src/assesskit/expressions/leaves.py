"""Expressions that read one thing of a record: an input, a parameter, the total, the band...

The statuses the components report are read by :mod:`assesskit.expressions.statuses`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from assesskit._batchmath import EXACT_LIMIT
from assesskit._exact import ExactNumber, decimal_places, format_number, to_fraction
from assesskit._scaled import MAX_PLACES, Scaled, scaled_fraction
from assesskit.expressions.algebra import Expr
from assesskit.expressions.env import (
    BatchEnv,
    BatchValue,
    ExactEnv,
    ExactValue,
    ScaledEnv,
    ShowEnv,
    is_none,
)
from assesskit.expressions.node import PeriodCodes, RangeEnv, TextCodes, TypeChecker, ZhWords
from assesskit.expressions.ranges import BOTH, Range, constant_range
from assesskit.expressions.value_types import (
    FLAG,
    NONE,
    NUMBER,
    TEXT,
    UNKNOWN,
    ValueType,
)

#: Totals are published to the hundredth: ``58`` of a history file is written ``58.00``.
_HUNDREDTH = Decimal("0.01")

__all__ = [
    "BandIs",
    "BandLookup",
    "ConditionLeaf",
    "Input",
    "NextPeriod",
    "NoValue",
    "OutcomeRef",
    "Param",
    "Present",
    "Total",
    "Vetoed",
]


class ConditionLeaf(Expr):
    """A leaf that is a flag, either truth value possible: its truth changes only at its edges."""

    def check_type(self, checker: TypeChecker) -> ValueType:
        return FLAG

    def range(self, env: RangeEnv) -> Range:
        return Range(truths=BOTH)

    def exhaustive(self) -> bool:
        return True


@attrs.frozen(eq=False)
class Input(Expr):
    """The value of an input field of the record."""

    name: str

    search_role = "varied"

    def exact(self, env: ExactEnv) -> ExactValue:
        value: ExactValue = env.input(self.name)
        return value

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.input(self.name)

    def words(self) -> str:
        return self.name

    def shown(self, env: ShowEnv) -> str:
        return env.input_text(self.name)

    def inputs(self) -> frozenset[str]:
        return frozenset({self.name})

    def input_name(self) -> str | None:
        return self.name

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        return env.decimal(self.name)

    def check_type(self, checker: TypeChecker) -> ValueType:
        return checker.input_type(self.name)

    def operand(self, vtype: ValueType) -> str:
        return f"{vtype.noun()} {self.name!r}"

    def range(self, env: RangeEnv) -> Range:
        return env.input_range(self.name)

    def exhaustive(self) -> bool:
        return True


@attrs.frozen(eq=False)
class Present(ConditionLeaf):
    """True when the input field was given."""

    name: str

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.input(self.name) is not None

    def batch(self, env: BatchEnv) -> BatchValue:
        col = env.input(self.name)
        missing = col.missing if col.missing is not None else np.zeros(env.size, dtype=bool)
        return BatchValue(~missing, faithful=True)

    def words(self) -> str:
        return f"{self.name} is given"

    def words_zh(self, zh: ZhWords) -> str:
        return f"{self.name} 已填写"

    def shown(self, env: ShowEnv) -> str:
        label = env.input_label(self.name)
        return env.say(f"{label} is given", f"已填写{label}")

    def inputs(self) -> frozenset[str]:
        return frozenset({self.name})


def _numeric(value: Any) -> Fraction | None:
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        return Fraction(value)
    return None


@attrs.frozen(eq=False)
class Param(Expr):
    """The value of a scheme parameter."""

    name: str

    search_role = "fixed"

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.param(self.name)  # type: ignore[no-any-return]

    def batch(self, env: BatchEnv) -> BatchValue:
        value = env.param(self.name)
        if isinstance(value, Fraction):
            return BatchValue(np.asarray(float(value)), faithful=True)
        return BatchValue(np.asarray(value), faithful=True)

    def words(self) -> str:
        return self.name

    def shown(self, env: ShowEnv) -> str:
        return env.param_text(self.name)

    def params(self) -> frozenset[str]:
        return frozenset({self.name})

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        return scaled_fraction(env.param(self.name))

    def check_type(self, checker: TypeChecker) -> ValueType:
        return checker.param_type(self.name)

    def operand(self, vtype: ValueType) -> str:
        return f"parameter {self.name!r} ({vtype.words()})"

    def range(self, env: RangeEnv) -> Range:
        return constant_range(env.param_value(self.name))  # anything when not given

    def exhaustive(self) -> bool:
        return True

    def number_in(self, param: Callable[[str], Any]) -> Fraction | None:
        return _numeric(param(self.name))


@attrs.frozen(eq=False)
class Total(Expr):
    """The published total (rounded to 2 decimals, 0 when vetoed)."""

    sees = frozenset({"total"})
    search_role = "varied"

    def exact(self, env: ExactEnv) -> ExactValue:
        total = env.total()
        return None if total is None else Fraction(total)

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.total()

    def words(self) -> str:
        return "total"

    def words_zh(self, zh: ZhWords) -> str:
        return "总分"

    def shown(self, env: ShowEnv) -> str:
        total = env.total()
        return env.value_text(None if total is None else total.quantize(_HUNDREDTH))

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        return env.scaled_total()

    def check_type(self, checker: TypeChecker) -> ValueType:
        return ValueType("number", "score")

    def operand(self, vtype: ValueType) -> str:
        return self.words()

    def range(self, env: RangeEnv) -> Range:
        return env.total_range()

    def exhaustive(self) -> bool:
        return True


@attrs.frozen(eq=False)
class Vetoed(ConditionLeaf):
    """True when a veto fired."""

    sees = frozenset({"veto"})

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.vetoed()

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.vetoed()

    def words(self) -> str:
        return "a veto fired"

    def words_zh(self, zh: ZhWords) -> str:
        return "一票否决"

    def shown(self, env: ShowEnv) -> str:
        return env.say("a veto fired", "触发一票否决")


@attrs.frozen(eq=False)
class BandIs(ConditionLeaf):
    """True when the published total falls in band *band_id*."""

    band_id: str

    sees = frozenset({"band"})

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.band() == self.band_id

    def batch(self, env: BatchEnv) -> BatchValue:
        bands = env.band()
        return BatchValue(np.asarray(bands.data == self.band_id, dtype=bool), faithful=True)

    def words(self) -> str:
        return f"band is {self.band_id}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"档次为{zh.band(self.band_id)}"

    def shown(self, env: ShowEnv) -> str:
        band = env.band_text(self.band_id)
        return env.say(f"band is {band}", f"档次为{band}")

    def named_bands(self) -> tuple[str, ...]:
        return (self.band_id,)


def _lookup_value(value: ExactNumber | str) -> Fraction | str:
    if isinstance(value, str):
        try:
            return to_fraction(value)
        except ValueError:
            return value
    return to_fraction(value)


def _shown_value(value: Fraction | str) -> str:
    return format_number(value) if isinstance(value, Fraction) else value


def _lookup_converter(
    mapping: Mapping[str, ExactNumber | str],
) -> tuple[tuple[str, Fraction | str], ...]:
    return tuple((k, _lookup_value(v)) for k, v in mapping.items())


@attrs.frozen(eq=False)
class BandLookup(Expr):
    """A value per band of the published total: ``{"full": 1, "reduced": 0.8}``.

    Missing (``None``) when the record has no band.
    """

    values: tuple[tuple[str, Fraction | str], ...] = attrs.field(converter=_lookup_converter)

    sees = frozenset({"band"})

    def exact(self, env: ExactEnv) -> ExactValue:
        band = env.band()
        for band_id, value in self.values:
            if band_id == band:
                return value
        return None

    def batch(self, env: BatchEnv) -> BatchValue:
        bands = env.band().data
        numeric = all(isinstance(v, Fraction) for _, v in self.values)
        if numeric:
            out = np.full(env.size, np.nan)
            missing = np.ones(env.size, dtype=bool)
            for band_id, value in self.values:
                hit = bands == band_id
                out[hit] = float(value)
                missing[hit] = False
            return BatchValue(out, missing=missing, faithful=True)
        out_obj = np.full(env.size, None, dtype=object)
        for band_id, value in self.values:
            out_obj[bands == band_id] = value
        return BatchValue(out_obj, missing=is_none(out_obj), faithful=True)

    def words(self) -> str:
        return "by band: " + ", ".join(f"{k} → {_shown_value(v)}" for k, v in self.values)

    def words_zh(self, zh: ZhWords) -> str:
        return "按档次:" + ",".join(f"{zh.band(k)} → {_shown_value(v)}" for k, v in self.values)

    def named_bands(self) -> tuple[str, ...]:
        return tuple(band_id for band_id, _ in self.values)

    def shown(self, env: ShowEnv) -> str:
        value, band = env.value_text(self.exact(env)), env.band_text(env.band())
        return env.say(f"{value} (band: {band})", f"{value}(档次:{band})")

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        values = [v for _, v in self.values]
        if not all(isinstance(v, Fraction) for v in values):
            return None
        places = [decimal_places(v) for v in values]  # type: ignore[arg-type]
        if any(p is None or p > MAX_PLACES for p in places):
            return None
        top = max((p for p in places if p is not None), default=0)
        bands = env.band().data
        units = np.zeros(env.size)
        missing = np.ones(env.size, dtype=bool)
        bound = 0.0
        for band_id, value in self.values:
            hit = bands == band_id
            unit = float(Fraction(value) * 10**top)
            if abs(unit) >= EXACT_LIMIT:
                return None
            units[hit] = unit
            missing[hit] = False
            bound = max(bound, abs(unit))
        return Scaled(units, top, bound, missing)

    def check_type(self, checker: TypeChecker) -> ValueType:
        numbers = [band for band, value in self.values if isinstance(value, Fraction)]
        texts = [band for band, value in self.values if not isinstance(value, Fraction)]
        if numbers and texts:
            checker.fail(
                self,
                f"gives numbers for bands {', '.join(numbers)} but text for "
                f"{', '.join(texts)}; give one type for every band",
            )
            return UNKNOWN
        return TEXT if texts else NUMBER


@attrs.frozen(eq=False)
class OutcomeRef(Expr):
    """The value of an outcome listed earlier in the scheme."""

    name: str

    sees = frozenset({"outcome"})

    def exact(self, env: ExactEnv) -> ExactValue:
        value = env.outcome(self.name)
        if isinstance(value, Decimal):
            return Fraction(value)
        return value  # type: ignore[no-any-return]

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.outcome(self.name)

    def words(self) -> str:
        return self.name

    def shown(self, env: ShowEnv) -> str:
        return env.value_text(env.outcome(self.name))

    def outcomes(self) -> frozenset[str]:
        return frozenset({self.name})

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        return env.scaled_outcome(self.name)

    def check_type(self, checker: TypeChecker) -> ValueType:
        return checker.outcome_type(self.name)

    def operand(self, vtype: ValueType) -> str:
        return f"outcome {self.name!r} ({vtype.words()})"


@attrs.frozen(eq=False)
class NextPeriod(Expr):
    """The period after the record's own, as text (``2026-09`` after ``2026-08``)."""

    def exact(self, env: ExactEnv) -> ExactValue:
        period = env.period()
        return None if period is None else str(period.next())

    def batch(self, env: BatchEnv) -> BatchValue:
        periods = env.period().data
        out = np.array([None if p is None else str(p.next()) for p in periods], dtype=object)
        return BatchValue(out, missing=is_none(out), faithful=True)

    def words(self) -> str:
        return "the next period"

    def words_zh(self, zh: ZhWords) -> str:
        return "下一考核期"

    def check_type(self, checker: TypeChecker) -> ValueType:
        return TEXT

    def text_table(self, periods: PeriodCodes | None) -> tuple[str | None, ...] | None:
        if periods is None:
            return (None,)
        return tuple(None if p is None else str(p.next()) for p in periods.table)

    def text_codes(self, env: BatchEnv, periods: PeriodCodes | None, part: slice) -> TextCodes:
        return (0 if periods is None else periods.codes[part]), None


@attrs.frozen(eq=False)
class NoValue(Expr):
    """No value: published as ``None``; arithmetic on it gives no value too."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return None

    def batch(self, env: BatchEnv) -> BatchValue:
        return BatchValue(
            np.full(env.size, np.nan),
            missing=np.ones(env.size, dtype=bool),
            faithful=True,
        )

    def words(self) -> str:
        return "no value"

    def words_zh(self, zh: ZhWords) -> str:
        return "空"

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        return Scaled(np.asarray(0.0), 0, 0.0, np.ones(env.size, dtype=bool))

    def check_type(self, checker: TypeChecker) -> ValueType:
        return NONE

    def operand(self, vtype: ValueType) -> str:
        return self.words()

    def range(self, env: RangeEnv) -> Range:
        return Range(missing=True)

    def exhaustive(self) -> bool:
        return True

    def text_table(self, periods: PeriodCodes | None) -> tuple[str | None, ...] | None:
        return (None,)

    def text_codes(self, env: BatchEnv, periods: PeriodCodes | None, part: slice) -> TextCodes:
        return 0, None
