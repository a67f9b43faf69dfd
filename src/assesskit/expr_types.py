"""Static types of expressions: a veto that compares a flag with text is refused when defined.

An expression such as ``Input("fraud").equals(Const("true"))`` is legal
Python and evaluates without error, but a flag is parsed as ``True`` or
``False``, never as the text ``"true"``: the veto can never fire. Typing
every veto, outcome and history trigger when a scheme is built turns such
mistakes into :class:`~assesskit.errors.SchemeDefinitionError` problems that
name the expression and both sides.

Each expression has a :class:`ValueType`: a number (with the quantity it
measures: money, a ratio, a count, a rating, percentage points, a year, the
total), a flag, a text, a date, a period, a list, no value, or unknown. The
rules:

- comparisons need two numbers of the same quantity (or one plain number:
  a literal, a ``number`` metric or parameter), or two values of the same
  other type; a comparison with :class:`~assesskit.expressions.NoValue`
  never holds;
- ``+``, ``-``, ``max`` and ``min`` need numbers of the same quantity;
  ``*`` and ``/`` need numbers (``money × ratio`` is money, ``money / 100``
  is money, other products and quotients are plain numbers);
- conditions (vetoes, history triggers, ``Where``, ``and``, ``or``, ``not``)
  need flags;
- both branches of ``Where`` and every value of a ``BandLookup`` have one type;
- an outcome of kind ``money`` or ``number`` needs a number, of kind
  ``flag`` a flag.

An expression node from a plugin may define ``value_type(env)`` returning a
:class:`ValueType`; without it its type is unknown (compatible with
everything), and its children are still checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

import attrs

from assesskit.expressions import (
    Arith,
    BandIs,
    BandLookup,
    Compare,
    ComponentsWithStatus,
    Const,
    Expr,
    Input,
    Logic,
    Max,
    Min,
    NextPeriod,
    NoneWithStatus,
    Not,
    NoValue,
    OutcomeRef,
    Param,
    Present,
    StatusIs,
    Total,
    Vetoed,
    Where,
)
from assesskit.metrics import MetricKind

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = ["TypeEnv", "ValueType", "expression_problems", "infer_type", "scheme_type_problems"]

#: The broad type of a value.
TypeKind = Literal["number", "flag", "text", "date", "period", "list", "none", "unknown"]

_QUANTITY: dict[MetricKind, str | None] = {
    MetricKind.RATIO: "ratio",
    MetricKind.COUNT: "count",
    MetricKind.MONEY: "money",
    MetricKind.RATING: "rating",
    MetricKind.NUMBER: None,
    MetricKind.POINTS: "points",
    MetricKind.YEAR: "year",
}
_NON_NUMERIC: dict[MetricKind, TypeKind] = {
    MetricKind.FLAG: "flag",
    MetricKind.DATE: "date",
    MetricKind.PERIOD: "period",
}
_QUANTITY_WORDS = {
    "ratio": "a ratio",
    "count": "a count",
    "money": "money",
    "rating": "a rating",
    "points": "percentage points",
    "year": "a year",
    "score": "the total (points)",
}
_NOUNS = {"points": "percentage points", "score": "total"}
_KIND_WORDS: dict[TypeKind, str] = {
    "number": "a number",
    "flag": "a flag (true/false)",
    "text": "text",
    "date": "a date",
    "period": "a period",
    "list": "a list",
    "none": "no value",
    "unknown": "a value of unknown type",
}


@attrs.frozen
class ValueType:
    """The static type of an expression.

    ``quantity`` is what a number measures (``money``, ``ratio``, ``count``,
    ``rating``, ``points``, ``year``, ``score`` for the total); ``None`` for
    a plain number, which goes with any quantity.
    """

    kind: TypeKind
    quantity: str | None = None

    def words(self) -> str:
        """The type for a message: ``money``, ``a flag (true/false)``."""
        if self.kind == "number" and self.quantity is not None:
            return _QUANTITY_WORDS.get(self.quantity, self.quantity)
        return _KIND_WORDS[self.kind]

    def noun(self) -> str:
        """The type as a noun before a name: ``flag`` in ``flag 'fraud'``."""
        if self.kind == "number" and self.quantity is not None:
            return _NOUNS.get(self.quantity, self.quantity)
        return "value" if self.kind == "unknown" else self.kind

    @property
    def loose(self) -> bool:
        """Whether the type goes with any other (unknown, or no value)."""
        return self.kind in ("unknown", "none")


NUMBER = ValueType("number")
FLAG = ValueType("flag")
TEXT = ValueType("text")
LIST = ValueType("list")
NONE = ValueType("none")
UNKNOWN = ValueType("unknown")


def metric_type(kind: MetricKind) -> ValueType:
    """The type of a value of a metric (or parameter) of *kind*."""
    if kind in _NON_NUMERIC:
        return ValueType(_NON_NUMERIC[kind])
    return ValueType("number", _QUANTITY.get(kind))


_OUTCOME_TYPES: dict[str, ValueType] = {
    "money": ValueType("number", "money"),
    "number": NUMBER,
    "flag": FLAG,
    "text": TEXT,
    "list": LIST,
}


@attrs.frozen
class TypeEnv:
    """What the types of expressions in a scheme depend on.

    ``inputs`` and ``params`` map names to types; ``outcomes`` maps the
    outcomes computed so far to their kinds.
    """

    inputs: Mapping[str, ValueType]
    params: Mapping[str, ValueType]
    outcomes: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def of(cls, scheme: Scheme) -> TypeEnv:
        """The environment of *scheme*: its metrics and parameters (weights, cuts: numbers)."""
        params = dict.fromkeys(scheme.param_names(), NUMBER)
        params.update({p.name: metric_type(p.kind) for p in scheme.parameters})
        return cls({m.name: metric_type(m.kind) for m in scheme.metrics}, params)

    def with_outcome(self, outcome_id: str, kind: str) -> TypeEnv:
        """This environment with one more outcome computed."""
        return attrs.evolve(self, outcomes={**self.outcomes, outcome_id: kind})


def _named(expr: Expr, vtype: ValueType) -> str:
    """An operand for a message: ``flag 'fraud'``, ``text 'true'``, ``money (a − b)``."""
    if isinstance(expr, Input):
        return f"{vtype.noun()} {expr.name!r}"
    if isinstance(expr, Param):
        return f"parameter {expr.name!r} ({vtype.words()})"
    if isinstance(expr, OutcomeRef):
        return f"outcome {expr.name!r} ({vtype.words()})"
    if isinstance(expr, Const):
        return f"{vtype.noun()} {expr.words()}"
    if isinstance(expr, NoValue | Total):
        return expr.words()
    return f"{vtype.words()} ({expr.words()})"


@attrs.frozen
class _Checker:
    """Infers types bottom-up and collects every problem on the way."""

    env: TypeEnv
    problems: list[str] = attrs.field(factory=list)

    def fail(self, expr: Expr, message: str) -> None:
        self.problems.append(f"{expr.words()}: {message}")

    def infer(self, expr: Expr) -> ValueType:
        rule = _RULES.get(type(expr))
        if rule is not None:
            return rule(self, expr)
        for child in expr.children():
            self.infer(child)
        own = getattr(expr, "value_type", None)
        if callable(own):
            found = own(self.env)
            if isinstance(found, ValueType):
                return found
        return UNKNOWN

    def condition(self, expr: Expr, role: str) -> None:
        """Check that *expr*, used as *role*, is a flag."""
        vtype = self.infer(expr)
        if vtype.kind not in ("flag", "unknown"):
            self.fail(
                expr,
                f"{role} must be a flag (true/false), but this is {vtype.words()}; "
                "compare it with something (> < == ...) to make a condition",
            )

    def number(self, expr: Expr, parent: Expr, what: str) -> ValueType:
        vtype = self.infer(expr)
        if vtype.kind not in ("number", "unknown", "none"):
            self.fail(parent, f"{what} needs numbers, but {_named(expr, vtype)} is not a number")
            return UNKNOWN
        return vtype

    def same_quantity(
        self, parent: Expr, left: Expr, right: Expr, lt: ValueType, rt: ValueType, how: str
    ) -> str | None:
        """The common quantity of two numbers; a problem when they measure different things.

        *how* words the problem, with ``{left}`` and ``{right}`` for the operands.
        """
        if lt.kind != "number" or rt.kind != "number":
            return lt.quantity if lt.kind == "number" else rt.quantity
        if lt.quantity is None or rt.quantity is None or lt.quantity == rt.quantity:
            return lt.quantity or rt.quantity
        words = how.format(left=_named(left, lt), right=_named(right, rt))
        self.fail(parent, f"{words}, which measure different things")
        return None


def _const(_: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Const)
    if isinstance(expr.value, bool):
        return FLAG
    if isinstance(expr.value, Fraction):
        return NUMBER
    return TEXT


def _input(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Input)
    return checker.env.inputs.get(expr.name, UNKNOWN)


def _param(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Param)
    return checker.env.params.get(expr.name, UNKNOWN)


def _outcome(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, OutcomeRef)
    kind = checker.env.outcomes.get(expr.name)
    return UNKNOWN if kind is None else _OUTCOME_TYPES.get(kind, UNKNOWN)


def _band_lookup(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, BandLookup)
    numbers = [band for band, value in expr.values if isinstance(value, Fraction)]
    texts = [band for band, value in expr.values if not isinstance(value, Fraction)]
    if numbers and texts:
        checker.fail(
            expr,
            f"gives numbers for bands {', '.join(numbers)} but text for "
            f"{', '.join(texts)}; give one type for every band",
        )
        return UNKNOWN
    return TEXT if texts else NUMBER


def _arith(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Arith)
    verb = {"+": "adding", "-": "subtracting", "*": "multiplying", "/": "dividing"}[expr.op]
    lt = checker.number(expr.left, expr, verb)
    rt = checker.number(expr.right, expr, verb)
    if lt.kind == "unknown" or rt.kind == "unknown":
        return UNKNOWN
    if "year" in (lt.quantity, rt.quantity):
        checker.fail(expr, "a year is a whole year, not a number to compute with")
        return UNKNOWN
    if expr.op in "+-":
        how = "adds {left} to {right}" if expr.op == "+" else "subtracts {right} from {left}"
        quantity = checker.same_quantity(expr, expr.left, expr.right, lt, rt, how)
        return ValueType("number", quantity)
    return ValueType("number", _product(lt.quantity, rt.quantity, expr.op))


def _product(left: str | None, right: str | None, op: str) -> str | None:
    """What a product or quotient measures: ``money × ratio`` is money, ``money / 100`` money."""
    if op == "/":
        return left if right is None else None
    if left is None or left == "ratio":
        return right if right is not None else left
    if right is None or right == "ratio":
        return left
    return None


def _compare(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Compare)
    lt, rt = checker.infer(expr.left), checker.infer(expr.right)
    left, right = _named(expr.left, lt), _named(expr.right, rt)
    if "none" in (lt.kind, rt.kind):
        checker.fail(expr, "a comparison with no value never holds")
    elif "unknown" in (lt.kind, rt.kind):
        pass
    elif lt.kind != rt.kind:
        flag = expr.left if lt.kind == "flag" else expr.right if rt.kind == "flag" else None
        if flag is not None:
            advice = (
                f": write {flag.words()} (true when set) or ~{flag.words()}"
                if isinstance(flag, Input)
                else ""
            )
            other = rt if flag is expr.left else lt
            reason = f"a flag is parsed as true or false, never as {other.words()}{advice}"
        else:
            reason = "values of different types are never equal nor ordered"
        checker.fail(expr, f"compares {left} with {right}; {reason}")
    elif lt.kind == "number":
        checker.same_quantity(expr, expr.left, expr.right, lt, rt, "compares {left} with {right}")
    elif lt.kind == "list":
        checker.fail(expr, "lists cannot be compared")
    return FLAG


def _logic(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Logic | Not)
    for part in expr.children():
        checker.condition(part, f"each part of '{expr.words()}'")
    return FLAG


def _where(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Where)
    checker.condition(expr.condition, "the condition of a Where")
    then, otherwise = checker.infer(expr.then), checker.infer(expr.otherwise)
    if then.loose or otherwise.loose:
        return otherwise if then.loose and then.kind != "unknown" else then
    if then.kind != otherwise.kind:
        checker.fail(
            expr,
            f"gives {_named(expr.then, then)} on one branch and "
            f"{_named(expr.otherwise, otherwise)} on the other; give one type on both",
        )
        return UNKNOWN
    if then.kind == "number":
        quantity = checker.same_quantity(
            expr, expr.then, expr.otherwise, then, otherwise, "gives {left} or {right}"
        )
        return ValueType("number", quantity)
    return then


def _extreme(checker: _Checker, expr: Expr) -> ValueType:
    assert isinstance(expr, Max | Min)
    lt = checker.number(expr.left, expr, expr.name)
    rt = checker.number(expr.right, expr, expr.name)
    if lt.kind == "unknown" or rt.kind == "unknown":
        return UNKNOWN
    return ValueType(
        "number",
        checker.same_quantity(
            expr, expr.left, expr.right, lt, rt, f"takes the {expr.name} of {{left}} and {{right}}"
        ),
    )


def _fixed(vtype: ValueType) -> Callable[[_Checker, Expr], ValueType]:
    return lambda _checker, _expr: vtype


_RULES: dict[type[Expr], Callable[[_Checker, Expr], ValueType]] = {
    Const: _const,
    Input: _input,
    Param: _param,
    OutcomeRef: _outcome,
    BandLookup: _band_lookup,
    Arith: _arith,
    Compare: _compare,
    Logic: _logic,
    Not: _logic,
    Where: _where,
    Max: _extreme,
    Min: _extreme,
    Present: _fixed(FLAG),
    Total: _fixed(ValueType("number", "score")),
    Vetoed: _fixed(FLAG),
    BandIs: _fixed(FLAG),
    StatusIs: _fixed(FLAG),
    NoneWithStatus: _fixed(FLAG),
    ComponentsWithStatus: _fixed(LIST),
    NextPeriod: _fixed(TEXT),
    NoValue: _fixed(NONE),
}


def infer_type(expr: Expr, env: TypeEnv) -> tuple[ValueType, list[str]]:
    """The type of *expr* in *env*, and every type problem found in it.

    >>> from assesskit.expressions import Input, Const
    >>> env = TypeEnv({"fraud": ValueType("flag")}, {})
    >>> infer_type(Input("fraud").equals(Const("true")), env)[1]  # doctest: +ELLIPSIS
    ["fraud == 'true': compares flag 'fraud' with text 'true'; a flag is parsed as true ..."]
    """
    checker = _Checker(env)
    return checker.infer(expr), checker.problems


_OUTCOME_NEEDS: dict[str, TypeKind] = {"money": "number", "number": "number", "flag": "flag"}


def expression_problems(
    expr: Expr, env: TypeEnv, *, condition: bool = False, outcome_kind: str | None = None
) -> list[str]:
    """Type problems of *expr*: as a condition (a flag), as an outcome of a kind, or as it is."""
    checker = _Checker(env)
    if condition:
        checker.condition(expr, "a condition")
        return checker.problems
    vtype = checker.infer(expr)
    if outcome_kind is not None and not vtype.loose:
        needs = _OUTCOME_NEEDS.get(outcome_kind)
        if needs is not None and vtype.kind != needs:
            checker.fail(
                expr,
                f"an outcome of kind {outcome_kind!r} needs {_KIND_WORDS[needs]}, "
                f"but this is {vtype.words()}",
            )
    return checker.problems


def _walk(expr: Expr) -> list[Expr]:
    found = [expr]
    for child in expr.children():
        found += _walk(child)
    return found


#: What a veto cannot read: vetoes are decided before the total, band and outcomes exist.
_AFTER_VETOES: dict[type[Expr], str] = {
    Total: "the total",
    BandIs: "the band",
    BandLookup: "the band",
    Vetoed: "whether a veto fired",
    OutcomeRef: "an outcome",
}
#: What a history trigger cannot read: history keeps totals, bands, vetoes and inputs only.
_NOT_IN_HISTORY: dict[type[Expr], str] = {
    OutcomeRef: "an outcome",
    StatusIs: "a component's status",
    ComponentsWithStatus: "components' statuses",
    NoneWithStatus: "components' statuses",
}


def _unseen(expr: Expr, unseen: Mapping[type[Expr], str], why: str) -> list[str]:
    return [
        f"{node.words()}: reads {unseen[type(node)]}, {why}"
        for node in _walk(expr)
        if type(node) in unseen
    ]


def scheme_type_problems(scheme: Scheme) -> list[str]:
    """Type problems of every veto, outcome and history trigger of *scheme*, each saying where.

    Also what a condition reads but can never see: a veto reading the total
    (vetoes are decided before it exists), a history trigger reading an
    outcome (history keeps totals, bands, vetoes and inputs only).
    """
    env = TypeEnv.of(scheme)
    problems: list[str] = []
    for veto in scheme.vetoes:
        problems += [
            f"veto {veto.id!r}: {p}"
            for p in expression_problems(veto.condition, env, condition=True)
        ]
        problems += [
            f"veto {veto.id!r}: {p}"
            for p in _unseen(
                veto.condition,
                _AFTER_VETOES,
                "which is decided after the vetoes: a veto never sees it",
            )
        ]
    for outcome in scheme.outcomes:
        problems += [
            f"outcome {outcome.id!r}: {p}"
            for p in expression_problems(outcome.expr, env, outcome_kind=outcome.kind)
        ]
        env = env.with_outcome(outcome.id, outcome.kind)
    for rule in scheme.history_rules:
        for trigger in rule.triggers:
            where = f"history rule {rule.id!r} trigger {trigger.id!r}"
            problems += [
                f"{where}: {p}" for p in expression_problems(trigger.condition, env, condition=True)
            ]
            problems += [
                f"{where}: {p}"
                for p in _unseen(
                    trigger.condition,
                    _NOT_IN_HISTORY,
                    "which the history of earlier periods does not keep: a trigger never sees it",
                )
            ]
    return problems
