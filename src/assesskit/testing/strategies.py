"""Hypothesis strategies for a scheme's inputs, read from its metric declarations.

Records are *edge-heavy*: about half the values (``edge_bias``) are taken
from the metric's edges — every threshold a rule, veto, outcome or history
trigger compares it with (:meth:`Rule.edges <assesskit.rules.Rule.edges>`),
one smallest step either side, 0 and the domain bounds — and the rest from
the whole domain. Cross-field constraints (``eligible <= relocated``, graded
deductions within their per-incident range, at least one rating given) are
satisfied by drawing each constrained field within the range the others
leave it; constraints of other kinds by redrawing the field each problem
names. Values come in the forms users write them — ints, floats, decimal
strings, :class:`~decimal.Decimal`, percent strings for ratios, ``"yes"`` for
flags — so parsing is exercised too.

>>> from hypothesis import given
>>> @given(records(scheme))                                   # doctest: +SKIP
... def test_never_above_100(record):
...     assert scheme.score(record).total <= 100
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs
import hypothesis.strategies as st
import numpy as np
from hypothesis import reject

from assesskit._exact import decimal_places
from assesskit.bands import Band
from assesskit.constraints import AtLeastOneGiven, NotAbove, WithinPerIncident
from assesskit.intervals import Interval
from assesskit.metrics import Metric, MetricKind, MetricValue
from assesskit.periods import Period, PeriodKind
from assesskit.rules.base import Constraint
from assesskit.scheme import Scheme
from assesskit.testing._spaces import ValueSpace, metric_directions, value_spaces
from assesskit.text import Text

__all__ = [
    "DrawnRecord",
    "SchemeInputs",
    "bad_values",
    "bands",
    "columns",
    "draw_columns",
    "drawn_records",
    "histories",
    "intervals",
    "invalid_records",
    "metric_values",
    "periods",
    "raw_forms",
    "records",
    "texts",
    "to_columns",
]

_DrawFn = st.DrawFn

_FIRST_YEAR, _LAST_YEAR = 2020, 2030


@attrs.frozen
class DrawnRecord:
    """A generated record: ``record`` as a user writes it, ``values`` as the scheme parses it."""

    record: dict[str, Any]
    values: dict[str, MetricValue]


@attrs.frozen(repr=False, eq=False)
class SchemeInputs:
    """A scheme and the value spaces of its metrics, passed to the strategies.

    Hypothesis shows a strategy's arguments in its reports; this shows the
    scheme id, not the whole definition.
    """

    scheme: Scheme
    spaces: Mapping[str, ValueSpace]

    @classmethod
    def of(cls, scheme: Scheme) -> SchemeInputs:
        """The inputs of *scheme*, with its value spaces worked out once."""
        return cls(scheme, value_spaces(scheme))

    def __repr__(self) -> str:
        return f"<inputs of scheme {self.scheme.id!r}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Hypothesis' pretty-printer would otherwise spell out the attrs fields.
        printer.text(repr(self))


# -- single values -------------------------------------------------------------------------


def _simplest_first(values: set[Fraction]) -> list[Fraction]:
    return sorted(values, key=lambda v: (abs(v), v))


def _draw_number(
    draw: _DrawFn,
    space: ValueSpace,
    lower: Fraction | None,
    upper: Fraction | None,
    edge_bias: float,
    prefer: Literal["low", "high"] | None = None,
) -> Fraction:
    lo, hi = space.clip(lower, upper)
    if lo > hi:
        reject()
    if prefer is not None:
        points = sorted({e for e in space.edges if lo <= e <= hi} | {lo, hi})
        middle = points[len(points) // 2]
        lo, hi = (middle, hi) if prefer == "high" else (lo, middle)
    candidates = _simplest_first({e for e in space.edges if lo <= e <= hi} | {lo, hi})
    # An integer draw that shrinks to 0 picks an edge: counterexamples shrink to thresholds.
    if draw(st.integers(0, 99)) < round(edge_bias * 100):
        return draw(st.sampled_from(candidates))
    if len(candidates) > 2 and draw(st.booleans()):
        # Between two neighbouring edges: every stretch of a threshold table gets its share,
        # however short (a loss rate up to 1% next to the long stretch above it).
        points = sorted(candidates)
        index = draw(st.integers(0, len(points) - 2))
        lo, hi = points[index], points[index + 1]
    places = draw(st.integers(0, space.places))
    unit = Fraction(1, 10**places)
    k_lo, k_hi = math.ceil(lo / unit), math.floor(hi / unit)
    if k_lo > k_hi:
        return draw(st.sampled_from(candidates))
    return draw(st.integers(k_lo, k_hi)) * unit


def _draw_value(
    draw: _DrawFn,
    scheme: Scheme,
    metric: Metric,
    spaces: Mapping[str, ValueSpace],
    edge_bias: float,
    lower: Fraction | None = None,
    upper: Fraction | None = None,
    prefer: Literal["low", "high"] | None = None,
) -> MetricValue:
    kind = metric.kind
    if kind is MetricKind.FLAG:
        return draw(st.booleans())
    if kind is MetricKind.DATE:
        return draw(st.dates(dt.date(_FIRST_YEAR, 1, 1), dt.date(_LAST_YEAR, 12, 31)))
    if kind is MetricKind.PERIOD:
        return draw(periods(scheme.period))
    number = _draw_number(draw, spaces[metric.name], lower, upper, edge_bias, prefer)
    return int(number) if kind is MetricKind.YEAR else number


def metric_values(
    scheme: Scheme, name: str, *, edge_bias: float = 0.5
) -> st.SearchStrategy[MetricValue]:
    """Valid parsed values of metric *name* (exact fractions for numbers), edge-heavy.

    :param scheme: the scheme declaring the metric.
    :param name: the metric's name.
    :param edge_bias: share of values drawn from the metric's edges (0 to 1).
    """
    metric = scheme.metric_map[name]
    spaces = value_spaces(scheme)

    @st.composite
    def values(draw: _DrawFn) -> MetricValue:
        return _draw_value(draw, scheme, metric, spaces, edge_bias)

    return values()


def _decimal_text(value: Fraction) -> str:
    places = decimal_places(value)
    if places is None:
        raise ValueError(f"{value} is not a finite decimal")
    scaled = value * 10**places
    return format(Decimal(scaled.numerator).scaleb(-places), "f")


def raw_forms(metric: Metric, value: MetricValue) -> tuple[Any, ...]:
    """The ways a user may write *value* for *metric*, plainest first.

    A ratio of 0.07 is ``0.07``, ``"0.07"``, ``Decimal("0.07")``, ``"7%"``
    and ``"7 %"``; a missing value is ``None``, ``""`` or NaN; a flag is
    ``True``, ``"yes"``, ``"true"``, ``"是"`` or ``1``.
    """
    if value is None:
        return (None, "", float("nan"))
    if isinstance(value, bool):
        return (value, *(("yes", "true", "是", 1) if value else ("no", "false", "否", 0)))
    if isinstance(value, dt.date):
        return (value, value.isoformat())
    if isinstance(value, Period):
        return (str(value), value)
    if isinstance(value, int):
        return (value, str(value))
    forms: list[Any] = []
    if value.denominator == 1:
        forms.append(int(value))
    as_float = float(value)
    if Fraction(Decimal(repr(as_float))) == value:
        forms.append(as_float)
    text = _decimal_text(value)
    forms += [text, Decimal(text)]
    if metric.kind is MetricKind.RATIO:
        percent = _decimal_text(value * 100)
        forms += [percent + "%", percent + " %"]
    if metric.kind is MetricKind.MONEY and abs(value) >= 1000:
        whole, _, decimals = text.partition(".")
        forms.append(f"{int(whole):,}" + (f".{decimals}" if decimals else ""))
    return tuple(forms)


# -- constraints ---------------------------------------------------------------------------


def _bounds_from(
    name: str, values: Mapping[str, MetricValue], constraints: Sequence[Constraint]
) -> tuple[Fraction | None, Fraction | None]:
    """The range the constraints leave metric *name*, given the values drawn so far."""
    lower: Fraction | None = None
    upper: Fraction | None = None

    def at_least(x: Fraction) -> None:
        nonlocal lower
        lower = x if lower is None else max(lower, x)

    def at_most(x: Fraction) -> None:
        nonlocal upper
        upper = x if upper is None else min(upper, x)

    for c in constraints:
        if isinstance(c, NotAbove):
            other = values.get(c.limit if name == c.field else c.field)
            if isinstance(other, Fraction):
                if name == c.field:
                    at_most(other)
                elif name == c.limit:
                    at_least(other)
        elif isinstance(c, WithinPerIncident):
            if name == c.deduction and isinstance(n := values.get(c.incidents), Fraction):
                at_least(c.low * n)
                at_most(c.high * n)
            elif name == c.incidents and isinstance(d := values.get(c.deduction), Fraction):
                if c.high > 0:
                    at_least(Fraction(math.ceil(d / c.high)))
                if c.low > 0:
                    at_most(Fraction(math.floor(d / c.low)))
    return lower, upper


def _draw_order(scheme: Scheme) -> list[Metric]:
    """Metrics in drawing order: a constraint's reported field after the fields it depends on."""
    dependent = {c.fields()[0] for c in scheme.all_constraints() if c.fields()}
    first = [m for m in scheme.metrics if m.name not in dependent]
    return first + [m for m in scheme.metrics if m.name in dependent]


def _must_be_given(
    name: str,
    values: Mapping[str, MetricValue],
    constraints: Sequence[Constraint],
    undrawn: set[str],
) -> bool:
    for c in constraints:
        if isinstance(c, AtLeastOneGiven) and name in c.names:
            others = [n for n in c.names if n != name]
            if all(values.get(n) is None and n not in undrawn for n in others):
                return True
    return False


def _draw_values(
    draw: _DrawFn, scheme: Scheme, spaces: Mapping[str, ValueSpace], edge_bias: float
) -> dict[str, MetricValue]:
    constraints = scheme.all_constraints()
    values: dict[str, MetricValue] = {}
    order = _draw_order(scheme)
    # Some records lean good or bad in every metric with a declared direction, so that
    # totals spread over all bands instead of piling up in the middle.
    lean = draw(st.sampled_from((None, "better", "worse")))
    directions = metric_directions(scheme) if lean is not None else {}
    undrawn = {m.name for m in order}
    for metric in order:
        undrawn.discard(metric.name)
        given = metric.required or _must_be_given(metric.name, values, constraints, undrawn)
        # Shrinks to "missing": a minimal counterexample leaves optional fields out.
        if not given and draw(st.integers(0, 3)) == 0:
            values[metric.name] = None
            continue
        lower, upper = _bounds_from(metric.name, values, constraints)
        prefer: Literal["low", "high"] | None = None
        if metric.name in directions:
            up = (directions[metric.name] == "higher_is_better") == (lean == "better")
            prefer = "high" if up else "low"
        values[metric.name] = _draw_value(
            draw, scheme, metric, spaces, edge_bias, lower, upper, prefer
        )
    # Constraints of kinds the strategies do not know (a target's input given when it is
    # due...) are met by redrawing the field each problem names, a few times at most.
    metrics = scheme.metric_map
    for _ in range(3):
        problems = [p for c in constraints if (p := c.check(values)) is not None]
        if not problems:
            return values
        for problem in problems:
            if problem.field not in metrics:
                reject()
            metric = metrics[problem.field]
            others = {k: v for k, v in values.items() if k != problem.field}
            lower, upper = _bounds_from(problem.field, others, constraints)
            values[problem.field] = _draw_value(
                draw, scheme, metric, spaces, edge_bias, lower, upper
            )
    if any(c.check(values) is not None for c in constraints):
        reject()
    return values


@st.composite
def _drawn(
    draw: _DrawFn,
    ctx: SchemeInputs,
    edge_bias: float,
    entity_id: str | None,
    period: Period | None,
) -> DrawnRecord:
    scheme = ctx.scheme
    values = _draw_values(draw, scheme, ctx.spaces, edge_bias)
    record: dict[str, Any] = {}
    if entity_id is not None:
        record["entity_id"] = entity_id
    when = period if period is not None else draw(periods(scheme.period))
    record[scheme.period_field] = (
        str(when) if when.month is not None else draw(st.sampled_from([when.year, str(when)]))
    )
    metrics = scheme.metric_map
    for name, value in values.items():
        record[name] = draw(st.sampled_from(raw_forms(metrics[name], value)))
    return DrawnRecord(record, values)


def drawn_records(
    scheme: Scheme,
    *,
    edge_bias: float = 0.5,
    entity_id: str | None = "E-1",
    period: Period | None = None,
) -> st.SearchStrategy[DrawnRecord]:
    """Like :func:`records`, with the parsed values alongside each record."""
    if not 0 <= edge_bias <= 1:
        raise ValueError(f"edge_bias must be within [0, 1], not {edge_bias!r}")
    return _drawn(SchemeInputs.of(scheme), edge_bias, entity_id, period)


def records(
    scheme: Scheme,
    *,
    edge_bias: float = 0.5,
    entity_id: str | None = "E-1",
    period: Period | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid input records for *scheme*, edge-heavy, as a user would write them.

    :param scheme: the scheme whose metric declarations drive generation.
    :param edge_bias: share of values taken from the metrics' edges (0 to 1).
    :param entity_id: the ``entity_id`` of every record (``None``: left out).
    :param period: the period of every record; by default one is drawn.
    :returns: a strategy of ``dict`` records that :meth:`Scheme.score` accepts.
    """
    return drawn_records(scheme, edge_bias=edge_bias, entity_id=entity_id, period=period).map(
        lambda drawn: drawn.record
    )


# -- invalid records -----------------------------------------------------------------------


def _plain(value: Fraction) -> Any:
    if value.denominator == 1:
        return int(value)
    as_float = float(value)
    if Fraction(Decimal(repr(as_float))) == value:
        return as_float
    return _decimal_text(value)


def bad_values(metric: Metric, space: ValueSpace | None) -> tuple[Any, ...]:
    """Values that *metric* must reject, each with the rule it breaks in mind."""
    out: list[Any] = []
    if metric.required:
        out += [None, ""]
    kind = metric.kind
    if kind is MetricKind.FLAG:
        return (*out, "maybe", 2)
    if kind is MetricKind.DATE:
        return (*out, "2026-02-30", "next week")
    if kind is MetricKind.PERIOD:
        return (*out, "2026-13", "soon")
    assert space is not None
    out += ["n/a", True, float("inf")]
    step = space.step
    domain = metric.domain
    if domain is not None and domain.lower is not None:
        out.append(_plain(domain.lower - step if domain.lower_closed else domain.lower))
    if domain is not None and domain.upper is not None:
        out.append(_plain(domain.upper + step if domain.upper_closed else domain.upper))
    if kind in (MetricKind.COUNT, MetricKind.YEAR) and space.lower < space.upper:
        out.append(_decimal_text(space.lower + Fraction(1, 2)))
    if metric.max_decimals is not None:
        finer = space.lower + Fraction(1, 10 ** (metric.max_decimals + 1))
        if finer < space.upper:
            out.append(_decimal_text(finer))
    if kind is not MetricKind.RATIO:
        out.append("5%")
    return tuple(out)


@st.composite
def _invalid(draw: _DrawFn, ctx: SchemeInputs) -> tuple[dict[str, Any], str]:
    scheme, spaces = ctx.scheme, ctx.spaces
    drawn = draw(_drawn(ctx, 0.5, "E-1", None))
    candidates = [m for m in scheme.metrics if bad_values(m, spaces.get(m.name))]
    metric = draw(st.sampled_from(candidates))
    record = dict(drawn.record)
    record[metric.name] = draw(st.sampled_from(bad_values(metric, spaces.get(metric.name))))
    # The bad field counts as missing: keep "at least one of ..." satisfied by another field.
    for c in scheme.all_constraints():
        if isinstance(c, AtLeastOneGiven) and metric.name in c.names:
            others = [n for n in c.names if n != metric.name]
            if all(drawn.values.get(n) is None for n in others):
                other = scheme.metric_map[others[0]]
                value = _draw_value(draw, scheme, other, spaces, 0.5)
                record[other.name] = draw(st.sampled_from(raw_forms(other, value)))
    return record, metric.name


def invalid_records(scheme: Scheme) -> st.SearchStrategy[tuple[dict[str, Any], str]]:
    """Records with exactly one bad field, as ``(record, field)``.

    The bad value breaks one rule: missing where required, text or a truth
    value where a number belongs, just outside the domain, a fraction for a
    count, a decimal too many, a percent sign outside ratios, an impossible
    date or period.
    """
    return _invalid(SchemeInputs.of(scheme))


# -- histories and batches ----------------------------------------------------------------------


@st.composite
def _histories(
    draw: _DrawFn,
    ctx: SchemeInputs,
    count: int,
    entity_id: str,
    repeat_bias: float,
) -> list[dict[str, Any]]:
    scheme = ctx.scheme
    end = draw(periods(scheme.period))
    out: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for back in range(count - 1, -1, -1):
        when = end.previous(back)
        # Repeating the values of the period before makes rules over consecutive periods fire.
        if previous is not None and draw(st.integers(0, 99)) < round(repeat_bias * 100):
            record = dict(previous)
            record[scheme.period_field] = str(when)
        else:
            record = draw(_drawn(ctx, 0.5, entity_id, when)).record
            record[scheme.period_field] = str(when)
        out.append(record)
        previous = record
    return out


def histories(
    scheme: Scheme,
    periods: int = 3,
    *,
    entity_id: str = "E-1",
    repeat_bias: float = 0.5,
) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Records of one entity in *periods* consecutive periods, oldest first.

    :param repeat_bias: chance that a period repeats the values of the one
        before, so that rules over consecutive periods ("three months at 60
        or below") fire often enough to be tested.
    """
    if periods < 1:
        raise ValueError("a history needs at least one period")
    return _histories(SchemeInputs.of(scheme), periods, entity_id, repeat_bias)


def _as_column(values: list[Any], make_array: bool) -> Any:
    if make_array:
        if all(isinstance(v, bool) for v in values):
            return np.asarray(values, dtype=bool)
        numeric = all(
            v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in values
        )
        if numeric:
            return np.asarray([np.nan if v is None else float(v) for v in values], dtype=float)
    return values


def draw_columns(draw: _DrawFn, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Columns from records, inside a composite strategy: some lists become numpy arrays."""
    names: list[str] = []
    for row in rows:
        names += [k for k in row if k not in names]
    out: dict[str, Any] = {}
    for name in names:
        values = [row.get(name) for row in rows]
        out[name] = _as_column(values, draw(st.booleans()))
    return out


@st.composite
def to_columns(draw: _DrawFn, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Columns from records: lists of the raw values, some turned into numpy arrays."""
    return draw_columns(draw, rows)


@st.composite
def _columns(draw: _DrawFn, ctx: SchemeInputs, min_size: int, max_size: int) -> dict[str, Any]:
    size = draw(st.integers(min_size, max_size))
    rows = [draw(_drawn(ctx, 0.5, f"E-{i + 1}", None)).record for i in range(size)]
    return draw_columns(draw, rows)


def columns(
    scheme: Scheme, n: int | None = None, *, min_size: int = 1, max_size: int = 10
) -> st.SearchStrategy[dict[str, Any]]:
    """Columns for :meth:`Scheme.score_batch`: *n* valid records (or between the sizes).

    Columns are lists of raw values or, where every value allows it, numpy
    arrays (float64 with NaN for missing, bool for flags), so both the
    vectorised and the element-by-element readers are exercised. Entity ids
    are ``E-1``, ``E-2``...
    """
    if n is not None:
        min_size = max_size = n
    return _columns(SchemeInputs.of(scheme), min_size, max_size)


# -- core types ----------------------------------------------------------------------------------


def periods(kind: PeriodKind | None = None) -> st.SearchStrategy[Period]:
    """Assessment periods (months or years between 2020 and 2030) of *kind* (any by default)."""
    years = st.integers(_FIRST_YEAR, _LAST_YEAR)
    months = st.builds(Period, years, st.integers(1, 12))
    annual = st.builds(Period, years)
    if kind is PeriodKind.MONTHLY:
        return months
    if kind is PeriodKind.ANNUAL:
        return annual
    return st.one_of(months, annual)


def texts() -> st.SearchStrategy[Text]:
    """Bilingual texts; the Chinese side is sometimes the English one (the default)."""
    words = st.text(min_size=1, max_size=20)
    return st.one_of(st.builds(Text, words), st.builds(Text, words, words))


@st.composite
def _intervals(draw: _DrawFn) -> Interval:
    ends = st.none() | st.decimals(-1000, 1000, places=2).map(Fraction)
    lower, upper = draw(ends), draw(ends)
    if lower is not None and upper is not None and lower > upper:
        lower, upper = upper, lower
    lower_closed, upper_closed = draw(st.booleans()), draw(st.booleans())
    if lower is not None and lower == upper:
        lower_closed = upper_closed = True
    return Interval(lower, upper, lower_closed, upper_closed)


def intervals() -> st.SearchStrategy[Interval]:
    """Valid intervals with 2-decimal ends, each end closed, open or unbounded."""
    return _intervals()


def bands() -> st.SearchStrategy[Band]:
    """Bands with a lower-case id, a bilingual label and an interval."""
    ids = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
    return st.builds(Band, ids, texts(), intervals())
