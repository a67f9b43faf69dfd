"""Metrics: the named inputs of a scheme, with their kind, domain and labels.

Parsing and validation of user values live here: ``"7%"`` is the ratio
0.07, ``"true"`` is a flag, a rating of 130 is an error naming the rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs

from assesskit._exact import decimal_places, format_number
from assesskit.intervals import Interval
from assesskit.periods import Period
from assesskit.reading import (
    MAX_INTEGER_DIGITS,
    MONEY_INTEGER_DIGITS,
    SPACES,
    NotANumber,
    NumberRejected,
    normalise_text,
    read_number,
)
from assesskit.text import Text

__all__ = ["Direction", "Metric", "MetricKind", "MetricValue", "is_missing"]

#: A parsed metric value.
MetricValue = Fraction | bool | dt.date | int | Period | None

#: Which way a metric pushes the total, for monotonicity checks.
Direction = Literal["higher_is_better", "lower_is_better"]


class MetricKind(enum.Enum):
    """What kind of quantity a metric is; decides parsing and the default domain."""

    RATIO = "ratio"
    """A fraction (0.07 = 7%); percent strings such as ``"7%"`` are accepted."""
    COUNT = "count"
    """A non-negative whole number."""
    MONEY = "money"
    """Yuan, at most 2 decimals (fen)."""
    RATING = "rating"
    """A rater's score in [0, 100]."""
    NUMBER = "number"
    """Any decimal number."""
    POINTS = "points"
    """Percentage points (``*_pp``): a plain number, ``5`` is five points; ``"5%"`` is rejected."""
    FLAG = "flag"
    """True or false (``true/false``, ``yes/no``, ``1/0``, ``是/否``)."""
    DATE = "date"
    """An ISO date ``YYYY-MM-DD``."""
    YEAR = "year"
    """A calendar year."""
    PERIOD = "period"
    """An assessment period, ``YYYY-MM`` or ``YYYY``."""

    @property
    def is_numeric(self) -> bool:
        """Whether values of this kind are numbers (exact fractions)."""
        return self in _NUMERIC


_NUMERIC = frozenset(
    {
        MetricKind.RATIO,
        MetricKind.COUNT,
        MetricKind.MONEY,
        MetricKind.RATING,
        MetricKind.NUMBER,
        MetricKind.POINTS,
    }
)

_DEFAULT_DOMAIN: dict[MetricKind, Interval | None] = {
    MetricKind.RATIO: Interval(0, 1),
    MetricKind.COUNT: Interval(0, None),
    MetricKind.MONEY: Interval(0, None),
    MetricKind.RATING: Interval(0, 100),
    MetricKind.NUMBER: None,
    MetricKind.POINTS: None,
    MetricKind.YEAR: Interval(1900, 2200),
}

_TRUE = frozenset({"true", "yes", "y", "1", "是", "有", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "否", "無", "无", "f"})  # zh-script: keep


def is_missing(raw: object) -> bool:
    """Whether *raw* means "no value": ``None``, an empty string or NaN."""
    if raw is None:
        return True
    if isinstance(raw, Decimal):
        return raw.is_qnan()  # a signalling NaN is not a value at all: the parser refuses it
    if isinstance(raw, str):
        return raw.strip(SPACES) == ""
    if isinstance(raw, float):
        return math.isnan(raw)
    try:
        unequal = raw != raw  # NaN-like scalars (numpy NaN and NaT, pandas NA and NaT)
    except (TypeError, ValueError):
        return False
    try:
        return bool(unequal)
    except (TypeError, ValueError):
        # pandas.NA compares as NA itself, which refuses a truth value
        return unequal is raw


class ValueRejected(ValueError):  # noqa: N818 - names what happened to the value, like StopIteration
    """Raised by :meth:`Metric.parse`; its message is the rule the value broke."""


def _no_default_domain() -> Interval | None:
    return None


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    """Names as a tuple: one name alone is one name, not its characters."""
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen
class Metric:
    """A named input of a scheme.

    ``domain`` defaults by kind (ratios [0, 1], ratings [0, 100], counts and
    money >= 0); pass ``domain=None`` explicitly through :meth:`unbounded` for
    a quantity such as a return on capital that may be negative.

    >>> m = Metric("overdue_ratio", MetricKind.RATIO, Text("overdue ratio", "逾期貸款率"))
    >>> m.parse("7%")
    Fraction(7, 100)
    >>> m.parse(1.2)
    Traceback (most recent call last):
    ...
    assesskit.metrics.ValueRejected: must be within [0, 1] (a ratio: 0.07 or "7%")
    """

    name: str
    kind: MetricKind
    label: Text
    required: bool = True
    domain: Interval | None = attrs.field()
    max_decimals: int | None = attrs.field()
    direction: Direction | None = None
    unit: str = ""
    description: Text | None = None
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=_names, metadata={"omit_empty": True}
    )
    """Other names a column of this metric may have in an input file (besides its name and
    labels), e.g. a department's own heading; not part of the fingerprint when empty."""

    @domain.default
    def _domain_default(self) -> Interval | None:
        return _DEFAULT_DOMAIN.get(self.kind)

    @max_decimals.default
    def _decimals_default(self) -> int | None:
        return 2 if self.kind is MetricKind.MONEY else None

    @property
    def integer_digits(self) -> int:
        """Digits a value may have before the decimal point (see :mod:`assesskit.reading`)."""
        return MONEY_INTEGER_DIGITS if self.kind is MetricKind.MONEY else MAX_INTEGER_DIGITS

    def unbounded(self) -> Metric:
        """Return this metric with no domain limits (any real number)."""
        return attrs.evolve(self, domain=None)

    # -- parsing -------------------------------------------------------------

    def parse(self, raw: object) -> MetricValue:
        """Read one user value; ``None`` when missing.

        Raises :class:`ValueRejected` with the rule that was broken. Missing
        values are returned as ``None``: whether that is allowed is decided by
        the scheme (``required``), not here.
        """
        try:
            if is_missing(raw):
                return None
            return self._parse_present(raw)
        except ValueRejected:
            raise
        except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError):
            # an object of a kind no rule foresaw (a timedelta, an array in a cell...)
            raise ValueRejected(f"must be {self.expected()}") from None

    def _parse_present(self, raw: object) -> MetricValue:
        kind = self.kind
        if kind is MetricKind.FLAG:
            return _parse_flag(raw)
        if kind is MetricKind.DATE:
            return _parse_date(raw)
        if kind is MetricKind.PERIOD:
            try:
                return Period.parse(raw)
            except ValueError:
                raise ValueRejected("must be a period, YYYY-MM or YYYY") from None
        number = self._parse_number(raw)
        self._check_number(number)
        if kind is MetricKind.YEAR:
            return int(number)
        return number

    def _parse_number(self, raw: object) -> Fraction:
        """Read a number by the one rule of :mod:`assesskit.reading`, percent forms included."""
        kind = self.kind
        if isinstance(raw, bool):
            raise ValueRejected(f"must be {self.expected()}, not a truth value")
        try:
            value, _ = read_number(
                raw, percent=kind is MetricKind.RATIO, integer_digits=self.integer_digits
            )
        except NotANumber:
            if isinstance(raw, str) and kind is not MetricKind.RATIO:
                text = normalise_text(raw)
                if text.endswith("%"):
                    raise ValueRejected(
                        f"must be {self.expected()}; a percent sign is accepted for ratios only"
                    ) from None
            raise ValueRejected(f"must be {self.expected()}") from None
        except NumberRejected as exc:
            raise ValueRejected(str(exc)) from None
        return value

    def _check_number(self, number: Fraction) -> None:
        kind = self.kind
        if kind in (MetricKind.COUNT, MetricKind.YEAR) and number.denominator != 1:
            raise ValueRejected(f"must be {self.expected()}")
        if self.max_decimals is not None:
            places = decimal_places(number)
            if places is None or places > self.max_decimals:
                raise ValueRejected(f"must have at most {self.max_decimals} decimals")
        if self.domain is not None and not self.domain.contains(number):
            raise ValueRejected(f"must be within {self.domain.notation()}{self._hint()}")

    def _hint(self) -> str:
        return ' (a ratio: 0.07 or "7%")' if self.kind is MetricKind.RATIO else ""

    def expected(self) -> str:
        """What a valid value looks like, in words."""
        return {
            MetricKind.RATIO: 'a ratio (0.07 or "7%")',
            MetricKind.COUNT: "a whole number >= 0",
            MetricKind.MONEY: "an amount of money in yuan",
            MetricKind.RATING: "a rating from 0 to 100",
            MetricKind.NUMBER: "a number",
            MetricKind.POINTS: "a number of percentage points (5 means five points)",
            MetricKind.FLAG: "true or false",
            MetricKind.DATE: "a date YYYY-MM-DD",
            MetricKind.YEAR: "a year",
            MetricKind.PERIOD: "a period YYYY-MM or YYYY",
        }[self.kind]

    def domain_words(self) -> str:
        """The domain for ``assesskit show``: ``ratio in [0, 1]``."""
        text = self.kind.value
        if self.domain is not None:
            text += f" in {self.domain.notation()}"
        if self.max_decimals is not None and self.kind is not MetricKind.MONEY:
            text += f", at most {self.max_decimals} decimals"
        if self.unit:
            text += f" ({self.unit})"
        if not self.required:
            text += ", optional"
        return text

    def format_value(self, value: MetricValue) -> str:
        """Format a parsed value for an explanation (ratios as percentages)."""
        if value is None:
            return "missing"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, Fraction):
            if self.kind is MetricKind.RATIO:
                return format_number(value * 100) + "%"
            return format_number(value)
        return str(value)


def _parse_flag(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, Decimal) and not raw.is_finite():
        raise ValueRejected("must be true or false")  # a signalling NaN cannot even be compared
    if isinstance(raw, int | float | Decimal) and raw in (0, 1):
        return bool(raw)
    if hasattr(raw, "item") and not isinstance(raw, str):
        return _parse_flag(raw.item())
    if isinstance(raw, str):
        text = raw.strip(SPACES).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueRejected("must be true or false")


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str) and _DATE.fullmatch(raw.strip(SPACES)):  # the one form documented
        try:
            return dt.date.fromisoformat(raw.strip(SPACES))
        except ValueError:
            pass
    raise ValueRejected("must be a date YYYY-MM-DD")
