"""How a number given by a user is read: one rule for every form, and limits before arithmetic.

A value for a metric or a parameter may be a number (``int``, ``float``,
``Decimal``, ``Fraction``, a numpy scalar) or text. Text is read by one rule,
the same with or without a percent sign:

- an optional sign, digits with at most one decimal point, an optional
  exponent (``1.5e3``); commas only between groups of three digits
  (``12,345.67``) — ``1,5`` is refused rather than guessed;
- the full-width forms a Chinese input method types (``１２．５％``, ``－３``,
  ``１，２３４``) mean their ASCII counterparts;
- anything else is refused: underscores (``1_000``), digits of other scripts
  (``١٢``), spaces inside the number, a second point.

Before any arithmetic, a number must have at most
:data:`MAX_INTEGER_DIGITS` digits before the decimal point
(:data:`MONEY_INTEGER_DIGITS` for money: up to 9 999 999 999 999.99 yuan,
every fen of which a float64 — the batch path's arrays — holds exactly), and
text or a ``Decimal`` at most :data:`MAX_DECIMALS` decimals (trailing zeros
do not count); text longer than :data:`MAX_TEXT` characters is refused
unread. A float can never have too many decimals to compute with (its
shortest form has at most 17 significant digits), so only its size is
limited. These limits keep every value exact and every computation quick:
``1e9999999999`` is refused at once instead of being expanded into ten
billion digits.

>>> read_number("１２．５％", percent=True)
(Fraction(1, 8), True)
>>> read_number("1e28")
Traceback (most recent call last):
...
assesskit.reading.NumberRejected: must have at most 15 digits before the decimal point
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

#: What is trimmed from around a value: spaces, tabs, line breaks, no-break and ideographic
#: spaces. Not the other characters Python's ``str.strip`` takes for space (the
#: separators \x1c to \x1f, vertical tab, form feed): those are refused where they show.
SPACES = " \t\r\n\u00a0\u3000"

__all__ = [
    "MAX_DECIMALS",
    "MAX_INTEGER_DIGITS",
    "MAX_TEXT",
    "MONEY_INTEGER_DIGITS",
    "SPACES",
    "NonFinite",
    "NotANumber",
    "NumberRejected",
    "normalise_text",
    "read_number",
]

#: Digits a number may have before the decimal point.
MAX_INTEGER_DIGITS = 15
#: Digits an amount of money may have before the decimal point (float64 holds every fen).
MONEY_INTEGER_DIGITS = 13
#: Decimals a number written as text or as a ``Decimal`` may have (trailing zeros aside).
MAX_DECIMALS = 30
#: Characters a number written as text may have, spaces around it aside.
MAX_TEXT = 100

# an exponent beyond this is refused before Decimal() sees it (its context has limits too)
_EXPONENT = 1_000
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，＋－％ｅＥ", "0123456789.,+-%eE")
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE](?P<exponent>[+-]?[0-9]+))?")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


class NonFinite(str):
    """``NaN``, ``Infinity`` or ``-Infinity`` as a JSON file writes them: text, and no number.

    Read from JSON so that such a token is refused wherever a number or an
    identifier belongs, as the same text in a CSV file is.
    """

    __slots__ = ()


class NumberRejected(ValueError):  # noqa: N818 - names what happened to the value
    """The value is a number assesskit will not compute with; the message is the rule."""


class NotANumber(NumberRejected):
    """The value is not a number at all (text that breaks the rule, a truth value...)."""


def normalise_text(text: str) -> str:
    """*text* without spaces around it, full-width digits and signs read as ASCII.

    >>> normalise_text(" １２．５％ ")
    '12.5%'
    """
    return text.strip(SPACES).translate(_FULL_WIDTH)


def read_number(
    raw: object, *, percent: bool = False, integer_digits: int = MAX_INTEGER_DIGITS
) -> tuple[Fraction, bool]:
    """Read *raw* as an exact number; return it and whether it was written with ``%``.

    With *percent*, text may end with a percent sign and the value returned
    is the number divided by 100; without, a percent sign is not a number.
    *integer_digits* is the limit before the decimal point. Raises
    :class:`NotANumber` for a value that is not a number,
    :class:`NumberRejected` for one beyond the limits (the message says
    which rule it broke).
    """
    limits = _Limits(integer_digits)
    if isinstance(raw, str):
        return limits.text(raw, percent)
    return limits.value(raw), False


class _Limits:
    """Reading under one limit of digits before the decimal point."""

    def __init__(self, integer_digits: int) -> None:
        self.digits = integer_digits
        self.largest = 10**integer_digits

    def too_large(self) -> NumberRejected:
        return NumberRejected(f"must have at most {self.digits} digits before the decimal point")

    def text(self, raw: str, percent: bool) -> tuple[Fraction, bool]:
        text = normalise_text(raw)
        if len(text) > MAX_TEXT:
            raise NumberRejected(f"must be at most {MAX_TEXT} characters long")
        marked = percent and text.endswith("%")
        if marked:
            text = text[:-1].rstrip()
        plain = _PLAIN.fullmatch(text)
        if plain is None:
            if _THOUSANDS.fullmatch(text) is None:
                raise NotANumber("not a number")
            text = text.replace(",", "")
        elif plain["exponent"] is not None and abs(int(plain["exponent"])) > _EXPONENT:
            mantissa = text[: plain.start("exponent") - 1]
            if not any(c in "123456789" for c in mantissa):
                return Fraction(0), marked  # zero, whatever its exponent
            raise self.too_large() if int(plain["exponent"]) > 0 else _too_fine()
        value = self.bounded(Decimal(text))
        return (value / 100 if marked else value), marked

    def value(self, raw: object) -> Fraction:
        if isinstance(raw, bool):
            raise NotANumber("a truth value, not a number")
        if isinstance(raw, int):
            if abs(raw) >= self.largest:
                raise self.too_large()
            return Fraction(raw)
        if isinstance(raw, float):
            if not math.isfinite(raw):
                raise NotANumber("not a finite number")
            if abs(raw) >= self.largest:
                raise self.too_large()
            return Fraction(Decimal(float.__repr__(raw)))
        if isinstance(raw, Decimal):
            if not raw.is_finite():
                raise NotANumber("not a finite number")
            return self.bounded(raw)
        if isinstance(raw, Rational):
            value = Fraction(int(raw.numerator), int(raw.denominator))
            if abs(value) >= self.largest:
                raise self.too_large()
            if value.denominator > 10**MAX_DECIMALS:
                raise _too_fine()
            return value
        item = getattr(raw, "item", None)  # numpy scalars and other number-likes
        if callable(item):
            try:
                value = item()
            except Exception:  # an array of many values, a value without a Python form
                raise NotANumber("not a number") from None
            if type(value) is not type(raw) and isinstance(value, int | float | Decimal):
                return self.value(value)
        raise NotANumber("not a number")

    def bounded(self, value: Decimal) -> Fraction:
        """*value* as a fraction, once it is known to be within the limits."""
        if not value:
            return Fraction(0)
        _, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # a finite decimal
        if exponent + len(digits) > self.digits:
            raise self.too_large()
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        if -(exponent + zeros) > MAX_DECIMALS:
            raise _too_fine()
        return Fraction(value)


def _too_fine() -> NumberRejected:
    return NumberRejected(f"must have at most {MAX_DECIMALS} decimals")
