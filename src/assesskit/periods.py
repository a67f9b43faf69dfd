"""Assessment periods: a month (``2026-08``) or a year (``2026``)."""

from __future__ import annotations

import enum
import re

import attrs

__all__ = ["Period", "PeriodKind"]


class PeriodKind(enum.Enum):
    """How often a scheme assesses: monthly (月度) or annually (年度)."""

    MONTHLY = "monthly"
    ANNUAL = "annual"

    @property
    def label_zh(self) -> str:
        """Chinese name of the period kind."""
        return {"monthly": "月度", "annual": "年度"}[self.value]


_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@attrs.frozen(order=True)
class Period:
    """One assessment period: a year, or a month of a year.

    >>> Period.parse("2026-08").previous()
    Period(year=2026, month=7)
    >>> str(Period.parse("2026-01").previous())
    '2025-12'
    """

    year: int
    month: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not in 1..12")

    @classmethod
    def parse(cls, value: object) -> Period:
        """Read ``YYYY-MM``, ``YYYY`` or an integer year; raise ValueError otherwise."""
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if isinstance(value, float) and value.is_integer():
            return cls(int(value))
        if isinstance(value, str):
            if m := _MONTH.match(value):
                return cls(int(m.group(1)), int(m.group(2)))
            if m := _YEAR.match(value):
                return cls(int(m.group(1)))
        raise ValueError(f"{value!r} is not a period (YYYY-MM or YYYY)")

    @property
    def kind(self) -> PeriodKind:
        """Monthly or annual."""
        return PeriodKind.ANNUAL if self.month is None else PeriodKind.MONTHLY

    def previous(self, steps: int = 1) -> Period:
        """The period *steps* before this one."""
        return self.shift(-steps)

    def next(self, steps: int = 1) -> Period:
        """The period *steps* after this one."""
        return self.shift(steps)

    def shift(self, steps: int) -> Period:
        """The period *steps* away (negative: earlier)."""
        if self.month is None:
            return Period(self.year + steps)
        index = self.year * 12 + (self.month - 1) + steps
        return Period(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"
