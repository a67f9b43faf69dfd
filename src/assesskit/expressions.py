"""A small expression language for veto conditions, outcomes and history triggers.

Schemes are data: a veto is ``Input("loan_loss_rate") > 0.01``, a pay rule is
``Input("standard_salary") * Total() / 100``. Each expression evaluates two
ways with one meaning: exactly on one record (fractions, with missing values
as ``None``) and vectorised on a batch (numpy, with a mask of rows where
float noise could change the answer; those rows are re-done exactly).

>>> from fractions import Fraction
>>> rule = Input("loan_loss_rate") > Const("0.01")
>>> rule.words()
'loan_loss_rate > 0.01'
"""

from __future__ import annotations

import abc
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Protocol, cast

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import TIE_TOLERANCE
from assesskit._exact import ExactNumber, format_number, to_fraction
from assesskit.periods import Period

__all__ = [
    "BandIs",
    "BandLookup",
    "BatchEnv",
    "BatchValue",
    "ComponentsWithStatus",
    "Const",
    "ExactEnv",
    "ExactValue",
    "Expr",
    "Input",
    "Max",
    "Min",
    "NextPeriod",
    "NoValue",
    "NoneWithStatus",
    "OutcomeRef",
    "Param",
    "Present",
    "StatusIs",
    "Total",
    "Vetoed",
    "Where",
    "as_expr",
]

#: A value on the exact path.
ExactValue = Fraction | bool | str | Period | None


class ExactEnv(Protocol):
    """What an expression can read on the exact path (one record)."""

    def input(self, name: str) -> Any:
        """The parsed value of input *name* (``None`` when missing)."""

    def param(self, name: str) -> Any:
        """The value of scheme parameter *name*."""

    def total(self) -> Decimal | None:
        """The published (rounded) total, ``None`` when nothing applies."""

    def band(self) -> str | None:
        """The band id of the published total."""

    def vetoed(self) -> bool:
        """Whether a veto fired."""

    def outcome(self, name: str) -> Any:
        """An outcome computed earlier in the scheme's outcome list."""

    def period(self) -> Period | None:
        """The record's assessment period."""

    def component_status(self, component_id: str) -> str | None:
        """The status a component's rule reported (``met``, ``behind``, ``not_due``...)."""

    def component_ids(self) -> list[str]:
        """The ids of the scheme's components, in order."""


@attrs.frozen
class BatchValue:
    """A column of values on the batch path.

    ``missing`` marks rows without a value; ``doubt`` marks rows where float
    noise may have changed the value; ``faithful`` says every value is the
    float nearest a decimal that the exact path would see (an input, a
    constant, a published total), so comparing two faithful values in float is
    exact.
    """

    data: npt.NDArray[Any]
    missing: npt.NDArray[np.bool_] | None = None
    doubt: npt.NDArray[np.bool_] | None = None
    faithful: bool = False


class BatchEnv(Protocol):
    """What an expression can read on the batch path (many records)."""

    size: int

    def input(self, name: str) -> BatchValue:
        """The column of input *name*."""

    def param(self, name: str) -> Any:
        """The value of scheme parameter *name*."""

    def total(self) -> BatchValue:
        """The published totals."""

    def band(self) -> BatchValue:
        """The band ids (object array; ``None`` where no band)."""

    def vetoed(self) -> BatchValue:
        """Whether a veto fired, per row."""

    def outcome(self, name: str) -> BatchValue:
        """An outcome computed earlier."""

    def period(self) -> BatchValue:
        """The periods (object array of :class:`Period`)."""

    def component_status(self, component_id: str) -> BatchValue:
        """Status per row reported by a component's rule (object array, ``None`` where none)."""

    def component_ids(self) -> list[str]:
        """The ids of the scheme's components, in order."""


def _or_masks(*masks: npt.NDArray[np.bool_] | None) -> npt.NDArray[np.bool_] | None:
    present = [m for m in masks if m is not None]
    if not present:
        return None
    out = present[0]
    for m in present[1:]:
        out = out | m
    return out


class Expr(abc.ABC):
    """Base class of expressions; combine them with ``+ - * /`` and ``< <= > >=``."""

    @abc.abstractmethod
    def exact(self, env: ExactEnv) -> ExactValue:
        """Evaluate on one record."""

    @abc.abstractmethod
    def batch(self, env: BatchEnv) -> BatchValue:
        """Evaluate on a batch."""

    @abc.abstractmethod
    def words(self) -> str:
        """The expression written out for a person."""

    def inputs(self) -> frozenset[str]:
        """Names of the inputs this expression reads."""
        return frozenset().union(*(c.inputs() for c in self.children()))

    def params(self) -> frozenset[str]:
        """Names of the parameters this expression reads."""
        return frozenset().union(*(c.params() for c in self.children()))

    def outcomes(self) -> frozenset[str]:
        """Names of the outcomes this expression reads."""
        return frozenset().union(*(c.outcomes() for c in self.children()))

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


def _is_none(values: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Where an object array holds ``None``."""
    return np.fromiter((v is None for v in values), dtype=bool, count=len(values))


def as_expr(value: object) -> Expr:
    """Wrap a plain value (number, string, bool) as a :class:`Const`."""
    if isinstance(value, Expr):
        return value
    return Const(value)  # type: ignore[arg-type]


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


@attrs.frozen(eq=False)
class Input(Expr):
    """The value of an input field of the record."""

    name: str

    def exact(self, env: ExactEnv) -> ExactValue:
        return cast(ExactValue, env.input(self.name))

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.input(self.name)

    def words(self) -> str:
        return self.name

    def inputs(self) -> frozenset[str]:
        return frozenset({self.name})


@attrs.frozen(eq=False)
class Present(Expr):
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

    def inputs(self) -> frozenset[str]:
        return frozenset({self.name})


@attrs.frozen(eq=False)
class Param(Expr):
    """The value of a scheme parameter."""

    name: str

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.param(self.name)  # type: ignore[no-any-return]

    def batch(self, env: BatchEnv) -> BatchValue:
        value = env.param(self.name)
        if isinstance(value, Fraction):
            return BatchValue(np.asarray(float(value)), faithful=True)
        return BatchValue(np.asarray(value), faithful=True)

    def words(self) -> str:
        return self.name

    def params(self) -> frozenset[str]:
        return frozenset({self.name})


@attrs.frozen(eq=False)
class Total(Expr):
    """The published total (rounded to 2 decimals, 0 when vetoed)."""

    def exact(self, env: ExactEnv) -> ExactValue:
        total = env.total()
        return None if total is None else Fraction(total)

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.total()

    def words(self) -> str:
        return "total"


@attrs.frozen(eq=False)
class Vetoed(Expr):
    """True when a veto fired."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.vetoed()

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.vetoed()

    def words(self) -> str:
        return "a veto fired"


@attrs.frozen(eq=False)
class BandIs(Expr):
    """True when the published total falls in band *band_id*."""

    band_id: str

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.band() == self.band_id

    def batch(self, env: BatchEnv) -> BatchValue:
        bands = env.band()
        return BatchValue(np.asarray(bands.data == self.band_id, dtype=bool), faithful=True)

    def words(self) -> str:
        return f"band is {self.band_id}"


def _lookup_value(value: ExactNumber | str) -> Fraction | str:
    if isinstance(value, str):
        try:
            return to_fraction(value)
        except ValueError:
            return value
    return to_fraction(value)


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
        return BatchValue(out_obj, missing=_is_none(out_obj), faithful=True)

    def words(self) -> str:
        return "by band: " + ", ".join(
            f"{k} → {format_number(v) if isinstance(v, Fraction) else v}" for k, v in self.values
        )


@attrs.frozen(eq=False)
class OutcomeRef(Expr):
    """The value of an outcome listed earlier in the scheme."""

    name: str

    def exact(self, env: ExactEnv) -> ExactValue:
        value = env.outcome(self.name)
        if isinstance(value, Decimal):
            return Fraction(value)
        return value  # type: ignore[no-any-return]

    def batch(self, env: BatchEnv) -> BatchValue:
        return env.outcome(self.name)

    def words(self) -> str:
        return self.name

    def outcomes(self) -> frozenset[str]:
        return frozenset({self.name})


@attrs.frozen(eq=False)
class NextPeriod(Expr):
    """The period after the record's own, as text (``2026-09`` after ``2026-08``)."""

    def exact(self, env: ExactEnv) -> ExactValue:
        period = env.period()
        return None if period is None else str(period.next())

    def batch(self, env: BatchEnv) -> BatchValue:
        periods = env.period().data
        out = np.array([None if p is None else str(p.next()) for p in periods], dtype=object)
        return BatchValue(out, missing=_is_none(out), faithful=True)

    def words(self) -> str:
        return "the next period"


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


@attrs.frozen(eq=False)
class StatusIs(Expr):
    """True when component *component_id* reported *status* (e.g. a target ``behind``)."""

    component_id: str
    status: str

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.component_status(self.component_id) == self.status

    def batch(self, env: BatchEnv) -> BatchValue:
        statuses = env.component_status(self.component_id).data
        return BatchValue(np.asarray(statuses == self.status, dtype=bool), faithful=True)

    def words(self) -> str:
        return f"{self.component_id} is {self.status}"


@attrs.frozen(eq=False)
class ComponentsWithStatus(Expr):
    """The ids of the components that reported *status*, in scheme order (a list)."""

    status: str

    def exact(self, env: ExactEnv) -> Any:
        return [c for c in env.component_ids() if env.component_status(c) == self.status]

    def batch(self, env: BatchEnv) -> BatchValue:
        ids = env.component_ids()
        columns = [env.component_status(c).data == self.status for c in ids]
        out = np.empty(env.size, dtype=object)
        for row in range(env.size):
            out[row] = [c for c, col in zip(ids, columns, strict=True) if col[row]]
        return BatchValue(out, faithful=True)

    def words(self) -> str:
        return f"the components that are {self.status}"


@attrs.frozen(eq=False)
class NoneWithStatus(Expr):
    """True when no component reported *status* (e.g. on schedule: nothing ``behind``)."""

    status: str

    def exact(self, env: ExactEnv) -> ExactValue:
        return all(env.component_status(c) != self.status for c in env.component_ids())

    def batch(self, env: BatchEnv) -> BatchValue:
        out = np.ones(env.size, dtype=bool)
        for c in env.component_ids():
            out &= env.component_status(c).data != self.status
        return BatchValue(out, faithful=True)

    def words(self) -> str:
        return f"no component is {self.status}"


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


@attrs.frozen(eq=False)
class Arith(Expr):
    """``left op right`` for ``+ - * /``; missing when either side is missing."""

    op: str
    left: Expr
    right: Expr

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
        with np.errstate(divide="ignore", invalid="ignore"):
            data = _ARITH[self.op](a.data.astype(float), b.data.astype(float))
        missing = _or_masks(a.missing, b.missing)
        if self.op == "/":
            zero = np.broadcast_to(b.data == 0, np.shape(data))
            missing = zero if missing is None else (missing | zero)
        return BatchValue(data, missing=missing, doubt=_or_masks(a.doubt, b.doubt))

    def words(self) -> str:
        return f"{_paren(self.left)} {self.op.replace('*', '×')} {_paren(self.right)}"

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


def _paren(expr: Expr) -> str:
    text = expr.words()
    return f"({text})" if isinstance(expr, Arith | Logic) else text


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
        doubt = _or_masks(a.doubt, b.doubt)
        if not (a.faithful and b.faithful) and data.dtype == bool and a.data.dtype != object:
            with np.errstate(invalid="ignore"):
                af, bf = a.data.astype(float), b.data.astype(float)
                close = np.abs(af - bf) <= TIE_TOLERANCE * (1.0 + np.abs(af) + np.abs(bf))
            doubt = _or_masks(doubt, close)
        return BatchValue(
            np.broadcast_to(data, (env.size,)).copy() if data.ndim == 0 else data,
            missing=_or_masks(a.missing, b.missing),
            doubt=doubt,
            faithful=True,
        )

    def words(self) -> str:
        return f"{_paren(self.left)} {self.op} {_paren(self.right)}"

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


@attrs.frozen(eq=False)
class Logic(Expr):
    """``and`` / ``or`` of conditions; a missing condition counts as false."""

    op: str
    parts: tuple[Expr, ...]

    def exact(self, env: ExactEnv) -> ExactValue:
        values = [bool(p.exact(env)) for p in self.parts]
        return all(values) if self.op == "and" else any(values)

    def batch(self, env: BatchEnv) -> BatchValue:
        results = [_truth(p.batch(env), env.size) for p in self.parts]
        data = results[0][0]
        for value, _ in results[1:]:
            data = (data & value) if self.op == "and" else (data | value)
        return BatchValue(data, doubt=_or_masks(*(d for _, d in results)), faithful=True)

    def words(self) -> str:
        return f" {self.op} ".join(_paren(p) for p in self.parts)

    def children(self) -> tuple[Expr, ...]:
        return self.parts


def _truth(
    value: BatchValue, size: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_] | None]:
    data = np.broadcast_to(np.asarray(value.data, dtype=bool), (size,))
    if value.missing is not None:
        data = data & ~value.missing
    return data, value.doubt


@attrs.frozen(eq=False)
class Not(Expr):
    """Logical not; a missing condition counts as false, so ``Not`` of it is true."""

    part: Expr

    def exact(self, env: ExactEnv) -> ExactValue:
        return not bool(self.part.exact(env))

    def batch(self, env: BatchEnv) -> BatchValue:
        data, doubt = _truth(self.part.batch(env), env.size)
        return BatchValue(~data, doubt=doubt, faithful=True)

    def words(self) -> str:
        return f"not {_paren(self.part)}"

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)


@attrs.frozen(eq=False)
class Where(Expr):
    """``then`` where the condition holds, else ``otherwise``."""

    condition: Expr
    then: Expr = attrs.field(converter=as_expr)
    otherwise: Expr = attrs.field(converter=as_expr)

    def exact(self, env: ExactEnv) -> ExactValue:
        return self.then.exact(env) if self.condition.exact(env) else self.otherwise.exact(env)

    def batch(self, env: BatchEnv) -> BatchValue:
        cond, cdoubt = _truth(self.condition.batch(env), env.size)
        a, b = self.then.batch(env), self.otherwise.batch(env)
        ad = np.broadcast_to(a.data, (env.size,))
        bd = np.broadcast_to(b.data, (env.size,))
        dtype = object if object in (ad.dtype, bd.dtype) else None
        data = (
            np.where(cond, ad, bd)
            if dtype is None
            else np.where(cond, ad.astype(object), bd.astype(object))
        )
        none = np.zeros(env.size, bool)
        am = none if a.missing is None else np.broadcast_to(a.missing, (env.size,))
        bm = none if b.missing is None else np.broadcast_to(b.missing, (env.size,))
        missing = np.where(cond, am, bm)
        doubt_parts = [cdoubt]
        if a.doubt is not None:
            doubt_parts.append(cond & a.doubt)
        if b.doubt is not None:
            doubt_parts.append(~cond & b.doubt)
        return BatchValue(
            data,
            missing=missing,
            doubt=_or_masks(*doubt_parts),
            faithful=a.faithful and b.faithful,
        )

    def words(self) -> str:
        return f"{self.then.words()} if {self.condition.words()}, else {self.otherwise.words()}"

    def children(self) -> tuple[Expr, ...]:
        return (self.condition, self.then, self.otherwise)


@attrs.frozen(eq=False)
class _Extreme(Expr):
    """The larger or smaller of two numbers; missing when either is missing."""

    left: Expr = attrs.field(converter=as_expr)
    right: Expr = attrs.field(converter=as_expr)

    name: ClassVar[str]
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
        return BatchValue(
            type(self).pick_array(a.data.astype(float), b.data.astype(float)),
            missing=_or_masks(a.missing, b.missing),
            doubt=_or_masks(a.doubt, b.doubt),
            faithful=a.faithful and b.faithful,
        )

    def words(self) -> str:
        return f"{self.name}({self.left.words()}, {self.right.words()})"

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


@attrs.frozen(eq=False)
class Max(_Extreme):
    """The larger of two numbers."""

    name: ClassVar[str] = "max"
    pick: ClassVar[Callable[[Any, Any], Any]] = max
    pick_array: ClassVar[Callable[[Any, Any], Any]] = np.maximum


@attrs.frozen(eq=False)
class Min(_Extreme):
    """The smaller of two numbers."""

    name: ClassVar[str] = "min"
    pick: ClassVar[Callable[[Any, Any], Any]] = min
    pick_array: ClassVar[Callable[[Any, Any], Any]] = np.minimum


def numeric_or_none(value: ExactValue) -> Fraction | None:
    """Return *value* when it is a number, else ``None``."""
    return value if isinstance(value, Fraction) else None
