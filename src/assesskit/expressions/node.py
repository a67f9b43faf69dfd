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
- ``text_table`` and ``text_codes`` (a text outcome with few distinct
  values, each computed once per batch, and each row's code into them):
  without them, ``None``, and the outcome is computed as any other;
- ``alternatives`` (the conditions any one of which makes it true: the parts
  of an ``or``) and ``condition_text`` (its words in a sentence, in English
  and Chinese), read by the target plan's table: without them, the node
  itself and its ``words``;
- ``shown`` (the expression written with one record's values, for a person
  to check: ``6150 × 74.73 / 100``): without it, the node's value;
- ``named_bands``: the band ids it names, checked against the scheme's;
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
checker's ``infer``, the range environment's ``eval``,
:func:`is_exhaustive`, :func:`text_table_of`, :func:`alternatives_of` and
:func:`condition_text_of`.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray
from assesskit._forms import owns_form
from assesskit.expressions.env import (
    BatchEnv,
    BatchValue,
    ExactEnv,
    ExactValue,
    ScaledEnv,
    ShowEnv,
)
from assesskit.expressions.ranges import ANY, Range
from assesskit.expressions.value_types import ValueType
from assesskit.periods import Period
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit._scaled import Scaled

__all__ = [
    "Node",
    "PeriodCodes",
    "RangeEnv",
    "SearchRole",
    "TextCodes",
    "TypeChecker",
    "ZhWords",
    "alternatives_of",
    "condition_text_of",
    "is_exhaustive",
    "judged",
    "shown_of",
    "text_codes_of",
    "text_table_of",
    "words_zh_of",
]

#: How the reach search treats a node as a side of a comparison (see :attr:`Node.search_role`).
SearchRole = Literal["fixed", "varied"]
#: Each row's code into a text table (one ``int`` for every row), and the rows in doubt.
TextCodes = tuple[npt.NDArray[np.intp] | int, BoolArray | None]


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


class PeriodCodes(Protocol):
    """The period of every row of a batch, as a code per row into the distinct periods
    (:class:`assesskit.scoring._batch_periods.BatchPeriods`)."""

    @property
    def codes(self) -> npt.NDArray[np.intp]:
        """Each row's code into :attr:`table`."""

    @property
    def table(self) -> tuple[Period | None, ...]:
        """The distinct periods (``None``: no period)."""


class ZhWords(Protocol):
    """What a node's Chinese words (:meth:`Node.words_zh`) are written with.

    :class:`assesskit.words_zh.ZhWriter` is the one the library uses.
    """

    def of(self, expr: Node) -> str:
        """*expr* (a child) in Chinese words."""

    def operand(self, expr: Node) -> str:
        """*expr* in Chinese words as an operand: in parentheses when compound."""

    def value(self, value: str) -> str:
        """A text value by its Chinese label, or as it is without one."""

    def band(self, band_id: str) -> str:
        """A band by its Chinese label, or its id without one."""


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

    def text_table(self, periods: PeriodCodes | None) -> tuple[str | None, ...] | None:
        """The few texts the node takes on a batch, each computed once; ``None`` (the default)
        when it is not such a node.

        A node that writes it writes :meth:`text_codes` too. Ask :func:`text_table_of`
        for children's tables, not their methods.
        """
        return None

    def text_codes(self, env: BatchEnv, periods: PeriodCodes | None, part: slice) -> TextCodes:
        """Each row of the chunk *part* as a code into :meth:`text_table`, and the rows in doubt.

        Called only on a node whose :func:`text_table_of` is not ``None``; ask
        :func:`text_codes_of` for children's codes, not their methods.
        """
        raise NotImplementedError(f"{type(self).__name__} has no text table")

    def alternatives(self) -> tuple[Node, ...]:
        """The conditions any one of which makes the node true, as written: the parts of an
        ``or``, flattened; by default the node itself.

        Ask :func:`alternatives_of` for children's, not their methods.
        """
        return (self,)

    def words_zh(self, zh: ZhWords) -> str:
        """The node in Chinese words (``总分``, ``较大值(a, b)``) for ``--lang zh``; by default
        its English :meth:`words` (ids, numbers and operators read the same).

        Ask ``zh.of`` and ``zh.operand`` for children's words, not their methods.
        """
        return self.words()

    def condition_text(self) -> Text:
        """The node as a condition in a sentence ("tb is behind", "tb 未达标"); by default
        its :meth:`words` in both languages."""
        return Text(self.words())  # the same in both languages

    def shown(self, env: ShowEnv) -> str:
        """The node written with the values it reads on one record, for a person to check
        by hand (``6150 × 74.73 / 100``); by default its value on the record.

        A condition writes what it states (``0.65% > 1%``, "a veto fired"), not its truth:
        the parent that reads it writes the truth (:func:`judged`). Ask :func:`shown_of`
        for children's, not their methods.
        """
        return env.value_text(self.exact(env))

    def named_bands(self) -> tuple[str, ...]:
        """The ids of the bands the node itself names, in the order written (not its
        children's), so that a scheme can check each is one of its bands."""
        return ()

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


def _writes_text_forms(expr: Node) -> bool:
    return (
        type(expr).text_codes is not Node.text_codes
        and owns_form(expr, "text_table")
        and owns_form(expr, "text_codes")
    )


def text_table_of(expr: Node, periods: PeriodCodes | None) -> tuple[str | None, ...] | None:
    """:meth:`Node.text_table` of *expr*; ``None`` when the node does not write both of its
    text forms itself (then its outcome is computed as any other)."""
    return expr.text_table(periods) if _writes_text_forms(expr) else None


def text_codes_of(expr: Node, env: BatchEnv, periods: PeriodCodes | None, part: slice) -> TextCodes:
    """:meth:`Node.text_codes` of *expr*, whose :func:`text_table_of` is not ``None``."""
    return expr.text_codes(env, periods, part)


def shown_of(expr: Node, env: ShowEnv) -> str:
    """:meth:`Node.shown` of *expr*; its value when the node does not write the form itself."""
    if owns_form(expr, "shown"):
        return expr.shown(env)
    return env.value_text(expr.exact(env))


def judged(expr: Node, env: ShowEnv) -> str:
    """A condition written with its values and its truth: ``0.65% > 1%: no`` (``:否``)."""
    truth = env.value_text(bool(expr.exact(env)))
    name = expr.input_name()  # a flag input as the condition: its label, not its value twice
    text = shown_of(expr, env) if name is None else env.input_label(name)
    return env.say(f"{text}: {truth}", f"{text}:{truth}")


def alternatives_of(expr: Node) -> tuple[Node, ...]:
    """:meth:`Node.alternatives` of *expr*; the node itself when it does not write the form."""
    return expr.alternatives() if owns_form(expr, "alternatives") else (expr,)


#: What the Chinese words translate: the English words (a subclass that changes only what
#: it computes keeps both its parent's words and their translation).
_TRANSLATED = ("words",)


def words_zh_of(expr: Node, zh: ZhWords) -> str:
    """:meth:`Node.words_zh` of *expr*; its English words when a subclass rewrote its
    English words below the class that wrote the Chinese ones."""
    if owns_form(expr, "words_zh", _TRANSLATED):
        return expr.words_zh(zh)
    return expr.words()


def condition_text_of(expr: Node) -> Text:
    """:meth:`Node.condition_text` of *expr*; its words when it does not write the form."""
    if owns_form(expr, "condition_text"):
        return expr.condition_text()
    return Text(expr.words())  # the same in both languages
