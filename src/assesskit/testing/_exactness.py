"""The exact invariant: a rule's exact path never lets its numbers escape into binary floats.

A custom rule that computes ``weight * (value / target)`` through
``float(...)``, or ``0.1 * a + 0.2 * b <= 0.3``, gives 0.05 instead of 0.06 or
misses an exact threshold — on both scoring paths alike, so comparing them
cannot see it. The kit hands each rule's :meth:`~assesskit.rules.Rule.score`
numbers that refuse to become floats (:class:`StrictFraction`): converting
one with ``float()``, dividing its numerator by its denominator, or
combining or comparing it with a float raises :class:`FloatEscape`, which the
check reports with the component, the rule kind and the operation.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from assesskit.metrics import MetricValue
from assesskit.rules.base import RuleContext, Scored
from assesskit.scheme import Scheme
from assesskit.testing._probes import probe_values, rule_probes
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import ProfileArg, run_check, show
from assesskit.testing.strategies import DrawnRecord, SchemeInputs, _drawn

if TYPE_CHECKING:
    import hypothesis

__all__ = ["FloatEscape", "StrictFraction", "check_exact", "strict"]


class FloatEscape(ArithmeticError):  # noqa: N818 - what happened, like StopIteration
    """An exact number was turned into a float, or combined with one; the message says how."""


class _StrictInt(int):
    """The numerator or denominator of a :class:`StrictFraction`: dividing it gives a float."""

    def __truediv__(self, other: object) -> Any:
        raise FloatEscape(f"divided {int(self)} by {other!r} with /, which gives a float")

    def __rtruediv__(self, other: object) -> Any:
        raise FloatEscape(f"divided {other!r} by {int(self)} with /, which gives a float")

    def __float__(self) -> float:
        raise FloatEscape(f"converted the numerator or denominator {int(self)} to float")


_SYMBOLS = {
    "add": "+",
    "sub": "−",
    "mul": "×",
    "truediv": "/",
    "floordiv": "//",
    "mod": "%",
    "divmod": "divmod",
    "pow": "**",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
    "eq": "==",
}


def _is_float(value: object) -> bool:
    return isinstance(value, float) or type(value).__name__.startswith("float")


class StrictFraction(Fraction):
    """A Fraction that refuses to become a float: every result of arithmetic is strict too."""

    __slots__ = ()
    __hash__ = Fraction.__hash__

    @property
    def numerator(self) -> int:
        return _StrictInt(super().numerator)

    @property
    def denominator(self) -> int:
        return _StrictInt(super().denominator)

    def __float__(self) -> float:
        raise FloatEscape(f"converted the exact number {self} to float")

    def __complex__(self) -> complex:
        raise FloatEscape(f"converted the exact number {self} to complex")


def _escape(name: str, value: Fraction, other: object, reflected: bool) -> FloatEscape:
    symbol = _SYMBOLS[name]
    left, right = (repr(other), str(value)) if reflected else (str(value), repr(other))
    return FloatEscape(f"computed {left} {symbol} {right} with the float {other!r}")


def _strict(value: Any) -> Any:
    if isinstance(value, Fraction) and not isinstance(value, StrictFraction):
        return StrictFraction(value)
    if isinstance(value, tuple):
        return tuple(_strict(v) for v in value)
    return value


def _arithmetic(name: str, reflected: bool) -> Callable[[StrictFraction, object], Any]:
    base = getattr(Fraction, f"__{'r' if reflected else ''}{name}__")

    def method(self: StrictFraction, other: object) -> Any:
        if _is_float(other):
            raise _escape(name, self, other, reflected)
        return _strict(base(self, other))

    method.__name__ = f"__{'r' if reflected else ''}{name}__"
    return method


def _comparison(name: str) -> Callable[[StrictFraction, object], Any]:
    base = getattr(Fraction, f"__{name}__")

    def method(self: StrictFraction, other: object) -> Any:
        if _is_float(other):
            raise FloatEscape(
                f"compared the exact number {self} {_SYMBOLS[name]} the float {other!r} (a "
                f"binary float, exactly {Decimal(float(other))})"  # type: ignore[arg-type]
            )
        return base(self, other)

    method.__name__ = f"__{name}__"
    return method


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "divmod", "pow"):
    setattr(StrictFraction, f"__{_name}__", _arithmetic(_name, reflected=False))
    setattr(StrictFraction, f"__r{_name}__", _arithmetic(_name, reflected=True))
for _name in ("lt", "le", "gt", "ge", "eq"):
    setattr(StrictFraction, f"__{_name}__", _comparison(_name))
for _name, _op in (("neg", operator.neg), ("pos", operator.pos), ("abs", operator.abs)):
    setattr(
        StrictFraction,
        f"__{_name}__",
        lambda self, _op=_op: StrictFraction(_op(Fraction(self))),
    )


def strict(value: Any) -> Any:
    """*value* with every Fraction in it (a mapping's values, a tuple's items) made strict."""
    if isinstance(value, Mapping):
        return {k: strict(v) for k, v in value.items()}
    return _strict(value)


# -- the check ----------------------------------------------------------------------------------


def _strict_score(
    scheme: Scheme,
    component: str,
    values: Mapping[str, MetricValue],
    params: Mapping[str, Any],
    weight: Fraction,
) -> tuple[Scored | None, FloatEscape | None]:
    rule = next(c.rule for c in scheme.components if c.id == component)
    ctx = RuleContext(strict(values), scheme.metric_map, strict(params))
    try:
        return rule.score(ctx, StrictFraction(weight)), None
    except FloatEscape as exc:
        return None, exc


def _exact_body(scheme: Scheme) -> Callable[[DrawnRecord], None]:
    params = scheme.params()
    weights = scheme.effective_weights()
    probes = probe_values(scheme)
    kinds = {c.id: c.rule.kind for c in scheme.components}
    inputs = {c.id: c.rule.inputs() for c in scheme.components}
    seen: set[tuple[Any, ...]] = set()

    def check(
        cid: str, values: Mapping[str, MetricValue], record: dict[str, Any], label: str
    ) -> bool:
        try:
            scored, escape = _strict_score(scheme, cid, values, params, weights[cid])
        except Exception:
            return True  # an exception is the business of the bounds check, which names it
        where = f"component {cid!r} (rule kind {kinds[cid]!r})"
        if escape is not None:
            raise InvariantViolation(
                "exact",
                scheme.id,
                f"{where} let an exact number escape into binary floating point in "
                f"score(): {escape}",
                component=cid,
                details=[
                    "the exact path must compute with Fraction only: read inputs with "
                    "ctx.fraction(), constants with ctx.number(), and write decimals as "
                    "Fraction('0.1'), never 0.1"
                ],
                record=record,
                record_label=label,
            )
        points: object = None if scored is None else scored.points
        if points is not None and (
            isinstance(points, bool) or not isinstance(points, int | Fraction)
        ):
            raise InvariantViolation(
                "exact",
                scheme.id,
                f"{where} returned {type(points).__name__} points {points!r} from score(), "
                f"not an exact number",
                component=cid,
                record=record,
                record_label=label,
            )
        return True

    def body(drawn: DrawnRecord) -> None:
        for component in scheme.components:
            check(component.id, drawn.values, drawn.record, "counterexample")
        for probe in rule_probes(scheme, drawn.values, probes, seen):
            moved = f"{probe.metric} = {show(probe.value)}"
            value = show(probe.value) if isinstance(probe.value, Fraction) else probe.value
            record = {**drawn.record, probe.metric: value}
            if check(probe.component, probe.values, record, f"counterexample (with {moved})"):
                seen.add(probe.key(inputs[probe.component]))

    return body


def check_exact(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """Each rule's exact path computes with exact numbers only.

    Every component's rule scores generated records, and the same records
    with each of its inputs moved to every number the rule holds (and one
    step either side), with inputs, parameters and the weight given as
    :class:`StrictFraction`: a ``float()`` of one, a division of its
    numerator by its denominator, arithmetic or a comparison with a float
    fails the check, naming the component, the rule kind and the operation;
    so do points that are not exact numbers.
    """
    strategy = _drawn(SchemeInputs.of(scheme), 0.5, "E-1", None)
    run_check(scheme, "exact", strategy, _exact_body(scheme), profile, settings, share=3)
