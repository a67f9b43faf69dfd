"""A small expression language for veto conditions, outcomes and history triggers.

Schemes are data: a veto is ``Input("loan_loss_rate") > 0.01``, a pay rule is
``Input("standard_salary") * Total() / 100``. Each expression evaluates two
ways with one meaning: exactly on one record (fractions, with missing values
as ``None``) and vectorised on a batch (numpy, with a mask of rows where
float noise could change the answer; those rows are re-done exactly).

Every node carries all of its forms as methods — exact, batch, text, the
scaled-integer form, its static type, its range over the inputs' domains
and the facts the testing kit's search needs (see
:mod:`assesskit.expressions.node`) — so a new node is one class.

>>> from fractions import Fraction
>>> rule = Input("loan_loss_rate") > Const("0.01")
>>> rule.words()
'loan_loss_rate > 0.01'
"""

from __future__ import annotations

from assesskit.expressions.algebra import Arith, Compare, Const, Expr, Logic, Not, as_expr
from assesskit.expressions.choices import Max, Min, Where
from assesskit.expressions.env import (
    BatchEnv,
    BatchValue,
    ExactEnv,
    ExactValue,
    ScaledEnv,
    numeric_or_none,
)
from assesskit.expressions.leaves import (
    BandIs,
    BandLookup,
    Input,
    NextPeriod,
    NoValue,
    OutcomeRef,
    Param,
    Present,
    Total,
    Vetoed,
)
from assesskit.expressions.node import Node
from assesskit.expressions.statuses import ComponentsWithStatus, NoneWithStatus, StatusIs

__all__ = [
    "Arith",
    "BandIs",
    "BandLookup",
    "BatchEnv",
    "BatchValue",
    "Compare",
    "ComponentsWithStatus",
    "Const",
    "ExactEnv",
    "ExactValue",
    "Expr",
    "Input",
    "Logic",
    "Max",
    "Min",
    "NextPeriod",
    "NoValue",
    "Node",
    "NoneWithStatus",
    "Not",
    "OutcomeRef",
    "Param",
    "Present",
    "ScaledEnv",
    "StatusIs",
    "Total",
    "Vetoed",
    "Where",
    "as_expr",
    "numeric_or_none",
]
