"""Components, vetoes, outcomes, history rules and parameters: the parts of a scheme."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal

import attrs

from assesskit._exact import ExactNumber, to_fraction
from assesskit.expressions import Expr
from assesskit.parameters import Parameter
from assesskit.rules.base import Rule
from assesskit.text import Text

__all__ = [
    "Component",
    "Example",
    "HistoryRule",
    "Outcome",
    "OutcomeKind",
    "Parameter",
    "Review",
    "Trigger",
    "Veto",
]


@attrs.frozen
class Component:
    """A scored part of a scheme: ``weight`` points awarded by ``rule``.

    With relative weights (``Scheme(weights="relative")``) the weight is
    scaled so that all weights sum to 100.
    """

    id: str
    label: Text
    weight: Fraction = attrs.field(converter=to_fraction)
    rule: Rule
    note: Text | None = None


@attrs.frozen
class Veto:
    """一票否決: when ``condition`` holds the whole total is 0."""

    id: str
    label: Text
    condition: Expr


#: How an outcome's value is published.
OutcomeKind = Literal["money", "number", "flag", "text", "list"]


def _word_pairs(
    words: Mapping[str, Text] | Iterable[tuple[str, Text]],
) -> tuple[tuple[str, Text], ...]:
    # A typed converter: a mapping or pairs, kept as pairs (the outcome stays hashable).
    items = words.items() if isinstance(words, Mapping) else words
    return tuple((str(value), word) for value, word in items)


@attrs.frozen
class Outcome:
    """A consequence computed from the result: pay, bonus, a status...

    ``money`` is rounded half-up to the fen; ``number`` to ``places``
    decimals (half-up); ``flag``, ``text`` and ``list`` (of texts) are published as they are. A
    missing value (an optional input not given) publishes as ``None``.

    ``words`` names a ``text`` outcome's values for people (``withheld`` → 暂停发放):
    the value itself stays the machine's (JSON, CSV), the word is what ``--lang zh``
    shows. It is presentation only: the scheme's fingerprint does not change with it.
    """

    id: str
    label: Text
    expr: Expr
    kind: OutcomeKind = "number"
    places: int = 6
    note: Text | None = None
    words: tuple[tuple[str, Text], ...] = attrs.field(
        default=(), converter=_word_pairs, metadata={"identity": False}
    )

    def word_map(self) -> dict[str, Text]:
        """The words of the outcome's values, by value."""
        return dict(self.words)


@attrs.frozen
class Trigger:
    """One condition of a history rule, checked in each period of the window."""

    id: str
    label: Text
    condition: Expr


def _trigger_tuple(triggers: Iterable[Trigger]) -> tuple[Trigger, ...]:
    # A typed converter: with ``converter=tuple`` mypy cannot type the argument.
    return tuple(triggers)


@attrs.frozen
class HistoryRule:
    """A consequence over consecutive periods: "three consecutive months at 60 or below".

    The rule fires when some trigger's condition holds in the current period
    and in each of the ``periods − 1`` periods before it. It publishes the
    outcome ``id`` (true/false) and, when ``triggers_outcome`` is set, the
    list of triggers that fired. Missing history is reported in the notes.
    """

    id: str
    label: Text
    periods: int
    triggers: tuple[Trigger, ...] = attrs.field(converter=_trigger_tuple)
    triggers_outcome: str | None = None


@attrs.frozen
class Review:
    """Who reviews: the initial review (初評) and the final review (最終評價)."""

    initial: Text | None = None
    final: Text | None = None
    assessor: Text | None = None
    note: Text | None = None


@attrs.frozen
class Example:
    """A worked example a scheme declares: inputs and the results they must give.

    ``expected`` may hold ``total``, ``band``, ``vetoed``, ``components``
    (id → points) and ``outcome`` (id → value); the testing kit checks them.
    """

    name: str
    record: Mapping[str, Any]
    expected: Mapping[str, Any]
    params: Mapping[str, Any] = attrs.field(factory=dict)


def weight(value: ExactNumber) -> Fraction:
    """An exact weight."""
    return to_fraction(value)
