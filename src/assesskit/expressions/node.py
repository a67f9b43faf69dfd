"""What every expression node is: its forms, each a method, and what each form reads.

An expression node carries every form of itself; the engine, the type
checker and the testing kit find them on it, so a new node is one class:

- ``exact`` (one record, fractions), ``batch`` (numpy columns with a doubt
  mask) and ``words`` (the text): every node writes them;
- ``scaled`` (exact decimals on columns, preferred by the batch path):
  without it, ``None``, and the float path with its doubt mask is used;
- ``check_type`` (the static type, problems reported to the checker) and
  ``operand`` (the node named in a problem): without them, the type is
  unknown (or what a plugin's ``value_type(env)`` says), children checked;
- ``range`` (interval arithmetic over the inputs' domains, for the reach
  check): without it, any value;
- the reach search's facts: ``exhaustive`` (its truth changes only at the
  edges tried), ``number_in`` (a fixed number), ``input_name``,
  ``status_reads``, ``compared``, and the class attributes ``sees`` (what it
  reads of the result: the total, the band...), ``search_role`` and
  ``compound`` (in parentheses as an operand): without them, not
  exhaustive, nothing read, nothing fixed.

A form is trusted only when it was written for the meaning the node's
class computes (:func:`assesskit._forms.owns_form`): a subclass that
changes ``exact`` or ``batch`` but not, say, ``scaled`` gets the fallback,
never its parent's scaled form of another meaning. Callers go through the
guarded entry points: :func:`assesskit._scaled.scaled_value`, the type
checker's ``infer``, the range environment's ``eval`` and
:func:`is_exhaustive`.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from assesskit._forms import owns_form
from assesskit.expressions.env import BatchEnv, BatchValue, ExactEnv, ExactValue, ScaledEnv
from assesskit.expressions.ranges import ANY, Range
from assesskit.expressions.value_types import ValueType

if TYPE_CHECKING:
    from assesskit._scaled import Scaled

__all__ = ["Node", "RangeEnv", "SearchRole", "TypeChecker", "is_exhaustive"]

#: How the reach search treats a node as a side of a comparison (see :attr:`Node.search_role`).
SearchRole = Literal["fixed", "varied"]


class TypeChecker(Protocol):
    """What a node's type form can ask: the types of names, its children's types; where to
    report a problem (:class:`assesskit.expr_types.TypeEnv` and its checker)."""

    @property
    def env(self) -> Any:
        """The environment types are read from (:class:`assesskit.expr_types.TypeEnv`)."""

    def infer(self, expr: Node) -> ValueType:
        """The type of *expr* (its problems recorded on the way)."""

    def fail(self, expr: Node, message: str) -> None:
        """Record a problem of *expr*."""

    def condition(self, expr: Node, role: str) -> None:
        """Check that *expr*, used as *role*, is a flag."""

    def number(self, expr: Node, parent: Node, what: str) -> ValueType:
        """The type of *expr*, which *parent* needs to be a number for *what*."""

    def same_quantity(
        self, parent: Node, left: Node, right: Node, lt: ValueType, rt: ValueType, how: str
    ) -> str | None:
        """The common quantity of two numbers; a problem when they measure different things."""

    def input_type(self, name: str) -> ValueType:
        """The type of input *name*."""

    def param_type(self, name: str) -> ValueType:
        """The type of parameter *name*."""

    def outcome_type(self, name: str) -> ValueType:
        """The type of outcome *name*, computed earlier."""

    def unknown_node(self, expr: Node) -> ValueType:
        """The type of a node without a type form: its children checked, its own type unknown
        (or what its ``value_type(env)`` says)."""


class RangeEnv(Protocol):
    """What a node's range form can ask (:class:`assesskit.testing._abstract.Intervals`)."""

    def eval(self, expr: Node) -> Range:
        """The range of *expr*."""

    def truths(self, expr: Node) -> frozenset[bool]:
        """The truth values *expr* can take as a condition (missing counts as false)."""

    def input_range(self, name: str) -> Range:
        """The values of input *name* over its metric's domain."""

    def param_value(self, name: str) -> Any:
        """The value of parameter *name* (``None`` when unknown)."""

    def total_range(self) -> Range:
        """The totals the scheme can publish."""


class Node(abc.ABC):
    """An expression node: its forms (exact, batch, text, scaled, type, range) as methods.

    Subclass :class:`~assesskit.expressions.Expr` (a node with ``+ - * /`` and
    comparisons) rather than this class.
    """

    #: Written in parentheses as an operand (``(a + b) × c``).
    compound: ClassVar[bool] = False
    #: What the node reads of a record's result besides inputs and parameters:
    #: ``total``, ``band``, ``veto``, ``outcome``, ``status`` (one component's),
    #: ``statuses`` (every component's). Vetoes cannot read the first four; history
    #: triggers neither outcomes nor statuses.
    sees: ClassVar[frozenset[str]] = frozenset()
    #: As a side of a comparison: ``fixed`` when the same on every record of a scheme
    #: (a constant, a parameter), ``varied`` when the reach search tries it at each of its
    #: edges (an input, the total).
    search_role: ClassVar[SearchRole | None] = None

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

    def children(self) -> tuple[Node, ...]:
        """Sub-expressions."""
        return ()

    # -- forms with a safe fallback ------------------------------------------------------------
    def scaled(self, env: ScaledEnv) -> Scaled | None:
        """Evaluate on a batch as exact decimals, or ``None`` when it cannot be done.

        Call :func:`assesskit._scaled.scaled_value` on children, not this method.
        """
        return None

    def check_type(self, checker: TypeChecker) -> ValueType:
        """The static type of the node, problems reported to *checker*.

        Ask ``checker.infer`` for children's types, not their methods.
        """
        return checker.unknown_node(self)

    def operand(self, vtype: ValueType) -> str:
        """The node as an operand in a type problem: ``flag 'fraud'``, ``money (a − b)``."""
        return f"{vtype.words()} ({self.words()})"

    def range(self, env: RangeEnv) -> Range:
        """The values the node can take when inputs range over their domains (any, unknown).

        Ask ``env.eval`` and ``env.truths`` for children's ranges, not their methods.
        """
        return ANY

    def exhaustive(self) -> bool:
        """Whether trying every edge of the inputs the node reads (and of the total) tries
        every case of it: its truth changes only at those edges."""
        return False

    def number_in(self, param: Callable[[str], Any]) -> Fraction | None:
        """The number the node is on every record (a constant, a parameter given by *param*)."""
        return None

    def input_name(self) -> str | None:
        """The input whose value the node is (an ``Input``), else ``None``."""
        return None

    def status_reads(self) -> tuple[tuple[str | None, str], ...]:
        """``(component, status)`` pairs the node tests (component ``None``: every one)."""
        return ()

    def compared(self) -> tuple[Node, ...]:
        """The sides the node compares, when it is a comparison."""
        return ()


def is_exhaustive(expr: Node) -> bool:
    """:meth:`Node.exhaustive` of *expr*, ``False`` when the node does not write it itself."""
    return owns_form(expr, "exhaustive") and expr.exhaustive()
