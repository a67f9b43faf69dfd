"""Exact arithmetic helpers: reading numbers as decimals and rounding half-up.

Every number that enters the exact scoring path goes through
:func:`to_fraction`, so that ``0.09 - 0.05`` is exactly four hundredths: a
float means the shortest decimal that round-trips to it (its ``repr``), and
strings are read as decimals.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from numbers import Rational

__all__ = [
    "ExactNumber",
    "decimal_places",
    "faithful_float",
    "format_exact",
    "format_number",
    "round_half_up",
    "to_fraction",
]

#: What the exact path accepts where a number is expected.
ExactNumber = int | float | str | Decimal | Fraction

_HUNDRED = Fraction(100)
# Commas are accepted as thousands separators only ("12,345.67"): "1,5" means 1.5
# in many locales, and reading it as 15 would be a guess.
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


def to_fraction(value: ExactNumber) -> Fraction:
    """Return *value* as an exact :class:`~fractions.Fraction`.

    A float means the shortest decimal that round-trips to it (``repr``):

    >>> to_fraction(0.09) - to_fraction(0.05)
    Fraction(1, 25)
    >>> to_fraction("7.5")
    Fraction(15, 2)

    Raises :class:`ValueError` for NaN, infinities and text that is not a
    decimal number.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a truth value, not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        return Fraction(Decimal(float.__repr__(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} is not a finite number")
        return Fraction(value)
    raw: object = value  # numpy scalars and other number-likes come through too
    if isinstance(raw, Rational):
        return Fraction(int(raw.numerator), int(raw.denominator))
    if isinstance(raw, str):
        text = raw.strip()
        if "," in text:
            if _THOUSANDS.match(text) is None:
                raise ValueError(f"{value!r} is not a number (commas only between thousands)")
            text = text.replace(",", "")
        text = text.replace("_", "")
        try:
            parsed = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
        if not parsed.is_finite():
            raise ValueError(f"{value!r} is not a finite number")
        return Fraction(parsed)
    # numpy scalars and other number-likes: go through their float/int value.
    item = getattr(raw, "item", None)
    if callable(item):
        return to_fraction(item())
    raise ValueError(f"{raw!r} is not a number")


def faithful_float(value: Fraction) -> bool:
    """Whether the float nearest *value* is *value* written as its shortest decimal.

    Then comparing floats agrees with comparing the decimals each float
    stands for: ``0.05`` is faithful, ``1/3`` and ``0.12345678901234567`` are not.

    >>> faithful_float(Fraction(1, 20)), faithful_float(Fraction(1, 3))
    (True, False)
    """
    return Fraction(Decimal(float.__repr__(float(value)))) == value


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Round *value* half away from zero to *places* decimals, exactly.

    >>> round_half_up(Fraction(74725, 1000))
    Decimal('74.73')
    >>> round_half_up(Fraction(-5, 1000))
    Decimal('-0.01')
    """
    scale = 10**places
    scaled = abs(value) * scale
    whole = math.floor(scaled + Fraction(1, 2))
    signed = whole if value >= 0 else -whole
    # built from its digits: exact whatever the size (no decimal context rounds it)
    return Decimal((0 if signed >= 0 else 1, tuple(map(int, str(whole))), -places))


def decimal_places(value: Fraction) -> int | None:
    """Number of decimals *value* needs, or ``None`` if it is not a finite decimal.

    >>> decimal_places(Fraction(1234, 100))
    2
    >>> decimal_places(Fraction(1, 3)) is None
    True
    """
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    return max(twos, fives)


def format_number(value: Fraction | Decimal | int, places: int = 4) -> str:
    """Format *value* for an explanation: exact when it is a short decimal.

    Trailing zeros are dropped; a value that needs more than *places*
    decimals is rounded half-up and marked with ``≈``.

    >>> format_number(Fraction(48))
    '48'
    >>> format_number(Fraction(1, 3))
    '≈0.3333'
    """
    frac = Fraction(value) if not isinstance(value, Fraction) else value
    places_needed = decimal_places(frac)
    if places_needed is not None and places_needed <= places:
        text = format(round_half_up(frac, places_needed), "f")
        prefix = ""
    else:
        text = format(round_half_up(frac, places), "f")
        prefix = "≈"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return prefix + text


def format_exact(value: Fraction) -> str:
    """Format *value* exactly: a short decimal, else the fraction ``n/d``.

    >>> format_exact(Fraction(15, 11)), format_exact(Fraction(3, 2))
    ('15/11', '1.5')
    """
    places = decimal_places(value)
    if places is not None and places <= 6:
        return format_number(value, places)
    return f"{value.numerator}/{value.denominator}"


def format_percent(value: Fraction, places: int = 4) -> str:
    """Format a ratio as a percentage: ``Fraction(7, 100)`` → ``'7%'``.

    >>> format_percent(Fraction(1329, 10000))
    '13.29%'
    """
    return format_number(value * _HUNDRED, places) + "%"
