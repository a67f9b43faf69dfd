"""What an expression reads and gives: values and environments of its exact, batch and scaled forms.

An expression evaluates three ways with one meaning: exactly on one record
(:class:`ExactEnv`, fractions with missing values as ``None``), vectorised
on a batch (:class:`BatchEnv`, numpy columns with a mask of rows where float
noise could change the answer) and, where it can be done, exactly on a
batch as integers scaled by a power of ten (:class:`ScaledEnv`).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import rows_of
from assesskit._scaled import Scaled
from assesskit.periods import Period
from assesskit.text import Lang

__all__ = [
    "BatchEnv",
    "BatchValue",
    "ExactEnv",
    "ExactValue",
    "ScaledEnv",
    "ShowEnv",
    "is_none",
    "numeric_or_none",
    "or_masks",
    "span_of",
    "truth",
]

#: A value on the exact path (a whole ``int`` is a year, as read; numbers are Fractions).
ExactValue = Fraction | int | bool | str | Period | None


class ExactEnv(Protocol):
    """What an expression can read on the exact path (one record)."""

    def input(self, name: str) -> Any:
        """The parsed value of input *name* (``None`` when missing)."""

    def param(self, name: str) -> Any:
        """The value of scheme parameter *name*."""

    def total(self) -> Decimal | None:
        """The published (rounded) total, ``None`` when nothing applies."""

    def band(self) -> str | None:
        """The band id of the published total."""

    def vetoed(self) -> bool:
        """Whether a veto fired."""

    def outcome(self, name: str) -> Any:
        """An outcome computed earlier in the scheme's outcome list."""

    def period(self) -> Period | None:
        """The record's assessment period."""

    def component_status(self, component_id: str) -> str | None:
        """The status a component's rule reported (``met``, ``behind``, ``not_due``...)."""

    def component_ids(self) -> list[str]:
        """The ids of the scheme's components, in order."""


@attrs.frozen
class BatchValue:
    """A column of values on the batch path.

    ``missing`` marks rows without a value; ``doubt`` marks rows where float
    noise may have changed the value; ``faithful`` says every value is the
    float nearest a decimal that the exact path would see (an input, a
    constant, a published total), so comparing two faithful values in float is
    exact. ``span`` bounds, per row, the magnitudes a float result was
    computed from (``None``: the value's own magnitude): its float error is
    a few units in the last place of the span, which after a difference that
    cancels (``a − b`` with ``a`` close to ``b``) is far larger than the
    value. Whoever rounds or compares the value reads its noise from it.
    """

    data: npt.NDArray[Any]
    missing: npt.NDArray[np.bool_] | None = None
    doubt: npt.NDArray[np.bool_] | None = None
    faithful: bool = False
    span: npt.NDArray[np.float64] | None = None


class BatchEnv(Protocol):
    """What an expression can read on the batch path (many records)."""

    size: int

    def input(self, name: str) -> BatchValue:
        """The column of input *name*."""

    def param(self, name: str) -> Any:
        """The value of scheme parameter *name*."""

    def total(self) -> BatchValue:
        """The published totals."""

    def band(self) -> BatchValue:
        """The band ids (object array; ``None`` where no band)."""

    def vetoed(self) -> BatchValue:
        """Whether a veto fired, per row."""

    def outcome(self, name: str) -> BatchValue:
        """An outcome computed earlier."""

    def period(self) -> BatchValue:
        """The periods (object array of :class:`Period`)."""

    def component_status(self, component_id: str) -> BatchValue:
        """Status per row reported by a component's rule (object array, ``None`` where none)."""

    def component_ids(self) -> list[str]:
        """The ids of the scheme's components, in order."""


class ScaledEnv(BatchEnv, Protocol):
    """A batch environment that can give inputs, the total and outcomes as exact decimals."""

    def decimal(self, name: str) -> Scaled | None:
        """Input *name* as exact decimals, if its values allow."""

    def scaled_total(self) -> Scaled | None:
        """The published totals as exact hundredths."""

    def scaled_outcome(self, name: str) -> Scaled | None:
        """An outcome computed earlier, as exact decimals."""


class ShowEnv(ExactEnv, Protocol):
    """What a node's shown form reads: one record's values, and how to write them for a
    person in the language of :attr:`lang` (:class:`assesskit.arithmetic.RecordShowEnv`)."""

    @property
    def lang(self) -> Lang:
        """The language written in."""

    def say(self, en: str, zh: str) -> str:
        """*en* or *zh*, whichever is the language written in."""

    def value_text(self, value: Any) -> str:
        """A value as an explanation writes it: numbers exactly (``4595.895``), a truth
        as yes/no (是/否), nothing as none (无), a list joined."""

    def input_text(self, name: str) -> str:
        """The value of input *name* as its metric writes it (a ratio as ``0.65%``)."""

    def input_label(self, name: str) -> str:
        """The label of input *name* (业务收入), to name a value a condition tests."""

    def param_text(self, name: str) -> str:
        """The value of parameter *name* as its kind writes it."""

    def as_percent(self, name: str) -> bool:
        """Whether input or parameter *name* is a ratio, written as a percentage."""

    def band_text(self, band_id: str | None) -> str:
        """The label of band *band_id* (none when ``None``)."""

    def component_text(self, component_id: str) -> str:
        """The label of component *component_id*."""

    def status_text(self, status: str) -> str:
        """A component status in words (``behind``: 未达标)."""


def or_masks(*masks: npt.NDArray[np.bool_] | None) -> npt.NDArray[np.bool_] | None:
    """Rows set in any of *masks* (``None`` when no mask is given)."""
    present = [m for m in masks if m is not None]
    if not present:
        return None
    out = present[0]
    for m in present[1:]:
        out = out | m
    return out


def span_of(value: BatchValue) -> npt.NDArray[np.float64]:
    """The magnitudes *value*'s float noise is relative to: its ``span``, else ``|data|``."""
    if value.span is not None:
        return value.span
    magnitude: npt.NDArray[np.float64] = np.abs(np.asarray(value.data, dtype=float))
    return magnitude


def is_none(values: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Where an object array holds ``None``."""
    return np.fromiter((v is None for v in values), dtype=bool, count=len(values))


def truth(
    value: BatchValue, size: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_] | None]:
    """A batch value as a condition (missing counts as false), and its doubt."""
    data = rows_of(np.asarray(value.data, dtype=bool), size)
    if value.missing is not None:
        data = data & ~value.missing
    return data, value.doubt


def numeric_or_none(value: ExactValue) -> Fraction | None:
    """Return *value* when it is a number, else ``None``."""
    return value if isinstance(value, Fraction) else None
