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

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

import attrs

from assesskit._forms import owns_form
from assesskit.expressions import Node
from assesskit.expressions.value_types import (
    FLAG,
    KIND_WORDS,
    LIST,
    NUMBER,
    TEXT,
    UNKNOWN,
    TypeKind,
    ValueType,
)
from assesskit.metrics import MetricKind

if TYPE_CHECKING:
    from assesskit.components import HistoryRule, Outcome, Parameter, Veto
    from assesskit.metrics import Metric


class TypedScheme(Protocol):
    """What the type check reads of a scheme (a :class:`~assesskit.definition.SchemeDefinition`)."""

    @property
    def metrics(self) -> tuple[Metric, ...]: ...
    @property
    def parameters(self) -> tuple[Parameter, ...]: ...
    @property
    def vetoes(self) -> tuple[Veto, ...]: ...
    @property
    def outcomes(self) -> tuple[Outcome, ...]: ...
    @property
    def history_rules(self) -> tuple[HistoryRule, ...]: ...
    def param_names(self) -> list[str]: ...


__all__ = ["TypeEnv", "ValueType", "expression_problems", "infer_type", "scheme_type_problems"]

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
    def of(cls, scheme: TypedScheme) -> TypeEnv:
        """The environment of *scheme*: its metrics and parameters (weights, cuts: numbers)."""
        params = dict.fromkeys(scheme.param_names(), NUMBER)
        params.update({p.name: metric_type(p.kind) for p in scheme.parameters})
        return cls({m.name: metric_type(m.kind) for m in scheme.metrics}, params)

    def with_outcome(self, outcome_id: str, kind: str) -> TypeEnv:
        """This environment with one more outcome computed."""
        return attrs.evolve(self, outcomes={**self.outcomes, outcome_id: kind})


@attrs.frozen
class _Checker:
    """Infers types bottom-up and collects every problem on the way.

    Each node gives its own type (:meth:`~assesskit.expressions.Node.check_type`),
    asking the checker for its children's; a node without a type form of its
    own has its children checked and its type unknown, or what its
    ``value_type(env)`` says (a node from a plugin).
    """

    env: TypeEnv
    problems: list[str] = attrs.field(factory=list)

    def fail(self, expr: Node, message: str) -> None:
        self.problems.append(f"{expr.words()}: {message}")

    def infer(self, expr: Node) -> ValueType:
        if owns_form(expr, "check_type"):
            return expr.check_type(self)
        return self.unknown_node(expr)

    def unknown_node(self, expr: Node) -> ValueType:
        for child in expr.children():
            self.infer(child)
        own = getattr(expr, "value_type", None)
        if callable(own):
            found = own(self.env)
            if isinstance(found, ValueType):
                return found
        return UNKNOWN

    def input_type(self, name: str) -> ValueType:
        return self.env.inputs.get(name, UNKNOWN)

    def param_type(self, name: str) -> ValueType:
        return self.env.params.get(name, UNKNOWN)

    def outcome_type(self, name: str) -> ValueType:
        kind = self.env.outcomes.get(name)
        return UNKNOWN if kind is None else _OUTCOME_TYPES.get(kind, UNKNOWN)

    def condition(self, expr: Node, role: str) -> None:
        """Check that *expr*, used as *role*, is a flag."""
        vtype = self.infer(expr)
        if vtype.kind not in ("flag", "unknown"):
            self.fail(
                expr,
                f"{role} must be a flag (true/false), but this is {vtype.words()}; "
                "compare it with something (> < == ...) to make a condition",
            )

    def number(self, expr: Node, parent: Node, what: str) -> ValueType:
        vtype = self.infer(expr)
        if vtype.kind not in ("number", "unknown", "none"):
            self.fail(parent, f"{what} needs numbers, but {expr.operand(vtype)} is not a number")
            return UNKNOWN
        return vtype

    def same_quantity(
        self, parent: Node, left: Node, right: Node, lt: ValueType, rt: ValueType, how: str
    ) -> str | None:
        """The common quantity of two numbers; a problem when they measure different things.

        *how* words the problem, with ``{left}`` and ``{right}`` for the operands.
        """
        if lt.kind != "number" or rt.kind != "number":
            return lt.quantity if lt.kind == "number" else rt.quantity
        if lt.quantity is None or rt.quantity is None or lt.quantity == rt.quantity:
            return lt.quantity or rt.quantity
        words = how.format(left=left.operand(lt), right=right.operand(rt))
        self.fail(parent, f"{words}, which measure different things")
        return None


def infer_type(expr: Node, env: TypeEnv) -> tuple[ValueType, list[str]]:
    """The type of *expr* in *env*, and every type problem found in it.

    >>> from assesskit.expressions import Input, Const
    >>> env = TypeEnv({"fraud": ValueType("flag")}, {})
    >>> infer_type(Input("fraud").equals(Const("true")), env)[1]  # doctest: +ELLIPSIS
    ["fraud == 'true': compares flag 'fraud' with text 'true'; a flag is parsed as true ..."]
    """
    checker = _Checker(env)
    return checker.infer(expr), checker.problems


# (a text outcome of a number would read "5" on the exact path and "5.0" on the batch path)
_OUTCOME_NEEDS: dict[str, TypeKind] = {
    "money": "number",
    "number": "number",
    "flag": "flag",
    "text": "text",
}


def expression_problems(
    expr: Node, env: TypeEnv, *, condition: bool = False, outcome_kind: str | None = None
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
                f"an outcome of kind {outcome_kind!r} needs {KIND_WORDS[needs]}, "
                f"but this is {vtype.words()}",
            )
    return checker.problems


def _walk(expr: Node) -> list[Node]:
    found = [expr]
    for child in expr.children():
        found += _walk(child)
    return found


#: What a veto cannot read (:attr:`Node.sees <assesskit.expressions.Node.sees>`): vetoes are
#: decided before the total, band and outcomes exist.
_AFTER_VETOES: dict[str, str] = {
    "total": "the total",
    "band": "the band",
    "veto": "whether a veto fired",
    "outcome": "an outcome",
}
#: What a history trigger cannot read: history keeps totals, bands, vetoes and inputs only.
_NOT_IN_HISTORY: dict[str, str] = {
    "outcome": "an outcome",
    "status": "a component's status",
    "statuses": "components' statuses",
}


def _unseen(expr: Node, unseen: Mapping[str, str], why: str) -> list[str]:
    return [
        f"{node.words()}: reads {unseen[part]}, {why}"
        for node in _walk(expr)
        for part in sorted(node.sees)
        if part in unseen
    ]


def scheme_type_problems(scheme: TypedScheme) -> list[str]:
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
