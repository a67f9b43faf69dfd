"""The params invariant: every parameter value a scheme accepts scores without error.

A rule that divides by a parameter is fine at the default target and
raises ``ZeroDivisionError`` at a target of 0. The check draws parameter
values from their declared domains — 0, the ends, the default, half and
twice it, values in between — and relative weights and band cuts where the
scheme lets them be tuned. A configuration the scheme refuses
(:class:`~assesskit.errors.ParameterError`) is the scheme doing its job;
with one it accepts, every rule is probed at every number it holds, a
generated record is scored on both paths, and an exception or a difference
fails the check, naming the component and the parameter values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st

from assesskit.components import Parameter
from assesskit.errors import ParameterError
from assesskit.intervals import Interval
from assesskit.metrics import Metric, MetricValue
from assesskit.scheme import BAND_PARAM_PREFIX, WEIGHT_PARAM_PREFIX, Scheme
from assesskit.testing._bounds import probe_rules
from assesskit.testing._compare import exact_and_batch_differ
from assesskit.testing._culprit import params_words
from assesskit.testing._probes import probe_values
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    Compact,
    ProfileArg,
    run_check,
    score_batch_or_fail,
    score_or_fail,
    show,
    single_columns,
)
from assesskit.testing._spaces import _PLACES
from assesskit.testing.strategies import DrawnRecord, SchemeInputs, _drawn

if TYPE_CHECKING:
    import hypothesis

__all__ = ["check_params", "parameter_values"]

_DrawFn = st.DrawFn


def _domain(param: Parameter) -> Interval:
    if param.domain is not None:
        return param.domain
    domain = Metric(param.name, param.kind, param.label).domain
    return domain if domain is not None else Interval(None, None)


def parameter_values(param: Parameter) -> tuple[Fraction, ...]:
    """Values of *param* worth trying: 0, the domain's ends (one step inside an open end),
    the default, half and twice it, one smallest step, all within the domain.

    >>> from assesskit import MetricKind, Text
    >>> parameter_values(Parameter("target", Text("target"), 100000, kind=MetricKind.MONEY))
    (Fraction(0, 1), Fraction(1, 100), Fraction(50000, 1), Fraction(100000, 1), Fraction(200000, 1))
    """
    places = _PLACES.get(param.kind, 4)
    step = Fraction(1, 10**places)
    try:
        default = Fraction(param.parse(param.default))
    except (TypeError, ValueError):
        return ()
    domain = _domain(param)
    found = {Fraction(0), step, -step, default, default * 2, default / 2, -default}
    if domain.lower is not None:
        found.add(domain.lower if domain.lower_closed else domain.lower + step)
    if domain.upper is not None:
        found.add(domain.upper if domain.upper_closed else domain.upper - step)
    on_grid = {Fraction(math.floor(v / step)) * step for v in found}
    return tuple(sorted(v for v in on_grid if domain.contains(v)))


@attrs.frozen(repr=False)
class _Configured(Compact):
    """Parameter values for a scheme, and a record drawn for the configured scheme."""

    values: dict[str, Fraction]
    scheme: Scheme | None
    drawn: DrawnRecord | None

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={show(v)}" for k, v in self.values.items())
        return f"<parameters {shown or 'as defined'}>"


def _choices(scheme: Scheme) -> dict[str, tuple[Fraction, ...]]:
    """Values to draw for every parameter the scheme takes, weights and band cuts included."""
    found = {
        p.name: values
        for p in scheme.parameters
        if p.kind.is_numeric and (values := parameter_values(p))
    }
    params = scheme.params()
    for name in scheme.param_names():
        if name.startswith(WEIGHT_PARAM_PREFIX):
            weight = Fraction(params[name])
            found[name] = tuple(sorted({Fraction(0), Fraction(1), weight, 2 * weight}))
        elif name.startswith(BAND_PARAM_PREFIX):
            cut = Fraction(params[name])
            found[name] = tuple(
                sorted(
                    v for v in {Fraction(0), cut - 5, cut, cut + 5, Fraction(100)} if 0 <= v <= 100
                )
            )
    return found


def _configure(
    scheme: Scheme, values: Mapping[str, Fraction], cache: dict[tuple[Any, ...], Any]
) -> Scheme | None:
    """*scheme* with *values* set, ``None`` when it refuses them; cached."""
    key = tuple(sorted(values.items()))
    if key not in cache:
        try:
            cache[key] = scheme.with_params(values)
        except ParameterError:
            cache[key] = None  # the scheme refuses these values: nothing to check
    found: Scheme | None = cache[key]
    return found


def _edge_values(scheme: Scheme) -> list[dict[str, Fraction]]:
    """Each parameter alone at the values most likely to break a rule: 0 and the domain's ends
    for a declared parameter, 0 for a weight, 0 and 100 for a band cut."""
    found: list[dict[str, Fraction]] = []
    for name, choices in _choices(scheme).items():
        if name.startswith(WEIGHT_PARAM_PREFIX):
            edges = {Fraction(0)}
        elif name.startswith(BAND_PARAM_PREFIX):
            edges = {Fraction(0), Fraction(100)}
        else:
            edges = {choices[0], choices[-1], Fraction(0)}
        found += [{name: v} for v in sorted(edges) if v in choices]
    return found


@st.composite
def _configurations(
    draw: _DrawFn, scheme: Scheme, cache: dict[tuple[Any, ...], Any]
) -> _Configured:
    values: dict[str, Fraction] = {}
    for name, choices in _choices(scheme).items():
        # Shrinks to the default: a minimal counterexample sets only the parameters it needs.
        if draw(st.integers(0, 2)) > 0:
            values[name] = draw(st.sampled_from(choices))
    configured = _configure(scheme, values, cache)
    # the record is drawn for the scheme as configured (its edges move with its parameters)
    key = ("inputs", configured.fingerprint if configured is not None else "")
    if key not in cache:
        cache[key] = SchemeInputs.of(configured or scheme)
    drawn = draw(_drawn(cache[key], 0.5, "E-1", None))
    return _Configured(values, configured, drawn)


def _params_body(
    scheme: Scheme, cache: dict[tuple[Any, ...], Any]
) -> Callable[[_Configured], None]:
    probes: dict[str, dict[str, tuple[MetricValue, ...]]] = {}
    seen: dict[str, set[tuple[Any, ...]]] = {}
    singles = _edge_values(scheme)

    def probe(configured: Scheme, drawn: DrawnRecord) -> None:
        key = configured.fingerprint
        if key not in probes:
            probes[key], seen[key] = probe_values(configured), set()
        probe_rules(configured, "params", drawn, probes[key], seen[key])

    def body(case: _Configured) -> None:
        drawn = case.drawn
        if drawn is None:
            return
        for values in singles:
            single = _configure(scheme, values, cache)
            if single is not None:
                probe(single, drawn)
        configured = case.scheme
        if configured is None:
            return
        probe(configured, drawn)
        record = drawn.record
        result = score_or_fail(configured, "params", record)
        batch = score_batch_or_fail(configured, "params", single_columns(record), [record])
        diffs = exact_and_batch_differ(configured, result, batch, 0)
        if diffs:
            parts = [d.part for d in diffs if d.part is not None]
            raise InvariantViolation(
                "params",
                scheme.id,
                f"score_batch and score disagree{params_words(configured)}: "
                + ", ".join(d.what for d in diffs),
                component=parts[0] if parts else None,
                details=[d.words("batch", "exact") for d in diffs],
                record=record,
            )

    return body


def check_params(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """Every parameter value the scheme accepts scores without error, within bounds, on both paths.

    Parameters are drawn from their declared domains (see
    :func:`parameter_values`), relative weights and band cuts too where the
    scheme makes them tunable. A configuration that
    :meth:`~assesskit.Scheme.with_params` refuses is not checked; for one it
    accepts, each rule is probed at every number it holds (an exception,
    points outside [0, its weight], fail naming the component and the
    parameter values), and a generated record must score alike on both paths.
    Besides the drawn configurations, each parameter alone at 0 and at the
    ends of its domain (a weight at 0, a band cut at 0 and 100) is probed on
    every generated record, so that such a value is never left to chance.
    """
    cache: dict[tuple[Any, ...], Any] = {}
    strategy = _configurations(scheme, cache)
    # the edge values are probed on every example: half the profile's budget is enough
    run_check(scheme, "params", strategy, _params_body(scheme, cache), profile, settings, share=2)


def takes_parameters(scheme: Scheme) -> str | None:
    """Why the params check does not apply to *scheme* (``None`` when it does)."""
    if _choices(scheme):
        return None
    return "the scheme takes no numeric parameters"
