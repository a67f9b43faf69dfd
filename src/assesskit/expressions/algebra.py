"""Expressions you combine: the :class:`Expr` base with ``+ - * /``, comparisons, ``& | ~``.

The nodes the operators build (:class:`Arith`, :class:`Compare`,
:class:`Logic`, :class:`Not`) and :class:`Const`, which wraps a plain
operand, live here with the base; every node carries all of its forms.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from assesskit._batchmath import EXACT_LIMIT, TIE_TOLERANCE, FloatArray
from assesskit._exact import ExactNumber, format_number, to_fraction
from assesskit._scaled import (
    MAX_PLACES,
    Scaled,
    align,
    either_missing,
    nothing_known,
    power_of_ten,
    scaled_fraction,
    scaled_value,
)
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
    Node,
    PeriodCodes,
    RangeEnv,
    TextCodes,
    TypeChecker,
    ZhWords,
    alternatives_of,
    is_exhaustive,
    judged,
    shown_of,
)
from assesskit.expressions.ranges import (
    Range,
    arith_range,
    compare_range,
    constant_range,
    logic_range,
)
from assesskit.expressions.value_types import (
    FLAG,
    NUMBER,
    TEXT,
    UNKNOWN,
    ValueType,
    product_quantity,
)

__all__ = [
    "Arith",
    "Compare",
    "Const",
    "Expr",
    "Logic",
    "Not",
    "as_expr",
    "paren",
    "shown_operand",
]


class Expr(Node):
    """Base class of expressions; combine them with ``+ - * /`` and ``< <= > >=``.

    A node from a plugin subclasses it and writes ``exact``, ``batch`` and
    ``words``; its other forms fall back safely (see :mod:`assesskit.expressions.node`).
    """

    def children(self) -> tuple[Expr, ...]:
        """Sub-expressions."""
        return ()

    # -- building ------------------------------------------------------------
    def __add__(self, other: object) -> Expr:
        return Arith("+", self, as_expr(other))

    def __radd__(self, other: object) -> Expr:
        return Arith("+", as_expr(other), self)

    def __sub__(self, other: object) -> Expr:
        return Arith("-", self, as_expr(other))

    def __rsub__(self, other: object) -> Expr:
        return Arith("-", as_expr(other), self)

    def __mul__(self, other: object) -> Expr:
        return Arith("*", self, as_expr(other))

    def __rmul__(self, other: object) -> Expr:
        return Arith("*", as_expr(other), self)

    def __truediv__(self, other: object) -> Expr:
        return Arith("/", self, as_expr(other))

    def __lt__(self, other: object) -> Expr:
        return Compare("<", self, as_expr(other))

    def __le__(self, other: object) -> Expr:
        return Compare("<=", self, as_expr(other))

    def __gt__(self, other: object) -> Expr:
        return Compare(">", self, as_expr(other))

    def __ge__(self, other: object) -> Expr:
        return Compare(">=", self, as_expr(other))

    def equals(self, other: object) -> Expr:
        """``self == other`` as an expression (``==`` itself keeps its Python meaning)."""
        return Compare("==", self, as_expr(other))

    def __and__(self, other: Expr) -> Expr:
        return Logic("and", (self, other))

    def __or__(self, other: Expr) -> Expr:
        return Logic("or", (self, other))

    def __invert__(self) -> Expr:
        return Not(self)


def as_expr(value: object) -> Expr:
    """Wrap a plain value (number, string, bool) as a :class:`Const`."""
    if isinstance(value, Expr):
        return value
    return Const(value)  # type: ignore[arg-type]


def paren(expr: Node) -> str:
    """*expr* written as an operand: in parentheses when it is compound."""
    text = expr.words()
    return f"({text})" if expr.compound else text


def _written_as_percent(expr: Node, env: ShowEnv) -> bool:
    """Whether *expr* is an input or a parameter that is a ratio, written as a percentage."""
    name = expr.input_name()
    if name is not None:
        return env.as_percent(name)
    params = expr.params()
    if not expr.children() and not expr.inputs() and len(params) == 1:
        return env.as_percent(next(iter(params)))
    return False


def shown_operand(expr: Node, beside: Node, env: ShowEnv, *, bracket: bool = True) -> str:
    """*expr* shown as an operand beside *beside*: in parentheses when compound (and
    *bracket*), and a plain number as a percentage beside a ratio (``0.65% > 1%``, not
    ``0.65% > 0.01``)."""
    number = expr.number_in(env.param) if isinstance(expr, Const) else None
    if number is not None and _written_as_percent(beside, env):
        text = format_number(number * 100, 6) + "%"
    else:
        text = shown_of(expr, env)
    return f"({text})" if expr.compound and bracket else text


def _named(expr: Node, text: str, env: ShowEnv) -> str:
    """*text* (the shown value of *expr*) after the label of the input *expr* is, if one."""
    name = expr.input_name()
    return text if name is None else f"{env.input_label(name)} {text}"


def _const_value(value: ExactNumber | bool | str) -> Fraction | bool | str:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return to_fraction(value)
        except ValueError:
            return value
    return to_fraction(value)


@attrs.frozen(eq=False)
class Const(Expr):
    """A constant: a number (read exactly), a truth value or a text."""

    value: Fraction | bool | str = attrs.field(converter=_const_value)

    search_role = "fixed"

    def exact(self, env: ExactEnv) -> ExactValue:
        return self.value

    def batch(self, env: BatchEnv) -> BatchValue:
        value = self.value
        if isinstance(value, Fraction):
            return BatchValue(np.asarray(float(value)), faithful=True)
        if isinstance(value, bool):
            return BatchValue(np.asarray(value), faithful=True)
        return BatchValue(np.full(env.size, value, dtype=object), faithful=True)

    def words(self) -> str:
        if isinstance(self.value, Fraction):
            return format_number(self.value, 6)
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return repr(self.value)

    def words_zh(self, zh: ZhWords) -> str:
        value = self.value
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, str):
            return f"“{zh.value(value)}”"
        return format_number(value, 6)

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        return scaled_fraction(self.value)

    def shown(self, env: ShowEnv) -> str:
        return env.value_text(self.value)

    def check_type(self, checker: TypeChecker) -> ValueType:
        if isinstance(self.value, bool):
            return FLAG
        if isinstance(self.value, Fraction):
            return NUMBER
        return TEXT

    def operand(self, vtype: ValueType) -> str:
        return f"{vtype.noun()} {self.words()}"

    def range(self, env: RangeEnv) -> Range:
        return constant_range(self.value)

    def exhaustive(self) -> bool:
        return True

    def number_in(self, param: Callable[[str], Any]) -> Fraction | None:
        return self.value if isinstance(self.value, Fraction) else None

    def text_table(self, periods: PeriodCodes | None) -> tuple[str | None, ...] | None:
        return (self.value,) if isinstance(self.value, str) else None

    def text_codes(self, env: BatchEnv, periods: PeriodCodes | None, part: slice) -> TextCodes:
        return 0, None


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
_SHOWN_OPS = {"*": "×", "-": "−", "==": "=", "!=": "≠"}
_VERBS = {"+": "adding", "-": "subtracting", "*": "multiplying", "/": "dividing"}


@attrs.frozen(eq=False)
class Arith(Expr):
    """``left op right`` for ``+ - * /``; missing when either side is missing."""

    op: str
    left: Expr
    right: Expr

    compound = True

    def exact(self, env: ExactEnv) -> ExactValue:
        a, b = self.left.exact(env), self.right.exact(env)
        if a is None or b is None:
            return None
        if not isinstance(a, Fraction) or not isinstance(b, Fraction):
            raise TypeError(f"{self.words()}: arithmetic needs numbers, got {a!r} and {b!r}")
        if self.op == "/" and b == 0:
            return None
        result: Fraction = _ARITH[self.op](a, b)
        return result

    def batch(self, env: BatchEnv) -> BatchValue:
        a, b = self.left.batch(env), self.right.batch(env)
        af, bf = a.data.astype(float), b.data.astype(float)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            data = _ARITH[self.op](af, bf)
            span = self._span(a, b, af, bf, data)
        missing = or_masks(a.missing, b.missing)
        if self.op == "/":
            zero = np.broadcast_to(b.data == 0, np.shape(data))
            missing = zero if missing is None else (missing | zero)
        return BatchValue(data, missing=missing, doubt=or_masks(a.doubt, b.doubt), span=span)

    def _span(
        self, a: BatchValue, b: BatchValue, af: FloatArray, bf: FloatArray, data: FloatArray
    ) -> FloatArray:
        """What the float noise of the result is relative to (see ``BatchValue.span``).

        A sum or difference is as noisy as its larger operand; a product
        ``|b|·span(a) + |a|·span(b)``, a quotient ``(span(a) + |a/b|·span(b)) / |b|``:
        the first-order error of each operation.
        """
        sa, sb = span_of(a), span_of(b)
        if self.op in "+-":
            out: FloatArray = np.maximum(sa, sb)
        elif self.op == "*":
            out = np.abs(bf) * sa + np.abs(af) * sb
        else:
            out = (sa + np.abs(data) * sb) / np.abs(bf)
        return out

    def words(self) -> str:
        return f"{paren(self.left)} {self.op.replace('*', '×')} {paren(self.right)}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"{zh.operand(self.left)} {self.op.replace('*', '×')} {zh.operand(self.right)}"

    def shown(self, env: ShowEnv) -> str:
        if self.op in "+-":
            left = shown_operand(self.left, self.right, env)
            right = shown_operand(self.right, self.left, env)
        else:
            left, right = shown_of(self.left, env), shown_of(self.right, env)
            left = f"({left})" if self._brackets(self.left, right_side=False) else left
            right = f"({right})" if self._brackets(self.right, right_side=True) else right
        return f"{left} {_SHOWN_OPS.get(self.op, self.op)} {right}"

    def _brackets(self, child: Node, *, right_side: bool) -> bool:
        """Whether *child* needs parentheses as an operand of ``×`` or ``/``: ``a × b / c``
        needs none, ``(a + b) × c`` and ``a / (b × c)`` do."""
        if not isinstance(child, Arith):
            return child.compound
        if child.op in "+-":
            return True
        return right_side and self.op == "/"

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def scaled(self, env: ScaledEnv) -> Scaled | None:
        a = scaled_value(self.left, env)
        if a is None:
            return None
        if self.op == "/":
            # only a division by a power of ten (a constant or a parameter) stays exact
            power = power_of_ten(self.right.number_in(env.param))
            if power is None or a.places + power > MAX_PLACES:
                return None
            return Scaled(a.units, a.places + power, a.bound, a.missing)
        b = scaled_value(self.right, env)
        if b is None:
            return None
        missing = either_missing(a.missing, b.missing)
        if self.op == "*":
            bound = a.bound * b.bound
            if a.places + b.places > MAX_PLACES or bound >= EXACT_LIMIT:
                return None
            if missing is not None and np.ndim(missing):
                unknown = nothing_known(a.places + b.places, missing)
                if unknown is not None:
                    return unknown
            return Scaled(a.units * b.units, a.places + b.places, bound, missing)
        aligned = align(a, b)
        if aligned is None:
            return None
        ua, ub, places, bound = aligned
        if 2.0 * bound >= EXACT_LIMIT:
            return None
        return Scaled(ua + ub if self.op == "+" else ua - ub, places, 2.0 * bound, missing)

    def check_type(self, checker: TypeChecker) -> ValueType:
        verb = _VERBS[self.op]
        lt = checker.number(self.left, self, verb)
        rt = checker.number(self.right, self, verb)
        if lt.kind == "unknown" or rt.kind == "unknown":
            return UNKNOWN
        if "year" in (lt.quantity, rt.quantity):
            checker.fail(self, "a year is a whole year, not a number to compute with")
            return UNKNOWN
        if self.op in "+-":
            how = "adds {left} to {right}" if self.op == "+" else "subtracts {right} from {left}"
            quantity = checker.same_quantity(self, self.left, self.right, lt, rt, how)
            return ValueType("number", quantity)
        return ValueType("number", product_quantity(lt.quantity, rt.quantity, self.op))

    def range(self, env: RangeEnv) -> Range:
        return arith_range(self.op, env.eval(self.left), env.eval(self.right))


_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@attrs.frozen(eq=False)
class Compare(Expr):
    """``left op right``; missing when either side is missing."""

    op: str
    left: Expr
    right: Expr

    def exact(self, env: ExactEnv) -> ExactValue:
        a, b = self.left.exact(env), self.right.exact(env)
        if a is None or b is None:
            return None
        return bool(_COMPARE[self.op](a, b))

    def batch(self, env: BatchEnv) -> BatchValue:
        a, b = self.left.batch(env), self.right.batch(env)
        data = np.asarray(_COMPARE[self.op](a.data, b.data), dtype=bool)
        doubt = or_masks(a.doubt, b.doubt)
        if not (a.faithful and b.faithful) and data.dtype == bool and a.data.dtype != object:
            with np.errstate(invalid="ignore"):
                af, bf = a.data.astype(float), b.data.astype(float)
                close = np.abs(af - bf) <= TIE_TOLERANCE * (1.0 + span_of(a) + span_of(b))
            doubt = or_masks(doubt, close)
        return BatchValue(
            np.broadcast_to(data, (env.size,)).copy() if data.ndim == 0 else data,
            missing=or_masks(a.missing, b.missing),
            doubt=doubt,
            faithful=True,
        )

    def words(self) -> str:
        return f"{paren(self.left)} {self.op} {paren(self.right)}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"{zh.operand(self.left)} {self.op} {zh.operand(self.right)}"

    def shown(self, env: ShowEnv) -> str:
        # a condition names the inputs it tests: "loan loss rate 1.2% > 1%"
        left = _named(self.left, shown_operand(self.left, self.right, env), env)
        right = _named(self.right, shown_operand(self.right, self.left, env), env)
        return f"{left} {_SHOWN_OPS.get(self.op, self.op)} {right}"

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def compared(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def check_type(self, checker: TypeChecker) -> ValueType:
        lt, rt = checker.infer(self.left), checker.infer(self.right)
        left, right = self.left.operand(lt), self.right.operand(rt)
        if "none" in (lt.kind, rt.kind):
            checker.fail(self, "a comparison with no value never holds")
        elif "unknown" in (lt.kind, rt.kind):
            pass
        elif lt.kind != rt.kind:
            flag = self.left if lt.kind == "flag" else self.right if rt.kind == "flag" else None
            if flag is not None:
                advice = (
                    f": write {flag.words()} (true when set) or ~{flag.words()}"
                    if flag.input_name() is not None
                    else ""
                )
                other = rt if flag is self.left else lt
                reason = f"a flag is parsed as true or false, never as {other.words()}{advice}"
            else:
                reason = "values of different types are never equal nor ordered"
            checker.fail(self, f"compares {left} with {right}; {reason}")
        elif lt.kind == "number":
            checker.same_quantity(
                self, self.left, self.right, lt, rt, "compares {left} with {right}"
            )
        elif lt.kind == "list":
            checker.fail(self, "lists cannot be compared")
        return FLAG

    def range(self, env: RangeEnv) -> Range:
        return compare_range(self.op, env.eval(self.left), env.eval(self.right))

    def exhaustive(self) -> bool:
        # one side fixed, the other fixed or tried at its edges: the truth changes only there
        roles = [side.search_role for side in (self.left, self.right)]
        return None not in roles and roles.count("varied") <= 1


@attrs.frozen(eq=False)
class Logic(Expr):
    """``and`` / ``or`` of conditions; a missing condition counts as false."""

    op: str
    parts: tuple[Expr, ...]

    compound = True

    def exact(self, env: ExactEnv) -> ExactValue:
        values = [bool(p.exact(env)) for p in self.parts]
        return all(values) if self.op == "and" else any(values)

    def batch(self, env: BatchEnv) -> BatchValue:
        results = [truth(p.batch(env), env.size) for p in self.parts]
        data = results[0][0]
        for value, _ in results[1:]:
            data = (data & value) if self.op == "and" else (data | value)
        return BatchValue(data, doubt=or_masks(*(d for _, d in results)), faithful=True)

    def words(self) -> str:
        return f" {self.op} ".join(paren(p) for p in self.parts)

    def words_zh(self, zh: ZhWords) -> str:
        joint = " 且 " if self.op == "and" else " 或 "
        return joint.join(zh.operand(p) for p in self.parts)

    def shown(self, env: ShowEnv) -> str:
        joint = env.say(f" {self.op} ", "且" if self.op == "and" else "或")
        return joint.join(f"({judged(p, env)})" for p in self.parts)

    def children(self) -> tuple[Expr, ...]:
        return self.parts

    def check_type(self, checker: TypeChecker) -> ValueType:
        for part in self.children():
            checker.condition(part, f"each part of '{self.words()}'")
        return FLAG

    def range(self, env: RangeEnv) -> Range:
        return logic_range(self.op, [env.truths(p) for p in self.parts])

    def alternatives(self) -> tuple[Node, ...]:
        if self.op != "or":
            return (self,)
        return tuple(q for p in self.parts for q in alternatives_of(p))

    def exhaustive(self) -> bool:
        return all(is_exhaustive(c) for c in self.children())


@attrs.frozen(eq=False)
class Not(Expr):
    """Logical not; a missing condition counts as false, so ``Not`` of it is true."""

    part: Expr

    def exact(self, env: ExactEnv) -> ExactValue:
        return not bool(self.part.exact(env))

    def batch(self, env: BatchEnv) -> BatchValue:
        data, doubt = truth(self.part.batch(env), env.size)
        return BatchValue(~data, doubt=doubt, faithful=True)

    def words(self) -> str:
        return f"not {paren(self.part)}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"并非 {zh.operand(self.part)}"

    def shown(self, env: ShowEnv) -> str:
        return env.say(f"not ({shown_of(self.part, env)})", f"并非({shown_of(self.part, env)})")

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)

    def check_type(self, checker: TypeChecker) -> ValueType:
        checker.condition(self.part, f"each part of '{self.words()}'")
        return FLAG

    def range(self, env: RangeEnv) -> Range:
        return Range(truths=frozenset(not t for t in env.truths(self.part)))

    def exhaustive(self) -> bool:
        return is_exhaustive(self.part)
