"""Expressions that choose between values: :class:`Where`, :class:`Max` and :class:`Min`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import rows_of
from assesskit._scaled import Scaled, align, either_missing, scaled_value
from assesskit.expressions.algebra import Expr, as_expr, paren, shown_operand
from assesskit.expressions.env import (
    BatchEnv,
    BatchValue,
    ExactEnv,
    ExactValue,
    ScaledEnv,
    ShowEnv,
    or_masks,
    span_of,
    truth,
)
from assesskit.expressions.node import (
    PeriodCodes,
    RangeEnv,
    TextCodes,
    TypeChecker,
    ZhWords,
    is_exhaustive,
    judged,
    shown_of,
    text_codes_of,
    text_table_of,
)
from assesskit.expressions.ranges import Range, extreme_range
from assesskit.expressions.value_types import UNKNOWN, ValueType

__all__ = ["Max", "Min", "Where"]


@attrs.frozen(eq=False)
class Where(Expr):
    """``then`` where the condition holds, else ``otherwise``."""

    compound = True  # "(y if x > 1, else 0) × 2" as an operand

    condition: Expr
    then: Expr = attrs.field(converter=as_expr)
    otherwise: Expr = attrs.field(converter=as_expr)

    def exact(self, env: ExactEnv) -> ExactValue:
        return self.then.exact(env) if self.condition.exact(env) else self.otherwise.exact(env)

    def batch(self, env: BatchEnv) -> BatchValue:
        cond, cdoubt = truth(self.condition.batch(env), env.size)
        a, b = self.then.batch(env), self.otherwise.batch(env)
        ad = rows_of(a.data, env.size)
        bd = rows_of(b.data, env.size)
        dtype = object if object in (ad.dtype, bd.dtype) else None
        data = (
            np.where(cond, ad, bd)
            if dtype is None
            else np.where(cond, ad.astype(object), bd.astype(object))
        )
        none = np.zeros(env.size, bool)
        am = none if a.missing is None else rows_of(a.missing, env.size)
        bm = none if b.missing is None else rows_of(b.missing, env.size)
        missing = np.where(cond, am, bm)
        doubt_parts = [cdoubt]
        if a.doubt is not None:
            doubt_parts.append(cond & a.doubt)
        if b.doubt is not None:
            doubt_parts.append(~cond & b.doubt)
        span = None
        if a.span is not None or b.span is not None:
            span = np.where(cond, span_of(a), span_of(b))
        return BatchValue(
            data,
            missing=missing,
            doubt=or_masks(*doubt_parts),
            faithful=a.faithful and b.faithful,
            span=span,
        )

    def words(self) -> str:
        # a choice on the then path is parenthesised; one on the else path reads as "else if"
        then = paren(self.then) if isinstance(self.then, Where) else self.then.words()
        return f"{then} if {self.condition.words()}, else {self.otherwise.words()}"

    def words_zh(self, zh: ZhWords) -> str:
        then, otherwise = zh.of(self.then), zh.of(self.otherwise)
        return f"{zh.of(self.condition)} 时为 {then},否则为 {otherwise}"

    def shown(self, env: ShowEnv) -> str:
        taken = self.then if self.condition.exact(env) else self.otherwise
        why = judged(self.condition, env)
        return env.say(f"{shown_of(taken, env)} ({why})", f"{shown_of(taken, env)}({why})")

    def children(self) -> tuple[Expr, ...]:
        return (self.condition, self.then, self.otherwise)

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        size = env.size
        condition = self.condition.batch(env)
        if condition.doubt is not None and condition.doubt.any():
            return None
        cond = rows_of(np.asarray(condition.data, dtype=bool), size)
        if condition.missing is not None:
            cond = cond & ~rows_of(condition.missing, size)
        a, b = scaled_value(self.then, env), scaled_value(self.otherwise, env)
        if a is None or b is None:
            return None
        aligned = align(a, b)
        if aligned is None:
            return None
        ua, ub, places, bound = aligned
        if a.missing is None and b.missing is None:
            missing = None
        else:
            am = np.zeros(size, bool) if a.missing is None else rows_of(a.missing, size)
            bm = np.zeros(size, bool) if b.missing is None else rows_of(b.missing, size)
            missing = np.where(cond, am, bm)
        return Scaled(np.where(cond, ua, ub), places, bound, missing)

    def check_type(self, checker: TypeChecker) -> ValueType:
        checker.condition(self.condition, "the condition of a Where")
        then, otherwise = checker.infer(self.then), checker.infer(self.otherwise)
        if then.loose or otherwise.loose:
            return otherwise if then.loose and then.kind != "unknown" else then
        if then.kind != otherwise.kind:
            checker.fail(
                self,
                f"gives {self.then.operand(then)} on one branch and "
                f"{self.otherwise.operand(otherwise)} on the other; give one type on both",
            )
            return UNKNOWN
        if then.kind == "number":
            quantity = checker.same_quantity(
                self, self.then, self.otherwise, then, otherwise, "gives {left} or {right}"
            )
            return ValueType("number", quantity)
        return then

    def exhaustive(self) -> bool:
        return all(is_exhaustive(c) for c in self.children())

    def text_table(self, periods: PeriodCodes | None) -> tuple[str | None, ...] | None:
        then, otherwise = text_table_of(self.then, periods), text_table_of(self.otherwise, periods)
        if then is None or otherwise is None:
            return None
        return then + otherwise

    def text_codes(self, env: BatchEnv, periods: PeriodCodes | None, part: slice) -> TextCodes:
        then, then_doubt = text_codes_of(self.then, env, periods, part)
        otherwise, otherwise_doubt = text_codes_of(self.otherwise, env, periods, part)
        offset = len(text_table_of(self.then, periods) or ())
        condition = self.condition.batch(env)
        holds = rows_of(np.asarray(condition.data, dtype=bool), env.size)
        if condition.missing is not None:
            holds = holds & ~condition.missing
        codes: npt.NDArray[Any]
        constant = isinstance(then, int) and isinstance(otherwise, int)
        if constant and then == 0 and otherwise == 0 and offset == 1:
            codes = np.logical_not(holds).view(np.uint8)
        else:
            codes = np.where(holds, then, np.add(otherwise, offset))
        doubt = or_masks(condition.doubt, or_masks(then_doubt, otherwise_doubt))
        return codes, doubt


@attrs.frozen(eq=False)
class _Extreme(Expr):
    """The larger or smaller of two numbers; missing when either is missing."""

    left: Expr = attrs.field(converter=as_expr)
    right: Expr = attrs.field(converter=as_expr)

    name: ClassVar[str]
    name_zh: ClassVar[str]
    pick: ClassVar[Callable[[Any, Any], Any]]
    pick_array: ClassVar[Callable[[Any, Any], Any]]

    def exact(self, env: ExactEnv) -> ExactValue:
        a, b = self.left.exact(env), self.right.exact(env)
        if a is None or b is None:
            return None
        picked: ExactValue = type(self).pick(a, b)
        return picked

    def batch(self, env: BatchEnv) -> BatchValue:
        a, b = self.left.batch(env), self.right.batch(env)
        either = a.span is not None or b.span is not None
        return BatchValue(
            type(self).pick_array(a.data.astype(float), b.data.astype(float)),
            missing=or_masks(a.missing, b.missing),
            doubt=or_masks(a.doubt, b.doubt),
            faithful=a.faithful and b.faithful,
            span=np.maximum(span_of(a), span_of(b)) if either else None,
        )

    def words(self) -> str:
        return f"{self.name}({self.left.words()}, {self.right.words()})"

    def words_zh(self, zh: ZhWords) -> str:
        return f"{self.name_zh}({zh.of(self.left)}, {zh.of(self.right)})"

    def shown(self, env: ShowEnv) -> str:
        left = shown_operand(self.left, self.right, env, bracket=False)
        right = shown_operand(self.right, self.left, env, bracket=False)
        name = env.say(self.name, self.name_zh)
        return f"{name}({left}, {right})"

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        a, b = scaled_value(self.left, env), scaled_value(self.right, env)
        if a is None or b is None:
            return None
        aligned = align(a, b)
        if aligned is None:
            return None
        ua, ub, places, bound = aligned
        picked = type(self).pick_array(ua, ub)
        return Scaled(picked, places, bound, either_missing(a.missing, b.missing))

    def check_type(self, checker: TypeChecker) -> ValueType:
        lt = checker.number(self.left, self, self.name)
        rt = checker.number(self.right, self, self.name)
        if lt.kind == "unknown" or rt.kind == "unknown":
            return UNKNOWN
        how = f"takes the {self.name} of {{left}} and {{right}}"
        return ValueType("number", checker.same_quantity(self, self.left, self.right, lt, rt, how))

    def range(self, env: RangeEnv) -> Range:
        return extreme_range(self.name == "max", env.eval(self.left), env.eval(self.right))


@attrs.frozen(eq=False)
class Max(_Extreme):
    """The larger of two numbers."""

    name: ClassVar[str] = "max"
    name_zh: ClassVar[str] = "较大值"
    pick: ClassVar[Callable[[Any, Any], Any]] = max
    pick_array: ClassVar[Callable[[Any, Any], Any]] = np.maximum


@attrs.frozen(eq=False)
class Min(_Extreme):
    """The smaller of two numbers."""

    name: ClassVar[str] = "min"
    name_zh: ClassVar[str] = "较小值"
    pick: ClassVar[Callable[[Any, Any], Any]] = min
    pick_array: ClassVar[Callable[[Any, Any], Any]] = np.minimum
